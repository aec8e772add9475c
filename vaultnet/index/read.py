"""Load the domain (``vaultnet.domain``) from the index, as of a given day.

Part of the one place that knows SQL. SQLite does the aggregation that would
otherwise mean loading every event of a large vault into Python: the latest
interaction and the latest ask per person, and the give/take counts. Ties are
broken by path and line so the same vault always gives the same answer.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from datetime import date

from vaultnet.cadence import effective_cadence
from vaultnet.config import Config
from vaultnet.domain import Activity, Goal, Person, Promise, Skill, Vault
from vaultnet.index.store import Index
from vaultnet.model import Milestone

# The latest events per subject up to a day (several when they share that date):
# MAX(date) per about_id comes from the (about_id, date) index alone.
_LATEST = """
WITH last AS (SELECT about_id, MAX(date) AS day FROM events
              WHERE date <= ? AND about_id IS NOT NULL {extra} GROUP BY about_id)
SELECT e.about_id, e.date, e.minutes, e.tags, e.text, src.path, e.line
FROM last JOIN events e ON e.about_id = last.about_id AND e.date = last.day
JOIN notes src ON src.id = e.note_id
WHERE 1 {extra}
"""
_HAS_TAG = "(' ' || tags || ' ') LIKE '% {tag} %'"  # only events have a tags column


def _tags(text: str) -> tuple[str, ...]:
    return tuple(text.split()) if text else ()


@functools.lru_cache(maxsize=4096)
def _json_tuple(text: str) -> tuple:
    """A stored JSON list as a tuple; most are one of a few values ("[]", roles)."""
    return tuple(json.loads(text))


def load_vault(index: Index, config: Config, today: date, since: date,
               balance: bool = True) -> Vault:
    """People, skills and goals with their history up to ``today``; the
    individual activities from ``since`` to ``today``. ``balance=False`` leaves
    out what only the balance needs (give/take counts, last practice), which
    `vaultnet due` does not show."""
    db = index.db
    day = today.isoformat()
    paths, types = {}, {}
    for nid, path, kind in db.execute(
            "SELECT id, path, type FROM notes WHERE type IN ('person', 'skill')"):
        paths[nid], types[nid] = path, kind
    skill_by_key = dict(db.execute(
        "SELECT r.key, n.path FROM resolved r JOIN notes n ON n.id = r.note_id "
        "WHERE n.type = 'skill'"))

    def latest(kind: str, extra: str = "") -> dict[int, Activity]:
        """The latest event about each note of ``kind``; of several on that day, the
        last by path and line, so that the answer never depends on storage order."""
        found: dict[int, Activity] = {}
        for about, d, minutes, tags, text, source, line in db.execute(_LATEST.format(extra=extra),
                                                                       (day,)):
            if types.get(about) != kind:
                continue
            known = found.get(about)
            if known is None or (source, line) > (known.source, known.line):
                found[about] = Activity(date.fromisoformat(d), paths[about], minutes, _tags(tags),
                                        text, source, line)
        return found

    last = latest("person")
    asks = latest("person", "AND (" + " OR ".join(_HAS_TAG.format(tag=t) for t in ("asked", "referral"))
                  + ")")
    ledger = {} if not balance else {about: (gave, took) for about, gave, took in db.execute(f"""
        SELECT e.about_id, SUM({_HAS_TAG.format(tag='gave')}),
               SUM({_HAS_TAG.format(tag='received')} OR {_HAS_TAG.format(tag='asked')}
                   OR {_HAS_TAG.format(tag='referral')})
        FROM events e JOIN notes t ON t.id = e.about_id
        WHERE t.type = 'person' AND e.date <= ? AND e.tags != ''
        GROUP BY e.about_id""", (day,))}
    promises: dict[int, list[Promise]] = defaultdict(list)
    for about, text, due, source, line in db.execute("""
            SELECT c.about_id, c.text, c.due, src.path, c.line
            FROM commitments c JOIN notes t ON t.id = c.about_id JOIN notes src ON src.id = c.note_id
            WHERE t.type = 'person' AND c.done = 0 ORDER BY src.path, c.line"""):
        promises[about].append(Promise(paths[about], text, _date(due), source, line))
    milestones: dict[int, list[Milestone]] = defaultdict(list)
    for note_id, d, what, line in db.execute(
            "SELECT note_id, date, what, line FROM milestones ORDER BY date, rowid"):
        milestones[note_id].append(Milestone(date.fromisoformat(d), what, line))

    cadences: dict[tuple, object] = {}  # (own cadence, roles) -> Interval: a few distinct ones
    people = {}
    for row in db.execute("""
            SELECT n.id, n.path, n.title, p.roles, p.cadence, p.next, p.met, p.met_where,
                   p.birthday, p.company, p.title, p.skills, p.tags, p.private
            FROM people p JOIN notes n ON n.id = p.note_id WHERE n.type = 'person'
            ORDER BY n.path"""):
        (nid, path, name, roles, cadence, nxt, met, met_where, birthday, company, title,
         skills, tags, private) = row
        roles = _json_tuple(roles)
        if (cadence, roles) not in cadences:
            cadences[cadence, roles] = effective_cadence(cadence, roles, config.cadences)
        gave, took = ledger.get(nid, (0, 0))
        people[path] = Person(
            path=path, name=name, roles=roles,
            cadence=cadences[cadence, roles],
            next=_date(nxt), met=_date(met), met_where=met_where, birthday=birthday,
            milestones=tuple(milestones.get(nid, ())),
            skills=tuple(skill_by_key[k] for k in _json_tuple(skills) if k in skill_by_key),
            tags=tuple(t.lower() for t in _json_tuple(tags)),
            company=company, title=title, private=bool(private),
            last=last.get(nid), last_ask=asks.get(nid), promises=tuple(promises.get(nid, ())),
            gave=gave or 0, took=took or 0)

    practiced = {about: a.date for about, a in latest("skill").items()} if balance else {}
    skills = {}
    for nid, path, name, level, target, category in db.execute("""
            SELECT n.id, n.path, n.title, s.level, s.target, s.category
            FROM skills s JOIN notes n ON n.id = s.note_id WHERE n.type = 'skill'
            ORDER BY n.path"""):
        skills[path] = Skill(path, name, level, target, category, practiced.get(nid))

    goals = {}
    for path, name, target_role, by, skill_levels, network, balance in db.execute("""
            SELECT n.path, n.title, g.target_role, g.by, g.skills, g.network, g.balance
            FROM goals g JOIN notes n ON n.id = g.note_id WHERE n.type = 'goal'
            ORDER BY n.path"""):
        # A goal may name a skill that has no note yet: it is kept by its name.
        levels = {skill_by_key.get(key, key): level for key, level in json.loads(skill_levels).items()}
        goals[path] = Goal(path, name, target_role, _date(by), levels, json.loads(network), balance)

    activities = [
        Activity(date.fromisoformat(d), paths[about], minutes, _tags(tags), text, source, line)
        for about, d, minutes, tags, text, source, line in db.execute("""
            SELECT e.about_id, e.date, e.minutes, e.tags, e.text, src.path, e.line
            FROM events e JOIN notes t ON t.id = e.about_id JOIN notes src ON src.id = e.note_id
            WHERE t.type IN ('person', 'skill') AND e.date BETWEEN ? AND ?
            ORDER BY e.date, src.path, e.line""", (since.isoformat(), day))
    ]
    return Vault(today, since, people, skills, goals, activities)


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
