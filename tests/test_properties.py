"""Random, mangled and hostile input (text, bytes, front matter, dates, `cables.csv` rows,
header lines) never makes anything raise but the clear one-line error of the stage it reached;
what parses, renders with no control character in its page or record."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.clean import UNWANTED, clean_text
from generator.dates import DateError, iso_utc
from generator.parse import CableError, parse_cable
from generator.site.collection import Collection
from generator.site.plan import cable_page
from generator.site.render import Renderer, record_json
from generator.site.settings import SiteConfig
from generator.sources import SourceCable, SourceError
from generator.sources.decode import DecodeError, decode
from generator.sources.front_matter import FrontMatter
from generator.sources.release_csv import read_release_csv
from generator.sources.text import read_text_file
from tests.conftest import ROOT

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _parse_or_clear_error(text: str) -> None:
    try:
        cable = parse_cable(text)
    except CableError as error:
        message = str(error)
        assert message and "\n" not in message
        return
    assert cable.id and cable.text == text


@SETTINGS
@given(st.text())
def test_random_text(text: str) -> None:
    _parse_or_clear_error(text)


TRICKY = "a\t\n\r\x00\x1a\x7f\x85\xb6\u061c\u200b\u2019\u202e\ufeff\ufdd0\uffff\ud800"
TRICKY += "\U0001fffe\U0001f600"


@given(st.text(st.characters(max_codepoint=0x7F)) | st.text() | st.text(st.sampled_from(TRICKY)))
def test_clean_text_drops_exactly_the_unwanted_characters(text: str) -> None:
    """`clean_text` takes shorter ways than the exact class (ASCII text; text looked at as
    UTF-8 bytes): they must drop the same characters, lone surrogates included."""
    assert clean_text(text) == UNWANTED.sub("", text)


@pytest.fixture(scope="module")
def seed_lines(seed_text: str) -> list[str]:
    return seed_text.splitlines(keepends=True)


@SETTINGS
@given(data=st.data())
def test_mangled_example_cable(seed_lines: list[str], data: st.DataObject) -> None:
    lines = list(seed_lines)
    for _ in range(data.draw(st.integers(0, 12))):
        action = data.draw(st.sampled_from(["drop", "duplicate", "garble", "cut", "swap"]))
        if not lines:
            break
        at = data.draw(st.integers(0, len(lines) - 1))
        if action == "drop":
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, lines[at])
        elif action == "garble":
            lines[at] = data.draw(st.text(max_size=80)) + "\n"
        elif action == "cut":
            lines[at] = lines[at][: data.draw(st.integers(0, len(lines[at])))]
        else:
            other = data.draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
    _parse_or_clear_error("".join(lines))


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    try:
        text = decode(data)
    except DecodeError as error:
        assert str(error)
        return
    _parse_or_clear_error(text)


# ---- hostile input of every kind: one line for the bad, nothing else ---------------------


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**40)
    | st.floats()
    | st.text(max_size=40)
    | st.dates()
    | st.datetimes(timezones=st.none() | st.just(UTC))
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=10,
)
KEYS = st.sampled_from([*FrontMatter.model_fields, "x-note", "title"]) | st.text(max_size=12)
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202e\ufffe]")


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(ROOT / "templates", SiteConfig())


def _one_line(item: SourceError) -> None:
    message = str(item)
    assert message and "\n" not in message and "Traceback" not in message


def _survives(renderer: Renderer, item: object) -> None:
    """A source's cable parses or fails with one line; a parsed one renders, with no control
    character in its page or record."""
    if isinstance(item, SourceError):
        _one_line(item)
        return
    assert isinstance(item, SourceCable)
    try:
        cable = parse_cable(item.text, facts=item.facts, overrides=item.overrides)
    except CableError as error:
        assert str(error) and "\n" not in str(error)
        return
    collection = Collection()
    collection.add(cable)
    collection.finish()
    page = renderer.render(cable_page(cable, collection)).decode("utf-8")
    assert not CONTROLS.search(page)
    assert not CONTROLS.search(record_json(cable).decode("utf-8").replace("\\n", ""))


@SETTINGS
@given(front=st.dictionaries(KEYS, VALUES, max_size=6))
def test_front_matter_of_every_key_and_type(renderer, seed_text, tmp_path_factory, front) -> None:
    try:
        block = yaml.safe_dump(front, allow_unicode=True)
    except yaml.YAMLError:
        return  # not expressible in YAML: no maintainer can write it
    path = tmp_path_factory.mktemp("front") / "07ULAANBAATAR693.txt"
    path.write_text(f"---\n{block}---\n{seed_text}", encoding="utf-8", errors="surrogatepass")
    _survives(renderer, read_text_file(path))


@SETTINGS
@given(block=st.text(max_size=300))
def test_front_matter_of_any_text(renderer, seed_text, tmp_path_factory, block) -> None:
    path = tmp_path_factory.mktemp("front") / "07ULAANBAATAR693.txt"
    path.write_bytes(f"---\n{block}\n---\n{seed_text}".encode("utf-8", "surrogatepass"))
    _survives(renderer, read_text_file(path))


DATE_LIKE = st.from_regex(
    r"\A\d{1,5}[-/]\d{1,3}[-/]\d{1,5}([ T]\d{1,3}:\d{1,3}(:\d{1,3}(\.\d{1,4})?)?)?"
    r"(Z|UTC|[+-]\d{2}:?\d{2})?\Z"
)


@SETTINGS
@given(value=DATE_LIKE | st.text(max_size=30) | SCALARS)
def test_dates_are_dates_or_one_clear_error(value) -> None:
    try:
        iso = iso_utc(value)
    except DateError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert iso is None or (
        ISO_DAY.fullmatch(iso) and datetime.fromisoformat(iso.replace("Z", "+00:00"))
    )


FIELD = st.text(max_size=60) | st.sampled_from(['"', "\\", "\n", '","', "12/14/2007 09:01"])


@SETTINGS
@given(rows=st.lists(st.lists(FIELD, min_size=0, max_size=10), min_size=1, max_size=6))
def test_cables_csv_rows(renderer, seed_text, tmp_path_factory, rows) -> None:
    """Rows of any shape and content, each field quoted as the release quotes them; some
    rows carry the example cable so that the good ones go all the way to a page."""
    out = io.StringIO()
    writer = csv.writer(out, doublequote=False, escapechar="\\", quoting=csv.QUOTE_ALL)
    for number, row in enumerate(rows, 1):
        if len(row) >= 8:
            row = [str(number), row[1], "07ULAANBAATAR693", *row[3:7], seed_text + row[7]]
        writer.writerow(row)
    path = tmp_path_factory.mktemp("csv") / "cables.csv"
    path.write_text(out.getvalue(), encoding="utf-8", errors="surrogatepass")
    for item in read_release_csv(path):
        _survives(renderer, item)


LEVEL_WORDS = st.sampled_from(
    ["C O N F I D E N T I A L", "SECRET", "UNCLAS", "S E C R E T", "O N F I D E N T I A L"]
)


@SETTINGS
@given(level=LEVEL_WORDS, tail=st.text(max_size=200), at=st.integers(0, 40))
def test_classification_lines(renderer, seed_lines, level, tail, at) -> None:
    lines = list(seed_lines)
    lines.insert(min(at, len(lines)), f"{level} {tail}\n")
    text = "".join(lines)
    _survives(renderer, SourceCable("fuzzed", text, {}, {}))
