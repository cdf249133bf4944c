"""A station as a cable writes it when citing another cable → the station of reference IDs.

`SECSTATE` is `STATE`, `RIO DE JAN` is `RIODEJANEIRO`, `SAO PAUO` is `SAOPAULO`. The names
and written forms are data (`generator/reference/data/stations.tsv`); this module only
matches against them: exactly, then as an abbreviation (each word the start of the station's
word), then as a one-letter typo of a station's name. A single word that is none of these
but could be a post (`ADANA`, four letters or more, not a word such as `PARA` or a month) is
taken as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from generator.reference.data import read_table

# Words before a post's name that are not part of the station (`EMBASSY VIENNA 1450`).
_POST_WORDS = frozenset(
    {"EMBASSY", "AMEMBASSY", "AMEMB", "AMCONSUL", "CONSULATE", "CONGEN", "USMISSION", "MISSION"}
)
# Words that precede a number in a REF line without being a post (`PARA 3`, `MAY 9`).
NOT_STATIONS = frozenset(
    {
        "PARA", "PARAS", "PARAGRAPH", "PAGE", "PAGES", "NUMBER", "SECTION", "DATED", "REFTEL",
        "REFTELS", "TEL", "TELCON", "TELCONS", "MEMCON", "MEMCONS", "EMAIL", "EMAILS",
        "MESSAGE", "CABLE", "CABLES", "LETTER", "REPORT", "NOTE", "DIPNOTE", "NOTAL", "ITEM",
        "ITEMS", "DTG", "MSG", "PHONE", "FAX", "MEMO", "LAW", "DECREE", "RESOLUTION", "ARTICLE",
        "ANNEX", "CHAPTER", "VOLUME", "VOL", "YEAR", "FY", "UNSCR", "SVTC", "AND", "THE",
        "OF", "FOR", "ON", "IN", "AT", "FROM", "TO", "THRU", "PRIOR", "PREVIOUS", "REFS",
        "TELEGRAM", "AIRGRAM", "CIRCULAR", "EMBTEL", "TASKER", "INSTRUCTION", "INSTRUCTIONS",
        "UNGA", "UNSC", "IAEA", "CODEL", "STAFFDEL", "BILL", "ACT", "ORDER", "DIRECTIVE",
        "TREATY", "CASE", "FLIGHT", "ROOM", "SUITE", "STREET", "PHASE", "TABLE", "FIGURE",
        "APPENDIX", "ENCLOSURE", "POUCH", "FBIS", "NSPD",
        "JAN", "JANUARY", "FEB", "FEBRUARY", "MAR", "MARCH", "APR", "APRIL", "MAY", "JUN",
        "JUNE", "JUL", "JULY", "AUG", "AUGUST", "SEP", "SEPT", "SEPTEMBER", "OCT", "OCTOBER",
        "NOV", "NOVEMBER", "DEC", "DECEMBER",
    }
)  # fmt: skip


@dataclass(frozen=True)
class _Stations:
    """The table, indexed for each way of matching."""

    exact: dict[str, str]  # written form without spaces → station
    forms: tuple[tuple[str, tuple[str, ...]], ...]  # (station, words of a written form)
    first_words: frozenset[str]  # first words of names in several words: `PORT`, `SAN`
    one_deleted: dict[str, frozenset[str]]  # a station's name less one letter → stations


@cache
def _stations() -> _Stations:
    exact: dict[str, str] = {}
    forms: list[tuple[str, tuple[str, ...]]] = []
    one_deleted: dict[str, set[str]] = {}
    for row in read_table("stations.tsv"):
        station = row[0].strip()
        written = [w.strip() for w in row[1].split("|")] if len(row) > 1 else [station]
        exact[station] = station
        for form in written:
            words = tuple(form.upper().replace(".", " ").replace("'", "").split())
            exact.setdefault("".join(words), station)
            forms.append((station, words))
        for index in range(len(station)):
            one_deleted.setdefault(station[:index] + station[index + 1 :], set()).add(station)
    return _Stations(
        exact,
        tuple(forms),
        frozenset(words[0] for _, words in forms if len(words) > 1),
        {key: frozenset(found) for key, found in one_deleted.items()},
    )


def known_stations() -> frozenset[str]:
    """Every station of the table."""
    return frozenset(_stations().exact.values())


def station_of(words: list[str]) -> str | None:
    """The station that `words` (a post's name as a cable wrote it, in capitals) names."""
    return _station_of(tuple(words))


@lru_cache(maxsize=8192)
def _station_of(written: tuple[str, ...]) -> str | None:
    words = [_letters(w) for w in written]
    words = [w for w in words if w]
    while len(words) > 1 and words[0] in _POST_WORDS:
        words = words[1:]
    if not words or len(words) > 4:
        return None
    table = _stations()
    key = "".join(words)
    found = table.exact.get(key)
    if found:
        return found
    if len(words) == 1 and key in NOT_STATIONS:
        return None
    found = _abbreviated(words, table) or _misspelt(key, table)
    if found or not all(w.isalpha() for w in written):
        return found  # (a word with a hyphen or digit, `STATE-LONDON`, names no post)
    return _unknown(words, table)


def _letters(word: str) -> str:
    """A word's letters, a zero among letters read as the letter O (`0TTAWA`)."""
    word = word.upper().replace("0", "O") if any(c.isalpha() for c in word) else word
    return "".join(c for c in word if "A" <= c <= "Z")


def _abbreviated(words: list[str], table: _Stations) -> str | None:
    """`RIO DE JAN`, `PORT A`, `SAO PAUL`: each word begins the station's word, the first
    whole; one word of five letters or more may be cut (`VATICA`, as page heads cut it)."""
    if len(words) == 1 and len(words[0]) < 5:
        return None
    found: set[str] = set()
    for station, form in table.forms:
        if len(form) < len(words):
            continue
        if len(words) == 1:
            if len(form) == 1 and form[0].startswith(words[0]):
                found.add(station)
        elif form[0] == words[0] and all(
            f.startswith(w) for f, w in zip(form[1:], words[1:], strict=False)
        ):
            found.add(station)
    return found.pop() if len(found) == 1 else None


def _misspelt(key: str, table: _Stations) -> str | None:
    """A station's name with one letter missing, added, changed or two swapped."""
    if len(key) < 6:
        return None
    found: set[str] = set(table.one_deleted.get(key, ()))  # a letter missing
    for index in range(len(key)):
        shorter = key[:index] + key[index + 1 :]
        if shorter in table.exact and table.exact[shorter] == shorter:
            found.add(shorter)  # a letter added
        found.update(table.one_deleted.get(shorter, ()))  # changed or swapped
    found = {station for station in found if _one_edit_apart(key, station)}
    return found.pop() if len(found) == 1 else None


def _one_edit_apart(typed: str, station: str) -> bool:
    """One letter missing, added or changed, or two neighbours swapped; nothing more."""
    if abs(len(typed) - len(station)) > 1:
        return False
    start = 0
    while start < min(len(typed), len(station)) and typed[start] == station[start]:
        start += 1
    a, b = typed[start:], station[start:]
    return (
        a[1:] == b[1:]
        or a == b[1:]
        or a[1:] == b
        or (len(a) >= 2 and a[0] == b[1:2] and a[1] == b[0] and a[2:] == b[2:])
    )


def _unknown(words: list[str], table: _Stations) -> str | None:
    """A post the table lacks: one word of four letters or more, as written, that is not
    the first word of a longer name (`PORT` alone could be any of four posts)."""
    word = words[0]
    if len(words) == 1 and len(word) >= 4 and word not in NOT_STATIONS:
        return None if word in table.first_words else word
    return None
