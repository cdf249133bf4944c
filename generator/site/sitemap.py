"""`sitemap.xml`, and a sitemap index over several files once there are more than 50,000 URLs
(the sitemaps protocol's limit per file)."""

from __future__ import annotations

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


def sitemap_parts(urls: list[str], per_file: int = PER_FILE) -> list[tuple[str, dict]]:
    """(address, what it lists) of the sitemap, or of its parts and the index over them."""
    if len(urls) <= per_file:
        return [("/sitemap.xml", {"urls": urls})]
    parts = [urls[i : i + per_file] for i in range(0, len(urls), per_file)]
    names = [f"/sitemaps/sitemap-{number}.xml" for number in range(1, len(parts) + 1)]
    return [*((name, {"urls": part}) for name, part in zip(names, parts, strict=True)),
            ("/sitemap.xml", {"parts": names})]  # fmt: skip


def sitemap(listed: dict, root: str) -> bytes:
    """A sitemap of `listed["urls"]`, or an index of the sitemaps `listed["parts"]`."""
    if "parts" not in listed:
        return _urlset(listed["urls"], root)
    index = [_HEAD, f"<sitemapindex {_NS}>\n"]
    for name in listed["parts"]:
        index.append(f"<sitemap><loc>{escape(root)}{name}</loc></sitemap>\n")
    index.append("</sitemapindex>\n")
    return "".join(index).encode("utf-8")


def robots(root: str) -> bytes:
    """robots.txt: everything may be crawled; where the sitemap is."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {root}/sitemap.xml\n".encode()
