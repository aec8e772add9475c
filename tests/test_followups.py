"""The rules of SPEC 3, one table per reason, over plain Person values."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from vaultnet.cadence import effective_cadence, parse_cadence
from vaultnet.config import DEFAULT_CADENCES, Config
from vaultnet.domain import Activity, Milestone, Person, Promise
from vaultnet.followups import (
    FollowUp,
    birthday_due,
    cadence_due,
    commitment_due,
    due_items,
    follow_ups,
    is_active,
    is_dormant,
    milestone_due,
    new_contact_due,
    next_birthday,
    referral_due,
    scheduled_due,
    unchanged_until,
)
from vaultnet.pages import ITEMS_PER_SECTION, follow_up_groups

D = date.fromisoformat
TODAY = D("2026-11-23")


def person(name: str = "Ann", last: str | None = None, ask: str | None = None, **fields) -> Person:
    """A person whose latest interaction is on ``last`` and latest #asked on ``ask``."""
    path = f"People/{name}.md"
    history = {}
    if last:
        history["last"] = Activity(D(last), path, 30, (), "coffee", path, 9)
    if ask:
        history["last_ask"] = Activity(D(ask), path, 30, ("asked",), "asked for an intro", path, 10)
    if isinstance(fields.get("cadence"), str):
        fields["cadence"] = parse_cadence(fields["cadence"])
    for key in ("next", "met"):
        if isinstance(fields.get(key), str):
            fields[key] = D(fields[key])
    return Person(path, name, **history, **fields)


def dues(items) -> list[tuple[str, str]]:
    return [(i.reason, i.due.isoformat()) for i in items]


@pytest.mark.parametrize("cadence, last, expected", [
    ("10d", "2026-11-01", "2026-11-11"),
    ("2w", "2026-11-01", "2026-11-15"),
    ("1m", "2026-10-15", "2026-11-15"),
    ("1m", "2026-01-31", "2026-02-28"),  # a missing day clamps to the month's end
    ("1m", "2024-01-31", "2024-02-29"),  # leap year
    ("3m", "2026-11-30", "2027-02-28"),
    ("quarterly", "2026-05-31", "2026-08-31"),
    ("1y", "2024-02-29", "2025-02-28"),
    ("weekly", "2026-11-20", "2026-11-27"),  # not yet due: still an item, the horizon filters
])
def test_cadence_adds_calendar_months(cadence, last, expected):
    assert dues(cadence_due(person(cadence=cadence, last=last), TODAY)) == [("cadence", expected)]


@pytest.mark.parametrize("fields", [
    {"cadence": None, "last": "2026-01-01"},  # never
    {"cadence": "1m"},  # no interaction yet: that is a new contact
    {"cadence": "1m", "last": "2026-10-01", "next": "2026-12-01"},  # rescheduled
])
def test_cadence_gives_nothing(fields):
    assert cadence_due(person(**fields), TODAY) == []


@pytest.mark.parametrize("fields, expected", [
    ({"next": "2026-12-01", "last": "2026-10-01", "cadence": "1m"}, [("scheduled", "2026-12-01")]),
    ({"next": "2026-11-01", "last": "2026-10-01"}, [("scheduled", "2026-11-01")]),  # overdue
    ({"next": "2026-12-01"}, [("scheduled", "2026-12-01")]),  # never in touch
    ({"next": "2026-10-01", "last": "2026-10-01"}, []),  # not later than last contact: done
    ({"next": "2026-09-01", "last": "2026-10-01"}, []),
])
def test_scheduled_replaces_cadence(fields, expected):
    assert dues(scheduled_due(person(**fields), TODAY)) == expected


def test_next_replaces_the_cadence_date_in_due_items():
    ann = person(cadence="1m", last="2026-10-01", next="2026-12-01")
    items = due_items([ann], TODAY, D("2027-01-01"), Config())
    assert dues(items) == [("scheduled", "2026-12-01")]


