"""Balance (SPEC 4): time invested in skills vs. relationships, and what each goal lacks.

Plain functions over :class:`vaultnet.domain.Vault`. Practice of a skill is
time on skills; an interaction with a person is time on relationships
("network"). A week is an ISO week (Monday to Sunday), clipped to the window.
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from vaultnet.clock import iso_week
from vaultnet.domain import Activity, Goal, Person, Skill, Vault
from vaultnet.followups import is_active


@dataclass(frozen=True, slots=True)
class Totals:
    events: int = 0
    minutes: int = 0


def share(skills: Totals, network: Totals) -> float | None:
    """Percent of the minutes that went to skills; None when there were none."""
    total = skills.minutes + network.minutes
    return round(100 * skills.minutes / total, 1) if total else None


@dataclass(frozen=True, slots=True)
class Week:
    label: str  # ISO week, e.g. 2026-W48
    start: date  # first day counted (Monday, or the window's first day)
    end: date  # last day counted (Sunday, or today)
    skills: Totals
    network: Totals

    @property
    def skills_share(self) -> float | None:
        return share(self.skills, self.network)


@dataclass(frozen=True, slots=True)
class SkillGap:
    """One skill a goal needs: where it stands, recent practice, who can help."""

    path: str | None  # None: the goal names a skill that has no note
    name: str
    level: int | None
    target: int
    minutes: int  # practice in the window
    last_practice: date | None
    helpers: tuple[Person, ...]  # people whose `skills` link it

    @property
    def gap(self) -> int:
        return max(0, self.target - (self.level or 0))


@dataclass(frozen=True, slots=True)
class NetworkGap:
    role: str
    needed: int
    active: tuple[Person, ...]  # in touch within twice their cadence

    @property
    def missing(self) -> int:
        return max(0, self.needed - len(self.active))


@dataclass(frozen=True, slots=True)
class GoalBalance:
    goal: Goal
    skills: tuple[SkillGap, ...]
    network: tuple[NetworkGap, ...]

    @property
    def skill_gaps(self) -> tuple[SkillGap, ...]:
        return tuple(s for s in self.skills if s.gap)

    @property
    def network_gaps(self) -> tuple[NetworkGap, ...]:
        return tuple(n for n in self.network if n.missing)


class Ledger(NamedTuple):
    """Give and take with one person, over all time. A NamedTuple: a large vault's
    ledger has a row for nearly everyone, and a frozen dataclass costs twice as much."""

    person: Person
    gave: int
    took: int

    @property
    def only_takes(self) -> bool:
        return self.took > 0 and self.gave == 0


class PracticeDue(NamedTuple):
    """A skill whose practice ``cadence`` has come round."""

    skill: Skill
    due: date  # the last practice plus the cadence; today when never practised


class CategoryTime(NamedTuple):
    """Practice in the window of the skills of one ``category`` (None: skills without one)."""

    category: str | None
    time: Totals


@dataclass(frozen=True, slots=True)
class Balance:
    start: date
    end: date
    skills: Totals
    network: Totals
    weeks: tuple[Week, ...]
    goals: tuple[GoalBalance, ...]
    ledger: tuple[Ledger, ...] = field(default=())
    practice: tuple[PracticeDue, ...] = field(default=())  # due today or overdue
    categories: tuple[CategoryTime, ...] = field(default=())  # most practice first
    # Skills below the target of their own note that no goal names or is linked
    # from: gaps too, which no goal's section would show.
    below_target: tuple[SkillGap, ...] = field(default=())

    @property
    def skills_share(self) -> float | None:
        return share(self.skills, self.network)


def totals(activities: Iterable[Activity]) -> Totals:
    events = minutes = 0
    for activity in activities:
        events += 1
        minutes += activity.minutes
    return Totals(events, minutes)


def weeks(vault: Vault, start: date, end: date) -> tuple[Week, ...]:
    """ISO weeks from the one holding ``start`` to the one holding ``end``, each
    clipped to [start, end]."""
    result = []
    monday = start - timedelta(days=start.weekday())
    while monday <= end:
        first, last = max(monday, start), min(monday + timedelta(days=6), end)
        inside = [a for a in vault.activities if first <= a.date <= last]
        result.append(Week(iso_week(monday), first, last,
                           totals(a for a in inside if a.subject in vault.skills),
                           totals(a for a in inside if a.subject in vault.people)))
        monday += timedelta(days=7)
    return tuple(result)


def goal_balance(goal: Goal, vault: Vault, practice: dict[str, int],
                 helpers: dict[str, list[Person]], active: dict[str, list[Person]],
                 linked: dict[str, int] | None = None) -> GoalBalance:
    """``practice``: skill path -> minutes in the window; ``helpers``: skill path ->
    people who know it; ``active``: role -> people in touch; ``linked``: skill path
    -> target of the skills whose note links this goal with ``goal:``. The goal's
    skills are those it names (with the level it asks for) and those linked (with
    the skill's own target)."""
    skills = [skill_gap(path, vault.skills.get(path), target, practice, helpers)
              for path, target in ((linked or {}) | goal.skills).items()]
    network = [NetworkGap(role, needed, tuple(active.get(role, ())))
               for role, needed in goal.network.items()]
    return GoalBalance(goal, _widest_first(skills), tuple(network))


def skill_gap(path: str, skill: Skill | None, target: int, practice: dict[str, int],
              helpers: dict[str, list[Person]]) -> SkillGap:
    """Where the skill at ``path`` (None: no note has it) stands against ``target``."""
    return SkillGap(
        path=skill.path if skill else None,
        name=skill.name if skill else path,
        level=skill.level if skill else None,
        target=target,
        minutes=practice.get(path, 0),
        last_practice=skill.last_practice if skill else None,
        helpers=tuple(helpers.get(path, ())),
    )


def _widest_first(gaps: Iterable[SkillGap]) -> tuple[SkillGap, ...]:
    return tuple(sorted(gaps, key=lambda s: (-s.gap, s.name.casefold())))


def ledger(people: Iterable[Person]) -> tuple[Ledger, ...]:
    """Everyone with a #gave, #received or #asked, those you only take from first."""
    keyed = [((not (p.took > 0 and p.gave == 0), p.gave - p.took, p.name), Ledger(p, p.gave, p.took))
             for p in people if p.gave or p.took]  # the key is Ledger.only_takes first
    keyed.sort(key=operator.itemgetter(0))
    return tuple(row for _, row in keyed)


def practice_due(skills: Iterable[Skill], today: date, until: date) -> tuple[PracticeDue, ...]:
    """The skills with a practice ``cadence`` due by ``until``, earliest first: the
    last practice plus the cadence, or today for a skill never practised (as a
    person with a cadence and no contact at all is due today)."""
    found = []
    for skill in skills:
        if skill.cadence is None:
            continue
        due = skill.cadence.after(skill.last_practice) if skill.last_practice else today
        if due <= until:
            found.append(PracticeDue(skill, due))
    found.sort(key=lambda p: (p.due, p.skill.name.casefold()))
    return tuple(found)


def balance(vault: Vault, start: date) -> Balance:
    """The balance from ``start`` to ``vault.today``, both included."""
    inside = [a for a in vault.activities if a.date >= start]
    practice: dict[str, int] = defaultdict(int)
    for a in inside:
        if a.subject in vault.skills:
            practice[a.subject] += a.minutes
    helpers: dict[str, list[Person]] = defaultdict(list)
    active: dict[str, list[Person]] = defaultdict(list)
    linked: dict[str, dict[str, int]] = defaultdict(dict)  # goal path -> skill path -> target
    for skill in vault.skills.values():
        if skill.goal and skill.target is not None:
            linked[skill.goal][skill.path] = skill.target
    for person in vault.people.values():
        for skill in person.skills:
            helpers[skill].append(person)
        if is_active(person, vault.today):
            for role in person.roles or ("other",):  # no role counts as other (SPEC 1)
                active[role].append(person)
    goals = tuple(goal_balance(g, vault, practice, helpers, active, linked.get(g.path))
                  for g in vault.goals.values())
    in_goals = {gap.path for g in goals for gap in g.skills}
    return Balance(
        start=start,
        end=vault.today,
        skills=totals(a for a in inside if a.subject in vault.skills),
        network=totals(a for a in inside if a.subject in vault.people),
        weeks=weeks(vault, start, vault.today),
        goals=goals,
        ledger=ledger(vault.people.values()),
        practice=practice_due(vault.skills.values(), vault.today, vault.today),
        categories=category_time(vault.skills.values(), inside),
        below_target=_widest_first(
            skill_gap(skill.path, skill, skill.target, practice, helpers)
            for skill in vault.skills.values()
            if skill.target is not None and (skill.level or 0) < skill.target
            and skill.path not in in_goals),
    )


def category_time(skills: Iterable[Skill], activities: Iterable[Activity]) -> tuple[CategoryTime, ...]:
    """Practice per skill ``category`` (any case, as first written in path order),
    most minutes first: every category a skill has, and the skills without one
    when they were practised. Nothing when no skill has a category."""
    spelling: dict[str, str] = {}  # casefolded -> as written
    of_skill: dict[str, str | None] = {}
    for skill in sorted(skills, key=operator.attrgetter("path")):
        name = skill.category.strip() if skill.category else ""
        key = name.casefold() if name else None
        if key is not None:
            spelling.setdefault(key, name)
        of_skill[skill.path] = key
    if not spelling:
        return ()
    practised: dict[str | None, list[int]] = {key: [0, 0] for key in spelling}  # events, minutes
    for activity in activities:
        if activity.subject in of_skill:
            counts = practised.setdefault(of_skill[activity.subject], [0, 0])
            counts[0] += 1
            counts[1] += activity.minutes
    rows = [CategoryTime(spelling[key] if key else None, Totals(*counts))
            for key, counts in practised.items()]
    return tuple(sorted(rows, key=lambda r: (-r.time.minutes, r.category is None,
                                              (r.category or "").casefold())))
