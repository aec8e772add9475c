"""The domain as the rules see it: people, skills, goals and what happened with them.

The index loads these (``vaultnet.index.read``); the rules in
``vaultnet.followups`` and ``vaultnet.balance`` compute over them. Paths are
vault-relative with ``/`` and identify a note; ``name`` is its title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from vaultnet.cadence import Interval


class Activity(NamedTuple):
    """One interaction with a person or one practice of a skill (SPEC 2)."""

    date: date
    subject: str  # path of the person or skill note it is about
    minutes: int
    tags: tuple[str, ...]
    text: str  # the list item without its date, or "last_contact"
    source: str  # path of the note it is written in
    line: int

    @property
    def private(self) -> bool:
        return "private" in self.tags

    @property
    def from_frontmatter(self) -> bool:
        return self.text == "last_contact"


class Milestone(NamedTuple):
    """A dated event in a person's life (SPEC 1, ``milestones``): to congratulate on.
    Here rather than with the parser's records (``vaultnet.model``), which uses it
    too: what loads people for the rules need not load the parser's."""

    date: date
    what: str
    line: int


class Promise(NamedTuple):
    """An open commitment to a person (SPEC 2, Commitments)."""

    person: str  # path
    text: str  # without its due-date markers (the parser leaves them out)
    due: date | None
    source: str
    line: int
    in_private_note: bool = False  # written in a note tagged private

    @property
    def private(self) -> bool:
        return self.in_private_note or "#private" in self.text.lower()


class ContactCard(NamedTuple):
    """How to reach a person, and their tags, as their note says: what a contact
    card holds besides who they are (``vaultnet export``), and what import matches
    against. Kept apart from :class:`Person`, which the rules and pages read: they
    never show it, and loading it for 10,000 people cost a report some 2 %."""

    email: str | None = None
    phone: str | None = None
    linkedin: str | None = None
    website: str | None = None
    tags: tuple[str, ...] = ()  # lower-case, without #


# Not frozen (building 10,000 frozen instances costs three times as much), but
# treated as immutable: a changed person is a new Person. How to reach them is
# apart (ContactCard).
@dataclass(slots=True, eq=False)
class Person:
    path: str
    name: str
    roles: tuple[str, ...] = ()
    cadence: Interval | None = None  # after role defaults; None: never
    next: date | None = None
    met: date | None = None
    met_where: str | None = None
    birthday: str | None = None  # "YYYY-MM-DD" or "MM-DD"
    milestones: tuple[Milestone, ...] = ()
    skills: tuple[str, ...] = ()  # paths of the skill notes they link
    company: str | None = None
    title: str | None = None  # job title
    private: bool = False
    # What happened, up to today:
    last: Activity | None = None  # the latest interaction (incl. last_contact)
    last_ask: Activity | None = None  # the latest #asked/#referral interaction
    promises: tuple[Promise, ...] = ()
    gave: int = 0  # interactions tagged #gave
    took: int = 0  # interactions tagged #received, #asked or #referral

    @property
    def last_contact(self) -> date | None:
        return self.last.date if self.last else None


@dataclass(frozen=True, slots=True)
class Skill:
    path: str
    name: str
    level: int | None = None
    target: int | None = None
    category: str | None = None
    last_practice: date | None = None
    cadence: Interval | None = None  # how often to practise; None: no reminder
    goal: str | None = None  # the path of the goal note its `goal:` links to


@dataclass(frozen=True, slots=True)
class Goal:
    path: str
    name: str
    target_role: str | None = None
    by: date | None = None
    skills: dict[str, int] = field(default_factory=dict)  # skill path (or a missing one's name) -> level
    network: dict[str, int] = field(default_factory=dict)  # role -> how many
    balance: int = 50


@dataclass(frozen=True, slots=True)
class Vault:
    """Everything the rules need, as of ``today``.

    ``activities`` holds the interactions and practice from ``since`` to
    ``today``; the per-person summaries (``Person.last`` ...) cover all time.
    """

    today: date
    since: date
    people: dict[str, Person]
    skills: dict[str, Skill]
    goals: dict[str, Goal]
    activities: list[Activity]
