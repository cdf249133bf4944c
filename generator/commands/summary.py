"""Read a whole collection and say what is in it: the main job until the site is built."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from generator.cable import Cable
from generator.parse import CableError, parse_cable
from generator.sources import SourceCable, SourceError, SourceNote, read_paths, unexpected


def parse_sources(paths: Iterable[str | Path]) -> Iterator[Cable | SourceError | SourceNote]:
    """Each source parsed, or the error that names the file and the problem."""
    for item in read_paths(paths):
        if isinstance(item, SourceCable):
            try:
                yield parse_cable(item.text, facts=item.facts, overrides=item.overrides)
            except CableError as error:
                yield SourceError(item.label, str(error))
            except Exception as error:  # a fault of the parser's: this cable's, not the batch's
                yield SourceError(item.label, unexpected(error))
        else:
            yield item


def describe(cables: list[Cable]) -> str:
    """A few lines on the collection: counts by classification, years, origins and tags."""
    if not cables:
        return "no cables"
    levels = Counter(c.classification or "unknown" for c in cables)
    years = sorted({c.year for c in cables})
    origins = {c.origin for c in cables}
    tags = {t for c in cables for t in c.tags}
    countries = {k.code for c in cables for k in c.countries}
    lines = [
        f"{len(cables)} cables, {years[0]}–{years[-1]}, from {len(origins)} origins, "
        f"{len(tags)} tags, {len(countries)} countries",
        *(f"  {count:>7}  {level}" for level, count in levels.most_common()),
    ]
    return "\n".join(lines)
