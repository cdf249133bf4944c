"""The REF line: each item as written and, where it names a cable, that cable's reference ID."""

from __future__ import annotations

import re

from generator.cable import Reference

# Item markers: `A.`, `B)`, `(C)` at the start or after a separator.
_ITEM_MARKER = re.compile(r"(?:^|(?<=[\s;,:]))\(?([A-Z])[.)]\s+")
_CABLE = re.compile(
    r"^(?:(?P<year>\d{4}|\d\d)\s+)?(?P<station>[A-Z][A-Z]+(?:\s[A-Z]+){0,2}?)\s+0*(?P<serial>\d{1,7})\b"
)
# Words that look like a station but never are one (`E-MAIL 12`, `PARA 3`).
_NOT_STATIONS = {"PARA", "PARAS", "PAGE", "NO", "NUMBER", "TEL", "REFTEL", "SECTION", "DATED", "OF"}


def read_references(value: str, year: int) -> tuple[Reference, ...]:
    """Items of the text after `REF:`; a cable named without a year is of the citing year."""
    value = " ".join(value.replace("¶", " ").split())
    if not value:
        return ()
    parts = [p.strip(" ;,:") for p in _ITEM_MARKER.split(value)]
    items: list[str] = []
    if len(parts) > 1:
        if parts[0]:
            items.extend(_split_plain(parts[0]))
        for letter, text in zip(parts[1::2], parts[2::2], strict=False):
            items.append(f"{letter}. {text}".strip())
    else:
        items = _split_plain(value)
    return tuple(Reference(text=item, id=_cable_id(item, year)) for item in items if item)


def _split_plain(value: str) -> list[str]:
    """Items without letters are separated by `;`, `:` or commas between cable names."""
    return [
        p.strip()
        for p in re.split(r"\s*[;:]\s+|\s*,\s+(?=\d{0,4}\s*[A-Z]+\s+\d)", value)
        if p.strip()
    ]


def _cable_id(item: str, year: int) -> str | None:
    text = re.sub(r"^[A-Z][.)]\s+", "", item.upper())
    match = _CABLE.match(text)
    if not match:
        return None
    station = match["station"].replace(" ", "")
    if station in _NOT_STATIONS or len(station) < 3:
        return None
    cited_year = match["year"]
    yy = year % 100 if cited_year is None else int(cited_year) % 100
    return f"{yy:02d}{station}{int(match['serial'])}"
