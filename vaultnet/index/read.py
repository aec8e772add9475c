"""Load the domain (``vaultnet.domain``) from the index, as of a given day.

Part of the one place that knows SQL. Each person's latest interaction, latest
ask and give/take counts come from the ``contacts`` table, which the index
keeps for one day at a time (``Index.refresh_contacts``): a vault's hundred
thousand events are not read to answer who is due.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from vaultnet.cadence import effective_cadence, parse_cadence
from vaultnet.config import Config
from vaultnet.domain import Activity, ContactCard, Goal, Milestone, Person, Promise, Skill, Vault
from vaultnet.index.store import Days, Index, json_tuple, lower_tuple, rows_in

_EVENT = "c.{e}_date, c.{e}_minutes, c.{e}_tags, c.{e}_text, c.{e}_source, c.{e}_line"


def _tags(text: str) -> tuple[str, ...]:
    return tuple(text.split()) if text else ()


def _key(name: str) -> str:
    from vaultnet.parse.values import name_key  # imported here: `due` and `report` need none

    return name_key(name)


def load_vault(index: Index, config: Config, today: date, since: date) -> Vault:
    """People, skills and goals with their history up to ``today``; the
    individual activities from ``since`` to ``today``."""
    ensure_day(index, today)
    skill_keys = skill_paths(index)
    return Vault(today, since, load_people(index, config, skill_keys), load_skills(index),
                 load_goals(index, skill_keys), load_activities(index, since, today))


def ensure_day(index: Index, today: date) -> None:
    """The per-person summaries (``contacts``) as of ``today``."""
    if index.meta("contacts_day") != today.isoformat():
        with index.transaction():
            index.refresh_contacts(today)


def skill_paths(index: Index) -> dict[str, str]:
    """Each name a skill note answers to (lower-case) -> its path."""
    return _paths_by_name(index, "skill")


def _paths_by_name(index: Index, kind: str) -> dict[str, str]:
    return dict(index.db.execute(
        "SELECT r.key, n.path FROM resolved r JOIN notes n ON n.id = r.note_id "
        "WHERE n.type = ?", (kind,)))


def _frontmatter_link_paths(index: Index, kind: str, by_name: dict[str, str]):
    """``(key, source) -> path`` of the ``kind`` note a frontmatter link kept as
    ``key`` names, in the note at ``source``; None for none. ``by_name``: name key ->
    path, the note a link by the name alone opens. A key with folders
    (``backend/testing``, from ``"[[Backend/Testing]]"``) means the note of that
    name in those folders when several have it, as a link in a body does
    (``Index._resolve_folders``)."""
    from vaultnet.parse.values import note_at

    titles: dict[str, list[tuple[str, str]]] = {}

    def resolve(key: str, source: str) -> str | None:
        if "/" not in key:
            return by_name.get(key)
        name = key.rsplit("/", 1)[1]
        if name not in titles:  # titles only: a folder is no alias's
            titles[name] = index.db.execute(
                "SELECT n.path, n.type FROM names x JOIN notes n ON n.id = x.note_id "
                "WHERE x.key = ? AND x.is_alias = 0 ORDER BY n.path", (name,)).fetchall()
        notes = titles[name]
        chosen = note_at(key, source, [path for path, _ in notes]) if len(notes) > 1 else None
        if chosen is None:
            return by_name.get(name)
        path, type_ = notes[chosen]
        return path if type_ == kind else None

    return resolve


def load_people(index: Index, config: Config, skill_keys: dict[str, str],
                paths: set[str] | None = None) -> dict[str, Person]:
    """Every person by path, in path order; only those in ``paths`` when given
    (a watcher reloading the people whose notes or events changed)."""
    if paths is None:
        return _people(index, config, skill_keys, "", [])
    people: dict[str, Person] = {}
    values = sorted(paths)
    for start in range(0, len(values), 500):  # SQLite limits a statement's parameters
        part = values[start : start + 500]
        marks = ",".join("?" * len(part))
        people.update(_people(index, config, skill_keys, f"AND n.path IN ({marks})", part))
    return people


def _people(index: Index, config: Config, skill_keys: dict[str, str], where: str,
            args: list) -> dict[str, Person]:
    db = index.db
    only = where.replace("n.path", "t.path")
    promises: dict[int, list[Promise]] = defaultdict(list)
    # DISTINCT: a task that links one person twice ([[Ann Lee]], [[Ann|her]]) is
    # one promise to them (the parser keeps one row per link).
    for about, path, text, due, source, line, private in db.execute(f"""
            SELECT DISTINCT c.about_id, t.path, c.text, c.due, src.path, c.line, c.private
            FROM commitments c JOIN notes t ON t.id = c.about_id JOIN notes src ON src.id = c.note_id
            WHERE t.type = 'person' AND c.done = 0 {only} ORDER BY src.path, c.line""", args):
        promises[about].append(Promise(path, text, _date(due), source, line, bool(private)))
    milestones: dict[int, list[Milestone]] = defaultdict(list)
    for note_id, d, what, line in db.execute(f"""
            SELECT m.note_id, m.date, m.what, m.line FROM milestones m JOIN notes t ON t.id = m.note_id
            WHERE 1 {only} ORDER BY m.date, m.rowid""", args):
        milestones[note_id].append(Milestone(date.fromisoformat(d), what, line))

    cadences: dict[tuple, object] = {}  # (own cadence, roles) -> Interval: a few distinct ones
    skill_lists: dict[str, tuple[str, ...]] = {}  # stored JSON -> skill paths: most are "[]"
    resolve = None
    days = Days()
    people = {}
    for row in db.execute(f"""
            SELECT n.id, n.path, n.title, p.roles, p.cadence, p.next, p.met, p.met_where,
                   p.birthday, p.skills, p.company, p.title, p.private, c.gave, c.took,
                   {_EVENT.format(e="last")}, {_EVENT.format(e="ask")}
            FROM people p JOIN notes n ON n.id = p.note_id
            LEFT JOIN contacts c ON c.about_id = n.id
            WHERE n.type = 'person' {where} ORDER BY n.path""", args):
        (nid, path, name, roles, cadence, nxt, met, met_where, birthday, skills, company, title,
         private, gave, took) = row[:15]
        roles = json_tuple(roles)
        if (cadence, roles) not in cadences:
            cadences[cadence, roles] = effective_cadence(cadence, roles, config.cadences)
        known = skill_lists.get(skills)
        if known is None:
            if "/" in skills:
                # A link with folders may be read from the note's own folder (./Testing):
                # what it means is worked out for each person, not kept for the next.
                resolve = resolve or _frontmatter_link_paths(index, "skill", skill_keys)
                known = tuple(found for k in json_tuple(skills) if (found := resolve(k, path)))
            else:
                known = skill_lists[skills] = tuple(
                    skill_keys[k] for k in json_tuple(skills) if k in skill_keys)
        last = ask = None
        if row[15] is not None:
            last = Activity(days[row[15]], path, row[16], _tags(row[17]), row[18], row[19], row[20])
        if row[21] is not None:
            ask = Activity(days[row[21]], path, row[22], _tags(row[23]), row[24], row[25], row[26])
        # Positional, in the order of Person's fields: ten thousand calls add up.
        people[path] = Person(
            path, name, roles, cadences[cadence, roles], days[nxt], days[met], met_where,
            birthday, tuple(milestones.get(nid, ())), known, company, title, bool(private), last, ask,
            tuple(promises.get(nid, ())), gave or 0, took or 0)
    return people


def load_contact_cards(index: Index) -> dict[str, ContactCard]:
    """How to reach each person, and their tags, by path, in path order (``vaultnet
    export`` and import; the rules and pages never need it)."""
    return {path: ContactCard(email, phone, linkedin, website, lower_tuple(tags))
            for path, email, phone, linkedin, website, tags in index.db.execute("""
                SELECT n.path, p.email, p.phone, p.linkedin, p.website, p.tags
                FROM people p JOIN notes n ON n.id = p.note_id
                WHERE n.type = 'person' ORDER BY n.path""")}


def load_skills(index: Index) -> dict[str, Skill]:
    skills = {}
    resolve = None
    for path, name, level, target, category, practiced, cadence, link, goal in index.db.execute("""
            SELECT n.path, n.title, s.level, s.target, s.category, c.last_date, s.cadence, s.goal,
                   g.path  -- the goal note its `goal:` links to by name, if it is one
            FROM skills s JOIN notes n ON n.id = s.note_id
            LEFT JOIN contacts c ON c.about_id = n.id
            LEFT JOIN resolved r ON r.key = s.goal
            LEFT JOIN notes g ON g.id = r.note_id AND g.type = 'goal'
            WHERE n.type = 'skill' ORDER BY n.path"""):
        if link and "/" in link:  # "[[Work/Staff Engineer]]": a goal in those folders
            resolve = resolve or _frontmatter_link_paths(index, "goal", _paths_by_name(index, "goal"))
            goal = resolve(link, path)
        skills[path] = Skill(path, name, level, target, category, _date(practiced),
                             _cadence(cadence), goal)
    return skills


def _cadence(text: str | None):
    """A skill's practice cadence as stored (checked when its note was read)."""
    return parse_cadence(text) if text else None


