"""The bound Netlify puts on a deploy: no folder may hold more than 54,000 files."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

NETLIFY_FOLDER_LIMIT = 54_000


def entries_per_folder(files: Iterable[str]) -> Counter[str]:
    """How many files and folders each folder of the site holds, from the files' paths."""
    children: dict[str, set[str]] = {}
    for file in files:
        folder, _, name = file.strip("/").rpartition("/")
        children.setdefault(folder, set()).add(name)
    for folder in list(children):  # each folder is an entry of its parent, up to the root
        while folder:
            parent, _, name = folder.rpartition("/")
            known = parent in children
            children.setdefault(parent, set()).add(name)
            if known:
                break
            folder = parent
    return Counter({folder: len(names) for folder, names in children.items()})


def crowded_folders(files: Iterable[str], limit: int = NETLIFY_FOLDER_LIMIT) -> list[str]:
    """Folders over the limit, each with its count, for a build warning."""
    counts = entries_per_folder(files)
    return [f"/{folder}/ holds {n:,} entries" for folder, n in counts.most_common() if n > limit]
