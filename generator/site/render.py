"""Jinja2 + markdown-it-py → bytes: a planned page and its context in, the page's bytes out.

The renderer knows nothing of the plan (which pages exist, what they show, how they link):
it holds the templates, the site-wide values and the filters that format what the plan puts
in a page's context. A few outputs are written without a template (the stylesheet and
scripts, the sitemaps, robots.txt).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path

import orjson
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from generator.cable import Cable
from generator.clean import clean_text
from generator.reference.tags import tag_info
from generator.site.addresses import Link, date_url, slug
from generator.site.indexes import term_url
from generator.site.markdown import cable_html, to_html
from generator.site.page import Page
from generator.site.settings import SiteConfig
from generator.site.sitemap import robots, sitemap

ASSETS = ("style.css", "forward.js", "print.js", "search.js", "stem.js", "favicon.svg")


def human_date(value: str | None, with_time: bool = False) -> str:
    """`2007-12-14T09:01:00Z` → `14 Dec 2007` (or `14 Dec 2007, 09:01 UTC`)."""
    if not value:
        return "unknown"
    if not with_time:
        return _day(value[:10])
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return f"{_day(value[:10])}, {moment:%H:%M} UTC"


@cache
def _day(iso_day: str) -> str:
    """`2007-12-14` → `14 Dec 2007`: a list page shows hundreds of dates, most days again."""
    moment = date.fromisoformat(iso_day)
    return f"{moment.day} {moment:%b %Y}"


def escape_text(text: str) -> Markup:
    """`markupsafe.escape`, the same characters the same way, in about half its time on a
    cable's text: five `str.replace` scans beat its loop over every character
    (docs/benchmarks.md). Every cable page shows its whole text."""
    return Markup(
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&#34;")
        .replace("'", "&#39;")
    )


@dataclass(frozen=True)
class Asset:
    """A static file with its content hash in its name, so it can be cached for a year."""

    name: str
    url: str
    data: bytes


def load_assets(static: Path) -> dict[str, Asset]:
    assets = {}
    for name in ASSETS:
        data = (static / name).read_bytes()
        stem, dot, suffix = name.rpartition(".")
        digest = hashlib.sha256(data).hexdigest()[:10]
        assets[name] = Asset(name, f"/assets/{stem}.{digest}{dot}{suffix}", data)
    return assets


class Renderer:
    """Renders the pages of one build: holds the Jinja environment and site-wide values.
    `nav`: the navigation's links, which the plan decides."""

    def __init__(self, templates: Path, config: SiteConfig, nav: Iterable[Link] = ()) -> None:
        self.config = config
        self.assets = load_assets(templates / "static")
        self.env = Environment(
            loader=FileSystemLoader(templates),
            autoescape=select_autoescape(["html", "xml"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # a renderer serves one build: no stat of each template per page
        )
        self.env.filters.update(
            date=human_date,
            datetime=lambda v: human_date(v, with_time=True),
            tag_info=tag_info,
            term_url=term_url,
            term_url_released=lambda day: term_url("released", day),
            slug=slug,
            thousands=lambda n: f"{n:,}",
            cable_html=lambda markdown: Markup(cable_html(markdown)),  # HTML of escaped text
            markdown=lambda markdown: Markup(to_html(markdown)),  # raw HTML switched off
            original=lambda text: escape_text(clean_text(text)),
        )
        self.env.globals.update(
            site=config,
            asset=lambda name: self.assets[name].url,
            nav=list(nav),
            date_url=date_url(),
            absolute=lambda url: config.root + url,
        )
        # Outputs made without a template, by the name the plan gives as their template.
        self.writers: dict[str, Callable[[Page], bytes]] = {
            "asset": lambda page: self.assets[page.context["name"]].data,
            "sitemap": lambda page: sitemap(page.context, config.root),
            "robots": lambda page: robots(config.root),
        }

    def render(self, page: Page) -> bytes:
        """The bytes of a planned page."""
        write = self.writers.get(page.template)
        if write is not None:
            return write(page)
        context = {
            "canonical": page.url,
            "title": None,
            "description": None,
            "crumbs": (),
            **page.context,
        }
        return self.env.get_template(page.template).render(context).encode("utf-8")


def record_json(cable: Cable) -> bytes:
    """The cable's record as its `.json` file: by orjson, several times as fast as the
    standard library's encoder, which with indentation runs in pure Python
    (`python -m bench.record_speed`, docs/benchmarks.md)."""
    return orjson.dumps(cable.to_json(), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
