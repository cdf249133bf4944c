"""Markdown → HTML for cable bodies and editorial pages.

Raw HTML is switched off: a cable's `<script>` is text, whatever the Markdown says. The attrs
plugin gives numbered paragraphs their `{#parN}` anchors.
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_block_plugin


@cache
def markdown() -> MarkdownIt:
    """The one Markdown renderer: CommonMark, no raw HTML, block attributes."""
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).use(
        attrs_block_plugin
    )


def to_html(text: str) -> str:
    """Render Markdown to HTML."""
    return markdown().render(text)
