"""A project folder holding the shared corpus, for tests, benchmarks and a look in a browser.

    python -m bench.corpus_project DIR [../shared/corpus]

Imports the 1,000 cables of `cables.csv` (with the source's dates) and the example cable into
DIR/content/cables, and links this repository's templates, editorial pages and settings, so
`cables build --source DIR` builds the site as it would look with the real collection.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from generator.commands.importer import import_sources

ROOT = Path(__file__).resolve().parent.parent


def make_project(target: Path, corpus: Path, seed: Path | None = None) -> Path:
    """Create (or refresh) the project folder and return it."""
    cables = target / "content" / "cables"
    cables.mkdir(parents=True, exist_ok=True)
    sources = [corpus / "cables.csv"] + ([seed] if seed else [])
    report = import_sources(sources, cables)
    if report.failed:
        raise SystemExit(report.summary())
    templates = target / "templates"
    if not templates.exists():
        templates.symlink_to(ROOT / "templates", target_is_directory=True)
    shutil.copytree(ROOT / "content" / "pages", target / "content" / "pages", dirs_exist_ok=True)
    shutil.copy(ROOT / "content" / "site.yaml", target / "content" / "site.yaml")
    return target


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path, help="the project folder to make or refresh")
    parser.add_argument("corpus", type=Path, nargs="?", default=ROOT.parent / "shared" / "corpus")
    arguments = parser.parse_args()
    seed = arguments.corpus.parent / "seed" / "000_8064cce5387d321f.txt"
    print(make_project(arguments.dir, arguments.corpus, seed))
