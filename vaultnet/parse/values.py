"""Typing frontmatter values to what SPEC 1 says they are.

YAML hands us dates as ``date`` objects when unquoted and as strings when
quoted, and turns an unquoted ``[[Link]]`` into a nested list; these functions
accept every such shape and raise ``ValueError`` with a readable reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from vaultnet.cadence import month_length
from vaultnet.clock import WEEKDAYS, no_such_day
from vaultnet.words import UNSPACED_LETTER, as_written

# The months' English names, as hand-written logs give them (a daily note's name is read in
# more languages: parse.daily).
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")

ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?![\d])")
_LINK = re.compile(r"^\s*!?\[\[([^\[\]]+)\]\]\s*$")
_MONTH_DAY = re.compile(r"^(?:--)?(\d{2})-(\d{2})$")
_LINKED_FIRST = re.compile(r"\s*\[\[([^\[\]]+)\]\](.*)", re.DOTALL)  # [[2026-11-20]] at PyCon


def iso_date(text: str) -> date:
    """A ``YYYY-MM-DD`` date; ValueError naming the text otherwise."""
    match = ISO_DATE.fullmatch(text.strip())
    if not match:
        raise ValueError(f"{as_written(text)} is not a date; write "
                         f"{written_as_iso(text) or 'YYYY-MM-DD'}")
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise ValueError(unreal_date(text)) from None


def unreal_date(text: str) -> str:
    """What to say of ``YYYY-MM-DD`` text that is no date: ``'2026-02-30' is not a
    real date: February 2026 has 28 days``."""
    match = ISO_DATE.search(text)
    why = f": {no_such_day(*map(int, match.groups()))}" if match else ""
    return f"{as_written(text)} is not a real date{why}"


def to_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if (isinstance(value, list) and len(value) == 1 and isinstance(value[0], list)
            and len(value[0]) == 1):  # [[2026-11-20]] unquoted: YAML's list in a list
        inner = value[0][0]
        return to_date(inner) if isinstance(inner, date) else _linked_day(str(inner), f"[[{inner}]]")
    if isinstance(value, str) and (link := _LINK.match(value)):
        return _linked_day(link.group(1), value)
    if isinstance(value, str):
        # Obsidian's date-time properties ("2024-06-14 23:02", "2024-06-14T23:02") count by day.
        head = value.strip()[:10]
        if len(value.strip()) > 10 and (value.strip()[10] not in " T" or not ISO_DATE.match(head)):
            return iso_date(value)  # (the message names all of it: not "Fri. 4 Dec")
        return iso_date(head)
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], (str, date)):
        inner = value[0] if isinstance(value[0], str) else value[0].isoformat()
        raise ValueError(f"{as_written(value)} is a list; write the date alone: {inner}")
    raise ValueError(f"{as_written(value)} is not a date; write YYYY-MM-DD")


def _day_name(target: str) -> str:
    """A link's note name (:func:`link_name`) without its folders: a daily note's."""
    return link_name(target).rsplit("/", 1)[-1]


def _linked_day(target: str, value: str) -> date:
    """The day a link to its daily note names, as a meeting's ``date:`` links it:
    ``[[2026-11-20]]``, ``[[Daily/2026-11-20 Friday|Fri]]``."""
    name = _day_name(target)
    if ISO_DATE.match(name):
        return to_date(name)
    raise ValueError(f"{as_written(value)} is not a date; write YYYY-MM-DD")


def to_dated_text(value: Any) -> tuple[date, str]:
    """``2026-03-14 at PyCon`` -> (date, "at PyCon"); a bare date -> (date, "")."""
    if isinstance(value, (date, datetime)):
        return to_date(value), ""
    if isinstance(value, list):  # [[2026-11-20]] unquoted
        return to_date(value), ""
    if isinstance(value, str):
        match = ISO_DATE.match(value.strip())
        if match:
            rest = value.strip()[match.end() :].strip()
            return iso_date(match.group(0)), rest
        if (link := _LINKED_FIRST.match(value)) and ISO_DATE.match(_day_name(link.group(1))):
            return _linked_day(link.group(1), value), link.group(2).strip()
        if meant := written_as_iso(value):
            raise ValueError(f"{as_written(value)} does not start with a YYYY-MM-DD date; "
                             f"write {meant}")
    raise ValueError(f"{as_written(value)} does not start with a YYYY-MM-DD date")


def written_as_iso(text: object, year: bool = True) -> str | None:
    """A date written another way (``Nov 20, 2026``, ``20 November 2026``,
    ``2026/11/20``, ``20.11.2026``, ``11/20/2026``) as ``YYYY-MM-DD``, for a message
    to say what to write; a day of the year without one (``Nov 27``, ``27.11.``)
    as ``MM-DD`` when ``year`` is False. None when the text is no such date, or
    could be two (``05/06/2026``: May or June)."""
    if not isinstance(text, str) or len(text) > 40:
        return None
    if "月" in text or "월" in text:  # 2026年11月20日, 2026년 11월 20일
        return _cjk_as_iso(text, year)
    from vaultnet.parse.daily import month_named

    words = re.findall(r"\d+|[^\W\d_]+\.?", text)
    numbers = [w for w in words if w.isdigit()]
    named = [m for w in words if not w.isdigit() and (m := month_named(w.lower()))]
    weekdays = [n for w in words if (n := _weekday(w)) is not None]  # Friday, 20 Nov 2026
    others = [w for w in words if not w.isdigit() and not month_named(w.lower())
              and w.lower().rstrip(".") not in _ORDINALS and _weekday(w) is None]
    if others or len(named) > 1 or len(weekdays) > 1:
        return None
    years = [n for n in numbers if len(n) == 4]
    if len(years) > 1 or (year and not years) or (not year and years):
        return None
    rest = [int(n) for n in numbers if len(n) != 4]
    if named:  # Nov 20, 2026; 20 November 2026; 20th Nov
        if len(rest) != 1:
            return None
        month, day = named[0], rest[0]
    elif len(rest) == 2:  # 2026/11/20, 20.11.2026, 11/20/2026
        first, second = rest
        if numbers[0] in years or "." in text or first > 12:  # Y/M/D; D.M.Y; 20/11
            month, day = (first, second) if numbers[0] in years else (second, first)
        elif second > 12:  # 11/20/2026
            month, day = first, second
        else:
            return None  # 05/06/2026: May 6 or 5 June
    else:
        return None
    try:
        found = date(int(years[0]) if years else 2000, month, day)  # 2000: a leap year
    except (ValueError, OverflowError):  # 2026-02-30; a day of twenty digits
        return None
    if weekdays and (not years or found.weekday() != weekdays[0]):
        return None  # Thursday, 20 Nov 2026 (a Friday): which was meant?
    return found.isoformat() if years else found.isoformat()[5:]


def _cjk_as_iso(text: str, year: bool) -> str | None:
    """A date as Chinese and Japanese (``2026年11月20日``) or Korean (``2026년 11월
    20일``) write it, for :func:`written_as_iso`."""
    found = re.fullmatch(r"\s*(?:(\d{4}) ?[年년] ?)?(\d{1,2}) ?[月월] ?(\d{1,2}) ?[日일]\s*", text)
    if not found or (found[1] is None) == year:
        return None
    try:
        day = date(int(found[1] or 2000), int(found[2]), int(found[3]))  # 2000: a leap year
    except ValueError:
        return None
    return day.isoformat() if year else day.isoformat()[5:]


def to_deadline(value: Any) -> date:
    """A goal's ``by``: a date (:func:`to_date`). A month, a quarter, a half or a
    year (``2027-06``, ``June 2027``, ``Q2 2027``, ``H1 2027``, ``end of 2027``) is
    none, and what to say of it names the day it ends on."""
    try:
        return to_date(value)
    except ValueError:
        period = _period_end(value)
        if period is None:
            raise
        what, last = period
        raise ValueError(f"{as_written(value)} is {what}, not a day; write a day, such as "
                         f"its last: {last.isoformat()}") from None


# The words a deadline's period may come with: "by end of 2027", "the end of Q2".
_DEADLINE_WORDS = frozenset({"by", "end", "the", "of", "in", "eoy", "eoq", "before"})


def _period_end(value: Any) -> tuple[str, date] | None:
    """The kind and the last day of the period ``value`` names alone, a month,
    quarter, half or year with its year, as :func:`to_deadline` describes; else None."""
    if type(value) is int:  # by: 2027, which YAML reads as a number
        value = str(value)
    if not isinstance(value, str) or len(value) > 40:
        return None
    from vaultnet.parse.daily import month_named

    words = re.findall(r"\d+|[^\W\d_]+", value.lower())
    years = [int(w) for w in words if w.isdigit() and len(w) == 4 and 1900 <= int(w) <= 8999]
    rest = [w for w in words if not (w.isdigit() and len(w) == 4)]
    if len(years) != 1 or len(words) - len(rest) != 1:
        return None
    year = years[0]
    rest = [w for w in rest if w not in _DEADLINE_WORDS]
    named = [m for w in rest if (m := month_named(w))]
    if not rest:
        return "a year", date(year, 12, 31)
    if len(rest) == 1 and (named or (rest[0].isdigit() and 1 <= int(rest[0]) <= 12)):
        month = named[0] if named else int(rest[0])
        return "a month", _month_end(year, month)
    if rest in (["q", "1"], ["q", "2"], ["q", "3"], ["q", "4"]):  # Q2 (two words here)
        return "a quarter", _month_end(year, 3 * int(rest[1]))
    if rest in (["h", "1"], ["h", "2"]):
        return "a half year", _month_end(year, 6 * int(rest[1]))
    return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, month_length(year, month))


def _weekday(word: str) -> int | None:
    """Monday's 0 to Sunday's 6 for a weekday's name or its start (``Fri``,
    ``Thurs.``), in any case; None for any other word."""
    word = word.lower().rstrip(".")
    if len(word) >= 3:
        for number, name in enumerate(WEEKDAYS):
            if name.startswith(word):
                return number
    return None


# The endings an English day may carry (20th November), which are no month.
_ORDINALS = frozenset({"st", "nd", "rd", "th", "of", "de"})


def month_day(value: Any) -> str:
    """A birthday: ``YYYY-MM-DD`` or ``MM-DD`` (the year is optional)."""
    if isinstance(value, (date, datetime)):
        return to_date(value).isoformat()
    if isinstance(value, str):
        match = _MONTH_DAY.match(value.strip())
        if match:
            month, day = int(match.group(1)), int(match.group(2))
            try:
                date(2000, month, day)  # a leap year, so 02-29 is accepted
            except ValueError:
                raise ValueError(f"{as_written(value)} is not a day of the year; write YYYY-MM-DD "
                                 "or MM-DD") from None
            return f"{month:02d}-{day:02d}"
        if ISO_DATE.fullmatch(value.strip()):
            return iso_date(value).isoformat()  # ValueError for 1985-02-30
        if _DATE_TIME.fullmatch(value.strip()):  # an Obsidian date-time property
            return to_date(value).isoformat()
    meant = written_as_iso(value) or written_as_iso(value, year=False)
    raise ValueError(f"{as_written(value)} is not a birthday; write "
                     f"{meant or 'YYYY-MM-DD or MM-DD'}")


# Obsidian's "Date & time" property, as it writes one: 1985-11-27T00:00.
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?")


def link_name(value: Any) -> str:
    """The note name a frontmatter link points to: ``"[[Name|x]]"``, ``[[Name]]`` or ``Name``."""
    # Unquoted [[Name]] is YAML for a list holding a list holding "Name".
    while isinstance(value, list) and len(value) == 1:
        value = value[0]
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f'{as_written(value)} is not a link; write "[[Name]]"')
    match = _LINK.match(value)
    name = match.group(1) if match else value.strip()
    return name.split("|", 1)[0].split("#", 1)[0].strip()


def name_key(name: str) -> str:
    """How titles, aliases and link targets are matched: case-insensitively, runs
    of spaces as one, and alike whether an accent was written composed (``é``)
    or decomposed (``e`` and a combining accent, as macOS names files)."""
    if not name.isascii():
        name = unicodedata.normalize("NFC", name)
    return " ".join(name.split()).lower()


def loose_key(name: str) -> str:
    """:func:`name_key` with accents left out as well (``Núñez`` -> ``nunez``): how
    a name typed on the command line is looked up when no name starts with it."""
    if not name.isascii():
        name = "".join(c for c in unicodedata.normalize("NFKD", name)
                       if not unicodedata.combining(c))
    return " ".join(name.split()).casefold()


class NamesMeant:
    """What a link to a name no note has was most likely meant for, among ``names``
    (``(name, as shown)``, best first): :meth:`meant`."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self._whole: dict[str, list[str]] = {}  # loose key -> names shown
        self._word: dict[str, list[str]] = {}  # each word of a loose key -> names shown
        self._near: dict[tuple[str, int], list[str]] = {}  # (first letter, length) -> loose keys
        for name, shown in names:
            key = loose_key(name)
            if not key:
                continue
            self._whole.setdefault(key, []).append(shown)
            for word in set(key.split()):
                self._word.setdefault(word, []).append(shown)
            self._near.setdefault((key[0], len(key)), []).append(key)

    def meant(self, wanted: str, most: int = 3) -> tuple[list[str], bool]:
        """The names a link to ``wanted`` meant, and whether it is another way of
        writing them (accents aside: ``Sofia Nunez``; one of their words: ``Ana`` for
        Ana Silva, ``小明`` for 王小明), which an alias would make a link, or a misspelling (``Ana Slva``);
        none for a name like no other (a project's)."""
        key = loose_key(wanted)
        if not key:
            return [], False
        found = self._whole.get(key) or (self._word.get(key, []) if " " not in key else [])
        if not found and len(key) > 1 and not key.isascii() and re.match(UNSPACED_LETTER, key):
            # A word of a run written without spaces: 小明 (a given name) for 王小明.
            found = [s for whole, shown in self._whole.items() if key in whole for s in shown]
        if found:
            return list(dict.fromkeys(found))[:most], True
        import difflib

        # At a ratio of 0.85 a length differs by a seventh at most; a slip rarely
        # falls on the first letter: only those names are compared.
        spread = max(1, len(key) // 7)
        nearby = [k for n in range(len(key) - spread, len(key) + spread + 1)
                  for k in self._near.get((key[0], n), ())]
        close = difflib.get_close_matches(key, nearby, n=most, cutoff=0.85)
        return list(dict.fromkeys(s for k in close for s in self._whole[k]))[:most], False


def link_key(name: str) -> str:
    """How links are matched: by the last path part, as :func:`name_key` (Obsidian's rule)."""
    name = name.strip().rsplit("/", 1)[-1]
    if name.lower().endswith(".md"):
        name = name[:-3]
    return name_key(name)


def folder_path(name: str) -> str:
    """A link written with folders (``People/Acme/Alex Kim``, ``../Acme/Alex
    Kim.md``) as the index keeps it, to tell apart notes of one name: each part
    compared as names are (:func:`name_key`), without ``.md``."""
    name = name.strip()
    if name.lower().endswith(".md"):
        name = name[:-3]
    return "/".join(name_key(part) for part in name.split("/"))


def frontmatter_key(name: str) -> str:
    """How the index keeps a frontmatter link to ``name``: its key (:func:`link_key`),
    or for a link written with folders (``Backend/Testing``) its
    :func:`folder_path`, so that two notes of that name are told apart as a body
    link tells them."""
    return folder_path(name) if "/" in name else link_key(name)


def note_at(link: str, source: str, paths: list[str]) -> int | None:
    """Which of the notes at ``paths`` (vault-relative, each with the name the link
    ends in) a link written with folders means, as Obsidian finds it; None for none.

    ``link`` is :func:`folder_path`'s form, ``source`` the path of the note it is in.
    ``/People/Alex Kim`` is from the vault's root; ``./`` and ``../`` are from the
    note's folder; any other is, first, from the note's folder (a Markdown link in
    Obsidian's "relative" form), then from the root, then the end of a path
    (``[[Acme/Alex Kim]]`` finds ``People/Acme/Alex Kim.md``)."""
    import posixpath

    at = [folder_path(path) for path in paths]
    here = posixpath.dirname(folder_path(source))
    if link.startswith("/"):
        tiers = [link[1:]]
    else:
        tiers = [posixpath.normpath(posixpath.join(here, link))]
        if not link.startswith(("./", "../")):
            tiers.append(link)
    for wanted in tiers:
        if wanted in at:
            return at.index(wanted)
    if link.startswith(("/", "./", "../")):
        return None
    ending = "/" + link
    return next((i for i, path in enumerate(at) if path.endswith(ending)), None)


def string_list(value: Any) -> list[str]:
    """A list of strings from a YAML list, a string, or nothing; a map is none."""
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else [value]
    if any(isinstance(item, dict) for item in items):
        raise ValueError(f"{as_written(value)} is not a list of words; write [a, b]")
    return [str(item).strip() for item in items if item is not None and str(item).strip()]


def name_list(value: Any) -> list[str]:
    """Other names for a note (``aliases``): one or a list. An unquoted ``[[Ann]]``,
    which YAML reads as a nested list, and a quoted ``"[[Ann]]"`` give ``Ann``; a
    map is no name. A text of names between commas (``aliases: Annie, A. Lee``)
    is a list, as Obsidian reads it (and the Linter's "comma delimited" style
    writes it)."""
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    names = []
    for item in value if isinstance(value, list) else [value]:
        while isinstance(item, list) and len(item) == 1:  # [[Ann]] unquoted: [["Ann"]]
            item = item[0]
        if isinstance(item, (dict, list)):
            raise ValueError(f"{as_written(item)} is not a name; write a list of names: [Ann, Annie]")
        text = str(item).strip() if item is not None else ""
        if text.startswith("[[") and text.endswith("]]"):
            text = link_name(text)
        if text:
            names.append(text)
    return names


_EACH_LINK = re.compile(r"\[\[[^\[\]]+\]\]")


def link_list(value: Any) -> list[str]:
    """Link names from a list of links or a single one (unquoted ones included); a
    text of several, as a list written on one line (``"[[Go]], [[Rust]]"``, ``Go,
    Rust``), is each of them."""
    if value is None:
        return []
    if isinstance(value, str):
        links = _EACH_LINK.findall(value)
        if len(links) > 1:
            return [link_name(link) for link in links]
        if not links and "," in value:
            return [link_name(part) for part in value.split(",") if part.strip()]
        return [link_name(value)] if value.strip() else []
    if isinstance(value, list):
        # A single unquoted [[A]] is [["A"]]; a list of them is [[["A"]], [["B"]]].
        if len(value) == 1 and isinstance(value[0], str):
            return [link_name(value[0])]
        return [link_name(item) for item in value if item not in (None, "")]
    raise ValueError(f'{as_written(value)} is not a list of links; write ["[[A]]", "[[B]]"]')


def tag_list(value: Any) -> list[str]:
    """Tags from a YAML list or a comma/space separated string, without ``#``."""
    items: list[str] = []
    for item in string_list(value):
        items.extend(part.lstrip("#") for part in re.split(r"[,\s]+", item) if part.strip("#"))
    return items


def small_int(value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"{as_written(value)} is not a number from {low} to {high}")
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{as_written(value)} is not a number from {low} to {high}") from None
    if not number.is_integer() or not low <= number <= high:
        raise ValueError(f"{as_written(value)} is not a whole number from {low} to {high}")
    return int(number)


_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0")


def truthy(value: Any) -> bool:
    """``true``/``false`` and YAML's other spellings of them; ValueError for
    anything else (a caller that guards a secret reads that as true)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"{as_written(value)} is neither true nor false")


def scalar_text(value: Any) -> str | None:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        return ", ".join(str(item) for item in value if item is not None) or None
    return str(value).strip() or None
