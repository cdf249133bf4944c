"""Editorial pages: `content/pages/<name>.md`, Markdown with an optional `title` in front matter."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.clean import clean_text
from generator.sources.front_matter import FrontMatterError, split_front_matter


@dataclass(frozen=True)
class Editorial:
    """One editorial page: its name (its address is `/<name>/`), title and Markdown."""

    name: str
    title: str
    markdown: str


def read_editorial(folder: Path, warnings: list[str]) -> list[Editorial]:
    """Every page of `folder`, by name; one that cannot be read is a warning and left out."""
    pages = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        try:
            meta, body = split_front_matter(clean_text(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, FrontMatterError) as error:
            warnings.append(f"{path}: {error}; page left out")
            continue
        title = clean_text(str(meta.get("title") or path.stem.replace("-", " ").capitalize()))
        pages.append(Editorial(path.stem, title, body))
    return pages
