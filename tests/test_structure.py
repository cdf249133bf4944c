"""The cable's own structure on its page: section titles as headings with anchors, lines of
dashes as section breaks, sub-points as list items, the preamble set apart, and never a
redaction marker as a title (issue 20)."""

from __future__ import annotations

import re
from pathlib import Path

from bench.structure import measure
from generator.parse import parse_cable
from generator.site.markdown import cable_html, contents_of, to_html
from generator.sources import SourceCable, read_paths
from generator.sources.text import read_text_file
from tests.test_quirks import cable


def _page(corpus: Path, cable_id: str) -> tuple[str, str]:
    """(body Markdown, body HTML) of one shared cable."""
    item = read_text_file(corpus / "cablegate" / f"{cable_id}.txt")
    markdown = parse_cable(item.text, facts=item.facts).body_markdown
    html = cable_html(markdown)
    assert html == to_html(markdown)
    return markdown, html


def _headings(html: str) -> list[str]:
    return re.findall(r'<h3 id="sec-\d+">(.*?)</h3>', html)


def test_no_line_of_dashes_stays_text_and_no_redaction_is_a_title(corpus: Path) -> None:
    found = read_paths([corpus / "cablegate"])
    counts, cases = measure([item for item in found if isinstance(item, SourceCable)])
    assert counts["paragraphs only of punctuation"] == 0, cases["punctuation"]
    assert counts["list items opening with dashes"] == 0, cases["dashes"]
    assert counts["headings that are a redaction marker"] == 0, cases["redacted"]
    # A blank line inside a sentence no longer cuts its paragraph (157 before, 37 left:
    # the rest follow a colon, a bracket or a number, and most begin a new part).
    assert counts["paragraphs opening with a small letter"] <= 37, cases["split"]
    assert counts["preambles"] == counts["cables"] == 1000
    assert counts["headings"] > 3000 and counts["section breaks"] > 100


def test_biographies_08MADRID552(corpus: Path) -> None:
    # Each minister's name between two lines of dashes, the post under it.
    markdown, html = _page(corpus, "08MADRID552")
    headings = _headings(html)
    assert headings[:2] == ["Maria Teresa Fernandez de la Vega", "Pedro Solbes"]
    assert "Carme Chacon (new in this Ministry)" in headings
    assert (
        "<p>First Vice President, Minister of the Presidency, and Spokesperson of the "
        "Government</p>" in html
    )
    assert "<li>" not in html and "----" not in html
    assert [link.label for link in contents_of(markdown)] == headings
    assert [link.url for link in contents_of(markdown)][:2] == ["#sec-1", "#sec-2"]


def test_section_titles_between_dashes_10PARIS193(corpus: Path) -> None:
    _, html = _page(corpus, "10PARIS193")
    headings = _headings(html)
    assert headings[:3] == [
        "MOVING FORWARD ON DISARMAMENT",
        "NUCLEAR SECURITY SUMMIT",
        "NPT REVCON",
    ]
    assert "-----" not in html
    assert '<h3 id="sec-2">NUCLEAR SECURITY SUMMIT</h3>\n<p id="par5">' in html


def test_a_redaction_marker_is_no_title_09PARIS504(corpus: Path) -> None:
    _, html = _page(corpus, "09PARIS504")
    assert _headings(html) == ["France-Afrique", "DRC-Rwanda"]
    assert "<p>XXXXXXXXXXXX</p>" in html


def test_the_preamble_is_set_apart(seed_text: str) -> None:
    html = to_html(parse_cable(seed_text).body_markdown)
    preamble, _, text = html.partition("</div>\n")
    assert preamble.startswith('<div class="preamble">\n<p>C O N F I D E N T I A L')
    assert "TAGS: " in preamble and "SUBJECT: " in preamble and "Classified By: " in preamble
    assert text.startswith('<p id="par1">') and "<p>SIPDIS</p>" not in text


