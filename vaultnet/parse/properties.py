"""A note's properties (its YAML frontmatter) typed as SPEC 1 says: the keys every
note has, a person's, a skill's and a goal's fields, the links they hold, and the
keys that look like a slip for one vaultnet reads.

Part of the one place that knows the on-disk format (see :mod:`vaultnet.parse.note`).
"""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Any

from vaultnet.cadence import parse_cadence
from vaultnet.config import ROLES, role_name
from vaultnet.domain import Milestone
from vaultnet.model import GoalFields, Link, ParsedNote, PersonFields, Problem, SkillFields
from vaultnet.parse import inline
from vaultnet.parse.frontmatter import key_line
from vaultnet.parse.values import (
    ISO_DATE,
    frontmatter_key,
    link_key,
    link_list,
    link_name,
    month_day,
    name_list,
    scalar_text,
    small_int,
    tag_list,
    to_date,
    to_dated_text,
    to_deadline,
    truthy,
)
from vaultnet.words import as_written

# The frontmatter keys read in every note, and in each type of note (SPEC 1).
_EVERY_NOTE = ("aliases", "tags", "type")
_KEYS_READ = {
    "person": ("role", "cadence", "last_contact", "next", "met", "birthday", "milestones",
               "company", "title", "email", "phone", "linkedin", "website", "skills",
               "private"),
    "skill": ("level", "target", "category", "cadence", "goal"),
    "goal": ("target_role", "by", "skills", "network", "balance"),
    "note": ("date", "role"),  # role: to name a person's role on no person
}
# Keys Obsidian itself stopped reading (Properties, "Deprecated properties").
_OBSIDIAN_OLD = {"alias": "aliases", "tag": "tags"}
READ_BY = {kind: frozenset(keys + _EVERY_NOTE) for kind, keys in _KEYS_READ.items()}


def _unset(value: Any) -> bool:
    """A property left empty (``key:``, ``key: ""``, ``key: []``): read as unset."""
    return value is None or value == "" or value == []


class Reader:
    """Collects problems while typing frontmatter values of one note."""

    def __init__(self, note: ParsedNote, meta: dict[str, Any], yaml_text: str) -> None:
        self.note, self.meta, self.yaml_text = note, meta, yaml_text
        self._lines: dict[str, int] = {}

    def line(self, key: str) -> int:
        """The file line of ``key``, looked for once per key: a meeting's property
        may link a thousand people, each link on the key's line."""
        if key not in self._lines:
            self._lines[key] = key_line(self.yaml_text, key) if self.yaml_text else 1
        return self._lines[key]

    def problem(self, key: str, message: str) -> None:
        self.note.problems.append(Problem(self.note.path, self.line(key), f"{key}: {message}"))

    def get(self, key: str, convert, default=None, *, unreadable=None):
        """``convert(value)``, or ``default`` when the key is unset; a value that
        does not convert is a problem, and gives ``unreadable`` (default: ``default``)."""
        value = self.meta.get(key)
        if value is None or value == "" or value == []:  # _unset(), without a call per key
            return default
        try:
            return convert(value)
        except (ValueError, TypeError) as exc:
            self.problem(key, str(exc))
            return default if unreadable is None else unreadable

    def link(self, key: str, name: str) -> str:
        """Record a frontmatter link; what the typed field keeps (:func:`frontmatter_key`)."""
        self.note.links.append(Link(self.line(key), link_key(name), True, name))
        return frontmatter_key(name)


def property_tags(meta: dict[str, Any]) -> frozenset[str]:
    """The note's ``tags:``, lower-cased; none when it has none or they cannot be read
    (which the reader of a person's tags tells)."""
    if not meta.get("tags"):
        return frozenset()
    try:
        return frozenset(tag.lower() for tag in tag_list(meta["tags"]))
    except (TypeError, ValueError):
        return frozenset()


def tagged_private(tags: frozenset[str]) -> bool:
    """Whether the note is tagged private in its properties (``tags: [private]``, or
    nested: ``private/family``): all it holds is kept off the pages (SPEC 5)."""
    return any(tag.split("/", 1)[0] == "private" for tag in tags)


