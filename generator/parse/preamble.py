"""The fields between the classification line and the first paragraph.

`E.O. 12958: DECL:`, `TAGS:`, `SUBJECT:`, `REF:` and `Classified By:` each start a field that
runs over wrapped lines until a blank line or the next field; some cables put several on one
line (`E.o. 12958: decl: 01/07/2014 Tags: prel, pgov Subject: ...`, `SUBJECT: ENERGY
INSTALLATIONS REF: BRASILIA 861`, `...VISIT TO CAIROClassified By: ...`). A REF list goes on
after a blank line when the next line carries on the list (`¶B. MADRID 919`); a field left
empty on its own line (`SUBJECT:`) takes the next line that is not blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.parse.references import continues_list, opens_list, without_page_heads

_REF_NAME = r"REF(?:TELS?|S|\(S\))?"
FIELD_START = re.compile(
    r"^\s*(?:\([A-Z/ ]{1,8}\)\s*)?(?P<name>E\.?\s?O\.?\s?1[23]\d{2,3}|TAGS?|TGS|TAGES|SUBJECT|SUBJ|"
    + _REF_NAME
    + r"|CLASSI?FIED\s+BY)(?![A-Z])\s*:?\s*",
    re.IGNORECASE,
)
# Fields that start inside a line, as in a line that holds the whole preamble, and a
# paragraph that starts inside one (`... REASON: 1.4(B), (D) ¶1. (U) This`).
INLINE_FIELD = re.compile(
    r"(?<=\S)\s+(?=(?i:E\.O\.\s?1[23]\d{3}|TAGS|SUBJECT|" + _REF_NAME + r"|CLASSI?FIED\s+BY)\s*:)"
    r"|(?=REF(?:S|TELS?)?:|Classified By:|CLASSIFIED BY:)(?<=[A-Za-z.’'\"])"
    r"|(?<=\S)\s+(?=¶\s?\d{1,2}\.\s)"
)
# `SENSITIVE`, `SENSITIVE BUT UNCLASSIFIED`, `DEA SENSITIVE`: unclassified but not public.
SENSITIVE = re.compile(r"^\s*(?:[A-Z]+\s+)?SENSITIVE(?:\s+BUT\s+UNCLASSIFIED)?\s*(?:\.\s*)?$")
PARAGRAPH_START = re.compile(r"^\s*(?:¶\s*)?\d{1,3}\s?[.)]\s*(?:\(|\s)\s*\S")
CAVEATS = (
    "NOFORN",
    "SIPDIS",
    "EXDIS",
    "NODIS",
    "LIMDIS",
    "STADIS",
    "NOCONTRACT",
    "ORCON",
    "PROPIN",
    "NOFORN/SIPDIS",
)
_CAVEAT_LINE = re.compile(r"^\s*(?:(?:" + "|".join(CAVEATS) + r")[\s,;/]*)+$", re.IGNORECASE)
# What ends a subject written on one line with what follows it in an unwrapped text.
_SUBJECT_END = re.compile(r"\bSENSITIVE\s+BUT(?:\s+UNCLASSIFIED\b.*|\s*)$", re.IGNORECASE)
_INLINE_NAMES = ("REF", "FIED BY", "TAGS", "SUBJECT", "E.O.")
_REPEATED = "repeated"  # the open field is one given twice, its lines go nowhere
UNDERLINE = re.compile(r"^\s*[-=_]{3,}[-=_ ]*$")  # under a heading of the body
_LONGEST_SUBJECT = 8  # wrapped lines after the first
_REASON_START = re.compile(r"^\s*1\s?\.\s?[4-6](?![0-9])")
_HAS_REASON = re.compile(r"\b1\s?\.\s?[4-6]\b")
# The Classified By line is cut at a fixed width, sometimes inside a word (`Hoyt Y` / `ee`).
_CUT_WIDTH = 69
_CUT_WORD = re.compile(r"^([a-z]{1,3})(?=[\s,;.]|$)")
_NOT_CUT = frozenset({"for", "and", "per", "of", "the", "to", "by", "in", "on", "at", "an"})


def kind_of(name: str) -> str:
    """The field a marker names: `REFTEL` is a `REF`, `E.O. 12958` is `DECL`."""
    upper = name.upper()
    if upper.startswith("E"):
        return "DECL"
    if upper.startswith("REF"):
        return "REF"
    if upper.startswith("SUBJ"):
        return "SUBJECT"
    if upper.startswith("CLASS"):
        return "CLASSIFIED"  # also `CLASSFIED` as typed
    if upper.startswith("T"):
        return "TAGS"  # also `TAG`, `TGS`, `TAGES` as typed
    return upper


@dataclass
class Preamble:
    """The raw field values and where the preamble ends in the body lines."""

    fields: dict[str, str] = field(default_factory=dict)
    caveats: list[str] = field(default_factory=list)
    sensitive: bool = False
    end: int = 0
    last_width: int = 0  # the length of the last line read into Classified By


def read_preamble(lines: list[str], start: int) -> Preamble:
    """Fields from `lines[start:]`, stopping at the first paragraph or after the fields' block."""
    preamble = Preamble()
    current: str | None = None
    before_blank: str | None = None  # the field a blank line closed
    after_blank_ref = False  # a blank line ended a REF list that the next line may go on
    subject_lines = 0  # wrapped lines of the subject so far
    waiting = False  # passing over lines that are no field until the field that follows
    index = start
    limit = min(len(lines), start + 60)
    while index < limit:
        line = lines[index]
        if line.endswith(("\\", "\\ ")):
            line = _without_artefacts(line)
        stripped = line.strip()
        if not stripped:
            before_blank = current or before_blank
            if current == "REF":
                after_blank_ref = True
            if current is None or preamble.fields.get(current):
                current = None  # a field still empty waits for its value
            index += 1
            continue
        if PARAGRAPH_START.match(line):
            break
        field = FIELD_START.match(line)
        inline = (
            (":" in line or "¶" in line)
            and _may_hold_fields(line)
            and INLINE_FIELD.search(line) is not None
        )
        if after_blank_ref:
            after_blank_ref = False
            if not field and continues_list(preamble.fields["REF"], stripped):
                current = "REF"
        if current == "TAGS" and not field and not _continues_tags(preamble.fields, stripped):
            current = None
        subject_ended = False  # by a line that cannot go on with it
        if current == "SUBJECT" and not field:
            subject_lines += 1
            if UNDERLINE.match(line) or not _continues_subject(
                preamble.fields["SUBJECT"], stripped, subject_lines
            ):
                current, subject_ended = None, True
        if (
            current is None
            and preamble.fields
            and not field
            and not inline
            and not _CAVEAT_LINE.match(stripped)
            and ("SUBJECT" in preamble.fields or not _field_follows(lines, index + 1, limit, 8))
        ):
            if subject_ended and opens_list(stripped):
                current = "REF"  # a REF list whose label is lost: `¶B. SANTO DOMINGO 21`
                preamble.fields.setdefault("REF", "")
            elif waiting or (
                subject_ended
                and not UNDERLINE.match(line)
                and _field_follows(lines, index + 1, limit, 8)
            ):
                waiting = True  # lines such as a repeated header between subject and fields
            elif before_blank == "CLASSIFIED" and _REASON_START.match(line):
                current = "CLASSIFIED"  # `Classified By: ... FOR REASONS`, a blank, `1.4 B, D`
            elif before_blank == "SUBJECT" and _field_follows(lines, index + 1, limit, 1, True):
                current = "SUBJECT"  # a subject a blank line cut in two, then REF or Classified
            else:
                break
        if field:
            waiting = False
        if current is not None:
            before_blank = None
        if inline:
            for piece in INLINE_FIELD.split(line):
                current = _read_piece(preamble, piece, current, FIELD_START.match(piece))
        else:
            current = _read_piece(preamble, line, current, field)
        if current == "CLASSIFIED":
            preamble.last_width = len(line.rstrip())
        index += 1
    preamble.end = index
    if "SUBJECT" in preamble.fields:
        subject = preamble.fields["SUBJECT"]
        if "ENSITIVE" in subject.upper():
            preamble.fields["SUBJECT"] = _SUBJECT_END.sub("", subject).rstrip()
    if "TAGS" in preamble.fields:
        preamble.fields["TAGS"] = without_page_heads(preamble.fields["TAGS"])
    return preamble


