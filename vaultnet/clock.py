"""The day it is: the one place vaultnet asks the system clock.

Everything that needs "today" when ``--today`` is not given calls
:func:`today` here, looked up at call time, so that the tests can pin the
clock to the example vault's day instead of depending on the date they run.
"""

from __future__ import annotations

from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_WORDS = frozenset({*WEEKDAYS, *(name[:3] for name in WEEKDAYS)})
_DAY_WORDS = frozenset({"today", "yesterday", *_WEEKDAY_WORDS})
_AHEAD_WORDS = frozenset({"tomorrow", *_WEEKDAY_WORDS})


def today() -> date:
    """The system's local date."""
    return date.today()


def names_a_day(word: str) -> bool:
    """Whether :func:`day_named` knows the word."""
    return word.strip().lower() in _DAY_WORDS


def names_a_day_ahead(word: str) -> bool:
    """Whether :func:`day_ahead` knows the word."""
    return word.strip().lower() in _AHEAD_WORDS


def day_named(word: str, today: date) -> date | None:
    """The day a word names, as of ``today``: ``today``, ``yesterday``, or a weekday
    in full or its first three letters (``friday``, ``fri``), which is the latest
    such day, today included. None for any other word."""
    word = word.strip().lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    for number, name in enumerate(WEEKDAYS):
        if word in (name, name[:3]):
            return today - timedelta(days=(today.weekday() - number) % 7)
    return None


def day_ahead(word: str, today: date) -> date | None:
    """The day ahead a word names, as of ``today``: ``tomorrow``, or a weekday in
    full or its first three letters, which is the next such day after today (on a
    Friday, ``friday`` is a week ahead). None for any other word."""
    word = word.strip().lower()
    if word == "tomorrow":
        return today + timedelta(days=1)
    for number, name in enumerate(WEEKDAYS):
        if word in (name, name[:3]):
            return today + timedelta(days=(number - today.weekday() - 1) % 7 + 1)
    return None