def misspelt_keys(reader: Reader, kind: str) -> None:
    """A key one slip away from a key this note's type reads (``cadance``,
    ``last-contact``, ``role`` for ``roles``) would have its value ignored
    without a word; name it, unless the note also has the key it resembles or it is
    empty (nothing is lost: a template's ``E-mail:`` left blank)."""
    read = READ_BY[kind]
    for key, value in reader.meta.items():
        if key in read or _unset(value):
            continue
        if key in _OBSIDIAN_OLD and _OBSIDIAN_OLD[key] not in reader.meta:
            reader.problem(key, f"Obsidian stopped reading this key in version 1.9 and "
                           f"vaultnet does not read it; rename it to {_OBSIDIAN_OLD[key]} "
                           "(Obsidian's Format converter renames it in every note)")
            continue
        # Ordinary notes hold keys of every kind: there only the keys every note
        # reads are compared, and a plural is not taken for a slip.
        meant = (_resembled(key, _KEYS_READ[kind] + _EVERY_NOTE, plurals=True) if kind != "note"
                 else _resembled(key, _EVERY_NOTE, plurals=False))
        if meant and meant not in reader.meta:
            reader.problem(key, f"vaultnet does not read this key, so its value is ignored; "
                           f"rename it to {meant} if that is what you meant")


def commented_values(reader: Reader, kind: str) -> None:
    """``role: #mentor``, ``tags: #work #oncall``, a list's ``- #work``: a # after a
    space starts a comment in YAML, so the value is read as empty, by Obsidian
    too; said, with what to write: a tag or role without its #, any other value
    in quotes. Only for the keys vaultnet reads."""
    for key in READ_BY[kind]:
        value = reader.meta.get(key, False)
        if value is not None and not (isinstance(value, list) and None in value):
            continue
        pattern = _COMMENTED_VALUE if value is None else _COMMENTED_ITEMS
        found = _block_of(reader.yaml_text, key)
        if found is None or not (comment := re.search(pattern, found)):
            continue
        words = " ".join(found[comment.start(1):].split()) if value is None else comment.group(1)
        if key in ("tags", "role"):  # a tag's #, or a role written as one: without it
            bare = [word.lstrip("#") for word in words.split()]
            meant = f"[{', '.join(bare)}]" if value is None and len(bare) > 1 else bare[0]
        else:
            meant = f'"{words}"'
        meant = f"{key}: {meant}" if value is None else f"- {meant}"
        line = reader.line(key) + found.count("\n", 0, comment.start())  # an item's own line
        reader.note.problems.append(Problem(
            reader.note.path, line, f"{key}: the # makes {words} a comment to YAML, so it is "
                                    f"read as empty; write {meant}"))


# A # and a word, as a tag is written: "# fill in" is a comment meant as one (a template's).
# (Patterns as text: `re` compiles them when first used, which most runs never do.)
_COMMENTED_VALUE = r"\A[^\n]*?:[ \t]+(#[^\s#].*)"
_COMMENTED_ITEMS = r"(?m)^[ \t]*-[ \t]+(#[^\s#]\S*)"


def _block_of(yaml_text: str, key: str) -> str | None:
    """The lines of a top-level key: its own and those indented under it."""
    start = _key_start(key).search(yaml_text)
    if start is None:
        return None
    after = re.compile(_NEXT_KEY).search(yaml_text, start.end())  # (compiled once, by re)
    return yaml_text[start.start():after.start() if after else len(yaml_text)]


@functools.cache
def _key_start(key: str) -> re.Pattern[str]:
    return re.compile(rf"^[\"']?{re.escape(key)}[\"']?[ \t]*:", re.IGNORECASE | re.MULTILINE)


_NEXT_KEY = r"(?m)^(?=[^\s#-])"


def resembled(key: str, kind: str) -> str | None:
    """The property of a note of type ``kind`` that ``key`` names: as it is, or
    written another way (``Last Contact``, ``roles``, ``cadance``)."""
    names = _KEYS_READ[kind]
    return key if key in names else _resembled(key, names, plurals=True)


