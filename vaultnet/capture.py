"""`vaultnet log`, `practice` and `schedule`: write into a note what the person says.

``log`` and ``practice`` add a dated list item at the end of the note's ``## Log``
(or ``## Practice``) section, or in a new section at the end of the note.
``schedule`` sets the person's ``next:`` in the note's frontmatter. Nothing else
in the note changes: its other properties, byte-order mark, line endings (a
CRLF note gets a CRLF line) and any text after the section stay as they were.
A new item is written only where it counts, read as the index reads it (a blank
line before it, after HTML, if that is what it takes).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from vaultnet.config import Config
from vaultnet.errors import NoteNotFound, VaultnetError
from vaultnet.index.store import Index
from vaultnet.words import as_written, one_line, shell_quoted

SECTIONS = {"person": "Log", "skill": "Practice"}

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_COMMENT = re.compile(r"^ {0,3}<!--")
_LINES = re.compile(r"(?<=\n)")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]")
# A dated item as a log writes it (parse.inline's forms): its list marker, what
# wraps its date (**, [[Daily/ ... ]]) and what follows the date (":", " –").
_DATED_ITEM = re.compile(
    r"[ \t]*([-*+]|\d{1,9}[.)])[ \t]+(?:\[.\][ \t]+)?"
    r"(\*\*|__|[*_]|\[\[(?:[^\]|\n]*/)?)?(\d{4}-\d{2}-\d{2})(\*\*|__|[*_]|\]\])?"
    r"([ \t]*[:–—-](?=[ \t]))?")
_CLOSING = {"**": "**", "__": "__", "*": "*", "_": "_"}
# What ends a list item's text without a blank line: another item, a heading, a
# quote, code, HTML, a rule or an underline (any other line goes on the text).
_INTERRUPTS = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)|#{1,6}(?:[ \t]|$)|>|`{3}|~{3}|<"
                         r"|(?:[-*_][ \t]*){3,}$|=+[ \t]*$")
_TASK = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[.\]")  # a promise, not a log's item
# What quotes a line: a log kept in a callout (`> [!note] Log` over `> - 2026-11-20 …`).
_QUOTE = re.compile(r" {0,3}(?:>[ \t]?)+")


def _unquoted(line: str) -> tuple[str, str]:
    """A line's quote marks (``"> "``; ``""`` for none) and the rest of it."""
    quote = _QUOTE.match(line)
    return (line[: quote.end()], line[quote.end():]) if quote else ("", line)


@dataclass(frozen=True, slots=True)
class LogStyle:
    """How a note's log writes its items, for a new one to match: ``* **2026-11-20**:``
    rather than ``- 2026-11-20`` (a list marker of another kind would start a new list).
    A numbered item's marker is its own (``3.``): :func:`_numbered` numbers the new one."""

    marker: str = "-"
    before: str = ""  # before the date: "**", "[["
    after: str = ""  # after it: "**", "]]"
    separator: str = ""  # ":", " –"

    @classmethod
    def of(cls, line: str) -> LogStyle | None:
        match = _DATED_ITEM.match(line)
        if not match:
            return None
        marker, before, _, after, separator = match.groups()
        before, after = before or "", after or ""
        if (after != "]]" if before.startswith("[[") else _CLOSING.get(before, "") != after):
            return None  # marks that do not pair up: not a form to copy
        if before.startswith("[["):  # by the day's name alone, which finds its note in any
            before = "[["  # folder (a folder of the year, copied, could be the wrong one)
        return cls(marker, before, after, (separator or "").rstrip())


@dataclass(frozen=True, slots=True)
class Item:
    date: date
    text: str
    duration: str | None = None  # as the user wrote it: 45m, 1.5h, 1h30m, 1 hour
    tags: tuple[str, ...] = ()

    def line(self, style: LogStyle | None = None) -> str:
        """``- 2026-11-23 coffee: pipelines 45m #gave`` (one line, whatever the input;
        without control characters, which a terminal's paste can bring along), its
        date written in the log's ``style``."""
        style = style or LogStyle()
        day = f"{style.before}{self.date.isoformat()}{style.after}{style.separator}"
        parts = [f"{style.marker} {day}", one_line(self.text)]
        if self.duration:
            parts.append(self.duration)
        parts += [f"#{tag}" for tag in self.tags]
        return " ".join(parts)