@pytest.mark.parametrize("fields, grace, expected", [
    ({"met": "2026-11-20"}, 2, [("new-contact", "2026-11-22")]),
    ({"met": "2026-11-20"}, 5, [("new-contact", "2026-11-25")]),
    # the meeting itself is often logged on the day you met: that is not a follow-up
    ({"met": "2026-11-20", "last": "2026-11-20"}, 2, [("new-contact", "2026-11-22")]),
    ({"met": "2026-11-20", "last": "2026-11-21"}, 2, []),
    ({"met": "2026-11-20", "last": "2026-11-19"}, 2, [("new-contact", "2026-11-22")]),
    ({"cadence": "1m"}, 2, [("new-contact", "2026-11-23")]),  # no met, no interaction: today
    ({}, 2, []),  # no cadence (role other): nothing to keep up
    ({"cadence": "1m", "next": "2026-12-01"}, 2, []),  # scheduled instead
    ({"cadence": "1m", "last": "2026-11-01"}, 2, []),
])
def test_new_contact(fields, grace, expected):
    assert dues(new_contact_due(person(**fields), TODAY, grace)) == expected


def milestones(*items: str) -> tuple[Milestone, ...]:
    return tuple(Milestone(D(day), what, 5) for day, what in (i.split(" ", 1) for i in items))


@pytest.mark.parametrize("items, last, expected", [
    (["2026-11-10 promoted"], None, [("milestone", "2026-11-10")]),
    (["2026-11-10 promoted"], "2026-11-01", [("milestone", "2026-11-10")]),
    (["2026-11-10 promoted"], "2026-11-10", []),  # congratulated the same day
    (["2026-11-10 promoted"], "2026-11-12", []),
    (["2026-10-24 launched"], None, [("milestone", "2026-10-24")]),  # 30 days ago: inside
    (["2026-10-23 launched"], None, []),  # 31 days ago
    (["2026-11-30 starts new job"], None, []),  # the future is not a milestone yet
    (["2026-11-02 a", "2026-11-12 b"], "2026-11-05", [("milestone", "2026-11-12")]),
])
def test_milestone_window_and_last_contact(items, last, expected):
    ann = person(last=last, milestones=milestones(*items))
    assert dues(milestone_due(ann, TODAY, 30)) == expected


@pytest.mark.parametrize("birthday, today, expected", [
    ("1985-11-27", "2026-11-23", "2026-11-27"),
    ("11-27", "2026-11-23", "2026-11-27"),
    ("11-23", "2026-11-23", "2026-11-23"),  # today
    ("11-22", "2026-11-23", "2027-11-22"),  # just passed: next year
    ("01-02", "2026-12-30", "2027-01-02"),  # across the new year
    ("02-29", "2027-02-25", "2027-02-28"),  # Feb 29 on Feb 28 outside leap years
    ("1996-02-29", "2028-02-25", "2028-02-29"),
])
def test_next_birthday(birthday, today, expected):
    assert next_birthday(birthday, D(today)) == D(expected)


@pytest.mark.parametrize("birthday, expected", [
    ("11-30", [("birthday", "2026-11-30")]),  # 7 days ahead: inside
    ("12-01", []),  # 8 days ahead
    ("11-22", []),  # yesterday
    ("1985-11-25", [("birthday", "2026-11-25")]),
])
def test_birthday_window(birthday, expected):
    assert dues(birthday_due(person(birthday=birthday), TODAY, 7)) == expected


def test_birthday_detail_gives_the_age_when_the_year_is_known():
    assert birthday_due(person(birthday="1985-11-25"), TODAY)[0].detail == "birthday 2026-11-25, turns 41"
    assert birthday_due(person(birthday="11-25"), TODAY)[0].detail == "birthday 2026-11-25"


