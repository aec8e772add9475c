"""The day it is: the one place vaultnet asks the system clock.

Everything that needs "today" when ``--today`` is not given calls
:func:`today` here, looked up at call time, so that the tests can pin the
clock to the example vault's day instead of depending on the date they run.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_WORDS = frozenset({*WEEKDAYS, *(name[:3] for name in WEEKDAYS)})
# The month's last day, as people say it of a deadline.
_MONTH_END = frozenset({"end of month", "end of the month", "month end", "eom"})
_AHEAD_WORDS = frozenset({"tomorrow", *_WEEKDAY_WORDS, *_MONTH_END})


def today() -> date:
    """The system's local date."""
    return date.today()


def iso_day(text: str) -> date | None:
    """The day ``YYYY-MM-DD`` says; its digits may be another script's, as ``\\d``
    matches them where the patterns look for dates (a Japanese or Chinese keyboard's
    full-width ２０２６-１１-２０). None for no real day."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        if text.isascii():
            return None
    import unicodedata

    ascii_digits = "".join(str(d) if (d := unicodedata.decimal(c, None)) is not None else c
                           for c in text)
    try:
        return date.fromisoformat(ascii_digits)
    except ValueError:
        return None


def names_a_day(word: str) -> bool:
    """Whether :func:`day_named` knows the word."""
    return day_named(word, date(2000, 1, 1)) is not None


def names_a_day_ahead(word: str) -> bool:
    """Whether :func:`day_ahead` knows the word."""
    return " ".join(word.lower().split()) in _AHEAD_WORDS or bool(_MONTH_DAY.fullmatch(word.strip()))


def no_such_day(year: int, month: int, day: int) -> str:
    """Why a date written as YYYY-MM-DD is none: ``2026-11-31``, "November 2026 has
    30 days"; ``2026-13-01``, "there is no month 13"."""
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if year < 1:
        return "there is no year 0"
    first = date(year, month, 1)
    length = ((first + timedelta(days=31)).replace(day=1) - first).days
    return f"{first:%B} {year} has {length} days" if day else "there is no day 0"


def day_named(word: str, today: date) -> date | None:
    """The day a word names, as of ``today``: ``today``, ``yesterday``, a weekday
    in full or its first three letters (``friday``, ``fri``), which is the latest
    such day, today included, or with ``last`` before it the one before today
    (``last friday``), how long ago (``3 days ago``, ``2w ago``), or a day of the
    year (``11-20``: the latest, today included). None for any other words."""
    words = word.lower().split()
    if words == ["today"]:
        return today
    if words == ["yesterday"]:
        return today - timedelta(days=1)
    if len(words) == 1 and _MONTH_DAY.fullmatch(words[0]):  # 11-20: the latest Nov 20
        return _day_of_year(words[0], today, -1)
    last = words[:1] == ["last"] and len(words) == 2
    if len(words) == 1 or last:
        for number, name in enumerate(WEEKDAYS):
            if words[-1] in (name, name[:3]):
                return today - timedelta(days=(today.weekday() - number - last) % 7 + last)
        return None
    if words[-1:] == ["ago"]:
        ago = _AGO.fullmatch(" ".join(words[:-1]))
        if ago and len(ago[1]) <= 6:
            days = (1 if ago[1] in ("a", "an") else int(ago[1])) * (7 if ago[2].startswith("w") else 1)
            return today - timedelta(days=days) if days <= 36500 else None  # a century
    return None


_MONTH_DAY = re.compile(r"\d{2}-\d{2}")


def _month_end(day: date) -> date | None:
    """The last day of ``day``'s month (None past the calendar's end)."""
    from vaultnet.cadence import add_months

    try:
        return add_months(day.replace(day=1), 1) - timedelta(days=1)
    except ValueError:  # December 9999
        return None


def _day_of_year(month_day: str, today: date, step: int) -> date | None:
    """The ``MM-DD`` day nearest ``today`` on its side: the latest up to today
    (``step`` -1) or the next after it (1); Feb 29 in the nearest leap year. None
    for no day of the year (02-30)."""
    month, day = map(int, month_day.split("-"))
    for year in range(today.year, today.year + 9 * step, step):
        try:
            found = date(year, month, day)
        except ValueError:  # not this year (Feb 29), or never (02-30)
            continue
        if (found <= today) if step < 0 else (found > today):
            return found
    return None
# How long ago, in days or weeks (months are not a number of days).
_AGO = re.compile(r"(\d+|an?(?= )) ?(d|days?|w|weeks?)")  # 3 days, 2w, a week


def day_ahead(word: str, today: date) -> date | None:
    """The day ahead a word names, as of ``today``: ``tomorrow``, a weekday in
    full or its first three letters, which is the next such day after today (on a
    Friday, ``friday`` is a week ahead), or a day of the year (``12-01``: the next
    December 1). None for any other word."""
    word = " ".join(word.lower().split())
    if word == "tomorrow":
        return today + timedelta(days=1)
    if word in _MONTH_END:  # this month's last day; on that day, the next month's
        end = _month_end(today)
        return end if end is None or end > today else _month_end(end + timedelta(days=1))
    if _MONTH_DAY.fullmatch(word):  # 12-01: the next December 1
        return _day_of_year(word, today, 1)
    for number, name in enumerate(WEEKDAYS):
        if word in (name, name[:3]):
            return today + timedelta(days=(number - today.weekday() - 1) % 7 + 1)
    return None


def iso_week(day: date) -> str:
    """The ISO week ``day`` is in: ``2026-W48``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def review_week(today: date) -> tuple[date, date, str]:
    """The week a review of ``today`` is of: its Monday, its Sunday, its name."""
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6), iso_week(today)
