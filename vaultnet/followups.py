"""What is due (SPEC 3): one plain function per reason, over a :class:`Person`.

Each rule returns the follow-ups it finds for one person as of ``today``;
:func:`due_items` runs them all and keeps those due up to a horizon.
Where SPEC 3 is silent the choices are documented in README.md ("What is due").
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from vaultnet.cadence import Interval
from vaultnet.config import Config

if TYPE_CHECKING:
    from vaultnet.domain import Person, Promise

REASONS = ("cadence", "scheduled", "new-contact", "milestone", "birthday", "commitment",
           "referral-outcome")


class FollowUp(NamedTuple):
    """One reason to get in touch with one person. A NamedTuple: a large vault's
    rules make tens of thousands, and a frozen dataclass costs three times as much."""

    person: Person
    reason: str  # one of REASONS
    due: date
    detail: str
    promise: Promise | None = None  # the commitment, for reason "commitment"

    def days_overdue(self, today: date) -> int:
        return (today - self.due).days

    @staticmethod
    def sort_key(item: FollowUp) -> tuple:
        """By due, then person, then reason (SPEC 6)."""
        return item.due, item.person.name, item.reason


def cadence_due(person: Person, today: date) -> list[FollowUp]:
    """Last contact + cadence, unless ``next`` reschedules it."""
    last = person.last_contact
    if person.cadence is None or last is None or _scheduled(person):
        return []
    return [FollowUp(person, "cadence", *_cadence_due(person.cadence, last))]


@functools.lru_cache(maxsize=65536)  # thousands of people share a cadence and a last contact
def _cadence_due(cadence: Interval, last: date) -> tuple[date, str]:
    """The due date and the detail of a cadence follow-up."""
    return cadence.after(last), f"every {cadence}; last contact {last.isoformat()}"


def scheduled_due(person: Person, today: date) -> list[FollowUp]:
    """``next:`` later than the last contact replaces the cadence date."""
    if not _scheduled(person):
        return []
    return [FollowUp(person, "scheduled", person.next, f"next: {person.next.isoformat()}")]


def _scheduled(person: Person) -> bool:
    last = person.last_contact
    return person.next is not None and (last is None or person.next > last)


def new_contact_due(person: Person, today: date, grace_days: int = 2) -> list[FollowUp]:
    """Met and not in touch since: met + grace. The day you met is the meeting
    itself, so only a later interaction counts as following up. Never met, never
    in touch, with a cadence (and nothing scheduled): due today."""
    last = person.last_contact
    if person.met is not None:
        if last is not None and last > person.met:
            return []
        where = f" at {person.met_where}" if person.met_where else ""
        return [FollowUp(person, "new-contact", Interval(days=grace_days).after(person.met),
                         f"met {person.met.isoformat()}{where}")]
    if _due_today(person):
        return [FollowUp(person, "new-contact", today, "no interaction recorded yet")]
    return []


def _due_today(person: Person) -> bool:
    """Never met, never in touch, with a cadence and nothing scheduled."""
    return (person.met is None and person.last is None and person.cadence is not None
            and not _scheduled(person))


def milestone_due(person: Person, today: date, window_days: int = 30) -> list[FollowUp]:
    """A milestone in the last ``window_days`` days, after the last contact."""
    last = person.last_contact
    oldest = today - timedelta(days=window_days)
    return [FollowUp(person, "milestone", m.date, m.what or "a milestone")
            for m in person.milestones
            if oldest <= m.date <= today and (last is None or m.date > last)]


def next_birthday(birthday: str, today: date) -> date | None:
    """The next occurrence of ``YYYY-MM-DD`` or ``MM-DD`` on or after today.
    Feb 29 falls on Feb 28 in other years."""
    try:
        month, day = (int(part) for part in birthday[-5:].split("-"))
    except ValueError:
        return None
    for year in (today.year, today.year + 1):
        try:
            occurrence = date(year, month, day)
        except ValueError:
            if (month, day) != (2, 29):
                return None
            occurrence = date(year, 2, 28)
        if occurrence >= today:
            return occurrence
    return None


def birthday_due(person: Person, today: date, window_days: int = 7) -> list[FollowUp]:
    if not person.birthday:
        return []
    occurrence = next_birthday(person.birthday, today)
    if occurrence is None or (occurrence - today).days > window_days:
        return []
    year = person.birthday[:4] if len(person.birthday) == 10 else None
    age = f", turns {occurrence.year - int(year)}" if year else ""
    return [FollowUp(person, "birthday", occurrence, f"birthday {occurrence.isoformat()}{age}")]


def commitment_due(person: Person, today: date) -> list[FollowUp]:
    """Every open promise to the person that has a due date."""
    return [FollowUp(person, "commitment", p.due, p.text, p)
            for p in person.promises if p.due]


def referral_due(person: Person, today: date, after_days: int = 14) -> list[FollowUp]:
    """An #asked/#referral interaction with no later interaction: tell them how it went."""
    ask, last = person.last_ask, person.last_contact
    if ask is None or (last is not None and last > ask.date):
        return []
    return [FollowUp(person, "referral-outcome", Interval(days=after_days).after(ask.date),
                     f"asked {ask.date.isoformat()}: {ask.text}")]


