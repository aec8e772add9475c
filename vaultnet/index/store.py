"""The SQLite index, `.vaultnet/index.sqlite`: reading and writing it.

With ``schema`` (its tables), ``rows`` (parsed notes as rows), ``connection``
(opening the file) and ``problems`` (what `vaultnet check` lists across notes),
the one place that knows SQL; the schema is documented in README.md ("The
index").

Links are stored by lower-cased target name, not by note: a rename or a new
alias then changes what links resolve to without re-reading the notes that
link. ``resolved`` maps each name to the note it means (a title before an
alias, then the first path) and ``about_id`` on events and commitments holds
the result; :meth:`Index.resolve` refreshes both for the names a sync touched.
"""

from __future__ import annotations

import functools
import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from vaultnet.discover import is_utf8
from vaultnet.errors import IndexFileError
from vaultnet.index.rows import NoteRows
from vaultnet.index.schema import (
    INDEX_STATEMENTS,
    INSERT,
    TABLES_BY_NOTE,
)

if TYPE_CHECKING:  # the model's classes are only needed once notes are read
    from vaultnet.model import Problem

log = logging.getLogger(__name__)

# The latest event (and latest ask) per subject up to a day, and the give/take
# counts: what `due` and `report` need of each person without reading every event.
# Ties on a date go to the last path and line, so storage order never matters.
# `+e.date`: SQLite's planner would read nearly every event through the index on
# dates (`events_date`, for a window's events), a random row at a time; a plain
# scan of the table is faster by 0.4 s in a 100,000-event rebuild.
_CONTACTS = """
WITH ev AS (
    SELECT e.rowid AS rid, e.about_id, e.date, src.path, e.line, ' ' || e.tags || ' ' AS t
    FROM events e JOIN notes src ON src.id = e.note_id
    WHERE +e.date <= ? AND e.about_id IS NOT NULL AND e.twin = 0 {only}
), ranked AS (
    SELECT about_id, rid,
           row_number() OVER (PARTITION BY about_id ORDER BY date DESC, path DESC, line DESC) AS r
    FROM ev
), asks AS (
    SELECT about_id, rid,
           row_number() OVER (PARTITION BY about_id ORDER BY date DESC, path DESC, line DESC) AS r
    FROM ev WHERE t LIKE '% asked %' OR t LIKE '% referral %'
), tally AS (
    SELECT about_id, SUM(t LIKE '% gave %') AS gave,
           SUM(t LIKE '% received %' OR t LIKE '% asked %' OR t LIKE '% referral %') AS took,
           COUNT(*) AS events
    FROM ev GROUP BY about_id
)
INSERT INTO contacts
SELECT tally.about_id,
       l.date, l.minutes, l.tags, l.text, ls.path, l.line,
       a.date, a.minutes, a.tags, a.text, asrc.path, a.line,
       tally.gave, tally.took, tally.events
FROM tally JOIN ranked ON ranked.about_id = tally.about_id AND ranked.r = 1
JOIN events l ON l.rowid = ranked.rid JOIN notes ls ON ls.id = l.note_id
LEFT JOIN asks ON asks.about_id = tally.about_id AND asks.r = 1
LEFT JOIN events a ON a.rowid = asks.rid LEFT JOIN notes asrc ON asrc.id = a.note_id
"""

# Events of one note that count as one (``events.twin``): in an item or paragraph
# that links a note twice, by one name or two ([[Ann Lee]], [[Ann|her]]), all but
# the first, and in the properties of a note whose body links the same note. The
# parser keeps one event per link written; only names resolved tell these.
# Only the links' events (`>= ''`: by their index on target; `+note_id`: not every
# event in the order of their index on notes): 20 ms instead of 30 over a
# 100,000-event rebuild.
_TWINS = """
UPDATE events SET twin = 1 WHERE rowid IN (
    WITH linked AS (
        SELECT rowid AS rid, +note_id AS note_id, about_id, block FROM events
        WHERE target >= '' AND about_id IS NOT NULL {only})
    SELECT rid FROM (
        SELECT rid, block,
               row_number() OVER (PARTITION BY note_id, about_id, block ORDER BY rid) AS nth,
               max(block) OVER (PARTITION BY note_id, about_id) AS body
        FROM linked)
    WHERE nth > 1 OR (block = 0 AND body > 0))
"""

