"""The full release's `cables.csv`: 8 columns, no header, every field quoted, `\\` escapes.

Columns: row number, created (`MM/DD/YYYY HH:MM`), reference ID, origin, classification,
references, header, body. Read as a stream, row by row, so memory stays flat on 1.7 GB.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from generator.sources import LARGEST_CABLE, SourceCable, SourceError
from generator.sources.decode import repair_surrogates

csv.field_size_limit(sys.maxsize)
_COLUMNS = 8
# The start of a row (`"2","12/14/2007 09:01","07PARIS2"`) inside another row's fields: an
# unbalanced quote ran that row on into the next ones.
_ROW_START = re.compile(
    r'\n"?(\d{1,7})"?,"?\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d\d"?,"?(\d\d[A-Z][A-Z-]*\d+)'
)


def _rows(handle) -> Iterator[list[str]]:
    return csv.reader(handle, doublequote=False, escapechar="\\", strict=False)


def looks_like_release_csv(path: Path) -> bool:
    """Whether the file's first row has the release's 8 columns with an ID in the third."""
    try:
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            first = next(_rows(handle), [])
    except (OSError, csv.Error):
        return False
    return len(first) == _COLUMNS and first[0].isdigit() and first[2][:2].isdigit()


def read_release_csv(path: Path) -> Iterator[SourceCable | SourceError]:
    """Each row as a cable; a malformed row is reported by its row number and skipped."""
    try:
        handle = path.open(encoding="utf-8", errors="surrogateescape", newline="")
    except OSError as error:
        yield SourceError(str(path), str(error))
        return
    with handle:
        rows = _rows(handle)
        line = 0
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as error:
                yield SourceError(f"{path}:{rows.line_num}", f"malformed CSV: {error}")
                continue
            line += 1
            label = f"{path}:{row[0][:12] if row and row[0][:8].isdigit() else f'row {line}'}"
            swallowed = _ROW_START.findall(",".join(row[5:]))
            if swallowed:
                number, cable_id = swallowed[0]
                more = f" and {len(swallowed) - 1} more" if len(swallowed) > 1 else ""
                yield SourceError(
                    label,
                    f"an unbalanced quote runs this row on into row {number} ({cable_id})"
                    f"{more}; they are left out (fix the quote and import again)",
                )
                continue
            if len(row) != _COLUMNS:
                yield SourceError(label, f"has {len(row)} columns, expected {_COLUMNS}")
                continue
            if sum(map(len, row)) > LARGEST_CABLE:
                yield SourceError(
                    label, f"more than the {LARGEST_CABLE // 2**20} MB a cable may hold"
                )
                continue
            _, created, cable_id, origin, classification, _refs, header, body = row
            text = header.rstrip("\n") + "\n\n" + body
            text = repair_surrogates(text)
            facts = {
                "id": cable_id,
                "created": created,
                "origin": origin,
                "classification": classification,
            }
            yield SourceCable(label, text, facts)
