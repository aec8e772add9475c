"""One note from bytes to a :class:`ParsedNote` (SPEC 1 and 2).

This module and its siblings are the only code that knows the on-disk format.
A broken part of a note becomes a :class:`Problem` with the file line and what
to do; the rest of the note is still read.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from vaultnet.cadence import parse_cadence
from vaultnet.config import ROLES, Config
from vaultnet.model import (
    Commitment,
    Event,
    GoalFields,
    Link,
    Milestone,
    ParsedNote,
    PersonFields,
    Problem,
    SkillFields,
)
from vaultnet.parse import inline
from vaultnet.parse.blocks import body_blocks
from vaultnet.parse.frontmatter import (
    FrontmatterError,
    decode,
    key_line,
    load,
    repeated_keys,
    split,
)
from vaultnet.parse.values import (
    folder_path,
    link_key,
    link_list,
    link_name,
    month_day,
    name_list,
    scalar_text,
    small_int,
    string_list,
    tag_list,
    to_date,
    to_dated_text,
    truthy,
)

_DATED_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TYPE_TAGS = ("person", "skill", "goal")

# The frontmatter keys read in every note, and in each type of note (SPEC 1).
_EVERY_NOTE = ("aliases", "tags", "type")
_KEYS_READ = {
    "person": ("role", "cadence", "last_contact", "next", "met", "birthday", "milestones",
               "company", "title", "email", "phone", "linkedin", "website", "skills",
               "private"),
    "skill": ("level", "target", "category", "cadence", "goal"),
    "goal": ("target_role", "by", "skills", "network", "balance"),
    "note": ("date",),
}
# Keys Obsidian itself stopped reading (Properties, "Deprecated properties").
_OBSIDIAN_OLD = {"alias": "aliases", "tag": "tags"}
_READ_BY = {kind: frozenset(keys + _EVERY_NOTE) for kind, keys in _KEYS_READ.items()}


def _unset(value: Any) -> bool:
    """A property left empty (``key:``, ``key: ""``, ``key: []``): read as unset."""
    return value is None or value == "" or value == []


class _Reader:
    """Collects problems while typing frontmatter values of one note."""

    def __init__(self, note: ParsedNote, meta: dict[str, Any], yaml_text: str) -> None:
        self.note, self.meta, self.yaml_text = note, meta, yaml_text

    def problem(self, key: str, message: str) -> None:
        line = key_line(self.yaml_text, key) if self.yaml_text else 1
        self.note.problems.append(Problem(self.note.path, line, f"{key}: {message}"))

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
        """Record a frontmatter link; what the typed field keeps: the name's key, or
        for a link written with folders (``[[Backend/Testing]]``) the folders too,
        so that the index can tell apart two notes of that name as a body link does."""
        target = link_key(name)
        line = key_line(self.yaml_text, key) if self.yaml_text else 1
        self.note.links.append(Link(line, target, True, name))
        return folder_path(name) if "/" in name else target


def parse_note(path: str, data: bytes, config: Config) -> ParsedNote:
    title = path.rsplit("/", 1)[-1][:-3]
    note = ParsedNote(path=path, title=title)
    text, bad_line = decode(data)
    if bad_line:
        note.problems.append(Problem(path, bad_line, "not valid UTF-8; save the note as UTF-8 "
                                     "(unreadable bytes were read as \ufffd)"))
    parts = split(text)
    meta: dict[str, Any] = {}
    if parts.unclosed:
        note.problems.append(Problem(path, 1, "frontmatter opens with '---' but no line closes "
                                     "it; add a '---' line after the last property"))
    if parts.yaml_text is not None:
        try:
            meta = load(parts.yaml_text)
        except FrontmatterError as exc:
            note.problems.append(Problem(path, exc.line, f"{exc}; the note is read from its "
                                         "body and folder until this is fixed"))
    if str(meta.get("generated_by", "")).strip().lower() == "vaultnet":
        note.generated = True  # SPEC 4: vaultnet's own pages are never notes or events
        return note
    if meta and parts.yaml_text.count("\n") > len(meta):  # else no key is written twice
        for written, line, read, read_line in repeated_keys(parts.yaml_text, len(meta)):
            again = "again" if written == read else f"again, as {read},"
            note.problems.append(Problem(path, line, f"{written}: written {again} on line "
                                         f"{read_line}, whose value is read; remove one of them"))
    reader = _Reader(note, meta, parts.yaml_text or "")
    note.aliases = tuple(reader.get("aliases", name_list, []))
    if note.aliases:
        note.aliases_line = key_line(reader.yaml_text, "aliases")
    blocks = body_blocks(parts.body)
    masked = [(block, inline.mask_code(block.text)) for block in blocks]
    if "%" in parts.body or "<" in parts.body or "^" in parts.body:  # fast searches
        masked = inline.without_hidden(masked)
    note.type = _note_type(path, meta, masked, config)
    private = _tagged_private(meta)
    if note.type == "person":
        note.person = _person(reader)
        # A note tagged private is meant to be kept to oneself, whatever `private:`
        # says: hiding is the safe side.
        note.person.private = note.person.private or private
    elif note.type == "skill":
        note.skill = _skill(reader)
    elif note.type == "goal":
        note.goal = _goal(reader)
    _frontmatter_links(reader, _TYPED_LINKS.get(note.type, ()))
    if not meta.keys() <= _READ_BY[note.type]:
        _misspelt_keys(reader, note.type)
    if note.type == "note":
        try:
            note.date = _date_of_name(path, title, config)
        except ValueError:  # the day's links would not count, and nothing would say so
            if "date" not in meta:
                note.problems.append(Problem(path, 1, f"the note's name {title!r} is no real "
                                             "date, so it is not dated; rename it, or give it "
                                             "date: YYYY-MM-DD"))
        if "date" in meta:
            note.date = reader.get("date", to_date, note.date)
    _body_events(note, masked, parts.body_line, config, private)
    if note.date is not None and any(link.in_frontmatter for link in note.links):
        _frontmatter_events(note, config, private)
    if note.person and note.person.last_contact:
        day = note.person.last_contact
        if not any(e.target is None and e.date == day for e in note.events):
            line = key_line(reader.yaml_text, "last_contact")
            note.events.append(Event(line, day, None, config.default_minutes, (), "last_contact"))
    note.text = parts.body
    return note


def _tagged_private(meta: dict[str, Any]) -> bool:
    """Whether the note is tagged private in its properties (``tags: [private]``, or
    nested: ``private/family``): all it holds is kept off the pages (SPEC 5)."""
    if not meta.get("tags"):
        return False
    try:
        return any(tag.lower().split("/", 1)[0] == "private" for tag in tag_list(meta["tags"]))
    except (TypeError, ValueError):  # told by the reader of a person's tags
        return False


def _note_type(path: str, meta: dict[str, Any], masked, config: Config) -> str:
    declared = meta.get("type")
    if isinstance(declared, str) and declared.strip().lower() in _TYPE_TAGS:
        return declared.strip().lower()
    if declared:
        return "note"
    lowered = path.lower()
    for kind, folder in config.folders.items():
        if lowered.startswith(folder.lower() + "/"):
            return kind
    try:
        fm_tags = {tag.lower() for tag in tag_list(meta.get("tags"))}
    except (TypeError, ValueError):
        fm_tags = set()
    for kind in _TYPE_TAGS:
        if kind in fm_tags:
            return kind
    for _block, text in masked:
        if "#" in text:
            for tag in inline.tags(text):
                if tag in _TYPE_TAGS:
                    return tag
    return "note"


def _misspelt_keys(reader: _Reader, kind: str) -> None:
    """A key one slip away from a key this note's type reads (``cadance``,
    ``last-contact``, ``role`` for ``roles``) would have its value ignored
    without a word; name it, unless the note also has the key it resembles or it is
    empty (nothing is lost: a template's ``E-mail:`` left blank)."""
    read = _READ_BY[kind]
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


def _roles(value: Any) -> tuple[str, ...]:
    try:
        roles = [role.lower() for role in string_list(value)]
    except ValueError:
        raise ValueError(f"{value!r} is not a role; write one of {', '.join(ROLES)}, or a "
                         "list of them") from None
    unknown = [role for role in roles if role not in ROLES]
    if unknown:
        raise ValueError(f"unknown role {unknown[0]!r}; use one of {', '.join(ROLES)}")
    return tuple(roles)


def _cadence(value: Any) -> str:
    parse_cadence(value)  # raises ValueError with the accepted forms
    return str(value).strip().lower()


def _person(reader: _Reader) -> PersonFields:
    person = PersonFields()
    person.roles = reader.get("role", _roles, ())
    person.cadence = reader.get("cadence", _cadence)
    person.last_contact = reader.get("last_contact", to_date)
    person.next = reader.get("next", to_date)
    met = reader.get("met", to_dated_text)
    if met:
        person.met, where = met
        person.met_where = where.removeprefix("at ").strip() or None
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
    line = key_line(reader.yaml_text, "milestones") if milestones else 1
    for item in milestones:
        try:
            if isinstance(item, dict):
                lowered = {str(k).lower(): v for k, v in item.items()}
                day, what = to_date(lowered.get("date")), str(lowered.get("what") or "").strip()
            else:
                day, what = to_dated_text(item)
            person.milestones.append(Milestone(day, what, line))
        except (ValueError, TypeError) as exc:
            reader.problem("milestones", f"{exc}; write '- YYYY-MM-DD what happened'")
    return person


def _private_flag(value: Any) -> bool:
    try:
        return truthy(value)
    except ValueError as exc:
        raise ValueError(f"{exc}; kept private until it says true or false") from None


def string_list_or_maps(value: Any) -> list:
    if isinstance(value, list):
        return [item for item in value if item not in (None, "")]
    if isinstance(value, (str, dict)):
        return [value]
    raise ValueError("milestones must be a list")


def _skill(reader: _Reader) -> SkillFields:
    skill = SkillFields()
    skill.level = reader.get("level", lambda v: small_int(v, 0, 5))
    skill.target = reader.get("target", lambda v: small_int(v, 0, 5))
    skill.category = reader.get("category", scalar_text)
    skill.cadence = reader.get("cadence", _cadence)
    goal = reader.get("goal", link_name)
    skill.goal = reader.link("goal", goal) if goal else None
    return skill


def _goal(reader: _Reader) -> GoalFields:
    goal = GoalFields()
    goal.target_role = reader.get("target_role", scalar_text)
    goal.by = reader.get("by", to_date)
    goal.balance = reader.get("balance", lambda v: small_int(v, 0, 100), 50)
    skills = reader.meta.get("skills")
    if isinstance(skills, dict):
        for name, level in skills.items():
            try:
                goal.skills[reader.link("skills", link_name(name))] = small_int(level, 0, 5)
            except (ValueError, TypeError) as exc:
                reader.problem("skills", f"{exc}; write '\"[[Skill]]\": 4'")
    elif skills not in (None, "", []):
        reader.problem("skills", 'must be a map of skill link to target level: "[[Python]]": 4')
    network = reader.meta.get("network")
    if isinstance(network, dict):
        for role, count in network.items():
            role_name = str(role).strip().lower()
            if role_name not in ROLES:
                reader.problem("network", f"unknown role {role!r}; use one of {', '.join(ROLES)}")
                continue
            try:
                goal.network[role_name] = small_int(count, 0, 10_000)
            except ValueError as exc:
                reader.problem("network", str(exc))
    elif network not in (None, "", []):
        reader.problem("network", "must be a map of role to a number: mentor: 2")
    return goal


# The keys whose links a note's type reads itself (and records, unquoted ones too).
_TYPED_LINKS = {"person": ("skills",), "skill": ("goal",), "goal": ("skills",)}


def _frontmatter_links(reader: _Reader, typed: tuple[str, ...]) -> None:
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


def _date_of_name(path: str, title: str, config: Config):
    """The date a note's name gives: ``YYYY-MM-DD`` (SPEC 2), or the vault's own
    daily-note format; None for another name. ValueError for a name of that
    shape that is no real date (``2026-02-30``)."""
    if _DATED_NAME.match(title):
        return date.fromisoformat(title)  # ValueError: 2026-02-30
    if config.daily_formats:
        from vaultnet.parse.daily import date_of_path

        return date_of_path(path, config.daily_formats)
    return None


def _body_events(note: ParsedNote, masked, body_line: int, config: Config,
                 private: bool = False) -> None:
    """Events, commitments and links of the body (SPEC 2); all of them private, as
    if tagged #private, in a note tagged private (``private``)."""
    own_log = note.type in ("person", "skill")
    for block, text in masked:
        # ``text`` has code blanked, for the rules; ``block.text`` is what a page
        # quotes. As they are as long, the end of one is the same end of the other.
        line = body_line + block.line
        links = inline.links(text) if "[" in text else ()
        for link in links:
            note.links.append(Link(line + link.line, link.target, False, link.name))
        day = note.date
        summary = text
        if block.is_item:
            head = inline.item_head(text)
            summary = head.rest
            if head.checkbox is not None:
                done = config.task_marks.done_or_open(head.checkbox)
                if done is None:
                    continue  # cancelled, or a mark that is no task: neither promise nor event
                rest = head.rest if text is block.text else block.text[len(text) - len(head.rest):]
                _commitment(note, head, rest, done, private, line, links,
                            own_log=note.type == "person")
                if not done:
                    continue  # an open task is a plan, not an event
            if head.date_text:
                day = inline.parse_iso(head.date_text)
                if day is None:
                    note.problems.append(Problem(note.path, line, f"{head.date_text!r} is not a "
                                                 "real date; write YYYY-MM-DD"))
                    continue
            elif own_log:  # an undated item in a log is not an event
                if head.rest[:1].isdigit() and (other := inline.other_date(head.rest)):
                    note.problems.append(Problem(note.path, line, f"{other!r} is not read as a "
                                                 "date, so this item counts for nothing; write "
                                                 "the date as YYYY-MM-DD (2026-11-20)"))
                continue
        if own_log and not block.is_item:
            if text[:1].isdigit():  # (an empty heading is an empty block)
                _dated_paragraph(note, text, line)
            continue
        if day is None:
            continue
        # After the date (``summary``): the date's digits are never a duration.
        length = inline.minutes(summary) if block.is_item else None
        spent = config.default_minutes if length is None else length
        tags = inline.tags(text) if "#" in text else ()
        if tags and "/" in text:  # (most items have none: no call for them)
            tags = inline.with_roots(tags)
        if private and "private" not in tags:
            tags += ("private",)
        if text is block.text:
            summary = inline.first_line(summary)
        else:  # code blanked (or a comment): quoted as written, without a gap for a comment
            summary = " ".join(inline.first_line(block.text[len(text) - len(summary):]).split())
        if own_log:
            note.events.append(Event(line, day, None, spent, tags, summary))
        else:
            lines = None
            for link in links:
                quoted = summary
                if link.line and not block.is_item:  # a paragraph's own line of each link
                    lines = lines or block.text.split("\n")
                    quoted = " ".join(lines[link.line].split())
                note.events.append(Event(line + link.line, day, link.target, spent, tags, quoted))
                if link.path is not None:
                    _folder_link(note, "events", line + link.line, links, link)


def _frontmatter_events(note: ParsedNote, config: Config, private: bool) -> None:
    """SPEC 2: every link in a dated note counts on its date, those in its properties
    too: a meeting note's ``people: ["[[Ann]]"]``, as Obsidian's meeting templates
    write them. A note its body links has its events from there already: a property
    adds none for it. The text quoted is the note's title, without a leading date."""
    # What the body's events are about: (name, None), and (name, folders) for a link
    # written with folders, so that [[Globex/Alex Kim]] here is not [[Acme/Alex Kim]] there.
    seen = {(event.target, None) for event in note.events}
    seen.update((target, path) for table, _, target, _, path in note.folder_links
                if table == "events")
    text = inline.item_head(note.title).rest or note.title
    tags = ("private",) if private else ()
    added: dict[tuple[int, str], int] = {}  # (line, target) -> events made there
    for link in note.links:
        if not link.in_frontmatter:
            continue
        path = folder_path(link.name) if "/" in link.name else None
        if (link.target, path) in seen:
            continue
        seen.add((link.target, path))
        nth = added.get((link.line, link.target), 0)
        added[link.line, link.target] = nth + 1
        note.events.append(Event(link.line, note.date, link.target, config.default_minutes,
                                 tags, text))
        if path is not None:
            note.folder_links.append(("events", link.line, link.target, nth, path))


def _dated_paragraph(note: ParsedNote, text: str, line: int) -> None:
    """A heading or paragraph of a person's or skill's note that starts with a date
    (``## 2026-11-20``) is meant as a log entry, but SPEC 2 counts list items: say so."""
    iso = inline.item_head(text).date_text
    dated = iso or inline.other_date(text)
    if dated:
        what = "an interaction" if note.type == "person" else "practice"
        note.problems.append(Problem(note.path, line, (
            f"{dated!r} starts a heading or paragraph, which counts for nothing: {what} is "
            f"a list item that starts with its date, '- {iso or 'YYYY-MM-DD'} ...'")))


def _commitment(note, head, rest: str, done: bool, private: bool, line, links,
                own_log: bool) -> None:
    due_text = inline.due_text(head.rest, head)
    due = inline.parse_iso(due_text) if due_text else None
    if due_text and due is None:
        note.problems.append(Problem(note.path, line, f"due date {due_text!r} is not a real "
                                     "date; write YYYY-MM-DD"))
    # Without its due-date markers: pages and `due` show the date beside it.
    summary = inline.without_due(inline.first_line(rest))
    if own_log:
        note.commitments.append(Commitment(line, summary, due, done, None, private))
    else:
        for link in links:
            note.commitments.append(Commitment(line, summary, due, done, link.target, private))
            if link.path is not None:
                _folder_link(note, "commitments", line, links, link)


def _folder_link(note: ParsedNote, table: str, line: int, links, link) -> None:
    """Record the row a link with folders made in ``table``: which of the rows on
    that line with that target it is (events: the links on its own line; promises:
    all the links of the task), for the index to find it by."""
    before = links[:next(i for i, other in enumerate(links) if other is link)]
    nth = sum(other.target == link.target and (table == "commitments" or other.line == link.line)
              for other in before)
    note.folder_links.append((table, line, link.target, nth, link.path))
