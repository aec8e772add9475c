"""The problems `vaultnet check` lists (SPEC 6), read from the index.

Those of one note are stored with it by the parser (``problems``); the ones
here need the whole vault: two notes claiming one name, frontmatter links to no
note, links that count for no one though a person's name is like theirs,
undated notes in the daily notes' folder, or named with a day, that link
people, notes named as a page vaultnet writes, the copies sync services
make of a note two devices changed, and people, skills and goals named as a
copy of another.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vaultnet.model import Problem


def vault_problems(db: sqlite3.Connection, daily_folders: Iterable[str] = (),
                   daily_formats: Iterable[str] = (), today: date | None = None
                   ) -> list[Problem]:
    """Every problem `vaultnet check` reports, in path and line order.
    ``daily_folders``, ``daily_formats``: where Obsidian keeps daily notes and
    how it names them (``Config``), for the notes there that are not dated;
    ``today``: a note named with a later day is a plan (any day, when None)."""
    rows = list(db.execute(
        "SELECT n.path, p.line, p.message FROM problems p JOIN notes n ON n.id = p.note_id"))
    # Two notes claiming one name: links go to the one in `resolved`. Not when
    # both are ordinary notes: a link to either counts for no one, whichever it
    # reaches (a vault of every note one keeps has many such pairs).
    rows += db.execute("""
        SELECT n.path, x.line,
               CASE WHEN x.is_alias THEN 'alias ' ELSE 'title ' END || '''' || x.name ||
               ''' is also claimed by ' || w.path || ', where links to it go' ||
               -- a title loses only to another title (titles come before aliases),
               -- and a link with the note's folders finds it (Index._resolve_folders)
               CASE WHEN x.is_alias THEN '; rename one of them or remove the alias'
                    ELSE ' by the name alone; link to this one with its folder, [[' ||
                         substr(n.path, 1, length(n.path) - 3) ||
                         ']], or rename one of the two notes' END
        FROM resolved r  -- CROSS JOIN: the few names claimed twice first, by their index
        CROSS JOIN names x ON x.key = r.key AND x.note_id != r.note_id
        JOIN notes n ON n.id = x.note_id
        JOIN notes w ON w.id = r.note_id
        WHERE r.claims > 1 AND (n.type != 'note' OR w.type != 'note')
    """).fetchall()
    # Frontmatter links to no note: each name they link looked up once (ten
    # thousand people may link a few hundred skills).
    rows += db.execute("""
        SELECT n.path, l.line, 'links to [[' || l.name || ']], which no note has as ' ||
               'title or alias; create the note or correct the link'
        FROM links l JOIN notes n ON n.id = l.note_id
        WHERE l.in_frontmatter = 1 AND l.target IN (
            SELECT target FROM (SELECT DISTINCT target FROM links WHERE in_frontmatter = 1)
            WHERE NOT EXISTS (SELECT 1 FROM names x WHERE x.key = target))
    """).fetchall()
    rows += _undated_daily_notes(db, daily_folders, daily_formats)
    rows += _named_with_a_day(db, daily_folders, today)
    rows += _named_with_a_week(db, daily_folders, today)
    rows += _links_to_no_one(db)
    rows += _named_as_pages(db)
    rows += _sync_conflict_copies(db)
    rows += _copies_by_name(db)
    rows += _notes_in_a_persons_folder(db)
    from vaultnet.model import Problem

    return sorted(Problem(*row) for row in set(rows))

# A day in a note's name, as meeting notes are named (`2026-11-18 Ann 1-1`).
_DAY_IN_NAME = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def _named_with_a_day(db: sqlite3.Connection, daily_folders: Iterable[str],
                      today: date | None) -> list[tuple]:
    """A note named with a day and more (``Meetings/2026-11-18 Ann 1-1.md``) that
    links people, but is not dated (SPEC 2 dates a note by a name that is the day
    alone, or by ``date:``) and has no dated line: nothing in it counts, though
    its name says when it was, and nothing else would say so. A day after
    ``today`` names a plan (an agenda), which would not count dated either. The
    daily notes' folder has its own problem (:func:`_undated_daily_notes`); a
    sync service's copy too (:func:`_sync_conflict_copies`). A drawing of the
    Excalidraw plugin is named with the day it was begun (``Drawing 2026-11-18
    14.32.11.excalidraw.md``), and is no meeting."""
    from vaultnet.words import some

    rows = []
    linking = _undated_linking_people(db, daily_folders,
                                      "*[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*")
    for (path, title), names in linking.items():
        for found in _DAY_IN_NAME.finditer(title):
            try:
                day = date(*map(int, found.groups()))
            except ValueError:  # 2026-02-30: no day
                continue
            if today is None or day <= today:
                rows.append((path, 1, f"its name holds the day {day}, yet it is not dated (a "
                             "name dates a note only when it is the day alone), so its links "
                             f"to {some(names, 3)} count as no interaction; give it "
                             f"date: {day}"))
            break
    return rows


# An ISO week in a note's name, as weekly notes are named (`2026-W47`, `2026-W47 review`).
_WEEK_IN_NAME = re.compile(r"(?<!\d)(\d{4})-W(\d{2})(?!\d)")


def _named_with_a_week(db: sqlite3.Connection, daily_folders: Iterable[str],
                       today: date | None) -> list[tuple]:
    """A weekly note (``2026-W47``) that links people and has no dated line: a week
    dates no note (SPEC 2: a day does), so nothing in it counts, though its
    name says when it was. Its lines want their days. A week begun after
    ``today`` is a plan."""
    from vaultnet.words import some

    rows = []
    for (path, title), names in _undated_linking_people(db, daily_folders, "*[0-9]-W[0-9]*").items():
        found = _WEEK_IN_NAME.search(title)
        if not found:
            continue
        try:
            monday = date.fromisocalendar(int(found[1]), int(found[2]), 1)
        except ValueError:  # week 54: no week
            continue
        if today is None or monday <= today:
            rows.append((path, 1, f"its name is the week {found[0]}, but only a day dates a "
                         f"note, so its links to {some(names, 3)} count as no interaction; "
                         f"start each line with its day (- {monday} …)"))
    return rows


def _undated_linking_people(db: sqlite3.Connection, daily_folders: Iterable[str],
                            glob: str) -> dict[tuple[str, str], list[str]]:
    """The ordinary notes whose title matches ``glob``, not dated and with no dated
    line (nor a problem of their own, which may hide their date), that link
    people outside their promises: (path, title) -> the people's names. Not in
    the daily notes' folders, nor sync services' copies, nor Excalidraw's drawings."""
    daily = tuple(f"{folder}/" for folder in daily_folders)
    people: dict[tuple[str, str], list[str]] = {}
    for path, title, person in db.execute("""
            SELECT DISTINCT n.path, n.title, t.title FROM notes n
            JOIN links l ON l.note_id = n.id
            JOIN resolved r ON r.key = l.target
            JOIN notes t ON t.id = r.note_id AND t.type = 'person'
            WHERE n.type = 'note' AND n.generated = 0 AND n.date IS NULL
              AND n.title GLOB ?
              AND n.title NOT LIKE '%.excalidraw'
              AND NOT EXISTS (SELECT 1 FROM events e WHERE e.note_id = n.id)
              -- its own problems first: a date: that is no date, YAML that hides one
              AND NOT EXISTS (SELECT 1 FROM problems p WHERE p.note_id = n.id)
              AND NOT EXISTS (SELECT 1 FROM commitments c
                              WHERE c.note_id = n.id AND c.line = l.line)
            ORDER BY n.path, t.title""", (glob,)):
        if not path.startswith(daily) and not _CONFLICT_COPY.fullmatch(title):
            people.setdefault((path, title), []).append(person)
    return people


