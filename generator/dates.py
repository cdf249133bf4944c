"""Dates as the record keeps them: ISO 8601 in UTC, `2007-12-14T09:01:00Z`.

Every date a source or a maintainer gives (an HTML table's `2010-12-08 21:09`, a CSV row's
`12/28/1966 18:06`, a front-matter date, with or without a time-zone offset) goes through
`iso_utc`, which refuses what is no date on the calendar or the clock with a reason that fits
on one line, instead of letting a later stage stumble on it.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

# The years a cable can bear: the release's oldest cables are from 1966, and reference IDs
# carry two digits (`id_year`): 1940 to 2039.
EARLIEST, LATEST = 1900, 2099


class DateError(ValueError):
    """A value that is not a date on the calendar and the clock; the message says why."""


_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?",
    re.IGNORECASE,
)


def expand_year(yy: int) -> int:
    """A two-digit year as the cables write them: 66 is 1966, 07 is 2007."""
    return 1900 + yy if yy >= 40 else 2000 + yy


_US_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")


def us_day(text: str) -> str | None:
    """`12/14/2017` or `12/14/17` (as a cable writes a day) → `2017-12-14`, or None. Only
    the ranges of month and day are checked: a DECL line's day is shown as it is meant."""
    match = _US_DAY.fullmatch(text)
    if not match:
        return None
    month, day, year = (int(g) for g in match.groups())
    year = expand_year(year) if year < 100 else year
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def iso_utc(value: object) -> str | None:
    """`value` (text, a date or a datetime; None or "" for none) as ISO 8601 UTC.

    A time-zone offset is applied (`2010-12-08T21:09:00+05:00` is `16:09Z`); a value without
    one is taken to be UTC, as the release's dates are."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        moment = _from_text(value.strip())
    else:
        raise DateError(f"{_shown(value)} is not a date")
    if moment.tzinfo is not None:
        try:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        except OverflowError:  # an offset that takes the day past year 1 or 9999
            raise DateError(
                f"{_shown(value)} is not a date between {EARLIEST} and {LATEST}"
            ) from None
    if not EARLIEST <= moment.year <= LATEST:
        raise DateError(f"{_shown(value)} is not a date between {EARLIEST} and {LATEST}")
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _from_text(text: str) -> datetime:
    us = _US.fullmatch(text)
    if us:
        month, day, year, hour, minute, second = us.groups()
        parts = (year, month, day, hour, minute, second, None)
    else:
        iso = _ISO.fullmatch(text)
        if not iso:
            raise DateError(f"{_shown(text)} is not a date (write it as YYYY-MM-DD)")
        parts = iso.groups()
    year, month, day, hour, minute, second, zone = parts
    try:
        moment = datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
        )
    except ValueError as error:  # month 13, 30 February, hour 25: the reason in its words
        raise DateError(f"{_shown(text)} is not a date ({error})") from None
    return moment.replace(tzinfo=_zone(zone)) if zone else moment


def _zone(zone: str) -> timezone:
    if zone.upper() in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 23 or minutes > 59:
        raise DateError(f"{zone!r} is not a time-zone offset")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _shown(value: object) -> str:
    """A value as a message shows it: quoted, and cut if long."""
    text = repr(value) if isinstance(value, str) else repr(str(value))
    return text if len(text) <= 60 else text[:57] + "...'"
