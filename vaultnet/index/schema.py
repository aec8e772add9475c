"""The index's tables, and how an index file gets them.

What each table holds is documented in README.md ("The index"); the columns
are commented here. Part of the one place that knows SQL (``vaultnet.index``):
``store`` reads and writes these tables, ``rows`` makes the rows of parsed notes.
"""

from __future__ import annotations

import logging
import sqlite3

log = logging.getLogger(__name__)

APPLICATION_ID = 0x564E4554  # "VNET": marks the file as vaultnet's
SCHEMA_VERSION = 89  # bump on any change to the schema or to what the parser stores

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value NOT NULL);  -- text, or a blob
CREATE TABLE listing (                  -- the last walk's listing (discover.list_notes)
    chunk INTEGER PRIMARY KEY,          -- its place: chunks in order make the listing
    lines BLOB NOT NULL                 -- the chunk's lines, NUL-separated
);
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
CREATE TABLE people (
    note_id INTEGER PRIMARY KEY, roles TEXT NOT NULL, cadence TEXT, last_contact TEXT,
    next TEXT, met TEXT, met_where TEXT, birthday TEXT, company TEXT, title TEXT,
    email TEXT, phone TEXT, linkedin TEXT, tags TEXT NOT NULL, skills TEXT NOT NULL,
    private INTEGER NOT NULL, website TEXT
);
CREATE TABLE milestones (
    note_id INTEGER NOT NULL, date TEXT NOT NULL, what TEXT NOT NULL, line INTEGER NOT NULL
);
CREATE TABLE skills (
    note_id INTEGER PRIMARY KEY, level INTEGER, target INTEGER, category TEXT, goal TEXT, cadence TEXT
);
CREATE TABLE goals (
    note_id INTEGER PRIMARY KEY, target_role TEXT, by TEXT, skills TEXT NOT NULL,
    network TEXT NOT NULL, balance INTEGER NOT NULL
);
CREATE TABLE events (                   -- interactions and practice (SPEC 2)
    note_id INTEGER NOT NULL,           -- the note it is written in
    line INTEGER NOT NULL,
    date TEXT NOT NULL,
    target TEXT,                        -- link key; NULL: about the note it is written in
    minutes INTEGER NOT NULL,
    tags TEXT NOT NULL,                 -- space-separated, lower-case, without #; a nested
                                        -- tag's root follows it (gave/intro gave)
    text TEXT NOT NULL,
    about_id INTEGER,                   -- the note it is about (resolved target); NULL: none
    block INTEGER NOT NULL,             -- the line of its item or paragraph; 0: the properties
    twin INTEGER NOT NULL               -- 1: another event counts for this one: its item or
                                        -- paragraph links the same note before, or (block
                                        -- 0) the body links it; for last_contact, another
                                        -- event that day with the person, anywhere
);
CREATE TABLE commitments (
    note_id INTEGER NOT NULL, line INTEGER NOT NULL, text TEXT NOT NULL, due TEXT,
    done INTEGER NOT NULL, target TEXT, about_id INTEGER,
    private INTEGER NOT NULL            -- 1: in a note tagged private (SPEC 5)
);
CREATE TABLE folder_links (             -- links written with folders ([[Acme/Alex Kim]])
    note_id INTEGER NOT NULL,           -- the note they are in
    tab TEXT NOT NULL,                  -- the table of the row the link made: events | commitments
    line INTEGER NOT NULL, target TEXT NOT NULL,
    nth INTEGER NOT NULL,               -- which of the note's rows there on that line with that target
    path TEXT NOT NULL                  -- the link's folders and name, lower-cased, without .md
);
CREATE TABLE resolved (                 -- the note each link name means
    key TEXT PRIMARY KEY, note_id INTEGER NOT NULL,
    claims INTEGER NOT NULL             -- how many notes have the name: more than one is a problem
) WITHOUT ROWID;
CREATE TABLE contacts (                 -- per person or skill, as of meta 'contacts_day'
    about_id INTEGER PRIMARY KEY,       -- the note the events are about
    -- The latest event up to that day, copied (loading 10,000 people then reads
    -- no event): its date, minutes, tags, text, the path of its note and its line.
    last_date TEXT NOT NULL, last_minutes INTEGER NOT NULL, last_tags TEXT NOT NULL,
    last_text TEXT NOT NULL, last_source TEXT NOT NULL, last_line INTEGER NOT NULL,
    -- The latest #asked/#referral event, likewise; NULL: none.
    ask_date TEXT, ask_minutes INTEGER, ask_tags TEXT, ask_text TEXT, ask_source TEXT,
    ask_line INTEGER,
    gave INTEGER NOT NULL,              -- events tagged #gave
    took INTEGER NOT NULL,              -- events tagged #received, #asked or #referral
    events INTEGER NOT NULL             -- all its events up to that day
);
CREATE TABLE followups (                -- per person, under meta 'followups_key' (SPEC 3)
    note_id INTEGER NOT NULL,           -- the person: their name and path, as `due` lists them
    name TEXT NOT NULL, path TEXT NOT NULL,
    reason TEXT NOT NULL, due TEXT NOT NULL, detail TEXT NOT NULL,
    seq INTEGER NOT NULL,               -- the order the rules gave, for ties
    PRIMARY KEY (due, name, reason, path, seq)  -- stored in SPEC 6's order: read straight through
) WITHOUT ROWID;
CREATE TABLE followups_done (           -- the people whose follow-ups are kept
    note_id INTEGER PRIMARY KEY,
    since TEXT NOT NULL, until TEXT NOT NULL  -- the days they hold for (followups.unchanged_until)
);
CREATE TABLE links (
    note_id INTEGER NOT NULL, line INTEGER NOT NULL, target TEXT NOT NULL,
    in_frontmatter INTEGER NOT NULL, name TEXT NOT NULL
);
CREATE TABLE problems (note_id INTEGER NOT NULL, line INTEGER NOT NULL, message TEXT NOT NULL);
CREATE VIRTUAL TABLE notes_fts USING fts5 (title, body, tokenize = 'unicode61 remove_diacritics 2');

