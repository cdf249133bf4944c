"""The routing header: date-time group, precedence, sender, recipients, classification line.

Each function reads one thing from the lines of a cable and returns None when it is absent;
the header ends at the classification line, so a `FM` in the body (a Foreign Minister) is
never taken for the sender.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.dates import expand_year
from generator.reference.posts import recipient_name

MONTHS = {
    m: i
    for i, m in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1
    )
}
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

DTG = re.compile(
    r"(?:^|\s)(?P<prec>(?:[ZOPR]\s+){0,2})(?P<day>\d\d)(?P<hour>\d\d)(?P<minute>\d\d)Z\s+"
    r"(?P<month>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*\.?\s+(?P<year>\d{4}|\d\d)\b",
    re.IGNORECASE,
)
PRECEDENCE_LETTERS = {"Z": "FLASH", "O": "IMMEDIATE", "P": "PRIORITY", "R": "ROUTINE"}
PRECEDENCE_WORDS = re.compile(r"\b(FLASH|NIACT IMMEDIATE|IMMEDIATE|PRIORITY|ROUTINE)\b")


def _spaced(word: str) -> str:
    """A pattern for a word also when written letter by letter (`C O N F I D E N T I A L`)."""
    return r"\s?".join(word)


_LEVELS = {
    "TOP SECRET": _spaced("TOP") + r"\s+" + _spaced("SECRET"),
    "SECRET": _spaced("SECRET"),
    "CONFIDENTIAL": _spaced("CONFIDENTIAL"),
    "LIMITED OFFICIAL USE": r"\s+".join(_spaced(w) for w in ("LIMITED", "OFFICIAL", "USE")),
    "UNCLASSIFIED": _spaced("UNCLAS") + r"(?:\s?" + _spaced("SIFIED") + ")?",
}
CLASSIFICATION_LINE = re.compile(
    r"^\s*(?:" + "|".join(f"(?P<L{i}>{p})" for i, p in enumerate(_LEVELS.values())) + r")(?![A-Z])",
    re.IGNORECASE,
)
_LEVEL_NAMES = list(_LEVELS)
SECTION = re.compile(r"\bSECTION\s+0*(\d{1,3})\s+OF\s+0*(\d{1,3})\b", re.IGNORECASE)
# A station (at most 40 characters: the longest real one, written in words, has 26) and a
# serial at the end of the line; bounded, so that no line makes the search slow.
STATION_SERIAL = re.compile(r"\b([A-Z][A-Z .'-]{0,40}?[A-Z])\s{1,20}0*(\d{1,7})\s*$", re.IGNORECASE)
ZNY = re.compile(r"^ZN[YR]\s+([CSUTE])\1{4}\b")
ZNY_LEVELS = {"C": "CONFIDENTIAL", "S": "SECRET", "U": "UNCLASSIFIED", "T": "TOP SECRET"}


@dataclass(frozen=True)
class ClassificationLine:
    """What the `C O N F I D E N T I A L SECTION 01 OF 02 ULAANBAATAR 000693` line says."""

    index: int
    level: str
    section: int | None
    sections: int | None
    station: str | None
    serial: int | None
    rest: str


def find_classification_line(lines: list[str], limit: int = 120) -> ClassificationLine | None:
    """The line that opens the body; prefer one that also names the station and serial."""
    first: ClassificationLine | None = None
    for index, line in enumerate(lines[:limit]):
        found = read_classification_line(index, line)
        if found is None:
            continue
        if found.station or found.section:
            return found
        if first is None and len(line) < 80:
            first = found
    return first or _garbled_line(lines, limit)


def read_classification_line(index: int, line: str) -> ClassificationLine | None:
    """One line read as a classification line, or None; no fallback, no search."""
    match = CLASSIFICATION_LINE.match(line)
    if not match:
        return None
    level = _LEVEL_NAMES[int(next(k for k, v in match.groupdict().items() if v)[1:])]
    rest = line[match.end() :].strip()
    section = SECTION.search(rest)
    tail = SECTION.sub(" ", rest).strip()
    ends_in_serial = tail[-1:].isdigit() and not tail.startswith(("(", ":"))
    station_serial = STATION_SERIAL.search(tail[-80:]) if ends_in_serial else None
    return ClassificationLine(
        index=index,
        level=level,
        section=int(section.group(1)) if section else None,
        sections=int(section.group(2)) if section else None,
        station=_station_code(station_serial.group(1)) if station_serial else None,
        serial=int(station_serial.group(2)) if station_serial else None,
        rest=rest,
    )


_SPACED_LETTERS = re.compile(r"^\s*([A-Z]{1,2}(?:\s[A-Z]){4,})\b(.*)$")


def _garbled_line(lines: list[str], limit: int) -> ClassificationLine | None:
    """A spaced classification line with a letter lost or doubled (`O N F I D E N T I A L`)."""
    for index, line in enumerate(lines[:limit]):
        match = _SPACED_LETTERS.match(line)
        if not match:
            continue
        word = match.group(1).replace(" ", "")
        for level in ("CONFIDENTIAL", "SECRET", "UNCLASSIFIED"):
            if len(word) >= 5 and (level.endswith(word) or word.endswith(level)):
                found = read_classification_line(index, _spaced_level(level) + match.group(2))
                if found and found.station:
                    return found
    return None


def _spaced_level(level: str) -> str:
    return " ".join(level)


def _station_code(words: str) -> str | None:
    code = re.sub(r"[^A-Z]", "", words.upper())
    return code if 2 <= len(code) <= 30 else None


def find_dtg(lines: list[str]) -> tuple[str | None, str | None]:
    """The date-time group as ISO 8601 UTC, and the precedence its prefix letters give."""
    for line in lines:
        match = DTG.search(line)
        if not match:
            continue
        created = dtg_iso(match)
        if created is None:
            continue
        letters = match.group("prec").split()
        precedence = PRECEDENCE_LETTERS.get(letters[0].upper()) if letters else None
        return created, precedence
    return None, None


def dtg_iso(match: re.Match[str]) -> str | None:
    day, hour, minute = int(match["day"]), int(match["hour"]), int(match["minute"])
    month = MONTHS[match["month"].upper()]
    year = int(match["year"])
    if year < 100:
        year = expand_year(year)
    if not (1 <= day <= _DAYS_IN_MONTH[month - 1] and hour < 24 and minute < 60):
        return None
    if month == 2 and day == 29 and not (year % 4 == 0 and (year % 100 or year % 400 == 0)):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00Z"


def zny_level(lines: list[str]) -> str | None:
    """The classification the `ZNY CCCCC` routing line gives, for cables that lack the line."""
    for line in lines[:40]:
        match = ZNY.match(line)
        if match:
            return ZNY_LEVELS.get(match.group(1))
    return None


_ROUTING = re.compile(r"^[A-Z0-9]{4,9}/")
_SERIAL = re.compile(r"\s\d{1,6}$")  # one space: `\s+` would backtrack over a long run
_LONGEST_ADDRESS = 300  # a routing line longer than this is no address
_KEYWORDS = ("FM ", "TO ", "INFO ", "BT", "ZEN", "XMT", "DE ", "ZNY", "ZNR", "SUBJECT", "E.O.")


@dataclass(frozen=True)
class Routing:
    """The `FM`, `TO` and `INFO` lines of the header, recipients cleaned of routing codes."""

    sender: str | None
    to: tuple[str, ...]
    info: tuple[str, ...]
    precedence: str | None


def read_routing(header: list[str]) -> Routing:
    """Sender and recipients, in order; the `TO` line's precedence word where it has one."""
    sender: str | None = None
    lists: dict[str, list[str]] = {"TO": [], "INFO": []}
    current: list[str] | None = None
    precedence: str | None = None
    for raw in header:
        line = raw.strip()
        if not line or len(line) > _LONGEST_ADDRESS:
            current = None
            continue
        keyword = line.split(None, 1)[0].upper()
        if keyword == "FM" and sender is None:
            sender = line[2:].strip() or None
            current = None
            continue
        if keyword in lists:
            current = lists[keyword]
            line = line[len(keyword) :].strip()
            if keyword == "TO" and precedence is None:
                word = PRECEDENCE_WORDS.search(line.upper())
                precedence = word.group(1).replace("NIACT ", "") if word else None
            if not line:
                continue
        elif current is None or line.upper().startswith(_KEYWORDS):
            current = None
            continue
        current.append(_recipient(line))
    return Routing(
        sender, tuple(r for r in lists["TO"] if r), tuple(r for r in lists["INFO"] if r), precedence
    )


def _recipient(line: str) -> str:
    name = _ROUTING.sub("", line.strip())
    name = _SERIAL.sub("", " ".join(name.split()))
    name = PRECEDENCE_WORDS.sub("", name)
    return recipient_name(_SERIAL.sub("", " ".join(name.split())))
