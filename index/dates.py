"""Lenient publication dates: the forms real headers use, read into ISO `YYYY-MM-DD`.

`2022/09/14`, `14 September 2022`, `Sept. 14, 2022`, `2022-09-14T08:30:00Z` and RFC 2822
(`Wed, 14 Sep 2022 08:30:00 +0000`) all become `2022-09-14`; `2014-11` and `2014` stay as they are.
A value that cannot be read is kept as written, with a warning (never a rejected article).
Numeric day/month orders are read month first (`09/14/2022`) unless the first number exceeds 12.

Example:
    >>> [normalize_date(v)[0] for v in ("2022/09/14", "14 September 2022", "Sept. 14, 2022",
    ...                                 "2022-09-14T08:30:00Z", "Wed, 14 Sep 2022 08:30:00 +0000")]
    ['2022-09-14', '2022-09-14', '2022-09-14', '2022-09-14', '2022-09-14']
    >>> normalize_date("sometime last week")
    ('sometime last week', "date 'sometime last week' could not be read; kept as written")
"""

from __future__ import annotations

import re
from datetime import datetime

_PARTIAL = re.compile(r"^\d{4}(?:-\d{2})?$")
_MIN_YEAR, _MAX_YEAR = 1800, 2200
_SENTINELS = (datetime(1901, 1, 1), datetime(1902, 2, 2))  # two defaults: a field equal in neither was read


def normalize_date(value: str) -> tuple[str, str]:
    """`(date, warning)`: the ISO date (or the raw value when unreadable) and '' or the warning."""
    value = " ".join(value.split())
    if not value or _PARTIAL.match(value):
        return value, ""
    from dateutil import parser

    try:
        first, second = (parser.parse(value.replace("Sept.", "Sep."), default=d) for d in _SENTINELS)
    except (ValueError, OverflowError):
        return value, f"date {value!r} could not be read; kept as written"
    if first.year != second.year or not _MIN_YEAR <= first.year <= _MAX_YEAR:
        return value, f"date {value!r} has no year; kept as written"
    if first.month != second.month:
        return f"{first.year:04d}", ""
    if first.day != second.day:
        return f"{first.year:04d}-{first.month:02d}", ""
    return first.date().isoformat(), ""