def _resembled(key: str, names: tuple[str, ...], plurals: bool) -> str | None:
    """The name ``key`` is a variant of: written with other separators or none
    (``last-contact``, ``e-mail``), singular for plural or the reverse, or with
    one letter wrong, missing, added or swapped (names of five letters or more)."""
    squeezed = re.sub(r"[\s_-]+", "", key)
    for name in names:
        if squeezed == name.replace("_", ""):
            return name
        if plurals and (key == name + "s" or name == key + "s"):
            return name
        if len(name) >= 5 and _one_slip(key, name):
            return name
    return None


def _one_slip(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one edit: a letter changed, added or removed, or
    two neighbours swapped (a Damerau distance of 1)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):  # one letter added
        return a[i:] == b[i + 1:]
    if a[i + 1:] == b[i + 1:]:  # one letter changed (the last one, too)
        return True
    return a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]  # two swapped


def read_roles(value: Any) -> tuple[str, ...]:
    """One role or a list, written as people write them: ``Mentor, Peer``, a link
    to a note of the role (``"[[Mentor]]"``), a tag (``#mentor``), a plural."""
    try:
        roles = [role_name(role) for role in name_list(value)]
    except ValueError:
        raise ValueError(f"{as_written(value)} is not a role; write one of {', '.join(ROLES)}, or a "
                         "list of them") from None
    unknown = [role for role in roles if role not in ROLES]
    if unknown:
        raise ValueError(unknown_role(unknown[0]))
    return tuple(dict.fromkeys(roles))


# What people call a person in their career, as SPEC 1's roles name them: said with
# an unknown role, as a guess (which role fits is the person's call).
_ROLE_WORDS = {
    **dict.fromkeys(("coworker", "co-worker", "teammate", "team mate", "workmate", "team"),
                    "colleague"),
    **dict.fromkeys(("manager", "boss", "lead", "team lead", "supervisor", "skip",
                     "skip-level", "skip level"), "colleague, or a sponsor if they speak up for you"),
    **dict.fromkeys(("coach", "advisor", "adviser", "guide", "teacher"), "mentor"),
    **dict.fromkeys(("champion", "advocate", "backer"), "sponsor"),
    **dict.fromkeys(("direct report", "report", "intern", "apprentice", "protege", "protégé",
                     "student"), "mentee"),
    **dict.fromkeys(("friend", "classmate", "alumni", "alumnus", "contact"), "peer"),
    **dict.fromkeys(("expert", "executive", "exec", "founder", "thought leader",
                     "industry leader", "speaker", "author"), "leader"),
    **dict.fromkeys(("recruiter", "investor", "client", "customer", "vendor", "family",
                     "acquaintance"), "other"),
}


def unknown_role(name: str) -> str:
    """What to say of a role SPEC 1 has not: the one it may be, by its meaning
    (``coach``: mentor) or a slip of one letter (``mentr``), and the roles."""
    word = " ".join(str(name).lower().replace("_", " ").split())
    meant = _ROLE_WORDS.get(word) or _ROLE_WORDS.get(word.removesuffix("s")) \
        or _resembled(word, ROLES, plurals=False)
    article = "" if meant in (None, "other") else "an " if meant[:1] in "aeiou" else "a "
    hint = f" ({article}{meant}?)" if meant else ""
    return f"unknown role {as_written(name)}{hint}; use one of {', '.join(ROLES)}"


def _place(text: str) -> str | None:
    """Where you met, as written after the day (``at PyCon``, ``, PyCon``, ``-
    KubeCon``, ``(meetup)``), as the pages say it after "at"."""
    place = text.strip().lstrip(",;:–—-").strip()
    if place[:1] == "(" and place[-1:] == ")" and "(" not in place[1:-1]:
        place = place[1:-1].strip()
    if place[:3].lower() == "at " or place.lower() == "at":
        place = place[3:].strip()
    return place or None


def _cadence(value: Any) -> str:
    parse_cadence(value)  # raises ValueError with the accepted forms
    return str(value).strip().lower()


