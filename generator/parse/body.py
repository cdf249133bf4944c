"""The body: page breaks out, paragraphs found and numbered, Markdown that reads well.

Cable text is never markup: every character Markdown or HTML could read as syntax is
escaped, so `<script>`, `*`, `_` and `[x](y)` in a cable show as written. Numbered paragraphs
carry a `{#parN}` attribute line (markdown-it's attrs plugin), the anchor the 2010 site used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.cable import Paragraph

# `ULAANBAATA 00000693 002 OF 002`: the running head of a continued page.
PAGE_HEAD = re.compile(
    r"^\s*[A-Z][A-Z .'-]{1,30}\s+\d{8}\s+\d{3}(?:\.\d+)?\s+OF\s+\d{3}\s*$", re.IGNORECASE
)
# A running head is a line of its own, never this long, and its serial has eight digits
# (`00000693`): it holds "00".
_LONGEST_HEAD = 80
# `PAGE 02 HARARE 06677 01 OF 03 291400Z`: the older head; text after it is the cable's.
OLD_PAGE_HEAD = re.compile(
    r"^\s*PAGE\s+\d{2,3}\s+[A-Z][A-Z .'-]{0,40}?\s+\d{3,6}\s+\d{2}\s+OF\s+\d{2}\s+\d{6}Z\s?",
    re.IGNORECASE,
)
BARE_LEVEL = re.compile(r"^\s*(UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)\s*$")
# The start of an older head, cut short (`PAGE 02 HARA`): a page head after a level line.
PAGE_HEAD_START = re.compile(r"^\s*PAGE\s+\d{2,3}\s+[A-Z]", re.IGNORECASE)
NUMBERED = re.compile(r"^\s*(?:¶\s*)?(?P<number>\d{1,3})\s?[.)](?:\s+|(?=\())(?P<rest>\S.*)$")
LETTERED = re.compile(r"^\s*(?:¶\s*)?(?P<number>[A-Z])\.\s+(?P<rest>\([A-Z/ ]{1,8}\).*)$")
MARKING = re.compile(r"^\((?P<marking>[A-Z]{1,3}(?:\s?/\s?[A-Z]{1,8})*)\)\s*")
LIST_ITEM = re.compile(r"^\s*(?:--+|-|\*|o)\s+(?P<rest>\S.*)$")
UNDERLINE = re.compile(r"^\s*[-=_]{3,}[-=_ ]*$")
# Matched where the word `Summary` is (found with str.find, much faster than a search).
SUMMARY_START = re.compile(
    r"SUMMARY(?:\s*(?:AND|&|/)\s*(?:ACTION\s+REQUESTS?|COMMENTS?|"
    r"INTRODUCTION|RECOMMENDATIONS?|BACKGROUND|ANALYSIS))?\s*(?:[:.-]+|\n)",
    re.IGNORECASE,
)
_END_BEFORE = re.compile(r"\bEND\s+(?:OF\s+)?$", re.IGNORECASE)
_BEGIN = re.compile(r"\bBEGIN\s+$", re.IGNORECASE)
# A summary's start counts where a paragraph opens with it (after its number and marking).
_NEAR_START = 20
_MARKING_AT_START = re.compile(r"^\s*\([A-Z/ ]{1,12}\)\s*")
_DASH_RUN = re.compile(r"\s-{4,}")
_SUMMARY_WORD = re.compile(
    r"^SUMMARY\b(?:\s*(?:AND|&|/)\s*\w+(?:\s\w+)?\s*[.:-])?\s*", re.IGNORECASE
)  # `(C) SUMMARY During ...`
_SUMMARY_WITHIN = 8  # blocks: an END SUMMARY without a start counts this early only
SIGNATURE = re.compile(r"^[A-Z][A-Za-z'-]*\.?(?:\s[A-Z][A-Za-z'-]*\.?){0,2}$")
# The 2010 site's footer line: `2004CARACA01540 - UNCLASSIFIED`.
SITE_FOOTER = re.compile(r"^\s*\d{4}[A-Z]{3,}\d+\s+-\s+[A-Z /]+$")
_TRAILERS = frozenset(
    {"UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "LIMITEDOFFICIALUSE", "NNNN", "SIPDIS", "BT"}
)
SITE_NOTICE = re.compile(r"\bvisit\b.{0,40}\bclassified\s+web\s*site", re.IGNORECASE)
TRAILING_SIGNATURE = re.compile(r"(?<=[.!?\"”)])\s+([A-Z][A-Z'-]{2,})\s*$")
_NOT_NAMES = {
    "END",
    "TEXT",
    "COMMENT",
    "NNNN",
    "BT",
    "SECRET",
    "CONFIDENTIAL",
    "UNCLASSIFIED",
    "SIPDIS",
    "NOFORN",
    "SUMMARY",
    "NOTE",
    "CABLE",
    "MESSAGE",
    "TAGS",
    "SUBJECT",
    "FYI",
    "ID",
}
# Words that come before the name on the last line (`MINIMIZE CONSIDERED SHANNON`).
_BEFORE_NAME = {"MINIMIZE", "CONSIDERED", "UNQUOTE", "QUOTE", "TEXT.", "END"}
_LONG_LINE = 100  # longer than any hard-wrapped line
_TERMINAL = (".", "!", "?", ":", ";", '"', "'", ")", "]")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>&~|#!])")
# What would open a list, heading or quote at the start of a line: a backslash goes before
# its punctuation (before a digit it would be shown: `\1.4` is not an escape).
_MD_LINE_START = re.compile(r"^(\s*)(\d*)([-+=>.):])")
# The preamble is a container (markdown-it-py's container plugin, Pandoc's fenced div):
# `<div class="preamble">` in the page.
PREAMBLE_OPEN, PREAMBLE_CLOSE = "::: preamble", ":::"


def escape_markdown(text: str) -> str:
    """Text that Markdown renders exactly as written, never as markup or HTML."""
    if _MD_SPECIAL.search(text):  # most cable text has none: `sub` alone costs more
        text = _MD_SPECIAL.sub(r"\\\1", text)
    if text[:1] in "-+=>: " or text[:1].isdigit():
        text = _MD_LINE_START.sub(_escape_line_start, text)
    return text


def _escape_line_start(match: re.Match[str]) -> str:
    spaces, digits, mark = match.groups()
    if digits and mark not in ".)":
        return match.group(0)  # `1-2`, `10=` open nothing
    return f"{spaces}{digits}\\{mark}"


def remove_page_breaks(lines: list[str]) -> list[str]:
    """Drop page heads, joining a paragraph that a page break cut in two."""
    out: list[str] = []
    broke = False
    level_dropped = False  # the last line dropped was a level line before a page head
    for index, line in enumerate(lines):
        if " OF " in line or " of " in line:  # cheap tests first: most lines are no page head
            if len(line) < _LONGEST_HEAD and "00" in line and PAGE_HEAD.match(line):
                broke = True
                continue
            head = OLD_PAGE_HEAD.match(line) if line[:12].upper().count("PAGE") else None
            if head:
                broke = True
                line = line[head.end() :]
                if not line.strip():
                    continue
        elif len(line) < 30 and BARE_LEVEL.match(line) and _next_is_page_head(lines, index):
            level_dropped = True
            continue
        elif level_dropped and PAGE_HEAD_START.match(line):
            level_dropped = False
            broke = True
            continue
        if (level_dropped or broke) and line.strip():
            level_dropped = False
            if broke:
                broke = False
                last = _last_text(out)
                if last is not None and not last.rstrip().endswith(_TERMINAL):
                    while out and not out[-1].strip():
                        out.pop()
        out.append(line)
    return out


def _next_is_page_head(lines: list[str], index: int) -> bool:
    for line in lines[index + 1 : index + 4]:
        if line.strip():
            return bool(PAGE_HEAD_START.match(line) or PAGE_HEAD.match(line))
    return False


def _last_text(lines: list[str]) -> str | None:
    for line in reversed(lines):
        if line.strip():
            return line
    return None


@dataclass(frozen=True)
class Body:
    """What the body yields: its Markdown, its numbered paragraphs, summary and signature."""

    markdown: str
    paragraphs: tuple[Paragraph, ...]
    summary: str | None
    signature: str | None


@dataclass
class _Block:
    kind: str  # "para", "numbered", "item", "heading", "subtitle", "rule", "signature"
    lines: list[str]
    number: str | None = None
    text: str = ""  # the lines joined, once they are final (`_join`)


def _join(lines: list[str]) -> str:
    """A block's lines as one line, runs of spaces as one."""
    text = " ".join(lines).replace("\t", " ")
    while "  " in text:  # runs of spaces to one: str.replace is several times a regex
        text = text.replace("  ", " ")
    return text.strip()