def load_goals(index: Index, skill_keys: dict[str, str]) -> dict[str, Goal]:
    from vaultnet.parse.values import frontmatter_key
    goals = {}
    resolve = _frontmatter_link_paths(index, "skill", skill_keys)
    for path, name, target_role, by, skill_levels, network, balance in index.db.execute("""
            SELECT n.path, n.title, g.target_role, g.by, g.skills, g.network, g.balance
            FROM goals g JOIN notes n ON n.id = g.note_id WHERE n.type = 'goal'
            ORDER BY n.path"""):
        # A goal may name a skill that has no note yet: it is kept by its name as written.
        levels = {resolve(frontmatter_key(name), path) or name: level
                  for name, level in json.loads(skill_levels).items()}
        goals[path] = Goal(path, name, target_role, _date(by), levels, json.loads(network), balance)
    return goals


def load_activities(index: Index, since: date, today: date,
                    sources: set[str] | None = None) -> list[Activity]:
    """Interactions and practice from ``since`` to ``today``, in date, path, line
    and subject order; only those written in the notes ``sources`` when given."""
    query = """
        SELECT t.path, e.date, e.minutes, e.tags, e.text, src.path, e.line
        FROM events e JOIN notes t ON t.id = e.about_id JOIN notes src ON src.id = e.note_id
        WHERE t.type IN ('person', 'skill') AND e.date BETWEEN ? AND ? AND e.twin = 0 {}
        ORDER BY e.date, src.path, e.line, t.path"""
    days = [since.isoformat(), today.isoformat()]
    if sources is None:
        rows = index.db.execute(query.format(""), days).fetchall()
    else:
        rows = list(rows_in(index.db, query.format("AND src.path IN ({})"), sorted(sources), days))
    return [Activity(date.fromisoformat(d), subject, minutes, _tags(tags), text, source, line)
            for subject, d, minutes, tags, text, source, line in rows]


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def has_name(index: Index, kind: str, name: str) -> bool:
    """Whether a note of type ``kind`` has ``name`` as its title or an alias, in
    any case."""
    return index.db.execute(
        "SELECT 1 FROM names x JOIN notes n ON n.id = x.note_id WHERE x.key = ? AND n.type = ?",
        (_key(name), kind)).fetchone() is not None


