"""Characters that must not reach a page, a feed, a record or a message.

Old cable files carry control characters (`\\x1a`, the DOS end-of-file mark, is common), and a
hostile one may carry bidirectional overrides or invisible characters that make a page show
something other than its text. They are dropped from everything the site derives from a
cable (HTML, XML, JSON, the search index); the cable's own `.txt` keeps its bytes.
"""

from __future__ import annotations

import re

# Controls but tab, newline and carriage return; DEL and the C1 controls; the Arabic letter
# mark, the zero-width characters and the directional marks, embeddings, overrides and
# isolates; word joiner and invisible operators; the byte-order mark; interlinear
# annotations; noncharacters; lone surrogates (which UTF-8 cannot encode).
_NONCHARACTERS = "".join(
    f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000)
)
_UNWANTED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069"
    f"\ufeff\ufff9-\ufffb\ufdd0-\ufdef\ud800-\udfff{_NONCHARACTERS}]"
)
_LINE_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def clean_text(text: str) -> str:
    """`text` without the characters above; tabs and line breaks stay."""
    return _UNWANTED.sub("", text) if _UNWANTED.search(text) else text


def one_line(text: str) -> str:
    """`text` for one line of a message: control characters and line breaks shown as escapes
    (a file name may hold a newline), the rest cleaned as above."""
    text = _LINE_BREAKS.sub(lambda match: repr(match.group())[1:-1], text)
    return clean_text(text)
