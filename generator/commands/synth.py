"""`cables synth N --to DIR`: a collection of any size to measure with, never to publish.

Real cable texts from the shared corpus, each given a new unique reference ID and a date drawn
so that years, months, origins, tags and references grow the way the real release does (most
cables 2004-2010, a thin tail back to 1966). Every synthetic cable says so in its front matter
(`synthetic: true`), and the site marks every synthetic page.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from pathlib import Path

from tqdm import tqdm

from generator.parse import CableError, parse_cable
from generator.sources import SourceCable, content, read_paths

# Share of cables per year, shaped like the 2010-2011 release: a thin tail from 1966, most
# between 2004 and 2010, the peak in 2008-2009 (an approximation for benchmarks).
YEAR_WEIGHTS = {
    **{year: 0.02 for year in range(1966, 2000)},
    2000: 0.1, 2001: 0.15, 2002: 0.2, 2003: 0.6, 2004: 3.0, 2005: 6.5, 2006: 12.0,
    2007: 18.0, 2008: 23.0, 2009: 24.0, 2010: 7.0,
}  # fmt: skip


def _templates(corpus: Path) -> list[tuple[SourceCable, str, str | None]]:
    """(source, station, origin) of every readable corpus cable, the texts synth reuses."""
    found = []
    for item in read_paths([corpus / "cables.csv"]):
        if isinstance(item, SourceCable):
            try:
                cable = parse_cable(item.text, facts=item.facts)
            except CableError:
                continue
            found.append((item, cable.station or "STATE", cable.origin))
    return found


def synthetic_cables(count: int, corpus: Path, seed: int = 2010) -> Iterator[tuple[str, str, dict]]:
    """(reference ID, text, front matter) for `count` synthetic cables, deterministic."""
    rng = random.Random(seed)
    sources = _templates(corpus)
    years = list(YEAR_WEIGHTS)
    weights = list(YEAR_WEIGHTS.values())
    serials: dict[tuple[int, str], int] = {}
    for number in range(count):
        source, station, origin = sources[number % len(sources)]
        year = rng.choices(years, weights)[0]
        key = (year, station)
        serials[key] = serials.get(key, 0) + 1
        cable_id = f"{year % 100:02d}{station}{serials[key] + 90000}"
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        created = (
            f"{year}-{month:02d}-{day:02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z"
        )
        front = {"id": cable_id, "created": created, "synthetic": True}
        if origin:
            front["origin"] = origin
        yield cable_id, source.text, front


def make_synthetic_project(
    count: int, target: Path, corpus: Path, project: Path, progress: bool = False
) -> int:
    """Write a project folder with `count` synthetic cables and this project's templates."""
    store = target / "content" / "cables"
    written = 0
    made = synthetic_cables(count, corpus)
    for cable_id, text, front in tqdm(made, total=count, desc="synth", disable=not progress):
        content.write(content.path_for(store, cable_id), text, front)
        written += 1
    for folder in ("templates", "content/pages"):
        if (project / folder).is_dir():
            shutil.copytree(project / folder, target / folder, dirs_exist_ok=True)
    if (project / "content" / "site.yaml").is_file():
        shutil.copy(project / "content" / "site.yaml", target / "content" / "site.yaml")
    return written
