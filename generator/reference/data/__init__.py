"""Reference tables shipped with the package: posts, TAGS descriptions, extra FIPS codes."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files


def read_table(name: str) -> Iterator[list[str]]:
    """Rows of a tab-separated data file in this folder; `#` lines are comments."""
    text = files(__package__).joinpath(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")
