"""How the record agrees with a peer parser's hand-made cases (cablemap, by Lars Heuer).

    python -m bench.cablemap [../shared/corpus/cablemap/cases.jsonl] [--misses]

Each case is a fragment of a real cable in a plain envelope and the value cablemap's author
expected; it is counted as `cablemap/README.md` says: tags as a list of upper-case codes;
subject and signature with runs of anything but letters and digits taken as one space;
references as the list of cable IDs of the record's `references`, in order, without repeats;
classified_by when each expected name appears in the record's value; summary when the words
agree, ignoring a final full stop. Prints each field's agreement; `--misses` also prints
every case that disagrees, with both values. Cases the record does not follow on purpose are
listed with their reasons in docs/parser.md.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.cable import Cable
from generator.parse import parse_cable

CASES = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "cablemap"
FIELDS = ("references", "classified_by", "signature", "summary", "subject", "tags")
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Case:
    """One peer case: its name, the record field, the envelope text, the expected value."""

    name: str
    field: str
    cable_id: str
    text: str
    expected: Any


@dataclass
class FieldScore:
    """Agreement on one field, and the cases that disagree with both values."""

    compared: int = 0
    agreed: int = 0
    misses: list[tuple[str, Any, Any]] = field(default_factory=list)


def read_cases(path: Path) -> list[Case]:
    """The cases of a `cases.jsonl` file, in file order."""
    cases = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                cases.append(
                    Case(row["case"], row["field"], row["id"], row["cable"], row["expected"])
                )
    return cases


def _words(text: str | None) -> str:
    """Runs of anything but letters and digits as one space, in capitals."""
    return _NOT_WORD.sub(" ", text or "").strip().upper()


def ours(cable: Cable, name: str) -> Any:
    """The record's value for a case's field, in the form the case compares."""
    if name == "references":
        ids: list[str] = []
        for reference in cable.references:
            if reference.id and reference.id not in ids:
                ids.append(reference.id)
        return ids
    if name == "tags":
        return [tag.upper() for tag in cable.tags]
    return getattr(cable, name)


def _summary_words(text: str | None) -> list[str]:
    return (text or "").strip().removesuffix(".").upper().split()


AGREES: dict[str, Callable[[Any, Any], bool]] = {
    "references": lambda got, expected: got == expected,
    "tags": lambda got, expected: got == [t.upper() for t in expected],
    "subject": lambda got, expected: _words(got) == _words(expected),
    "signature": lambda got, expected: _words(got) == _words(expected),
    "classified_by": lambda got, expected: all(
        " ".join(name.upper().split()) in " ".join((got or "").upper().split()) for name in expected
    ),
    "summary": lambda got, expected: _summary_words(got) == _summary_words(expected),
}


def measure(cases: Iterable[Case]) -> dict[str, FieldScore]:
    """Each field's agreement over the cases; a case whose text does not parse disagrees."""
    scores = {name: FieldScore() for name in FIELDS}
    for case in cases:
        score = scores.setdefault(case.field, FieldScore())
        score.compared += 1
        try:
            got = ours(parse_cable(case.text, facts={"id": case.cable_id}), case.field)
        except ValueError as error:
            got = f"error: {error}"
        if AGREES[case.field](got, case.expected):
            score.agreed += 1
        else:
            score.misses.append((case.name, case.expected, got))
    return scores


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("cases", nargs="?", default=str(CASES / "cases.jsonl"))
    options.add_argument("--misses", action="store_true", help="print every disagreeing case")
    args = options.parse_args()
    scores = measure(read_cases(Path(args.cases)))
    for name, score in scores.items():
        rate = score.agreed / score.compared if score.compared else 1.0
        print(f"{name:14} {score.agreed:4}/{score.compared:<4} {rate:7.1%}")
    if args.misses:
        for score in scores.values():
            for case, expected, got in score.misses:
                print(f"\n{case}\n  expected {expected!r}\n  ours     {got!r}")


if __name__ == "__main__":
    main()
