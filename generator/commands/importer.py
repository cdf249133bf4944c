"""`cables import`: bring cables from any source form into the content store.

A cable already there with the same text is left alone; a different text under an existing ID
is a conflict, reported and kept as it was unless the maintainer asks to overwrite.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from generator.clean import one_line
from generator.files import reason
from generator.parse import CableError, MissingIdError, canonical_id, parse_cable
from generator.sources import SourceCable, SourceError, SourceNote, content, read_paths, unexpected
from generator.sources.front_matter import FrontMatterError

# Record fields a source may know better than the text: kept as front matter when they differ.
SOURCE_FACTS = ("created", "classification", "origin")
# Errors after which no other cable can be written either: the import stops at once.
_STOPPING = {errno.ENOSPC, errno.EDQUOT, errno.EROFS}
ASK_FOR_ID = (
    "give it with --id (one file at a time), as the file name (07ULAANBAATAR693.txt) "
    "or as `id:` in the file's front matter"
)


def _to_stderr(line: str) -> None:
    print(line, file=sys.stderr)


@dataclass
class ImportReport:
    """Counts, and each line a maintainer needs to act on, told as it happens (standard
    error by default) rather than kept: an import of a million bad rows holds none."""

    imported: int = 0
    unchanged: int = 0
    conflicting: int = 0
    failed: int = 0
    stopped: str | None = None  # why the import stopped before the end (a full disk)
    tell: Callable[[str], None] = field(default=_to_stderr, repr=False)

    @property
    def ok(self) -> bool:
        return not self.failed and self.stopped is None

    def conflict(self, line: str) -> None:
        self.conflicting += 1
        self.tell(f"conflict: {line}")

    def fail(self, line: str) -> None:
        self.failed += 1
        self.tell(f"failed: {line}")

    def summary(self) -> str:
        line = (
            f"imported {self.imported}, unchanged {self.unchanged}, "
            f"conflicting {self.conflicting}, failed {self.failed}"
        )
        return line + (f"; stopped: {self.stopped}" if self.stopped else "")


def front_matter_for(source: SourceCable, added: str | None = None) -> tuple[str, dict[str, Any]]:
    """The cable's ID and the source facts its text lacks, to keep beside the text, with the
    moment it is `added` to the collection."""
    with_facts = parse_cable(source.text, facts=source.facts, overrides=source.overrides)
    text_only = parse_cable(source.text, facts={"id": with_facts.id})
    front: dict[str, Any] = {}
    for key in SOURCE_FACTS:
        value = getattr(with_facts, key)
        if value is not None and value != getattr(text_only, key):
            front[key] = value
    if with_facts.released:
        front["released"] = with_facts.released
    if added is not None:
        front["added"] = added
    for key, value in source.overrides.items():
        front[key] = value  # a source's own front matter (`added` included) is kept
    return with_facts.id, front


def import_one(
    source: SourceCable,
    root: Path,
    *,
    overwrite: bool,
    report: ImportReport,
    added: str | None = None,
) -> None:
    """Store one cable, counting what happened. OSError only when no cable can be stored.
    A text replaced keeps the moment its cable was first added."""
    try:
        cable_id, front = front_matter_for(source, added)
    except MissingIdError as error:
        report.fail(f"{source.label}: {error}; {ASK_FOR_ID}")
        return
    except CableError as error:
        report.fail(f"{source.label}: {error}")
        return
    except Exception as error:  # a fault of the parser's: this cable's, not the import's
        report.fail(f"{source.label}: {unexpected(error)}")
        return
    path = content.path_for(root, cable_id)
    try:
        kept, stored = content.stored(path) if path.exists() else ({}, None)
    except (OSError, FrontMatterError) as error:
        shown = reason(error) if isinstance(error, OSError) else str(error)
        report.fail(f"{source.label}: {cable_id} is in {path}, which cannot be read ({shown})")
        return
    if stored is not None:
        if stored == source.text:
            report.unchanged += 1
            return
        if not overwrite:
            report.conflict(
                f"{source.label}: {cable_id} is already in {path} with a different text "
                "(use --overwrite to replace it)"
            )
            return
    if kept.get("added") is not None and "added" not in source.overrides:
        front["added"] = kept["added"]  # when it was first added
    try:
        content.write(path, source.text, front)
    except OSError as error:
        if error.errno in _STOPPING:
            raise
        report.fail(f"{source.label}: cannot be written to {path} ({reason(error)})")
        return
    except UnicodeEncodeError:
        report.fail(f"{source.label}: holds characters UTF-8 cannot store (lone surrogates)")
        return
    report.imported += 1


def import_sources(
    paths: Iterable[str | Path],
    root: Path,
    *,
    overwrite: bool = False,
    progress: Callable[[object], None] | None = None,
    tell: Callable[[str], None] = _to_stderr,
    cable_id: str | None = None,
    added: str | None = None,
) -> ImportReport:
    """Import every cable under `paths` into the store at `root`; `progress` sees each item,
    `tell` each line about a cable that failed, conflicts or was passed over. `cable_id`: the
    reference ID of the one cable `paths` hold, where its text cannot tell it (it takes the
    place of an ID in the file name). `added`: the moment recorded as each cable's `added`
    (ISO 8601 UTC); by default the minute the import starts."""
    report = ImportReport(tell=tell)
    added = added or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:00Z")
    if cable_id is not None and canonical_id(cable_id) is None:
        report.fail(f"--id {cable_id!r}: not a reference ID (such as 07ULAANBAATAR693)")
        return report
    cables = 0
    try:
        for item in read_paths(paths):
            if progress is not None:
                progress(item)
            if isinstance(item, SourceError):
                report.fail(str(item))
            elif isinstance(item, SourceNote):
                tell(str(item))
            else:
                cables += 1
                if cable_id is not None:
                    if cables > 1:
                        report.fail(f"{item.label}: --id names one cable; import it alone")
                        continue
                    item = replace(item, facts={**item.facts, "id": cable_id})
                import_one(item, root, overwrite=overwrite, report=report, added=added)
    except OSError as error:
        report.stopped = one_line(f"{error.filename or root}: {reason(error)}")
        tell(f"stopped: {report.stopped}")
    return report
