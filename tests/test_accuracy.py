"""The parse of the 1,000 shared cables agrees with what the 2010 site published, and the
measure of that agreement fails when the parse goes wrong."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

import generator.parse
from bench.accuracy import (
    FieldScore,
    ids_from_text_alone,
    known_site_errors,
    measure,
    parse_text_only,
    parse_via_import,
)
from generator.cable import Cable
from generator.parse.header import find_dtg

# How many cables each field is compared on: the corpus is fixed (the site printed no subject
# for 9 cables and linked no tags for 316).
COMPARED = {
    "id": 1000,
    "created": 1000,
    "classification": 1000,
    "origin": 1000,
    "subject": 991,
    "tags": 684,
}
# Disagreements measured (docs/parser.md: none since generator 0.8.0, which ends a subject
# where it ends), and a cable of slack above them; none for the ID, whose error puts a cable
# in another's place.
MEASURED = {"id": 0, "created": 0, "classification": 0, "origin": 0, "subject": 0, "tags": 0}
SLACK = {"id": 0, "created": 1, "classification": 1, "origin": 1, "subject": 1, "tags": 1}


def shortfalls(scores: dict[str, FieldScore], undated: int = 0) -> dict[str, list[str]]:
    """The fields whose disagreements exceed their slack, with the first few of them; on the
    plain texts alone, `undated` texts without a date-time group have no date to agree."""
    found = {}
    for name, score in scores.items():
        allowed = MEASURED[name] + SLACK[name] + (undated if name == "created" else 0)
        if score.compared != COMPARED[name] or len(score.misses) > allowed:
            found[name] = [f"compared {score.compared}", *score.misses[:5]]
    return found


@pytest.fixture(scope="module")
def imported(corpus: Path) -> dict[str, Cable]:
    return parse_via_import(corpus)


@pytest.fixture(scope="module")
def texts(corpus: Path) -> dict[str, Cable]:
    return parse_text_only(corpus)


@pytest.fixture(scope="module")
def undated(corpus: Path) -> int:
    """Texts that carry no date-time group at all: the plain text cannot date them."""
    paths = (corpus / "cablegate").glob("*.txt")
    return sum(find_dtg(p.read_text(encoding="utf-8").splitlines())[0] is None for p in paths)


@pytest.fixture(scope="module")
def via_import(corpus: Path, imported):
    return measure(corpus, imported)


@pytest.fixture(scope="module")
def text_only(corpus: Path, texts):
    return measure(corpus, texts)


def test_through_import(via_import) -> None:
    assert shortfalls(via_import) == {}


def test_plain_text_alone(text_only, undated: int) -> None:
    assert undated == 63
    assert shortfalls(text_only, undated) == {}


def test_plain_text_dates_where_the_text_has_them(text_only, undated: int) -> None:
    # Every text with a date-time group is dated right, 09DOHA214's too, whose group comes
    # after a classification-like line of a mail export above the routing header.
    score = text_only["created"]
    assert all("ours ''" in miss for miss in score.misses), score.misses[:5]
    assert len(score.misses) == undated


def test_site_errors_are_few_and_explained(via_import) -> None:
    errors = known_site_errors()
    assert len(errors) == 5
    assert sum(s.site_errors for s in via_import.values()) == len(errors)


# ---- the measure fails when the parse is wrong --------------------------------------------


def _cut(text: str | None) -> str | None:
    return text[:45] if text else text


def _next_day(created: str | None) -> str | None:
    if not created:
        return created
    day = int(created[8:10])
    return f"{created[:8]}{day % 28 + 1:02d}{created[10:]}"


def _other_serial(cable_id: str) -> str:
    return cable_id[:-1] + str((int(cable_id[-1]) + 1) % 10)


_LEVELS = ("UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "UNCLASSIFIED//FOR OFFICIAL USE ONLY")

MUTATIONS: dict[str, dict[str, Callable[[Cable], object]]] = {
    "subject": {
        "garbage": lambda c: "GARBAGE",
        "none": lambda c: None,
        "cut to 45 characters": lambda c: _cut(c.subject),
        "last word dropped": lambda c: c.subject and c.subject.rsplit(" ", 1)[0],
    },
    "id": {
        "another serial": lambda c: _other_serial(c.id),
        "another year": lambda c: f"{(int(c.id[:2]) + 1) % 100:02d}{c.id[2:]}",
    },
    "created": {
        "none": lambda c: None,
        "the next day": lambda c: _next_day(c.created),
        "another year": lambda c: c.created and f"{int(c.created[:4]) - 1}{c.created[4:]}",
    },
    "classification": {
        "none": lambda c: None,
        "one level up": lambda c: (
            _LEVELS[(_LEVELS.index(c.classification) + 1) % 3]
            if c.classification in _LEVELS[:3]
            else "SECRET"
        ),
        "caveat kept": lambda c: f"{c.classification}//NOFORN",
    },
    "origin": {
        "garbage": lambda c: "GARBAGE",
        "none": lambda c: None,
        "consulate for embassy": lambda c: (c.origin or "").replace("Embassy", "Consulate"),
    },
    "tags": {
        "none": lambda c: (),
        "last dropped": lambda c: c.tags[:-1],
        "one added": lambda c: (*c.tags, "KPAO"),
        "reversed": lambda c: tuple(reversed(c.tags)),
    },
}
CASES = [(f, name) for f, kinds in MUTATIONS.items() for name in kinds]


def mutated(parsed: dict[str, Cable], name: str, change: Callable[[Cable], object]):
    """The parser's output with one field changed in every cable, keyed as the measure reads."""
    cables = [dataclasses.replace(c, **{name: change(c)}) for c in parsed.values()]
    return {c.id: c for c in cables}


@pytest.mark.parametrize(("name", "kind"), CASES, ids=[f"{f}-{k}" for f, k in CASES])
def test_a_wrong_field_fails_the_measure(
    corpus: Path, imported, texts, undated: int, name: str, kind: str
) -> None:
    change = MUTATIONS[name][kind]
    assert name in shortfalls(measure(corpus, mutated(imported, name, change)))
    assert name in shortfalls(measure(corpus, mutated(texts, name, change)), undated)


def test_a_parser_that_cuts_subjects_fails_the_measure(corpus: Path, monkeypatch) -> None:
    """The parse itself changed, not its output: the measure notices."""
    original = generator.parse._subject
    monkeypatch.setattr(generator.parse, "_subject", lambda value: _cut(original(value)))
    assert list(shortfalls(measure(corpus, parse_text_only(corpus)), 63)) == ["subject"]


def test_a_parser_that_misreads_the_serial_fails_the_id_measure(corpus: Path, monkeypatch) -> None:
    original = generator.parse.id_from_text

    def misread(*args):
        found = original(*args)
        return _other_serial(found) if found.endswith("9") else found

    monkeypatch.setattr(generator.parse, "id_from_text", misread)
    assert len(ids_from_text_alone(corpus).wrong) > 50
