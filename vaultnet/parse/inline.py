"""Inline rules of SPEC 2 over one block's text: links, tags, durations, dates, tasks."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import unquote

from vaultnet.clock import iso_day
from vaultnet.parse.values import MONTHS, folder_path, link_key

if TYPE_CHECKING:
    from collections.abc import Iterator

    from vaultnet.parse.blocks import Block

# A run of backticks, or a backslash escaping one (or escaping a backslash, so that
# the backtick after it is a real one): CommonMark's code spans start at a run.
_TICKS_OR_ESCAPE = re.compile(r"`+|\\[\\`]")
_WIKILINK = re.compile(r"(!?)\[\[([^\[\]\n]+?)\]\]")
# A Markdown link, `[text](destination "title")`: what Obsidian writes for a link
# when "Use [[Wikilinks]]" is off. The destination is `<...>` or has no spaces and
# at most balanced parentheses one deep (CommonMark's rule, as far as notes need).
# Possessive (`++`): a shorter destination could never match where the whole one
# fails, and the engine would keep a way back for each of its characters, some
# 200 bytes each: 470 MB for an image pasted as a 2 MB `data:` address.
MARKDOWN_LINK = re.compile(
    r"(!?)\[([^\[\]\n]*)\]\(\s*(<[^<>\n]+>|(?:[^\s()<>]|\([^\s()]*+\))++)"
    r"""(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)""")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")  # https:, mailto:, obsidian:
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}$")  # Figure 1.png, report.pdf, example.com
# A tag starts with a letter, "_" or any character from U+00C0 to U+FFFF, and goes on
# with word characters, "/", "-" or those. Written with a negated class rather than
# the range itself: the same characters, but compiled in 0.5 ms instead of 8 ms, which
# every command that reads a note pays.
_WIDE = r"[^\x00-\xbf\U00010000-\U0010ffff]"  # U+00C0 to U+FFFF
# Patterns that look for a token anywhere start with the token's first character
# and check what comes before it afterwards, with a lookbehind that spans both:
# the regex engine then skips to candidates instead of trying every position
# (about twice as fast on a vault's list items, with the same matches).
# Possessive (`*+`), as what follows a tag is not part of it: no way back is kept
# for each character of a long one (300 MB for a "tag" of 2 MB).
_TAG = re.compile(rf"#(?<![\w/#&\]\[]#)((?:[A-Za-z_]|{_WIDE})(?:[\w/\-]|{_WIDE})*+)")
# A duration: hours (1h, 1.5h, 1h30m, 1h 30m) or minutes (45m, 45min), not part
# of a longer word, number, time or path; with the units in words too, after a
# space or not (2 hours, 1 hr, 1 hour 30 minutes, 45 mins), but never "45 m".
# Hours take a decimal comma as much of Europe writes them (1,5h), so that no
# "5h" is read out of it; a number after a digit and a comma (1,500m) is no token.
# Its digits are taken whole (``{0,4}+``): only the whole run can be followed by
# "h", "." or "m", and a run of more than five digits is no duration (nor a
# number the index could hold).
_HOURS = r"(?:h(?:ours?|rs?)?| (?:hours?|hrs?))"
_MINUTES = r"(?:m(?:in(?:ute)?s?)?| min(?:ute)?s?)"
# The units as Chinese, Japanese and Korean write them: 1小时, 1个小时, 1時間, 1시간;
# 30分钟, 30分, 30분; 1時間30分, 1.5小时. Written without spaces, they end a run of
# letters with no space after them ("开会1小时讨论预算"), and follow one: a letter
# of those scripts (kana, Han, Hangul) before the number is no part of it.
_CJK_HOURS = r"(?:時間|[个個]?小[时時]|시간)"
_CJK_MINUTES = r"(?:分[钟鐘]?|분)"
_CJK_LETTER = "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
# Whether a text, in UTF-8, has a character from U+3000 to U+DFFF (their symbols, kana,
# Han, Hangul) or from U+F000 (Han again, full-width forms): the first byte of each is
# one of these. Twice as fast as max(text), and an emoji (U+1F389: F0 ...) is none.
_HAS_CJK = re.compile(rb"[\xe3-\xed\xef]").search
# What a link points to: a wikilink's name (its text after `|` is shown, and read),
# a Markdown link's destination (to the first `)` of its line).
_WIKILINK_TARGET = re.compile(r"\[\[[^\[\]|\n]*")
_DESTINATION = re.compile(r"\]\([^)\n]*\)")
_DURATION = re.compile(
    rf"(\d(?<![\w.:/-]\d)(?<!\d,\d)\d{{0,4}}+)(?:([.,]\d{{1,6}}+)?{_HOURS}(?: ?(\d{{1,5}}+){_MINUTES})?"
    rf"|({_MINUTES}))(?![\w/])",
    re.IGNORECASE,
)

# A time range: 10:00-11:30, 10:00 – 11:30, 9am-10:30am, 2-3pm (Day Planner's time
# blocks); in Chinese, Japanese or Korean, 10:00〜11:30, 10:00~11:00 too
# (:func:`_wide_range`). Each clock is checked in ``_range_minutes``: a bare number is one only
# before an am/pm (2-3pm), as 1-2 alone says no time. Not "9am to 2pm", which a
# log says as often of a meeting moved as of one that long.
_MAY_RANGE = re.compile(r"[-–—]").search  # what joins a range's clocks
_HALF = r"(?:[ \t]?([ap])\.?m\b\.?)?"  # am, pm, a.m.
_RANGE = re.compile(rf"(\d(?<![\w.:/-]\d)\d?)(?::(\d\d))?{_HALF}[ \t]*[-–—][ \t]*"
                    rf"(\d\d?)(?::(\d\d))?{_HALF}(?![\w:/])", re.IGNORECASE)


@functools.cache
def _wide_range() -> re.Pattern:
    """:data:`_RANGE` with what Chinese, Japanese and Korean join clocks with too,
    a wave dash or a tilde (10:00〜11:30, 10:00~11:00), for a text of theirs (the
    class with those takes ten times as long to compile: a millisecond's fifth)."""
    return re.compile(_RANGE.pattern.replace("[-–—]", "[-–—~〜～]"), re.IGNORECASE)


@functools.cache
def _wide_duration() -> re.Pattern:
    """:data:`_DURATION` with the units of Chinese, Japanese and Korean too, for a
    text with a character of theirs (:data:`_HAS_CJK`; the others' time is spent on :data:`_DURATION`
    alone; compiling this one takes a millisecond): its groups are ``_DURATION``'s,
    then the minutes of hours in those units and the unit of minutes alone."""
    return re.compile(  # (IGNORECASE for the English units alone: it doubles the compiling)
        rf"(\d(?:(?<![\w.:/-]\d)|(?<={_CJK_LETTER}\d))(?<!\d,\d)\d{{0,4}}+)"
        rf"(?:([.,]\d{{1,6}}+)?(?:(?i:{_HOURS})(?: ?(\d{{1,5}}+)(?i:{_MINUTES}))?(?![\w/])"
        rf"|{_CJK_HOURS}(?: ?(\d{{1,5}}+) ?{_CJK_MINUTES})?)"
        rf"|((?i:{_MINUTES}))(?![\w/])|( ?{_CJK_MINUTES}))"
    )


# A list item's start: a task's box, then a date (SPEC 2). A separator after the
# date (``2026-11-20: coffee``, ``2026-11-20 – coffee``) is no part of the text.
_HEAD = re.compile(
    r"(?:\[(.)\][ \t]+)?(?:(\d{4}-\d{2}-\d{2})(?!\d)[ \t]*(?:[:–—-][ \t]+)?)?")
# A date at an item's start written another way than SPEC 2's YYYY-MM-DD.
# (Day-first with dots only with a four-digit year: 1.10.12 is more likely a version.)
# With a month's English name, a day is needed: "Nov 21", "21 November 2026",
# "November 21st, 2026"; "May 2026" or "Nov. planning" is no date.
_MONTH = rf"(?i:{'|'.join(f'{m[:3]}(?:{m[3:]})?' for m in MONTHS)}|sept)\.?"  # Nov, November
_DAY = r"\d{1,2}(?i:st|nd|rd|th)?"
# As text: `re` compiles it when first used (~1 ms), for a log item not dated as SPEC 2 says.
_OTHER_DATE = (
    r"((?:\d{4}[/.]\d{1,2}[/.]\d{1,2}|\d{1,2}/\d{1,2}/\d{2}(?:\d{2})?|\d{1,2}\.\d{1,2}\.\d{4}"
    r"|\d{4}[－／．]\d{1,2}[－／．]\d{1,2}"  # a full-width keyboard's: ２０２６－１１－２０
    rf"|\d{{4}}-\d{{1,2}}-\d{{1,2}}|{_MONTH} {_DAY}(?:,? \d{{4}})?|{_DAY} {_MONTH}(?: \d{{4}})?)"
    r"(?![\w/.-])"
    # Chinese and Japanese (2026年11月20日, 11月20日), Korean (2026년 11월 20일): ended by
    # the day's sign, and often followed by text without a space.
    r"|(?:\d{4}年)?\d{1,2}月\d{1,2}日|(?:\d{4}년 ?)?\d{1,2}월 ?\d{1,2}일)")
# The first three letters of a month's name, and the words the pattern above
# takes for one: a text of a log is looked at only when it starts with a digit,
# or with such a word and a day ("Nov 21"), not for "Marie" or "May we".
_MONTH_STARTS = frozenset(month[:3] for month in MONTHS)
_MONTH_WORDS = _MONTH_STARTS | {*MONTHS, "sept"}


def may_start_with_a_date(text: str) -> bool:
    """Whether ``text`` starts as a date written another way may (a digit, or a
    month's name and a day): only then is :func:`other_date` worth asking."""
    if text[:1].isdigit():
        return True
    if text[:3].lower() not in _MONTH_STARTS:
        return False
    word, _, rest = text.partition(" ")
    return rest[:1].isdigit() and word.lower().removesuffix(".") in _MONTH_WORDS
# The date may be shown in bold or italics (**2026-11-20**) or be a link to that
# day's note ([[2026-11-20]], [[Daily/2026-11-20 Friday|Fri]], [2026-11-20](2026-11-20.md)):
# the item's text, as Obsidian shows it, starts with the date. Looked for only when
# the item starts with one of those marks (:func:`item_head`): most items do not.
_MARKS = ("*", "_", "[")
_MARKED_DATE = re.compile(
    r"(?:\*\*|__|[*_]|\[\[(?:[^\]|\n]*/)?|\[(?=[\d-]{10}\]\())(\d{4}-\d{2}-\d{2})(?!\d)"
    r"(?:\*\*|__|[*_]|(?:[ \t][^\]|#\n]*)?(?:#[^\]|\n]*)?(?:\|[^\]\n]*)?\]\]|\]\([^)\n]*\))"
    r"[ \t]*(?:[:–—-][ \t]+)?"
)
_DUE = (
    re.compile(r"[📅📆🗓]\ufe0f?\s*(\d{4}-\d{2}-\d{2})"),  # Tasks plugin (which reads all three)
    re.compile(r"\[due::\s*(\d{4}-\d{2}-\d{2})\s*\]"),  # Dataview, bracketed
    re.compile(r"\(due::\s*(\d{4}-\d{2}-\d{2})\s*\)"),  # Dataview, in parentheses (key hidden)
    re.compile(r"(?<![\w\[(])due::\s*(\d{4}-\d{2}-\d{2})"),  # Dataview, bare
)


def mask_code(text: str) -> str:
    """Blank out code spans (same length, so offsets and lines still match).

    A span runs from a run of backticks to the next run of as many; a run
    that none closes is text, and so is an escaped backtick (``\\```)."""
    if "`" not in text:
        return text
    spans = []
    position = 0
    unclosed = set()  # lengths of runs that no run after them closes: nor any later one
    while opening := _TICKS_OR_ESCAPE.search(text, position):
        position = opening.end()
        ticks = opening.group()
        if ticks[0] == "`" and len(ticks) not in unclosed:
            closing = _closing_ticks(len(ticks)).search(text, position)
            if closing:
                spans.append((opening.start(), closing.end()))
                position = closing.end()
            else:
                unclosed.add(len(ticks))
    return _blank(text, spans) if spans else text


@functools.cache
def _closing_ticks(count: int) -> re.Pattern[str]:
    return re.compile(f"(?<!`)`{{{count}}}(?!`)")


# Obsidian's comment mark: exactly two % (a comment runs to the next, across lines
# and blocks); and an HTML comment within a block.
_OBSIDIAN_COMMENT = re.compile(r"(?<!%)%%(?!%)")
# A block ID (``^e3f1a2``), which ends the line of the block it names.
_BLOCK_ID = re.compile(r"(?<=[ \t])\^[A-Za-z0-9-]+[ \t]*$", re.MULTILINE)
_NOT_NEWLINE = re.compile(r"[^\n]")


def without_hidden(blocks: list[tuple[Block, str]]) -> list[tuple[Block, str]]:
    """A note's blocks without what Obsidian does not show of them: comments
    (``<!-- -->`` within a block, Obsidian's ``%% %%`` within one or across
    several) and block IDs (``^e3f1a2``). Blanked out in the text with code
    blanked, for the rules, and in the block's own text, which pages quote; so both
    stay as long, and lines stay lines. A block left with nothing is dropped."""
    kept = []
    hidden = False  # inside an Obsidian comment begun in an earlier block
    for block, text in blocks:
        spans = []
        start = 0 if hidden else None
        for mark in _OBSIDIAN_COMMENT.finditer(text):
            if start is None:
                start = mark.start()
            else:
                spans.append((start, mark.end()))
                start = None
        if start is not None:
            spans.append((start, len(text)))
        hidden = start is not None
        if "<!--" in text:
            spans += _html_comments(_blank(text, spans))
        if "^" in text:
            spans += [m.span() for m in _BLOCK_ID.finditer(text)]
        if spans:
            text = _blank(text, spans)
            if not text.strip():
                continue
            block = block._replace(text=_blank(block.text, spans))
        kept.append((block, text))
    return kept


def _html_comments(text: str) -> list[tuple[int, int]]:
    """The spans of ``<!-- ... -->``, as ``re.finditer(r"<!--.*?-->", text, re.DOTALL)``
    finds them, but linear: with no ``-->`` after a ``<!--``, none comes after a later
    one either, where the pattern searched to the end again from each."""
    spans = []
    position = 0
    while (start := text.find("<!--", position)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break
        spans.append((start, end + 3))
        position = end + 3
    return spans


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the characters of ``spans`` (which may overlap) as spaces, line
    breaks kept; in one pass, however many spans a block has."""
    parts = []
    position = 0
    for begin, end in sorted(spans):
        begin = max(begin, position)
        if end > begin:
            parts.append(text[position:begin])
            parts.append(_NOT_NEWLINE.sub(" ", text[begin:end]))
            position = end
    parts.append(text[position:])
    return "".join(parts)


class WikiLink(NamedTuple):
    line: int  # the line of the text it is on, 0 for the first
    target: str  # lower-cased key
    name: str  # as written, before | and # (a Markdown link's path, decoded, without .md)
    path: str | None = None  # with folders written (``Acme/Alex Kim``), by ``links``: as ``folder_path``


def wikilinks(text: str) -> list[WikiLink]:
    """Links in (code-masked) text; embeds ``![[...]]`` are not links to count.

    Line breaks are counted once through the text, from link to link: a paragraph
    of 50,000 links took 7 s when each counted them from the start."""
    found = []
    line = position = 0
    lines = "\n" in text
    for match in _WIKILINK.finditer(text):
        if match.group(1):
            continue
        inner = match.group(2)
        name = re.split(r"\\?\||#|\^", inner, maxsplit=1)[0].strip()
        if name:
            if lines:
                line += text.count("\n", position, match.start())
                position = match.start()
            found.append(WikiLink(line, link_key(name), name))
    return found


def links(text: str) -> list[WikiLink]:
    """Links to notes in (code-masked) text, line by line: wikilinks, and Markdown
    links to a note (``[Ann](People/Ann%20Lee.md)``), which Obsidian treats alike."""
    found = wikilinks(text) if "[[" in text else []
    if "](" in text:
        more = markdown_links(text)
        if more:
            found = sorted(found + more, key=lambda link: link.line) if found else more
    if "/" in text:  # links written with folders keep them, to tell apart notes of one name
        found = [link._replace(path=folder_path(link.name)) if "/" in link.name else link
                 for link in found]
    return found


def markdown_links(text: str) -> list[WikiLink]:
    """Markdown links to notes: not embeds (``![...](...)``), web or other
    addresses (``https:``, ``mailto:``), links within the note (``#Heading``) nor
    links to other files (``.png``, ``.pdf``). The destination is URL-decoded
    (``%20``), and its last path part is the note's name, as for a wikilink."""
    found = []
    line = position = 0
    for match in MARKDOWN_LINK.finditer(text):
        path = None if match.group(1) else note_path(match.group(3))
        if path:
            line += text.count("\n", position, match.start())
            position = match.start()
            found.append(WikiLink(line, link_key(path), path))
    return found


def note_path(destination: str) -> str | None:
    """The note a Markdown link's destination names, as its path without ``.md``
    (``../People/Ann%20Lee.md#Log``: ``../People/Ann Lee``), or None for an address,
    a heading of the same note or a file of another kind."""
    if destination.startswith("<"):
        destination = destination[1:-1]
    if _SCHEME.match(destination):
        return None
    path = unquote(re.split(r"#|\^", destination, maxsplit=1)[0]).strip()
    folder, _, name = path.rpartition("/")
    if name.lower().endswith(".md"):
        name = name[:-3]
    elif _EXTENSION.search(name):
        return None
    name = name.strip()
    return f"{folder}/{name}" if name and folder else name or None


def note_name(destination: str) -> str | None:
    """The note a Markdown link's destination names (``People/Ann%20Lee.md#Log``:
    ``Ann Lee``), or None for an address, a heading of the same note or a file
    of another kind."""
    path = note_path(destination)
    return path.rsplit("/", 1)[-1] if path else None


def tags(text: str) -> tuple[str, ...]:
    return tuple(tag.lower() for tag in _TAG.findall(text))


def with_roots(found: tuple[str, ...]) -> tuple[str, ...]:
    """An item's tags, each nested one (``gave/intro``) followed by its root
    (``gave``): in Obsidian a nested tag is also its root's (a search for #private
    finds #private/health), so SPEC 2's #gave, #asked, #private ... are read so."""
    return tuple(dict.fromkeys(t for tag in found for t in (tag, tag.split("/", 1)[0]) if t))


def minutes(text: str) -> int | None:
    """The first duration token: ``45m``, ``2h``, ``1.5h`` (or ``1,5h``), ``1h30m``, ``2 hours``;
    without one, the length of the first time range (``10:00-11:30``); neither in
    what a link points to, which names a note (``[[Q3 2h review]]``,
    ``(People/J%C3%B6rg%20M%C3%BCller.md)``, whose ``20M`` read as 20 minutes)."""
    plain = text.isascii() or not _HAS_CJK(text.encode("utf-8", "surrogatepass"))
    match = _outside_links(_DURATION if plain else _wide_duration(), text)
    if match:
        if plain:
            whole, fraction, extra, in_minutes = match.groups()
        else:
            whole, fraction, extra, more, in_minutes, cjk_minutes = match.groups()
            extra, in_minutes = extra or more, in_minutes or cjk_minutes
        if in_minutes:
            return int(whole)
        return round(float(whole + (fraction or "").replace(",", ".")) * 60) + int(extra or 0)
    ranges = _RANGE if plain else _wide_range()
    if plain and not _MAY_RANGE(text) or ranges.search(text) is None:  # (most: at C's pace)
        return None
    for match in _all_outside_links(ranges, text):
        length = _range_minutes(*match.groups())
        if length:
            return length
    return None


def _outside_links(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of ``pattern`` not in what a link points to."""
    match = pattern.search(text)
    if match is None or "[" not in text:
        return match
    # After a "]" that is the last bracket, no link of the item's points on: a
    # wikilink's target ends at the first "]" after it (a Markdown link's
    # destination may hold one, so the long way where there is one).
    if match.start() > text.rfind("]") > text.rfind("[") and "](" not in text:
        return match
    return next(_all_outside_links(pattern, text), None)


def _all_outside_links(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Each match of ``pattern`` not in what a link points to, in order."""
    targets = _link_targets(text) if "[" in text else []
    spans = iter(targets)  # both in order: one pass over each
    span: tuple[int, int] | None = next(spans, None)
    for match in pattern.finditer(text):
        while span is not None and span[1] <= match.start():
            span = next(spans, None)
        if span is None or match.start() < span[0]:
            yield match


def _range_minutes(*clocks: str | None) -> int | None:
    """The minutes from one clock to the other (hour, minute, a or p, of each), past
    midnight if need be (23:00-01:00); None where one is no time of day, or the
    range is longer than a waking day (16 hours: no meeting, a typo). An am or pm
    on one side is the other's too, unless that would put the start after the end
    (11-1pm: 11 am; 1:30-3pm: 1:30 pm)."""
    start_hour, start_minute, start_half, end_hour, end_minute, end_half = clocks
    start_half, end_half = (start_half or "").lower(), (end_half or "").lower()
    if not start_half and not end_half:
        if start_minute is None or end_minute is None:
            return None  # 1-2, 10:00-11: no time of day
    elif not start_half:  # 2-3pm, 11-1pm
        flip = int(start_hour) % 12 > int(end_hour) % 12
        start_half = {"a": "p", "p": "a"}[end_half] if flip else end_half
    elif not end_half:  # 9am-10, 11am-1:00
        flip = int(end_hour) % 12 < int(start_hour) % 12
        end_half = {"a": "p", "p": "a"}[start_half] if flip else start_half
    times = []
    for hour, minute, half in ((start_hour, start_minute, start_half),
                               (end_hour, end_minute, end_half)):
        hour, minute = int(hour), int(minute or 0)
        if minute > 59 or hour > (12 if half else 23) or half and hour == 0:
            return None
        if half:
            hour = hour % 12 + (12 if half == "p" else 0)
        times.append(hour * 60 + minute)
    length = (times[1] - times[0]) % (24 * 60)
    return length if 0 < length <= 16 * 60 else None


def _link_targets(text: str) -> list[tuple[int, int]]:
    """The spans of what links point to, in order, as one leftmost scan for either
    would find them; in time linear in the text, also for a line of 10,000 ``](``
    with no ``)`` after them (each a failed search to the line's end)."""
    found = [m.span() for m in _WIKILINK_TARGET.finditer(text)]
    if "](" in text:
        start = 0
        for line in text.split("\n"):
            end = line.rfind(")")  # a "](" after the last ")" is no link
            if end > 0 and "](" in line:
                found += [(start + m.start(), start + m.end())
                          for m in _DESTINATION.finditer(line, 0, end + 1)]
            start += len(line) + 1
        found.sort()
    kept: list[tuple[int, int]] = []
    for span in found:
        if not kept or span[0] >= kept[-1][1]:  # not within a destination: "](a [[b)"
            kept.append(span)
    return kept


def is_duration(text: str) -> bool:
    """Whether ``text`` is one duration token and nothing else (``1 hour``)."""
    plain = text.isascii() or not _HAS_CJK(text.encode("utf-8", "surrogatepass"))
    return (_DURATION if plain else _wide_duration()).fullmatch(text) is not None


class ItemHead(NamedTuple):
    """A list item's start: its checkbox state, leading date, and the rest."""

    checkbox: str | None  # None, or the mark in the box: " ", "x", "/" ... (config.TaskMarks)
    date_text: str | None
    rest: str


def item_head(text: str) -> ItemHead:
    match = _HEAD.match(text)
    box, day = match.groups()
    if day is None and text[match.end():match.end() + 1] in _MARKS:
        marked = _MARKED_DATE.match(text, match.end())
        if marked:
            return ItemHead(box, marked.group(1), text[marked.end():])
    return ItemHead(box, day, text[match.end():])


def other_date(text: str) -> str | None:
    """A date that starts ``text`` in another form than YYYY-MM-DD (``2026/11/20``,
    ``20.11.2026``, ``2026-11-5``, ``Nov 21``, ``20 novembre``), which a person means
    as the item's date."""
    match = re.match(_OTHER_DATE, text)
    if match:
        return match.group(1)
    if text[:1].isdigit() and (match := _day_and_month_name().match(text)):
        from vaultnet.parse.daily import month_named

        return match.group(1) if month_named(match.group(2)) else None
    return None


@functools.cache
def _day_and_month_name() -> re.Pattern:
    """A day and a month's name in a language Obsidian can be set to, as a log kept
    in one is written by hand: ``20 novembre``, ``20. November 2026``, ``2 de
    noviembre``, ``२० नवंबर``, ``20 พ.ย.``. The name is checked by ``daily.month_named``."""
    from vaultnet.parse.daily import NUMBER_ORDINAL, letter_pattern

    letter = letter_pattern()  # the day's ending as moment writes Do: 20., 1er, 20ste, 20-го
    return re.compile(rf"(\d{{1,2}}{NUMBER_ORDINAL} (?:de |d[’'])?({letter}+(?:\.{letter}+)*\.?)"
                      r"(?: \d{4})?)(?![\w/-])")


def due_text(text: str, head: ItemHead) -> str | None:
    """The due date of a task, by SPEC 2's order of precedence."""
    for pattern in _DUE:
        match = pattern.search(text)
        if match:
            return match.group(1)
    return head.date_text


def first_line(text: str) -> str:
    return text.partition("\n")[0].strip()


QUOTE_MOST = 500  # characters of its line that an event or a promise keeps, to quote


def quote(text: str) -> str:
    """A line as an event or a promise keeps it for pages to quote: whole up to
    :data:`QUOTE_MOST` characters; a longer one cut at a space before them (and
    before a link the cut would split), with " …". Each link of a line is an event
    of its own, with that line: a meeting's line of 2,000 attendees made a 100 MB
    index when every event kept all of it."""
    if len(text) <= QUOTE_MOST:
        return text
    cut = text.rfind(" ", 0, QUOTE_MOST + 1)
    if cut <= 0:
        cut = QUOTE_MOST
    for pattern in (_WIKILINK, MARKDOWN_LINK):
        for match in pattern.finditer(text):
            if match.start() >= cut:
                break
            if match.end() > cut:
                cut = match.start()
                break
    kept = text[:cut].rstrip()
    return f"{kept} …" if kept else "…"


# A ``YYYY-MM-DD`` date, in any script's digits; the clock's own, not a call more
# for each of a vault's hundred thousand dated items.
parse_iso = iso_day


# What else the Tasks plugin reads at a task's end, in its emoji form or Dataview's:
# priority, the other dates, recurrence, id, dependencies, what to do when done.
# Each value as Tasks reads it (not "anything up to the bracket": a line of many
# brackets would be searched from each of them to its end).
_TASK_ID = r"[a-zA-Z0-9_-]+"
_TASK_IDS = rf"{_TASK_ID}(?:[ \t]*,[ \t]*{_TASK_ID})*"
_TASK_DATE = r"\d{4}-\d{2}-\d{2}(?:[ \t]\d{2}:\d{2})?"
_TASK_RULE = r"[a-zA-Z0-9, !]+"
_DATAVIEW_FIELD = (
    r"[ \t]*(?:priority::[ \t]*(?:highest|high|medium|low|lowest)"
    rf"|(?:start|created|scheduled|reminder|completion|cancelled)::[ \t]*{_TASK_DATE}"
    rf"|repeat::[ \t]*{_TASK_RULE}|id::[ \t]*{_TASK_ID}|dependsOn::[ \t]*{_TASK_IDS}"
    r"|onCompletion::[ \t]*(?:keep|delete))[ \t]*")
# As text: compiling it takes 2 ms, and most runs of the parser meet none (`re`
# compiles it when it is first used).
_TASK_FIELD_AT_END = (
    r"(?:[🔺⏫🔼🔽⏬]\ufe0f?"
    rf"|[🛫➕⏳⌛⏰✅❌]\ufe0f?[ \t]*{_TASK_DATE}"
    rf"|🔁\ufe0f?[ \t]?{_TASK_RULE}"
    rf"|🆔[ \t]*{_TASK_ID}|⛔\ufe0f?[ \t]*{_TASK_IDS}"
    r"|🏁\ufe0f?[ \t]*(?:keep|delete)"
    rf"|(?:\[{_DATAVIEW_FIELD}\]|\({_DATAVIEW_FIELD}\))(?:[ \t]*,)?"
    r")[ \t]*$")
_TAG_AT_END = r"(?:^|(?<=[ \t]))#[^\s#]+[ \t]*$"
# Each character that begins one of them, to look for them only in a task that has one.
_TASK_FIELD_START = re.compile(r"[🔺⏫🔼🔽⏬🛫➕⏳⌛⏰✅❌🔁🆔⛔🏁]|::")


def without_task_fields(text: str) -> str:
    """A task's text as its words: without its due date (shown next to it instead),
    and without what else the Tasks plugin reads at its end (``⏫``, ``🔁 every
    week``, ``➕ 2026-11-01``, ``✅ 2026-11-20``, ``[priority:: high]``). As Tasks
    reads them, those are taken from the end, one after another, and tags among
    them (``⏫ #work 📅 ...``) stay, after the words."""
    for pattern in _DUE:
        text = pattern.sub("", text)
    if _TASK_FIELD_START.search(text):
        text = text.rstrip()
        tags = []
        for _ in range(20):  # Tasks' own bound on a line's fields
            field = re.search(_TASK_FIELD_AT_END, text)
            if field is None:
                field = re.search(_TAG_AT_END, text)
                if field is None:
                    break
                tags.append(field.group().strip())
            text = text[:field.start()].rstrip()
        text = " ".join([text, *reversed(tags)])
    return " ".join(text.split())
