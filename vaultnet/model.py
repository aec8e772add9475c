"""Plain data that flows through the pipeline: parsed notes and what they hold.

The parser produces these from a note's text; the index stores and loads them;
the domain rules compute over them. Nothing here touches files or SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # a person's milestones are the domain's records: the parser makes them
    from vaultnet.domain import Milestone

NOTE_TYPES = ("person", "skill", "goal", "note")


# The small records are NamedTuples: a vault holds hundreds of thousands of them,
# and tuples are several times cheaper to create and to pickle than dataclasses.


class Problem(NamedTuple):
    """Something wrong in the vault, for `vaultnet check` (SPEC 6)."""

    path: str
    line: int
    message: str


class Event(NamedTuple):
    """A dated happening in a note (SPEC 2): an interaction or practice once resolved.

    ``target`` is the lower-cased link name the event is about; ``None`` means the
    note the event is written in (a log item in a person or skill note).
    ``block`` is the first line of the list item or paragraph of a link, 0 for what
    the note's properties say (a link there, a person's ``last_contact``). The links
    of one block to one note, by one name or two (``[[Ann Lee]]``, ``[[Ann|her]]``),
    are one interaction, and so is a property link to a note the body links, and a
    ``last_contact`` on a day with another interaction. The index tells which, once
    names are resolved (``events.twin``).
    """

    line: int
    date: date
    target: str | None
    minutes: int
    tags: tuple[str, ...]
    text: str
    block: int = 0


class Commitment(NamedTuple):
    """A task (SPEC 2, Commitments); ``target`` as for :class:`Event`."""

    line: int
    text: str
    due: date | None
    done: bool
    target: str | None
    private: bool = False  # written in a note tagged private (SPEC 5), whatever its text


class Link(NamedTuple):
    """A wikilink by lower-cased target name; frontmatter links are checked to exist."""

    line: int
    target: str
    in_frontmatter: bool
    name: str = ""  # as written, for messages


@dataclass(slots=True)
class PersonFields:
    roles: tuple[str, ...] = ()
    cadence: str | None = None
    last_contact: date | None = None
    next: date | None = None
    met: date | None = None
    met_where: str | None = None
    milestones: list[Milestone] = field(default_factory=list)
    birthday: str | None = None  # "YYYY-MM-DD" or "MM-DD"
    company: str | None = None
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    linkedin: str | None = None
    website: str | None = None
    tags: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()  # lower-cased link names
    private: bool = False


@dataclass(slots=True)
class SkillFields:
    level: int | None = None
    target: int | None = None
    category: str | None = None
    goal: str | None = None  # lower-cased link name
    cadence: str | None = None


@dataclass(slots=True)
class GoalFields:
    target_role: str | None = None
    by: date | None = None
    skills: dict[str, int] = field(default_factory=dict)  # link name as written -> target level
    network: dict[str, int] = field(default_factory=dict)  # role -> how many
    balance: int = 50


@dataclass(slots=True)
class ParsedNote:
    """Everything vaultnet reads from one note."""

    path: str
    title: str
    type: str = "note"
    aliases: tuple[str, ...] = ()
    aliases_line: int = 1
    generated: bool = False
    date: date | None = None
    person: PersonFields | None = None
    skill: SkillFields | None = None
    goal: GoalFields | None = None
    events: list[Event] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    text: str = ""  # the body, for full-text search
    # Events and promises made by links written with folders (``[[Acme/Alex Kim]]``),
    # which tell apart notes of one name: (table, line, target, n, path): the n-th
    # (from 0) of the note's rows in "events" or "commitments" on that line with
    # that target, and the link's path (``inline.folder_path``).
    folder_links: list[tuple[str, int, str, int, str]] = field(default_factory=list)