def test_commitments_with_a_due_date_only():
    """Promises as the index gives them: their text without the due-date markers."""
    ann = person(promises=(
        Promise("People/Ann.md", "send the RFC", D("2026-11-24"), "People/Ann.md", 12),
        Promise("People/Ann.md", "someday: lunch", None, "People/Ann.md", 13),
        Promise("People/Ann.md", "intro to Bo", D("2026-11-02"), "Daily/x.md", 3),
    ))
    items = commitment_due(ann, TODAY)
    assert [(i.due.isoformat(), i.detail) for i in items] == [
        ("2026-11-24", "send the RFC"), ("2026-11-02", "intro to Bo")]


@pytest.mark.parametrize("ask, last, expected", [
    ("2026-11-13", "2026-11-13", [("referral-outcome", "2026-11-27")]),
    ("2026-11-01", "2026-11-01", [("referral-outcome", "2026-11-15")]),  # overdue
    ("2026-11-13", "2026-11-14", []),  # you have been in touch since
    (None, "2026-11-13", []),
])
def test_referral_outcome(ask, last, expected):
    assert dues(referral_due(person(ask=ask, last=last), TODAY, 14)) == expected


def test_due_items_sorted_by_due_person_reason_and_cut_at_the_horizon():
    ann = person("Ann", cadence="1m", last="2026-10-20", birthday="11-20",
                 milestones=milestones("2026-11-20 promoted"))
    bob = person("Bob", cadence="2w", last="2026-11-06", met="2026-11-06")
    cy = person("Cy", cadence="1m", last="2026-10-29", next="2026-12-24")  # beyond the horizon
    items = due_items([cy, bob, ann], TODAY, D("2026-11-30"), Config())
    assert [(i.person.name, i.reason, i.due.isoformat(), i.days_overdue(TODAY)) for i in items] == [
        ("Bob", "new-contact", "2026-11-08", 15),
        ("Ann", "cadence", "2026-11-20", 3),
        ("Ann", "milestone", "2026-11-20", 3),
        ("Bob", "cadence", "2026-11-20", 3),
    ]


@pytest.mark.parametrize("own, roles, expected", [
    (None, ("mentor",), "1m"),
    (None, ("peer", "mentor"), "1m"),  # several roles: the shortest
    (None, ("colleague", "leader"), "3m"),
    (None, (), None),  # no role counts as other: never
    (None, ("other",), None),
    ("2w", ("colleague",), "2w"),  # the note's own cadence wins
    ("never", ("mentor",), None),
])
def test_effective_cadence(own, roles, expected):
    cadence = effective_cadence(own, roles, DEFAULT_CADENCES)
    assert (str(cadence) if cadence else None) == expected


def test_several_roles_compare_weeks_with_months():
    assert str(effective_cadence(None, ("mentor", "peer"), {"mentor": "1m", "peer": "3w"})) == "3w"


@pytest.mark.parametrize("cadence, last, active, dormant", [
    ("1m", "2026-09-23", True, False),  # exactly twice the cadence ago
    ("1m", "2026-09-22", False, True),
    ("2w", "2026-10-26", True, False),
    (None, "2026-11-20", False, False),  # no cadence: neither
])
def test_active_and_dormant(cadence, last, active, dormant):
    ann = person(cadence=cadence, last=last)
    assert (is_active(ann, TODAY), is_dormant(ann, TODAY)) == (active, dormant)


def test_never_contacted_is_neither_active_nor_dormant():
    ann = person(cadence="1m")
    assert (is_active(ann, TODAY), is_dormant(ann, TODAY)) == (False, False)


def _milestones(*days: str) -> tuple[Milestone, ...]:
    return tuple(Milestone(D(day), f"milestone of {day}", 5) for day in days)