def find_note(index: Index, kind: str, name: str) -> tuple[str, list[tuple[str, str]]]:
    """The note of type ``kind`` that ``name`` means: by title or alias, any case,
    or with folders (``Globex/Alex Kim``) as a link finds it; its file name too
    (``Alex Kim.md``).

    Returns (path, []) for an exact name or a prefix only one note has, and
    ("", candidates) otherwise: [(path, name)] of every note the name fits
    (none: nothing fits). A title beats an alias, as for links; two notes of the
    same title are both candidates: a note is written to, so it is not guessed.
    """
    exact = index.db.execute(
        "SELECT n.path, x.is_alias, x.name FROM names x JOIN notes n ON n.id = x.note_id "
        "WHERE x.key = ? AND n.type = ? ORDER BY x.is_alias, n.path", (_key(name), kind)).fetchall()
    best: dict[str, str] = {}  # path -> the name: a note once, however often it has it
    for path, is_alias, shown in exact:
        if is_alias == exact[0][1]:
            best.setdefault(path, shown)
    if len(best) == 1:
        return next(iter(best)), []
    if best:
        return "", list(best.items())
    stem = name.rstrip()
    if stem[-3:].lower() == ".md" and stem[:-3].strip():  # a file name, as a shell completes
        return find_note(index, kind, stem[:-3])  # one typed in People/ (Jin Park.md)
    if "/" in name.strip().strip("/"):  # not an alias that holds one (CI/CD)
        return _find_in_folders(index, kind, name)
    pattern = _key(name).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = index.db.execute("""
        SELECT n.path, MIN(x.name) FROM names x JOIN notes n ON n.id = x.note_id
        WHERE n.type = ? AND x.key LIKE ? ESCAPE '\\' GROUP BY n.path ORDER BY n.path""",
        (kind, pattern)).fetchall()
    if not rows:  # no name starts so: the start of any word of one, accents aside
        fits: dict[str, str] = {}
        for path, shown in _loosely_named(index, kind, name):
            fits.setdefault(path, shown)
        rows = sorted(fits.items())
    if len(rows) == 1:
        return rows[0][0], []
    return "", [(path, title) for path, title in rows]


