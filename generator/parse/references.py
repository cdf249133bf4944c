"""The REF block: each cited item as written and, where it names a cable, that cable's ID.

A REF block is a list of items, lettered in any of the cables' ways (`A.`, `(A)`, `A)`,
`[A]`, `A.)`, doubled as in `A. (A)` or `A. REF A`, or bare as in `REF A WELLINGTON 721 B
WELLINGTON 690`) or separated by semicolons. An item that starts with a cable (`08 PARIS
1501`, `'08 PARIS 1501`, `08PARIS1501`, `10-OTTAWA-57`, `PARIS 1501 (08)`) may name more,
each after the last or after `,`/`AND` with only its serial (`STATE 188314, 259032`). An
item that does not start with a cable (an e-mail, a meeting, a report) is kept as text
without an ID. A cable named without a year is of the citing cable's year.

Bounded by construction: one pass over the words, each item read forward once, no
backtracking patterns; the work grows with the length of the text and nothing else.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from generator.cable import Reference
from generator.parse.stations import station_of

# An item's letter: `A.`, `A)`, `(A)`, `[A]`, `A:`, `A.)` (the letter alone only where an
# item can start).
_MARKER = re.compile(r"^[(\[]?([A-Za-z])(?:[.):\]]|\.\))$")
_BARE_LETTER = re.compile(r"^[A-Za-z]$")
# A classification marking before an item's cable: `(C)`, `(SBU)`, `(S/NF)`.
_MARKING = re.compile(r"^\((?:U|C|S|TS|SBU|LOU|[CS]/NF|S//NF|U//FOUO)\)$")
_YEAR = re.compile(r"^(?:'?(\d\d)|(19[4-9]\d|20[01]\d)|\((\d\d)\))$")
_SERIAL = re.compile(r"^\d{1,7}$")
_SINGLE = re.compile(r"^(?:(\d\d|19[4-9]\d|20[01]\d) )?([A-Z]{2,}(?: [A-Z]{2,}){0,3}) (\d{1,7})$")
_WORD = re.compile(r"^[A-Z0][A-Z0'.-]*$")
# A whole cable in one word: `08PARIS1501`, `10-OTTAWA-57`, `ASHGABAT687`.
_GLUED = re.compile(r"^(?:(\d\d)-?)?([A-Z]{3,})-?(\d{1,7})$")
# A year glued to the station: `09DHAHRAN 201`.
_GLUED_YEAR = re.compile(r"^(\d\d)([A-Z]{3,})$")
_LEAD_WORDS = frozenset({"REF", "REFS", "REFTEL", "REFTELS", "REF:", "REFS:"})
_JOINS = frozenset({"AND", "&", ","})
_MOST_WORDS = 4  # a station's name is at most four words (`HO CHI MINH CITY`)
_LONGEST_NOTE = 40  # words in a parenthetical note after a cable, at most
_RECENT = 2000  # characters at the end of a REF block where its last letter is looked for

# Page heads inside a REF line (texts that are not line-wrapped, or wrapped mid-list), and a
# literal `\n` left by an export: not part of the list.
_OLD_PAGE_HEAD = re.compile(
    r"(?:\b(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)\s+)?PAGE\s+\d{2,3}\s+"
    r"[A-Z][A-Z .'-]{0,30}?\s+\d{3,6}\s+(?:\d\d\s+OF\s+\d\d\s+)?\d{6}Z\b",
    re.IGNORECASE,
)
_PAGE_HEAD = re.compile(
    r"\b[A-Z][A-Z .'-]{0,30}?\s+\d{8}(?:\s+\d{3}(?:\.\d+)?\s+OF\s+\d{3})?\b", re.IGNORECASE
)
_EIGHT_DIGITS = re.compile(r"\d{8}")
_SENSITIVE = re.compile(r"\bSENSITIVE\s+BUT\s+UNCLASSIFIED\b.*$", re.IGNORECASE)
_GLUED_MARKER = re.compile(r"(?<![\w(])(\([A-Za-z]\))(?=\w)")
_TIGHT_SEPARATOR = re.compile(r"([;,])(?=[^\s;,])")


class _Word(NamedTuple):
    """One word of the REF text: as written, in capitals without trailing punctuation,
    where it is in the text, and whether a separator (`,` `;` `:`) ends it."""

    raw: str
    core: str
    start: int
    end: int
    separates: bool


class _Cable(NamedTuple):
    """A cable found in an item: its ID, the words it spans, its station as written."""

    id: str
    first: int
    last: int
    station: str
    serial: str


def read_references(value: str, year: int) -> tuple[Reference, ...]:
    """The items of a REF block (the text after `REF:`, wrapped lines joined)."""
    text = clean(value)
    single = _SINGLE.match(text)  # most blocks name one cable: `STATE 89241`
    if single and single[2].split()[0] not in _LEAD_WORDS:
        station = station_of(single[2].split())
        if station:
            cited = int(single[1]) % 100 if single[1] else year % 100
            return (Reference(text=text, id=_id(cited, station, single[3])),)
    words = _words(text)
    references: list[Reference] = []
    seen: set[str] = set()
    for first, last in _items(words):
        for reference in _read_item(text, words, first, last, year):
            if reference.id is None or reference.id not in seen:
                references.append(reference)
                seen.update([reference.id] if reference.id else [])
    return tuple(references)


def _words(text: str) -> list[_Word]:
    """The words of a cleaned text (words one space apart)."""
    words = []
    start = 0
    for raw in text.split(" ") if text else ():
        end = start + len(raw)
        words.append(_Word(raw, raw.upper().rstrip(",;:."), start, end, raw[-1] in ",;:"))
        start = end + 1
    return words


def clean(value: str) -> str:
    """The REF text without paragraph marks, page heads, export artefacts or the
    `SENSITIVE BUT UNCLASSIFIED` line that a text without line breaks runs into."""
    text = value.replace("¶", " ")
    if "\\" in text:
        text = text.replace("\\n", " ").replace("\\", " ")
    upper = text.upper()
    text = without_page_heads(text, upper)
    if "SENSITIVE" in upper:
        text = _SENSITIVE.sub("", text)
    if ")" in text:
        text = _GLUED_MARKER.sub(r"\1 ", text)
    text = _TIGHT_SEPARATOR.sub(r"\1 ", text)
    return " ".join(text.split()).lstrip(".:;, ")


def without_page_heads(text: str, upper: str | None = None) -> str:
    """`text` without the page heads a text that is not line-wrapped carries inside a line
    (`... IT SECRET PAGE 02 ROME 03067 211833Z`, `ROME 00000402 001.2 OF 003`)."""
    if "PAGE" in (upper or text.upper()):
        text = _OLD_PAGE_HEAD.sub(" ", text)
    if _EIGHT_DIGITS.search(text):
        text = _PAGE_HEAD.sub(" ", text)
    return text


def _items(words: list[_Word]) -> list[tuple[int, int]]:
    """Where each item begins and ends: at the next letter of the list, or after `;`."""
    items: list[tuple[int, int]] = []
    start = 0
    letter: str | None = None  # the letter of the item being read
    only_markers = True  # nothing but letters and `REF` since the item's letter
    for index, word in enumerate(words):
        short = len(word.raw) <= 4  # `(A)`, `A.)` at most: most words are no letter
        found = _marker_letter(words, index, letter, only_markers) if short else None
        if found is not None:
            if found != letter:
                if index > start:
                    items.append((start, index))
                start = index
                letter = found
            only_markers = True
            continue
        if short and _MARKER.match(word.raw) and _cable_at(words, index + 1, len(words), 2000):
            # A letter out of order that opens a cable (`B) EMAIL 05/11/07 B) TALLINN 347`).
            if index > start:
                items.append((start, index))
            start = index
            only_markers = True
            continue
        only_markers = only_markers and word.core in _LEAD_WORDS
        if word.raw.endswith(";") or (word.raw.endswith(":") and word.core[-1:].isdigit()):
            items.append((start, index + 1))
            start = index + 1
    if start < len(words):
        items.append((start, len(words)))
    return items


def _marker_letter(
    words: list[_Word], index: int, letter: str | None, only_markers: bool
) -> str | None:
    """The letter `words[index]` gives an item, if it is the next letter of the list (or the
    same letter again, as in `A. (A)`); None if it is not an item's letter here."""
    raw = words[index].raw
    marker = _MARKER.match(raw)
    bare = marker is None and _BARE_LETTER.match(raw) is not None
    if marker is None and not bare:
        return None
    found = (marker.group(1) if marker else raw).upper()
    if letter is None:
        ok = found == "A"
    elif found == letter:
        ok = only_markers  # doubled: `A. (A)`, `A. A)`, `A. REF A`
    elif bare:
        ok = ord(found) == ord(letter) + 1
    else:
        ok = 0 < ord(found) - ord(letter) <= 3  # a letter or two skipped by a typo
    if not ok:
        return None
    if bare and index > 0:
        before = words[index - 1]
        can_start = (
            before.core in _LEAD_WORDS
            or before.separates
            or before.core[-1:].isdigit()
            or before.raw.endswith(")")
            or (only_markers and letter == found)
        )
        if not can_start:
            return None
    return found


