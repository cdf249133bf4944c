"""`cables import`: one content file per cable, facts the text lacks kept, nothing overwritten."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.commands.importer import import_sources
from generator.commands.summary import parse_sources
from generator.sources import content
from tests.conftest import ROOT, SEED


def test_import_csv_then_again(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "cables"
    first = import_sources([corpus / "cables.csv"], store)
    assert (first.imported, first.unchanged, first.failed) == (1000, 0, 0)
    again = import_sources([corpus / "cables.csv"], store)
    assert (again.imported, again.unchanged, again.conflicting) == (0, 1000, 0)
    # The same cables as plain text: each file ends with a line break the CSV's text lacks, so
    # each is a different text under an ID already there, reported and left as it was.
    told: list[str] = []
    texts = import_sources([corpus / "cablegate"], store, tell=told.append)
    assert (texts.imported, texts.unchanged, texts.conflicting, texts.failed) == (0, 0, 1000, 0)
    assert len([line for line in told if "skipped" in line]) == 1  # metadata.csv


def test_content_file_keeps_the_text_and_the_missing_date(corpus: Path, tmp_path: Path) -> None:
    import_sources([corpus / "cables.csv"], tmp_path)
    path = content.path_for(tmp_path, "04MADRID1187")
    assert path == tmp_path / "2004" / "04MADRID1187.txt"
    raw = path.read_text(encoding="utf-8")
    assert raw.startswith("---\ncreated: ")
    dated = content.path_for(tmp_path, "07BERLIN242").read_text(encoding="utf-8")
    front, _ = content.stored(content.path_for(tmp_path, "07BERLIN242"))
    assert list(front) == ["added"], "a text with its own date needs only when it was added"
    assert dated.startswith("---\nadded: ")
    (cable,) = [c for c in parse_sources([path])]
    assert cable.created and cable.created.startswith("2004-04-07")


def test_conflict_is_reported_not_overwritten(seed_text: str, tmp_path: Path, capsys) -> None:
    source = tmp_path / "in" / "07ULAANBAATAR693.txt"
    source.parent.mkdir()
    source.write_text(seed_text)
    store = tmp_path / "store"
    assert main(["-q", "import", str(source), "--to", str(store)]) == 0
    source.write_text(seed_text.replace("MINTON", "MINTON (edited)"))
    assert main(["-q", "import", str(source), "--to", str(store)]) == 0
    said = capsys.readouterr()
    assert "imported 0, unchanged 0, conflicting 1, failed 0" in said.out
    assert "already in" in said.err and "--overwrite" in said.err
    stored = store / "2007" / "07ULAANBAATAR693.txt"
    assert content.stored_text(stored) == seed_text
    added = content.stored(stored)[0]["added"]
    assert main(["-q", "import", str(source), "--to", str(store), "--overwrite"]) == 0
    assert "(edited)" in stored.read_text()
    assert content.stored(stored)[0]["added"] == added  # when it was first added


def test_failures_are_listed_and_make_the_status_nonzero(
    seed_text: str, tmp_path: Path, capsys
) -> None:
    (tmp_path / "good.txt").write_text(seed_text)
    (tmp_path / "empty.txt").write_text("")
    status = main(["-q", "import", str(tmp_path), "--to", str(tmp_path / "store")])
    said = capsys.readouterr()
    assert status == 1
    assert "imported 1, unchanged 0, conflicting 0, failed 1" in said.out
    assert f"failed: {tmp_path / 'empty.txt'}: empty file" in said.err.splitlines()


def test_front_matter_correction_wins(seed_text: str, tmp_path: Path) -> None:
    path = tmp_path / "2007" / "07ULAANBAATAR693.txt"
    content.write(path, seed_text, {"subject": "A corrected subject", "tags": ["PREF", "MG"]})
    (cable,) = list(parse_sources([tmp_path]))
    assert cable.subject == "A corrected subject"
    assert cable.tags == ("PREF", "MG")
    assert [c.name for c in cable.countries] == ["Mongolia"]
    assert cable.text == seed_text


@pytest.mark.parametrize(("form", "cables"), [("cablegate-html", 30), ("cables.csv", 1000)])
def test_import_every_form(corpus: Path, tmp_path: Path, form: str, cables: int) -> None:
    told: list[str] = []
    report = import_sources([corpus / form], tmp_path / "store", tell=told.append)
    assert report.ok and (report.imported, report.unchanged, told) == (cables, 0, [])
    assert len(list((tmp_path / "store").rglob("*.txt"))) == cables


def test_the_sample_collection_is_the_shared_cables_imported(corpus: Path, tmp_path: Path) -> None:
    """content/cables holds the 1,000 shared cables as `cables import` stores them from
    cables.csv, and the example cable: importing the CSV again changes none of them."""
    store = tmp_path / "cables"
    shutil.copytree(ROOT / "content" / "cables", store)
    again = import_sources([corpus / "cables.csv"], store)
    assert (again.imported, again.unchanged, again.conflicting, again.failed) == (0, 1000, 0, 0)
    cables = {c.id: c for c in parse_sources([ROOT / "content" / "cables"])}
    assert len(cables) == 1001 and "07ULAANBAATAR693" in cables
    assert all(cable.added for cable in cables.values())
    assert cables["07ULAANBAATAR693"].text == SEED.read_text(encoding="utf-8")
