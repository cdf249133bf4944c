"""Hostile input at volume: how many generated inputs crash a stage.

    python -m bench.fuzz [--inputs 12000] [--seed 1] [--corpus ../shared/corpus]

Makes inputs of five kinds from the real cables: texts mangled (lines dropped, doubled, cut,
replaced by junk: control characters, very long lines, spaced classification lines, numbers
of thousands of digits), front matter of every record key with values of every YAML type
(and YAML that is not), dates, `cables.csv` rows of any shape, and header lines. Each goes
through the stages it would meet (decode, front matter, parse, render a page and its record;
rows through the CSV reader); then every content file made is built into one site with
`cables build`, the CSV rows are imported with `cables import`, and `cables check` reads the
site. A crash is any exception but a stage's own one-line error, or an error message of more
than one line; the numbers per kind are printed, with the first crashes in full.
tests/test_properties.py runs the same contract under hypothesis, on fewer inputs.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import shutil
import tempfile
import time
import traceback
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import yaml

from generator.build import build
from generator.commands.check import check_site
from generator.commands.importer import import_sources
from generator.dates import DateError, iso_utc
from generator.parse import CableError, parse_cable
from generator.site.collection import Collection
from generator.site.plan import cable_page
from generator.site.render import Renderer, record_json
from generator.site.settings import SiteConfig
from generator.sources import SourceCable, SourceError
from generator.sources.front_matter import FrontMatter
from generator.sources.release_csv import read_release_csv
from generator.sources.text import read_text_file

ROOT = Path(__file__).resolve().parent.parent
JUNK = [
    "\x1a", "\x1b[31m", "\x00", "\x01", "\ufffe", "\u202e", "\u200b", "\ud800", "\t",
    "<script>alert(1)</script>", "*_[x](y)_*", "{#par1}", "{{ 7*7 }}", "&amp;", "]]>",
    "9" * 4400, "SECTION 01 OF " + "9" * 4400, "C O N F I D E N T I A L " + "X " * 60,
    "S E C R E T SECTION 01 OF 02 " + "A" * 300 + " 000001", "REF: " + "A. STATE 1 " * 200,
    "SUBJECT: " + "LONG " * 2000, "TAGS: " + "PREL, " * 500, "E.O. 12958: DECL: 13/45/2099",
    "1. (C) " + "x" * 20000, "-" * 5000, "PAGE 02 ROME 01196 01 OF 02 082030Z", "\r", "\r\n",
    "CONFIDENTIAL " + "AB " * 8000, "PAGE 02 A" + " " * 20000 + " OF 02", "A. " * 5000,
]  # fmt: skip
SLOWEST = 1.0  # seconds one input may take in one stage: more is unbounded work, a crash
STEPS = ("import", "build", "check")  # over all inputs at once, not inputs themselves
KEYS = [*FrontMatter.model_fields, "x-note", "title", "subjet", "", "1", "text"]


class Tally:
    """Inputs, outcomes and the first crashes, per kind."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()
        self.crashes: list[str] = []

    def run(self, kind: str, action, *args) -> object:
        started = time.perf_counter()
        try:
            outcome, value = action(*args)
        except Exception:
            self.counts[kind, "crashed"] += 1
            if len(self.crashes) < 5:
                self.crashes.append(f"{kind}:\n{traceback.format_exc()}")
            return None
        spent = time.perf_counter() - started
        if spent > SLOWEST and kind not in STEPS:
            self.note(kind, "crashed", f"{spent:.1f} s on one input: {args[0]!r:.200}")
            return value
        self.counts[kind, outcome] += 1
        return value

    def note(self, kind: str, outcome: str, detail: str = "") -> None:
        self.counts[kind, outcome] += 1
        if outcome == "crashed" and len(self.crashes) < 5:
            self.crashes.append(f"{kind}: {detail}")


def _clear(message: str) -> str:
    """A stage's error is one line, or it counts as a crash."""
    if not message or "\n" in message:
        raise AssertionError(f"not one line: {message!r}")
    return "refused"


