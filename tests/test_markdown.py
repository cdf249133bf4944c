"""Cable text as HTML: a body written out directly gives the HTML markdown-it-py gives for
it, and the original text is escaped as markupsafe escapes it."""

from __future__ import annotations

from pathlib import Path

from hypothesis import assume, example, given
from hypothesis import strategies as st
from markupsafe import escape

from generator.parse import parse_cable
from generator.parse.body import PREAMBLE_CLOSE, PREAMBLE_OPEN, escape_markdown
from generator.site.markdown import _plain_body, cable_html, to_html
from generator.site.render import escape_text
from generator.sources.text import read_text_file


def test_every_corpus_cable_as_markdown_it_renders_it(corpus: Path) -> None:
    direct = 0
    files = sorted((corpus / "cablegate").glob("*.txt"))
    for path in files:
        item = read_text_file(path)
        body = parse_cable(item.text, facts=item.facts).body_markdown
        assert cable_html(body) == to_html(body), path
        direct += _plain_body(body) is not None
    assert direct > 0.95 * len(files)  # nearly every cable takes the short way


_LINE = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@st.composite
def _bodies(draw: st.DrawFn) -> str:
    """Bodies as `parse.body` writes them: a preamble, then escaped text in paragraphs (some
    with hard line breaks), numbered paragraphs with their anchors, headings with or without
    their anchors, section breaks and lists."""
    parts = []
    for kind in draw(st.lists(st.sampled_from("ptnhslr"), min_size=1, max_size=5)):
        text = escape_markdown(" ".join(draw(_LINE).split()) or "x")
        if kind == "t":
            parts.append(f"{text}\\\n{escape_markdown(' '.join(draw(_LINE).split()) or 'y')}")
        elif kind == "n":
            number = draw(st.sampled_from(["1", "12", "3A", "1.2"]))
            parts.append(f"{{#par{number}}}\n{escape_markdown(number)}\\. {text}")
        elif kind == "h":
            parts.append(f"### {text}")
        elif kind == "s":
            parts.append(f"{{#sec-{len(parts) + 1}}}\n### {text}")
        elif kind == "r":
            parts.append("---")
        elif kind == "l":
            parts.append(f"- {text}\n- {text}")
        else:
            parts.append(text)
    if draw(st.booleans()):
        lines = [escape_markdown(" ".join(draw(_LINE).split()) or "z") for _ in range(2)]
        parts.insert(
            0, f"{PREAMBLE_OPEN}\n{lines[0]}\\\n{lines[1]}\n\n{lines[0]}\n{PREAMBLE_CLOSE}"
        )
    return "\n\n".join(parts)


@given(_bodies())
def test_random_bodies_as_markdown_it_renders_them(body: str) -> None:
    assert cable_html(body) == to_html(body)


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60))
@example("1.4 (b) and (d)")  # the classification reason, a line of its own in many cables
@example("1) Deliver substance")
@example("- a dash, + a plus, = an equals sign")
@example("::: preamble")  # would open a container
@example(":::")
def test_escaped_text_renders_as_written(text: str) -> None:
    line = " ".join(text.split())
    assume(line)
    shown = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    shown = shown.replace('"', "&quot;")
    assert to_html(escape_markdown(line)) == f"<p>{shown}</p>\n"


@given(st.text(st.characters(blacklist_categories=("Cs",))))
def test_cable_text_is_escaped_as_markupsafe_escapes_it(text: str) -> None:
    assert escape_text(text) == escape(text)