def add_item(text: str, section: str, item: Item) -> str:
    """``text`` (a whole note) with ``item`` at the end of its ``section``."""
    return item_added(text, section, item)[0]


def item_added(text: str, section: str, item: Item, apart: bool = False) -> tuple[str, str]:
    """``text`` with ``item`` at the end of its ``section`` (on top of a log kept
    newest first; in its day's place in a log in order, for a day before the
    log's latest), and the line written: dated as the dated item next to it is
    (see :class:`LogStyle`). ``apart``: after a blank line, when the line before
    it is not one (so that HTML there ends before it)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = [line for line in _LINES.split(text) if line]
    start = _body_start(lines)
    heading, end = _section(lines, start, section)
    if heading is None:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += newline
        if lines and lines[-1].strip():
            lines.append(newline)
        lines += [f"## {section}{newline}", item.line() + newline]
        return "".join(lines), item.line()
    split = [_unquoted(line) for line in lines]  # (quote marks, the rest) of each line
    quotes, bare = [quote for quote, _ in split], [rest for _, rest in split]
    # After the section's last list item (and the lines that continue it), so the
    # new item joins the list; with no list, after the section's last text.
    last, item_at = heading, None
    for number in range(heading + 1, end):
        if lines[number].strip():
            last = number
            if _LIST_ITEM.match(bare[number]):
                item_at = number
    if item_at is not None:
        last = item_at
        while last + 1 < end and lines[last + 1].strip():
            last += 1
    if not lines[last].endswith("\n"):
        lines[last] += newline
    dated = [(number, match.group(3)) for number in range(heading + 1, end)
             if not bare[number][:1].isspace() and (match := _DATED_ITEM.match(bare[number]))]
    day = item.date.isoformat()
    days = [when for _, when in dated]
    newest_first = len(days) > 1 and days[0] > days[-1]
    # A log kept newest first gets the new item on top; a day before the log's
    # latest (written late) goes to its place when the log is in order.
    on_top = newest_first and day >= days[0]
    later = None  # the dated item the new one goes before
    if not on_top and days == sorted(days, reverse=newest_first):
        later = next((number for number, when in dated
                      if (when < day if newest_first else when > day)), None)
    nearest = dated if on_top else dated[::-1]
    if later is not None:  # the items around its place, the one before it first
        nearest = [d for d in dated if d[0] < later][::-1] + [d for d in dated if d[0] >= later]
    style = next((found for number, _ in nearest if (found := LogStyle.of(bare[number]))), None)
    if on_top:
        at = dated[0][0]
    elif later is not None:
        at = later
    elif dated and dated[-1][0] < item_at:
        # Other items after the log's last dated one (promises kept below it): the
        # new one joins the dated ones, after the last and the lines that go on it
        # (indented, or not: a line that starts no block of its own goes on the
        # item's text, and the new item would take it, with its #tags and length).
        at = dated[-1][0] + 1
        while at < end and bare[at].strip() and quotes[at] == quotes[dated[-1][0]] and (
                bare[at][:1] in (" ", "\t") or not _INTERRUPTS.match(bare[at])):
            at += 1
    else:
        at = last + 1
    if style and style.marker[-1] in ".)":
        style = replace(style, marker=_numbered([(n, bare[n]) for n, _ in dated], at))
    line = item.line(style)
    # In a log kept quoted (a callout), quoted as its dated items are, while in the quote.
    if not dated:
        quote = ""
    elif on_top or later is not None:
        quote = quotes[at]
    else:
        quote = quotes[dated[-1][0]] if quotes[at - 1] == quotes[dated[-1][0]] else ""
    lines.insert(at, quote + line + newline)
    if apart and at > 0 and lines[at - 1].strip():
        lines.insert(at, newline)
    return "".join(lines), line


def _numbered(items: list[tuple[int, str]], at: int) -> str:
    """The marker of a new item of a numbered log going in on line ``at``, of the
    log's dated ``items`` (line, text): as they are numbered when they have one
    number (``1.`` each time, as many write them), else one more than the numbered
    item before it, or the first one's on top. Markdown counts on from a list's
    first number, whatever the others say."""
    numbers = [(place, found) for place, item in items if (found := _NUMBER.match(item))]
    if not numbers:
        return "1."
    before = [found for place, found in numbers if place < at]
    if not before or len(numbers) > 1 and len({found[1] for _, found in numbers}) == 1:
        found = numbers[0][1]
        return f"{int(found[1])}{found[2]}"
    return f"{int(before[-1][1]) + 1}{before[-1][2]}"


_NUMBER = re.compile(r"[ \t]*(\d{1,9})([.)])")


def _section(lines: list[str], start: int, section: str) -> tuple[int | None, int]:
    """Where the log goes in a note's ``lines`` (its body from ``start``): the line of
    the ``section``'s heading and the line where the section ends. A note without
    such a heading whose log is under another (``## Interactions``), or above every
    heading, has it there: the heading above its last dated item (``start - 1``
    above every heading). (None, 0): neither; the section is made at the end.
    Headings and items in code blocks or HTML comments are none."""
    headings: list[tuple[int, int, str]] = []  # line, level, title in lower case
    under = None  # which of the headings is above the last dated item (-1: none)
    fenced, commented = None, False
    for number in range(start, len(lines)):
        line = lines[number]
        bare = line.rstrip("\r\n")
        fence = _FENCE.match(bare)
        if fenced:
            if fence and fence.group(1)[0] == fenced[0] and len(fence.group(1)) >= len(fenced):
                fenced = None
            continue
        if fence:
            fenced = fence.group(1)
            continue
        if commented:  # a heading in an HTML comment is no heading (nor is one in code)
            commented = "-->" not in bare
            continue
        if _COMMENT.match(bare) and "-->" not in bare:
            commented = True
            continue
        if match := _HEADING.match(bare):
            headings.append((number, len(match.group(1)), match.group(2).strip().lower()))
        elif (rest := _unquoted(line)[1])[:1] not in (" ", "\t") and _DATED_ITEM.match(rest) \
                and not _TASK.match(rest):
            under = len(headings) - 1
    chosen = next((i for i, (_, _, title) in enumerate(headings) if title == section.lower()),
                  under)
    if chosen is None:
        return None, 0
    if chosen == -1:
        return start - 1, headings[0][0] if headings else len(lines)
    heading, level, _ = headings[chosen]
    return heading, next((number for number, depth, _ in headings[chosen + 1:] if depth <= level),
                         len(lines))


def _body_start(lines: list[str]) -> int:
    """The first line after the frontmatter (Obsidian's rule: ``---`` first, then ``---``;
    spaces after either, as the parser reads them)."""
    if not lines or lines[0].lstrip("\ufeff").rstrip("\r\n").rstrip(" \t") != "---":
        return 0
    for number in range(1, len(lines)):
        if lines[number].rstrip("\r\n").rstrip(" \t") == "---":
            return number + 1
    return 0


def record(vault: Path, index: Index, config: Config, kind: str, name: str,
           item: Item) -> tuple[str, str, bool]:
    """Add ``item`` to the note of type ``kind`` called ``name``: (its path, the
    line, whether the note had that very line already).

    Nothing is written when the name fits no note, or several, or when the item
    would not count there (:func:`_counted`), or when the note has the line
    already (a command run twice: it would count twice)."""
    from vaultnet.write import edit_note

    path = note_called(index, kind, name)
    written = [item.line()]  # the line as the note's log has it written
    there = [False]

    def with_item(original: bytes) -> bytes:
        text = _text(path, original)
        held = _held(path, text, config)
        changed, written[0] = item_added(text, SECTIONS[kind], item)
        if any(_unquoted(line)[1].rstrip() == written[0] for line in text.splitlines()):
            there[0] = True
            return original
        if not _counted(held, _held(path, changed, config), item.date):
            # Right after HTML, the item would be part of it: a blank line ends it.
            changed, written[0] = item_added(text, SECTIONS[kind], item, apart=True)
            if not _counted(held, _held(path, changed, config), item.date):
                what = "an interaction" if kind == "person" else "practice"
                raise VaultnetError(
                    f"{path}: the new item would not count as {what} there: at the end of its "
                    f"## {SECTIONS[kind]} section it would be read as part of what comes before "
                    "it, most often a comment, code block or HTML that is never closed (so "
                    "Obsidian hides it, or shows it as code). Close it, or write the item by "
                    "hand, then run this again; nothing was written")
        return changed.encode("utf-8")

    edit_note(vault, path, with_item)
    return path, written[0], there[0]


def _held(path: str, text: str, config: Config) -> Counter:
    """The events, promises and links of the note ``text``, read as the index will
    read it, whatever their lines."""
    from vaultnet.parse import parse_note

    note = parse_note(path, text.encode("utf-8"), config)
    return Counter([*(("event", e.date, e.target, e.minutes, e.tags, e.text) for e in note.events),
                    *(("promise", *promise[1:]) for promise in note.commitments),
                    *(("link", *link[1:]) for link in note.links)])


def _counted(old: Counter, new: Counter, day: date) -> bool:
    """Whether a note that held ``old`` and now holds ``new`` (:func:`_held`) has
    the item added on ``day`` as one more item of its own log, and still
    everything it held before."""
    added = new - old
    own = [row for row in added if row[0] == "event" and row[1] == day and row[2] is None]
    return (not old - new and len(own) == 1
            and all(row[0] == "link" or (row[0] == "event" and row[1] == day) for row in added))


def schedule(vault: Path, index: Index, name: str, day: date) -> tuple[str, str | None]:
    """Set ``next: day`` in the note of the person called ``name``: (its path, the
    value ``next:`` had, as text, None if none). Nothing is written when the name
    fits no note, or several, or when the frontmatter cannot take it unchanged
    otherwise, or when it holds that day already."""
    from vaultnet.create import frontmatter_yaml
    from vaultnet.parse.frontmatter import UneditableFrontmatter, fill_keys, note_properties
    from vaultnet.write import edit_note

    path = note_called(index, "person", name)
    was: list[str | None] = [None]

    def with_next(original: bytes) -> bytes:
        text = _text(path, original)
        changed = fill_keys(text, {"next": day}, frontmatter_yaml, replace={"next"})
        old = note_properties(text).get("next")  # readable: fill_keys has read it
        # As the note wrote it: 2026-11-01 (a date to YAML), [2026-11-01], true.
        was[0] = None if old in (None, "") else old if isinstance(old, str) else as_written(old)
        # The day it holds already, however written ('2026-12-07'): left as it is.
        return original if was[0] == day.isoformat() else changed.encode("utf-8")

    try:
        edit_note(vault, path, with_next)
    except UneditableFrontmatter as exc:  # nothing was written
        raise VaultnetError(f"{path}: {exc}") from exc
    return path, was[0]


def name_and_text(index: Index, kind: str, name: str, words: tuple[str, ...]
                  ) -> tuple[str, tuple[str, ...]]:
    """The name and the text's words of ``vaultnet log Ann Lee coffee``, a name of
    two words not quoted: the shell gives ``Ann`` as the name and ``Lee`` to the
    text. When the name and the text's first words are, together, the whole name of
    a note (title or alias), they are the name; the longest such. With no word of
    text left (``vaultnet log Ann Lee``), the text is empty, for the caller to
    refuse."""
    from vaultnet.index.read import has_name

    for count in range(len(words), 0, -1):
        longer = " ".join((name, *words[:count]))
        if has_name(index, kind, longer):
            return longer, words[count:]
    return name, words


def note_called(index: Index, kind: str, name: str) -> str:
    """The path of the one note of type ``kind`` (person or skill) that ``name``
    finds (see :func:`~vaultnet.index.read.find_note`); NoteNotFound, saying
    what to do, when it finds none or several."""
    from vaultnet.index.read import find_note, names_like

    what = "person" if kind == "person" else "skill"
    path, candidates = find_note(index, kind, name)
    if path:
        return path
    if not candidates:
        like = " or ".join(repr(other) for other in names_like(index, kind, name))
        check = f"did you mean {like}? If not," if like else "check the spelling, or"
        raise NoteNotFound(f"no {what} is called {name!r} (by title or alias); "
                           f"{check} add one: vaultnet add {what} {shell_quoted(name)}")
    listed = "; ".join(f"{title} ({where})" for where, title in candidates[:10])
    more = f" and {len(candidates) - 10} more" if len(candidates) > 10 else ""
    how = "give more of the name"
    if len({title.lower() for _, title in candidates}) == 1:  # one name, several notes
        where, title = candidates[-1]
        how = f"give its folder too: {where.removesuffix('.md')!r}"
    raise NoteNotFound(f"{name!r} could be {len(candidates)} notes: {listed}{more}; {how}")


def _text(path: str, original: bytes) -> str:
    try:
        return original.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise VaultnetError(f"{path}: not UTF-8 text, so vaultnet will not edit it; "
                            "save it as UTF-8 first") from exc
