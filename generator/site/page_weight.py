"""What a page weighs around its own content: markup and stylesheets a reader downloads on
every page, whatever cable or list it shows. `cables check` warns about each page over the
budget (docs/building.md, "Measured on the shared corpus")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

BUDGET = 30_000  # bytes around a page's own content, stylesheets included

# A page's own content: a cable's body and original text, a list's table of cables, an
# overview's lists of terms. What is left is the page's chrome.
OWN_CONTENT = re.compile(
    r'<section class="body".*?</section>|<pre>.*?</pre>'
    r'|<div class="table"><table class="cables">.*?</table></div>|<ul class="terms">.*?</ul>',
    re.S,
)
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


def chrome_bytes(html: str) -> int:
    """Bytes of a page that are not its own content."""
    return len(html.encode()) - sum(len(m.group(0).encode()) for m in OWN_CONTENT.finditer(html))


def page_weight(site: Path, html: str, sizes: dict[str, int]) -> int:
    """A page's chrome plus the stylesheets it links (their sizes kept in `sizes`)."""
    weight = chrome_bytes(html)
    for href in STYLESHEET.findall(html):
        path = urlsplit(href).path
        if path not in sizes:
            file = site / path.lstrip("/")
            sizes[path] = file.stat().st_size if path.startswith("/") and file.is_file() else 0
        weight += sizes[path]
    return weight


def heavy_pages(site: Path, pages: Iterable[Path]) -> list[str]:
    """One line for each page whose chrome and stylesheets exceed the budget."""
    sizes: dict[str, int] = {}
    lines = []
    for file in pages:
        weight = page_weight(site, file.read_text(encoding="utf-8", errors="replace"), sizes)
        if weight > BUDGET:
            lines.append(
                f"{file}: {weight:,} bytes of markup and stylesheets around its own content, "
                f"over the budget of {BUDGET:,}"
            )
    return lines
