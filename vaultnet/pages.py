"""What each generated page shows (SPEC 4), with confidentiality applied (SPEC 5).

These functions turn computed results into the data the templates print. This
is the one place that decides what a page may say about whom: a private person
and a ``#private`` item get a bare link at most, never their notes, log text,
commitments or milestones, so a template cannot leak what it is never given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from vaultnet.balance import Balance, Week, practice_due, weeks
from vaultnet.clock import review_week
from vaultnet.config import Config
from vaultnet.domain import Activity, Person, Promise, Vault
from vaultnet.followups import FollowUp, is_dormant

REASON_HEADINGS = {  # the order of the sections on Follow-ups.md
    "commitment": "Promises you made",
    "referral-outcome": "Tell them how it went",
    "milestone": "Congratulate",
    "birthday": "Birthdays",
    "new-contact": "New contacts",
    "scheduled": "Scheduled",
    "cadence": "Keep in touch",
}


# Pages are read at a glance: past these, a list says how many more there are
# (`vaultnet due` and `vaultnet balance --json` always give everything).
ITEMS_PER_SECTION = 50
LEDGER_ROWS = 30

REASON_LABELS = {
    "commitment": "promise",
    "referral-outcome": "tell them how it went",
    "milestone": "congratulate",
    "birthday": "birthday",
    "new-contact": "new contact",
    "scheduled": "scheduled",
    "cadence": "keep in touch",
}


@dataclass(frozen=True, slots=True)
class Line:
    """A dated line about someone or a skill, with the note it is written in."""

    date: date
    text: str | None  # None: private, show the subject's link only
    minutes: int | None
    source: str | None  # path; None when it is the subject's own note


@dataclass(frozen=True, slots=True)
class PromiseLine:
    text: str
    due: date | None
    source: str | None  # path; None when it is the person's own note


def _soonest(promise: Promise) -> tuple:
    """Promises by due date, those without one last, then where they were written."""
    return promise.due is None, promise.due or date.min, promise.source, promise.line


def _promise(promise: Promise) -> PromiseLine:
    source = None if promise.source == promise.person else promise.source
    return PromiseLine(promise.text, promise.due, source)


@dataclass(frozen=True, slots=True)
class Item:
    """One follow-up, with what helps write the message."""

    person: Person
    reason: str
    due: date
    days_overdue: int
    detail: str | None  # None: private
    last: Line | None
    promises: tuple[PromiseLine, ...]
    milestone: Line | None
    met: str | None


@dataclass(frozen=True, slots=True)
class Group:
    reason: str
    heading: str
    items: tuple[Item, ...]
    more: int = 0  # items left out (ITEMS_PER_SECTION)


@dataclass(frozen=True, slots=True)
class Subject:
    """A person or skill with the week's lines about them."""

    path: str
    name: str
    private: bool
    lines: tuple[Line, ...]


def _line(activity: Activity) -> Line:
    """An activity as a line; a ``#private`` one shows its date alone."""
    if activity.private:
        return Line(activity.date, None, None, None)
    text = "last contact, from the note's properties" if activity.from_frontmatter else activity.text
    source = None if activity.source == activity.subject else activity.source
    return Line(activity.date, text, activity.minutes, source)


def _item(item: FollowUp, today: date, config: Config, context: bool = True) -> Item:
    """``context``: with the lines that help write the message; a person listed
    more than once on a page gets them only the first time."""
    person = item.person
    private = person.private or (item.promise is not None and item.promise.private) or (
        item.reason == "referral-outcome" and person.last_ask is not None and person.last_ask.private)
    detail = None if private else item.detail
    if person.private or not context:
        return Item(person, item.reason, item.due, item.days_overdue(today), detail, None, (), None, None)
    recent = [m for m in person.milestones
              if today - timedelta(days=config.milestone_days) <= m.date <= today]
    milestone = Line(recent[-1].date, recent[-1].what, None, None) if recent else None
    if milestone and item.reason == "milestone" and (item.due, item.detail) == (
            milestone.date, milestone.text or "a milestone"):
        milestone = None  # the item's own: its line says it already
    last = person.last
    if last and detail and item.reason == "referral-outcome" and last == person.last_ask:
        last = None  # the ask itself, quoted by the item's line
    # Soonest first, as the review lists them (the index keeps them in the order
    # they were written, note by note): the one to keep next leads.
    promises = tuple(_promise(p) for p in sorted(person.promises, key=_soonest)
                     if not p.private and p != item.promise)
    met = None
    if person.met:
        met = person.met.isoformat() + (f" at {person.met_where}" if person.met_where else "")
    return Item(
        person=person, reason=item.reason, due=item.due, days_overdue=item.days_overdue(today),
        detail=detail,
        last=_line(last) if last else None,
        promises=promises,
        milestone=milestone,
        met=met,
    )


