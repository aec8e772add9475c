"""The SQLite index, `.vaultnet/index.sqlite`: the one module that knows SQL.

The schema is documented in README.md ("The index"). The index is derived
data: it can always be deleted and rebuilt from the vault, so an unreadable or
outdated file is rebuilt rather than repaired.

Links are stored by lower-cased target name, not by note: a rename or a new
alias then changes what links resolve to without re-reading the notes that
link. Resolution happens in the ``resolved_*`` views (title before alias, then
the first path), which every query reads through.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from vaultnet.errors import IndexFileError
from vaultnet.model import ParsedNote, Problem

log = logging.getLogger(__name__)

APPLICATION_ID = 0x564E4554  # "VNET": marks the file as vaultnet's
SCHEMA_VERSION = 1  # bump on any change to the schema or to what the parser stores

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,          -- vault-relative, with /
    title TEXT NOT NULL,                -- file name without .md
    type TEXT NOT NULL,                 -- person | skill | goal | note
    generated INTEGER NOT NULL,         -- 1: a page vaultnet wrote (SPEC 4); nothing else stored
    date TEXT,                          -- dated notes: the note's date
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    hash TEXT NOT NULL,                 -- blake2b of the bytes
    indexed_ns INTEGER NOT NULL         -- when it was read; stats close to it are re-checked
);
CREATE TABLE names (                    -- what links can name a note by: title and aliases
    key TEXT NOT NULL, note_id INTEGER NOT NULL, is_alias INTEGER NOT NULL, name TEXT NOT NULL,
    line INTEGER NOT NULL               -- where the name is written (1 for the file name)
);
CREATE INDEX names_key ON names (key);
CREATE INDEX names_note ON names (note_id);
CREATE TABLE people (
    note_id INTEGER PRIMARY KEY, roles TEXT NOT NULL, cadence TEXT, last_contact TEXT,
    next TEXT, met TEXT, met_where TEXT, birthday TEXT, company TEXT, title TEXT,
    email TEXT, phone TEXT, linkedin TEXT, tags TEXT NOT NULL, skills TEXT NOT NULL,
    private INTEGER NOT NULL
);
CREATE TABLE milestones (
    note_id INTEGER NOT NULL, date TEXT NOT NULL, what TEXT NOT NULL, line INTEGER NOT NULL
);
CREATE INDEX milestones_note ON milestones (note_id);
CREATE TABLE skills (
    note_id INTEGER PRIMARY KEY, level INTEGER, target INTEGER, category TEXT, goal TEXT, cadence TEXT
);
CREATE TABLE goals (
    note_id INTEGER PRIMARY KEY, target_role TEXT, by TEXT, skills TEXT NOT NULL,
    network TEXT NOT NULL, balance INTEGER NOT NULL
);
CREATE TABLE events (                   -- interactions and practice (SPEC 2), unresolved
    note_id INTEGER NOT NULL,           -- the note it is written in
    line INTEGER NOT NULL,
    date TEXT NOT NULL,
    target TEXT,                        -- link key; NULL: about the note it is written in
    minutes INTEGER NOT NULL,
    tags TEXT NOT NULL,                 -- space-separated, lower-case, without #
    text TEXT NOT NULL
);
CREATE INDEX events_note ON events (note_id);
CREATE TABLE commitments (
    note_id INTEGER NOT NULL, line INTEGER NOT NULL, text TEXT NOT NULL, due TEXT,
    done INTEGER NOT NULL, target TEXT
);
CREATE INDEX commitments_note ON commitments (note_id);
CREATE TABLE links (
    note_id INTEGER NOT NULL, line INTEGER NOT NULL, target TEXT NOT NULL,
    in_frontmatter INTEGER NOT NULL, name TEXT NOT NULL
);
CREATE INDEX links_note ON links (note_id);
CREATE INDEX links_target ON links (target);
CREATE TABLE problems (note_id INTEGER NOT NULL, line INTEGER NOT NULL, message TEXT NOT NULL);
CREATE INDEX problems_note ON problems (note_id);
CREATE VIRTUAL TABLE notes_fts USING fts5 (title, body, tokenize = 'unicode61 remove_diacritics 2');

-- A link key resolves to one note: a title beats an alias, then the first path.
CREATE VIEW resolved_names AS
SELECT key, note_id FROM (
    SELECT n.key, n.note_id,
           row_number() OVER (PARTITION BY n.key ORDER BY n.is_alias, notes.path) AS rank
    FROM names n JOIN notes ON notes.id = n.note_id
) WHERE rank = 1;
CREATE VIEW resolved_events AS
SELECT e.*, COALESCE(CASE WHEN e.target IS NULL THEN e.note_id END, r.note_id) AS about_id
FROM events e LEFT JOIN resolved_names r ON e.target IS NOT NULL AND r.key = e.target;
CREATE VIEW resolved_commitments AS
SELECT c.*, COALESCE(CASE WHEN c.target IS NULL THEN c.note_id END, r.note_id) AS about_id
FROM commitments c LEFT JOIN resolved_names r ON c.target IS NOT NULL AND r.key = c.target;
"""