def read_person(reader: Reader) -> PersonFields:
    person = PersonFields()
    person.roles = reader.get("role", read_roles, ())
    person.cadence = reader.get("cadence", _cadence)
    person.last_contact = reader.get("last_contact", to_date)
    person.next = reader.get("next", to_date)
    met = reader.get("met", to_dated_text)
    if met:
        person.met, where = met
        person.met_where = _place(where)
    person.birthday = reader.get("birthday", month_day)
    for key in ("company", "title", "email", "phone", "linkedin", "website"):
        setattr(person, key, reader.get(key, scalar_text))
    person.tags = tuple(reader.get("tags", tag_list, ()))
    # SPEC 5's flag. A value that says neither true nor false keeps the person
    # private until it is fixed: a typo must not put their notes on a page.
    person.private = reader.get("private", _private_flag, False, unreadable=True)
    names = reader.get("skills", link_list, [])
    person.skills = tuple(reader.link("skills", name) for name in names)
    milestones = reader.get("milestones", string_list_or_maps, [])
    line = reader.line("milestones") if milestones else 1
    for item in milestones:
        try:
            for day, what in _milestones(item):
                person.milestones.append(Milestone(day, what, line))
        except (ValueError, TypeError) as exc:
            why = str(exc).split("; write ", 1)[0]  # (one thing to write: the line)
            reader.problem("milestones", f"{why}; write '- {_milestone_line(item)}'")
    return person


# What a milestone's map may call what happened, besides SPEC 1's `what`.
_WHAT = ("what", "title", "event", "milestone", "description", "text", "name")


def _milestones(item: Any) -> list[tuple[date, str]]:
    """(day, what happened) of a milestone as written: ``2026-11-10 promoted``, a
    map ``{date: 2026-11-10, what: promoted}`` (``title:`` and the like for
    ``what``), or a map of days to what happened (``2026-11-10: promoted``)."""
    if not isinstance(item, dict):
        return [to_dated_text(item)]
    lowered = {str(k).lower(): v for k, v in item.items()}
    if "date" in lowered:
        what = next((str(lowered[k]).strip() for k in _WHAT if lowered.get(k) not in (None, "")),
                    "")
        return [(to_date(lowered["date"]), what)]
    return [_day_and_what(day, what) for day, what in item.items()]


_TIME_OF_DAY = r"T?\d{1,2}:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?"  # (as text: rarely used)


def _day_and_what(day: Any, what: Any) -> tuple[date, str]:
    """A milestone written as a map: ``2026-11-10: promoted``, or a line whose text
    has a colon and a space, which YAML splits there: ``- 2026-11-01 promoted: to
    staff`` is ``{"2026-11-01 promoted": "to staff"}``, all of it the milestone."""
    when, before = to_dated_text(day)
    if re.fullmatch(_TIME_OF_DAY, before):  # 2026-11-01T10:00, as a date-time property writes it
        before = ""
    after = "" if what is None else str(what).strip()
    return when, f"{before}: {after}" if before and after else before or after


def _milestone_line(item: Any) -> str:
    """The line to write for a milestone that is not read: its day first when it
    has one elsewhere (``promoted (2026-11-10)``: ``2026-11-10 promoted``)."""
    if isinstance(item, dict) and len(item) == 1:  # promoted: 2026-11-10, the day after
        (what, day), = item.items()
        if isinstance(day, date) or isinstance(day, str) and ISO_DATE.match(day.strip()):
            return f"{str(day).strip()[:10]} {what}"
    if isinstance(item, str) and (found := ISO_DATE.search(item)):
        rest = (item[:found.start()].rstrip(" ,;:–—-(") + " "
                + item[found.end():].lstrip(" ,;:–—-)")).strip(" ,;:–—-")
        return f"{found.group(0)} {rest}".strip()
    return "YYYY-MM-DD what happened"


def _private_flag(value: Any) -> bool:
    try:
        return truthy(value)
    except ValueError as exc:
        raise ValueError(f"{exc}; kept private until it says true or false") from None


def string_list_or_maps(value: Any) -> list:
    if isinstance(value, list):
        return [item for item in value if item not in (None, "")]
    if isinstance(value, (str, dict, date)):  # one milestone, on the key's line
        return [value]
    raise ValueError(f"{as_written(value)} is not a list; write '- YYYY-MM-DD what happened' "
                     "on a line of its own for each")


