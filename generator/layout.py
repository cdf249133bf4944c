"""The bound Netlify puts on a deploy: no folder may hold more than 54,000 files."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

NETLIFY_FOLDER_LIMIT = 54_000


def entries_per_folder(files: Iterable[str]) -> Counter[str]:
    """How many files and folders each folder of the site holds, from the files' paths."""
    children: dict[str, set[str]] = {}
    for file in files:
        parts = file.strip("/").split("/")
        for depth in range(len(parts)):
            folder = "/".join(parts[:depth])
            children.setdefault(folder, set()).add(parts[depth])
    return Counter({folder: len(names) for folder, names in children.items()})


def crowded_folders(files: Iterable[str], limit: int = NETLIFY_FOLDER_LIMIT) -> list[str]:
    """Folders over the limit, each with its count, for a build warning."""
    counts = entries_per_folder(files)
    return [f"/{folder}/ holds {n:,} entries" for folder, n in counts.most_common() if n > limit]
