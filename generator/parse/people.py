"""The people a cable names where it says who they are: its signer, who classified it, and
the persons in its TAGS line.

Names are kept as the cable writes them (`MINTON`, `Mark C. Minton`, `STEINBERG, JAMES B.`):
matching one person across spellings is beyond what the text allows. A name in a `Classified
By` line is what is left once the words of titles and offices are set aside
(`generator/reference/data/titles.tsv`, the names of posts, and the word after `for`, `to`,
`of`...): `Acting Deputy Chief of Mission Marc Wall` names `Marc Wall`, `Ambassador to Sudan
Timothy Carney` names `Timothy Carney`.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from generator.cable import Person
from generator.parse.stations import known_stations
from generator.reference.countries import fips_names
from generator.reference.data import read_table

_INITIAL = re.compile(r"^(?:[A-Z]\.)+$|^[A-Z]\.?$")
_SUFFIX = re.compile(r"^(?:JR|SR|II|III|IV)\.?,?$", re.IGNORECASE)
_PARTICLES = frozenset({"DE", "DI", "DA", "VAN", "VON", "DER", "LE", "LA", "AL", "BIN", "EL"})
_NAME_WORD = re.compile(r"^[A-Za-z][A-Za-z'’-]*\.?$")
_MOST_NAME_WORDS = 2  # a given name and a surname; initials come in addition
_TAG_SHAPE = re.compile(r"^[AEKMOPST][A-Z]{3}$")  # subject tags: PREL, KDEM, MNUC, OVIP
_AND = re.compile(r"\s+(?:and|AND|&)\s+")
_COMMA = re.compile(r"[,;]")
_WORD_BREAK = re.compile(r"(?<=:)|(?<=\.)(?=[A-Z]{2}|[A-Z][a-z])")
_TAG_BREAK = re.compile(r"[\s,;]+")
_BRACKETS = re.compile(r"\([^)]*\)?")
_VISIT_TAGS = frozenset({"OVIP", "CODEL"})
# The word after one of these names an office's field or place (`Ambassador to Sudan`,
# `Special Representative for Afghanistan`), not a person.
_CONNECTORS = frozenset({"FOR", "TO", "IN", "OF", "AT"})
_PERSON_IN_BRACKETS = re.compile(r"\(([A-Z][A-Za-z'’. -]*,[A-Za-z'’. ,-]+)\)")


@cache
def _titles() -> tuple[frozenset[str], tuple[str, ...]]:
    """The words of titles (with the posts' names) and the beginnings of titles' words."""
    words, prefixes = set(), []
    for word, *_ in read_table("titles.tsv"):
        word = word.strip().upper()
        if word.endswith("*"):
            prefixes.append(word[:-1])
        elif word:
            words.add(word)
    return frozenset(words | known_stations()), tuple(prefixes)  # posts: `Embassy Tripoli`


def people_of(
    signature: str | None, classified_by: str | None, tags: str | None
) -> tuple[Person, ...]:
    """The signer, the people who classified the cable, the persons in its TAGS line."""
    people: list[Person] = []
    if signature:
        people.append(Person(signature, "signer"))
    if classified_by:
        people.extend(Person(name, "classifier") for name in classifier_names(classified_by))
    if tags and ("(" in tags or "OVIP" in tags.upper() or "CODEL" in tags.upper()):
        people.extend(Person(name, "tagged") for name in tagged_people(tags))
    return tuple(dict.fromkeys(people)) if len(people) > 1 else tuple(people)


@lru_cache(maxsize=4096)  # a post's Classified By line comes back cable after cable
def classifier_names(who: str) -> tuple[str, ...]:
    """The names in a `Classified By` line's who-part: one for each part joined by `and`
    (`AF KARL WYCOFF, ACTING AND S/CT DAS SHARI VILLAROSA` names two), the first that the
    part's comma-separated pieces give (`Richard G. Olson, Ambassador, US Embassy Abu
    Dhabi` names one)."""
    mixed_case = who != who.upper()
    names = []
    groups = _AND.split(who) if (" and " in who or " AND " in who or "&" in who) else [who]
    for group in groups:
        for number, segment in enumerate(_segments(group)):
            name = _name_in(segment, mixed_case)
            if name and (" " in name or (number == 0 and len(name) >= 4)):
                names.append(name)  # one word alone is a name only first: `DUDDY, AMB`
                break
    return tuple(names)


def _segments(who: str) -> list[str]:
    """Parts between commas and semicolons, with `Jr.` kept on its name."""
    if "," not in who and ";" not in who:
        return [who.strip()] if who.strip() else []
    parts = [p.strip() for p in _COMMA.split(who) if p.strip()]
    segments: list[str] = []
    for part in parts:
        if segments and _SUFFIX.match(part):
            segments[-1] += ", " + part
        else:
            segments.append(part)
    return segments


def _name_in(segment: str, mixed_case: bool) -> str | None:
    """The last run of words that are no title, at most a given name and a surname besides
    initials and a suffix: read from the end of the segment back."""
    words = []
    for word in segment.split():
        word = word.strip(",;")
        if ":" in word or "." in word[:-1]:  # `AMB:RCROCKER`, `E.JONES`
            words.extend(w for w in _WORD_BREAK.split(word) if w)
        elif word:
            words.append(word)
    kept: list[str] = []
    suffix: list[str] = []
    full_words = 0
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        after_connector = index > 0 and words[index - 1].upper() in _CONNECTORS
        if after_connector or not _is_name_word(word, mixed_case):
            if kept or suffix:
                break
            continue
        if _SUFFIX.match(word):
            if not kept:
                suffix.insert(0, word)
                continue
            break
        if not _INITIAL.match(word) and word.upper() not in _PARTICLES:
            if full_words == _MOST_NAME_WORDS:
                break
            full_words += 1
        kept.insert(0, word)
    while kept and kept[0].upper() in _PARTICLES:
        kept.pop(0)
    if not full_words:
        return None
    return ", ".join([" ".join(kept), *suffix])


def _is_name_word(word: str, mixed_case: bool) -> bool:
    upper = word.upper()
    titles, prefixes = _titles()
    bare = upper.rstrip(".")
    if "." in word and (_INITIAL.match(word) or _SUFFIX.match(word)):
        return upper not in ("A.I.", "A.I")  # `Mark C. Minton`, `Jr.`, not `a.i.`
    if upper in titles or bare in titles:
        return False
    if _INITIAL.match(word) or _SUFFIX.match(word):
        return True
    if "/" in word or not _NAME_WORD.match(word) or upper.strip("X") == "":
        return False  # an office (`A/DCM`), not a word, or a redaction (`XXXXXXXXXXXX`)
    if bare.startswith(prefixes):
        return False
    if mixed_case and word.isupper() and 1 < len(word) <= 4:
        return False  # an office's letters in a mixed-case line: `DCM`, `NEA`
    return word[0].isupper() or upper in _PARTICLES


def tagged_people(tags: str) -> list[str]:
    """Persons in a TAGS line: in brackets (`OVIP (STEINBERG, JAMES B.)`) or as the words
    after a visit tag that are no tag (`OVIP RICE CONDOLEEZZA PREL` names `RICE,
    CONDOLEEZZA`)."""
    if "(" in tags:
        names = [" ".join(m[1].upper().split()) for m in _PERSON_IN_BRACKETS.finditer(tags)]
        if names:
            return list(dict.fromkeys(names))
    upper = tags.upper()
    if "OVIP" not in upper and "CODEL" not in upper:
        return []
    names = []
    known = _known_tags()
    words = _TAG_BREAK.split(_BRACKETS.sub(" ", upper))
    for index, word in enumerate(words):
        if word not in _VISIT_TAGS:
            continue
        run = []
        for after in words[index + 1 : index + 4]:
            if not re.fullmatch(r"[A-Z][A-Z'-]{2,}", after) or after in known:
                break
            if _TAG_SHAPE.match(after):
                break
            run.append(after)
        if run:
            names.append(run[0] + (", " + " ".join(run[1:]) if len(run) > 1 else ""))
    return list(dict.fromkeys(names))


@cache
def _known_tags() -> frozenset[str]:
    return frozenset(row[0] for row in read_table("tags.tsv")) | frozenset(fips_names())
