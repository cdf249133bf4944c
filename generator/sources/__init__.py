"""One reader per input form, all yielding the same thing: a cable's text and what its source says.

`read_paths` walks files and folders and hands each file to its reader; a file that cannot be
read yields a `SourceError` naming it, so one bad file never stops the batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from generator.clean import one_line

# The most a cable file may hold. The largest of the 1,000 shared cables has 44 KB and a
# cable of the release is cut into sections long before this; a file larger is no cable, and
# its page would be as large.
LARGEST_CABLE = 4 * 2**20


@dataclass(frozen=True)
class SourceCable:
    """A cable as a source holds it: its text, the source's facts and a maintainer's overrides."""

    label: str
    text: str
    facts: dict[str, Any] = field(default_factory=dict)
    overrides: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class _Said:
    """Something said of a file or row, for one line of output."""

    label: str
    message: str
    prefix: ClassVar[str] = ""

    def __str__(self) -> str:
        return one_line(f"{self.label}: {self.prefix}{self.message}")


class SourceError(_Said):
    """A file or row that holds no readable cable, and why."""


class SourceNote(_Said):
    """A file deliberately passed over in a folder walk, said out loud rather than dropped;
    not a failure."""

    prefix = "skipped, "


def unexpected(error: Exception, doing: str = "parsed") -> str:
    """The message for a fault of this program's own on one cable, which stops only that
    cable: what it was, and that it should be reported."""
    return one_line(
        f"could not be {doing} ({type(error).__name__}: {str(error)[:200]}); please report this"
    )


Read = SourceCable | SourceError | SourceNote


def read_paths(paths: Iterable[str | Path]) -> Iterator[Read]:
    """Every cable under the given files and folders, in a stable (sorted) order. In a
    folder, symbolic links are refused and hidden files and folders passed over, as a
    build does (`reading.list_content`)."""
    for path in map(Path, paths):
        if not path.exists():
            yield SourceError(str(path), "no such file or folder")
            continue
        if not path.is_dir():
            yield from _read_file(path.resolve() if path.is_symlink() else path, False)
            continue
        for file in sorted(path.rglob("*"), key=str):  # as a build orders them
            if any(part.startswith(".") for part in file.relative_to(path).parts):
                continue
            if file.is_symlink():
                yield SourceError(str(file), "a symbolic link, not read")
            elif file.is_file():
                yield from _read_file(file, True)
            elif not file.is_dir():
                yield SourceError(str(file), "not a regular file, not read")


def _read_file(file: Path, in_folder: bool) -> Iterator[Read]:
    """The cables of one file, by its kind; in a folder walk, files of other kinds are
    noted and passed over, where a file named on its own is read as text."""
    from generator.sources.html import read_html
    from generator.sources.release_csv import looks_like_release_csv, read_release_csv
    from generator.sources.text import read_text_file

    suffix = file.suffix.lower()
    if suffix in (".html", ".htm"):
        yield read_html(file)
    elif suffix == ".csv":
        if in_folder and not looks_like_release_csv(file):
            yield SourceNote(str(file), "not in the 8-column cables.csv layout")
        else:
            yield from read_release_csv(file)
    elif suffix in (".txt", "") or not in_folder:
        yield read_text_file(file)
    else:
        yield SourceNote(str(file), f"not a cable file ({suffix or 'no extension'})")