def _may_hold_fields(line: str) -> bool:
    """Whether a field could start inside `line`: a cheap test before INLINE_FIELD."""
    if "¶" in line:
        return True
    rest = line[3:].upper()
    return any(name in rest for name in _INLINE_NAMES)


def _continues_tags(fields: dict[str, str], line: str) -> bool:
    """A TAGS line is continued by a line of tags in capitals, or by anything after a
    comma (`TAGS: PREL, PGOV,` / `SF, ZI`); not by a line of words in small letters."""
    return fields["TAGS"].rstrip().endswith(",") or line == line.upper()


def _continues_subject(subject: str, line: str, count: int) -> bool:
    """Whether a line without a blank before it goes on with the subject. A subject wraps
    over a few lines; one in capitals is not continued by a line of prose in small letters
    (a text that runs the subject into the first paragraph)."""
    if count > _LONGEST_SUBJECT or line.startswith("¶"):
        return False  # (`¶` opens a paragraph or an item of a list)
    if not subject.isupper() or line.isupper():
        return True
    return sum(map(str.islower, line)) <= len(line) // 3


def _field_follows(
    lines: list[str], index: int, limit: int, within: int, closing: bool = False
) -> bool:
    """Whether one of the next `within` lines that are not blank opens a field (with
    `closing`, a REF or Classified By field, which come after the subject)."""
    seen = 0
    for line in lines[index:limit]:
        if not line.strip():
            continue
        match = FIELD_START.match(line)
        if match and (not closing or kind_of(match["name"]) in ("REF", "CLASSIFIED")):
            return True
        seen += 1
        if seen >= within:
            return False
    return False