def follow_ups(person: Person, today: date, config: Config) -> list[FollowUp]:
    """Every follow-up of one person, whatever its date.

    A rule is only asked when the person has what it looks at (each rule checks
    again): most people of a large vault have a cadence and nothing else."""
    items = cadence_due(person, today) if person.cadence is not None else []
    if person.next is not None:
        items += scheduled_due(person, today)
    if person.met is not None or person.last is None:
        items += new_contact_due(person, today, config.new_contact_days)
    if person.milestones:
        items += milestone_due(person, today, config.milestone_days)
    if person.birthday:
        items += birthday_due(person, today, config.birthday_days)
    if person.promises:
        items += commitment_due(person, today)
    if person.last_ask is not None:
        items += referral_due(person, today, config.referral_days)
    return items


def unchanged_until(person: Person, today: date, config: Config) -> date:
    """The last day up to which :func:`follow_ups` gives what it gives ``today``, as
    long as the person's notes and interactions stay as they are: the index keeps a
    person's follow-ups until then (``date.max``: for good).

    Three rules look at the day; each bound below follows its rule's test. Whoever
    changes a rule's use of ``today`` changes its bound here too (the tests try every
    day up to the bound against the rules themselves)."""
    if _due_today(person):
        return today  # new_contact_due: due today, whichever day that is
    until = date.max
    last = person.last_contact
    for m in person.milestones:  # milestone_due: in its window from m.date to m.date + window
        if last is not None and m.date <= last:
            continue  # in touch since: never shown again
        if m.date > today:
            until = min(until, m.date - timedelta(days=1))
        elif (end := _shifted(m.date, config.milestone_days)) >= today:
            until = min(until, end)
    if person.birthday:  # birthday_due: from its window's first day to the day itself
        occurrence = next_birthday(person.birthday, today)
        if occurrence is not None:
            opens = _shifted(occurrence, -config.birthday_days)
            until = min(until, opens - timedelta(days=1) if today < opens else occurrence)
    return until


def _shifted(day: date, days: int) -> date:
    """``day`` moved by ``days``, held at the calendar's ends (year 1, year 9999)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def due_items(people, today: date, until: date, config: Config,
              rules=follow_ups) -> list[FollowUp]:
    """Follow-ups due on or before ``until``, sorted by due, person, reason (SPEC 6).

    ``rules(person, today, config)``: :func:`follow_ups`, or a cached version of it."""
    items = [item for person in people for item in rules(person, today, config)
             if item.due <= until]
    return sorted(items, key=FollowUp.sort_key)


def is_active(person: Person, today: date) -> bool:
    """In touch within twice the cadence (SPEC 4, network gaps)."""
    last = person.last_contact
    if person.cadence is None or last is None:
        return False
    return _twice_after(person.cadence, last) >= today


@functools.lru_cache(maxsize=65536)  # thousands of people share a cadence and a last date
def _twice_after(cadence: Interval, last: date) -> date:
    return Interval(days=2 * cadence.days, months=2 * cadence.months).after(last)


def is_dormant(person: Person, today: date) -> bool:
    """Overdue by more than a full cadence: the relationship is going quiet."""
    last = person.last_contact
    return person.cadence is not None and last is not None and not is_active(person, today)