_TABLES_BY_NOTE = ("names", "people", "milestones", "skills", "goals", "events",
                   "commitments", "links", "problems")


class Index:
    """An open index file. Use :func:`open_index`."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path

    def close(self) -> None:
        self.db.close()

    # --- state --------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def note_stats(self) -> dict[str, tuple[int, int, int, str, int]]:
        """path -> (id, size, mtime_ns, hash, indexed_ns) for every indexed note."""
        rows = self.db.execute("SELECT path, id, size, mtime_ns, hash, indexed_ns FROM notes")
        return {row[0]: row[1:] for row in rows}

    # --- writing ------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise _locked(self.path, exc) from exc
            raise
        try:
            yield
        except BaseException:
            self.db.rollback()
            raise
        self.db.commit()

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def clear(self) -> None:
        for table in ("notes", "notes_fts", *_TABLES_BY_NOTE):
            self.db.execute(f"DELETE FROM {table}")

    def delete_notes(self, ids: Iterable[int]) -> None:
        rows = [(note_id,) for note_id in ids]
        for table in _TABLES_BY_NOTE:
            self.db.executemany(f"DELETE FROM {table} WHERE note_id = ?", rows)
        self.db.executemany("DELETE FROM notes_fts WHERE rowid = ?", rows)
        self.db.executemany("DELETE FROM notes WHERE id = ?", rows)

    def touch_notes(self, rows: Iterable[tuple[int, int, int, int]]) -> None:
        """Record a new stat for notes whose bytes did not change: (size, mtime, now, id)."""
        self.db.executemany(
            "UPDATE notes SET size = ?, mtime_ns = ?, indexed_ns = ? WHERE id = ?", rows)

    def insert_notes(self, notes: list[tuple[ParsedNote, int, int, str, int]]) -> None:
        """Store parsed notes: (note, size, mtime_ns, hash, indexed_ns) each."""
        db = self.db
        start = (db.execute("SELECT COALESCE(MAX(id), 0) FROM notes").fetchone()[0]) + 1
        note_rows, fts, names, people, milestones, skills, goals = [], [], [], [], [], [], []
        events, commitments, links, problems = [], [], [], []
        for offset, (note, size, mtime_ns, digest, now) in enumerate(notes):
            nid = start + offset
            note_rows.append((nid, note.path, note.title, note.type, int(note.generated),
                              _iso(note.date), size, mtime_ns, digest, now))
            problems.extend((nid, p.line, p.message) for p in note.problems)
            if note.generated:
                continue
            fts.append((nid, note.title, note.text))
            names.append((note.title.lower(), nid, 0, note.title, 1))
            names.extend((a.lower(), nid, 1, a, note.aliases_line) for a in note.aliases
                         if a.lower() != note.title.lower())
            if (p := note.person) is not None:
                people.append((nid, json.dumps(p.roles), p.cadence, _iso(p.last_contact),
                               _iso(p.next), _iso(p.met), p.met_where, p.birthday, p.company,
                               p.title, p.email, p.phone, p.linkedin, json.dumps(p.tags),
                               json.dumps(p.skills), int(p.private)))
                milestones.extend((nid, m.date.isoformat(), m.what, m.line) for m in p.milestones)
            if (s := note.skill) is not None:
                skills.append((nid, s.level, s.target, s.category, s.goal, s.cadence))
            if (g := note.goal) is not None:
                goals.append((nid, g.target_role, _iso(g.by), json.dumps(g.skills),
                              json.dumps(g.network), g.balance))
            events.extend((nid, e.line, e.date.isoformat(), e.target, e.minutes, " ".join(e.tags),
                           e.text) for e in note.events)
            commitments.extend((nid, c.line, c.text, _iso(c.due), int(c.done), c.target)
                               for c in note.commitments)
            links.extend((nid, k.line, k.target, int(k.in_frontmatter), k.name) for k in note.links)
        db.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?)", note_rows)
        db.executemany("INSERT INTO notes_fts (rowid, title, body) VALUES (?,?,?)", fts)
        db.executemany("INSERT INTO names VALUES (?,?,?,?,?)", names)
        db.executemany("INSERT INTO people VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", people)
        db.executemany("INSERT INTO milestones VALUES (?,?,?,?)", milestones)
        db.executemany("INSERT INTO skills VALUES (?,?,?,?,?,?)", skills)
        db.executemany("INSERT INTO goals VALUES (?,?,?,?,?,?)", goals)
        db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?)", events)
        db.executemany("INSERT INTO commitments VALUES (?,?,?,?,?,?)", commitments)
        db.executemany("INSERT INTO links VALUES (?,?,?,?,?)", links)
        db.executemany("INSERT INTO problems VALUES (?,?,?)", problems)

    # --- reading ------------------------------------------------------------------

    def counts(self, today: date) -> dict[str, int]:
        """The figures of `vaultnet index --json` (SPEC 6), without ``errors``."""
        day = today.isoformat()
        q = self.db.execute
        notes = q("SELECT COUNT(*) FROM notes WHERE generated = 0").fetchone()[0]
        by_type = dict(q("SELECT type, COUNT(*) FROM notes WHERE generated = 0 GROUP BY type"))
        about = ("SELECT COUNT(*) FROM {view} x JOIN notes t ON t.id = x.about_id "
                 "WHERE t.type = ? AND {cond}")
        interactions, practice = (
            q(about.format(view="resolved_events", cond="x.date <= ?"), (kind, day)).fetchone()[0]
            for kind in ("person", "skill")
        )
        commitments = q(about.format(view="resolved_commitments", cond="x.done = 0"),
                        ("person",)).fetchone()[0]
        return {"notes": notes, "people": by_type.get("person", 0),
                "skills": by_type.get("skill", 0), "goals": by_type.get("goal", 0),
                "interactions": interactions, "practice": practice, "commitments": commitments}

    def problems(self) -> list[Problem]:
        """Every problem `vaultnet check` reports, in path and line order."""
        rows = list(self.db.execute(
            "SELECT n.path, p.line, p.message FROM problems p JOIN notes n ON n.id = p.note_id"))
        # Two notes claiming one name: links go to the first (resolved_names' order).
        rows += self.db.execute("""
            SELECT n.path, x.line,
                   CASE WHEN x.is_alias THEN 'alias ' ELSE 'title ' END || '''' || x.name ||
                   ''' is also claimed by ' || w.path || ', where links to it go; ' ||
                   'rename one of them or remove the alias'
            FROM names x
            JOIN resolved_names r ON r.key = x.key AND r.note_id != x.note_id
            JOIN notes n ON n.id = x.note_id
            JOIN notes w ON w.id = r.note_id
        """).fetchall()
        rows += self.db.execute("""
            SELECT n.path, l.line, 'links to [[' || l.name || ']], which no note has as ' ||
                   'title or alias; create the note or correct the link'
            FROM links l JOIN notes n ON n.id = l.note_id
            WHERE l.in_frontmatter = 1
              AND NOT EXISTS (SELECT 1 FROM names x WHERE x.key = l.target)
        """).fetchall()
        return sorted(Problem(*row) for row in set(rows))


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _connect(path: Path, timeout: float = 5.0) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    return db


def _describe(exc: sqlite3.Error) -> str:
    return str(exc) or type(exc).__name__


def _locked(path: Path, exc: sqlite3.Error) -> IndexFileError:
    return IndexFileError(f"{path}: the index is locked by another vaultnet process (is "
                          "`vaultnet watch` running?); try again when it is done")


def open_index(path: Path, lock_timeout: float = 5.0) -> tuple[Index, bool]:
    """Open (creating or rebuilding as needed) the index; True when it starts empty.

    A file that is not SQLite, or an older schema, is replaced: the index is
    derived data. A SQLite file that another program made is left alone.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = not path.exists() or path.stat().st_size == 0
    try:
        db = _connect(path, lock_timeout)
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise _locked(path, exc) from exc
        log.warning("%s: unreadable index (%s); rebuilding it", path, _describe(exc))
        _remove(path)
        db, app_id, version, tables, fresh = _connect(path), 0, 0, 0, True
    if tables and app_id != APPLICATION_ID:
        db.close()
        raise IndexFileError(f"{path}: this SQLite file was not made by vaultnet; move it "
                             "elsewhere and run `vaultnet index` again")
    if version != SCHEMA_VERSION or not tables:
        if tables:
            log.info("index schema %s is outdated (now %s); rebuilding", version, SCHEMA_VERSION)
            db.close()
            _remove(path)
            db = _connect(path)
        db.executescript(SCHEMA)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        fresh = True
    return Index(db, path), fresh


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)

