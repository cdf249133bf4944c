"""`sitemap.xml`, and a sitemap index over several files once there are more than 50,000 URLs
(the sitemaps protocol's limit per file)."""

from __future__ import annotations

from collections.abc import Iterator
from xml.sax.saxutils import escape

PER_FILE = 50_000
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def _urlset(urls: list[str], root: str) -> bytes:
    lines = [_HEAD, f"<urlset {_NS}>\n"]
    lines += [f"<url><loc>{loc}</loc></url>\n" for loc in _escaped(urls, root)]
    lines.append("</urlset>\n")
    return "".join(lines).encode("utf-8")


def _escaped(urls: list[str], root: str) -> list[str]:
    """Each address in full, escaped for XML: escaped all at once (a quarter of a million
    calls cost a good part of a rebuild), unless an address holds the line break that
    separates them."""
    text = "\n".join(root + url for url in urls)
    if text.count("\n") == len(urls) - 1:
        return escape(text).split("\n") if urls else []
    return [escape(root + url) for url in urls]


def sitemap_files(
    urls: list[str], root: str, per_file: int = PER_FILE
) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes) of the sitemap, or of the index and its parts."""
    if len(urls) <= per_file:
        yield "sitemap.xml", _urlset(urls, root)
        return
    parts = [urls[i : i + per_file] for i in range(0, len(urls), per_file)]
    index = [_HEAD, f"<sitemapindex {_NS}>\n"]
    for number, part in enumerate(parts, 1):
        name = f"sitemaps/sitemap-{number}.xml"
        yield name, _urlset(part, root)
        index.append(f"<sitemap><loc>{escape(root)}/{name}</loc></sitemap>\n")
    index.append("</sitemapindex>\n")
    yield "sitemap.xml", "".join(index).encode("utf-8")