def _read_item(text: str, words: list[_Word], first: int, last: int, year: int) -> list[Reference]:
    """The references of one item: its cables, or the item as text when it names none."""
    index = first
    while index < last and (
        words[index].core in _LEAD_WORDS
        or (
            len(words[index].raw) <= 10
            and (
                _MARKER.match(words[index].raw)
                or _BARE_LETTER.match(words[index].raw)
                or _MARKING.match(words[index].core)
            )
        )
    ):
        index += 1
    if index >= last:
        return []  # nothing but letters: `B.` left by a broken list
    cables: list[_Cable] = []
    joined = False
    while index < last:
        cable = _cable_at(words, index, last, year)
        if cable is None and cables and joined and _SERIAL.match(words[index].core):
            before = cables[-1]
            cable = _Cable(
                before.id[: -len(str(int(before.serial)))] + str(int(words[index].core)),
                index,
                index,
                before.station,
                words[index].core,
            )
        if cable is None and cables and _MARKER.match(words[index].raw):
            index += 1  # a letter out of the list's order: `B. ROME 1 D. ROME 2`
            continue
        if cable is None:
            break
        cables.append(cable)
        index = _after_notes(words, cable.last + 1, last)
        joined = words[cable.last].separates
        while index < last and words[index].core in _JOINS:
            joined = True
            index += 1
    if not cables:
        item = _text(text, words, first, last - 1)
        return [Reference(text=item)] if item.strip(" .,;:()[]-") else []
    references = []
    for number, cable in enumerate(cables):
        if number and cable.first == cable.last:  # a serial alone: `STATE 188314, 259032`
            item = f"{cable.station} {cable.serial}"
        else:
            start = first if number == 0 else cable.first
            end = cables[number + 1].first - 1 if number + 1 < len(cables) else last - 1
            item = _text(text, words, start, end)
        references.append(Reference(text=item, id=cable.id))
    return references