def _loose_names(index: Index, kind: str, typed: str) -> tuple[str, list[tuple[str, str, str]]]:
    """``typed`` as :func:`~vaultnet.parse.values.loose_key` has it, and (path, name,
    its loose key) of every title and alias of the notes of type ``kind``, titles
    first, then by name; none when nothing was typed. Every name is read: only
    for what no name starts with."""
    from vaultnet.parse.values import loose_key

    wanted = loose_key(typed)
    if not wanted:
        return wanted, []
    return wanted, [(path, shown, loose_key(shown)) for path, shown in index.db.execute(
        "SELECT n.path, x.name FROM names x JOIN notes n ON n.id = x.note_id "
        "WHERE n.type = ? ORDER BY x.is_alias, x.name, n.path", (kind,))]


def _loosely_named(index: Index, kind: str, typed: str) -> list[tuple[str, str]]:
    """(path, name) of each title and alias of the notes of type ``kind`` that has a
    word starting with ``typed``, in any case and accents aside: ``nunez``,
    ``sofia`` and ``sofia nu`` all find Sofía Núñez. In a script written without
    spaces, a run's letters are words of it: ``小明`` finds 王小明, ``太郎`` 山田太郎."""
    from vaultnet.words import UNSPACED_LETTER

    wanted, names = _loose_names(index, kind, typed)
    start = r"(?<!\w)"
    if not wanted.isascii() and re.match(UNSPACED_LETTER, wanted):
        start = rf"(?:{start}|(?<={UNSPACED_LETTER}))"
    at_a_word = re.compile(start + re.escape(wanted)).search
    return [(path, shown) for path, shown, key in names if at_a_word(key)]


def names_like(index: Index, kind: str, typed: str, most: int = 3) -> list[str]:
    """Titles and aliases of notes of type ``kind`` that ``typed`` looks like a
    misspelling of (the whole name or one of its words, accents aside: ``lean``
    for Lena Fischer), closest first: for a name that no note has."""
    import difflib

    wanted, names = _loose_names(index, kind, typed)
    by_key: dict[str, str] = {}  # a name, and each of its words -> the name
    for _, shown, key in names:
        for part in (key, *key.split()):
            by_key.setdefault(part, shown)
    close = difflib.get_close_matches(wanted, by_key, n=most * 3, cutoff=0.7)
    return list(dict.fromkeys(by_key[key] for key in close))[:most]


def _find_in_folders(index: Index, kind: str, name: str) -> tuple[str, list[tuple[str, str]]]:
    from vaultnet.parse.values import folder_path, link_key, note_at

    rows = index.db.execute(
        "SELECT n.path, x.name FROM names x JOIN notes n ON n.id = x.note_id "
        "WHERE x.key = ? AND x.is_alias = 0 AND n.type = ? ORDER BY n.path",
        (link_key(name), kind)).fetchall()
    chosen = note_at(folder_path(name.strip().removeprefix("./")), "", [path for path, _ in rows])
    return (rows[chosen][0], []) if chosen is not None else ("", [])