-- Every note a name could mean, best first: a title beats an alias, then the first path.
CREATE VIEW name_candidates AS
SELECT n.key, n.note_id,
       row_number() OVER (PARTITION BY n.key ORDER BY n.is_alias, notes.path) AS rank,
       count(*) OVER (PARTITION BY n.key) AS claims
FROM names n JOIN notes ON notes.id = n.note_id;
"""

# Secondary indexes, dropped during a rebuild and created once after it: building
# an index over sorted data at the end is much cheaper than maintaining it row by row.
INDEXES = """
CREATE INDEX names_key ON names (key);
CREATE INDEX names_note ON names (note_id);
CREATE INDEX milestones_note ON milestones (note_id);
CREATE INDEX events_note ON events (note_id);
CREATE INDEX events_target ON events (target);
CREATE INDEX events_about ON events (about_id, date);  -- the latest event per person
CREATE INDEX events_date ON events (date);  -- a window's events: the balance, the review
CREATE INDEX events_twins ON events (about_id) WHERE twin = 1;  -- the few: left out of counts
CREATE INDEX commitments_note ON commitments (note_id);
CREATE INDEX commitments_target ON commitments (target);
CREATE INDEX followups_note ON followups (note_id);
CREATE INDEX links_note ON links (note_id);
CREATE INDEX links_target ON links (target);
-- For the counts and `vaultnet check`, which would otherwise read every note and link.
CREATE INDEX notes_type ON notes (generated, type);
CREATE INDEX links_frontmatter ON links (in_frontmatter, target);
CREATE INDEX problems_note ON problems (note_id);
CREATE INDEX folder_links_note ON folder_links (note_id);
CREATE INDEX folder_links_target ON folder_links (target);
CREATE INDEX resolved_claimed ON resolved (key) WHERE claims > 1;  -- names two notes claim
-- The few notes named as their folder (People/Ann Lee/Ann Lee.md, as the Folder Notes
-- plugin keeps them): the expression is FOLDER_NOTE's, which a query must repeat.
CREATE INDEX notes_folder_notes ON notes (type)
    WHERE substr(path, -(2 * length(title) + 5)) = '/' || title || '/' || title || '.md';
"""
# A note named as the folder it is in (see the index above).
FOLDER_NOTE = "substr(n.path, -(2 * length(n.title) + 5)) = '/' || n.title || '/' || n.title || '.md'"
INDEX_STATEMENTS = [part[part.index("CREATE INDEX"):] for part in INDEXES.split(";")
                    if "CREATE INDEX" in part]

# The tables that hold rows of each note, deleted with it.
TABLES_BY_NOTE = ("names", "people", "milestones", "skills", "goals", "events",
                  "commitments", "followups", "followups_done", "links", "problems",
                  "folder_links")

# How each note's rows are stored (``rows.NoteRows``, by table name).
INSERT = {table: f"INSERT INTO {table} VALUES ({','.join('?' * width)})"
          for table, width in (("notes", 10), ("names", 5), ("people", 17), ("milestones", 4),
                               ("skills", 6), ("goals", 6), ("events", 10), ("commitments", 8),
                               ("links", 5), ("problems", 3), ("folder_links", 6))}
INSERT["notes_fts"] = "INSERT INTO notes_fts (rowid, title, body) VALUES (?,?,?)"


def make_schema(db: sqlite3.Connection) -> bool:
    """Make vaultnet's tables, in place of an older schema's; False when another
    command made them meanwhile.

    One write transaction, taken before anything is looked at: two commands
    that start together on a new or outdated index (``watch`` and ``due``)
    each find it needs making, and the second, once the first is done, finds
    it made. The file stays where it is, so that another process that has it
    open never writes to a deleted one. A failure half-way (a full disk)
    leaves the file as it was, not tables without vaultnet's mark."""
    db.execute("BEGIN IMMEDIATE")  # another command's write lock: "database is locked"
    try:
        # Full-text tables first: each takes its own tables with it.
        objects = db.execute("""
            SELECT type, name FROM sqlite_master
            WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'
            ORDER BY sql NOT LIKE 'CREATE VIRTUAL TABLE%'""").fetchall()
        if objects and db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            db.rollback()
            return False
        if objects:
            log.info("the index's schema is outdated (now %s); rebuilding", SCHEMA_VERSION)
        for kind, name in objects:
            db.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')
        for statement in _statements(SCHEMA + INDEXES):
            db.execute(statement)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        db.rollback()
        raise
    db.commit()
    return True


def _statements(script: str) -> list[str]:
    """The SQL statements of a script, one by one (``executescript`` would commit
    the transaction they belong to)."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    return statements