def _cable_at(words: list[_Word], index: int, last: int, year: int) -> _Cable | None:
    """The cable that starts at `words[index]`, if one does."""
    if index >= last:
        return None
    core = words[index].core
    first_char = core[:1]
    glued = _GLUED.match(core) if core[-1:].isdigit() and not core.isdigit() else None
    if glued:
        station = station_of([glued.group(2)])
        if station is None:
            return None
        cited = int(glued.group(1)) if glued.group(1) else year % 100
        serial = glued.group(3)
        return _Cable(_id(cited, station, serial), index, index, glued.group(2), serial)
    cited_year: int | None = None
    station_words: list[str] = []
    position = index
    plain = first_char.isalpha() and first_char != "(" and core.isalpha()
    year_match = None if plain else _YEAR.match(core)
    glued_year = None if plain or year_match else _GLUED_YEAR.match(core)
    if year_match:
        cited_year = int(next(g for g in year_match.groups() if g)) % 100
        position += 1
    elif glued_year:
        cited_year = int(glued_year.group(1))
        station_words.append(glued_year.group(2))
        position += 1
    while position < last and len(station_words) < _MOST_WORDS:
        word = words[position].core
        if _SERIAL.match(word) or not _WORD.match(word):
            break
        station_words.append(word)
        if words[position].separates:
            return None
        position += 1
    if not station_words or position >= last or not _SERIAL.match(words[position].core):
        return None
    if "-" in "".join(station_words) and len(station_words) > 1:
        return None
    station = station_of(station_words)
    if station is None:
        return None
    serial = words[position].core
    after = position + 1
    if after < last and not words[position].separates:
        later = _YEAR.match(words[after].core)
        if later and later.group(3):  # `ASUNCION 701 (08)`
            cited_year = int(later.group(3))
            position = after
    cited = year % 100 if cited_year is None else cited_year
    return _Cable(_id(cited, station, serial), index, position, " ".join(station_words), serial)