class Stages:
    """What each kind of input goes through, as the commands do it."""

    def __init__(self) -> None:
        self.renderer = Renderer(ROOT / "templates", SiteConfig())

    def cable(self, item: SourceCable | SourceError) -> tuple[str, SourceCable | None]:
        if isinstance(item, SourceError):
            return _clear(str(item)), None
        try:
            cable = parse_cable(item.text, facts=item.facts, overrides=item.overrides)
        except CableError as error:
            return _clear(str(error)), None
        collection = Collection()
        collection.add(cable)
        collection.finish()
        self.renderer.render(cable_page(cable, collection))
        record_json(cable)
        return "parsed", item

    def file(self, path: Path) -> tuple[str, SourceCable | None]:
        return self.cable(read_text_file(path))

    def date(self, value: object) -> tuple[str, str | None]:
        try:
            return "date", iso_utc(value)
        except DateError as error:
            return _clear(str(error)), None


def _date(rng: random.Random) -> object:
    choices = [
        lambda: f"{rng.randint(0, 9999):04d}-{rng.randint(0, 13):02d}-{rng.randint(0, 32):02d}",
        lambda: (
            f"{rng.randint(0, 13)}/{rng.randint(0, 32)}/{rng.randint(1900, 2100)} "
            f"{rng.randint(0, 25)}:{rng.randint(0, 61):02d}"
        ),
        lambda: (
            f"2007-12-14T{rng.randint(0, 25):02d}:{rng.randint(0, 61):02d}:00"
            + rng.choice(["Z", "+05:00", "-23:59", "+99:99", ""])
        ),
        lambda: date(rng.randint(1, 9999), rng.randint(1, 12), rng.randint(1, 28)),
        lambda: datetime(2007, 12, 14, tzinfo=timezone(timedelta(hours=rng.randint(-23, 23)))),
        lambda: rng.choice(["0001-01-01T00:00:00+05:00", "9999-12-31T23:00-05:00"]),
        lambda: rng.choice(JUNK),
    ]
    return rng.choice(choices)()


def _value(rng: random.Random, depth: int = 0) -> object:
    kinds = ["none", "bool", "int", "float", "text", "junk", "date", "list", "dict"]
    kind = rng.choice(kinds if depth < 3 else kinds[:7])
    if kind == "none":
        return None
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "int":
        return rng.choice([0, -1, 1, 999, 1000, 10**40, rng.randint(-(10**9), 10**9)])
    if kind == "float":
        return rng.choice([0.5, float("inf"), float("nan"), 1e308])
    if kind == "text":
        return rng.choice(["PREL", "MG, PREF", "SECRET//NOFORN", "Embassy Paris", "", "x" * 300])
    if kind == "junk":
        return rng.choice(JUNK)
    if kind == "date":
        return _date(rng)
    if kind == "list":
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {rng.choice(KEYS): _value(rng, depth + 1) for _ in range(rng.randint(0, 3))}


def _front_matter(rng: random.Random) -> str:
    if rng.random() < 0.1:  # YAML that is not YAML, or not a mapping
        return rng.choice(["[", "{a: 1", "- a\n- b", "a: *missing", "? [a]\n: b", "\t:"])
    front = {rng.choice(KEYS): _value(rng) for _ in range(rng.randint(1, 4))}
    if rng.random() < 0.1:  # an alias bomb
        return "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\ntags: [*b,*b,*b]"
    try:
        return yaml.safe_dump(front, allow_unicode=True)
    except (yaml.YAMLError, ValueError):
        return "tags: [" + "x, " * 100 + "]"


def _mangled(rng: random.Random, text: str) -> str:
    lines = text.splitlines(keepends=True)
    for _ in range(rng.randint(1, 8)):
        if not lines:
            break
        at = rng.randrange(len(lines))
        action = rng.choice(["drop", "double", "cut", "junk", "swap", "insert"])
        if action == "drop":
            del lines[at]
        elif action == "double":
            lines.insert(at, lines[at])
        elif action == "cut":
            lines[at] = lines[at][: rng.randint(0, len(lines[at]))]
        elif action == "junk":
            lines[at] = rng.choice(JUNK) + "\n"
        elif action == "swap":
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        else:
            lines.insert(at, lines[at][:20] + rng.choice(JUNK) + lines[at][20:])
    return "".join(lines)