def _items(items: list[FollowUp], today: date, config: Config) -> tuple[Item, ...]:
    seen: set[str] = set()
    views = []
    for item in items:
        views.append(_item(item, today, config, item.person.path not in seen))
        seen.add(item.person.path)
    return tuple(views)


def follow_up_groups(items: list[FollowUp], today: date, config: Config) -> list[Group]:
    """Grouped by reason, most overdue first within each group."""
    by_reason: dict[str, list[FollowUp]] = {reason: [] for reason in REASON_HEADINGS}
    for item in sorted(items, key=FollowUp.sort_key):  # one pass: a large vault has 10,000
        by_reason[item.reason].append(item)
    groups = [(reason, heading, chosen[:ITEMS_PER_SECTION], len(chosen))
              for reason, heading in REASON_HEADINGS.items() if (chosen := by_reason[reason])]
    # Context lines go with a person's first appearance in page order.
    views = iter(_items([i for _, _, shown, _ in groups for i in shown], today, config))
    return [Group(reason, heading, tuple(next(views) for _ in shown), total - len(shown))
            for reason, heading, shown, total in groups]


def private_people(items: list[FollowUp]) -> list[Person]:
    """The private people among ``items``, once each: a page names them, nothing
    more (SPEC 5): not why they are due, nor when."""
    return sorted({i.person.path: i.person for i in items if i.person.private}.values(),
                  key=lambda p: p.name.casefold())


def follow_ups_context(vault: Vault, items: list[FollowUp], until: date, config: Config,
                       never_reminded: Callable[[], list[tuple[str, str]]] = list) -> dict:
    """``never_reminded``: (path, name) of the people without a role or cadence,
    asked for only when nothing is due, to say why they never are."""
    today = vault.today
    groups = follow_up_groups([i for i in items if not i.person.private], today, config)
    private = private_people(items)
    return {
        "today": today,
        "until": until,
        "groups": groups,
        "never_reminded": [] if groups or private else [
            vault.people[path] for path, _ in never_reminded() if path in vault.people],
        "private": private,
        "overdue": sum(1 for i in items if i.due < today),
        "due_today": sum(1 for i in items if i.due == today),
        "upcoming": sum(1 for i in items if i.due > today),
        "people": len({i.person.path for i in items}),
        "nobody": not vault.people,  # no person note at all: say where they are looked for
        "people_folder": config.folders["person"],
        "pages": page_paths(config, today),
    }


def page_paths(config: Config, today: date) -> dict[str, str]:
    """The paths of the pages a report writes as of ``today``, for each to link
    the others: ``follow_ups``, ``balance``, and ``review`` (this week's)."""
    pages = config.pages_of(today)
    return {"follow_ups": pages["follow_ups"], "balance": pages["balance"],
            "review": pages["reviews"]}


def balance_context(vault: Vault, result: Balance, config: Config) -> dict:
    return {"today": vault.today, "balance": result, "ledger_rows": LEDGER_ROWS,
            "limit": ITEMS_PER_SECTION, "goals_folder": config.folders["goal"],
            "chart": weekly_chart(result.weeks), "max_week_hours": _max_hours(result.weeks),
            "pages": page_paths(config, vault.today)}


