"""The follow-ups the index keeps for the day: what `vaultnet due` reads.

``vaultnet.report.keep_follow_ups`` computes them (SPEC 3) for the people whose
notes, events or promises changed, or whose follow-ups change with the day,
and keeps them here per person (``followups``), with the days they hold for
(``followups_done``). :class:`vaultnet.index.store.Index` forgets a person's
when their notes or interactions change; `vaultnet due` then reads the rows
alone, with no rule to run (issue 3's benchmark).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from vaultnet.index.store import Days, Index, json_tuple, lower_tuple


class Due(NamedTuple):
    """A kept follow-up as `vaultnet due` lists it (SPEC 6): what the index keeps
    of a ``vaultnet.followups.FollowUp`` for the day (:func:`follow_ups_due`)."""

    person: str  # name
    path: str | None  # None when not asked for (follow_ups_due)
    reason: str
    due: date
    detail: str

    def days_overdue(self, today: date) -> int:
        return (today - self.due).days


def keep_follow_ups(index: Index, key: str, today: date, people: Iterable[tuple[str, date, date]],
                    rows: Iterable[tuple], everyone: bool) -> None:
    """Keep the follow-ups computed on ``today`` for ``people``, (path, since,
    until) each: rows of (path, seq, reason, due, detail), which hold from
    ``since`` to ``until`` unless the person's notes or interactions change; the
    index then keeps everyone's for ``today``. ``everyone``: they replace all
    kept ones, which were computed under another ``key`` (settings, version).
    Call it in a transaction."""
    db = index.db
    people = [(path, since.isoformat(), until.isoformat()) for path, since, until in people]
    if everyone:
        db.execute("DELETE FROM followups")
        db.execute("DELETE FROM followups_done")
        index.set_meta("followups_key", key)
    else:  # those kept for other days
        db.executemany("DELETE FROM followups WHERE note_id = "
                       "(SELECT id FROM notes WHERE path = ?)", [(p,) for p, _, _ in people])
    db.executemany("INSERT INTO followups SELECT id, title, path, ?, ?, ?, ? FROM notes "
                   "WHERE path = ?",
                   [(reason, due, detail, seq, path) for path, seq, reason, due, detail in rows])
    db.executemany("INSERT OR REPLACE INTO followups_done SELECT id, ?, ? FROM notes "
                   "WHERE path = ?", [(since, until, path) for path, since, until in people])
    index.set_meta("followups_day", today.isoformat())


def follow_ups_kept(index: Index, key: str, today: date) -> bool:
    """Whether the index keeps every person's follow-ups for ``today`` under
    ``key``. The usual case, told cheaply: they were all kept for ``today`` by
    the last :func:`keep_follow_ups`, and since then none was forgotten (a
    changed note, or events between two days that ``contacts`` moved across)."""
    if index.meta("followups_day") != today.isoformat() or index.meta("followups_key") != key:
        return False
    return index.db.execute("""
        SELECT 1 FROM people p JOIN notes n ON n.id = p.note_id
        WHERE n.type = 'person' AND p.note_id NOT IN (SELECT note_id FROM followups_done)
        LIMIT 1""").fetchone() is None


def people_to_follow_up(index: Index, today: date) -> set[str]:
    """The people whose follow-ups for ``today`` the index does not keep: new,
    changed since, or kept for days that ``today`` is not among."""
    day = today.isoformat()
    return {path for (path,) in index.db.execute("""
        SELECT n.path FROM people p JOIN notes n ON n.id = p.note_id
        WHERE n.type = 'person' AND p.note_id NOT IN (
            SELECT note_id FROM followups_done WHERE since <= ? AND until >= ?)""",
        (day, day))}


def follow_ups_due(index: Index, until: date, roles: Iterable[str] = (),
                   tags: Iterable[str] = (), paths: bool = True) -> list[Due]:
    """The kept follow-ups due on or before ``until``, of people with any of
    ``roles`` (a person without one has other's) and any of ``tags`` when given;
    sorted by due, person, reason (SPEC 6), then as the rules gave them. Without
    ``paths`` their ``path`` is None: reading a column costs Python about a
    microsecond a row, and the terminal's table shows none."""
    roles = {role.lower() for role in roles}
    tags = {tag.lower().lstrip("#") for tag in tags}
    query = f"""
        SELECT f.name, {"f.path" if paths else "NULL"}, f.reason, f.due, f.detail{{}}
        FROM followups f{{}} WHERE f.due <= ?
        ORDER BY f.due, f.name, f.reason, f.path, f.seq"""
    days = Days()
    if not roles and not tags:  # the people table need not be read
        rows = index.db.execute(query.format("", ""), (until.isoformat(),))
        return [Due(name, path, reason, days[due], detail)
                for name, path, reason, due, detail in rows]
    rows = index.db.execute(query.format(", p.roles, p.tags",
                                         " JOIN people p ON p.note_id = f.note_id"),
                            (until.isoformat(),))
    # A person tagged work/acme has the tag work, as in Obsidian.
    nested = tuple(f"{tag}/" for tag in tags)
    return [Due(name, path, reason, days[due], detail)
            for name, path, reason, due, detail, their_roles, their_tags in rows
            # (no role counts as other, SPEC 1)
            if (not roles or not roles.isdisjoint(json_tuple(their_roles) or ("other",)))
            and (not tags or any(t in tags or t.startswith(nested)
                                 for t in lower_tuple(their_tags)))]
