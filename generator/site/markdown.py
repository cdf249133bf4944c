"""Markdown → HTML for cable bodies and editorial pages.

Raw HTML is switched off: a cable's `<script>` is text, whatever the Markdown says. The attrs
plugin gives numbered paragraphs their `{#parN}` anchors and headings their `{#sec-N}` ones;
each such paragraph opens with a visible permalink a reader can copy to cite it. The
container plugin wraps the preamble (`::: preamble`) in `<div class="preamble">`.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_block_plugin
from mdit_py_plugins.container import container_plugin

from generator.site.addresses import Link


def _paragraph_open(self, tokens, index, options, env) -> str:
    token = tokens[index]
    html = self.renderToken(tokens, index, options, env)
    anchor = token.attrGet("id")
    if anchor and str(anchor).startswith("par"):
        html += _permalink(str(anchor)[3:])
    return html


def _permalink(number: str) -> str:
    """The pilcrow as an entity: a page all ASCII is encoded to UTF-8 by a copy, one with a
    single character beyond by a conversion (docs/benchmarks.md, "Figures behind the code").
    The templates write their arrows and dots so too."""
    label = f"Link to paragraph {number}"
    return f'<a class="permalink" href="#par{number}" aria-label="{label}">&para;</a>'


@cache
def markdown() -> MarkdownIt:
    """The one Markdown renderer: CommonMark, no raw HTML, block attributes."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.use(attrs_block_plugin)
    md.use(container_plugin, "preamble")
    md.add_render_rule("paragraph_open", _paragraph_open)
    return md


def to_html(text: str) -> str:
    """Render Markdown to HTML."""
    return markdown().render(text)


def cable_html(text: str) -> str:
    """A cable body's Markdown (as `parse.body` writes it) → HTML, as `to_html` renders it.

    Cable bodies are paragraphs of text whose every markup character is escaped, and
    markdown-it-py spends much of a cold build finding that out (docs/benchmarks.md). A body of only
    such paragraphs, numbered paragraphs, headings, section breaks and lists, its preamble
    first, is written out directly here;
    anything else goes through markdown-it-py. `tests/test_markdown.py` checks that both give
    the same HTML on the corpus and on random text."""
    return _plain_body(text) or to_html(text)


# A backslash escape of ASCII punctuation, and what could begin markup when not escaped.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MARKUP = "\\`*_{}[]<>&~|#!\r\x00"
_LINE_START = re.compile(r"[-+=>:]|\d{1,9}[.)]")
_ANCHOR = re.compile(r"\{#par([0-9A-Za-z]+)\}\n")
_SECTION = re.compile(r"\{#(sec-[0-9]+)\}\n### ")
_PREAMBLE_OPEN, _PREAMBLE_CLOSE = "::: preamble\n", "\n:::"
SEVERAL = 3  # sections from which a cable gets a contents list
# A heading and its anchor. Not anchored to line starts: a `^` with re.MULTILINE is tried at
# every line, several times slower, and a cable's own `{` is always escaped (`\{`).
_HEADING = re.compile(r"\{#(sec-[0-9]+)\}\n### ([^\n]*)")


def contents_of(text: str) -> list[Link]:
    """The headings of a cable body with several sections, as links to them; none for a
    body with fewer."""
    found = _HEADING.findall(text)
    if len(found) < SEVERAL:
        return []
    return [Link(_unescaped(title), f"#{anchor}") for anchor, title in found]


def _unescaped(text: str) -> str:
    """Markdown text with its backslash escapes taken out."""
    return _ESCAPE.sub(r"\1", text) if "\\" in text else text


def _plain_body(text: str) -> str | None:
    text = text.removesuffix("\n")
    if not text or text != text.strip() or "\n\n\n" in text:
        return None
    html: list[str] = []
    if text.startswith(_PREAMBLE_OPEN):
        end = text.find(_PREAMBLE_CLOSE + "\n\n")
        end = end if end >= 0 else (len(text) - 4 if text.endswith(_PREAMBLE_CLOSE) else -1)
        preamble = _plain_parts(text[len(_PREAMBLE_OPEN) : end]) if end >= 0 else None
        if preamble is None or not preamble:
            return None
        html.append('<div class="preamble">\n' + "".join(preamble) + "</div>\n")
        text = text[end + len(_PREAMBLE_CLOSE) + 2 :]
        if not text:
            return html[0]
    parts = _plain_parts(text)
    return None if parts is None else "".join(html + parts)


def _plain_parts(text: str) -> list[str] | None:
    """The HTML of blocks apart by blank lines, each of a kind written out directly; None if
    any is of another."""
    html: list[str] = []
    for part in text.split("\n\n"):
        if part.startswith("- ") and html and html[-1].endswith("</ul>\n"):
            return None  # two lists apart: one loose list, its items in paragraphs
        if part == "---":
            html.append("<hr />\n")
        elif section := _SECTION.match(part):
            line = _plain(part[section.end() :])
            if line is None:
                return None
            html.append(f'<h3 id="{section[1]}">{line}</h3>\n')
        elif part.startswith("### "):
            line = _plain(part[4:])
            if line is None:
                return None
            html.append(f"<h3>{line}</h3>\n")
        elif part.startswith("- "):
            items = [
                _plain(line[2:]) if line.startswith("- ") else None for line in part.split("\n")
            ]
            if None in items:
                return None
            html.append("<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>\n")
        elif anchor := _ANCHOR.match(part):
            line, number = _plain(part[anchor.end() :]), anchor[1]
            if line is None:
                return None
            html.append(f'<p id="par{number}">{_permalink(number)}{line}</p>\n')
        else:
            lines = [_plain(line) for line in part.split("\\\n")]
            if None in lines:
                return None
            html.append("<p>" + "<br />\n".join(lines) + "</p>\n")  # type: ignore[arg-type]
    return html


def _has_markup(text: str) -> bool:
    """Whether `text` holds a character that could begin markup: one search per character,
    each a fast scan, where a regex's class tests every character in turn (`cable_html`
    takes about 15% less time over the corpus, timed by hand)."""
    for character in _MARKUP:  # noqa: SIM110 (`any` over a generator costs as much again)
        if character in text:
            return True
    return False


def _plain(line: str) -> str | None:
    """A line whose only markup is backslash escapes, as HTML; None for any other."""
    if not line or line != line.strip() or "\n" in line or _LINE_START.match(line):
        return None
    if "\\" not in line:  # most lines: nothing to unescape
        bare = text = line
    else:
        bare = _ESCAPE.sub("", line)
        # Once `bare` has no backslash left, each backslash opens an escape, unless one
        # escapes a backslash: str.replace then, rather than a regex calling Python per match.
        text = _ESCAPE.sub(r"\1", line) if "\\\\" in line else line.replace("\\", "")
    if _has_markup(bare):
        return None
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
