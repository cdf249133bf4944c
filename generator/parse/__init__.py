"""Text → Cable. Pure: the same text and source facts always give the same record.

The header, preamble, tags, references and body each have a module; this one decides the
order and how text, the source's own metadata (`facts`: HTML table, CSV columns) and a
maintainer's front matter (`overrides`, which win) combine.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import fields, replace
from typing import Any

from generator.cable import (
    LEVELS,
    Cable,
    Country,
    Paragraph,
    Reference,
    classification_level,
    id_year,
)
from generator.clean import clean_text
from generator.dates import DateError, iso_utc, us_day
from generator.parse.body import read_body, remove_page_breaks
from generator.parse.cable_id import NoIdInText, id_from_text
from generator.parse.classified import classified_in_body, read_classified
from generator.parse.header import (
    find_classification_line,
    find_dtg,
    read_routing,
    zny_level,
)
from generator.parse.people import people_of
from generator.parse.preamble import read_preamble
from generator.parse.references import read_references
from generator.parse.tags import read_tags
from generator.reference.countries import countries_of
from generator.reference.posts import origin_from_sender, origin_from_station

# Year, station (at most 30 letters; real ones at most 18), serial (seven digits).
CABLE_ID = re.compile(r"^(\d\d)([A-Z][A-Z-]{0,28}[A-Z])0*(\d{1,7})$")


class CableError(ValueError):
    """A text that cannot become a cable; the message says what is wrong, for one line."""


class MissingIdError(CableError):
    """A text whose reference ID neither its source nor its text tells: ask for it."""


def canonical_id(text: str) -> str | None:
    """`07 ULAANBAATAR 000693` or `07ULAANBAATAR693` → `07ULAANBAATAR693`, or None."""
    if len(text) > 200:
        return None
    match = CABLE_ID.match(re.sub(r"\s+", "", text.upper()))
    if not match:
        return None
    return f"{match[1]}{match[2]}{int(match[3])}"


def parse_cable(
    text: str,
    *,
    facts: Mapping[str, Any] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Cable:
    """Parse one cable's text. `facts` fill what the text lacks; `overrides` win over it."""
    facts = {k: clean_text(v) if isinstance(v, str) else v for k, v in (facts or {}).items()}
    overrides = dict(overrides or {})
    if not text.strip():
        raise CableError("empty text")
    if "\x00" in text:
        raise CableError("binary content (NUL bytes), not a cable text")
    # What the record derives from the text, it derives from the text cleaned of control
    # and invisible characters; `text` keeps them (the cable's `.txt`).
    lines = clean_text(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")

    class_line = find_classification_line(lines)
    split = class_line.index if class_line else _first_blank(lines)
    header, body_lines = lines[:split], lines[split:]
    created, dtg_precedence = find_dtg(header or lines[:30])
    if created is None:  # a classification-like line above the routing (a mail export's)
        created, dtg_precedence = find_dtg(lines[:40])
    routing = read_routing(header)

    cable_id = _cable_id(facts, overrides, lines, class_line, created)
    year = id_year(cable_id)
    station = CABLE_ID.match(cable_id)[2]  # type: ignore[index]

    body_lines = remove_page_breaks(body_lines)
    pre = read_preamble(body_lines, 1 if class_line else 0)
    values = pre.fields
    tags = read_tags(values.get("TAGS", ""))
    sensitive = pre.sensitive or bool(class_line and "SENSITIVE" in class_line.rest.upper())
    level = _level(class_line.level if class_line else None, zny_level(lines), sensitive)
    caveats = tuple(pre.caveats)
    body = read_body(body_lines[: pre.end], body_lines[pre.end :])
    classified_by, reasons = read_classified(
        values.get("CLASSIFIED") or classified_in_body([p.text for p in body.paragraphs[:2]])
    )

    parsed = Cable(
        id=cable_id,
        created=created or _iso(facts.get("created")),
        released=_iso(facts.get("released")),
        added=_iso(facts.get("added")),
        precedence=dtg_precedence or routing.precedence,
        origin=(origin_from_sender(routing.sender) if routing.sender else None)
        or facts.get("origin")
        or origin_from_station(station),
        station=station,
        to=routing.to,
        info=routing.info,
        classification=level or _level_fact(facts.get("classification")),
        caveats=caveats,
        section=class_line.section if class_line else None,
        sections=class_line.sections if class_line else None,
        declassify=_declassify(values.get("DECL")),
        tags=tags,
        countries=countries_of(tags),
        subject=_subject(values.get("SUBJECT")),
        references=read_references(values.get("REF", ""), year),
        classified_by=classified_by,
        reasons=reasons,
        summary=body.summary,
        paragraphs=body.paragraphs,
        signature=body.signature,
        people=people_of(body.signature, classified_by, values.get("TAGS")),
        body_markdown=body.markdown,
        text=text,
        synthetic=bool(facts.get("synthetic")),
    )
    return _apply(parsed, overrides)


def _first_blank(lines: list[str]) -> int:
    """Without a classification line, the header ends at the first blank line after `FM`."""
    seen_sender = False
    for index, line in enumerate(lines[:80]):
        seen_sender = seen_sender or line.startswith("FM ")
        if seen_sender and not line.strip():
            return index
    return 0


def _cable_id(
    facts: Mapping[str, Any], overrides: Mapping[str, Any], lines: list[str], class_line, created
) -> str:
    """The source's ID where it gives one (the release's canonical), else the text's."""
    for given in (overrides.get("id"), facts.get("id")):
        if given:
            cable_id = canonical_id(str(given))
            if cable_id is None:
                raise CableError(f"{given!r} is not a cable reference ID")
            return cable_id
    try:
        found = id_from_text(lines, class_line, created)
    except NoIdInText as why:
        raise MissingIdError(f"no reference ID found: {why}") from None
    cable_id = canonical_id(found)
    if cable_id is None:
        raise MissingIdError(f"no reference ID found: the text names {found}, not a valid one")
    return cable_id


def _level(line_level: str | None, zny: str | None, sensitive: bool) -> str | None:
    level = line_level or zny
    if level == "UNCLASSIFIED" and sensitive:
        return "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    return level


def _level_fact(value: Any) -> str | None:
    """The level part of a source's classification (`SECRET//NOFORN` → `SECRET`)."""
    return classification_level(str(value)) if value else None


def _iso(value: Any) -> str | None:
    """A source's date (`2010-12-08 21:09`, `12/28/1966 18:06`, a YAML date) as ISO UTC."""
    try:
        return iso_utc(value)
    except DateError as error:
        raise CableError(str(error)) from None


def _declassify(value: str | None) -> str | None:
    """`DECL: 12/14/2017` → `2017-12-14`; anything that is no date stays as written."""
    if not value:
        return None
    text = re.sub(r"^\s*:?\s*(?:DECL(?:ASSIFY)?\b\s*:?\s*(?:ON\s*:?\s*)?)?", "", value, flags=re.I)
    text = " ".join(text.split()).rstrip(".")
    return us_day(text) or text or None


def _subject(value: str | None) -> str | None:
    if not value:
        return None
    return " ".join(value.split()) or None


_LIST_FIELDS = {"to", "info", "caveats"}


def _apply(cable: Cable, overrides: Mapping[str, Any]) -> Cable:
    """A maintainer's front matter wins over the parse, key by key. The values are those
    `sources.front_matter` checked: text, lists of text, numbers, ISO dates, or null."""
    names = {f.name for f in fields(Cable)} - {"text", "body_markdown", "paragraphs"}
    changes: dict[str, Any] = {}
    tags_text: str | None = None  # the TAGS the front matter gives, as a TAGS line
    for key, value in overrides.items():
        if key not in names or key == "id":
            continue
        if key in ("created", "released", "added"):
            value = _iso(value)
        elif key == "tags":
            tags_text = " ".join(value or ()) if not isinstance(value, str) else value
            value = read_tags(tags_text)
            if "countries" not in overrides:  # else the front matter names them itself
                changes["countries"] = countries_of(value)
        elif key in _LIST_FIELDS:
            value = tuple(str(v) for v in value or ())
        elif key == "references":
            value = tuple(Reference(text=str(v), id=canonical_id(str(v))) for v in value or ())
        elif key == "countries":
            value = tuple(Country(str(c), str(c)) for c in value or ())
        elif key == "synthetic":
            value = bool(value)
        changes[key] = value
    if {"signature", "classified_by"} & changes.keys() or tags_text is not None:
        signature = changes.get("signature", cable.signature)
        classified_by = changes.get("classified_by", cable.classified_by)
        if tags_text is None:
            tagged = tuple(p for p in cable.people if p.role == "tagged")
        else:
            tagged = people_of(None, None, tags_text)
        changes["people"] = tuple(dict.fromkeys(people_of(signature, classified_by, None) + tagged))
    return replace(cable, **changes) if changes else cable


__all__ = ["LEVELS", "CableError", "MissingIdError", "Paragraph", "canonical_id", "parse_cable"]
