"""Parsed notes as the rows of the index's tables (``schema``), ready to store.

Workers that parse notes make these rows and send them to the one process
that writes the index (``sync``), which stores them with ``store.Index.insert_rows``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # the model's classes are only needed once notes are read
    from vaultnet.model import ParsedNote


class NoteRows(NamedTuple):
    """Parsed notes as the rows of each table.

    Plain tuples of text and numbers: a worker process builds them and sends them
    to the one that writes, and pickling these costs a tenth of pickling the
    parsed notes themselves (dates and records go through ``__reduce__``)."""

    notes: list[tuple]
    notes_fts: list[tuple]
    names: list[tuple]
    people: list[tuple]
    milestones: list[tuple]
    skills: list[tuple]
    goals: list[tuple]
    events: list[tuple]
    commitments: list[tuple]
    links: list[tuple]
    problems: list[tuple]
    folder_links: list[tuple]


def note_rows(notes: Iterable[tuple[ParsedNote, int, int, str, int, int]]) -> NoteRows:
    """The rows of parsed notes: (note, size, mtime_ns, hash, indexed_ns, id) each."""
    from vaultnet.parse.values import name_key  # not at start-up: commands that parse nothing
    rows = NoteRows([], [], [], [], [], [], [], [], [], [], [], [])
    (_, fts, names, people, milestones, skills, goals, events, commitments, links, problems,
     folder_links) = rows
    for note, size, mtime_ns, digest, now, nid in notes:
        rows.notes.append((nid, note.path, note.title, note.type, int(note.generated),
                           _iso(note.date), size, mtime_ns, digest, now))
        problems.extend((nid, p.line, p.message) for p in note.problems)
        if note.generated:
            continue
        fts.append((nid, note.title, note.text))
        title_key = name_key(note.title)
        names.append((title_key, nid, 0, note.title, 1))
        names.extend((key, nid, 1, a, note.aliases_line) for a in note.aliases
                     if (key := name_key(a)) != title_key)
        if (p := note.person) is not None:
            people.append((nid, json.dumps(p.roles), p.cadence, _iso(p.last_contact),
                           _iso(p.next), _iso(p.met), p.met_where, p.birthday, p.company,
                           p.title, p.email, p.phone, p.linkedin, json.dumps(p.tags),
                           json.dumps(p.skills), int(p.private), p.website))
            milestones.extend((nid, m.date.isoformat(), m.what, m.line) for m in p.milestones)
        if (s := note.skill) is not None:
            skills.append((nid, s.level, s.target, s.category, s.goal, s.cadence))
        if (g := note.goal) is not None:
            goals.append((nid, g.target_role, _iso(g.by), json.dumps(g.skills),
                          json.dumps(g.network), g.balance))
        events.extend((nid, e.line, e.date.isoformat(), e.target, e.minutes, " ".join(e.tags),
                       e.text, nid if e.target is None else None, e.block, 0)
                      for e in note.events)
        commitments.extend((nid, c.line, c.text, _iso(c.due), int(c.done), c.target,
                            nid if c.target is None else None, int(c.private))
                           for c in note.commitments)
        links.extend((nid, k.line, k.target, int(k.in_frontmatter), k.name) for k in note.links)
        if note.folder_links:
            folder_links.extend((nid, *row) for row in note.folder_links)
    return rows


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
