from __future__ import annotations

from datetime import date

import pytest

from vaultnet.cadence import Interval, parse_cadence, parse_interval


@pytest.mark.parametrize("text, interval", [
    ("10d", Interval(days=10)), ("2w", Interval(days=14)), ("3m", Interval(months=3)),
    ("1y", Interval(months=12)), ("weekly", Interval(days=7)), ("biweekly", Interval(days=14)),
    ("monthly", Interval(months=1)), ("quarterly", Interval(months=3)), ("Yearly", Interval(months=12)),
    (" 2W ", Interval(days=14)),
])
def test_every_spec_form(text, interval):
    assert parse_cadence(text) == interval


@pytest.mark.parametrize("text, interval", [
    ("2 weeks", Interval(days=14)), ("every 2 weeks", Interval(days=14)),
    ("Every  3 Months", Interval(months=3)), ("every month", Interval(months=1)),
    ("1 year", Interval(months=12)), ("10 days", Interval(days=10)), ("1 week", Interval(days=7)),
    ("every 2w", Interval(days=14)),
    # Short forms, and "other": two of the unit.
    ("2 wk", Interval(days=14)), ("3 wks", Interval(days=21)), ("6 mos", Interval(months=6)),
    ("2 mths", Interval(months=2)), ("1 yr", Interval(months=12)),
    ("every other week", Interval(days=14)), ("Every other month", Interval(months=2)),
    # Numbers in words, and what people say of a year's halves and a week's once.
    ("every six months", Interval(months=6)), ("two weeks", Interval(days=14)),
    ("semiannually", Interval(months=6)), ("twice a year", Interval(months=6)),
    ("once a month", Interval(months=1)), ("once a week", Interval(days=7)),
    # "a" for one (in a week), and the fortnight of British English.
    ("a week", Interval(days=7)), ("an year", Interval(months=12)),
    ("a fortnight", Interval(days=14)), ("every fortnight", Interval(days=14)),
    # A quarter, and biweekly with its hyphen.
    ("every quarter", Interval(months=3)), ("2 quarters", Interval(months=6)),
    ("a quarter", Interval(months=3)), ("Bi-weekly", Interval(days=14)),
    # How often in a month or a year, as bimonthly's message reads "twice a month";
    # an ordinal's every.
    ("twice a month", Interval(days=14)), ("4x a year", Interval(months=3)),
    ("three times a year", Interval(months=4)), ("6 times per year", Interval(months=2)),
    ("every 2nd week", Interval(days=14)), ("every third month", Interval(months=3)),
])
def test_the_same_in_words(text, interval):
    assert parse_cadence(text) == interval
    assert parse_interval(text) == interval  # a horizon or a window, too


@pytest.mark.parametrize("text", ["never", "Never", "off", "none", "no", False, "false"])
def test_never_turns_it_off(text):
    """YAML reads an unquoted off or no as false: the person meant no reminders."""
    assert parse_cadence(text) is None


@pytest.mark.parametrize("text, meant", [
    ("bimonthly", "every two months (2m) or twice a month (2w)"),
    ("Bi-monthly", "every two months (2m) or twice a month (2w)"),
    ("biannually", "twice a year (6m) or every two years (2y)"),
])
def test_words_of_two_meanings_ask_which(text, meant):
    with pytest.raises(ValueError) as caught:
        parse_cadence(text)
    assert str(caught.value) == f"{text!r} means {meant}; write the one you mean"


def test_true_or_yes_is_no_cadence_and_says_so_as_written():
    """Named as the person wrote it, not as Python's True."""
    with pytest.raises(ValueError, match="^cannot read true as a cadence"):
        parse_cadence(True)
    with pytest.raises(ValueError, match="^cannot read 'yes' as an interval"):
        parse_cadence("yes")  # as the frontmatter reads an unquoted yes


@pytest.mark.parametrize("text", ["0d", "2x", "sometimes", 14, True, "", "every", "2 mins",
                                  "weeks 2", "0 days", "every other", "every 2 other weeks",
                                  "1.5m", "every thirteen months", "foo weeks", "the week",
                                  "3 times a month", "5 times a year", "0 times a year"])
def test_unreadable_cadences(text):
    with pytest.raises(ValueError):
        parse_cadence(text)


@pytest.mark.parametrize("start, text, due", [
    (date(2026, 1, 31), "1m", date(2026, 2, 28)),
    (date(2024, 1, 31), "1m", date(2024, 2, 29)),
    (date(2026, 11, 30), "3m", date(2027, 2, 28)),
    (date(2024, 2, 29), "1y", date(2025, 2, 28)),
    (date(2026, 11, 20), "2w", date(2026, 12, 4)),
])
def test_calendar_months_clamp_to_the_month_end(start, text, due):
    assert parse_cadence(text).after(start) == due


@pytest.mark.parametrize("text", ["101y", "1201m", "5218w", "36526d", "99999999999999999999d"])
def test_intervals_longer_than_100_years_say_to_write_never(text):
    with pytest.raises(ValueError, match="longer than 100 years; for no reminders at all, "
                                         "write never"):
        parse_cadence(text)
    assert parse_cadence("100y") == Interval(months=1200)


@pytest.mark.parametrize("text, message", [
    ("never", "cannot read 'never' as an interval (use 10d, 2w, 3m, 1y, weekly, biweekly, "
              "monthly, quarterly or yearly)"),
    ("101y", "'101y' is longer than 100 years; use 100y at most"),
])
def test_a_horizon_or_window_is_never_told_to_write_never(text, message):
    """never is a cadence, not a horizon: the message offers only what works."""
    with pytest.raises(ValueError) as caught:
        parse_interval(text)
    assert str(caught.value) == message


@pytest.mark.parametrize("parse, message", [
    (parse_cadence, "'0d' is no time at all; use 1d or more, or never for no reminders"),
    (parse_interval, "'0d' is no time at all; use 1d or more"),
])
def test_zero_is_no_interval_but_a_horizon_may_be_today(parse, message):
    with pytest.raises(ValueError) as caught:
        parse("0d")
    assert str(caught.value) == message
    assert parse_interval("0W", zero=True) == Interval()
    assert parse_interval("0d", zero=True).after(date(2026, 11, 23)) == date(2026, 11, 23)


def test_a_bare_number_asks_for_a_unit_but_zero_is_today():
    """`--horizon 2 weeks` unquoted gives the option "2": "cannot read '2'" said not what
    was missing. `--horizon 0` is today, as 0d is."""
    with pytest.raises(ValueError) as caught:
        parse_interval("2")
    assert str(caught.value) == "'2' needs a unit: 2d, 2w or 2m"
    assert parse_interval("0", zero=True) == Interval()
    with pytest.raises(ValueError, match="'0' is no time at all; use 1d or more, or never"):
        parse_cadence("0")


def test_arithmetic_past_the_calendar_stops_at_its_ends():
    """A date past 9999-12-31 is one no horizon reaches: the calendar's last day."""
    assert Interval(months=1200).after(date(9990, 1, 1)) == date.max
    assert Interval(days=2).after(date.max) == date.max
    assert Interval(days=28).window_ending(date(1, 1, 5)) == date.min
