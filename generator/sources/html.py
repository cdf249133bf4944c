"""Pages of the original 2010 site (`cable/YYYY/MM/<ID>.html`).

The metadata sits in `<table class='cable'>` (reference ID, created, released, classification,
origin); the text in `<pre>` blocks, header first, with tag links and `¶` anchors in it that
are the site's additions, not the cable's, and are dropped.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from generator.files import read_regular, reason
from generator.sources import LARGEST_CABLE, SourceCable, SourceError
from generator.sources.decode import DecodeError, decode

_COLUMNS = ("id", "created", "released", "classification", "origin")


class _CablePage(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[str] = []
        self.pres: list[str] = []
        self._in_table = False
        self._cell: list[str] | None = None
        self._pre: list[str] | None = None
        self._in_pilcrow = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and ("class", "cable") in attrs:
            self._in_table = True
        elif tag == "td" and self._in_table:
            self._cell = []
        elif tag == "pre":
            self._pre = []
        elif tag == "a" and self._pre is not None:
            self._in_pilcrow = any(k == "id" and (v or "").startswith("par") for k, v in attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_table = False
        elif tag == "td" and self._cell is not None:
            self.cells.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "pre" and self._pre is not None:
            self.pres.append("".join(self._pre))
            self._pre = None
        elif tag == "a":
            self._in_pilcrow = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._pre is not None and not self._in_pilcrow:
            self._pre.append(data)


def read_html(path: Path) -> SourceCable | SourceError:
    """One cable page of the 2010 site."""
    try:
        page = _CablePage()
        page.feed(decode(read_regular(str(path), LARGEST_CABLE)))
        page.close()
    except OSError as error:
        return SourceError(str(path), reason(error))
    except DecodeError as error:
        return SourceError(str(path), str(error))
    if len(page.cells) < len(_COLUMNS) or not page.pres:
        return SourceError(str(path), "not a cable page of the 2010 site (no cable table or text)")
    facts = dict(zip(_COLUMNS, page.cells, strict=False))
    text = "\n\n".join(pre.rstrip("\n") for pre in page.pres) + "\n"
    return SourceCable(str(path), text, facts)
