"""Small phrases shared by the terminal output and the pages, and the few
rules for text that crosses into them from elsewhere (control characters)."""

from __future__ import annotations

import os
import re
from datetime import date

_LINK = re.compile(r"!?\[\[([^\[\]|#^]+)(?:[#^][^\[\]|]*)?(?:\|([^\[\]]+))?\]\]")

# What marks a match in a search's snippet: two characters of Unicode's private
# use area, which no keyboard types, so that a note's own ``**bold**`` is not
# taken for one; the output makes them bold on a terminal, or ``**`` in JSON.
MATCH_START, MATCH_END = "\ue000", "\ue001"

# A letter of a script written without spaces between words: Thai, Lao, Myanmar,
# Khmer, Japanese kana, Chinese characters (CJK, and its extensions). A run of
# them is one "word" to ``\w`` and to FTS5's tokenizer; a word of it is found
# inside the run (a given name, 小明 in 王小明). (As text: compiled when used.)
UNSPACED_LETTER = ("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff"
                   "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f]")

# Control characters (C0, DEL, C1): from a note's name or text they would drive
# the terminal (ESC starts colours, titles, hyperlinks, clipboard writes).
# Patterns as text: `re` compiles one when it is first used (most runs never do).
_CONTROL = r"[\x00-\x1f\x7f-\x9f]"
_CONTROL_BUT_LINES = r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"
_FILE_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
# Every UTF-8 byte but C0 and DEL, and 0xC2, which begins U+0080 to U+00BF, C1 among them.
_SAFE_BYTES = bytes(b for b in range(256) if b >= 0x20 and b not in (0x7F, 0xC2))


def shown(text: str, lines: bool = False) -> str:
    """``text`` for a terminal: each control character written as an escape
    (``\\x1b``), the way Python shows it; with ``lines``, line breaks and tabs
    are kept. A vault may come from someone else: its names and text must not
    drive the terminal that shows them."""
    if text.isprintable():
        return text
    return re.sub(_CONTROL_BUT_LINES if lines else _CONTROL,
                  lambda m: repr(m.group())[1:-1], text)


def has_controls(text: str) -> bool:
    """Whether ``text`` holds a control character; quick for a long text (a whole
    table's names) that holds none, as almost every vault's do: its UTF-8 bytes
    are deleted by one C call, and only what survives is looked at again."""
    if not text.encode("utf-8", "surrogatepass").translate(None, _SAFE_BYTES):
        return False
    return re.search(_CONTROL, text) is not None


def without_controls(text: str) -> str:
    """``text`` without control characters but tabs and line ends: a calendar or
    address book file whose values brought some from the vault (RFC 5545 and
    6350 allow none in a value, and both libraries write a value's line breaks
    as ``\\n``), or text from another tool's file on its way into a note."""
    return re.sub(_FILE_CONTROL, "", text)


def one_line(text: str) -> str:
    """A value from another tool's file for one line of a note: its control
    characters left out, and runs of spaces, tabs and line breaks as one space."""
    return " ".join(without_controls(text).split())


def when(days_overdue: int) -> str:
    """``3 days overdue``, ``today``, ``in 2 days``."""
    if days_overdue == 0:
        return "today"
    days = count(abs(days_overdue), "day")
    return f"{days} overdue" if days_overdue > 0 else f"in {days}"


def left(days: int) -> str:
    """Until a goal's date: ``12 days left``, ``1 day left``, ``today``,
    ``passed 3 days ago``."""
    if days == 0:
        return "today"
    if days > 0:
        return f"{count(days, 'day')} left"
    return f"passed {count(-days, 'day')} ago"


def shell_quoted(text: str) -> str:
    """``text`` as the shell takes it back, for a command that a message suggests:
    a vault named 'My Vault', or a person named O'Brien, stays one argument."""
    if os.name == "nt":
        import subprocess

        return subprocess.list2cmdline([text])
    import shlex

    return shlex.quote(text)


def count(number: int, noun: str, plural: str | None = None) -> str:
    """``1 note``, ``2 notes``, ``0 notes``; ``plural`` where it is not ``noun + s``."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def some(texts: list[str], most: int, total: int | None = None) -> str:
    """``A, B, C and 3 more``: the first ``most`` of ``texts``, and how many others
    there are (of ``total``, when ``texts`` holds the first ones only)."""
    total = len(texts) if total is None else total
    return ", ".join(texts[:most]) + (f" and {total - most} more" if total > most else "")


def hours(minutes: int) -> str:
    return f"{minutes / 60:.1f} h"


def day(value: date) -> str:
    """``Mon 23 Nov 2026``: readable, and still unambiguous."""
    return f"{value:%a} {value.day} {value:%b %Y}"


def clipped(text: str, most: int = 60) -> str:
    """``text`` repr'd for a message, cut to about ``most`` characters: a query
    pasted from a whole paragraph need not come back whole."""
    return repr(text if len(text) <= most else text[: most - 1] + "…")


def as_written(value: object, most: int = 60) -> str:
    """A frontmatter value as a message quotes it: a text in quotes (``'yes'``),
    anything else as YAML writes it (``true``, ``[2026-11-01]``, ``{a: 1}``), either cut to
    about ``most`` characters (80 for a text), not as Python shows it (``True``,
    ``[datetime.date(2026, 11, 1)]``), which is no one's way of writing a note."""
    if isinstance(value, str):  # (a paragraph pasted into a date need not come back whole)
        return clipped(value, max(most, 80))
    import yaml  # read the note with it already

    try:
        text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1 << 20)
    except yaml.YAMLError:
        return repr(value)
    text = " ".join(text.removesuffix("\n").removesuffix("\n...").split())
    return text if len(text) <= most else text[: most - 1] + "…"


def plain(text: str) -> str:
    """Text where links mean nothing (a terminal, a calendar): ``[[Ann|A. Lee]]``
    becomes ``A. Lee``, ``[[Ann#Log]]`` ``Ann``, and a Markdown link to a note
    its text (``[Ann](Ann%20Lee.md)``: ``Ann``); a web address stays as written."""
    if "[" not in text:  # most text, and the due table asks for thousands of lines
        return text
    if "[[" in text:
        text = _LINK.sub(lambda m: (m.group(2) or m.group(1)).strip(), text)
    return _markdown_links_plain(text) if "](" in text else text


def _markdown_links_plain(text: str) -> str:
    from vaultnet.parse.inline import MARKDOWN_LINK, note_name  # rarely needed

    def label(match: re.Match) -> str:
        name = None if match.group(1) else note_name(match.group(3))
        return match.group() if name is None else match.group(2).strip() or name

    return MARKDOWN_LINK.sub(label, text)
