"""Editorial pages: `content/pages/<name>.md`, Markdown with an optional `title` in front matter.

Read as cable files are: regular files only, never through a link, none larger than a cable
may be; a page's name is its address (`/<name>/`), so only names of lowercase letters, digits
and hyphens that no part of the site already uses are taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.clean import clean_text, one_line
from generator.files import read_regular, reason
from generator.sources import LARGEST_CABLE
from generator.sources.decode import DecodeError, decode
from generator.sources.front_matter import FrontMatterError, split_front_matter

_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,60}")


@dataclass(frozen=True)
class Editorial:
    """One editorial page: its name (its address is `/<name>/`), title and Markdown."""

    name: str
    title: str
    markdown: str


def read_editorial(folder: Path, taken: set[str], warnings: list[str]) -> list[Editorial]:
    """Every page of `folder`, by name; `taken`: the names the site's own pages use
    (`search`, `tag`, `cable`, ...). A page that cannot be read is a warning, left out."""
    pages = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        page = _read(path, taken)
        if isinstance(page, str):
            warnings.append(one_line(f"{path}: {page}; page left out"))
        else:
            pages.append(page)
    return pages


def _read(path: Path, taken: set[str]) -> Editorial | str:
    """The page at `path`, or why it cannot be one."""
    name = path.name.removesuffix(".md")
    if not _NAME.fullmatch(name):
        return "a page's name is its address: lowercase letters, digits and hyphens only"
    if name in taken:
        return f"/{name}/ is an address of the site's own"
    try:
        text = decode(read_regular(str(path), LARGEST_CABLE))
        meta, body = split_front_matter(clean_text(text))
    except OSError as error:
        return reason(error)
    except (DecodeError, FrontMatterError) as error:
        return str(error)
    title = meta.get("title", name.replace("-", " ").capitalize())
    if not isinstance(title, str) or not title.strip():
        return "front matter title must be a text"
    extra = sorted(str(key) for key in meta if key != "title" and not str(key).startswith("x-"))
    if extra:
        return f"front matter key {extra[0]!r} is not one of an editorial page (title)"
    return Editorial(name, clean_text(title), body)
