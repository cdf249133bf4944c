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
    """One cable, parsed. Keys mirror `cables parse --json` (docs/record.md says where each
    comes from); unknown values are None or empty."""

    id: str
    """The canonical reference ID: `07ULAANBAATAR693`."""
    created: str | None = None
    """When it was sent, ISO 8601 UTC: the date-time group, else the source's date."""
    released: str | None = None
    """When it was published, ISO 8601 UTC: from the source."""
    added: str | None = None
    """When it was added to this collection, ISO 8601 UTC: `cables import` records it in
    front matter. A cable is published on the site at its release date, else at this."""
    precedence: str | None = None
    """FLASH, IMMEDIATE, PRIORITY or ROUTINE: the letters before the date-time group, else
    the word on the `TO` line."""
    origin: str | None = None
    """The sending post as a reader names it: `Embassy Ulaanbaatar`."""
    station: str | None = None
    """The post's code in the ID: `ULAANBAATAR`."""
    to: tuple[str, ...] = ()
    """Recipients for action, in order."""
    info: tuple[str, ...] = ()
    """Recipients for information, in order."""
    classification: str | None = None
    """One of `LEVELS`."""
    caveats: tuple[str, ...] = ()
    """Handling caveats (`SIPDIS`, `NOFORN`), once each."""
    section: int | None = None
    """This text's section of a cable sent in several (`SECTION 01 OF 02`)."""
    sections: int | None = None
    """How many sections the cable was sent in."""
    declassify: str | None = None
    """When it may be declassified: a day (`2017-12-14`), else as written (`N/A`,
    `1.6X1`)."""
    tags: tuple[str, ...] = ()
    """The TAGS codes, in order."""
    countries: tuple[Country, ...] = ()
    """The tags that are countries (FIPS 10-4), named."""
    subject: str | None = None
    """The SUBJECT line, joined across its wrapped lines."""
    references: tuple[Reference, ...] = ()
    """The REF items, each with the ID of the cable it names where it names one."""
    classified_by: str | None = None
    """Who classified it, as the `Classified By:` line says (`Ambassador Mark C.
    Minton`)."""
    reasons: str | None = None
    """The reasons for classifying it (`1.4(d)`)."""
    summary: str | None = None
    """The summary paragraph, without its marking."""
    paragraphs: tuple[Paragraph, ...] = ()
    """The numbered paragraphs."""
    signature: str | None = None
    """The name it closes with."""
    people: tuple[Person, ...] = ()
    """The people it names as its signer, who classified it and in its tags."""
    body_markdown: str = ""
    """The body as Markdown, the cable's own text escaped (docs/record.md)."""
    text: str = ""
    """The text as the source has it."""
    synthetic: bool = False
    """Made for benchmarks from real texts: no real document."""

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
