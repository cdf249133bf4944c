"""The fields between the classification line and the first paragraph.

`E.O. 12958: DECL:`, `TAGS:`, `SUBJECT:`, `REF:` and `Classified By:` each start a field that
runs over wrapped lines until a blank line or the next field; some cables put several on one
line (`E.o. 12958: decl: 01/07/2014 Tags: prel, pgov Subject: ...`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FIELD_START = re.compile(
    r"^\s*(?:\([A-Z/ ]{1,8}\)\s*)?(?P<name>E\.?\s?O\.?\s?1[23]\d{3}|TAGS|SUBJECT|SUBJ|"
    r"REF(?:TELS?|S)?|CLASSIFIED\s+BY)\b\s*:?\s*",
    re.IGNORECASE,
)
# Fields that start inside a line, as in a line that holds the whole preamble.
INLINE_FIELD = re.compile(r"(?<=\S)\s+(?=(?:E\.O\.\s?1[23]\d{3}|TAGS|SUBJECT)\s*:)", re.IGNORECASE)
# `SENSITIVE`, `SENSITIVE BUT UNCLASSIFIED`, `DEA SENSITIVE`: unclassified but not public.
SENSITIVE = re.compile(r"^\s*(?:[A-Z]+\s+)?SENSITIVE(?:\s+BUT\s+UNCLASSIFIED)?\s*$")
PARAGRAPH_START = re.compile(r"^\s*(?:¶\s*)?\d{1,3}\s?[.)]\s+\S")
CAVEATS = (
    "NOFORN",
    "SIPDIS",
    "EXDIS",
    "NODIS",
    "LIMDIS",
    "STADIS",
    "NOCONTRACT",
    "ORCON",
    "PROPIN",
    "NOFORN/SIPDIS",
)
_CAVEAT_LINE = re.compile(r"^\s*(?:(?:" + "|".join(CAVEATS) + r")[\s,;/]*)+$", re.IGNORECASE)


def kind_of(name: str) -> str:
    """The field a marker names: `REFTEL` is a `REF`, `E.O. 12958` is `DECL`."""
    upper = name.upper()
    if upper.startswith("E"):
        return "DECL"
    if upper.startswith("REF"):
        return "REF"
    if upper.startswith("SUBJ"):
        return "SUBJECT"
    if upper.startswith("CLASSIFIED"):
        return "CLASSIFIED"
    return upper


@dataclass
class Preamble:
    """The raw field values and where the preamble ends in the body lines."""

    fields: dict[str, str] = field(default_factory=dict)
    caveats: list[str] = field(default_factory=list)
    sensitive: bool = False
    end: int = 0


def read_preamble(lines: list[str], start: int) -> Preamble:
    """Fields from `lines[start:]`, stopping at the first paragraph or after the fields' block."""
    preamble = Preamble()
    current: str | None = None
    index = start
    limit = min(len(lines), start + 60)
    while index < limit:
        line = lines[index]
        stripped = line.strip()
        if PARAGRAPH_START.match(line):
            break
        if not stripped:
            current = None
            index += 1
            continue
        after_fields = current is None and "SUBJECT" in preamble.fields
        if after_fields and not FIELD_START.match(line) and not _CAVEAT_LINE.match(stripped):
            break
        for piece in INLINE_FIELD.split(line):
            current = _read_piece(preamble, piece, current)
        index += 1
    preamble.end = index
    return preamble


def _read_piece(preamble: Preamble, piece: str, current: str | None) -> str | None:
    """Take one line (or the part of one that a field starts) and say which field is open."""
    stripped = piece.strip()
    match = FIELD_START.match(piece)
    if match:
        name = kind_of(match["name"])
        value = piece[match.end() :].strip()
        if name not in preamble.fields:
            preamble.fields[name] = value
        elif name == "REF":
            preamble.fields[name] += "; " + value
        return name
    if SENSITIVE.match(stripped.upper()):
        preamble.sensitive = True
        return None
    if _CAVEAT_LINE.match(stripped):
        for word in re.split(r"[\s,;/]+", stripped.upper()):
            if word and word not in preamble.caveats:
                preamble.caveats.append(word)
        return None
    if current is not None:
        preamble.fields[current] = (preamble.fields[current] + " " + stripped).strip()
    return current