def read_body(preamble: list[str], prose: list[str]) -> Body:
    """Turn the preamble lines (kept line by line) and the prose into a Body."""
    blocks = _blocks(prose)
    signature = _signature(blocks)
    for block in blocks:
        lines = block.lines
        plain = len(lines) == 1 and "  " not in lines[0] and "\t" not in lines[0]
        block.text = lines[0].strip() if plain else _join(lines)
    _renumber_pilcrow_digits(blocks)
    paragraphs = tuple(_paragraph(b) for b in blocks if b.kind == "numbered")
    markdown = _markdown(preamble, blocks, signature)
    summary = _summary(blocks)
    return Body(markdown, paragraphs, summary, signature)


def _blocks(lines: list[str]) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    last_number = 0
    index, count = 0, len(lines)
    while index < count:
        line = lines[index].rstrip()
        index += 1
        if not line:
            if current is None or not _sentence_goes_on(current, lines, index):
                current = None
            continue
        stripped = line.lstrip()
        first = stripped[:1]
        if first in _DECORATION and _is_rule(stripped):
            if current is not None and _underlines(current):
                current.kind = "heading"  # `COMMENT` over a line of dashes
            elif frame := _framed(lines, index):  # dashes, a title, dashes
                title, below, index = frame
                blocks.append(_Block("heading", [title]))
                if below:  # a post under a name: text, never a title of its own
                    blocks.append(_Block("subtitle", below))
            else:
                blocks.append(_Block("rule", []))
            current = None
            continue
        if current is None and not first.isalnum() and not any(map(str.isalnum, stripped)):
            continue  # a stray `.`, `...` or `-` on a line of its own shows nothing
        title = None
        if current is None and stripped[-1] in _DECORATION:  # (tested first: a cheap test)
            title = _decorated_title(stripped, lines, index)
        if title:
            blocks.append(_Block("heading", [title]))  # `----- TITLE -----`, `//COMMENT//`
            continue
        if first.isdigit() or first == "¶":
            numbered = NUMBERED.match(line)
            if numbered and (current is None or int(numbered["number"]) in (last_number + 1, 1)):
                last_number = int(numbered["number"])
                current = _Block("numbered", [numbered["rest"]], numbered["number"])
                blocks.append(current)
                continue
        # A letter and a dot, `B. (C) ...`: tested before the pattern, since most lines of
        # a cable in capitals begin with a capital.
        if first == "¶" or (first.isupper() and stripped[1:2] == "."):
            lettered = LETTERED.match(line)
            if lettered:
                current = _Block("numbered", [lettered["rest"]], lettered["number"])
                blocks.append(current)
                continue
        if first in "-*o":
            item = LIST_ITEM.match(line)
            if item:
                current = _Block("item", [item["rest"]])
                blocks.append(current)
                continue
        if current is None:
            current = _Block("para", [line])
            blocks.append(current)
            continue
        last = current.lines[-1]  # (inlined: this runs for most lines of every cable)
        if len(last) > _LONG_LINE and last.endswith(_TERMINAL):
            # Cables that were never hard-wrapped put one paragraph on each long line.
            current = _Block("para", [line])
            blocks.append(current)
            continue
        current.lines.append(line)
    blocks = _without_idle_rules(blocks)
    for at, block in enumerate(blocks):
        if block.kind == "para" and len(block.lines) == 1:
            around = (
                blocks[at - 1] if at else None,
                blocks[at + 1] if at + 1 < len(blocks) else None,
            )
            if _looks_like_heading(block.lines[0], *around):
                block.kind = "heading"
    _sub_points(blocks)
    return blocks


