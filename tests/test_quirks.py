"""Quirks of real cable files, each absorbed by the parser."""

from __future__ import annotations

from generator.parse import parse_cable
from generator.parse.references import read_references
from generator.site.markdown import to_html

HEADER = """VZCZCXRO1733
RR RUEHGH
DE RUEHUM #0693/01 3480901
ZNY CCCCC ZZH
P 140901Z DEC 08
FM AMEMBASSY PRETORIA
TO RUEHC/SECSTATE WASHDC PRIORITY 1729
INFO RUEHBK/AMEMBASSY BANGKOK 1653

C O N F I D E N T I A L SECTION 01 OF 02 PRETORIA 000693

SIPDIS

SIPDIS

E.O. 12958: DECL: 12/14/2018
TAGS: PREL, PGOV,
SF, ZI
SUBJECT: A SUBJECT THAT IS WRAPPED OVER
TWO LINES

REF: A. 99 PRETORIA 12315 B. STATE 89241 C. PARIS-ROME E-MAIL (12/10/2008)

Classified By: Ambassador Eric M. Bost for reasons 1.4 (b) and (d)

"""


def cable(body: str, header: str = HEADER):
    return parse_cable(header + body)


def test_wrapped_tags_subject_and_references() -> None:
    record = cable("1. (C) Text.\n")
    assert record.tags == ("PREL", "PGOV", "SF", "ZI")
    assert [c.name for c in record.countries] == ["South Africa", "Zimbabwe"]
    assert record.subject == "A SUBJECT THAT IS WRAPPED OVER TWO LINES"
    assert [r.id for r in record.references] == ["99PRETORIA12315", "08STATE89241", None]
    assert record.references[2].text == "C. PARIS-ROME E-MAIL (12/10/2008)"
    assert record.precedence == "PRIORITY"
    assert record.classified_by == "Ambassador Eric M. Bost"
    assert record.reasons == "1.4 (b) and (d)"


def test_reference_forms() -> None:
    assert [r.id for r in read_references("STATE 89241", 2008)] == ["08STATE89241"]
    refs = read_references("TEHRAN 1091: TEHRAN 263: MOSCOW 1603", 1972)
    assert [r.id for r in refs] == ["72TEHRAN1091", "72TEHRAN263", "72MOSCOW1603"]
    refs = read_references("A) BAKU 139 B) 2008 BAKU 917", 2009)
    assert [r.id for r in refs] == ["09BAKU139", "08BAKU917"]
    assert read_references("09 BUENOS AIRES 1235", 2009)[0].id == "09BUENOSAIRES1235"


def test_fm_in_the_body_is_not_the_sender() -> None:
    record = cable("1. (C) The FM said so.\nFM LAVROV TOLD THE AMBASSADOR\nthat he disagreed.\n")
    assert record.origin == "Embassy Pretoria"
    assert "FM LAVROV TOLD THE AMBASSADOR" in record.paragraphs[0].text


def test_page_breaks_are_removed_and_paragraphs_joined() -> None:
    body = (
        "1. (C) The minister said that the\n\nPRETORIA 00000693  002 OF 002\n\n"
        "talks would go on.\n\n 2. (S/NF) Second.\n CONFIDENTIAL\n"
        "PAGE 02 PRETORIA 00693 01 OF 02 141400Z\nmore of the second.\n"
    )
    record = cable(body)
    assert record.paragraphs[0].text == "The minister said that the talks would go on."
    assert record.paragraphs[1].marking == "(S/NF)"
    assert record.paragraphs[1].text == "Second. more of the second."
    assert "PAGE 02" not in record.body_markdown and "00000693" not in record.body_markdown


def test_crlf_and_redactions() -> None:
    text = (HEADER + "1. (S) XXXXXXXXXXXX told us.\n\nBOST\n").replace("\n", "\r\n")
    record = parse_cable(text)
    assert record.text == text  # verbatim, CRLF kept
    assert record.paragraphs[0].text == "XXXXXXXXXXXX told us."
    assert record.signature == "BOST"
    assert record.subject == "A SUBJECT THAT IS WRAPPED OVER TWO LINES"


