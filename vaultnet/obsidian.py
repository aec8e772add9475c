"""What the vault's Obsidian settings (`.obsidian/*.json`) say that vaultnet follows.

vaultnet's own settings (`vaultnet.config`) come first; these fill in what a
user has already told Obsidian: the templates folder (never read as notes),
how daily notes are named and where they are kept, how links are written,
and the Tasks plugin's statuses. A missing or unreadable file counts as
Obsidian's defaults: Obsidian writes these files, and vaultnet never does.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

# The settings files read here; a watcher reads them again when one changes.
_OBSIDIAN_TEMPLATES = (".obsidian/templates.json", ".obsidian/plugins/templater-obsidian/data.json")
_OBSIDIAN_DAILY = (".obsidian/daily-notes.json", ".obsidian/plugins/periodic-notes/data.json")
_OBSIDIAN_APP = ".obsidian/app.json"  # Settings → Files and links: how links are written
_OBSIDIAN_TASKS = ".obsidian/plugins/obsidian-tasks-plugin/data.json"  # the Tasks plugin's statuses
OBSIDIAN_SETTINGS = (*_OBSIDIAN_TEMPLATES, *_OBSIDIAN_DAILY, _OBSIDIAN_APP, _OBSIDIAN_TASKS)
# How the generated pages link notes: as wikilinks, or as Markdown links in one of
# Obsidian's three "New link format"s (its settings' own words for them).
LINK_FORMATS = ("wikilink", "shortest", "relative", "absolute")
DEFAULT_DAILY_FORMAT = "YYYY-MM-DD"  # Obsidian's daily-note name (moment.js tokens): SPEC 2's


class TaskMarks(NamedTuple):  # (not a dataclass: every command imports this module)
    """What the mark in a task's box means (``- [/] ...``). SPEC 2 names two, " "
    (open) and "x" (done). Of the others, "/" is a task in progress, and so still
    open, to the Tasks plugin and the themes that draw marks (Minimal, Things), and
    "-" is cancelled. Any other mark is neither a promise nor an event, unless the
    vault's Tasks plugin reads it: its statuses say, and it counts a mark it has no
    status for as one to do (``other_open``)."""

    open: str = " /"
    done: str = "xX"
    other_open: bool = False
    closed: str = "-"  # neither, when ``other_open`` would make them open

    def done_or_open(self, mark: str) -> bool | None:
        """True for a done task, False for an open one, None for neither."""
        if mark in self.done:
            return True
        if mark in self.open or (self.other_open and mark not in self.closed):
            return False
        return None


# The Tasks plugin's status types (its settings' "type"): which are still to do.
_TASKS_TYPES = {"TODO": "open", "IN_PROGRESS": "open", "ON_HOLD": "open", "DONE": "done",
                "CANCELLED": "closed", "NON_TASK": "closed"}


def _obsidian_settings(vault: Path, rel: str) -> dict:
    """One of Obsidian's JSON settings files; empty when missing or unreadable."""
    try:
        data = json.loads(vault.joinpath(*rel.split("/")).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def obsidian_template_folders(vault: Path) -> list[str]:
    folders = []
    for rel in _OBSIDIAN_TEMPLATES:
        data = _obsidian_settings(vault, rel)
        folder = data.get("folder") or data.get("templates_folder")
        if isinstance(folder, str) and folder.strip("/ "):
            folders.append(folder.strip("/ "))
    return folders


def obsidian_link_format(vault: Path) -> str:
    """``wikilink``, unless Obsidian's "Use [[Wikilinks]]" is off (``useMarkdownLinks``
    in ``.obsidian/app.json``): then its "New link format" (``newLinkFormat``),
    ``shortest`` when it has none, as Obsidian does."""
    app = _obsidian_settings(vault, _OBSIDIAN_APP)
    if app.get("useMarkdownLinks") is not True:
        return "wikilink"
    chosen = app.get("newLinkFormat")
    return chosen if chosen in LINK_FORMATS[1:] else "shortest"


def obsidian_task_marks(vault: Path) -> TaskMarks | None:
    """The marks of the Tasks plugin's statuses (its core and custom ones, the first
    of a mark winning, as in Tasks), when the vault has its settings; a mark it has
    no status for is one to do, as Tasks reads it. None without its settings."""
    data = _obsidian_settings(vault, _OBSIDIAN_TASKS)
    if not data:
        return None
    settings = data.get("statusSettings")
    settings = settings if isinstance(settings, dict) else {}
    kinds: dict[str, str] = {" ": "open", "x": "done", "X": "done"}
    listed: dict[str, str] = {}
    for group in ("coreStatuses", "customStatuses"):
        statuses = settings.get(group)
        for status in statuses if isinstance(statuses, list) else ():
            if not isinstance(status, dict):
                continue
            mark, kind = status.get("symbol"), _TASKS_TYPES.get(str(status.get("type")).upper())
            if isinstance(mark, str) and len(mark) == 1 and kind and mark not in listed:
                listed[mark] = kind
    if not listed:  # settings saved before it had statuses: its defaults
        listed = {" ": "open", "x": "done", "/": "open", "-": "closed"}
    kinds.update(listed)
    return TaskMarks(open="".join(m for m, k in kinds.items() if k == "open"),
                     done="".join(m for m, k in kinds.items() if k == "done"),
                     other_open=True,
                     closed="".join(m for m, k in kinds.items() if k == "closed"))


def obsidian_daily_settings(vault: Path) -> list[dict]:
    """The daily-note settings of Obsidian's core plugin and of Periodic Notes (its
    ``daily`` settings, or each calendar set's ``day`` in its version 1)."""
    core, periodic = (_obsidian_settings(vault, rel) for rel in _OBSIDIAN_DAILY)
    found = [core, periodic.get("daily")]
    sets = periodic.get("calendarSets")
    found += [entry.get("day") for entry in sets if isinstance(entry, dict)] if isinstance(sets, list) else []
    return [entry for entry in found if isinstance(entry, dict)]


def _texts(settings: list[dict], key: str) -> list[str]:
    return [entry[key].strip() for entry in settings if isinstance(entry.get(key), str)]


def obsidian_daily_formats(settings: list[dict]) -> tuple[str, ...]:
    """The daily-note formats the settings give, leaving out ``YYYY-MM-DD``, which
    SPEC 2 dates anyway."""
    return tuple(f for f in dict.fromkeys(_texts(settings, "format"))
                 if f and f != DEFAULT_DAILY_FORMAT)


def obsidian_daily_folders(settings: list[dict]) -> tuple[str, ...]:
    """The folders the settings keep daily notes in, without the vault's top (their
    default), where all sorts of notes are."""
    return tuple(f for f in dict.fromkeys(f.strip("/ ") for f in _texts(settings, "folder")) if f)
