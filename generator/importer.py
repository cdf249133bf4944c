"""`cables import`: bring cables from any source form into the content store.

A cable already there with the same text is left alone; a different text under an existing ID
is a conflict, reported and kept as it was unless the maintainer asks to overwrite.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.parse import CableError, parse_cable
from generator.sources import SourceCable, SourceError, SourceNote, content, read_paths

# Record fields a source may know better than the text: kept as front matter when they differ.
SOURCE_FACTS = ("created", "classification", "origin")


@dataclass
class ImportReport:
    """Counts and the lines a maintainer needs to act on."""

    imported: int = 0
    unchanged: int = 0
    conflicting: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        lines = [
            f"imported {self.imported}, unchanged {self.unchanged}, "
            f"conflicting {len(self.conflicting)}, failed {len(self.failed)}"
        ]
        lines += [f"  conflict: {c}" for c in self.conflicting]
        lines += [f"  failed: {f}" for f in self.failed]
        return "\n".join(lines)


def front_matter_for(source: SourceCable) -> tuple[str, dict[str, Any]]:
    """The cable's ID and the source facts its text lacks, to keep beside the text."""
    with_facts = parse_cable(source.text, facts=source.facts, overrides=source.overrides)
    text_only = parse_cable(source.text, facts={"id": with_facts.id})
    front: dict[str, Any] = {}
    for key in SOURCE_FACTS:
        value = getattr(with_facts, key)
        if value is not None and value != getattr(text_only, key):
            front[key] = value
    if with_facts.released:
        front["released"] = with_facts.released
    for key, value in source.overrides.items():
        front.setdefault(key, value)
    return with_facts.id, front


def import_one(source: SourceCable, root: Path, *, overwrite: bool, report: ImportReport) -> None:
    """Store one cable, counting what happened."""
    try:
        cable_id, front = front_matter_for(source)
    except CableError as error:
        report.failed.append(f"{source.label}: {error}")
        return
    path = content.path_for(root, cable_id)
    if path.exists():
        if content.stored_text(path) == source.text:
            report.unchanged += 1
            return
        if not overwrite:
            report.conflicting.append(
                f"{source.label}: {cable_id} is already in {path} with a different text "
                "(use --overwrite to replace it)"
            )
            return
    content.write(path, source.text, front)
    report.imported += 1


def import_sources(
    paths: Iterable[str | Path],
    root: Path,
    *,
    overwrite: bool = False,
    progress: Callable[[object], None] | None = None,
) -> ImportReport:
    """Import every cable under `paths` into the store at `root`; `progress` sees each item."""
    report = ImportReport()
    for item in read_paths(paths):
        if progress is not None:
            progress(item)
        if isinstance(item, SourceError):
            report.failed.append(str(item))
        elif isinstance(item, SourceNote):
            report.notes.append(str(item))
        else:
            import_one(item, root, overwrite=overwrite, report=report)
    return report
