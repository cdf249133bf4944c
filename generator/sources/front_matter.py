"""A content file's front matter: YAML, read safely and checked against the record's keys
(docs/record.md) before any value of it is used.

A maintainer writes front matter by hand, so every mistake is expected: a misspelt key, a list
where text belongs, `2007-02-30`. Each is refused with one line that names the key and the
problem, and the cable is left out, rather than a later stage failing on it for every cable.
The schema is a pydantic model: its validation names the key and item at fault, and it checks
every key in one pass. Keys a maintainer keeps for their own use start with `x-`.
"""

from __future__ import annotations

import difflib
import re
from typing import Annotated, Any

import yaml
from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationError,
    create_model,
)

from generator.cable import LEVELS, classification_level
from generator.clean import clean_text, one_line
from generator.dates import DateError, iso_utc

# libyaml's loader where PyYAML was built with it: several times the pure-Python one, which
# was one of the larger costs of reading a content file (docs/dependencies.md).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BLOCK = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n", re.DOTALL | re.MULTILINE)
OWN_KEY_PREFIX = "x-"


class FrontMatterError(ValueError):
    """Front matter that is not YAML, not a mapping, or not the record's keys and types."""


def split_front_matter(text: str) -> tuple[dict[Any, Any], str]:
    """(the YAML mapping as written, the text after the block, untouched); no block: ({},
    text). The mapping is not checked: `read_front_matter` does that."""
    match = _BLOCK.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.load(match.group(1), Loader=_LOADER) or {}  # a safe loader, C or Python
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        raise FrontMatterError(f"front matter is not valid YAML{where}") from None
    except (ValueError, TypeError, OverflowError, RecursionError) as error:
        # PyYAML builds dates itself: an unquoted `2010-13-45` raises ValueError.
        raise FrontMatterError(f"front matter is not valid YAML ({error})") from None
    if not isinstance(data, dict):
        raise FrontMatterError("front matter is not a mapping of keys to values")
    return data, text[match.end() :]


def read_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(the record keys the front matter sets, checked and normalised; the text after it)."""
    data, body = split_front_matter(text)
    if not data:
        return {}, body
    return check_front_matter(data), body


def check_front_matter(data: dict[Any, Any]) -> dict[str, Any]:
    """The record keys of `data`, each value checked and normalised (dates as ISO 8601 UTC,
    classifications as the record writes them, text cleaned); a key of the maintainer's own
    (`x-...`) is left out."""
    mine = {key: value for key, value in data.items() if not _own(key)}
    for key in mine:
        if key not in FrontMatter.model_fields:
            raise FrontMatterError(_unknown(key))
    try:
        checked = FrontMatter.model_validate(mine)
    except ValidationError as error:
        raise FrontMatterError(_message(error)) from None
    return {key: getattr(checked, key) for key in mine}  # in the order written


def _own(key: object) -> bool:
    return isinstance(key, str) and key.startswith(OWN_KEY_PREFIX)


def _unknown(key: object) -> str:
    shown = one_line(repr(key))[:60]
    near = difflib.get_close_matches(str(key), list(FrontMatter.model_fields), n=1)
    hint = f"; did you mean {near[0]!r}?" if near else ""
    return (
        f"front matter key {shown} is not a record key (docs/record.md; keys of your own "
        f"start with {OWN_KEY_PREFIX!r}){hint}"
    )


def _message(error: ValidationError) -> str:
    first = error.errors(include_url=False)[0]
    where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in first["loc"])
    problem = first["msg"].removeprefix("Value error, ")
    if first["type"].endswith("_type"):
        problem += f", not {_kind(first['input'])}"
    more = error.error_count() - 1
    also = f" (and {more} more)" if more else ""
    return one_line(f"front matter {where.lstrip('.')}: {problem}{also}")


def _kind(value: object) -> str:
    names = {type(None): "null", str: "text", int: "a number", float: "a number"}
    return names.get(type(value), f"a {type(value).__name__}")


# ---- the schema ---------------------------------------------------------------------------


def _as_list(value: object) -> object:
    """One text where a list is expected is a list of one (`tags: PREL, PGOV` is read by
    the tag reader as a whole)."""
    return [value] if isinstance(value, str) else value


def _moment(value: object) -> str | None:
    try:
        return iso_utc(value)
    except DateError as error:
        raise ValueError(str(error)) from None


def _level(value: str) -> str:
    level = classification_level(value)
    if level is not None:
        return level
    raise ValueError(f"{value[:40]!r} is not a classification (one of {', '.join(LEVELS)})")


Text = Annotated[str, Field(max_length=100_000), AfterValidator(clean_text)]
Texts = Annotated[list[Text], Field(max_length=1000), BeforeValidator(_as_list)]
Moment = Annotated[str | None, BeforeValidator(_moment)]
Count = Annotated[StrictInt, Field(ge=1, le=999)]


# The record keys a maintainer may set (docs/record.md), by the kind of value each takes; not
# what only the text can give (`text`, `body_markdown`, `paragraphs`).
TEXTS = ("id", "precedence", "origin", "station", "declassify", "subject", "classified_by",
         "reasons", "summary", "signature")  # fmt: skip
LISTS = ("to", "info", "caveats", "tags", "countries", "references")
OTHERS: dict[str, Any] = {
    "created": Moment,
    "released": Moment,
    "added": Moment,
    "classification": Annotated[Text, AfterValidator(_level)] | None,
    "section": Count | None,
    "sections": Count | None,
    "synthetic": StrictBool | None,
}
FrontMatter = create_model(
    "FrontMatter",
    __config__=ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True),
    **{key: (Text | None, None) for key in TEXTS},
    **{key: (Texts | None, None) for key in LISTS},
    **{key: (kind, None) for key, kind in OTHERS.items()},
)
FrontMatter.__doc__ = "The record keys a maintainer may set, each with its type; null clears it."