# A person's `last_contact:` (its event: about its own note, block 0) is no second
# interaction on a day that has another with them, written anywhere: a twin too.
# From the people who have one, by the index on (about_id, date).
_LAST_CONTACTS = """
UPDATE events SET twin = EXISTS (
    SELECT 1 FROM events f WHERE f.about_id = events.about_id AND f.date = events.date
    AND f.rowid <> events.rowid AND f.twin = 0)
WHERE rowid IN (
    SELECT e.rowid FROM people p CROSS JOIN events e
    ON e.about_id = p.note_id AND e.date = p.last_contact
    WHERE p.last_contact IS NOT NULL AND +e.target IS NULL AND e.block = 0 {only})
"""


class Days(dict):
    """ISO date text -> date, each parsed once (a vault's dates repeat); None -> None."""

    def __missing__(self, text: str | None) -> date | None:
        value = self[text] = date.fromisoformat(text) if text else None
        return value


@functools.lru_cache(maxsize=4096)
def json_tuple(text: str) -> tuple:
    """A stored JSON list as a tuple; most are one of a few values ("[]", roles)."""
    return tuple(json.loads(text))


@functools.lru_cache(maxsize=4096)
def lower_tuple(text: str) -> tuple[str, ...]:
    """A stored JSON list of tags, lower-cased."""
    return tuple(tag.lower() for tag in json.loads(text))