def _links_to_no_one(db: sqlite3.Connection) -> list[tuple]:
    """A dated link (an interaction, practice) or an open promise to a name no note
    has, when a person's or skill's note has a name like it (``[[Ana]]`` for Ana
    Silva): it counts for no one, most likely by a slip. Said once per name, where
    it is first written, with how often it is. A name like no other (a project's,
    a note not written yet) is none of vaultnet's business."""
    lost = db.execute("""
        SELECT l.name, n.path, x.line, x.target FROM (
            SELECT note_id, line, target FROM events
            WHERE about_id IS NULL AND target IS NOT NULL
            UNION ALL
            SELECT note_id, line, target FROM commitments  -- (>= '': by commitments_target)
            WHERE about_id IS NULL AND target >= '' AND done = 0) x
        -- CROSS JOIN: from the few links lost to the link as written, not the other way
        CROSS JOIN links l ON l.note_id = x.note_id AND l.line = x.line
                              AND l.target = x.target AND l.in_frontmatter = 0
        JOIN notes n ON n.id = x.note_id
        GROUP BY x.target, n.path, x.line ORDER BY x.target, n.path, x.line""").fetchall()
    if not lost:
        return []
    from vaultnet.parse.values import NamesMeant
    from vaultnet.words import count, some

    names = NamesMeant((name, f"{name} ({path})") for name, path in db.execute("""
        SELECT x.name, n.path FROM names x JOIN notes n ON n.id = x.note_id
        WHERE n.type IN ('person', 'skill') ORDER BY x.is_alias, x.name, n.path"""))
    by_target: dict[str, list[tuple]] = {}
    for written, path, line, target in lost:
        by_target.setdefault(target, []).append((written, path, line))
    rows = []
    for places in by_target.values():
        written, path, line = places[0]
        meant, alias = names.meant(written)
        if not meant:
            continue
        notes = len({p for _, p, _ in places})
        how_often = ""
        if len(places) > 1:
            in_notes = f" in {count(notes, 'note')}" if notes > 1 else ""
            how_often = f" ({count(len(places), 'link')}{in_notes})"
        fix = (f"Link to that note, or give it aliases: [{written}]" if alias
               else "Correct the link")
        counts = "it counts" if len(places) == 1 else "they count"
        rows.append((path, line, f"[[{written}]]{how_often} is no note's name, so {counts} "
                     f"for no one; did you mean {some(meant, 3)}? {fix}"))
    return rows

