"""Random and mangled text never makes the parser raise anything but its own clear error."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.parse import CableError, parse_cable
from generator.sources.decode import DecodeError, decode

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