def test_pilcrow_digits_and_real_paragraph_eleven() -> None:
    pilcrow = cable("11. (C) One.\n\n12. (C) Two.\n\n13. (C) Three.\n")
    assert [p.number for p in pilcrow.paragraphs] == ["1", "2", "3"]
    real = cable("".join(f"{n}. (C) Para {n}.\n\n" for n in range(1, 13)))
    assert [p.number for p in real.paragraphs] == [str(n) for n in range(1, 13)]


def test_text_is_never_markup() -> None:
    body = (
        "1. (C) He wrote <script>alert(1)</script> and *stars*, _under_ and [x](y) &amp; {#id}.\n"
    )
    html = to_html(cable(body).body_markdown)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "*stars*, _under_ and [x](y) &amp;amp; {#id}." in html
    assert "<script>" not in html and "<em>" not in html
    assert html.count("<a ") == 1  # the paragraph's permalink only


def test_markdown_structure() -> None:
    body = (
        "1. (C) Intro.\n\nBACKGROUND\n----------\n\n2. (C) Then:\n\n-- first item\n"
        "continued;\n-- second item.\n\nComment\n-------\n\n3. (C) End.\n"
    )
    html = to_html(cable(body).body_markdown)
    assert '<h3 id="sec-1">BACKGROUND</h3>' in html and '<h3 id="sec-2">Comment</h3>' in html
    assert "<li>first item continued;</li>\n<li>second item.</li>" in html
    assert '<p id="par3"><a class="permalink" href="#par3"' in html
    assert ">&para;</a>3. (C) End.</p>" in html


def test_summary_variants() -> None:
    assert cable("1. (C) Summary: The gist. End summary.\n").summary == "The gist"
    assert cable("BEGIN SUMMARY\n\nThe gist here.\nEND SUMMARY\n").summary == "The gist here"
    assert cable("1. (C) No summary in this one.\n").summary is None


def test_declassify_forms() -> None:
    swap = HEADER.replace("E.O. 12958: DECL: 12/14/2018", "E.O. 12958: N/A")
    assert cable("1. Text.\n", swap).declassify == "N/A"
    swap = HEADER.replace("E.O. 12958: DECL: 12/14/2018", "EO 12958 DECL: 11/29/10")
    assert cable("1. Text.\n", swap).declassify == "2010-11-29"


def test_unclassified_sensitive_is_fouo() -> None:
    swap = HEADER.replace("C O N F I D E N T I A L", "UNCLAS").replace(
        "SIPDIS\n\nSIPDIS", "SENSITIVE\nSIPDIS"
    )
    assert cable("1. Text.\n", swap).classification == "UNCLASSIFIED//FOR OFFICIAL USE ONLY"


def test_partial_extract_without_routing() -> None:
    text = (
        "This record is a partial extract of the original cable.\n\n201247Z Jan 04\n\n"
        "C o n f i d e n t i a l section 01 of 04 ankara 000348\n\nSipdis\n\n"
        "E.o. 12958: decl: 01/07/2014 Tags: prel, pgov, pins, tu Subject: turkish p.m. "
        "Erdogan goes to washington\n\n1. (C) Summary: text. End summary.\n"
    )
    record = parse_cable(text)
    assert record.id == "04ANKARA348"
    assert record.created == "2004-01-20T12:47:00Z"
    assert record.classification == "CONFIDENTIAL"
    assert record.tags == ("PREL", "PGOV", "PINS", "TU")
    assert record.countries[0].name == "Turkey"
    assert record.subject == "turkish p.m. Erdogan goes to washington"
    assert record.declassify == "2014-01-07"
    assert record.origin == "Embassy Ankara"