def _named_as_pages(db: sqlite3.Connection) -> list[tuple]:
    """A person's or skill's note with the file name, or an alias, of a page
    vaultnet wrote (``People/Balance.md``): Obsidian may open the page for a link
    vaultnet counts for the note (it looks in the link's own folder, then takes the
    shortest path, and knows no aliases). vaultnet's own pages link such a note
    with its folder. Other notes' links count for nothing: a weekly note named as
    the week's review (``Weekly/2026-W48.md``) is no problem of vaultnet's."""
    pages = list(db.execute("SELECT title, path FROM notes WHERE generated = 1"))
    if not pages:
        return []
    from vaultnet.parse.values import name_key

    rows = []
    for title, page in pages:
        for path, line, name, is_alias in db.execute("""
                SELECT n.path, x.line, x.name, x.is_alias FROM names x
                JOIN notes n ON n.id = x.note_id
                WHERE x.key = ? AND n.type IN ('person', 'skill')""", (name_key(title),)):
            if is_alias:
                what, fix = f"alias '{name}'", "remove the alias"
            else:
                what, fix = f"title '{name}'", "rename the note"
            rows.append((path, line, f"{what} is also the name of {page}, a page vaultnet "
                         f"writes: Obsidian may open the page for a [[{name}]] that vaultnet "
                         f"counts for this note; {fix}, or give the page another path in "
                         ".vaultnet/config.toml [output]"))
    return rows


# The copy a sync service keeps of a note two devices changed: Obsidian Sync's
# "Create conflict file" (`Ann Lee (Conflicted copy MyMacBook 202411281430).md`),
# Dropbox's (`Ann Lee (Jo's conflicted copy 2026-11-20).md`), Nextcloud's
# (`Ann Lee (conflicted copy 2026-11-20 093812).md`), Syncthing's
# (`Ann Lee.sync-conflict-20261120-093812-ABCDEFG.md`) and older ownCloud's
# (`Ann Lee_conflict-20261120-093812.md`). Group 1 or 2: the note's own name.
_CONFLICT_COPY = re.compile(
    r"(.+?) \([^()]*conflicted copy[^()]*(?:\(\d+\)[^()]*)?\)"
    r"|(.+?)(?:\.sync-conflict-\d{8}-\d{6}(?:-[0-9A-Z]{7})?|_conflict-\d{8}-\d{6})",
    re.IGNORECASE)