def _sentence_goes_on(block: _Block, lines: list[str], index: int) -> bool:
    """Whether a blank line falls inside a sentence (`called a ploy to`, blank, `pressure
    witnesses`): the block's last line ends on a word or a comma and the next text line
    begins with a small letter that opens no sub-point or list item. The 2010 site kept such
    a paragraph as one, under one number."""
    if block.kind not in ("numbered", "para"):
        return False
    end = block.lines[-1][-1:]
    if not (end.isalpha() or end == ","):
        return False
    for line in lines[index : index + 2]:
        following = line.strip()
        if following:
            return (
                following[0].islower()
                and not SUB_POINT.match(following)
                and not LIST_ITEM.match(following)
            )
    return False


# What lines of decoration are made of: section breaks, underlines, frames.
_DECORATION = "-=_*/"
_RULE_MARKS = "-=_*"
_LONGEST_TITLE = 100
_FRAMED_LINES = 4  # a frame holds a title and a few lines under it (a name and a post)
DECORATED = re.compile(
    r"^(?P<lead>-{2,}|={2,}|_{2,}|\*{2,}|//)?\s*(?P<text>[^-=_*/\s](?:.*?[^-=_*/\s])?)\s*"
    r"(?P<trail>-{2,}|={2,}|_{2,}|\*{2,}|//)$"
)
# A redaction marker, `XXXXXXXXXXXX`: what the release put for a protected name.
REDACTION = re.compile(r"X{4,}", re.IGNORECASE)
# Lines in capitals that are no title: a classification repeated, a caveat, the end mark.
NOT_A_TITLE = re.compile(
    r"^(?:\(\w{1,4}(?:/\w{1,8})?\)\s*)?(?:(?:TOP\s+)?SECRET|CONFIDENTIAL|UNCLAS(?:SIFIED)?|"
    r"LIMITED\s+OFFICIAL\s+USE|SENSITIVE|SIPDIS|NOFORN|NNNN|BT|EXDIS|NODIS|LIMDIS|ORCON|"
    r"(?:BEGIN|END)\s+(?:OF\s+)?(?:TEXT|SUMMARY|COMMENT|NOTE|QUOTE))\b[\s/A-Z,.:;()-]*$",
    re.IGNORECASE,
)
# A sub-point: `a.`, `(b)`, `c)`, `ii.`, `(2)`; numbers with a dot or a bracket alone are
# the cable's own paragraphs.
SUB_POINT = re.compile(r"^\(?(?P<label>[A-Za-z]|[ivx]{1,4}|\d{1,2})[.)]\s+\S")
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def _is_rule(stripped: str) -> bool:
    """A line only of dashes, equals signs, underscores or stars (`--------- ----`)."""
    return len(stripped) >= 2 and not stripped.strip(_RULE_MARKS + " ")