def names_starting(index: Index, kind: str, prefix: str, limit: int = 50) -> list[str]:
    """Titles and aliases of notes of type ``kind`` that start with ``prefix``, else
    those a word of which does, accents aside, as :func:`find_note` finds them
    (completion)."""
    pattern = _key(prefix).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    names = [name for (name,) in index.db.execute("""
        SELECT DISTINCT x.name FROM names x JOIN notes n ON n.id = x.note_id
        WHERE n.type = ? AND x.key LIKE ? ESCAPE '\\' ORDER BY x.is_alias, x.name LIMIT ?""",
        (kind, pattern, limit))]
    if names or not prefix.strip():
        return names
    return list(dict.fromkeys(name for _, name in _loosely_named(index, kind, prefix)))[:limit]


def note_named(index: Index, name: str) -> str | None:
    """The path of the note a link ``[[name]]`` would open, if any."""
    row = index.db.execute(
        "SELECT n.path FROM resolved r JOIN notes n ON n.id = r.note_id WHERE r.key = ?",
        (_key(name),)).fetchone()
    return row[0] if row else None


def note_paths(index: Index) -> tuple[dict[str, str], dict[str, list[str]]]:
    """For links written as paths: each name a note answers to (its link key) ->
    the note's path; and the file names (link keys) that more than one note has ->
    the paths of those notes, vaultnet's own pages among them."""
    paths = dict(index.db.execute(
        "SELECT r.key, n.path FROM resolved r JOIN notes n ON n.id = r.note_id"))
    shared: dict[str, list[str]] = {}
    for key, path in index.db.execute(
            "SELECT x.key, n.path FROM names x JOIN notes n ON n.id = x.note_id WHERE x.is_alias = 0 "
            "AND x.key IN (SELECT key FROM names WHERE is_alias = 0 GROUP BY key HAVING COUNT(*) > 1) "
            "ORDER BY n.path"):
        shared.setdefault(key, []).append(path)
    for page, title in generated_pages(index):
        key = _key(title)  # a page vaultnet wrote is a file of that name too
        if key not in shared:
            shared[key] = [path for (path,) in index.db.execute(
                "SELECT n.path FROM names x JOIN notes n ON n.id = x.note_id "
                "WHERE x.key = ? AND x.is_alias = 0", (key,))]
        if shared[key]:
            shared[key].append(page)
        else:
            del shared[key]
    return paths, shared


def generated_pages(index: Index) -> list[tuple[str, str]]:
    """(path, title) of every page vaultnet wrote that the index has seen, by path."""
    return index.db.execute(
        "SELECT path, title FROM notes WHERE generated = 1 ORDER BY path").fetchall()


def shared_file_names(index: Index, pages: Iterable[str] = ()) -> frozenset[str]:
    """The file names (link keys) that more than one note has, or a note and a page
    vaultnet writes (``pages``: the names of those about to be written; those
    written before are in the index): a link to one of those notes needs its
    folder, or Obsidian opens the other (a page in the vault's top folder first)."""
    keys = {_key(title) for _, title in generated_pages(index)}
    keys.update(_key(page) for page in pages)
    shared = {key for key in keys if index.db.execute(
        "SELECT 1 FROM names WHERE key = ? AND is_alias = 0 LIMIT 1", (key,)).fetchone()}
    if index.db.execute("SELECT 1 FROM resolved WHERE claims > 1 LIMIT 1").fetchone():
        shared.update(key for (key,) in index.db.execute(
            "SELECT key FROM names WHERE is_alias = 0 GROUP BY key HAVING COUNT(*) > 1"))
    return frozenset(shared)  # the usual vault: none (no name claimed twice, by a partial index)


def person_names(index: Index) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """By path: every person's title and aliases as link keys (lower-case), and
    their aliases as written, in the note's order."""
    keys: dict[str, list[str]] = defaultdict(list)
    aliases: dict[str, list[str]] = defaultdict(list)
    for path, key, name, is_alias in index.db.execute(
            "SELECT n.path, x.key, x.name, x.is_alias FROM names x JOIN notes n ON n.id = x.note_id "
            "WHERE n.type = 'person' ORDER BY n.path, x.is_alias, x.line, x.rowid"):
        keys[path].append(key)
        if is_alias:
            aliases[path].append(name)
    return ({path: tuple(found) for path, found in keys.items()},
            {path: tuple(found) for path, found in aliases.items()})