def _sync_conflict_copies(db: sqlite3.Connection) -> list[tuple]:
    """A note that is a sync service's conflict copy of another (:data:`_CONFLICT_COPY`):
    vaultnet reads it as a note of its own, so a person's copy is a second person
    with follow-ups of its own, a daily note's copy links people on no date, and
    what it holds that the note does not is easily forgotten. Said of the copies
    of people, skills, goals and pages, and of other notes that link a person or a
    skill; a copy of a note vaultnet has no business with is left alone."""
    rows = []
    # Few paths say "conflict": the pattern is matched in Python on those alone.
    for path, title, kind, generated in db.execute("""
            SELECT n.path, n.title, n.type, n.generated FROM notes n
            WHERE n.path LIKE '%conflict%' AND (
                n.type != 'note' OR n.generated = 1 OR EXISTS (
                    SELECT 1 FROM links l JOIN resolved r ON r.key = l.target
                    JOIN notes t ON t.id = r.note_id AND t.type IN ('person', 'skill')
                    WHERE l.note_id = n.id))
            ORDER BY n.path"""):
        found = _CONFLICT_COPY.fullmatch(title)
        if not found:
            continue
        original = f"{path[:len(path) - len(title) - 3]}{found[1] or found[2]}.md"
        if generated:
            what = f"a sync conflict copy of {original}, a page vaultnet writes; delete it"
        else:
            reads = f"a {kind} of its own" + (", with follow-ups of its own" if kind == "person"
                                               else "")
            known = db.execute("SELECT 1 FROM notes WHERE path = ?", (original,)).fetchone()
            fix = (f"merge what it adds into {original}, then delete it" if known
                   else f"{original} is gone: rename this copy to {original}")
            what = f"a sync conflict copy of {original}, which vaultnet reads as {reads}; {fix}"
        rows.append((path, 1, what))
    return rows


def _undated_daily_notes(db: sqlite3.Connection, folders: Iterable[str],
                     formats: Iterable[str]) -> list[tuple]:
    """A note in a daily-notes folder that is not dated, but links people: a
    daily note whose name is no date as the settings name them (a language or a
    format vaultnet does not read), or one meant as a day's: its links count
    as no interaction, and nothing else would say so."""
    if not folders:
        return []
    from vaultnet.words import some

    named = " or ".join(f"'{f}'" for f in ("YYYY-MM-DD", *formats))
    rows = []
    for folder in folders:
        people: dict[str, list[str]] = {}
        for path, person in db.execute("""
                SELECT DISTINCT n.path, t.title FROM notes n
                JOIN links l ON l.note_id = n.id AND l.in_frontmatter = 0
                JOIN resolved r ON r.key = l.target
                JOIN notes t ON t.id = r.note_id AND t.type = 'person'
                WHERE n.type = 'note' AND n.generated = 0 AND n.date IS NULL
                  AND substr(n.path, 1, length(?) + 1) = ? || '/'
                ORDER BY n.path, t.title""", (folder, folder)):
            people.setdefault(path, []).append(person)
        for path, names in people.items():
            rows.append((path, 1, f"a note in the daily notes' folder {folder}/ whose name is no "
                         f"date as they are named ({named}), and without date:, so its links "
                         f"to {some(names, 3)} count as no interaction; rename it, or give it "
                         "date: YYYY-MM-DD"))
    return rows


# The name a copy of a note gets beside it: iCloud Drive's when two devices
# changed it (`Ann Lee 2.md`), Google Drive's and Windows' (`Ann Lee (1).md`),
# Finder's (`Ann Lee copy.md`, `Ann Lee copy 2.md`), Explorer's (`Ann Lee -
# Copy.md`). Group 1: the note's own name; group 2: iCloud's number.
_COPY_NAME = re.compile(
    r"(.+?)(?: (\d{1,2})| \(\d{1,2}\)| copy(?: \d{1,2})?| - Copy(?: \(\d{1,2}\))?)")


