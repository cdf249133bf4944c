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
_BMP = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069"
    "\ufeff\ufff9-\ufffb\ufdd0-\ufdef\ud800-\udfff\ufffe\uffff"
)
_ASTRAL = "".join(
    chr(plane + end) for plane in range(0x10000, 0x110000, 0x10000) for end in (0xFFFE, 0xFFFF)
)
UNWANTED = re.compile(f"[{_BMP}{_ASTRAL}]")
# What a text needs looking at for: a class of ranges only, which the regular expression
# engine tests in a few steps a character (the class above, with its single characters
# beyond the first plane, takes about ten times as long on a cable: docs/benchmarks.md).
_SUSPECT = re.compile(f"[{_BMP}\U00010000-\U0010ffff]")
_LINE_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Most cables are ASCII but for a few curly quotes: their text is looked at as UTF-8 bytes,
# the unwanted controls of ASCII found by deleting them, the rest by a search of only the
# characters beyond ASCII; several times as fast as searching every character
# (docs/benchmarks.md).
_ASCII = bytes(range(0x80))
_ASCII_UNWANTED = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def clean_text(text: str) -> str:
    """`text` without the characters of `UNWANTED`; tabs and line breaks stay."""
    raw = text.encode("utf-8", "surrogatepass")
    kept = raw.translate(None, _ASCII_UNWANTED)
    if text.isascii():  # known without a look at the text: Python marks ASCII strings
        return text if len(kept) == len(raw) else kept.decode("ascii")
    beyond = raw.translate(None, _ASCII).decode("utf-8", "surrogatepass")
    if len(kept) == len(raw) and not _SUSPECT.search(beyond):
        return text
    return UNWANTED.sub("", text)


def one_line(text: str) -> str:
    """`text` for one line of a message: control characters and line breaks shown as escapes
    (a file name may hold a newline), the rest cleaned as above."""
    text = _LINE_BREAKS.sub(lambda match: repr(match.group())[1:-1], text)
    return clean_text(text)
