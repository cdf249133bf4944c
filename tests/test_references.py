"""The REF reader: the forms of issue 18, the station table, and random or hostile text."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.parse import parse_cable
from generator.parse.references import read_references
from generator.parse.stations import known_stations, station_of

ENVELOPE = """VZCZCXYZ0000
RR RUEHWEB

DE RUEHRO #0001/01 0011200
ZNY CCCCC ZZH
R 011200Z JAN 08
FM AMEMBASSY ROME
TO RUEHC/SECSTATE WASHDC 0001

C O N F I D E N T I A L ROME 000001

SIPDIS

E.O. 12958: DECL: 01/01/2018
TAGS: PREL
"""
CABLE_ID = re.compile(r"^\d\d[A-Z]+[1-9]\d*$")


def parse(text: str):
    """The envelope's cable, its ID given as a source gives it (the texts below name other
    serials in page heads, which the text alone could not tell from the cable's own)."""
    return parse_cable(text, facts={"id": "08ROME1"})


def ids(value: str, year: int = 2008) -> list[str | None]:
    return [r.id for r in read_references(value, year)]


def test_letters_glued_to_stations_and_a_list_wrapped_mid_item() -> None:
    refs = "(A)STATE 071143, (B)STATE 073601, (C)STATE 72896, (D)BEIJING \n5361, (E) STATE 148514"
    record = parse(ENVELOPE + "SUBJECT: TEST\nREF: " + refs + "\n\n1. (C) Text.\n")
    assert [r.id for r in record.references] == [
        "08STATE71143",
        "08STATE73601",
        "08STATE72896",
        "08BEIJING5361",
        "08STATE148514",
    ]


def test_doubled_letters_and_previous() -> None:
    (reference,) = read_references("A. (A) PARIS 7682 AND PREVIOUS", 2005)
    assert reference.id == "05PARIS7682"
    assert reference.text == "A. (A) PARIS 7682 AND PREVIOUS"
    assert ids("A. A) SECSTATE 54183 B. B) 07 BRASILIA 1868 C. REF C LONDON 2638") == [
        "08STATE54183",
        "07BRASILIA1868",
        "08LONDON2638",
    ]


def test_references_in_a_subject_line_end_the_subject() -> None:
    line = (
        "SUBJECT: AMBASSADOR SOBEL MEETS WITH KEY ENERGY ENTITIES IN RIO Ref(s): A) 08 RIO "
        "DE JAN 138; B) 08 RIO DE JAN 0044 and previous Sensitive But Unclassified - Please "
        "handle accordingly.\n"
    )
    record = parse(ENVELOPE + line + "\n1. (SBU) Text.\n")
    assert record.subject == "AMBASSADOR SOBEL MEETS WITH KEY ENERGY ENTITIES IN RIO"
    assert [r.id for r in record.references] == ["08RIODEJANEIRO138", "08RIODEJANEIRO44"]


def test_stations_as_cables_write_them() -> None:
    assert ids("A. SECSTATE 74879") == ["08STATE74879"]
    assert ids("USUN 1234; UNVIE 544; EMBASSY VIENNA 1450; HCMC 196; 08 HAGUE 468") == [
        "08USUNNEWYORK1234",
        "08UNVIEVIENNA544",
        "08VIENNA1450",
        "08HOCHIMINHCITY196",
        "08THEHAGUE468",
    ]
    assert ids("PORT A 76; PORT AU PR 100; 05 SAO PAUO 1106; 07 TRIPOLII 695; 05 0TTAWA 35") == [
        "08PORTAUPRINCE76",
        "08PORTAUPRINCE100",
        "05SAOPAULO1106",
        "07TRIPOLI695",
        "05OTTAWA35",
    ]


def test_year_forms() -> None:
    assert ids("08 PARIS 1501; 08PARIS1502; '08 PARIS 1503; 2008 PARIS 1504") == [
        "08PARIS1501",
        "08PARIS1502",
        "08PARIS1503",
        "08PARIS1504",
    ]
    assert ids("10-OTTAWA-57; (99) ROME 2196; ASUNCION 701 (07); 09DHAHRAN 201") == [
        "10OTTAWA57",
        "99ROME2196",
        "07ASUNCION701",
        "09DHAHRAN201",
    ]


def test_page_break_inside_the_list() -> None:
    lines = (
        "REF: A. STATE 40721\n CONFIDENTIAL\nPAGE 02 ROME 01196 01 OF 02 082030Z  B. ROME 1098"
        "  C. ROME 894  D. MYRIAD POST-DEPARTMENT E-MAILS FROM 10/01-02/02  E. ROME 348\n"
    )
    record = parse(ENVELOPE + "SUBJECT: TEST\n" + lines + "\n1. (C) Text.\n")
    assert [r.id for r in record.references] == [
        "08STATE40721",
        "08ROME1098",
        "08ROME894",
        None,
        "08ROME348",
    ]


