"""The example cable of the person we build for parses exactly as specified."""

from __future__ import annotations

from generator.cable import Country
from generator.parse import parse_cable
from generator.site.markdown import to_html


def test_example_cable_record(seed_text: str) -> None:
    cable = parse_cable(seed_text)
    assert cable.id == "07ULAANBAATAR693"
    assert cable.created == "2007-12-14T09:01:00Z"
    assert cable.precedence == "ROUTINE"
    assert cable.origin == "Embassy Ulaanbaatar"
    assert cable.station == "ULAANBAATAR"
    assert cable.classification == "CONFIDENTIAL"
    assert cable.caveats == ("SIPDIS",)
    assert cable.tags == ("PREF", "PGOV", "PHUM", "ECON", "MG", "KN")
    assert cable.countries == (Country("MG", "Mongolia"), Country("KN", "North Korea"))
    assert cable.subject == "IOM'S ENGAGEMENT WITH MONGOLIA INCREASING"
    assert [p.number for p in cable.paragraphs] == ["1", "2", "3", "4", "5"]
    assert all(p.marking == "(C)" for p in cable.paragraphs)
    assert cable.summary is not None
    assert cable.summary.startswith("Charles Harns, Regional Representative")
    assert cable.summary.endswith("between the IOM and the GOM")
    assert cable.signature == "MINTON"
    assert cable.declassify == "2017-12-14"
    assert cable.classified_by == "Ambassador Mark C. Minton"
    assert cable.reasons == "1.4(d)"
    assert (cable.section, cable.sections) == (1, 2)
    assert cable.to == ("Secretary of State",)
    assert cable.info[0] == "Embassy Bangkok"
    assert "Consulate Shanghai" in cable.info
    assert cable.text == seed_text


def test_example_cable_body(seed_text: str) -> None:
    cable = parse_cable(seed_text)
    html = to_html(cable.body_markdown)
    # The page break inside paragraph 4 is gone and the sentence joined again.
    assert "ULAANBAATA 00000693" not in html
    assert "different projects, many of them focused on training." in html
    # Paragraphs keep their number (1 … 5, not 11 … 15) and a stable anchor.
    permalink = '<a class="permalink" href="#par{0}" aria-label="Link to paragraph {0}">&para;</a>'
    assert '<p id="par1">' + permalink.format(1) + "1. (C) SUMMARY:" in html
    assert '<p id="par5">' + permalink.format(5) + "5. (C) Harns, based in Manila" in html
    assert '<h3 id="sec-1">ENGAGEMENT ACROSS MANY FRONTS</h3>' in html
    assert html.count("<li>") == 5
    # Markdown-link tags in the text are shown as written, not turned into links.
    assert "[PREF](#)" in html
    assert html.count("<a ") == 5  # the paragraph permalinks, nothing from the text
    assert html.count("<p>SIPDIS</p>") == 1