def _copies_by_name(db: sqlite3.Connection) -> list[tuple]:
    """A person's, skill's or goal's note named as a copy of another of the same
    kind in its folder (:data:`_COPY_NAME`): as a sync conflict copy, the two are
    counted apart, a person twice due. A number alone (``Python 3``, ``Web 3``)
    makes a copy's name of a person's only: skills and goals have versions."""
    rows = []
    for path, title, kind in db.execute("""
            SELECT path, title, type FROM notes
            WHERE type IN ('person', 'skill', 'goal')
              -- ' 2', ' 12', ' (1)', ' (12)' at the end, or ' copy' (:data:`_COPY_NAME`
              -- tells): a few cheap tests on ten thousand names
              AND (substr(title, -2, 1) = ' ' OR substr(title, -3, 1) IN (' ', '(')
                   OR substr(title, -4, 1) = '(' OR title LIKE '% copy%')
            ORDER BY path"""):
        found = _COPY_NAME.fullmatch(title)
        if not found or found[2] and kind != "person":
            continue
        original = f"{path[:len(path) - len(title) - 3]}{found[1]}.md"
        if not db.execute("SELECT 1 FROM notes WHERE path = ? AND type = ?",
                          (original, kind)).fetchone():
            continue
        twice = ", each due for follow-ups of their own" if kind == "person" else ""
        rows.append((path, 1, f"named as a copy of {original} (as iCloud Drive, Google Drive "
                     f"or a file manager names one), another {kind}: vaultnet counts the two "
                     f"apart{twice}; if it is a copy, merge what it adds into {original}, then "
                     "delete it; if not, rename one of them"))
    return rows


# What makes a person's note one: a property of a relationship (a company's note,
# People/Globex/Globex.md, has none of them), and any property of a person's.
_RELATIONSHIP = ("(p.roles != '[]' OR p.cadence IS NOT NULL OR p.last_contact IS NOT NULL "
                 "OR p.next IS NOT NULL OR p.met IS NOT NULL OR p.birthday IS NOT NULL "
                 "OR EXISTS (SELECT 1 FROM milestones m WHERE m.note_id = n.id))")
_NOTHING_OF_A_PERSON = (f"NOT {_RELATIONSHIP} AND p.company IS NULL AND p.title IS NULL "
                        "AND p.email IS NULL AND p.phone IS NULL AND p.linkedin IS NULL "
                        "AND p.website IS NULL AND p.skills = '[]'")


def _notes_in_a_persons_folder(db: sqlite3.Connection) -> list[tuple]:
    """A note typed a person by its folder, with nothing of a person's, in the
    folder of a person whose note is named as the folder (``People/Ann Lee/Ann
    Lee.md``, as the Folder Notes plugin keeps one): a note about them (a 1:1's,
    a talk's), which vaultnet counts as a person of its own, and whose links to
    them count for nothing."""
    from vaultnet.index.schema import FOLDER_NOTE

    rows = []
    for path, name in db.execute(f"""
            SELECT n.path, n.title FROM notes n JOIN people p ON p.note_id = n.id
            WHERE n.type = 'person' AND {FOLDER_NOTE} AND {_RELATIONSHIP}"""):
        folder = path[:len(path) - len(name) - 3]  # People/Ann Lee/
        for (inside,) in db.execute(f"""
                SELECT n.path FROM notes n JOIN people p ON p.note_id = n.id
                WHERE n.path > ? AND n.path < ? AND n.path != ? AND n.type = 'person'
                  AND {_NOTHING_OF_A_PERSON}
                ORDER BY n.path""", (folder, folder[:-1] + "0", path)):
            rows.append((inside, 1, f"a person of its own to vaultnet, by its folder, but it is "
                         f"in {name}'s folder, beside their note, and says nothing of a person: "
                         f"if it is a note about {name}, give it `type: note` (its dated links "
                         f"to [[{name}]] then count)"))
    return rows