DAY_BOUND_PEOPLE = [
    person("Never", cadence="1m"),  # due today, every day
    person("Never, no cadence"),
    person("Never, scheduled", cadence="1m", next="2026-12-01"),
    person("Met", met="2026-11-20", cadence="1m"),
    person("Steady", last="2026-10-01", cadence="2m"),
    person("Birthday soon", last="2026-10-01", cadence="2m", birthday="11-30"),
    person("Birthday today", last="2026-10-01", birthday="1980-11-23"),
    person("Birthday yesterday", last="2026-10-01", birthday="11-22"),
    person("Birthday in a week", last="2026-10-01", birthday="12-01"),
    person("Birthday at year end", last="2026-10-01", birthday="01-02"),
    person("Leap day", last="2026-10-01", birthday="2000-02-29"),
    person("Bad birthday", last="2026-10-01", birthday="02-30"),
    person("Milestones", last="2026-10-01", cadence="1m",
           milestones=_milestones("2026-10-20", "2026-11-23", "2026-12-10", "2026-09-01")),
    person("Milestone before contact", last="2026-11-10",
           milestones=_milestones("2026-11-05", "2026-11-10", "2026-11-11")),
    person("Everything", last="2026-11-01", ask="2026-11-01", cadence="weekly", met="2026-01-05",
           birthday="12-24", next="2026-12-20", milestones=_milestones("2026-12-01"),
           promises=(Promise("People/Everything.md", "send it", D("2026-12-03"), "x.md", 3),)),
]


@pytest.mark.parametrize("config", [Config(), Config(milestone_days=0, birthday_days=0),
                                    Config(milestone_days=400, birthday_days=370)])
def test_follow_ups_stay_the_same_up_to_the_day_unchanged_until_gives(config):
    """The index keeps a person's follow-ups up to that day: every day up to it must
    give the same items as the day they were computed (each rule asked itself)."""
    def items(who, day):
        return [(i.reason, i.due, i.detail) for i in follow_ups(who, day, config)]

    start = D("2026-10-01")
    for who in DAY_BOUND_PEOPLE:
        for offset in range(0, 120, 3):
            today = start + timedelta(days=offset)
            until = unchanged_until(who, today, config)
            assert until >= today, who.name
            kept = items(who, today)
            last = min(until, today + timedelta(days=60))
            for later in range(1, (last - today).days + 1):
                day = today + timedelta(days=later)
                assert items(who, day) == kept, (who.name, today, day, until)
            if until < today + timedelta(days=60):  # and the bound is not early for nothing
                assert items(who, until + timedelta(days=1)) != kept, (who.name, today, until)


def test_a_person_whose_follow_ups_do_not_depend_on_the_day_keeps_them_for_good():
    assert unchanged_until(person(last="2026-10-01", cadence="1m"), TODAY, Config()) == date.max
    assert unchanged_until(person(cadence="1m"), TODAY, Config()) == TODAY
    assert unchanged_until(person(last="2026-10-01", birthday="12-25"), TODAY,
                           Config()) == D("2026-12-17")
    assert unchanged_until(person(last="9999-12-01", milestones=_milestones("9999-12-30")),
                           D("9999-12-31"), Config()) == date.max


def test_follow_ups_are_grouped_by_reason_most_overdue_first_whatever_their_order():
    people = [person(f"P{n:03}") for n in range(ITEMS_PER_SECTION + 5)]
    items = [FollowUp(p, "cadence", TODAY - timedelta(days=n % 7), "") for n, p in enumerate(people)]
    items += [FollowUp(people[0], "commitment", TODAY, "send the notes"),
              FollowUp(people[1], "birthday", TODAY + timedelta(days=2), "birthday")]
    random.Random(7).shuffle(items)
    groups = follow_up_groups(items, TODAY, Config())
    assert [(g.reason, len(g.items), g.more) for g in groups] == [
        ("commitment", 1, 0), ("birthday", 1, 0), ("cadence", ITEMS_PER_SECTION, 5)]
    shown = [(i.due, i.person.name) for i in groups[2].items]
    assert shown == sorted(shown) and shown[0] == (TODAY - timedelta(days=6), "P006")