def _is_redaction(text: str) -> bool:
    """Nothing but a redaction marker (and a marking or punctuation): never a title."""
    return bool(REDACTION.search(text)) and sum(map(str.isalpha, REDACTION.sub("", text))) < 3


def _is_title(text: str) -> bool:
    """Words that can stand as a section's title: short, with letters, no redaction, no
    address."""
    return (
        len(text) <= _LONGEST_TITLE
        and sum(map(str.isalpha, text)) >= 2
        and not _is_redaction(text)
        and not NOT_A_TITLE.match(text)
        and not _has_address([text])
    )


def _has_address(lines: list[str]) -> bool:
    """A web address among the lines: a notice in a box, not a title."""
    return any("://" in line or "www." in line for line in lines)


def _underlines(block: _Block) -> bool:
    """Whether a line of dashes under `block` makes it a heading: a short line of its own."""
    if block.kind != "para" or len(block.lines) != 1:
        return False
    text = block.lines[0].strip()
    return _is_title(text) and (len(text) <= 30 or not text.endswith((".", ",", ";")))


def _framed(lines: list[str], index: int) -> tuple[str, list[str], int] | None:
    """A title between two lines of dashes, starting at `lines[index]` (after the first):
    the title, the lines under it (a name's post) and where the text goes on."""
    inside: list[str] = []
    for at in range(index, min(index + _FRAMED_LINES + 1, len(lines))):
        stripped = lines[at].strip()
        if not stripped:
            return None
        if _is_rule(stripped):
            title = inside[0] if inside else ""
            if _is_title(title) and not title.endswith((",", ";")) and not _has_address(inside):
                return title, inside[1:], at + 1
            return None
        if len(stripped) > _LONGEST_TITLE:
            return None
        inside.append(stripped)
    return None


