"""A project built from the 1,000 shared cables, the example cable and a hostile cable, shared
by the site tests (built once per test session)."""

from __future__ import annotations

from pathlib import Path

from bench.corpus_project import make_project
from generator.build import build
from generator.sources import content

SCRIPT_ID = "07ULAANBAATAR999"


def hostile_text(seed_text: str) -> str:
    """The example cable as another cable whose text carries markup that must stay text."""
    return seed_text.replace("ULAANBAATAR 000693", "ULAANBAATAR 000999").replace(
        "IOM Regional Rep Charles Harns",
        "IOM Regional Rep <script>alert(1)</script> *Charles* _Harns_ [x](y)",
    )


def make_site(root: Path, corpus: Path, seed: Path) -> tuple[Path, Path]:
    project = make_project(root / "project", corpus, seed)
    store = project / "content" / "cables"
    text = hostile_text(seed.read_text(encoding="utf-8"))
    content.write(content.path_for(store, SCRIPT_ID), text, {})
    out = project / "site"
    build(project, out)
    return project, out
