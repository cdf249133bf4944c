"""Who classified a cable and for which reasons.

`Classified By: Ambassador Mark C. Minton for Reason 1.4(d).` gives `Ambassador Mark C. Minton`
and `1.4(d)`. Older cables say it inside their first paragraph (`1. CONFIDENTIAL - ENTIRE
TEXT. CLASSIFIED BY DCM THEODORE KATTOUF - 1.5 B,D.`). The reason's number (`1.4`, `1.5`) is
what ends the name; the words before it that only lead up to it (`for reasons`, `FOR REAS
ONS`, `based upon`, `E.O. 12958`) are dropped, typos and lines cut inside a word included.
"""

from __future__ import annotations

import re
from functools import lru_cache

_REASON_NUMBER = re.compile(r"\b1\s?\.\s?[2-6](?![0-9])|\b1/4\b")
_REASON_WORD = re.compile(r"\breasons?\b", re.IGNORECASE)
_LEADING = re.compile(
    r"^(?:\s*(?:\([A-Z/]{1,8}\)|\d{1,2}\s?\.(?=\s)|classified\s+by\b\s*:?|[-:]))+\s*", re.IGNORECASE
)
_IN_BODY = re.compile(r"\bCLASSIFIED\s+BY\b\s*:?\s*", re.IGNORECASE)
# Words that only lead up to the reason, as the cables write (and mistype) them.
_BEFORE_REASON = frozenset(
    {
        "for", "f0r", "per", "under", "by", "based", "upon", "on", "0n", "and", "reason",
        "reasons", "reaons", "resons", "reason:", "reasons:", "rea", "reas", "reaso", "sons",
        "ons", "asons", "easons", "ns", "s", "s:", "e.o.", "eo", "e.o", "12958", "12958,",
        "13526", "derived", "from", "classification", "authority", "-", "--", ":", "(", "r",
        "re", "fo",
    }
)  # fmt: skip
# ... and, right before the reason's number only: `under Section 1.4`, `reason para 1.4`.
_BEFORE_NUMBER = frozenset({"section", "sections", "para", "paragraph"})
_FO_R = re.compile(r"\b([Ff][Oo]) ([Rr])\b")  # `FO R REASONS`: a line cut inside `FOR`
# A digit zero typed for the letter O inside a name (`LEE 0. COLDREN`, `R0BIN`).
_ZERO_FOR_O = re.compile(r"(?<=[A-Za-z])0|0(?=[A-Za-z])|\b0(?=\.\s)")


@lru_cache(maxsize=4096)  # a post's Classified By line comes back cable after cable
def read_classified(value: str | None) -> tuple[str | None, str | None]:
    """(who, reasons) from the text of a `Classified By` field, or (None, None)."""
    if not value:
        return None, None
    text = " ".join(value.split())
    if text[:1] in "(-:0123456789Cc":
        text = _LEADING.sub("", text)
    reason = _REASON_NUMBER.search(text)
    if reason:
        who, why = text[: reason.start()], text[reason.start() :].strip(" .") or None
    else:
        word = _REASON_WORD.search(text)
        who, why = (text, None)
        if word:
            who, why = text[: word.start()], text[word.end() :].strip(" :.") or None
    return _name_part(who, cut=who != text, number=reason is not None), why


def classified_in_body(paragraph_texts: list[str]) -> str | None:
    """The `CLASSIFIED BY ...` of an older cable's opening paragraphs, where it says so near
    the start of one (`1. (U) CLASSIFIED BY CHARGE ROBERT BEECROFT; REASON 1.5 (D).`)."""
    for text in paragraph_texts[:2]:
        found = _IN_BODY.search(text, 0, 120)
        if found and found.start() <= 80:
            rest = text[found.end() : found.end() + 400]
            if _REASON_NUMBER.search(rest) or _REASON_WORD.search(rest):
                return rest
            end = re.search(r"(?<=[A-Za-z]{2})\.(?:\s|$)", rest)
            return rest[: end.start()] if end else rest
    return None


def _name_part(who: str, *, cut: bool, number: bool) -> str | None:
    """`who` without the words that lead up to the reason and the punctuation around it."""
    words = _FO_R.sub(r"\1\2", who).split() if " r" in who.lower() else who.split()
    leading = _BEFORE_REASON | _BEFORE_NUMBER if number else _BEFORE_REASON
    if cut:
        while words and words[-1].lower().strip(".,;:-(") in leading:
            if words[-1].lower() != words[-1].lower().strip(",;") == "fo":
                break  # `fo` typed for `for`, but `state, FO;` names an office
            words.pop()
    text = " ".join(words).strip(" ,;:-(")
    bare = text.rstrip(".")
    last = bare.rsplit(None, 1)[-1] if bare else ""
    if bare != text and (len(last) == 1 or last.upper() in ("JR", "SR")):
        bare += "."  # an initial's or `Jr.`'s full stop
    text = bare
    if "0" in text:
        text = _ZERO_FOR_O.sub("O", text)
    return text or None