def _decorated_title(stripped: str, lines: list[str], index: int) -> str | None:
    """The title of a line like `----- TITLE -----`, `COMMENT -------`, `//COMMENT//`,
    `-- KOSOVO --`. A line marked on both sides by three or more stands for a title
    wherever it is; otherwise it must stand alone, as `-- text --` may open a list item."""
    found = DECORATED.match(stripped)
    if found is None or not _is_title(found["text"]):
        return None
    lead, trail = found["lead"] or "", found["trail"]
    if (lead == "//") != (trail == "//") or (not lead and len(trail) < 3):
        return None
    alone = index >= len(lines) or not lines[index].strip()
    if alone or (len(trail) >= 3 and (not lead or len(lead) >= 3)):
        return found["text"]
    return None


def _without_idle_rules(blocks: list[_Block]) -> list[_Block]:
    """Section breaks that break nothing left out: at the start or end, twice in a row, or
    right under a heading."""
    kept: list[_Block] = []
    for block in blocks:
        if block.kind == "rule" and (not kept or kept[-1].kind in ("rule", "heading")):
            continue
        kept.append(block)
    while kept and kept[-1].kind == "rule":
        kept.pop()
    return kept


def _looks_like_heading(line: str, before: _Block | None, following: _Block | None) -> bool:
    """A line of its own that titles what follows: in capitals (`BACKGROUND`), or a short
    line in title case (`Kandahar Politics Are Local`) followed by text and not one of a
    list of short lines (names, places), one a block."""
    text = line.strip()
    if len(text) > 70 or text.endswith((".", ",", ";")) or len(text.split()) > 10:
        return False
    if sum(map(str.isalpha, text)) < 3 or not _is_title(text):
        return False
    if text.upper() == text:
        return True
    if following is None or following.kind in ("heading", "rule", "signature"):
        return False
    if _short_line(following) or _short_line(before):
        return False
    return (text[:1].isupper() or text[:1] in "\"“'¶") and "," not in text and text[-1] != ")"


def _short_line(block: _Block | None) -> bool:
    """A block of one short line, such as a name in a list of names."""
    return (
        block is not None
        and block.kind == "para"
        and len(block.lines) == 1
        and len(block.lines[0].strip()) <= 70
    )


def _sub_points(blocks: list[_Block]) -> None:
    """Paragraphs that open with `a.`, `b.` … (or `(1)`, `(2)` …, `i.`, `ii.` …) in
    sequence become the items of a list, their labels kept."""
    run: list[_Block] = []
    previous: set[int] = set()
    for block in [*blocks, None]:
        match = SUB_POINT.match(block.lines[0].lstrip()) if block and block.kind == "para" else None
        values = _label_values(match["label"]) if match else set()
        if values and run and {v - 1 for v in values} & previous:
            run.append(block)  # type: ignore[arg-type]
            previous = {v for v in values if v - 1 in previous}
            continue
        if len(run) > 1:
            for item in run:
                item.kind = "item"
        run, previous = ([block], values) if values and block else ([], set())


def _label_values(label: str) -> set[int]:
    """What a sub-point's label counts as: `b` is 2, `ii` is 2, `i` is 9 or 1, `3` is 3."""
    if label.isdigit():
        return {int(label)}
    values = set()
    if len(label) == 1:
        values.add(ord(label.lower()) - ord("a") + 1)
    if label.lower() in _ROMAN:
        values.add(_ROMAN.index(label.lower()) + 1)
    return values


def _signature(blocks: list[_Block]) -> str | None:
    """The closing name (`MINTON`), set apart as its own block: on its own last line, or
    after the last sentence of the last line (`... cleared this message. OLSON`). What may
    follow it is passed over: the classification repeated, `NNNN`, `SIPDIS`, the 2010
    site's footer (`2004CARACA01540 - UNCLASSIFIED`)."""
    index = len(blocks) - 1
    while index >= 0 and (
        all(_is_trailer(line) for line in blocks[index].lines) or _is_site_notice(blocks[index])
    ):
        index -= 1
    if index < 0:
        return None
    last = blocks[index]
    end = len(last.lines)
    while _is_trailer(last.lines[end - 1]):
        end -= 1
    if end < len(last.lines):  # the trailer lines become a block of their own
        blocks.insert(index + 1, _Block("para", last.lines[end:]))
        del last.lines[end:]
    line = last.lines[-1].strip().rstrip("#").strip()
    if _is_signature(line):
        if len(last.lines) == 1 and last.kind in ("para", "heading"):
            del blocks[index]
            return _signature_block(blocks, index, line)
        if (len(last.lines) > 1 or last.kind == "item") and not line.endswith("."):
            last.lines.pop()  # (a word and a full stop ends a sentence there: `ASSISTANCE.`)
            return _signature_block(blocks, index + 1, line)
        return None
    trailing = TRAILING_SIGNATURE.search(line)
    if trailing and _is_signature(trailing.group(1)):
        last.lines[-1] = line[: trailing.start()]
        return _signature_block(blocks, index + 1, trailing.group(1))
    return None


