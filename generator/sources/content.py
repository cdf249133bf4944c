"""The content store: `content/cables/<year>/<ID>.txt`, each the original text untouched,
optionally opened by YAML front matter for facts the text lacks or a maintainer's correction.

One folder per year of the reference ID keeps folders small and a cable's path stable: the
ID never changes, whatever a correction says about dates.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.cable import id_year
from generator.files import write_whole
from generator.sources.front_matter import split_front_matter


def path_for(root: Path, cable_id: str) -> Path:
    """Where a cable lives in the store."""
    return root / str(id_year(cable_id)) / f"{cable_id}.txt"


def content_file(text: str, front_matter: dict[str, Any]) -> str:
    """The file's text: front matter (if any) and the cable's original text, byte for byte."""
    if not front_matter:
        return text
    block = yaml.safe_dump(front_matter, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{block}---\n{text}"


def stored_text(path: Path) -> str:
    """The original text of a stored cable, without its front matter."""
    return stored(path)[1]


def stored(path: Path) -> tuple[dict[Any, Any], str]:
    """A stored cable's front matter as written, and its original text."""
    raw = path.read_bytes().decode("utf-8", errors="surrogateescape")
    return split_front_matter(raw)


def write(path: Path, text: str, front_matter: dict[str, Any]) -> None:
    """Write a content file whole, through a temporary name, so no reader sees half of one."""
    write_whole(path, content_file(text, front_matter).encode("utf-8"))
