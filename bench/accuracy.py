"""How well the parser agrees with what the 2010 site published (`cablegate/metadata.csv`).

    python -m bench.accuracy [../shared/corpus]

Imports the corpus's `cables.csv` into a temporary content folder (so that the source's dates
travel as front matter, as they do for maintainers), parses it back and compares field by
field. Prints each field's agreement and every disagreement; known errors of the site itself
are listed in `tests/data/site_errors.tsv` and counted apart. Then the reference ID the text
alone gives, each text read under a neutral file name so that the name tells nothing.
"""

from __future__ import annotations

import csv
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.cable import Cable
from generator.commands.importer import import_sources
from generator.commands.summary import parse_sources
from generator.parse import CableError, parse_cable
from generator.parse.header import find_dtg
from generator.parse.tags import read_tags
from generator.sources import SourceCable
from generator.sources.text import read_text_file

FIELDS = ("id", "created", "classification", "origin", "subject", "tags")
SITE_ERRORS = Path(__file__).resolve().parent.parent / "tests" / "data" / "site_errors.tsv"


@dataclass
class FieldScore:
    """Agreement on one field: how many cables were compared and which disagreed."""

    compared: int = 0
    agreed: int = 0
    site_errors: int = 0
    truncated: int = 0
    ran_on: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Agreement, counting a documented error of the site as agreement."""
        right = self.agreed + self.site_errors + self.truncated + self.ran_on
        return right / self.compared if self.compared else 1.0


def _norm(text: str | None) -> str:
    return " ".join((text or "").replace("’", "'").replace("‘", "'").upper().split())


def known_site_errors() -> set[tuple[str, str]]:
    """(cable ID, field) pairs where the site itself was wrong, with reasons in the file."""
    if not SITE_ERRORS.exists():
        return set()
    with SITE_ERRORS.open(encoding="utf-8") as handle:
        rows = [line.split("\t") for line in handle if line.strip() and not line.startswith("#")]
    return {(row[0], row[1]) for row in rows}


# Page breaks inside a wrapped field: a later page's header (`ASHGABAT 00000757 001.2 OF 002`),
# a line holding only the classification, and the `PAGE 02 HARARE 06677 01 OF 03 291400Z`
# header of partial extracts, after which the field goes on.
_PAGE_HEADER = re.compile(r"^\s*[A-Z][A-Z .'-]{0,9}?\s+\d{8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\s*$")
_LEVEL_ONLY = re.compile(r"^\s*(?:UNCLASSIFIED|CONFIDENTIAL|SECRET)\s*$")
_OLD_PAGE_HEADER = re.compile(r"^\s*PAGE\s+\d\d\s+.*?\b\d{6}Z\s*")
# What ends a wrapped field besides two blank lines: a rule of dashes, a paragraph mark or
# number, the next field's name, the date line the site put before a classification line, that
# line itself.
_FIELD_END = re.compile(
    r"^\s*(?:-{3,}|¶|\d{1,2}\s?\.(?:\s|\()|SUMMARY\s*:"
    r"|(?:REF|REFS|REFTELS?|CLASSI?FIED BY|E\.\s?O\.|TAGS|SUBJECT)\b"
    r"|[A-Z][a-z]+day, \d|(?:C O N|S E C|UNCLAS))",
    re.IGNORECASE,
)
# What the site's subject ran on into after the subject: the next field, a page header.
_RUN_ON = re.compile(r"(?:REF|REFS|REFTELS?|CLASSI?FIED BY)\b|[A-Z][A-Z .'-]{0,9}? \d{8} \d{3}")


def field_lines(cable: Cable, field_name: str) -> list[tuple[str, str]]:
    """For each `SUBJECT:` or `TAGS:` field of the text: (its first physical line after the
    name, the lines that follow it up to two blank lines or what ends a field, page breaks left
    out).

    The 2010 site kept only the first line of a wrapped subject or TAGS line; where its value
    is exactly that line and ours goes on with what the following lines say, the site was
    wrong, not the parser.
    """
    pattern = re.compile(rf"(?:^|\s){field_name}\b\s*:?\s*(.*)$", re.IGNORECASE)
    lines = cable.text.splitlines()
    found = []
    for index, line in enumerate(lines):
        match = pattern.search(line)
        if not match:
            continue
        after: list[str] = []
        blank = False
        for following in lines[index + 1 : index + 8]:
            if _PAGE_HEADER.match(following) or _LEVEL_ONLY.match(following):
                continue
            following = _OLD_PAGE_HEADER.sub("", following)
            if not following.strip():
                if blank:
                    break
                blank = True
                continue
            if _FIELD_END.match(following):
                break
            after.append(following)
        found.append((match.group(1), "\n".join(after)))
    return found


def site_truncated(cable: Cable, name: str, theirs: object) -> bool:
    """Whether the site's value is ours as the site cut it: ours equals it or extends it with
    what the cable's text says next.

    Two cuts of the 2010 site, each checked against our value and the cable's own text: it
    kept only the first line of a wrapped SUBJECT or TAGS line (ours goes on with the next
    lines), and it dropped the first character of a subject that opens with a mark such as
    `(S)`, a quote or a bracket.
    """
    if name == "subject" and isinstance(theirs, str) and theirs:
        ours = _norm(cable.subject)
        if theirs == _without_mark(ours):
            return True
        for line, after in field_lines(cable, "SUBJECT"):
            first = _norm(line)
            if (
                theirs in (first, _without_mark(first))
                and ours.startswith(first + " ")
                and f"{first} {_norm(after)} ".startswith(ours + " ")
            ):
                return True
        return False
    if name == "tags":
        for first, after in field_lines(cable, "TAGS"):
            on_first_line = list(read_tags(first))
            rest = list(cable.tags[len(on_first_line) :])
            if (
                on_first_line == theirs
                and list(cable.tags[: len(on_first_line)]) == theirs
                and rest
                and list(read_tags(after))[: len(rest)] == rest
            ):
                return True
    return False


def site_ran_on(cable: Cable, name: str, theirs: object) -> bool:
    """Whether the site's subject is ours run on into what follows the subject in the text:
    the next field's name (`REF:`, `CLASSIFIED BY:`) or a page header, where ours is what the
    text's subject field says."""
    if name != "subject" or not isinstance(theirs, str) or not cable.subject:
        return False
    ours = _norm(cable.subject)
    if not theirs.startswith(ours + " ") or not _RUN_ON.match(theirs[len(ours) + 1 :]):
        return False
    return any(
        f"{_norm(first)} {_norm(after)} ".startswith(ours + " ")
        for first, after in field_lines(cable, "SUBJECT")
    )