class Index:
    """An open index file. Use :func:`vaultnet.index.connection.open_index`."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path
        # Subjects whose events changed in this transaction: their `contacts` rows
        # are recomputed by refresh_contacts().
        self._stale: set[int] = set()
        # Subjects whose events or promises changed since the last take_changes(),
        # for a watcher that keeps the people in memory (not kept during a rebuild).
        self._changed: set[int] = set()

    def close(self) -> None:
        self.db.close()

    # --- state --------------------------------------------------------------------

    def meta(self, key: str):
        """A value of the ``meta`` table (text, or bytes where bytes were stored)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def listing(self) -> list[bytes] | None:
        """The listing the last walk kept, chunk by chunk; None when none is kept."""
        if self.meta("listing") is None:
            return None
        return [lines for (lines,) in self.db.execute("SELECT lines FROM listing ORDER BY chunk")]

    def note_stats(self, paths: Iterable[str] | None = None) -> dict[str, tuple[int, int, int, str, int]]:
        """path -> (id, size, mtime_ns, hash, indexed_ns) for every indexed note (or
        for those of ``paths`` that are indexed)."""
        query = "SELECT path, id, size, mtime_ns, hash, indexed_ns FROM notes"
        rows = (self.db.execute(query) if paths is None
                else rows_in(self.db, query + " WHERE path IN ({})",
                             sorted(path for path in paths if is_utf8(path))))
        return {row[0]: row[1:] for row in rows}

    # --- writing ------------------------------------------------------------------

    @contextmanager
    def transaction(self, bulk: bool = False) -> Iterator[None]:
        """One write transaction; ``bulk`` skips fsync (for rebuilds of derived data:
        a file damaged by a crash mid-rebuild is detected and rebuilt next time)."""
        self.db.execute(f"PRAGMA synchronous = {'OFF' if bulk else 'NORMAL'}")
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if is_lock(exc):
                raise locked(self.path) from exc
            raise
        try:
            yield
        except BaseException:
            self.db.rollback()
            raise
        self.db.commit()

    def set_meta(self, key: str, value: str | bytes | None) -> None:
        """Set a ``meta`` value; None deletes it."""
        if value is None:
            self.db.execute("DELETE FROM meta WHERE key = ?", (key,))
        else:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def keep_listing(self, chunks: list[bytes] | None) -> None:
        """Keep a walk's listing (None: keep none), rewriting only the chunks that
        differ from those kept. Call it in a transaction: the kept chunks are read
        again inside it, since another process may have written them since the walk."""
        db = self.db
        if chunks is None:
            db.execute("DELETE FROM listing")
            self.set_meta("listing", None)
            return
        kept = dict(db.execute("SELECT chunk, lines FROM listing"))
        db.executemany("INSERT OR REPLACE INTO listing VALUES (?, ?)",
                       [(i, chunk) for i, chunk in enumerate(chunks) if kept.get(i) != chunk])
        db.execute("DELETE FROM listing WHERE chunk >= ?", (len(chunks),))
        self.set_meta("listing", len(chunks))  # how many chunks: none for an empty vault

    def clear(self) -> None:
        """Empty every table and drop the secondary indexes until :meth:`reindex`."""
        for table in ("notes", "notes_fts", "resolved", "contacts", *TABLES_BY_NOTE):
            self.db.execute(f"DELETE FROM {table}")
        self.db.execute("DELETE FROM meta WHERE key IN "
                        "('contacts_day', 'counts', 'followups_key', 'followups_day')")
        self._stale.clear()
        self._changed.clear()
        for statement in INDEX_STATEMENTS:
            self.db.execute(f"DROP INDEX IF EXISTS {statement.split()[2]}")

    def reindex(self) -> None:
        """Create the secondary indexes :meth:`clear` dropped, inside the transaction
        (``executescript`` would commit it first: a rebuild would no longer be one)."""
        for statement in INDEX_STATEMENTS:
            self.db.execute(statement.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS"))

    def holds_notes(self, ids: list[int]) -> bool:
        """Whether any of these is a note, not a page vaultnet generated."""
        return any(True for _ in rows_in(
            self.db, "SELECT 1 FROM notes WHERE generated = 0 AND id IN ({})", ids))

    def names_of(self, ids: list[int]) -> set[str]:
        """The link names (title and aliases) of these notes."""
        return {k for (k,) in rows_in(self.db, "SELECT key FROM names WHERE note_id IN ({})", ids)}

    def _subjects(self, column: str, values: list, table: str = "events") -> set[int]:
        """The notes that the rows of ``table`` with ``column`` in ``values`` are about."""
        query = (f"SELECT DISTINCT about_id FROM {table} WHERE {column} IN ({{}}) "
                 "AND about_id IS NOT NULL")
        return {i for (i,) in rows_in(self.db, query, values)}

    def _track(self, column: str, values: list, contacts: bool) -> None:
        """Note the subjects of these events (and promises) as changed."""
        if not values:
            return
        events = self._subjects(column, values)
        subjects = events | self._subjects(column, values, "commitments")
        self._changed |= subjects
        if contacts:
            self._stale |= events
        # Their follow-ups are computed again when next asked for (a changed or
        # removed note's own are deleted with its rows).
        rows = [(i,) for i in sorted(subjects)]
        for table in ("followups", "followups_done"):
            self.db.executemany(f"DELETE FROM {table} WHERE note_id = ?", rows)

    def take_changes(self) -> set[str]:
        """The paths of the people and skills whose events or promises changed since
        the last call (notes deleted since are not among them)."""
        ids, self._changed = sorted(self._changed), set()
        return {p for (p,) in rows_in(self.db, "SELECT path FROM notes WHERE id IN ({})", ids)}

    def delete_notes(self, ids: Iterable[int]) -> None:
        ids = list(ids)
        contacts = bool(self.meta("contacts_day"))
        self._track("note_id", ids, contacts)
        self._changed |= set(ids)
        if contacts:
            self._stale |= set(ids)
        rows = [(note_id,) for note_id in ids]
        for table in TABLES_BY_NOTE:
            self.db.executemany(f"DELETE FROM {table} WHERE note_id = ?", rows)
        self.db.executemany("DELETE FROM notes_fts WHERE rowid = ?", rows)
        self.db.executemany("DELETE FROM notes WHERE id = ?", rows)

    def touch_notes(self, rows: Iterable[tuple[int, int, int, int]]) -> None:
        """Record a new stat for notes whose bytes did not change: (size, mtime, now, id)."""
        self.db.executemany(
            "UPDATE notes SET size = ?, mtime_ns = ?, indexed_ns = ? WHERE id = ?", rows)

    def next_id(self) -> int:
        """The first note id no stored note has: ids from it on are free to assign."""
        return self.db.execute("SELECT COALESCE(MAX(id), 0) FROM notes").fetchone()[0] + 1

    def insert_rows(self, rows: NoteRows) -> list[int]:
        """Store notes turned into rows by :func:`note_rows`; their ids.

        Links they hold stay unresolved until :meth:`resolve`."""
        db = self.db
        for table, values in zip(NoteRows._fields, rows, strict=True):
            if values:
                db.executemany(INSERT[table], values)
        self._stale.update(row[7] for row in rows.events if row[7] is not None)
        ids = [row[0] for row in rows.notes]
        self._changed.update(ids)
        return ids

    def resolve(self, keys: set[str] | None, new_ids: list[int]) -> None:
        """Point links at notes again: every link (``keys`` None, after a rebuild), or
        the links naming ``keys`` (names added or removed) and those in ``new_ids``."""
        db = self.db
        best = "SELECT key, note_id, claims FROM name_candidates WHERE rank = 1"
        if keys is None:  # after clear(): resolved is empty
            db.execute(f"INSERT INTO resolved {best}")
            for table in ("events", "commitments"):
                db.execute(f"UPDATE {table} SET about_id = r.note_id FROM resolved r "
                           f"WHERE {table}.target = r.key")
            self._resolve_folders(None, [])
            db.execute(_TWINS.format(only=""))
            db.execute(_LAST_CONTACTS.format(only=""))
            return
        key_rows = [(key,) for key in sorted(keys)]
        contacts = bool(self.meta("contacts_day"))
        self._track("target", [k for (k,) in key_rows], contacts)  # what they were about
        db.executemany("DELETE FROM resolved WHERE key = ?", key_rows)
        db.executemany(f"INSERT INTO resolved SELECT * FROM ({best}) WHERE key = ?", key_rows)
        lookup = "(SELECT note_id FROM resolved r WHERE r.key = {t}.target)"
        for table in ("events", "commitments"):
            update = f"UPDATE {table} SET about_id = {lookup.format(t=table)} "
            db.executemany(update + "WHERE target = ?", key_rows)
            db.executemany(update + "WHERE note_id = ? AND target IS NOT NULL",
                           [(i,) for i in new_ids])
        self._resolve_folders(keys, new_ids)
        self._find_twins(key_rows, new_ids)
        self._track("target", [k for (k,) in key_rows], contacts)  # what they are about now
        self._track("note_id", new_ids, contacts)
        # The people whose events changed (all of them are in _changed by now).
        execute_in(db, _LAST_CONTACTS.format(only="AND p.note_id IN ({})"), sorted(self._changed))

    def _find_twins(self, key_rows: list[tuple[str]], new_ids: list[int]) -> None:
        """Mark again the twins (``_TWINS``) of the notes whose links were just
        pointed at notes again: those naming ``key_rows`` and ``new_ids``. A name
        moved from one note to another may make twins of two links, or part them.
        500 notes to a statement (with the last_contact pass after it: 13 ms for
        1,000 edited daily notes and their 5,341 people, 29 ms a note at a time)."""
        db = self.db
        notes = set(new_ids)
        notes.update(i for (i,) in rows_in(db, "SELECT DISTINCT note_id FROM events "
                                               "WHERE target IN ({})", [k for (k,) in key_rows]))
        ids = sorted(notes)
        execute_in(db, "UPDATE events SET twin = 0 WHERE twin = 1 AND target IS NOT NULL "
                       "AND note_id IN ({})", ids)  # (a last_contact's is not theirs)
        execute_in(db, _TWINS.format(only="AND note_id IN ({})"), ids)

    def _resolve_folders(self, keys: set[str] | None, new_ids: list[int]) -> None:
        """Point the events and promises of links written with folders (``[[Acme/Alex
        Kim]]``) at the note in those folders when more than one note has the name
        (else the name alone decides, as for any link): every such link (``keys``
        None), or those naming ``keys`` and those in ``new_ids``."""
        db = self.db
        claimed = {key for (key,) in db.execute("SELECT key FROM resolved WHERE claims > 1")}
        if not claimed:
            return
        from vaultnet.parse.values import note_at

        query = ("SELECT f.rowid, f.note_id, f.tab, f.line, f.target, f.nth, f.path, src.path "
                 "FROM folder_links f JOIN notes src ON src.id = f.note_id WHERE f.{} = ?")
        found: dict[int, tuple] = {}
        for column, values in (("target", sorted(claimed if keys is None else claimed & keys)),
                               ("note_id", new_ids)):
            for value in values:
                found.update((row[0], row[1:]) for row in db.execute(query.format(column), (value,)))
        candidates: dict[str, list[tuple[int, str]]] = {}
        for note_id, table, line, target, nth, path, source in found.values():
            if target not in claimed:
                continue
            if target not in candidates:  # titles only: a folder is no alias's
                candidates[target] = db.execute(
                    "SELECT n.note_id, notes.path FROM names n JOIN notes ON notes.id = n.note_id "
                    "WHERE n.key = ? AND n.is_alias = 0 ORDER BY notes.path", (target,)).fetchall()
            notes = candidates[target]
            chosen = note_at(path, source, [note_path for _, note_path in notes])
            if chosen is not None:
                db.execute(f"""UPDATE {table} SET about_id = ? WHERE rowid = (
                                   SELECT rowid FROM {table} WHERE note_id = ? AND line = ?
                                   AND target = ? ORDER BY rowid LIMIT 1 OFFSET ?)""",
                           (notes[chosen][0], note_id, line, target, nth))

    def refresh_contacts(self, day: date | None = None) -> None:
        """Make ``contacts`` hold the state as of ``day`` (default: the day it holds
        already, if any): the subjects whose events changed, and when it held another
        day, those with events dated between the two (every subject, in one pass, when
        they are most or when it held none). Call it in a transaction."""
        stored = self.meta("contacts_day")
        if day is None:
            if stored is None:
                self._stale.clear()
                return
            day = date.fromisoformat(stored)
        new = day.isoformat()
        if stored == new and not self._stale:
            return
        ids = set(self._stale)
        moved = stored is not None and stored != new
        if moved:
            # A subject's row as of a day depends only on its events up to that day:
            # from one day to another, only the subjects with events dated between
            # the two change (on the next day, usually none: ~5 ms instead of
            # recomputing ten thousand people's, ~0.4 s).
            low, high = sorted((stored, new))
            ids.update(i for (i,) in self.db.execute(
                "SELECT DISTINCT about_id FROM events "
                "WHERE date > ? AND date <= ? AND about_id IS NOT NULL", (low, high)))
            # The follow-ups kept for them were computed from their old rows.
            self.db.executemany("DELETE FROM followups_done WHERE note_id = ?",
                                [(i,) for i in ids])
        everything = stored is None or (
            moved and 2 * len(ids) > self.db.execute("SELECT COUNT(*) FROM contacts").fetchone()[0])
        if everything:  # cheaper in one pass than subject by subject
            self.db.execute("DELETE FROM contacts")
            self.db.execute(_CONTACTS.format(only=""), (new,))
        else:
            ordered = sorted(ids)
            for start in range(0, len(ordered), 500):  # SQLite limits a statement's parameters
                part = ordered[start : start + 500]
                marks = ",".join("?" * len(part))
                self.db.execute(f"DELETE FROM contacts WHERE about_id IN ({marks})", part)
                self.db.execute(_CONTACTS.format(only=f"AND e.about_id IN ({marks})"),
                                [new, *part])
        if stored != new:
            self.set_meta("contacts_day", new)
        self._stale.clear()

    # --- reading ------------------------------------------------------------------

    def counts(self, today: date, daily_folders: Iterable[str] = (),
               daily_formats: Iterable[str] = ()) -> dict[str, int]:
        """The figures of `vaultnet index --json` (SPEC 6), ``errors`` included (the
        problems `vaultnet check` lists, with the daily notes' as :meth:`problems`).

        Kept in ``meta`` for the day until the notes change (a sync deletes them):
        counting a hundred thousand events is most of an unchanged index's time."""
        kept = json.loads(self.meta("counts") or "{}")
        daily = [list(daily_folders), list(daily_formats)]
        if kept.get("day") == today.isoformat() and kept.get("daily", [[], []]) == daily:
            return kept["counts"]
        version = self._data_version()
        counts = self._count(today)
        counts["errors"] = len(self.problems(daily_folders, daily_formats, today))
        try:
            with self.transaction():
                # Not when another command changed the index while this one counted:
                # these counts may be of the index before it.
                if self._data_version() == version:
                    self.set_meta("counts", json.dumps({"day": today.isoformat(), "daily": daily,
                                                        "counts": counts}))
        except IndexFileError:
            pass  # another process writes the index: count again next time
        return counts

    def _data_version(self) -> int:
        """A number that changes whenever another connection commits to the index."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def _count(self, today: date) -> dict[str, int]:
        day = today.isoformat()
        q = self.db.execute
        by_type = dict(q("SELECT type, COUNT(*) FROM notes WHERE generated = 0 GROUP BY type"))
        # All events, by the (covering) index on (about_id, date), less the twins, by
        # their own: asking for `twin = 0` would read every event's row (28 -> 113 ms).
        every = ("SELECT COUNT(*) FROM events x JOIN notes t ON t.id = x.about_id "
                 "WHERE t.type = ? AND +x.date <= ?")
        twins = every + " AND x.twin = 1"  # (1 written: the index holds only those)
        if self.meta("contacts_day") == day:  # summed per subject already: no event scan
            events = dict(q("SELECT t.type, SUM(c.events) FROM notes t "
                            "JOIN contacts c ON c.about_id = t.id WHERE t.generated = 0 "
                            "AND t.type IN ('person', 'skill') GROUP BY t.type"))
            interactions, practice = events.get("person", 0), events.get("skill", 0)
        else:  # per type: the events of its notes, by their index on (about_id, date)
            interactions, practice = (  # `+`: not by the dates' index (see _CONTACTS)
                q(every, (kind, day)).fetchone()[0] - q(twins, (kind, day)).fetchone()[0]
                for kind in ("person", "skill")
            )
        commitments = q(  # a task linking one person twice is one promise (read.py)
            "SELECT COUNT(*) FROM (SELECT DISTINCT x.note_id, x.line, x.about_id "
            "FROM commitments x JOIN notes t ON t.id = x.about_id "
            "WHERE t.type = 'person' AND x.done = 0)").fetchone()[0]
        return {"notes": sum(by_type.values()), "people": by_type.get("person", 0),
                "skills": by_type.get("skill", 0), "goals": by_type.get("goal", 0),
                "interactions": interactions, "practice": practice, "commitments": commitments}

    def has_people(self) -> bool:
        """Whether any note is a person note."""
        return self.db.execute("SELECT 1 FROM notes WHERE type = 'person' LIMIT 1").fetchone() is not None

    def people_tags(self) -> set[str]:
        """Every tag a person has, lower-cased, with the tags a nested one is in
        (``work/acme``: ``work`` too), as ``--tag`` matches them."""
        tags = set()
        for (stored,) in self.db.execute("SELECT DISTINCT tags FROM people WHERE tags != '[]'"):
            for tag in lower_tuple(stored):
                parts = tag.split("/")
                tags.update("/".join(parts[:n]) for n in range(1, len(parts) + 1))
        return tags

    def linked_from_days(self) -> tuple[str, list[str]] | None:
        """The folder with the most plain notes that dated notes link, and those
        notes' titles: where a vault with no person note most likely keeps its
        people (``Contacts/``). None when dated notes link no plain note in a folder."""
        rows = self.db.execute("""
            SELECT substr(t.path, 1, length(t.path) - length(t.title) - 4) AS folder, t.title
            FROM notes n JOIN links l ON l.note_id = n.id
            JOIN resolved r ON r.key = l.target JOIN notes t ON t.id = r.note_id
            WHERE n.date IS NOT NULL AND t.type = 'note' AND t.generated = 0
              AND t.date IS NULL AND instr(t.path, '/') > 0
            GROUP BY t.id""").fetchall()
        if not rows:
            return None
        folders: dict[str, list[str]] = {}
        for folder, title in rows:
            folders.setdefault(folder, []).append(title)
        folder = max(sorted(folders), key=lambda f: len(folders[f]))
        return folder, sorted(folders[folder], key=str.casefold)

    def people_without_role_or_cadence(self) -> list[tuple[str, str]]:
        """(path, name) of the people whose notes give neither a role nor a cadence,
        leaving out the notes with a problem (`check` names theirs: a cadence that
        cannot be read is none)."""
        return self.db.execute(
            "SELECT n.path, n.title FROM people p JOIN notes n ON n.id = p.note_id "
            "WHERE p.roles = '[]' AND p.cadence IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM problems x WHERE x.note_id = p.note_id) "
            "ORDER BY n.title COLLATE NOCASE, n.path").fetchall()

    def note_count(self) -> int:
        """Notes, leaving out the pages vaultnet generated."""
        return self.db.execute("SELECT COUNT(*) FROM notes WHERE generated = 0").fetchone()[0]

    def problems(self, daily_folders: Iterable[str] = (), daily_formats: Iterable[str] = (),
                 today: date | None = None) -> list[Problem]:
        """Every problem `vaultnet check` reports (:func:`problems.vault_problems`)."""
        from vaultnet.index.problems import vault_problems

        return vault_problems(self.db, daily_folders, daily_formats, today)

    def problems_in(self, paths: Iterable[str] | None = None) -> list[Problem]:
        """The problems found in reading these notes (None: every note), each
        alone (not those :meth:`problems` finds across notes), in path and line
        order."""
        from vaultnet.model import Problem

        query = "SELECT n.path, p.line, p.message FROM notes n JOIN problems p ON p.note_id = n.id"
        rows = (self.db.execute(query) if paths is None
                else rows_in(self.db, query + " WHERE n.path IN ({})", list(paths)))
        return sorted(Problem(*row) for row in rows)


def rows_in(db: sqlite3.Connection, query: str, values: list, before: Iterable = ()) -> Iterator[tuple]:
    """The rows of ``query`` for every value, where ``{}`` in the query stands for
    the ``?`` of an IN list; 500 values at a time (SQLite limits a statement's
    parameters). ``before``: parameters that come ahead of the list."""
    before = list(before)
    for start in range(0, len(values), 500):
        part = list(values[start : start + 500])
        yield from db.execute(query.format(",".join("?" * len(part))), before + part)


def execute_in(db: sqlite3.Connection, statement: str, values: list) -> None:
    """Run a statement that returns no rows for every value, as :func:`rows_in`."""
    for _ in rows_in(db, statement, values):
        pass


def is_lock(exc: sqlite3.Error) -> bool:
    """Whether SQLite says another connection holds the lock."""
    return "locked" in str(exc) or "busy" in str(exc)


def locked(path: Path) -> IndexFileError:
    return IndexFileError(f"{path}: the index is locked by another vaultnet process (is "
                          "`vaultnet watch` running?); try again when it is done")
