"""Markdown → HTML for cable bodies and editorial pages.

Raw HTML is switched off: a cable's `<script>` is text, whatever the Markdown says. The attrs
plugin gives numbered paragraphs their `{#parN}` anchors, and each such paragraph opens with a
visible permalink a reader can copy to cite it.
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_block_plugin


def _paragraph_open(self, tokens, index, options, env) -> str:
    token = tokens[index]
    html = self.renderToken(tokens, index, options, env)
    anchor = token.attrGet("id")
    if anchor and str(anchor).startswith("par"):
        number = str(anchor)[3:]
        html += (
            f'<a class="permalink" href="#{anchor}" aria-label="Link to paragraph {number}">¶</a>'
        )
    return html


@cache
def markdown() -> MarkdownIt:
    """The one Markdown renderer: CommonMark, no raw HTML, block attributes."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.use(attrs_block_plugin)
    md.add_render_rule("paragraph_open", _paragraph_open)
    return md


def to_html(text: str) -> str:
    """Render Markdown to HTML."""
    return markdown().render(text)
