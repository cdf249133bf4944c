"""Plain-text cables (`cablegate/<ID>.txt`) and content files, which may open with front matter."""

from __future__ import annotations

import re
from pathlib import Path

from generator.files import read_regular, reason
from generator.sources import LARGEST_CABLE, SourceCable, SourceError
from generator.sources.decode import DecodeError, decode
from generator.sources.front_matter import FrontMatterError, read_front_matter

_ID_NAME = re.compile(r"^\d\d[A-Z][A-Z-]*\d+$")


def read_text_file(path: Path, data: bytes | None = None) -> SourceCable | SourceError:
    """A `.txt` cable; its file name gives the reference ID when it is one. `data`: its
    bytes, when the caller has read them already."""
    try:
        text = decode(read_regular(str(path), LARGEST_CABLE) if data is None else data)
        overrides, text = read_front_matter(text)
    except (OSError, DecodeError, FrontMatterError) as error:
        return SourceError(str(path), reason(error) if isinstance(error, OSError) else str(error))
    facts = {"id": path.stem} if _ID_NAME.match(path.stem) else {}
    return SourceCable(str(path), text, facts, overrides)
