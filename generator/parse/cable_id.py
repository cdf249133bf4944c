"""The reference ID from the text alone: the year, the station and the serial, each taken from
every place of the text that names it, and given only when those places agree.

A wrong ID is worse than none (the cable takes another cable's place), so a text whose
routing and classification line name two different cables, or that names its serial only in a
form that may have lost digits, gets no ID: the import asks for it instead (docs/parser.md,
"The reference ID from the text alone").

Where the text names them:
- the classification line, `C O N F I D E N T I A L SECTION 01 OF 02 ULAANBAATAR 000693`;
- the page headers of later pages, `TEL AVIV 00002502 002 OF 004` (the station cut to ten
  characters), and the `PAGE 01 HARARE 06677 01 OF 03` header of partial extracts;
- the routing line `DE RUEHUM #0693/01 3480901`: the serial's last four digits only;
- the `FM` line, whose post names the station;
- the date-time group, whose year is the ID's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from generator.parse.header import DTG, ClassificationLine, dtg_iso
from generator.reference.data import read_table
from generator.reference.posts import origin_from_sender, origin_from_station, stations

_DE = re.compile(r"^\s*DE\s+R[A-Z]{3,6}\s*#\s*(\d{1,6})\b")
_FM = re.compile(r"^\s*FM\s+(\S.*?)\s*$")
_PAGE_HEADER = re.compile(r"^\s*([A-Z][A-Z .'-]{0,9}?)\s+(\d{8})\s+\d{3}\s+OF\s+\d{3}\b")
_OLD_PAGE_HEADER = re.compile(
    r"^\s*PAGE\s+\d\d\s+([A-Z][A-Z .'-]{0,9}?)\s+(\d{4,6})\s+\d\d\s+OF\s+\d\d\b"
)
_SECTION = re.compile(r"\bSECTION\s+\d+\s+OF\s+\d+\b", re.IGNORECASE)
# A station and serial opening what follows the level, with more text after two spaces.
_LEADING_STATION_SERIAL = re.compile(r"^([A-Z][A-Z .'-]*?[A-Z])\s+0*(\d{1,7})(?:\s{2,}|$)")
_POST_PREFIX = re.compile(r"^(?:AMEMBASSY|AMCONSUL|USMISSION|USINT|USOFFICE)\s+(.+)$")
_PAGE_STATION_WIDTH = 10  # page headers cut the station to this many characters
_ROUTING_DIGITS = 10_000  # the routing line keeps the serial's last four digits


class NoIdInText(ValueError):
    """The text alone does not tell its reference ID; the message says why, for one line."""


@dataclass(frozen=True)
class _Named:
    """What one place of the text says: the station (or its first letters) and the serial."""

    where: str
    station: str | None
    serial: int
    station_cut: bool = False  # the station may be only its first letters


def id_from_text(
    lines: list[str], class_line: ClassificationLine | None, created: str | None
) -> str:
    """The reference ID the text names, or NoIdInText saying why it cannot tell."""
    year = _year(lines, created)
    named = _named(lines, class_line)
    routing_serial = _routing_serial(lines)
    sender = _sender(lines)
    serials = {n.serial for n in named}
    if len(serials) > 1:
        raise NoIdInText("the text names two serials: " + _list(named))
    station = next((n.station for n in named if n.station and not n.station_cut), None)
    if station is not None and sender is not None and not _sender_names(sender, station):
        raise NoIdInText(f"its FM line ({sender}) and {_list(named)} name two posts")
    if station is None and sender is not None:
        station = station_of_sender(sender)
    if station is None:
        cut = next((n for n in named if n.station), None)
        if cut is None or cut.station_cut:
            raise NoIdInText("it names no station (no classification line, no FM line)")
        station = cut.station
    code = _letters(station)
    for place in named:  # a page header's station may be cut (BUENOS AIR) or short (DUBAI)
        if place.station and _letters(place.station) not in code:
            raise NoIdInText(f"it names two stations: {station} and {place.station}")
    if serials:
        serial = serials.pop()
        if routing_serial is not None and serial % _ROUTING_DIGITS != routing_serial:
            raise NoIdInText(
                f"its routing line (#{routing_serial:04d}) and {_list(named)} name two cables"
            )
    elif routing_serial is not None:
        if code in long_serial_stations():
            raise NoIdInText(
                f"only its routing line names the serial, by its last four digits "
                f"(#{routing_serial:04d}), and {code} numbered past 9,999 in a year"
            )
        serial = routing_serial
    else:
        raise NoIdInText("it names no serial (no classification line, page or routing line)")
    if year is None:
        raise NoIdInText(f"it names {code} {serial} but no date-time group to give the year")
    return f"{year}{code}{serial}"


def _year(lines: list[str], created: str | None) -> str | None:
    """The two-digit year of the date-time group; the routing's, where the header has none."""
    routing = _routing_dtg(lines)
    if created and routing and created[2:4] != routing[2:4]:
        raise NoIdInText(f"its date-time groups name two years ({created[:4]}, {routing[:4]})")
    found = created or routing
    return found[2:4] if found else None