def _is_trailer(line: str) -> bool:
    """A line that may follow the signature without being text: a bare classification,
    `NNNN`, `SIPDIS`, a site footer."""
    letters = line.replace(" ", "").strip("#")
    return not letters or letters.upper() in _TRAILERS or bool(SITE_FOOTER.match(line))


def _is_site_notice(block: _Block) -> bool:
    """A post's notice after the signature: `Visit Ankara's Classified Web Site at ...`."""
    return bool(SITE_NOTICE.search(block.lines[0])) if block.lines else False


def _is_signature(line: str) -> bool:
    words = _name_words(line).upper().split()
    if len(line) > 40 or not words or any(w.strip(".") in _NOT_NAMES for w in words):
        return False
    if len(words) == 1 and line.endswith(".") and not re.fullmatch(r"[A-Z]{3,}\.", line):
        return False  # `Thanks.`; but `MCNAMARA.` signs
    return bool(SIGNATURE.match(line) or re.fullmatch(r"[a-z]{3,15}", line))


def _name_words(line: str) -> str:
    """The name in a last line, without what precedes it or a doubled name (`KUBISKE KUBISKE`)."""
    words = line.split()
    if len(words) > 1 and (
        words[-1] in words[:-1] or any(w.upper() in _BEFORE_NAME for w in words)
    ):
        return words[-1]
    return line


def _signature_block(blocks: list[_Block], index: int, line: str) -> str:
    name = _name_words(line).rstrip(".")
    blocks.insert(index, _Block("signature", [line]))
    return name


def _renumber_pilcrow_digits(blocks: list[_Block]) -> None:
    """Undo `¶` turned into the digit 1: paragraphs 11, 12, 13 … that are really 1, 2, 3 …"""
    numbers = [b.number for b in blocks if b.kind == "numbered" and b.number and b.number.isdigit()]
    if not numbers or numbers[0] != "11":
        return
    stripped = [n[1:] for n in numbers if n.startswith("1") and len(n) > 1]
    if len(stripped) == len(numbers) and stripped == [str(i) for i in range(1, len(numbers) + 1)]:
        for block in blocks:
            if block.kind == "numbered" and block.number and block.number.isdigit():
                block.number = block.number[1:]


def _paragraph(block: _Block) -> Paragraph:
    text = block.text
    marking = MARKING.match(text) if text[:1] == "(" else None
    if marking:
        return Paragraph(block.number or "", f"({marking['marking']})", text[marking.end() :])
    return Paragraph(block.number or "", None, text)


def _markdown(preamble: list[str], blocks: list[_Block], signature: str | None) -> str:
    parts: list[str] = []
    group: list[str] = []
    for line in [*preamble, ""]:
        if line.strip():
            group.append(escape_markdown(" ".join(line.split())))
        elif group:
            text = "\\\n".join(group)
            if not parts or parts[-1] != text:  # `SIPDIS` is often repeated
                parts.append(text)
            group = []
    if parts:  # the classification, caveats, TAGS, SUBJECT, REF: set apart from the text
        parts[0] = f"{PREAMBLE_OPEN}\n{parts[0]}"
        parts[-1] += f"\n{PREAMBLE_CLOSE}"
    seen_numbers: set[str] = set()
    previous = None
    headings = 0
    for block in blocks:
        text = escape_markdown(block.text)
        if block.kind == "heading":
            headings += 1
            parts.append(f"{{#sec-{headings}}}\n### {text}")
        elif block.kind == "rule":
            parts.append("---")
        elif block.kind == "item" and previous == "item":
            parts[-1] += f"\n- {text}"
        elif block.kind == "item":
            parts.append(f"- {text}")
        elif block.kind == "numbered" and block.number:
            anchor = "" if block.number in seen_numbers else f"{{#par{block.number}}}\n"
            seen_numbers.add(block.number)
            parts.append(f"{anchor}{block.number}\\. {text}")
        else:
            parts.append(text)
        previous = block.kind
    return "\n\n".join(parts) + "\n" if parts else ""


