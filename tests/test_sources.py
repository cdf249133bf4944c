"""Every source form gives the same record; bad input gets one clear line and the rest goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main
from generator.parse import parse_cable
from generator.sources import SourceCable, SourceError, read_paths
from generator.sources.decode import DecodeError, decode

COMPARED = (
    "id",
    "precedence",
    "origin",
    "classification",
    "tags",
    "subject",
    "references",
    "summary",
    "signature",
    "declassify",
    "classified_by",
    "to",
    "info",
)


def _records(paths) -> dict:
    records = {}
    for item in read_paths(paths):
        assert isinstance(item, SourceCable), item
        cable = parse_cable(item.text, facts=item.facts, overrides=item.overrides)
        records[cable.id] = cable
    return records


def test_html_pages_give_the_same_record_as_the_plain_text(corpus: Path) -> None:
    pages = _records([corpus / "cablegate-html"])
    assert len(pages) == 30
    texts = _records([corpus / "cablegate" / f"{cable_id}.txt" for cable_id in pages])
    for cable_id, page in pages.items():
        text = texts[cable_id]
        for key in COMPARED:
            assert getattr(page, key) == getattr(text, key), (cable_id, key)
        assert page.released and page.released.startswith("2010-")
        assert [p.number for p in page.paragraphs] == [p.number for p in text.paragraphs]


def test_html_page_carries_the_site_table(corpus: Path) -> None:
    page = _records([corpus / "cablegate-html/cable/2009/03/09BAKU175.html"])["09BAKU175"]
    assert page.released == "2010-11-28T18:06:00Z"
    assert page.classification == "SECRET"
    assert "NOFORN" in page.caveats
    assert "¶" not in page.text and "<a" not in page.text


def test_release_csv_streams_every_row(corpus: Path) -> None:
    rows = list(read_paths([corpus / "cables.csv"]))
    assert len(rows) == 1000
    assert all(isinstance(r, SourceCable) for r in rows)
    first = parse_cable(rows[0].text, facts=rows[0].facts)
    assert first.id == "66BUENOSAIRES2481"
    assert first.created == "1966-12-28T18:48:00Z"
    assert '"EPICONTINENTAL SEA OUT TO 200 METER ISOBAR"' in first.text


def test_release_csv_reports_a_short_row(tmp_path: Path) -> None:
    bad = tmp_path / "cables.csv"
    bad.write_text('"1","12/28/1966 18:06","66X1"\n', encoding="utf-8")
    (item,) = read_paths([bad])
    assert isinstance(item, SourceError)
    assert "3 columns" in str(item) and "cables.csv:1" in str(item)


def test_decoding() -> None:
    assert decode("caf\u00e9".encode()) == "caf\u00e9"
    assert decode(b"don\x92t") == "don\u2019t"  # Windows-1252 apostrophe
    for data, reason in [(b"", "empty"), (b"  \n", "empty"), (b"PK\x03\x04\x00\x00", "binary")]:
        with pytest.raises(DecodeError, match=reason):
            decode(data)
    with pytest.raises(DecodeError, match="undecodable"):
        decode(b"\x81\x8d\x8f\x90\x9d" * 40)


def test_bad_files_get_one_line_each_and_the_rest_goes_on(
    tmp_path: Path, seed_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "c_not_a_cable.txt").write_text("Dear diary, today nothing happened.\n")
    (tmp_path / "d_undecodable.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 40)
    (tmp_path / "e_bad_front_matter.txt").write_text("---\nid: [unclosed\n---\n" + seed_text)
    (tmp_path / "f_good.txt").write_text(seed_text)
    status = main(["parse", "--json", str(tmp_path)])
    out, err = capsys.readouterr()
    assert status == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["07ULAANBAATAR693"]
    lines = [line for line in err.splitlines() if line.startswith(str(tmp_path))]
    assert len(lines) == 5
    assert "a_empty.txt: empty file" in lines[0]
    assert "b_binary.txt: binary file" in lines[1]
    assert "c_not_a_cable.txt: no reference ID found" in lines[2]
    assert "d_undecodable.txt: undecodable bytes" in lines[3]
    assert "e_bad_front_matter.txt: front matter is not valid YAML" in lines[4]


def test_missing_path_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "/nonexistent/cables"]) == 1
    assert "/nonexistent/cables: no such file or folder" in capsys.readouterr().err


def test_json_lines_have_every_key(seed_text: str, tmp_path: Path, capsys) -> None:
    (tmp_path / "x.txt").write_text(seed_text)
    assert main(["parse", "--json", str(tmp_path / "x.txt")]) == 0
    record = json.loads(capsys.readouterr().out)
    expected = {
        "id",
        "created",
        "released",
        "added",
        "precedence",
        "origin",
        "station",
        "to",
        "info",
        "classification",
        "caveats",
        "section",
        "sections",
        "declassify",
        "tags",
        "countries",
        "subject",
        "references",
        "classified_by",
        "reasons",
        "summary",
        "paragraphs",
        "signature",
        "body_markdown",
        "text",
    }
    assert expected <= set(record)
    assert record["countries"] == [
        {"code": "MG", "name": "Mongolia"},
        {"code": "KN", "name": "North Korea"},
    ]


def test_release_csv_is_read_as_a_stream(corpus: Path, tmp_path: Path) -> None:
    """Memory does not grow with the file: 10 copies of the corpus CSV (about 100 MB) are read
    holding one row at a time."""
    import tracemalloc

    big = tmp_path / "cables.csv"
    data = (corpus / "cables.csv").read_bytes()
    with big.open("wb") as handle:
        for _ in range(10):
            handle.write(data)
    tracemalloc.start()
    rows = sum(1 for item in read_paths([big]) if isinstance(item, SourceCable))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert rows == 10_000
    assert peak < 5_000_000, f"peak {peak:,} bytes while reading {len(data) * 10:,}"