def _routing_dtg(lines: list[str]) -> str | None:
    """The date-time group on the line just before the routing header's `FM` line."""
    index = _fm_index(lines)
    match = DTG.search(lines[index - 1]) if index else None
    return dtg_iso(match) if match else None


def _fm_index(lines: list[str]) -> int | None:
    """Where the routing header's `FM` line is: one followed by a `TO` line, so that a
    paragraph opening with `FM` (a Foreign Minister) is never taken for it."""
    for index, line in enumerate(lines[:200]):
        if _FM.match(line) and index + 1 < len(lines) and lines[index + 1].startswith("TO "):
            return index
    return None


def _named(lines: list[str], class_line: ClassificationLine | None) -> list[_Named]:
    """Each place that names a station and a full serial: classification line, page headers."""
    found: list[_Named] = []
    if class_line is not None:
        station, serial = class_line.station, class_line.serial
        if not (station and serial):
            leading = _LEADING_STATION_SERIAL.match(_SECTION.sub(" ", class_line.rest).strip())
            if leading:
                station, serial = _letters(leading.group(1)), int(leading.group(2))
        if station and serial:
            found.append(_Named("its classification line", station, serial))
    for line in lines:
        match = _PAGE_HEADER.match(line) or _OLD_PAGE_HEADER.match(line)
        if match:
            written = match.group(1).strip()
            cut = len(written) >= _PAGE_STATION_WIDTH
            found.append(_Named("a page header", written, int(match.group(2)), cut))
    return _distinct(found)


def _distinct(found: list[_Named]) -> list[_Named]:
    """Each place once: every page header of a cable names the same station and serial."""
    seen: set[tuple[str | None, int]] = set()
    kept = []
    for place in found:
        if (place.station, place.serial) not in seen:
            seen.add((place.station, place.serial))
            kept.append(place)
    return kept


def _list(named: list[_Named]) -> str:
    return ", ".join(f"{n.station} {n.serial} in {n.where}" for n in named)


def _routing_serial(lines: list[str]) -> int | None:
    for line in lines[:60]:
        match = _DE.match(line)
        if match:
            return int(match.group(1)) % _ROUTING_DIGITS
    return None


def _sender(lines: list[str]) -> str | None:
    """The post of the routing header's `FM` line."""
    index = _fm_index(lines)
    match = _FM.match(lines[index]) if index is not None else None
    return " ".join(match.group(1).upper().split()) if match else None


def _letters(words: str) -> str:
    return re.sub(r"[^A-Z]", "", words.upper())


def _sender_names(sender: str, station: str) -> bool:
    """Whether the `FM` post is the station: its name ends with the station's letters
    (`USEU BRUSSELS`, BRUSSELS), or both name the same post (`SECSTATE WASHDC`, STATE)."""
    code = _letters(station)
    if _letters(sender).endswith(code):
        return True
    return origin_from_sender(sender) == origin_from_station(code)


def station_of_sender(sender: str) -> str | None:
    """The station of a post written as in an `FM` line: the post's own name (`AMEMBASSY LA
    PAZ` → LAPAZ) where the post tables list that station for it, or list none and name it as
    that station would be named. None where another station could be meant (`AMEMBASSY
    COLOMBO`: the tables list SRIJAYAWARDENEPURA; `USEU BRUSSELS`: BRUSSELS or USEUBRUSSELS)
    or the tables do not name the post so (`USMISSION GENEVA`)."""
    origin = origin_from_sender(sender)
    listed = {code for code, name in stations().items() if name == origin}
    post = _POST_PREFIX.match(sender)
    own = _letters(post.group(1)) if post else None
    if own and own in listed:
        return own
    if own and not listed and origin_from_station(own) == origin:
        return own
    return None


@cache
def long_serial_stations() -> frozenset[str]:
    """Stations known to have numbered past 9,999 in a year, whose routing line alone cannot
    tell a serial (generator/reference/data/long-serials.tsv)."""
    return frozenset(row[0] for row in read_table("long-serials.tsv"))
