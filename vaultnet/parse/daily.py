"""Daily notes named in the user's own format (Obsidian's daily-notes setting).

SPEC 2 dates a note named ``YYYY-MM-DD``. Obsidian lets a person name daily
notes otherwise (Settings → Daily notes → Date format, or the Periodic Notes
plugin), in moment.js's format tokens: ``YYYY-MM-DD dddd`` gives
``2026-11-23 Monday``, ``YYYY/MM/YYYY-MM-DD`` puts the notes in a folder per
year and month. A note whose path ends in a name of that format is dated too.

Each format becomes a regular expression. The date comes from the year
(``YYYY``, ``YY``), the month (``MM``, ``M``, ``Mo``, or its English name:
``MMMM``, ``MMM``) and the day of the month (``DD``, ``D``, ``Do``), or the
day of the year (``DDDD``, ``DDD``); the other tokens (weekday names in any
language, weeks, times) only have to be there. A format without a year, a
month and a day (a weekly note's) dates nothing.
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta

from vaultnet.parse.values import MONTHS

_ORDINAL = r"(?:st|nd|rd|th)"
_NAME = r"[^\W\d_]+\.?"  # a weekday's name, in any language, or its abbreviation

# Token -> (what it gives, its pattern); moment.js reads the longest token first.
_TOKENS = {
    "YYYY": ("year", r"\d{4}"), "YY": ("yy", r"\d{2}"), "Y": ("year", r"\d{4}"),
    "MMMM": ("month_name", "|".join(MONTHS)), "MMM": ("month_abbr", "|".join(m[:3] for m in MONTHS)),
    "MM": ("month", r"\d{2}"), "Mo": ("month", r"\d{1,2}"), "M": ("month", r"\d{1,2}"),
    "DDDD": ("doy", r"\d{3}"), "DDDo": ("doy", r"\d{1,3}"), "DDD": ("doy", r"\d{1,3}"),
    "DD": ("day", r"\d{2}"), "Do": ("day", r"\d{1,2}"), "D": ("day", r"\d{1,2}"),
    "dddd": ("", _NAME), "ddd": ("", _NAME), "dd": ("", _NAME), "do": ("", r"\d" + _ORDINAL),
    "d": ("", r"\d"), "e": ("", r"\d"), "E": ("", r"\d"),
    "wo": ("", r"\d{1,2}" + _ORDINAL), "ww": ("", r"\d{2}"), "w": ("", r"\d{1,2}"),
    "Wo": ("", r"\d{1,2}" + _ORDINAL), "WW": ("", r"\d{2}"), "W": ("", r"\d{1,2}"),
    "gggg": ("", r"\d{4}"), "gg": ("", r"\d{2}"), "GGGG": ("", r"\d{4}"), "GG": ("", r"\d{2}"),
    "Qo": ("", r"[1-4]" + _ORDINAL), "Q": ("", r"[1-4]"),
    "HH": ("", r"\d{2}"), "H": ("", r"\d{1,2}"), "hh": ("", r"\d{2}"), "h": ("", r"\d{1,2}"),
    "kk": ("", r"\d{2}"), "k": ("", r"\d{1,2}"), "mm": ("", r"\d{2}"), "m": ("", r"\d{1,2}"),
    "ss": ("", r"\d{2}"), "s": ("", r"\d{1,2}"), "A": ("", "am|pm"), "a": ("", "am|pm"),
    "X": ("", r"\d+"), "x": ("", r"\d+"),
}
_ORDINALS = {"Mo", "DDDo", "Do"}  # the number, then its suffix


@functools.lru_cache(maxsize=16)
def name_pattern(moment_format: str) -> re.Pattern | None:
    """The pattern of note paths (without ``.md``) a daily-note format gives,
    matched at the end of the path; None when the format dates nothing."""
    tokens = re.compile(r"\[[^\]]*\]|" + "|".join(sorted(_TOKENS, key=len, reverse=True)) + "|.",
                        re.DOTALL)  # compiled here: most vaults name no format (~1 ms)
    parts, groups = [], set()
    for token in tokens.findall(moment_format):
        if token.startswith("[") and token.endswith("]") and len(token) > 1:
            parts.append(re.escape(token[1:-1]))
        elif token in _TOKENS:
            group, pattern = _TOKENS[token]
            suffix = _ORDINAL if token in _ORDINALS else ""
            if not group:
                parts.append(f"(?:{pattern})")
            elif group in groups:  # the year twice (YYYY/YYYY-MM-DD): the same year
                parts.append(f"(?P={group}){suffix}")
            else:
                groups.add(group)
                parts.append(f"(?P<{group}>{pattern}){suffix}")
        else:
            parts.append(re.escape(token))
    has_year = groups & {"year", "yy"}
    has_day = groups & {"doy"} or (groups & {"month", "month_name", "month_abbr"} and "day" in groups)
    if not (has_year and has_day):
        return None
    return re.compile(r"(?:^|/)" + "".join(parts) + r"\Z", re.IGNORECASE)


def date_of_path(path: str, formats: tuple[str, ...]) -> date | None:
    """The date a note's vault-relative path gives in any of the daily-note
    ``formats``; None when it is in none of them. ValueError when it is named in
    one of them but as no real date (``2026-02-30 Monday``)."""
    stem = path[:-3] if path.lower().endswith(".md") else path
    impossible = False
    for moment_format in formats:
        pattern = name_pattern(moment_format)
        found = pattern.search(stem) if pattern else None
        if found:
            day = _date(found.groupdict())
            if day is not None:
                return day
            impossible = True
    if impossible:
        raise ValueError(f"{stem!r} is no real date")
    return None


def _date(fields: dict[str, str | None]) -> date | None:
    year = int(fields["year"]) if fields.get("year") else 2000 + int(fields.get("yy") or 0)
    try:
        if fields.get("doy"):
            day = date(year, 1, 1) + timedelta(days=int(fields["doy"]) - 1)
            return day if day.year == year else None  # day 0, or 366 in a common year
        if fields.get("month_name"):
            month = MONTHS.index(fields["month_name"].lower()) + 1
        elif fields.get("month_abbr"):
            month = [m[:3] for m in MONTHS].index(fields["month_abbr"].lower()) + 1
        else:
            month = int(fields["month"])
        return date(year, month, int(fields["day"]))
    except (ValueError, OverflowError):
        return None