def _without_artefacts(line: str) -> str:
    """A line without the backslash that some exports put at the end of every line."""
    line = line.rstrip()
    return line[:-1] if line.endswith("\\") else line


def _read_piece(
    preamble: Preamble, piece: str, current: str | None, match: re.Match[str] | None
) -> str | None:
    """Take one line (or the part of one that a field starts, `match` if it starts one) and
    say which field is open."""
    stripped = piece.strip()
    if match:
        name = kind_of(match["name"])
        value = piece[match.end() :].strip()
        if not preamble.fields.get(name) or (
            name == "CLASSIFIED" and _better_classified(preamble.fields[name], value)
        ):
            preamble.fields[name] = value
        elif name == "REF":
            preamble.fields[name] += "; " + value
        else:
            return _REPEATED  # a field given twice (a header repeated): the first stands
        return None if name == "DECL" and value else name  # a DECL value is one line
    if stripped[:1] in "¶0123456789" and PARAGRAPH_START.match(piece):
        return None
    if "ENSITIVE" in stripped.upper() and SENSITIVE.match(stripped.upper()):
        preamble.sensitive = True
        return None
    if _CAVEAT_LINE.match(stripped):
        for word in re.split(r"[\s,;/]+", stripped.upper()):
            if word and word not in preamble.caveats:
                preamble.caveats.append(word)
        return None
    if current is not None and current != _REPEATED:
        preamble.fields[current] = _continued(preamble, current, stripped)
    return current


def _continued(preamble: Preamble, name: str, line: str) -> str:
    """A field's value with one more wrapped line. A Classified By line cut at its fixed
    width inside a name (`... Coordinator Hoyt Y` / `ee for reasons`) is joined again."""
    value = preamble.fields[name]
    if name == "CLASSIFIED" and preamble.last_width >= _CUT_WIDTH:
        cut = _CUT_WORD.match(line)
        last_word = value.rsplit(None, 1)[-1] if value.strip() else ""
        if (
            cut
            and cut.group(1) not in _NOT_CUT
            and re.fullmatch(r"[A-Z][a-z]*", last_word)
            and not (cut.group(1) == "a" and line[1:2] == ".")
        ):
            return value + line
    return (value + " " + line).strip()


def _better_classified(first: str, second: str) -> bool:
    """A second `Classified By` wins over a first that gives no reason (one that holds a
    list of cables written under the wrong label)."""
    return not _HAS_REASON.search(first) and bool(_HAS_REASON.search(second))
