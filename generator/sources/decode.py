"""Bytes → text for cable files: UTF-8, with stray bytes from older tools read as Windows-1252."""

from __future__ import annotations

import codecs


class DecodeError(ValueError):
    """Bytes that are not text: binary data, or too many bytes no encoding explains."""


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: a byte that is not UTF-8 is read as Windows-1252 (`\\x92` is ’)."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("cp1252-fallback", _cp1252_fallback)


# Byte-order marks of the encodings a text editor may save in, longest first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> str:
    """Decode a cable file; empty and binary files are refused with the reason. A file
    that opens with a UTF-16 or UTF-32 byte-order mark is read in that encoding."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                data = data.decode(encoding).encode("utf-8")
            except UnicodeDecodeError:
                raise DecodeError(
                    f"not valid {encoding.upper()} after its byte-order mark"
                ) from None
            break
    if not data.strip():
        raise DecodeError("empty file")
    if b"\x00" in data[:8192]:
        raise DecodeError("binary file (NUL bytes), not a cable text")
    text = data.decode("utf-8-sig", errors="cp1252-fallback")
    unreadable = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    if unreadable > max(8, len(data) // 100):
        raise DecodeError(
            f"undecodable bytes ({unreadable} bytes are neither UTF-8 nor Windows-1252)"
        )
    return text


def repair_surrogates(text: str) -> str:
    """Text read with `surrogateescape` (a CSV stream), its stray bytes read as Windows-1252."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogateescape")
        return raw.decode("utf-8", errors="cp1252-fallback")
    return text