def _row(rng: random.Random, number: int, text: str) -> list[str]:
    header, _, body = text.partition("\n\n")
    row = [
        str(number),
        str(_date(rng)),
        rng.choice(["07ULAANBAATAR693", f"07FUZZ{number}", "", "X" * 300, "9" * 4400]),
        "Embassy Ulaanbaatar",
        rng.choice(["UNCLASSIFIED", "SECRET//NOFORN", "", rng.choice(JUNK)]),
        "",
        header,
        body,
    ]
    if rng.random() < 0.2:
        del row[rng.randrange(len(row))]
    if rng.random() < 0.2:
        row[rng.randrange(len(row))] += rng.choice(['"', "\\", "\n", rng.choice(JUNK)])
    return row


def fuzz(inputs: int, seed: int, corpus: Path) -> Tally:
    """Make `inputs` inputs and put each through its stages, then the whole lot through
    import, build and check."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted((corpus / "cablegate").glob("*.txt"))]
    stages, tally = Stages(), Tally()
    work = Path(tempfile.mkdtemp(prefix="cables-fuzz-"))
    project = work / "project"
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copytree(ROOT / "content" / "pages", project / "content" / "pages")
    store = project / "content" / "cables" / "2007"
    store.mkdir(parents=True)
    rows = io.StringIO()
    writer = csv.writer(rows, doublequote=False, escapechar="\\", quoting=csv.QUOTE_ALL)
    kinds = ["text", "front matter", "date", "csv row", "header line"]
    for number in range(inputs):
        kind = kinds[number % len(kinds)]
        text = rng.choice(texts)
        if kind == "date":
            tally.run(kind, stages.date, _date(rng))
            continue
        if kind == "csv row":
            writer.writerow(_row(rng, number, text))
            continue
        if kind == "header line":
            lines = text.splitlines(keepends=True)
            lines.insert(rng.randint(0, min(40, len(lines))), rng.choice(JUNK) + "\n")
            text = "".join(lines)
        front = _front_matter(rng) if kind == "front matter" else ""
        body = _mangled(rng, text) if kind == "text" else text
        path = store / f"07FUZZ{number}.txt"
        data = (f"---\n{front}---\n" if front else "") + body
        path.write_bytes(data.encode("utf-8", "surrogatepass"))
        tally.run(kind, stages.file, path)
    _end_to_end(tally, stages, project, work, rows.getvalue())
    shutil.rmtree(work, ignore_errors=True)
    return tally


def _end_to_end(tally: Tally, stages: Stages, project: Path, work: Path, rows: str) -> None:
    """The content files as one collection: built, then checked; the rows imported."""
    csv_file = work / "cables.csv"
    csv_file.write_text(rows, encoding="utf-8", errors="surrogatepass")
    for item in read_release_csv(csv_file):
        tally.run("csv row", stages.cable, item)
    told: list[str] = []
    tally.run(
        "import", lambda: ("imported", import_sources([csv_file], work / "in", tell=told.append))
    )
    for line in told:
        if "\n" in line or "please report" in line:
            tally.note("import", "crashed", line[:300])
    report = tally.run("build", lambda: ("built", build(project, project / "site", search=False)))
    if report is not None:
        for line in report.failed + report.warnings:
            if "\n" in line or "please report" in line:
                tally.note("build", "crashed", line[:300])
        problems, _ = check_site(project, project / "site")
        for problem in problems:
            tally.note("check", "crashed", problem[:300])
        tally.note("check", "checked")


def _print(tally: Tally) -> None:
    kinds = sorted({kind for kind, _ in tally.counts})
    total = sum(n for (kind, _), n in tally.counts.items() if kind not in STEPS)
    crashes = sum(n for (_, outcome), n in tally.counts.items() if outcome == "crashed")
    for kind in kinds:
        outcomes = {o: n for (k, o), n in sorted(tally.counts.items()) if k == kind}
        print(f"{kind:14} " + ", ".join(f"{o} {n}" for o, n in outcomes.items()))
    print(f"{total} inputs, {crashes} crashes")
    for crash in tally.crashes:
        print("\n" + crash)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=12000, help="how many inputs (12000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    arguments = parser.parse_args()
    tally = fuzz(arguments.inputs, arguments.seed, arguments.corpus)
    _print(tally)
    raise SystemExit(1 if tally.crashes else 0)
