"""Who signed and who classified a cable, the people it names, and its summary (issue 18)."""

from __future__ import annotations

from pathlib import Path

from generator.cable import Person
from generator.parse import parse_cable
from generator.parse.classified import read_classified
from generator.parse.people import classifier_names, tagged_people
from tests.test_references import ENVELOPE, parse


def cable(text: str):
    return parse(ENVELOPE + text)


def test_classified_in_the_opening_paragraph_of_older_cables() -> None:
    record = cable(
        "SUBJECT: TEST\n\n1.  CONFIDENTIAL - ENTIRE TEXT.  CLASSIFIED BY DCM\n"
        "THEODORE KATTOUF - 1.5 B,D.\n\n2.  (C) Text.\n"
    )
    assert record.classified_by == "DCM THEODORE KATTOUF"
    assert record.reasons == "1.5 B,D"
    assert Person("THEODORE KATTOUF", "classifier") in record.people


def test_classified_by_line_cut_inside_a_name() -> None:
    record = cable(
        "SUBJECT: TEST\n\nClassified By: Interagency Provincial Affairs Deputy Coordinator Hoyt Y\n"
        "ee for reasons 1.4 (b) and (d)\n\n1. (C) Text.\n"
    )
    assert record.classified_by == "Interagency Provincial Affairs Deputy Coordinator Hoyt Yee"
    assert record.reasons == "1.4 (b) and (d)"


def test_what_leads_up_to_the_reason_is_dropped() -> None:
    assert read_classified("POLITICAL MINISTER COUNSELOR JOSIAH ROSENBLATT, FOR REAS ONS 1.4 B/D")[
        0
    ] == ("POLITICAL MINISTER COUNSELOR JOSIAH ROSENBLATT")
    assert read_classified("CHARGE ALAN MISENHEIMER F0R REASONS 1.5 (B) AND (D)") == (
        "CHARGE ALAN MISENHEIMER",
        "1.5 (B) AND (D)",
    )
    assert read_classified("CLASSIFIED BY LEE 0. COLDREN, DIRECTOR. REASON: 1.5(D).")[0] == (
        "LEE O. COLDREN, DIRECTOR"
    )
    assert read_classified("Ambassador Clark T. Randt, Jr. Reasons 1.4 (b) and (d).")[0] == (
        "Ambassador Clark T. Randt, Jr."
    )


def test_a_second_classified_by_wins_over_a_first_without_a_reason() -> None:
    record = cable(
        "SUBJECT: TEST\n\nClassified By: ADANA 222\nADANA 216\n\n"
        "Classified by DCM Nancy McEldowney; reasons 1.4 b and d.\n\n1. (C) Text.\n"
    )
    assert record.classified_by == "DCM Nancy McEldowney"


def test_names_among_titles() -> None:
    assert classifier_names("Acting Deputy Chief of Mission Marc Wall") == ("Marc Wall",)
    assert classifier_names("Rose E. Gottemoeller, Assistant Secretary, VCI") == (
        "Rose E. Gottemoeller",
    )
    assert classifier_names("AMBASSADOR TO SUDAN TIMOTHY CARNEY") == ("TIMOTHY CARNEY",)
    assert classifier_names("AF KARL WYCOFF, ACTING AND S/CT DAS SHARI VILLAROSA") == (
        "KARL WYCOFF",
        "SHARI VILLAROSA",
    )
    assert classifier_names("Charge d'Affaires, a.i., Arnold A. Chacon") == ("Arnold A. Chacon",)
    assert classifier_names("Ambassador") == ()


def test_persons_in_tags() -> None:
    assert tagged_people("OVIP (STEINBERG, JAMES B.), PREL, PGOV") == ["STEINBERG, JAMES B."]
    assert tagged_people("OVIP RICE CONDOLEEZZA PREL PHSA SP") == ["RICE, CONDOLEEZZA"]
    assert tagged_people("PREL PGOV OVIP BR") == []


def test_signature_before_the_level_and_footer() -> None:
    endings = (
        "STEIGMAN\nCONFIDENTIAL\n",
        "STEIGMAN\n\n\nNNNN\n\n   2004CARACA01540 - UNCLASSIFIED\n",
        "\nSTEIGMAN##\n",
        "\nSTEIGMAN.\n",
    )
    for ending in endings:
        record = cable("SUBJECT: TEST\n\n1. (C) A SENTENCE OF THE CABLE.\n" + ending)
        assert record.signature == "STEIGMAN", ending
        assert Person("STEIGMAN", "signer") in record.people


def test_a_sentence_ending_in_one_word_is_no_signature() -> None:
    record = cable(
        "SUBJECT: TEST\n\n3. PLEASE CABLE CONCURRENCE. WE APPRECIATE TRINIDAD'S\nASSISTANCE.\n"
    )
    assert record.signature is None


def test_summary_without_its_end_or_its_start() -> None:
    record = cable("SUBJECT: TEST\n\n1. (C) SUMMARY: Fidel Castro's health.\n\n2. (C) More.\n")
    assert record.summary == "Fidel Castro's health"
    record = cable("SUBJECT: TEST\n\n1. (C) German FM Westerwelle told us. END SUMMARY.\n\n2. X.\n")
    assert record.summary == "German FM Westerwelle told us"
    record = cable("SUBJECT: TEST\n\n1.(C) Summary: The GOB acts. -------- Training --------\n")
    assert record.summary == "The GOB acts"
    record = cable("SUBJECT: TEST\n\n1. Summary: (SBU) Japanese views. End Summary\n\n2. X.\n")
    assert record.summary == "Japanese views"


def test_subject_ends_where_the_subject_ends() -> None:
    record = cable("SUBJECT: ZIM NOTES 11-09-2009\n-----------\n1. SUMMARY\n-----------\n")
    assert record.subject == "ZIM NOTES 11-09-2009"
    record = cable(
        "SUBJECT: ASSISTANT SECRETARY MEETS WITH ZIMBABWE\n CONFIDENTIAL\nPAGE 02 HARARE 06677 "
        "01 OF 03 291400Z\nOPPOSITION LEADER\n\n1. (C) Text.\n"
    )
    assert record.subject == "ASSISTANT SECRETARY MEETS WITH ZIMBABWE OPPOSITION LEADER"
    record = cable(
        "SUBJECT: SCENESETTER FOR VISIT TO CAIROClassified By: DCM X. REASONS: 1.4 (B)\n"
    )
    assert record.subject == "SCENESETTER FOR VISIT TO CAIRO"
    assert record.classified_by == "DCM X."


def test_people_of_the_shared_cables(corpus: Path) -> None:
    # Every Classified By line of the shared cables that names someone gives a name.
    named = without = 0
    for path in sorted(corpus.glob("cablegate/*.txt"))[::5]:
        record = parse_cable(path.read_text(encoding="utf-8"), facts={"id": path.stem})
        if record.classified_by:
            names = [p.name for p in record.people if p.role == "classifier"]
            named += bool(names)
            without += not names
    assert named >= 170 and without <= 5


def test_front_matter_signature_names_the_signer() -> None:
    text = ENVELOPE + "SUBJECT: TEST\n\n1. (C) A SENTENCE.\n\nSTEIGMAN\n"
    record = parse_cable(
        text,
        facts={"id": "08ROME1"},
        overrides={"signature": "LAINGEN", "classified_by": "DCM Jane Smith"},
    )
    assert Person("LAINGEN", "signer") in record.people
    assert Person("STEIGMAN", "signer") not in record.people
    assert Person("Jane Smith", "classifier") in record.people