def _id(year: int, station: str, serial: str) -> str:
    return f"{year:02d}{station}{int(serial)}"


def _after_notes(words: list[_Word], index: int, last: int) -> int:
    """Past what may follow a cable before the next: a note in brackets (`(NOTAL)`, a title)
    and `AND PREVIOUS`."""
    while index < last:
        word = words[index]
        if word.raw.startswith("(") and not _MARKER.match(word.raw):
            end = index
            while end < last and end - index < _LONGEST_NOTE and ")" not in words[end].raw:
                end += 1
            index = end + 1
        elif (
            word.core == "AND"
            and index + 1 < last
            and words[index + 1].core in ("PREVIOUS", "PRIOR", "PREVIOUSLY")
        ):
            index += 2
        else:
            break
    return index


def _text(text: str, words: list[_Word], first: int, last: int) -> str:
    """The text from `words[first]` to `words[last]`, without a dangling `AND` or comma."""
    while last >= first and (words[last].core in ("AND", "&") or not words[last].core):
        last -= 1
    if last < first:
        return ""
    return text[words[first].start : words[last].end].rstrip(" ,;:")


def opens_list(line: str) -> bool:
    """Whether `line` is an item of a lettered list of cables (`¶B. SANTO DOMINGO 21`)."""
    words = line.replace("¶", " ").split()[: _MOST_WORDS + 3]
    if len(words) < 2 or not _MARKER.match(words[0]):
        return False
    upper = _words(" ".join(words[1:]))
    return _cable_at(upper, 0, len(upper), 2000) is not None


def continues_list(block: str, line: str) -> bool:
    """Whether `line`, after a blank line, goes on with the REF block `block`: it holds the
    next letter of the list, or starts with a cable or with a cable's serial."""
    words = line.split()
    if not words:
        return False
    first = words[0].lstrip("¶")
    if not first and len(words) > 1:
        first, words = words[1], words[1:]
    marker = _MARKER.match(first)
    if marker:
        previous = chr(ord(marker.group(1).upper()) - 1)
        recent = block[-_RECENT:]  # the list's last items, however long the block
        return bool(re.search(rf"(?:^|\s)[(\[]?{previous}[.):\]]", recent, re.IGNORECASE))
    if re.fullmatch(r"\d{2,7}", first):
        return True
    upper = _words(" ".join(words[: _MOST_WORDS + 2]))
    return _cable_at(upper, 0, len(upper), 2000) is not None
