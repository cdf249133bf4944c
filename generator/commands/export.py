"""`cables export --markdown DIR`: the collection as Markdown pages with YAML front matter.

The layout is a Hugo content folder (and suits most generators that read Markdown with front
matter): `DIR/cables/<year>/<month>/<ID>.md`, with an `_index.md` per year and month so they
become sections, the monthly archives. Front matter carries the facts and the taxonomies
(`tags`, `countries`, `origins`, `classifications`); the body is the cable's Markdown, in
which the cable's own text is escaped, so no generator reads it as markup; paragraph anchors
are block attributes placed as Goldmark reads them. It lets anyone take
the collection elsewhere, and lets the benchmarks build the same cables with Hugo.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.cable import Cable
from generator.incremental.cache_folder import CacheFolder
from generator.incremental.records import ParseCache, record_of
from generator.parse.body import PREAMBLE_CLOSE, PREAMBLE_OPEN
from generator.reading import Reader, list_content, read_collection
from generator.report import BuildReport
from generator.site.addresses import UNDATED, cable_url, month_key
from generator.site.indexes import INDEXES, values_of
from generator.site.plan import DATES, MONTH_NAMES
from generator.workers import default_jobs, in_workers

_TARGET: dict[str, Any] = {}  # the export folder and parse cache, set before workers fork


def front_matter(cable: Cable) -> dict[str, Any]:
    """The facts of a cable as front matter; taxonomies named as Hugo expects them."""
    values = values_of(cable)
    matter: dict[str, Any] = {
        "title": cable.subject or cable.id,
        "id": cable.id,
        "url": cable_url(cable.id, cable.created),
    }
    if cable.created:
        matter["date"] = cable.created
    if cable.released:
        matter["released"] = cable.released
    for name, kind in INDEXES.items():
        if kind.exported_as:
            matter[kind.exported_as] = values[name]
    matter["references"] = [ref.id for ref in cable.references if ref.id]
    if cable.synthetic:
        matter["synthetic"] = True
    return matter


def goldmark_anchors(body: str) -> str:
    """Anchors as Goldmark (Hugo) reads attributes: a paragraph's after it
    (`parser.attribute.block`) and a heading's at its end (`parser.attribute.title`), where
    markdown-it's attrs plugin reads them before the block. The preamble's container fences
    are left out: Goldmark knows no containers, and would show them as text."""
    blocks = body.split("\n\n")
    for number, block in enumerate(blocks):
        if block.startswith(PREAMBLE_OPEN + "\n"):
            block = block.removeprefix(PREAMBLE_OPEN + "\n")
        if block.endswith("\n" + PREAMBLE_CLOSE):
            block = block.removesuffix("\n" + PREAMBLE_CLOSE)
        first, newline, rest = block.partition("\n")
        if newline and first.startswith("{#") and first.endswith("}"):
            block = f"{rest} {first}" if rest.startswith("### ") else f"{rest}\n{first}"
        blocks[number] = block
    return "\n\n".join(blocks)


def markdown_page(matter: dict[str, Any], body: str) -> str:
    dumped = yaml.safe_dump(matter, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---\n\n{body}"


def _export_one(value: tuple[str, str]) -> str | None:
    """Write one cable's page; None, or why it could not be (its file changed meanwhile)."""
    label, key = value
    cable = record_of(_TARGET["cache"], label, key)
    if isinstance(cable, str):
        return f"{cable}; left out of the export"
    year, month = month_key(cable.id, cable.created)
    path = _TARGET["out"] / "cables" / year / month / f"{cable.id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    body = goldmark_anchors(cable.body_markdown)
    path.write_text(markdown_page(front_matter(cable), body), encoding="utf-8")
    return None


def export_markdown(
    source: Path, out: Path, jobs: int | None = None, progress: bool = False
) -> BuildReport:
    """Write every readable cable of the project at `source` as Markdown under `out`."""
    report = BuildReport()
    kept = CacheFolder(source / ".cache")
    cache = ParseCache(kept.records)
    content = list_content(source / "content" / "cables")
    inputs = read_collection(content, Reader(cache, kept, report, jobs or default_jobs(), progress))
    collection, where = inputs.collection, inputs.where()
    _TARGET.update(out=out, cache=cache)
    for failed in in_workers(
        _export_one, [where[i] for i in sorted(where)], jobs or default_jobs()
    ):
        if failed:
            report.failed.append(failed)
    cables = out / "cables"
    cables.mkdir(parents=True, exist_ok=True)
    (cables / "_index.md").write_text(markdown_page({"title": DATES.label}, ""), "utf-8")
    for year, month in collection.months:
        name = "Undated" if month == UNDATED else MONTH_NAMES[int(month) - 1]
        (cables / year / month).mkdir(parents=True, exist_ok=True)  # its cables may all fail
        index = {"title": f"Cables of {year}"}
        (cables / year / "_index.md").write_text(markdown_page(index, ""), "utf-8")
        index = {"title": f"Cables of {name} {year}"}
        (cables / year / month / "_index.md").write_text(markdown_page(index, ""), "utf-8")
    report.cables = len(where)
    return report