def _summary(blocks: list[_Block]) -> str | None:
    """From `SUMMARY:` (or a `Summary` heading, `BEGIN SUMMARY`) to `END SUMMARY`; without
    an end, the paragraph that opens with `Summary:`; without a start, from the first
    paragraph to an `END SUMMARY` among the first few. Markings such as `(C)` left out.

    The blocks are joined one to a line, so a block's start is found with `str.rfind`."""
    blocks = [b for b in blocks if b.kind != "rule"]
    text = "\n".join([b.text for b in blocks])
    words = _summary_words(text)
    if not words:
        return None
    ends = (_END_BEFORE.search(text, max(0, w - 16), w) for w in words)
    end_match = next((m for m in ends if m), None)
    if end_match is not None:
        end = end_match.start()
        found, starts = _summary_starts(text, words, end)
        if starts or found:
            summary = text[(starts[-1] if starts else found[0]).end() : end]
        else:  # no start: from the first paragraph, if the end comes early
            kinds = (i for i, b in enumerate(blocks) if b.kind in ("numbered", "para"))
            first = next(kinds, _SUMMARY_WITHIN)
            if first >= _SUMMARY_WITHIN or end >= _line_start(text, _SUMMARY_WITHIN):
                return None
            summary = text[_line_start(text, first) : end]
    else:  # no end: the paragraph that opens with `Summary:`, if it comes early
        early = _line_start(text, _SUMMARY_WITHIN)
        found, starts = _summary_starts(text, words, early)
        if not starts:
            return None
        stop = text.find("\n", starts[0].end())
        summary = text[starts[0].end() : stop if stop >= 0 else len(text)]
        dashes = _DASH_RUN.search(summary)
        summary = summary[: dashes.start()] if dashes else summary
    lines = summary.strip().split("\n")  # one a block: a marking may open each
    summary = " ".join(_MARKING_AT_START.sub("", line) if "(" in line else line for line in lines)
    summary = _SUMMARY_WORD.sub("", " ".join(summary.split())).strip(" .:-")
    return summary or None


def _line_start(text: str, number: int) -> int:
    """Where line `number` (from 0) of `text` starts; the text's length if it has fewer."""
    position = 0
    for _ in range(number):
        position = text.find("\n", position) + 1
        if position == 0:
            return len(text)
    return position


def _summary_words(text: str) -> list[int]:
    """Where the word `summary` is, in any of its usual cases, in order."""
    found = []
    for tail in ("UMMARY", "ummary"):  # `SUMMARY`; `Summary` and `summary`
        position = text.find(tail, 1)
        while position >= 0:
            start = position - 1
            if text[start] in "Ss":
                before = text[start - 1 : start]
                after = text[position + 6 : position + 7]
                if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
                    found.append(start)
            position = text.find(tail, position + 6)
    return sorted(found)


def _summary_starts(
    text: str, words: list[int], stop: int
) -> tuple[list[re.Match[str]], list[re.Match[str]]]:
    """The first `Summary` before `stop`, and the starts that open a paragraph (or follow
    `BEGIN`): the first of these and any in the next two paragraphs, as in a `SUMMARY`
    heading followed by `1. Summary: ...`."""
    found: list[re.Match[str]] = []
    starts: list[re.Match[str]] = []
    for at in words:
        if at >= stop:
            break
        match = SUMMARY_START.match(text, at, stop)
        if match is None:
            continue
        found = found or [match]
        if at - text.rfind("\n", 0, at) - 1 <= _NEAR_START or _BEGIN.search(
            text, max(0, at - 8), at
        ):
            starts.append(match)
            if len(starts) == 1:  # look on to the end of the next paragraph at most
                after = text.find("\n", text.find("\n", at) + 1)
                stop = min(stop, after) if after >= 0 else stop
    return found, starts