def _without_mark(text: str) -> str:
    """A subject without the mark the site dropped from its start (`(S)`, a quote)."""
    return text[1:].strip() if text and not text[0].isalnum() else text


def values(cable: Cable, row: dict[str, str]) -> dict[str, tuple[object, object]]:
    """(ours, the site's) for each compared field, normalised as the measure defines."""
    site_level = row["classification"].split("//")[0]
    if row["classification"] == "UNCLASSIFIED//FOR OFFICIAL USE ONLY":
        site_level = row["classification"]
    pairs: dict[str, tuple[object, object]] = {
        "id": (cable.id, row["id"]),
        "created": ((cable.created or "")[:10], row["created"][:10]),
        "classification": (cable.classification, site_level),
        "origin": (cable.origin, row["origin"]),
    }
    if row["subject"]:
        pairs["subject"] = (_norm(cable.subject), _norm(row["subject"]))
    if row["tags"]:
        pairs["tags"] = (list(cable.tags), row["tags"].split())
    return pairs


def parse_via_import(corpus: Path) -> dict[str, Cable]:
    """The corpus's cables.csv imported into a content folder and read back."""
    with tempfile.TemporaryDirectory() as tmp:
        report = import_sources([corpus / "cables.csv"], Path(tmp))
        if report.failed:
            raise SystemExit("import failed:\n" + report.summary())
        return {c.id: c for c in parse_sources([tmp]) if isinstance(c, Cable)}


def parse_text_only(corpus: Path) -> dict[str, Cable]:
    """The plain-text cables alone: no dates, origins or levels from any metadata."""
    return {c.id: c for c in parse_sources([corpus / "cablegate"]) if isinstance(c, Cable)}