def test_list_going_on_after_blank_lines() -> None:
    lines = "REF: A. MADRID 881\n\n¶B. MADRID 919\n¶C. MADRID 812\n\nClassified By: DCM X Y\n"
    record = parse(ENVELOPE + "SUBJECT: TEST\n" + lines + "\n1. (C) Text.\n")
    assert [r.id for r in record.references] == ["08MADRID881", "08MADRID919", "08MADRID812"]
    assert record.classified_by == "DCM X Y"


def test_what_names_no_cable_stays_text() -> None:
    refs = read_references(
        "A) STATE 135205; B) JOHNSON-STEVENS/GODFREY E-MAIL 10/15/07; C) SECDEF MSG DTG "
        "301601z SEP 08; D) INCSR BRAZIL 2008; E) CAIRO IIR 6 899 0149 10; F) MAY 1 LETTER",
        2007,
    )
    assert [r.id for r in refs] == ["07STATE135205", None, None, None, None, None]
    assert refs[1].text == "B) JOHNSON-STEVENS/GODFREY E-MAIL 10/15/07"


def test_several_serials_of_one_station() -> None:
    refs = read_references("A. BRASILIA 2799 AND 2764 B. STATE 188314, 259032", 2004)
    assert [r.id for r in refs] == [
        "04BRASILIA2799",
        "04BRASILIA2764",
        "04STATE188314",
        "04STATE259032",
    ]
    assert refs[1].text == "BRASILIA 2764"


def test_station_table_covers_the_shared_corpus(corpus: Path) -> None:
    stations = {re.match(r"\d\d([A-Z]+)\d", p.stem)[1] for p in corpus.glob("cablegate/*.txt")}
    assert stations - known_stations() == set()


def test_words_that_are_no_station() -> None:
    for words in (["PARA"], ["MAY"], ["IIR"], ["PORT"], ["INCSR", "BRAZIL"], ["E-MAIL"]):
        assert station_of(words) is None, words


HOSTILE = [
    "A. " * 20_000,
    "(" * 50_000,
    "STATE " * 20_000,
    "A. STATE 1 " * 10_000,
    "1" * 100_000,
    "PAGE 02 " * 10_000,
    "CONFIDENTIAL PAGE 02 ROME " * 5_000,
    "A) B) C) D) " * 10_000,
    "SENSITIVE BUT " * 10_000,
    "RIO DE JAN " * 10_000,
    "00000000 " * 10_000,
]


def test_hostile_lines_are_read_in_one_pass() -> None:
    # Each would take minutes or recurse with a backtracking pattern; the reader goes through
    # them word by word.
    for text in HOSTILE:
        references = read_references(text, 2008)
        assert len(references) <= len(text.split()) + 1


SPACES = " " * 50_000
HOSTILE_LINES = [
    "SUBJECT: X" + SPACES + "Y",
    "SUBJECT: X SENSITIVE BUT" + SPACES + "Y",
    "SENSITIVE" + SPACES + "Y",
    "SUBJECT: X REF: A" + SPACES + "¶ Y",
    "REF: REF" + SPACES + "Y",
    "Classified By: - - " + SPACES + "Y",
    "TAGS: PAGE 02" + SPACES + "Y",
    "SIPDIS" + SPACES + "Y",
    "---" + SPACES + "Y",
    "\n1. SUMMARY AND" + SPACES + "Y",
    "\n1. Y END" + SPACES + "SUMMARY",
    "\nPAGE 02" + SPACES + "ROME 1234 01 OF 02",
    "\nROME" + SPACES + "00000001 001 OF 002",
]


def test_hostile_preamble_lines() -> None:
    # Runs of spaces are where a pattern that backtracks would take quadratic time.
    for text in HOSTILE:
        record = parse(ENVELOPE + "SUBJECT: X REF: " + text + "\n")
        assert record.id == "08ROME1"
    for line in HOSTILE_LINES:
        record = parse(ENVELOPE + "SUBJECT: X\n" + line + "\n")
        assert record.id == "08ROME1"


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
REF_WORDS = st.sampled_from(
    ["A.", "(B)", "C)", "REF", "STATE", "SECSTATE", "RIO", "DE", "JAN", "08", "2009", "'07",
     "(08)", "1234", "0044", "AND", "PREVIOUS", ",", ";", ":", "E-MAIL", "PAGE", "02",
     "¶D.", "PORT", "AU", "PRINCE", "10-OTTAWA-57", "(NOTAL)", "\n", "CONFIDENTIAL"]
)  # fmt: skip


@SETTINGS
@given(st.text())
def test_any_text(text: str) -> None:
    for reference in read_references(text, 2008):
        assert reference.text
        assert reference.id is None or CABLE_ID.match(reference.id)


@SETTINGS
@given(st.lists(REF_WORDS, max_size=60))
def test_any_list_of_reference_words(words: list[str]) -> None:
    references = read_references(" ".join(words), 2008)
    assert len(references) <= len(words) + 1
    for reference in references:
        assert reference.id is None or CABLE_ID.match(reference.id)
    assert references == read_references(" ".join(words), 2008)  # pure: same text, same list
