"""The site's settings, `content/site.yaml`, validated up front with messages that name the key."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import yaml

from generator.clean import clean_text, one_line


class ConfigError(ValueError):
    """A setting that is missing, unknown or of the wrong kind."""


SEARCH = ("search_shard_size", "search_budget_kb")


@dataclass(frozen=True)
class SiteConfig:
    """What a maintainer sets for the whole site."""

    title: str = "Diplomatic cables"
    description: str = "A published collection of diplomatic cables."
    base_url: str = "http://localhost:8000"
    list_limit: int = 500
    feed_size: int = 50
    latest: int = 20
    search_shard_size: int = 4000
    # Index bytes (KB) a search may download before the reader asks for every period.
    search_budget_kb: int = 100

    def every_page(self) -> tuple[tuple[str, object], ...]:
        """The settings every page depends on: all but those of search, which only the
        search page and the shards depend on (each fingerprinted with them), so that
        changing them neither renders nor indexes the whole site again."""
        return tuple((f.name, getattr(self, f.name)) for f in fields(self) if f.name not in SEARCH)

    @property
    def root(self) -> str:
        return self.base_url.rstrip("/")


def load_config(path: Path, base_url: str | None = None) -> SiteConfig:
    """Read `site.yaml`; `base_url` (from the command line or Netlify's URL) wins."""
    data: dict = {}
    if path.exists():
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, ValueError, TypeError, RecursionError) as error:
            raise ConfigError(one_line(f"{path}: not valid YAML ({error})")) from None
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: expected keys and values")
    known = {f.name: f for f in fields(SiteConfig)}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(f"{path}: unknown key {key!r} (known: {', '.join(known)})")
        kind = int if known[key].type == "int" else str
        wrong = not isinstance(value, kind) or isinstance(value, bool)  # YAML's yes is a bool
        if wrong or (kind is int and value < 1):
            raise ConfigError(
                f"{path}: {key} must be a {'positive number' if kind is int else 'text'}"
            )
    if base_url:
        data["base_url"] = base_url
    cleaned = {k: clean_text(v) if isinstance(v, str) else v for k, v in data.items()}
    return SiteConfig(**cleaned)