def measure(corpus: Path, parsed: dict[str, Cable]) -> dict[str, FieldScore]:
    """Score every field of the parsed cables against the site's metadata."""
    with (corpus / "cablegate" / "metadata.csv").open(encoding="utf-8") as handle:
        site = {row["id"]: row for row in csv.DictReader(handle)}
    errors = known_site_errors()
    scores = {name: FieldScore() for name in FIELDS}
    for cable_id, row in site.items():
        cable = parsed.get(cable_id)
        if cable is None:
            scores["id"].compared += 1
            scores["id"].misses.append(f"{cable_id}: not parsed")
            continue
        for name, (ours, theirs) in values(cable, row).items():
            score = scores[name]
            score.compared += 1
            if ours == theirs:
                score.agreed += 1
            elif (cable_id, name) in errors:
                score.site_errors += 1
            elif site_truncated(cable, name, theirs):
                score.truncated += 1
            elif site_ran_on(cable, name, theirs):
                score.ran_on += 1
            else:
                score.misses.append(f"{cable_id}: ours {ours!r}, site {theirs!r}")
    return scores


@dataclass
class IdScore:
    """The reference ID the text alone gives: right, wrong (another cable's) or none."""

    right: int = 0
    wrong: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    dated: int = 0  # texts that carry a date-time group
    dated_right: int = 0

    @property
    def dated_rate(self) -> float:
        """Right IDs among the texts with a date-time group (the year of an ID)."""
        return self.dated_right / self.dated if self.dated else 1.0


def text_id(text: str, label: str) -> tuple[str | None, str]:
    """(ID or None, why none) of a text read from a file named `label`, as an import sees it."""
    item = read_text_file(Path(label), text.encode("utf-8"))
    assert isinstance(item, SourceCable) and "id" not in item.facts, label
    try:
        return parse_cable(item.text, facts=item.facts, overrides=item.overrides).id, ""
    except CableError as error:
        return None, str(error)


def ids_from_text_alone(corpus: Path) -> IdScore:
    """Each plain-text cable under a neutral file name, its ID compared with the site's."""
    with (corpus / "cablegate" / "metadata.csv").open(encoding="utf-8") as handle:
        site_ids = [row["id"] for row in csv.DictReader(handle)]
    score = IdScore()
    for number, cable_id in enumerate(site_ids, 1):
        text = (corpus / "cablegate" / f"{cable_id}.txt").read_text(encoding="utf-8")
        dated = find_dtg(text.splitlines())[0] is not None
        found, why = text_id(text, f"cable-{number:04d}.txt")
        score.dated += dated
        if found == cable_id:
            score.right += 1
            score.dated_right += dated
        elif found is None:
            score.missing.append(f"{cable_id}: {why}")
        else:
            score.wrong.append(f"{cable_id}: ours {found}")
    return score


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus")
    for title, parsed in (
        ("plain text alone (cablegate/*.txt)", parse_text_only(corpus)),
        ("through the import of cables.csv", parse_via_import(corpus)),
    ):
        print(f"== {title}")
        report(measure(corpus, parsed))
    print("== reference ID from the text alone (cablegate/*.txt under neutral file names)")
    report_ids(ids_from_text_alone(corpus))


def report_ids(score: IdScore) -> None:
    """Print the text-alone ID line, then every wrong and missing ID."""
    total = score.right + len(score.wrong) + len(score.missing)
    print(
        f"id from text    {score.dated_rate:7.2%}  of the {score.dated} with a date-time group "
        f"({score.dated_right} right); of all {total}: {score.right} right, "
        f"{len(score.wrong)} wrong, {len(score.missing)} missing"
    )
    for line in score.wrong:
        print(f"  wrong: {line}")
    for line in score.missing:
        print(f"  missing: {line}")


def report(scores: dict[str, FieldScore]) -> None:
    """Print each field's agreement, then every disagreement."""
    for name, score in scores.items():
        print(
            f"{name:15} {score.rate:7.2%}  ({score.agreed} agree, {score.truncated} cut by the "
            f"site, {score.ran_on} run on by the site, {score.site_errors} other site errors, "
            f"{len(score.misses)} differ, of {score.compared})"
        )
    for name, score in scores.items():
        for miss in score.misses:
            print(f"  {name}: {miss}")


if __name__ == "__main__":
    main()