def weekly_chart(rows: tuple[Week, ...]) -> dict:
    """The numbers of the Mermaid chart of hours per week; ``logged``: whether
    there is any time to draw (an empty chart is left out)."""
    return {
        "logged": any(w.skills.minutes or w.network.minutes for w in rows),
        "labels": [w.label.split("-")[1] for w in rows],
        "skills": [round(w.skills.minutes / 60, 1) for w in rows],
        "network": [round(w.network.minutes / 60, 1) for w in rows],
    }


def _max_hours(rows: tuple[Week, ...]) -> float:
    return max([1.0, *(max(w.skills.minutes, w.network.minutes) / 60 for w in rows)])


def _subjects(activities: list[Activity], names: dict[str, tuple[str, bool]]) -> list[Subject]:
    """Who or what had activity, with the lines that may be shown: a private
    person or item is listed by its link alone."""
    by_subject: dict[str, list[Line]] = {}
    for activity in activities:
        _, private = names[activity.subject]
        lines = by_subject.setdefault(activity.subject, [])
        if not (private or activity.private):
            lines.append(_line(activity))
    return sorted((Subject(path, names[path][0], names[path][1], tuple(lines))
                   for path, lines in by_subject.items()), key=lambda s: s.name.casefold())


def review_since(today: date) -> date:
    """The first day the review looks at: the Monday four weeks before this one."""
    return review_week(today)[0] - timedelta(days=28)


def review_context(vault: Vault, result: Balance, items: list[FollowUp], config: Config,
                   previous: str | None = None) -> dict:
    """The weekly review of the ISO week holding ``vault.today``.

    ``items`` are the follow-ups due up to the end of next week; ``previous``, the
    path of the review of the week before, when there is one."""
    today = vault.today
    monday, sunday, label = review_week(today)
    public = [i for i in items if not i.person.private]
    this_week = [a for a in vault.activities if a.date >= monday]
    names = {}
    for subject in {a.subject for a in this_week}:
        known = vault.people.get(subject) or vault.skills.get(subject)
        names[subject] = (known.name, getattr(known, "private", False))
    recent_weeks = weeks(vault, monday - timedelta(days=28), today)
    people = [p for p in vault.people.values() if not p.private]
    oldest = today - timedelta(days=config.milestone_days)
    milestones = sorted(
        ((p, Line(m.date, m.what, None, None), p.last_contact is not None and p.last_contact >= m.date)
         for p in people for m in p.milestones if oldest <= m.date <= today),
        key=lambda entry: (entry[0].name.casefold(), entry[1].date))
    # Only the first of long lists are shown: sort plain keys, build lines for those.
    promises = sorted(((c.due is None, c.due or today, p.name.casefold(), c.source, c.line), p, c)
                      for p in people for c in p.promises if not c.private)
    dormant = sorted((p.last_contact, p.name.casefold(), p.path, p)
                     for p in vault.people.values() if is_dormant(p, today))
    return {
        "today": today,
        "week": label,
        "monday": monday,
        "sunday": sunday,
        "next_sunday": sunday + timedelta(days=7),
        "reasons": REASON_LABELS,
        "milestone_days": config.milestone_days,
        "people": _subjects([a for a in this_week if a.subject in vault.people], names),
        "practice": _subjects([a for a in this_week if a.subject in vault.skills], names),
        "limit": ITEMS_PER_SECTION,
        "weeks": recent_weeks,
        "chart": weekly_chart(recent_weeks),
        "max_week_hours": _max_hours(recent_weeks),
        "due": _items(public[:ITEMS_PER_SECTION], today, config),
        "due_more": max(0, len(public) - ITEMS_PER_SECTION),
        "private": private_people(items),
        "milestones": milestones,
        "promises": [(p, _promise(c)) for _, p, c in promises[:ITEMS_PER_SECTION]],
        "promises_total": len(promises),
        "dormant": [entry[-1] for entry in dormant[:ITEMS_PER_SECTION]],
        "dormant_total": len(dormant),
        "practice_due": practice_due(vault.skills.values(), today, sunday + timedelta(days=7)),
        "balance": result,
        "goals_folder": config.folders["goal"],
        "previous": previous,
        "pages": page_paths(config, today),
    }
