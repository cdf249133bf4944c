"""One reader per input form, all yielding the same thing: a cable's text and what its source says.

`read_paths` walks files and folders and hands each file to its reader; a file that cannot be
read yields a `SourceError` naming it, so one bad file never stops the batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class SourceCable:
    """A cable as a source holds it: its text, the source's facts and a maintainer's overrides."""

    label: str
    text: str
    facts: dict[str, Any] = field(default_factory=dict)
    overrides: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceError:
    """A file or row that holds no readable cable, and why, for one line of output."""

    label: str
    message: str

    def __str__(self) -> str:
        return f"{self.label}: {self.message}"


@dataclass(frozen=True)
class SourceNote:
    """A file deliberately passed over in a folder walk, said out loud rather than dropped."""

    label: str
    message: str

    def __str__(self) -> str:
        return f"{self.label}: skipped, {self.message}"


Read = SourceCable | SourceError | SourceNote


def read_paths(paths: Iterable[str | Path]) -> Iterator[Read]:
    """Every cable under the given files and folders, in a stable (sorted) order."""
    from generator.sources.html import read_html
    from generator.sources.release_csv import looks_like_release_csv, read_release_csv
    from generator.sources.text import read_text_file

    for path in map(Path, paths):
        if not path.exists():
            yield SourceError(str(path), "no such file or folder")
            continue
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            suffix = file.suffix.lower()
            if file.name.startswith("."):
                continue
            if suffix in (".html", ".htm"):
                yield read_html(file)
            elif suffix == ".csv":
                if path.is_dir() and not looks_like_release_csv(file):
                    yield SourceNote(str(file), "not in the 8-column cables.csv layout")
                    continue
                yield from read_release_csv(file)
            elif suffix in (".txt", "") or not path.is_dir():
                yield read_text_file(file)
            else:
                yield SourceNote(str(file), f"not a cable file ({suffix or 'no extension'})")
