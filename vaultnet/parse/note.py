"""One note from bytes to a :class:`ParsedNote` (SPEC 1 and 2).

This module and its siblings are the only code that knows the on-disk format.
A broken part of a note becomes a :class:`Problem` with the file line and what
to do; the rest of the note is still read.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from vaultnet.config import Config
from vaultnet.model import Commitment, Event, Link, ParsedNote, Problem
from vaultnet.parse import NOT_TEXT, inline, not_text, title_of
from vaultnet.parse.blocks import body_blocks
from vaultnet.parse.frontmatter import (
    FrontmatterError,
    decode,
    load,
    repeated_keys,
    split,
    without_curly_quotes,
)
from vaultnet.parse.properties import (
    READ_BY,
    TYPED_LINKS,
    Reader,
    commented_values,
    frontmatter_links,
    misspelt_keys,
    property_tags,
    read_goal,
    read_person,
    read_roles,
    read_skill,
    resembled,
    tagged_private,
)
from vaultnet.parse.values import folder_path, name_list, to_date, unreal_date
from vaultnet.words import count

_DATED_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The line git starts a merge conflict with, in a vault merged from two machines;
# and a code fence's, outside which it is one (not a note's example of git's).
_MERGE_CONFLICT = re.compile(r"<{7}(?: |$)")
_FENCE_LINE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*(.*)")
# A Dataview inline field: a line of its own (in a list or a quote too), or in brackets.
_FIELD_KEY = r"([A-Za-z][\w-]*+(?:[ \t]++[\w-]++)*+)[ \t]*+::[ \t]*+"
_INLINE_FIELD = re.compile(rf"^[ \t]*+(?:[-*+>][ \t]++)?{_FIELD_KEY}([^\r\n]*+)"
                           rf"|[\[(]{_FIELD_KEY}((?:\[\[[^\[\]\n]*+\]\]|[^\[\]()\n])*+)[\])]")
_TYPES = ("person", "skill", "goal")
# What `type:` says for each, as people write it: a plural, or a CRM's word.
_TYPE_WORDS = {**{kind: kind for kind in _TYPES}, "people": "person", "persons": "person",
               "contact": "person", "contacts": "person", "skills": "skill", "goals": "goal"}
# The tags that type a note: its type's name, and "people", which widely copied
# vault templates (kepano's) give every person note.
_TYPE_TAGS = {"person": "person", "skill": "skill", "goal": "goal", "people": "person"}


def parse_note(path: str, data: bytes, config: Config) -> ParsedNote:
    title = title_of(path)
    note = ParsedNote(path=path, title=title)
    text, bad_line = decode(data)
    if not_text(data):
        note.problems.append(Problem(path, 1, NOT_TEXT + "; Obsidian shows it garbled, and "
                                     "vaultnet reads nothing in it: save the note as UTF-8"))
    elif bad_line:
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
    meta, curly = without_curly_quotes(meta, parts.yaml_text or "")
    if str(meta.get("generated_by", "")).strip().lower() == "vaultnet":
        note.generated = True  # SPEC 4: vaultnet's own pages are never notes or events
        return note
    if parts.body[:1] in ("-", "\n", "\r", " ") and _RULE_FIRST.match(parts.body):
        _properties_not_read(note, parts)
    if "<<<<<<<" in text:
        _merge_conflicts(note, text)
    if meta and parts.yaml_text.count("\n") > len(meta):  # else no key is written twice
        for written, line, read, read_line in repeated_keys(parts.yaml_text, len(meta)):
            again = "again" if written == read else f"again, as {read},"
            note.problems.append(Problem(path, line, f"{written}: written {again} on line "
                                         f"{read_line}, whose value is read; remove one of them"))
    reader = Reader(note, meta, parts.yaml_text or "")
    note.aliases = tuple(reader.get("aliases", name_list, []))
    if note.aliases:
        note.aliases_line = reader.line("aliases")
    blocks = body_blocks(parts.body)
    masked = [(block, inline.mask_code(block.text)) for block in blocks]
    if "%" in parts.body or "<" in parts.body or "^" in parts.body:  # fast searches
        masked = inline.without_hidden(masked)
    tags = property_tags(meta)
    note.type = _note_type(path, meta, tags, masked, config)
    private = bool(tags) and tagged_private(tags)  # (most notes have no tags: no call)
    if note.type == "note" and "role" in meta:
        _role_of_no_person(note, reader, meta, config.folders["person"])
    if note.type == "person":
        note.person = read_person(reader)
        # A note tagged private is meant to be kept to oneself, whatever `private:`
        # says: hiding is the safe side.
        note.person.private = note.person.private or private
    elif note.type == "skill":
        note.skill = read_skill(reader)
    elif note.type == "goal":
        note.goal = read_goal(reader)
    frontmatter_links(reader, TYPED_LINKS.get(note.type, ()))
    if not meta.keys() <= READ_BY[note.type]:
        misspelt_keys(reader, note.type)
    if "#" in reader.yaml_text:
        commented_values(reader, note.type)
    if read_curly := [key for key in curly if key in READ_BY[note.type]]:
        # Read as meant; said, since Obsidian shows them (and sees no link in "“[[Go]]”").
        note.problems.append(Problem(path, reader.line(read_curly[0]), (
            f"{', '.join(read_curly)}: in curly quotes (“ ”), which are text to YAML and to "
            "Obsidian; vaultnet reads them as quotes, but write straight ones (\"), as a "
            "phone's smart punctuation does not")))
    if note.type != "note" and "::" in parts.body:
        _inline_fields(note, parts.body, parts.body_line, meta)
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
        # An interaction (SPEC 2), from the properties (block 0): the index leaves it
        # out on a day that has another with them, in the log or anywhere else.
        line = reader.line("last_contact")
        note.events.append(Event(line, note.person.last_contact, None, config.default_minutes,
                                 (), "last_contact", 0))
    note.text = parts.body
    return note


def _unfenced_lines(text: str, first: int = 1):
    """(number, line) of each line of ``text`` outside fenced code, numbered from
    ``first``."""
    fence = ""
    for number, line in enumerate(text.split("\n"), first):
        opened = _FENCE_LINE.match(line.rstrip("\r"))
        if opened:
            if not fence:
                fence = opened[1]
            elif opened[1].startswith(fence) and not opened[2]:  # as long, or longer
                fence = ""
        elif not fence:
            yield number, line


def _properties_not_read(note: ParsedNote, parts) -> None:
    """A block of properties where Obsidian reads none, and vaultnet neither: after
    blank lines at the top (frontmatter is only ever on the first line), or after
    the frontmatter (a template inserted twice). Its keys were lost without a word."""
    lines = parts.body.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip())
    if lines[start].rstrip() != "---":
        return
    end = next((i for i in range(start + 1, min(len(lines), start + 200))
                if lines[i].rstrip() == "---"), None)
    if end is None or end == start + 1 or not re.match(_PROPERTY, lines[start + 1]):
        return
    try:
        keys = list(load("\n".join(lines[start + 1:end])))
    except FrontmatterError:
        return
    if not any(key in _READ_ANYWHERE for key in keys):  # a rule, "Note: ...", a rule: prose
        return
    line, shown = parts.body_line + start, ", ".join(keys[:3]) + (", ..." if len(keys) > 3 else "")
    if parts.yaml_text is not None:
        why = ("a second block of properties after the frontmatter, which Obsidian and vaultnet "
               "read as text; move its lines into the frontmatter above")
    else:
        lines_above = "the blank line" if start == 1 else f"the {start} blank lines"
        why = (f"properties after {count(start, 'blank line')}, which Obsidian and vaultnet read "
               f"as text (frontmatter starts on a note's first line); remove {lines_above} above")
    note.problems.append(Problem(note.path, line, f"{shown}: {why}"))


_READ_ANYWHERE = frozenset().union(*READ_BY.values())
_RULE_FIRST = re.compile(r"\s*---")  # (a match, not lstrip(): no copy of the body)
_PROPERTY = r"[\"']?[^\W\d][\w -]*[\"']?[ \t]*:(?:[ \t]|$)"  # (as text: rarely used)


def _merge_conflicts(note: ParsedNote, text: str) -> None:
    """A merge conflict git left in the note (``<<<<<<< HEAD`` … ``=======`` …
    ``>>>>>>> theirs``): both sides are read, so a line changed on two machines
    counts twice, and markers in the frontmatter break it. Not in fenced code,
    where a note about git shows one."""
    for number, line in _unfenced_lines(text):
        if _MERGE_CONFLICT.match(line):
            note.problems.append(Problem(note.path, number, (
                "a merge conflict git left unresolved: vaultnet reads both sides, so a line "
                "changed on both counts twice; keep what is right and remove the <<<<<<<, "
                "======= and >>>>>>> lines")))


def _inline_fields(note: ParsedNote, body: str, body_line: int, meta: dict[str, Any]) -> None:
    """A Dataview inline field (``role:: mentor``, ``[cadence:: 2w]``) for a
    property this note's type reads, which vaultnet reads only from the
    frontmatter: the value would be ignored without a word ("no role or cadence")."""
    for number, line in _unfenced_lines(body, body_line):
        if "::" not in line:
            continue
        for field in _INLINE_FIELD.finditer(inline.mask_code(line)):  # not one shown as code
            written, value = (field[1], field[2]) if field[1] else (field[3], field[4])
            value = value.strip()
            key = resembled(written.lower(), note.type)
            if key and key not in meta and value:
                value = value if len(value) <= 40 else value[:39] + "…"
                if value.startswith("[["):  # as Obsidian writes a link in a property
                    value = f'"{value}"'
                note.problems.append(Problem(note.path, number, (
                    f"{written}:: is a Dataview field, which vaultnet does not read; write it "
                    f"in the frontmatter as {key}: {value}")))


def _role_of_no_person(note: ParsedNote, reader: Reader, meta: dict[str, Any],
                       folder: str) -> None:
    """A role a person has (``role: mentor``) in a note that is no person's: not in
    the people's folder, without ``type: person`` or a ``#person`` tag, or with
    another type. Its role and cadence would be read of no one, without a word. A
    role no person has (a job's ``role: Staff Engineer``) is the note's business."""
    try:
        roles = read_roles(meta["role"])
    except ValueError:  # a role no person has, or none
        return
    if not roles:
        return
    declared = meta.get("type")
    why = (f"its type: {declared} makes it an ordinary note" if declared
           else f"it is not in {folder}/, and has no type: person or #person tag")
    note.problems.append(Problem(note.path, reader.line("role"), (
        f"role: {', '.join(roles)} is a person's, but {why}, so vaultnet reads no person "
        "here; write type: person if it is one")))


def _note_type(path: str, meta: dict[str, Any], tags: frozenset[str], masked,
               config: Config) -> str:
    declared = meta.get("type")
    if declared:
        # One word, or a list (a link to a note of the type: "[[People]]"), whose
        # first type word decides; any other value makes an ordinary note.
        try:
            words = name_list(declared)
        except ValueError:
            return "note"
        return next((_TYPE_WORDS[w.lower()] for w in words if w.lower() in _TYPE_WORDS),
                    "note")
    lowered = path.lower()
    for kind, folder in config.folders.items():
        if lowered.startswith(folder.lower() + "/"):
            return kind
    for tag, kind in _TYPE_TAGS.items():
        if tag in tags:
            return kind
    for _block, text in masked:
        if "#" in text:
            for tag in inline.tags(text):
                if tag in _TYPE_TAGS:
                    return _TYPE_TAGS[tag]
    return "note"


def _date_of_name(path: str, title: str, config: Config):
    """The date a note's name gives: ``YYYY-MM-DD`` (SPEC 2), or the vault's own
    daily-note format; None for another name. ValueError for a name of that
    shape that is no real date (``2026-02-30``)."""
    if _DATED_NAME.match(title):
        if (day := inline.parse_iso(title)) is None:  # (full-width digits too, as items)
            raise ValueError(title)  # 2026-02-30
        return day
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
        task = False
        if block.is_item:
            head = written = inline.item_head(text)
            if text is not block.text:
                # Code blanked: the head is read as written, since the code's spaces
                # would make a box of `- [x]`make``, and the item's date of the one
                # after code (`- [x] `make` 2026-11-20`), as Obsidian shows neither.
                written = inline.item_head(block.text)
                head = written._replace(rest=text[len(text) - len(written.rest):])
            summary = head.rest
            if head.checkbox is not None:
                # A box with nothing after it but a comment (`- [ ] %%later%%`) is no
                # task, as one with nothing after it at all (`- [ ]`) is none.
                rest = written.rest  # (the text after the head as written)
                task = bool(head.date_text or rest.strip())
            if task:
                done = config.task_marks.done_or_open(head.checkbox)
                if done is None:
                    continue  # cancelled, or a mark that is no task: neither promise nor event
                _commitment(note, head, rest, done, private, line, links,
                            own_log=note.type == "person")
                if not done:
                    continue  # an open task is a plan, not an event
            if head.date_text:
                day = inline.parse_iso(head.date_text)
                if day is None:
                    note.problems.append(Problem(note.path, line, unreal_date(head.date_text)))
                    continue
            elif own_log:  # an undated item in a log is not an event
                if inline.may_start_with_a_date(head.rest) and (other := inline.other_date(head.rest)):
                    from vaultnet.parse.values import written_as_iso

                    meant = written_as_iso(other)  # (with its year: a log's year is not guessed)
                    write = f"write it as {meant}" if meant else (
                        "write the date as YYYY-MM-DD (2026-11-20)")
                    note.problems.append(Problem(note.path, line, f"{other!r} is not read as a "
                                                 f"date, so this item counts for nothing; {write}"))
                continue
        if own_log and not block.is_item:
            # (An empty heading is an empty block.) A date may be in bold, or a link
            # to its day's note: "## [[2026-11-20]]". Each line of a paragraph is
            # one, as Obsidian shows it; a table's rows are lines of a paragraph.
            for number, shown in enumerate(text.split("\n") if "\n" in text else (text,)):
                row = shown[:1] == "|"
                if row:
                    shown = shown[1:].lstrip(" \t")
                if inline.may_start_with_a_date(shown) or shown[:1] in ("*", "_", "["):
                    _dated_paragraph(note, shown, line + number,
                                     "a table row" if row else
                                     "a line of a paragraph" if number else "a heading or paragraph")
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
            shown = written.rest if block.is_item else block.text
            summary = " ".join(inline.first_line(shown).split())
        if task:  # a task done: what it was, without its dates (``✅ 2026-11-20``) and fields
            summary = inline.without_task_fields(summary)
        if own_log:
            note.events.append(Event(line, day, None, spent, tags, inline.quote(summary), line))
        else:
            lines = None
            quotes = {0: inline.quote(summary)}  # by line: once per line, not per link
            for link in links:
                quoted = quotes.get(0 if block.is_item else link.line)
                if quoted is None:  # a paragraph's own line of each link
                    lines = lines or block.text.split("\n")
                    quoted = quotes[link.line] = inline.quote(" ".join(lines[link.line].split()))
                note.events.append(Event(line + link.line, day, link.target, spent, tags, quoted,
                                         line))
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


def _dated_paragraph(note: ParsedNote, text: str, line: int, where: str) -> None:
    """A heading, paragraph (or a line of one) or table row of a person's or skill's
    note that starts with a date (``## 2026-11-20``, ``| 2026-11-20 | coffee |``) is
    meant as a log entry, but SPEC 2 counts list items: say so. Not of the note's own
    name (``# 2026 Cohort``, as ``vaultnet add`` heads a note)."""
    if unicodedata.normalize("NFC", text.strip()) == unicodedata.normalize("NFC", note.title):
        return
    iso = inline.item_head(text).date_text
    dated = iso or inline.other_date(text)
    if dated:
        what = "an interaction" if note.type == "person" else "practice"
        note.problems.append(Problem(note.path, line, (
            f"{dated!r} starts {where}, which counts for nothing: {what} is "
            f"a list item that starts with its date, '- {iso or 'YYYY-MM-DD'} ...'")))


def _commitment(note, head, rest: str, done: bool, private: bool, line, links,
                own_log: bool) -> None:
    due_text = inline.due_text(head.rest, head)
    due = inline.parse_iso(due_text) if due_text else None
    if due_text and due is None:
        note.problems.append(Problem(note.path, line, f"due date {unreal_date(due_text)}"))
    # Without its due date (pages and `due` show it beside the text) or the Tasks
    # plugin's other fields.
    summary = inline.quote(inline.without_task_fields(inline.first_line(rest)))
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