def test_titles_marked_in_the_line_itself() -> None:
    body = (
        "1. (C) Intro.\n\n----- FIRST PART -----\n\n2. (C) One.\n\n//COMMENT//\n\n"
        "3. (C) Two.\n\nCOMMENT -------\n4. (C) Three.\n\n-- KOSOVO --\n\n5. (C) Four.\n"
    )
    html = to_html(cable(body).body_markdown)
    assert _headings(html) == ["FIRST PART", "COMMENT", "COMMENT", "KOSOVO"]


def test_two_dashes_inside_a_paragraph_open_an_item_not_a_title() -> None:
    body = "1. (C) The minister said that\n-- at the height of the crisis --\nhe had left.\n"
    html = to_html(cable(body).body_markdown)
    assert "<li>at the height of the crisis -- he had left.</li>" in html and "<h3" not in html


def test_lines_of_dashes_break_sections() -> None:
    body = (
        "1. (C) Before.\n\n--------------------\n\n2. (C) After.\n====================\n\n"
        "3. (C) Last.\n- - - - - - - - - -\n-\n\n4. (C) End.\n\n---------\n"
    )
    record = cable(body)
    html = to_html(record.body_markdown)
    assert html.count("<hr />") == 3  # none at the end
    assert [p.text for p in record.paragraphs] == ["Before.", "After.", "Last.", "End."]
    assert "<li>" not in html and "<p>-</p>" not in html


def test_lettered_sub_points_are_a_list() -> None:
    body = (
        "1. (C) Three points:\n\na. There is some fire behind the smoke.\n\n"
        "b. The prime minister\nrealizes it.\n\nc. Elections are coming.\n\n"
        "2. (C) A lone point:\n\nA. stays a paragraph.\n"
    )
    html = to_html(cable(body).body_markdown)
    assert (
        "<ul>\n<li>a. There is some fire behind the smoke.</li>\n"
        "<li>b. The prime minister realizes it.</li>\n<li>c. Elections are coming.</li>\n</ul>"
    ) in html
    assert "<p>A. stays a paragraph.</p>" in html


def test_short_lines_alone_are_not_titles() -> None:
    # Names one a block, a URL, a redaction, a classification repeated: no headings.
    body = (
        "1. (C) Present:\n\nJohn Smith\n\nJane Doe\n\n2. (C) See\n\n"
        "http://www.state.sgov.gov/p/nea/rabat\n\nXXXXXXXXXXXX\n\n(C) XXXXXXXXXXXX:\n\n"
        "SECRET//NOFORN\n\n3. (C) End.\n"
    )
    assert "<h3" not in to_html(cable(body).body_markdown)


def test_a_title_in_title_case_before_its_text() -> None:
    body = "1. (C) Intro.\n\nKandahar Politics Are Local\n\n2. (C) The text goes on.\n"
    assert _headings(to_html(cable(body).body_markdown)) == ["Kandahar Politics Are Local"]


def test_contents_only_for_several_sections() -> None:
    two = "1. (C) A.\n\nFIRST\n-----\n\n2. (C) B.\n\nSECOND\n------\n\n3. (C) C.\n"
    assert contents_of(cable(two).body_markdown) == []
    three = two + "\nTHIRD\n-----\n\n4. (C) D.\n"
    links = contents_of(cable(three).body_markdown)
    assert [(link.label, link.url) for link in links] == [
        ("FIRST", "#sec-1"),
        ("SECOND", "#sec-2"),
        ("THIRD", "#sec-3"),
    ]
    # A title with markup characters is shown in the contents as written.
    marked = three.replace("THIRD\n-----", "<THIRD> & *MORE*\n----------------")
    assert contents_of(cable(marked).body_markdown)[-1].label == "<THIRD> & *MORE*"


def test_a_blank_line_inside_a_sentence_09MOSCOW3144(corpus: Path) -> None:
    # "...which Khodorkovskiy's lawyers called a ploy to", a blank line, "pressure
    # witnesses": one paragraph, ¶5, as the 2010 site had it, so an old #par5 shows it all.
    _, html = _page(corpus, "09MOSCOW3144")
    fifth = re.search(r'<p id="par5">(.*?)</p>', html, re.DOTALL)
    assert fifth and "called a ploy to pressure witnesses" in " ".join(fifth.group(1).split())
    assert not re.search(r"<p>pressure", html)
