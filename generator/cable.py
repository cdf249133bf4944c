"""The Cable record: everything the site knows about one cable, and its small value types.

Parsing fills it, every later stage only reads it; it is frozen so that a record can be
cached, compared and shared between worker processes without surprises.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from generator.clean import clean_text
from generator.dates import expand_year

# The classifications a record may carry, lowest first.
LEVELS = (
    "UNCLASSIFIED",
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "LIMITED OFFICIAL USE",
    "CONFIDENTIAL",
    "SECRET",
    "TOP SECRET",
)


def classification_level(text: str) -> str | None:
    """A classification as the record writes it (`secret//noforn` → `SECRET`), or None."""
    text = text.upper().strip()
    if text in LEVELS:
        return text
    head = text.split("//")[0].strip()
    return head if head in LEVELS else None


@dataclass(frozen=True)
class Country:
    """A geographic tag (FIPS 10-4 code) with the name a reader knows."""

    code: str
    name: str


@dataclass(frozen=True)
class Reference:
    """One item of a cable's REF line, as written, and the cable it names where it names one."""

    text: str
    id: str | None = None


@dataclass(frozen=True)
class Person:
    """Someone the cable names where it says who they are, as written, and in which role:
    `signer` (the closing name), `classifier` (who classified it), `tagged` (a person in
    the TAGS line)."""

    name: str
    role: str


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph: its number as printed, its classification marking, its text."""

    number: str
    marking: str | None
    text: str

    @property
    def anchor(self) -> str:
        """The stable fragment a reader can cite; the original 2010 site used the same."""
        return f"par{self.number}"


@dataclass(frozen=True)
class Cable:
    """One cable, parsed. Keys mirror `cables parse --json`; unknown values are None or empty."""

    id: str
    created: str | None = None
    released: str | None = None
    precedence: str | None = None
    origin: str | None = None
    station: str | None = None
    to: tuple[str, ...] = ()
    info: tuple[str, ...] = ()
    classification: str | None = None
    caveats: tuple[str, ...] = ()
    section: int | None = None
    sections: int | None = None
    declassify: str | None = None
    tags: tuple[str, ...] = ()
    countries: tuple[Country, ...] = ()
    subject: str | None = None
    references: tuple[Reference, ...] = ()
    classified_by: str | None = None
    reasons: str | None = None
    summary: str | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    signature: str | None = None
    people: tuple[Person, ...] = ()
    body_markdown: str = ""
    text: str = ""
    synthetic: bool = False

    @property
    def year(self) -> int:
        """The year in the reference ID: stable even when the created date is unknown."""
        return id_year(self.id)

    def to_json(self) -> dict[str, Any]:
        """The record as plain JSON types, in the documented key order: what `asdict` gives,
        without its deep copies of every value (a build makes one for every cable). The text
        without control and invisible characters (generator/clean.py)."""
        out: dict[str, Any] = {}
        for name in _FIELDS[Cable]:
            value = getattr(self, name)
            out[name] = [_plain(item) for item in value] if type(value) is tuple else value
        out["text"] = clean_text(self.text)  # the `.txt` keeps what this leaves out
        return out


def _plain(item: object) -> object:
    """A Country, Reference, Person or Paragraph as a dict of its fields; a string as it is."""
    names = _FIELDS.get(type(item))
    return item if names is None else {name: getattr(item, name) for name in names}


def id_year(cable_id: str) -> int:
    """Expand the two-digit year that starts every reference ID (66 is 1966, 07 is 2007)."""
    return expand_year(int(cable_id[:2]))


# The field names of each record type, in order.
_FIELDS = {
    kind: tuple(f.name for f in fields(kind))
    for kind in (Cable, Country, Reference, Person, Paragraph)
}
