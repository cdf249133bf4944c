"""Plain-text cables (`cablegate/<ID>.txt`) and content files, which may open with front matter."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from generator.sources import SourceCable, SourceError
from generator.sources.decode import DecodeError, decode

_ID_NAME = re.compile(r"^\d\d[A-Z][A-Z-]*\d+$")
# libyaml's loader where PyYAML was built with it: about seven times the pure-Python one,
# which was one of the larger costs of reading a content file.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n", re.DOTALL | re.MULTILINE)


class FrontMatterError(ValueError):
    """Front matter that is not a YAML mapping."""


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(front matter, original text): the text after the block is returned untouched."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.load(match.group(1), Loader=_LOADER) or {}  # a safe loader, C or Python
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        raise FrontMatterError(f"front matter is not valid YAML{where}") from None
    if not isinstance(data, dict):
        raise FrontMatterError("front matter is not a mapping of keys to values")
    return data, text[match.end() :]


def read_text_file(path: Path, data: bytes | None = None) -> SourceCable | SourceError:
    """A `.txt` cable; its file name gives the reference ID when it is one. `data`: its
    bytes, when the caller has read them already."""
    try:
        text = decode(path.read_bytes() if data is None else data)
        overrides, text = split_front_matter(text)
    except (OSError, DecodeError, FrontMatterError) as error:
        return SourceError(str(path), str(error))
    facts = {"id": path.stem} if _ID_NAME.match(path.stem) else {}
    return SourceCable(str(path), text, facts, overrides)
