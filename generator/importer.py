"""`cables import`: bring cables from any source form into the content store.

A cable already there with the same text is left alone; a different text under an existing ID
is a conflict, reported and kept as it was unless the maintainer asks to overwrite.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.parse import CableError, MissingIdError, canonical_id, parse_cable
from generator.sources import SourceCable, SourceError, SourceNote, content, read_paths

# Record fields a source may know better than the text: kept as front matter when they differ.
SOURCE_FACTS = ("created", "classification", "origin")
ASK_FOR_ID = (
    "give it with --id (one file at a time), as the file name (07ULAANBAATAR693.txt) "
    "or as `id:` in the file's front matter"
)


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
    except MissingIdError as error:
        report.failed.append(f"{source.label}: {error}; {ASK_FOR_ID}")
        return
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
    cable_id: str | None = None,
) -> ImportReport:
    """Import every cable under `paths` into the store at `root`; `progress` sees each item.
    `cable_id`: the reference ID of the one cable `paths` hold, where its text cannot tell it
    (it takes the place of an ID in the file name)."""
    report = ImportReport()
    if cable_id is not None and canonical_id(cable_id) is None:
        report.failed.append(f"--id {cable_id!r}: not a reference ID (such as 07ULAANBAATAR693)")
        return report
    cables = 0
    for item in read_paths(paths):
        if progress is not None:
            progress(item)
        if isinstance(item, SourceError):
            report.failed.append(str(item))
        elif isinstance(item, SourceNote):
            report.notes.append(str(item))
        else:
            cables += 1
            if cable_id is not None:
                if cables > 1:
                    report.failed.append(f"{item.label}: --id names one cable; import it alone")
                    continue
                item = replace(item, facts={**item.facts, "id": cable_id})
            import_one(item, root, overwrite=overwrite, report=report)
    return report
