"""The TAGS line: subject and geographic tags, in order, deduplicated."""

from __future__ import annotations

import re

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_PARENTHESES = re.compile(r"\([^)]*\)?")
_SEPARATORS = re.compile(r"[\s,;]+")
_TAG = re.compile(r"^[A-Z][A-Z0-9]{1,11}$")
_CAVEATS = frozenset({"SIPDIS", "NOFORN"})  # handling words typed into a TAGS line


def read_tags(value: str) -> tuple[str, ...]:
    """Tags from the text after `TAGS:`, across wrapped lines, commas and Markdown links.

    Parenthesised text (`OVIP (CLINTON, HILLARY)`) names a person, not a tag, and is left out.
    """
    value = _LINK.sub(r" \1 ", value)
    value = _PARENTHESES.sub(" ", value)
    tags: dict[str, None] = {}
    for token in _SEPARATORS.split(value.upper()):
        token = token.strip(".:")
        if _TAG.match(token) and token not in _CAVEATS:
            tags.setdefault(token)
    return tuple(tags)
