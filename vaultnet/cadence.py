"""Intervals: keep-in-touch cadences (SPEC 1) and windows such as ``7d``.

``3m`` is three calendar months: adding it clamps a missing day to the month's
end (Jan 31 + 1m = Feb 28/29), as SPEC 3 requires.
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta
from typing import NamedTuple

from vaultnet.words import as_written

_NAMED = {
    "daily": "1d",
    "weekly": "1w",
    "biweekly": "2w",
    "bi-weekly": "2w",
    "fortnightly": "2w",
    "a fortnight": "2w",
    "every fortnight": "2w",
    "monthly": "1m",
    "quarterly": "3m",
    "every quarter": "3m",
    "yearly": "1y",
    "annually": "1y",
    "semiannually": "6m",
    "semi-annually": "6m",
    "half-yearly": "6m",
    "twice a year": "6m",
    "once a week": "1w",
    "once a month": "1m",
    "once a quarter": "3m",
    "once a year": "1y",
}
# Numbers as words, up to twelve (every six months).
_WORDS = {word: n for n, word in enumerate(("one", "two", "three", "four", "five", "six", "seven",
                                            "eight", "nine", "ten", "eleven", "twelve"), start=1)}
# 2w, or in words as people write them: 2 weeks, every 2 weeks, every month, 2 wks,
# 3 mos, every other week, every six months.
_INTERVAL = re.compile(r"(?:every\s+)?(?:(\d+)\s*([dwmy])|(\d+|other|[a-z]+(?=\s))?\s*"
                       r"(day|week|wk|month|mth|mo|quarter|qtr|year|yr)s?)")
# How often in a month or a year: twice a month, 4 times a year, 3x per year; and
# every 2nd week, every third month.
# (A pattern as text: `re` compiles it when first used, which `due`'s 7d never is.)
_TIMES = (r"(?:(once|twice|thrice)|(\d+|[a-z]+)\s*(?:x|times))\s+(?:a|per|each|every)\s+"
          r"(month|year)|every\s+(\d+(?:st|nd|rd|th)|second|third|fourth|sixth)\s+"
          r"(day|week|month|year)")
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "sixth": 6}


def _every(times: re.Match) -> str | None:
    """The interval a match of :data:`_TIMES` says, as ``2w``; None when it is not
    a whole number of weeks or months (three times a month)."""
    once, number, per, ordinal, unit = times.groups()
    if ordinal:
        return f"{_ORDINALS.get(ordinal) or int(ordinal[:-2])}{unit[0]}"
    count = {"once": 1, "twice": 2, "thrice": 3}.get(once or "") or _WORDS.get(number or "")
    if count is None and number and number.isdigit():
        count = int(number)
    if not count:
        return None
    if per == "year":
        return f"{12 // count}m" if 12 % count == 0 else None
    return {1: "1m", 2: "2w", 4: "1w"}.get(count)


# "Every two" or "twice a": no one reading it can tell which was meant.
_MONTHS = "every two months (2m) or twice a month (2w)"
_YEARS = "twice a year (6m) or every two years (2y)"
_EITHER = {"bimonthly": _MONTHS, "bi-monthly": _MONTHS,
           "biannually": _YEARS, "bi-annually": _YEARS, "biannual": _YEARS}
# No reminders, as never: off and no (words as the frontmatter reads them), or false.
_NEVER = ("never", "off", "none", "no", "false")

# The longest interval in each unit: 100 years. Longer ones are never meant
# (``never`` is), and dates only go to 9999-12-31.
_MOST = {"d": 36_525, "w": 5_217, "m": 1_200, "q": 400, "y": 100}

INTERVAL_HELP = "use 10d, 2w, 3m, 1y, weekly, biweekly, monthly, quarterly or yearly"
CADENCE_HELP = "use 10d, 2w, 3m, 1y, weekly, biweekly, monthly, quarterly, yearly or never"


class Interval(NamedTuple):
    """A number of days or of calendar months. A NamedTuple: the rules look
    thousands up in caches, and a dataclass hashes and compares in Python."""

    days: int = 0
    months: int = 0

    def after(self, start: date) -> date:
        """``start`` plus this interval; past the calendar's end (9999-12-31), its
        last day: a date no horizon reaches."""
        try:
            return add_months(start, self.months) + timedelta(days=self.days)
        except (OverflowError, ValueError):
            return date.max

    def window_ending(self, end: date) -> date:
        """The first day of the window of this length that ends on ``end``, inclusive:
        ``28d`` ending Nov 23 starts Oct 27 (at the earliest, 0001-01-01)."""
        try:
            return add_months(end, -self.months) - timedelta(days=self.days - 1)
        except (OverflowError, ValueError):
            return date.min

    def __str__(self) -> str:
        if self.months:
            return f"{self.months // 12}y" if self.months % 12 == 0 else f"{self.months}m"
        return f"{self.days // 7}w" if self.days and self.days % 7 == 0 else f"{self.days}d"


@functools.lru_cache(maxsize=65536)  # a vault's dates repeat: due dates of 10,000 people
def add_months(start: date, months: int) -> date:
    """``start`` plus calendar months, clamping to the last day of the month."""
    if not months:
        return start
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    day = min(start.day, month_length(year, month + 1))
    return date(year, month + 1, day)


def month_length(year: int, month: int) -> int:
    """Days in a month (``calendar.monthrange``, whose import costs more than this)."""
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def parse_interval(text: str, *, zero: bool = False) -> Interval:
    """Parse ``10d``, ``2w``, ``3m``, ``1y``, the same in words (``2 weeks``,
    ``every 3 months``, ``every month``, ``2 wks``, ``every other week``) or a
    named interval (a horizon, a window); ValueError otherwise, saying what to
    write. ``zero``: ``0d`` is allowed (a horizon of today: what is overdue or
    due today)."""
    return _interval(text, INTERVAL_HELP, "use 100y at most",
                     None if zero else "use 1d or more")


def _interval(text: str, help: str, too_long: str, too_short: str | None) -> Interval:
    """``too_short``: what to say of a zero interval (None: it is allowed)."""
    raw = " ".join(str(text).lower().split())
    raw = _NAMED.get(raw, raw)
    if " " in raw and (times := re.fullmatch(_TIMES, raw)) and (every := _every(times)):
        raw = every
    if raw in _EITHER:
        raise ValueError(f"{as_written(text)} means {_EITHER[raw]}; write the one you mean")
    if raw.isdigit() and len(raw) <= 6:  # 2: of what? (0 is nothing, of anything)
        if int(raw) == 0:
            if too_short is None:
                return Interval()
            raise ValueError(f"{as_written(text)} is no time at all; {too_short}")
        raise ValueError(f"{as_written(text)} needs a unit: {int(raw)}d, {int(raw)}w or {int(raw)}m")
    match = _INTERVAL.fullmatch(raw)
    if not match:
        raise ValueError(f"cannot read {as_written(text)} as an interval ({help})")
    number, letter, word_number, word = match.groups()
    if letter:
        count, unit = int(number), letter
    else:
        if word_number in ("a", "an"):  # in a week, a month
            word_number = None
        if word_number and not word_number.isdigit() and word_number not in (*_WORDS, "other"):
            raise ValueError(f"cannot read {as_written(text)} as an interval ({help})")
        count = (2 if word_number == "other" else _WORDS.get(word_number or "")
                 or int(word_number or 1))
        unit = word[0]
    if count == 0 and too_short is not None:
        raise ValueError(f"{as_written(text)} is no time at all; {too_short}")
    if count > _MOST[unit]:
        raise ValueError(f"{as_written(text)} is longer than 100 years; {too_long}")
    if unit == "d":
        return Interval(days=count)
    if unit == "w":
        return Interval(days=7 * count)
    if unit == "m":
        return Interval(months=count)
    if unit == "q":
        return Interval(months=3 * count)
    return Interval(months=12 * count)


def parse_cadence(text: object) -> Interval | None:
    """A cadence: an :class:`Interval`, or ``None`` for ``never`` (SPEC 1)."""
    if text is False or isinstance(text, str) and text.strip().lower() in _NEVER:
        return None
    if text is True:  # cadence: true (yes and on are read as the words)
        raise ValueError(f"cannot read true as a cadence ({CADENCE_HELP})")
    if isinstance(text, int) and not isinstance(text, bool):
        raise ValueError(f"{text} needs a unit, e.g. {text}d ({CADENCE_HELP})")
    if not isinstance(text, str):
        raise ValueError(f"cannot read {as_written(text)} as a cadence ({CADENCE_HELP})")
    return _interval(text, CADENCE_HELP, "for no reminders at all, write never",
                     "use 1d or more, or never for no reminders")


def approximate_days(interval: Interval) -> float:
    """For comparing intervals only: a month counts as its average length."""
    return interval.days + interval.months * 30.436875


def effective_cadence(own: str | None, roles: tuple[str, ...],
                      defaults: dict[str, str]) -> Interval | None:
    """A person's keep-in-touch cadence (SPEC 1): their own ``cadence:``, else the
    shortest default of their roles; no role counts as ``other``."""
    if own is not None:
        return parse_cadence(own)
    candidates = [parse_cadence(defaults.get(role, "never")) for role in roles or ("other",)]
    intervals = [c for c in candidates if c is not None]
    return min(intervals, key=approximate_days) if intervals else None