def read_skill(reader: Reader) -> SkillFields:
    skill = SkillFields()
    skill.level = reader.get("level", _level)
    skill.target = reader.get("target", _level)
    skill.category = reader.get("category", scalar_text)
    skill.cadence = reader.get("cadence", _cadence)
    goal = reader.get("goal", link_name)
    skill.goal = reader.link("goal", goal) if goal else None
    return skill


def read_goal(reader: Reader) -> GoalFields:
    goal = GoalFields()
    goal.target_role = reader.get("target_role", scalar_text)
    goal.by = reader.get("by", to_deadline)
    goal.balance = reader.get("balance", _percent, 50)
    skills = _one_map(reader.meta.get("skills"))
    if isinstance(skills, dict):
        for name, level in skills.items():
            try:
                # Kept as written: a skill with no note yet is shown by this name.
                written, target = link_name(name), small_int(level, 0, 5)
                reader.link("skills", written)
                goal.skills[written] = target
            except (ValueError, TypeError) as exc:
                reader.problem("skills", f"{exc}; write '\"[[Skill]]\": 4'")
    elif skills not in (None, "", []):
        first = skills[0] if isinstance(skills, list) and isinstance(skills[0], str) else ""
        example = f'"[[{link_name(first)}]]"' if first.strip() else '"[[Python]]"'
        reader.problem("skills", f"must be a map of skill link to target level: {example}: 4")
    network = _one_map(reader.meta.get("network"))
    if isinstance(network, list) and all(isinstance(role, str) for role in network):
        # Roles alone ([mentor, sponsor]): one relationship of each, as many as named.
        named: dict[str, int] = {}
        for role in network:
            named[role_name(role)] = named.get(role_name(role), 0) + 1
        network = named
    if isinstance(network, dict):
        for role, count in network.items():
            name = role_name(link_name(str(role)) if str(role).startswith("[[") else role)
            if name not in ROLES:
                reader.problem("network", unknown_role(role))
                continue
            try:
                goal.network[name] = small_int(count, 0, 10_000)
            except ValueError as exc:
                reader.problem("network", str(exc))
    elif network not in (None, "", []):
        reader.problem("network", "must be a map of role to a number: mentor: 2")
    return goal


_OUT_OF_FIVE = re.compile(r"(\d+)\s*(?:/|of|out of)\s*5")
_STARS = re.compile(r"([★⭐])\1{0,4}")


def _level(value: Any) -> int:
    """A skill's ``level`` or ``target``: 0 to 5, written as a number, ``3/5``,
    ``3 of 5`` or as stars (``⭐⭐⭐``, ``★★★``)."""
    if isinstance(value, str):
        text = value.strip().replace("\ufe0f", "")  # (an emoji's variation selector)
        if match := _OUT_OF_FIVE.fullmatch(text):
            value = match.group(1)
        elif _STARS.fullmatch(text):
            value = len(text)
    return small_int(value, 0, 5)


def _one_map(value: Any) -> Any:
    """A map as written, or written as a list of one-key maps (``- mentor: 2``),
    merged into one; any other value as it is."""
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        merged: dict = {}
        for item in value:
            merged.update(item)
        return merged
    return value


def _percent(value: Any) -> int:
    """A goal's ``balance``: a percent, with its sign or without (``60%``, ``60``)."""
    if isinstance(value, str) and value.strip().endswith("%"):
        value = value.strip()[:-1].strip()
    return small_int(value, 0, 100)


# The keys whose links a note's type reads itself (and records, unquoted ones too).
TYPED_LINKS = {"person": ("skills",), "skill": ("goal",), "goal": ("skills",)}


def frontmatter_links(reader: Reader, typed: tuple[str, ...]) -> None:
    """Links written as quoted ``"[[Name]]"`` strings anywhere in the frontmatter,
    but in the keys its type reads (``typed``), which record their own."""
    for key, value in reader.meta.items():
        if key in typed:
            continue
        for text in _strings(value):
            for link in inline.wikilinks(text):
                reader.link(key, link.name)


def _strings(value: Any):
    if isinstance(value, str):
        if "[[" in value:
            yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
