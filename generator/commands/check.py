"""`cables check`: verify a built site the way a reader and a link checker would.

Every cable in content/ has its page; every page parses as HTML (html5lib, strict), the feed
and sitemaps as XML; every internal link and anchor resolves; the counts the home page shows
agree with the pages there.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

import html5lib

from generator.cable import Cable
from generator.commands.summary import parse_sources
from generator.site.addresses import cable_url, file_for, old_address

_LINK_ATTRIBUTES = ("href", "src")
CABLE_FOLDER = re.compile(r"^\d\d[A-Z]")


def _page_url(site: Path, file: Path) -> str:
    relative = file.relative_to(site).as_posix()
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative.removesuffix("index.html")
    return "/" + relative


def _target_file(site: Path, url_path: str) -> Path | None:
    """The file a site-relative path is served from, or None if nothing is there."""
    path = site / file_for(url_path)
    if path.is_file():
        return path
    if (site / url_path.lstrip("/")).is_dir() and (
        site / url_path.lstrip("/") / "index.html"
    ).is_file():
        return site / url_path.lstrip("/") / "index.html"
    return None


def check_site(source: Path, site: Path) -> tuple[list[str], str]:
    """(problems, one-line summary) for the site built into `site` from `source`."""
    problems: list[str] = []
    if not (site / "index.html").is_file():
        return [f"{site}: no site here (no index.html); build it first"], "nothing checked"
    cables: dict[str, Cable] = {}
    for item in parse_sources([source / "content" / "cables"]):
        if isinstance(item, Cable):
            cables.setdefault(item.id, item)
    for cable in cables.values():
        if _target_file(site, cable_url(cable.id, cable.created)) is None:
            problems.append(
                f"{site}: no page for {cable.id} (expected {cable_url(cable.id, cable.created)})"
            )

    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    ids: dict[Path, set[str]] = {}
    links: list[tuple[Path, str, str]] = []
    counts: dict[str, int] = {}
    pages, copied_wrong = _without_old_addresses(site, sorted(site.rglob("*.html")))
    problems += copied_wrong
    for file in pages:
        try:
            tree = parser.parse(file.read_bytes())
        except html5lib.html5parser.ParseError as error:
            problems.append(f"{file}: does not parse as HTML ({error})")
            continue
        page_ids: set[str] = set()
        url = _page_url(site, file)
        for element in tree.iter():
            if element.get("id"):
                page_ids.add(element.get("id"))
            if element.get("data-count"):
                counts[element.get("data-count")] = int(element.text.replace(",", ""))
            for attribute in _LINK_ATTRIBUTES:
                value = element.get(attribute)
                if value:
                    links.append((file, url, value))
        ids[file] = page_ids

    for file, url, value in links:
        problem = _check_link(site, url, value, ids)
        if problem:
            problems.append(f"{file}: {problem}")

    problems += _check_feeds(site)
    cable_pages = sum(
        1 for f in site.glob("cable/*/*/*/index.html") if CABLE_FOLDER.match(f.parent.name)
    )
    if counts.get("cables") is not None and counts["cables"] != len(cables):
        problems.append(
            f"{site / 'index.html'}: says {counts['cables']} cables, content has {len(cables)}"
        )
    if cable_pages != len(cables):
        problems.append(f"{site}: {cable_pages} cable pages for {len(cables)} cables in content")
    summary = (
        f"{len(pages)} pages parsed, {len(links)} links checked, {len(cables)} cables, "
        f"{len(problems)} problems"
    )
    return problems, summary


def old_copies(site: Path, files: list[Path]) -> dict[Path, Path]:
    """Per page among `files` that has an old address (`addresses.old_address`), the file
    of its copy there: the same page, so to be compared rather than parsed or weighed."""
    copies = {}
    for file in files:
        if file.name == "index.html" and (old := old_address(_page_url(site, file))):
            copies[site / file_for(old)] = file
    return copies


def _without_old_addresses(site: Path, files: list[Path]) -> tuple[list[Path], list[str]]:
    """The pages to parse, and a problem for each copy at an old address that is missing
    or not its page's bytes."""
    problems: list[str] = []
    copies = old_copies(site, files)
    for copy, file in copies.items():
        if not copy.is_file():
            problems.append(f"{copy}: missing, the old address of {file}")
        elif copy.read_bytes() != file.read_bytes():
            problems.append(f"{copy}: not the same as {file}, whose old address it is")
    return [file for file in files if file not in copies], problems


def _check_feeds(site: Path) -> list[str]:
    """feed.xml and the sitemaps as XML (a control character in a subject once made the
    feed unreadable to every feed reader, while every page was fine)."""
    problems = []
    files = [site / "feed.xml", site / "sitemap.xml", *sorted(site.glob("sitemaps/*.xml"))]
    for file in files:
        if not file.is_file():
            problems.append(f"{file}: missing")
            continue
        try:
            ElementTree.parse(file)
        except ElementTree.ParseError as error:
            problems.append(f"{file}: not well-formed XML ({error})")
    return problems


def _check_link(site: Path, page_url: str, value: str, ids: dict[Path, set[str]]) -> str | None:
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or value.startswith(("mailto:", "data:")):
        return None
    absolute = urljoin(page_url, parts.path) if parts.path else page_url
    path = unquote(absolute)
    target = _target_file(site, path)
    if target is None:
        return f"broken link {value!r} (nothing at {path})"
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html" and fragment not in ids.get(target, {fragment}):
        return f"broken anchor {value!r} (no id {parts.fragment!r} in {path})"
    return None
