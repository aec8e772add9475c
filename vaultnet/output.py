"""What `due`, `balance` and `search` print: the JSON of SPEC 6 and the terminal text.

Pure functions from computed results to strings or JSON-ready data; the CLI
prints them. Terminal output is for the user at their own screen, so it shows
private people in full (SPEC 5 governs pages and exports).
"""

from __future__ import annotations

import json
import os
import re
import sys
from datetime import date
from operator import attrgetter
from typing import TYPE_CHECKING

import click

from vaultnet.words import MATCH_END, MATCH_START, count, has_controls, hours, left, plain, shown, some, when

if TYPE_CHECKING:  # `due` imports this module: it should not pay for the balance's
    from vaultnet.balance import Balance, SkillGap, Totals
    from vaultnet.index.kept import Due


def terminal_width(fallback: int = 80) -> int:
    """The terminal's width in columns, read as ``shutil.get_terminal_size`` reads
    it (``$COLUMNS`` first, then standard output's terminal), without importing
    shutil: it brings bz2, lzma and zlib along, 7 M instructions of every `due`."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or fallback
    except (AttributeError, ValueError, OSError):  # no standard output, or not a terminal
        return fallback


def due_json(items: list[Due], today: date) -> list[dict]:
    return [{"person": i.person, "path": i.path, "reason": i.reason,
             "due": i.due.isoformat(), "days_overdue": i.days_overdue(today), "detail": i.detail}
            for i in items]


def no_people(folder: str, linked: tuple[str, list[str]] | None = None) -> str:
    """What `due` says of a vault with no person note: most likely its people are
    kept where vaultnet does not look for them; ``linked``, the folder whose notes
    the dated notes link most, and those notes (``Index.linked_from_days``)."""
    text = (f"No people yet: a person is a note in {folder}/, or one with `type: person` or a "
            "#person tag.\n")
    if linked:
        where, titles = linked
        notes = count(len(titles), "note")
        return text + (f"Your daily and meeting notes link {notes} in {shown(where)}/ "
                       f"({shown(some(titles, 3))}): if they are people, write person = "
                       f"{json.dumps(where, ensure_ascii=False)} under [folders] in "
                       ".vaultnet/config.toml. Or add one: vaultnet add person NAME")
    return text + ("People kept in another folder: set [folders] person in "
                   ".vaultnet/config.toml. Or add one: vaultnet add person NAME")


def no_one_tagged(tag: str, tags: set[str]) -> str:
    """What `due --tag` says when no person has the tag (rather than "nothing due"):
    the tag meant, most likely, and the tags people have."""
    import difflib

    if not tags:
        return f"No person is tagged {shown(tag)}: no person has tags."
    close = difflib.get_close_matches(tag, sorted(tags), n=1, cutoff=0.6)
    meant = f"; did you mean {shown(close[0])}?" if close else "."
    return f"No person is tagged {shown(tag)}{meant} People's tags: {shown(some(sorted(tags), 10))}."


def never_reminded_text(names: list[str]) -> str:
    """What `due` says, when nothing is due, of the people whose notes give no role
    and no cadence: SPEC 1 makes them ``other``, never reminded of by default."""
    shown_names = some([shown(name) for name in names], 3)
    has = "has" if len(names) == 1 else "have"
    return (f"{count(len(names), 'person', 'people')} {has} no role or cadence, so nothing "
            f"reminds you to keep in touch: {shown_names}. Give them a `role:` or a `cadence:` "
            "(`cadence: never` if you mean it).")


_DETAIL_ROOM = 20  # the least of a detail a line shows: "every 3m; last conta…"
# Below U+0300, where combining marks begin, every printable character takes one
# column of a terminal: text with none beyond is measured by its length.
_BEYOND_ONE_COLUMN = re.compile(r"[^\x00-\u02ff]")


def cells(text: str) -> int:
    """The columns a terminal gives ``text``: two for an East Asian wide character
    (王小明 takes six), none for a combining mark, a joiner or what an emoji joiner
    joins (👩‍💻 takes two, as terminals draw it), one for the rest."""
    if not _BEYOND_ONE_COLUMN.search(text):
        return len(text)
    import unicodedata

    width, joined = 0, False
    for char in text:
        if joined:  # drawn as one with the emoji before the joiner
            joined = False
        elif char == "\u200d":
            joined = True
        elif not (unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf")):
            width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _fit(text: str, room: int) -> str:
    """``text`` in at most ``room`` columns: cut, with "…", if it takes more."""
    if cells(text) <= room:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest start of it in room - 1 columns
        middle = (low + high + 1) // 2
        if cells(text[:middle]) <= room - 1:
            low = middle
        else:
            high = middle - 1
    return text[:low] + "…"


def due_table(items: list[Due], today: date, color: bool, width: int | None = None) -> str:
    """Overdue first (the JSON order is by date, which puts them first too); links
    in the details shown as the text they stand for."""
    if not items:
        return "Nothing due. Enjoy the week."
    if width is None:
        width = terminal_width(100)
    # Per distinct due date (a few hundred): its text, how overdue, and that in words.
    dates: dict[date, tuple[str, str, int]] = {}
    for item in items:
        if item.due not in dates:
            days = (today - item.due).days
            dates[item.due] = (item.due.isoformat(), when(days), days)
    heads = ("DUE", "WHEN", "PERSON", "REASON", "DETAIL")
    # Control characters are shown, not sent (see words.shown); looked for all at
    # once, since almost every vault has none.
    names = [item.person for item in items]
    if has_controls("".join(names)) or has_controls("".join([i.detail for i in items])):
        items = [item._replace(person=shown(item.person), detail=shown(item.detail))
                 for item in items]
        names = [item.person for item in items]
    # Names in scripts a terminal draws wider or narrower than their length (王小明,
    # 👩‍💻, a decomposed é) are padded to their columns; looked for once, in all.
    wide = _BEYOND_ONE_COLUMN.search("".join(names)) is not None
    sizes = [max(len(heads[0]), *(len(d[0]) for d in dates.values())),
             max(len(heads[1]), *(len(d[1]) for d in dates.values())),
             max(len(heads[2]), max(map(cells if wide else len, names))),
             max(len(heads[3]), max(map(len, map(attrgetter("reason"), items))))]
    room = width - sum(sizes) - 2 * len(sizes)
    dated = room >= _DETAIL_ROOM
    if not dated:
        # An 80-column terminal: the date goes (WHEN says it, --json has it) rather than
        # every line wrapping under the next.
        heads, sizes, room = heads[1:], sizes[1:], room + sizes[0] + 2
    room = max(_DETAIL_ROOM, room)
    fixed = "  ".join(f"{{:<{size}}}" for size in sizes) + "  {}"
    # The columns of the date: made once per date, not per line.
    starts = {day: f"{text}  {words:<{sizes[1]}}  " if dated else f"{words:<{sizes[0]}}  "
              for day, (text, words, _) in dates.items()}
    rest = "  ".join(f"{{:<{size}}}" for size in sizes[-2:]) + "  {}"
    if wide:  # each name padded by hand (once per name), as format pads by length
        padded = {name: name + " " * (sizes[-2] - cells(name)) for name in names}
        rest = "{}  " + rest.split("  ", 1)[1]
    details = [plain(item.detail) for item in items]
    measure = cells if _BEYOND_ONE_COLUMN.search("".join(details)) else len
    lines = []
    for item, detail in zip(items, details, strict=True):
        if measure(detail) > room:
            detail = _fit(detail, room) if measure is cells else detail[: room - 1] + "…"
        person = padded[item.person] if wide else item.person
        lines.append((starts[item.due] + rest.format(person, item.reason, detail)).rstrip())
    overdue = [dates[i.due][2] for i in items]
    if color:
        lines = [click.style(line, fg="red" if d > 0 else "yellow" if d == 0 else None)
                 for line, d in zip(lines, overdue, strict=True)]
    head = fixed.format(*heads).rstrip()
    out = [click.style(head, bold=True) if color else head, *lines]
    out.append(f"\n{len(items)} due, {sum(1 for d in overdue if d > 0)} overdue.")
    return "\n".join(out)


def _totals(t: Totals) -> dict:
    return {"events": t.events, "minutes": t.minutes}


def balance_json(result: Balance) -> dict:
    return {
        "from": result.start.isoformat(),
        "to": result.end.isoformat(),
        "skills": _totals(result.skills),
        "network": _totals(result.network),
        "skills_share": result.skills_share,
        "weeks": [{"week": w.label, "from": w.start.isoformat(), "to": w.end.isoformat(),
                   "skills": _totals(w.skills), "network": _totals(w.network),
                   "skills_share": w.skills_share} for w in result.weeks],
        "goals": [{
            "goal": g.goal.name, "path": g.goal.path, "target_role": g.goal.target_role,
            "by": g.goal.by.isoformat() if g.goal.by else None, "balance": g.goal.balance,
            "skills": [_skill_gap_json(s) for s in g.skills],
            "network": [{"role": n.role, "needed": n.needed, "active": len(n.active),
                         "missing": n.missing, "people": [p.name for p in n.active]}
                        for n in g.network],
        } for g in result.goals],
        "ledger": [{"person": r.person.name, "path": r.person.path, "gave": r.gave, "took": r.took,
                    "only_takes": r.only_takes} for r in result.ledger],
        "categories": [{"category": c.category, "events": c.time.events, "minutes": c.time.minutes}
                       for c in result.categories],
        "practice_due": [{
            "skill": p.skill.name, "path": p.skill.path, "due": p.due.isoformat(),
            "days_overdue": (result.end - p.due).days, "cadence": str(p.skill.cadence),
            "last_practice": p.skill.last_practice.isoformat() if p.skill.last_practice else None,
        } for p in result.practice],
        "below_target": [_skill_gap_json(s) for s in result.below_target],
    }


def _skill_gap_json(s: SkillGap) -> dict:
    return {"skill": s.name, "path": s.path, "level": s.level, "target": s.target, "gap": s.gap,
            "minutes": s.minutes,
            "last_practice": s.last_practice.isoformat() if s.last_practice else None,
            "helpers": [p.name for p in s.helpers]}


def _events(number: int) -> str:
    return f"{number:4d} {'event ' if number == 1 else 'events'}"  # aligned either way


def balance_text(result: Balance) -> str:
    share = result.skills_share
    lines = [f"Balance {result.start.isoformat()} to {result.end.isoformat()}",
             f"  skills   {_events(result.skills.events)}  {hours(result.skills.minutes):>8}",
             f"  network  {_events(result.network.events)}  {hours(result.network.minutes):>8}",
             f"  skills share: {'no time recorded' if share is None else f'{share:.1f} %'}", ""]
    # The days of each week: the window's first and last weeks may be a few days
    # only, and their hours would read as a slack week without them.
    lines.append("  week      days              skills   network  skills share")
    for w in result.weeks:
        s = "-" if w.skills_share is None else f"{w.skills_share:.1f} %"
        lines.append(f"  {w.label}  {w.start:%m-%d} to {w.end:%m-%d}  {hours(w.skills.minutes):>8}  "
                     f"{hours(w.network.minutes):>8}  {s:>12}")
    if result.categories:
        names = [c.category or "(no category)" for c in result.categories]
        width = max(map(cells, names))
        lines += ["", "  skills by category"]
        lines += [f"    {name}{' ' * (width - cells(name))} {_events(c.time.events)}  "
                  f"{hours(c.time.minutes):>8}" for name, c in zip(names, result.categories,
                                                                   strict=True)]
    for g in result.goals:
        by = (f"; by {g.goal.by.isoformat()}, {left((g.goal.by - result.end).days)}"
              if g.goal.by else "")
        lines += ["", f"Goal: {g.goal.name} (skills share target {g.goal.balance} %{by})"]
        lines += [f"  skill gap  {_gap(s)}" for s in g.skill_gaps]
        for n in g.network_gaps:
            lines.append(f"  network gap  {n.role}: {len(n.active)} active of {n.needed} needed")
        if not g.skills and not g.network:
            lines.append("  nothing to measure it by yet: add `skills:` and `network:` to "
                         f"{g.goal.path}")
        elif not g.skill_gaps and not g.network_gaps:
            lines.append("  no gaps")
    if result.below_target:
        lines += ["", "Skills below target, in no goal:"]
        lines += [f"  {_gap(s)}" for s in result.below_target]
    if result.practice:
        lines += ["", "Practice due:"]
        for p in result.practice:
            last = p.skill.last_practice.isoformat() if p.skill.last_practice else "never"
            lines.append(f"  {p.skill.name}: {when((result.end - p.due).days)} ({p.due.isoformat()}), "
                         f"every {p.skill.cadence}; last practised {last}")
    takers = [r for r in result.ledger if r.only_takes]
    if takers:
        lines += ["", "You only take from: " + ", ".join(r.person.name for r in takers)]
    return "\n".join(lines)


def _gap(s: SkillGap) -> str:
    helpers = ", ".join(p.name for p in s.helpers) or "nobody yet"
    name = s.name if s.path else f"{s.name} (no note yet)"  # as Balance.md says it
    return f"{name}: level {s.level or 0} of {s.target}, {hours(s.minutes)} practice; ask: {helpers}"


def search_json(found: list[dict]) -> list[dict]:
    """The matches of each snippet marked in Markdown, ``**word**``."""
    return [{**hit, "snippet": hit["snippet"].replace(MATCH_START, "**").replace(MATCH_END, "**")}
            for hit in found]


def _wrapped_in_columns(text: str, width: int, indent: str = "    ") -> str:
    """``text`` in lines of at most ``width`` terminal columns (:func:`cells`: a
    Chinese character takes two), those after the first under ``indent``; broken
    between words, and inside a run written without spaces (王小明喝咖啡) where
    one would not fit, as textwrap, which counts characters, cannot."""
    lines, line = [], ""
    for piece in re.findall(r"\s+|\S+", text):
        if cells(line + piece) <= width:
            line += piece
        elif piece.isspace():
            lines.append(line)
            line = indent
        else:
            if line.strip() and cells(indent + piece) <= width:  # the word, whole, on a line of its own
                lines.append(line)
                line = indent
            for char in piece:  # a run longer than a line: as it fits
                if cells(line + char) > width and line.strip():
                    lines.append(line)
                    line = indent
                line += char
    lines.append(line)
    return "\n".join(part.rstrip() for part in lines)


def search_text(found: list[dict], color: bool, width: int | None = None) -> str:
    """Each note's path and type, and its snippet below it with the matches in bold
    on a terminal (plain when piped: ``**`` would read as part of the note).
    ``width``: a terminal's, which the snippets are wrapped to, under their indent
    (piped, a snippet stays one line, for grep)."""
    start, end = ("\x1b[1m", "\x1b[22m") if color else ("", "")
    lines = []
    for hit in found:
        lines.append(shown(f"{hit['path']}  ({hit['type']})"))
        if hit["snippet"]:
            snippet = "    " + shown(hit["snippet"], lines=True)  # the marks are no control characters
            # Wrapped before the marks become escapes: counted, they only make a
            # line shorter on the screen than the terminal, never longer.
            if width is not None and _BEYOND_ONE_COLUMN.search(snippet):
                snippet = _wrapped_in_columns(snippet, max(40, width))
            elif width is not None and len(snippet) > width:
                import textwrap

                snippet = "\n".join(textwrap.wrap(snippet, max(40, width), subsequent_indent="    ",
                                                  break_long_words=False, break_on_hyphens=False))
            lines.append(snippet.replace(MATCH_START, start).replace(MATCH_END, end))
    return "\n".join(lines)
