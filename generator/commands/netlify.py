"""netlify.toml read the way Netlify applies it, so the local server and the tests behave
like the deployed site: the same headers, the same redirects."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

# What a placeholder's value keeps unquoted in a Location: the characters of the site's own
# addresses and of the 2010 site's (`07PARIS1.html`, `PREF_0.html`, `2010-12-01_0.html`).
_KEPT = "-._~"


@dataclass(frozen=True)
class NetlifyConfig:
    """The header and redirect rules of a netlify.toml."""

    headers: list[dict]
    redirects: list[dict]

    @classmethod
    def load(cls, path: Path) -> NetlifyConfig:
        data = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        return cls(data.get("headers", []), data.get("redirects", []))

    def headers_for(self, path: str) -> dict[str, str]:
        """Every matching rule's headers. A header two rules set is sent with both values
        joined, as a host that combines them would: netlify.toml must not do that."""
        merged: dict[str, str] = {}
        for rule in self.rules_for(path):
            for name, value in rule["values"].items():
                merged[name] = f"{merged[name]}, {value}" if name in merged else str(value)
        return merged

    def rules_for(self, path: str) -> list[dict]:
        """The header rules whose `for` matches `path`, in the file's order."""
        return [rule for rule in self.headers if _matches(rule["for"], path)]

    def redirect_for(self, path: str) -> tuple[str, int] | None:
        """(target, status) of the first rule matching `path`; placeholders match one whole
        segment, a trailing `*` the rest. Call only for paths where no file exists."""
        segments = path.strip("/").split("/")
        for rule in self.redirects:
            target = _match(rule["from"], segments)
            if target is not None:
                values, splat = target
                to = rule["to"]
                for name, value in sorted(values.items(), key=lambda kv: -len(kv[0])):
                    to = to.replace(f":{name}", quote(value, safe=_KEPT))
                return to.replace(":splat", quote(splat, safe="/" + _KEPT)), int(
                    rule.get("status", 301)
                )
        return None


def _matches(pattern: str, path: str) -> bool:
    return re.fullmatch(re.escape(pattern).replace(r"\*", ".*"), path) is not None


def _match(pattern: str, segments: list[str]) -> tuple[dict[str, str], str] | None:
    wanted = pattern.strip("/").split("/")
    values: dict[str, str] = {}
    for index, want in enumerate(wanted):
        if want == "*":
            return values, "/".join(segments[index:])
        if index >= len(segments):
            return None
        if want.startswith(":"):
            values[want[1:]] = segments[index]
        elif want != segments[index]:
            return None
    return (values, "") if len(wanted) == len(segments) else None
