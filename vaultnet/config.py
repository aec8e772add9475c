"""Per-vault settings from `.vaultnet/config.toml` (SPEC 1), with the defaults.

The file is optional; every key in it is optional. `vaultnet init` writes
:data:`CONFIG_TEMPLATE`, which spells out every default with a comment.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path, PurePosixPath

from vaultnet.cadence import parse_cadence, parse_interval
from vaultnet.errors import ConfigError
from vaultnet.obsidian import (
    DEFAULT_DAILY_FORMAT,
    TaskMarks,
    obsidian_daily_folders,
    obsidian_daily_formats,
    obsidian_daily_settings,
    obsidian_link_format,
    obsidian_task_marks,
    obsidian_template_folders,
)

STATE_DIR = ".vaultnet"
CONFIG_NAME = "config.toml"
INDEX_NAME = "index.sqlite"

# The roles of SPEC 1. Here rather than in ``vaultnet.model``: every command needs
# them, and only the commands that read notes need the model's classes.
ROLES = ("mentor", "sponsor", "peer", "colleague", "leader", "mentee", "other")


def role_name(text: object) -> str:
    """A role as written (``Mentors``, ``#mentor``) as vaultnet names it (``mentor``);
    a name no role has, lower-cased."""
    name = str(text).strip().lower().lstrip("#")
    return name[:-1] if name.endswith("s") and name[:-1] in ROLES else name

DEFAULT_FOLDERS = {"person": "People", "skill": "Skills", "goal": "Goals"}
DEFAULT_CADENCES = {
    "mentor": "1m",
    "sponsor": "1m",
    "peer": "2m",
    "colleague": "3m",
    "leader": "3m",
    "mentee": "1m",
    "other": "never",
}
DEFAULT_EXCLUDE = ("Templates/**",)
DEFAULT_PAGES = {"follow_ups": "Follow-ups.md", "balance": "Balance.md"}


@dataclass(frozen=True)
class Config:
    folders: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_FOLDERS))
    cadences: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_CADENCES))
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    default_minutes: int = 30
    new_contact_days: int = 2
    milestone_days: int = 30
    birthday_days: int = 7
    referral_days: int = 14
    horizon: str = "7d"
    window: str = "28d"
    follow_ups_page: str = DEFAULT_PAGES["follow_ups"]
    balance_page: str = DEFAULT_PAGES["balance"]
    reviews_folder: str = "Reviews"
    # How daily notes are named besides YYYY-MM-DD (moment.js tokens, as Obsidian's
    # settings write them: ``YYYY-MM-DD dddd``), from [events] and from Obsidian's
    # daily-note settings: notes named so are dated too.
    daily_formats: tuple[str, ...] = ()
    # The folders Obsidian's daily-note settings keep daily notes in (not the vault's
    # top): `vaultnet check` names a note there that is not dated but links people.
    daily_folders: tuple[str, ...] = ()
    # How the generated pages link notes (obsidian.LINK_FORMATS): Markdown links when
    # Obsidian's "Use [[Wikilinks]]" is off, in its "New link format".
    link_format: str = "wikilink"
    # What the marks in tasks' boxes mean: the Tasks plugin's statuses, when it has some.
    task_marks: TaskMarks = TaskMarks()

    def pages_of(self, day: date) -> dict[str, str]:
        """The vault-relative paths of the pages a report of ``day`` writes, by the
        setting of ``[output]`` that places each: ``reviews`` is that day's week's."""
        from vaultnet.clock import iso_week

        return {"follow_ups": self.follow_ups_page, "balance": self.balance_page,
                "reviews": f"{self.reviews_folder}/{iso_week(day)}.md"}

    def index_fingerprint(self) -> str:
        """A hash of the settings that change what the index holds.

        When it differs from the one stored in the index, the index is rebuilt.
        """
        relevant = [self.folders, sorted(self.exclude), self.default_minutes]
        if self.daily_formats:  # (an index made before they were read stays as it is)
            relevant.append(sorted(self.daily_formats))
        if self.task_marks != TaskMarks():
            relevant.append(list(self.task_marks))
        return json.dumps(relevant, sort_keys=True)

    @property
    def reminds_without_role(self) -> bool:
        """Whether a person whose note gives no role and no cadence is ever due to be
        kept in touch with: no role counts as other (SPEC 1), never by default."""
        return parse_cadence(self.cadences["other"]) is not None

    def follow_ups_fingerprint(self) -> str:
        """The settings the follow-up rules read (SPEC 3): follow-ups the index
        keeps that were computed under other ones are computed again."""
        relevant = [self.cadences, self.new_contact_days, self.milestone_days,
                    self.birthday_days, self.referral_days]
        return json.dumps(relevant, sort_keys=True)


_TABLES = {
    "folders": ("person", "skill", "goal"),
    "cadence": ROLES,
    "events": ("default_minutes", "daily_formats"),
    "follow_ups": ("new_contact_days", "milestone_days", "birthday_days", "referral_days", "horizon"),
    "balance": ("window",),
    "output": ("follow_ups", "balance", "reviews"),
}


def config_path(vault: Path) -> Path:
    return vault / STATE_DIR / CONFIG_NAME


def load_config(vault: Path) -> Config:
    """Read the vault's config, or the defaults when it has none.

    Obsidian's own settings count too: its templates folder
    (``.obsidian/templates.json``, Templater's) is always excluded, since
    templates hold placeholders, not notes; daily notes named in the format
    its daily-notes settings give (the core plugin's, Periodic Notes') are dated;
    and the generated pages write links as it does (``.obsidian/app.json``).
    """
    config = _read_config(vault)
    extra = obsidian_template_folders(vault)
    if extra:
        config = replace(config, exclude=config.exclude + tuple(f"{f}/**" for f in extra))
    daily = obsidian_daily_settings(vault)
    formats = obsidian_daily_formats(daily)
    if formats:
        config = replace(config, daily_formats=tuple(dict.fromkeys(config.daily_formats + formats)))
    folders = obsidian_daily_folders(daily)
    if folders:
        config = replace(config, daily_folders=folders)
    link_format = obsidian_link_format(vault)
    if link_format != config.link_format:
        config = replace(config, link_format=link_format)
    marks = obsidian_task_marks(vault)
    if marks is not None:
        config = replace(config, task_marks=marks)
    return config


def _read_config(vault: Path) -> Config:
    path = config_path(vault)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return Config()
    except NotADirectoryError as exc:  # a file where vaultnet keeps its folder
        raise ConfigError(f"{STATE_DIR} is a file, where vaultnet keeps a folder of its settings "
                          "and index; rename or move that file away") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{STATE_DIR}/{CONFIG_NAME}: cannot read it ({exc})") from exc
    import tomllib  # only for a vault with settings: ~10 ms of start-up otherwise

    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        # tomllib says where at the end of its message: "... (at line 3, column 9)".
        found = re.fullmatch(r"(.*) \(at line (\d+), column \d+\)", str(exc), re.DOTALL)
        where, what = (f", line {found.group(2)}", found.group(1)) if found else ("", str(exc))
        what = what[:1].lower() + what[1:]
        if found and (quoted := _unquoted_text(raw, int(found.group(2)))
                      or _toml_slip(raw, int(found.group(2)))):
            what = f"{what}: {quoted}"
        elif found and (twice := _set_twice(raw, int(found.group(2)), what)):
            raise ConfigError(f"{STATE_DIR}/{CONFIG_NAME}{where}: {twice}") from exc
        if raw.startswith("<<<<<<< ") or "\n<<<<<<< " in raw:  # a vault merged with git
            raise ConfigError(f"{STATE_DIR}/{CONFIG_NAME}{where}: a merge conflict git left "
                              "unresolved; keep the settings you want and remove the <<<<<<<, "
                              "======= and >>>>>>> lines") from exc
        raise ConfigError(f"{STATE_DIR}/{CONFIG_NAME}{where}: {what}; fix the TOML or delete "
                          "the file to use the defaults") from exc
    return config_from_dict(data, raw)


def _as_toml(value: object) -> str:
    """A setting's value as the config writes it: ``true``, ``["People", "Contacts"]``,
    ``{a = 1}``, not as Python shows it (``True``, ``['People', 'Contacts']``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(map(_as_toml, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key} = {_as_toml(item)}" for key, item in value.items()) + "}"
    if isinstance(value, date):  # (a datetime is one too)
        return value.isoformat()
    return str(value)


def _unknown_setting(name: str, known: tuple[str, ...], table: str = "") -> str:
    """What to say of a setting (of ``table``, if in one) that is none of ``known``:
    the closest known one, when one is close, then all of them."""
    import difflib  # only for a misspelled setting

    def spelled(setting: str) -> str:
        return f"{table}.{setting}" if table else repr(setting)

    homes = [home for home, keys in _TABLES.items() if name in keys and home != table]
    if homes:  # horizon above every table, or under [output]
        where = f"under [{table}]" if table else "above every table"
        return (f"{spelled(name)} is a setting of [{homes[0]}], not {where}; move it under "
                f"[{homes[0]}]")
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
    guess = f"; did you mean {spelled(close[0])}?" if close else ""
    return f"unknown setting {spelled(name)}{guess} (known: {', '.join(known)})"


def config_from_dict(data: dict, raw: str = "") -> Config:
    """Settings from the parsed TOML; ``raw``, its text, lets an error name its line."""
    where = f"{STATE_DIR}/{CONFIG_NAME}"

    def fail(message: str, setting: str = "") -> ConfigError:
        line = _line_of(raw, setting) if setting else None
        return ConfigError(f"{where}{f', line {line}' if line else ''}: {message}")

    for key, value in data.items():
        if key == "exclude":
            continue
        if key not in _TABLES:
            raise fail(_unknown_setting(key, ("exclude", *_TABLES)), key)
        if not isinstance(value, dict):
            page = f'; a page\'s path goes under [output]: {key} = "{value}"' if (
                key in _TABLES["output"] and isinstance(value, str)) else ""
            raise fail(f"[{key}] must be a table{page}", key)
        for sub in value:
            if sub not in _TABLES[key]:
                raise fail(_unknown_setting(sub, _TABLES[key], key), f"{key}.{sub}")

    def positive_int(table: str, key: str, default: int, most: int = 36_525) -> int:
        """A whole number from 0 to ``most`` (days: 100 years)."""
        value = data.get(table, {}).get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= most:
            raise fail(f"{table}.{key} must be a whole number from 0 to {most:,}, not {_as_toml(value)}",
                       f"{table}.{key}")
        return value

    def text(table: str, key: str, default: str) -> str:
        value = data.get(table, {}).get(key, default)
        if key in ("horizon", "window") and type(value) is int:  # horizon = 14: of what?
            raise fail(f'{table}.{key} = {value} needs a unit, in quotes: {key} = "{value}d"',
                       f"{table}.{key}")
        if not isinstance(value, str) or not value.strip():
            raise fail(f"{table}.{key} must be a non-empty string, not {_as_toml(value)}",
                       f"{table}.{key}")
        return value.strip()

    def path(table: str, key: str, default: str) -> str:
        """A path inside the vault, written with / (a \\ too, as Windows writes
        them: Obsidian's names cannot hold one)."""
        return text(table, key, default).replace("\\", "/")

    for kind in DEFAULT_FOLDERS:
        if isinstance(several := data.get("folders", {}).get(kind), list):  # People and Contacts
            raise fail(f"folders.{kind} is one folder, not {_as_toml(several)}; a {kind} note "
                       f"elsewhere is one with `type: {kind}` in its frontmatter, or the tag "
                       f"#{kind}", f"folders.{kind}")
    folders = {kind: path("folders", kind, DEFAULT_FOLDERS[kind]).strip("/") for kind in DEFAULT_FOLDERS}
    claimed: dict[str, str] = {}  # folder, case-folded as notes are matched -> type
    for kind, folder in folders.items():
        if outside_vault(folder):  # `vaultnet add` would write there
            raise fail(f"folders.{kind} = {folder!r} must be a folder inside the vault, e.g. "
                       f'"{DEFAULT_FOLDERS[kind]}"', f"folders.{kind}")
        if folder.casefold() in claimed:
            raise fail(f"folders.{claimed[folder.casefold()]} and folders.{kind} are both "
                       f"{folder!r}; give each type of note its own folder", f"folders.{kind}")
        claimed[folder.casefold()] = kind
    cadences = dict(DEFAULT_CADENCES)
    for role, value in data.get("cadence", {}).items():
        if not isinstance(value, (str, int)):  # (bool is an int: false is never)
            raise fail(f'cadence.{role} must be a cadence in quotes, e.g. {role} = "1m", not '
                       f"{_as_toml(value)}", f"cadence.{role}")
        try:
            parse_cadence(value)
        except ValueError as exc:
            raise fail(f"cadence.{role}: {exc}", f"cadence.{role}") from exc
        cadences[role] = value
    exclude = data.get("exclude", list(DEFAULT_EXCLUDE))
    if not isinstance(exclude, list) or not all(isinstance(g, str) for g in exclude):
        raise fail('exclude must be a list of glob strings, e.g. exclude = ["Templates/**"]',
                   "exclude")
    exclude = [glob.replace("\\", "/") for glob in exclude]  # (as `path` below)
    daily = data.get("events", {}).get("daily_formats", [])
    if not isinstance(daily, list) or not all(isinstance(f, str) and f.strip() for f in daily):
        raise fail('events.daily_formats must be a list of formats, e.g. ["YYYY-MM-DD dddd"]',
                   "events.daily_formats")
    if daily:
        from vaultnet.parse.daily import name_pattern

        for moment_format in daily:
            if name_pattern(moment_format.strip()) is None:
                raise fail(f"events.daily_formats: {moment_format!r} dates no note; a format needs "
                           "a year (YYYY), a month (MM) and a day (DD)", "events.daily_formats")
        daily = [f.strip() for f in dict.fromkeys(daily) if f.strip() != DEFAULT_DAILY_FORMAT]
    horizon = text("follow_ups", "horizon", "7d")
    window = text("balance", "window", "28d")
    for name, value in (("follow_ups.horizon", horizon), ("balance.window", window)):
        try:
            parse_interval(value, zero=name == "follow_ups.horizon")
        except ValueError as exc:
            raise fail(f"{name}: {exc}", name) from exc
    pages = {key: path("output", key, default)
             for key, default in {**DEFAULT_PAGES, "reviews": "Reviews"}.items()}
    pages["reviews"] = pages["reviews"].strip("/")  # "/Reviews" has always meant the vault's
    for key, rel in pages.items():
        if key == "reviews" and outside_vault(rel):
            raise fail(f"output.reviews = {rel!r} must be a folder inside the vault, e.g. "
                       '"Reviews"', "output.reviews")
        if key != "reviews" and (outside_vault(rel) or not rel.endswith(".md")):
            raise fail(f"output.{key} = {rel!r} must be a .md path inside the vault, e.g. "
                       f'"{DEFAULT_PAGES[key]}"', f"output.{key}")
    if PurePosixPath(pages["follow_ups"]).as_posix().casefold() == \
            PurePosixPath(pages["balance"]).as_posix().casefold():
        written = "output.balance" if "balance" in data.get("output", {}) else "output.follow_ups"
        raise fail(f"output.follow_ups and output.balance both name {pages['balance']!r}; give "
                   "each page its own path", written)
    return Config(
        folders=folders,
        cadences=cadences,
        exclude=tuple(exclude),
        default_minutes=positive_int("events", "default_minutes", 30, most=99_999),
        daily_formats=tuple(daily),
        new_contact_days=positive_int("follow_ups", "new_contact_days", 2),
        milestone_days=positive_int("follow_ups", "milestone_days", 30),
        birthday_days=positive_int("follow_ups", "birthday_days", 7),
        referral_days=positive_int("follow_ups", "referral_days", 14),
        horizon=horizon,
        window=window,
        follow_ups_page=pages["follow_ups"],
        balance_page=pages["balance"],
        reviews_folder=pages["reviews"],
    )


_ASSIGNMENT = re.compile(r"""\s*([\w.\-"']+)\s*=\s*([^"'\[{#\s][^#]*?)\s*(?:#.*)?""")
# What a slip of the quotes looks like: words (My Balance.md), an interval (7d).
_TEXT = re.compile(r"(?!(?:true|false|inf|nan)$)[^\W\d].*|\d+[^\W\d]\w*")


# The settings that are numbers: of minutes or days, written without a unit.
_NUMBERS = frozenset(("default_minutes", "new_contact_days", "milestone_days", "birthday_days",
                      "referral_days"))


# (Patterns as text, for a broken file alone: `re` compiles them when first used.)
_CURLY_SETTING = r"""\s*([\w\-]+)\s*=\s*[“‘„«]([^“”‘’„«»]*)[”’“»]\s*(?:#.*)?"""
_COLON_SETTING = r"""\s*([\w\-]+)\s*:\s*(.*?)\s*"""
_UNQUOTED_LIST = r"""\s*([\w\-]+)\s*=\s*\[([^\]"']*)\]\s*(?:#.*)?"""


def _toml_slip(raw: str, number: int) -> str | None:
    """What to write for line ``number`` of ``raw`` when it is YAML's way, not
    TOML's: ``person: People`` (``person = "People"``), or a list of text without
    quotes, ``exclude = [Templates/**]``. Else None."""
    lines = raw.splitlines()
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    if curly := re.fullmatch(_CURLY_SETTING, line):  # a phone's or a word processor's quotes
        key, value = curly.groups()
        return f'text goes in straight quotes, {key} = "{value}"'
    if colon := re.fullmatch(_COLON_SETTING, line):
        key, value = colon.groups()
        value = value if value[:1] in "\"'[" or not _TEXT.fullmatch(value) else f'"{value}"'
        return f"a setting is written with =, not a colon, {key} = {value}"
    if listed := re.fullmatch(_UNQUOTED_LIST, line):
        key, items = listed.groups()
        quoted = ", ".join(f'"{item.strip()}"' for item in items.split(",") if item.strip())
        return f"text goes in quotes, {key} = [{quoted}]"
    return None


def _unquoted_text(raw: str, number: int) -> str | None:
    """What to write when line ``number`` of ``raw`` is ``horizon = 7d``: text
    written without the quotes TOML needs (the usual slip), ``text goes in quotes,
    horizon = "7d"``; or a number with a unit (``default_minutes = 45m``), ``a
    number goes without its unit, default_minutes = 45``. Else None."""
    lines = raw.splitlines()
    match = _ASSIGNMENT.fullmatch(lines[number - 1]) if 0 < number <= len(lines) else None
    if not match:
        return None
    key, value = match.group(1), match.group(2)
    if key.strip("\"'") in _NUMBERS:
        digits = re.fullmatch(r"(\d+)\s*[^\W\d][\w ]*", value)  # 45m, 7 days
        return f"a number goes without its unit, {key} = {digits[1]}" if digits else None
    return f'text goes in quotes, {key} = "{value}"' if _TEXT.fullmatch(value) else None


def _set_twice(raw: str, number: int, what: str) -> str | None:
    """What to say of a table or a setting that line ``number`` of ``raw`` gives a
    second time (tomllib: "cannot declare ('cadence',) twice", "cannot overwrite a
    value"), with the line of the first; None for any other error, or one whose
    first cannot be found (dotted keys)."""
    lines = raw.splitlines()
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    header = _TABLE_HEADER.match(line)
    if what.startswith("cannot declare") and header:
        table = header.group(1).strip("\"' ")
        first = _line_of(raw, table) if "." not in table else None
        if first and first < number:
            return (f"[{table}] is there twice (first on line {first}); put all its settings "
                    f"under one [{table}]")
        return None
    setting = re.match(r"""\s*["']?([\w\-]+)["']?\s*=""", line)
    if not what.startswith("cannot overwrite") or not setting:
        return None
    table = ""
    for above in reversed(lines[: number - 1]):
        if above_header := _TABLE_HEADER.match(above):
            table = above_header.group(1).strip("\"' ")
            break
    key = setting.group(1)
    first = _line_of(raw, f"{table}.{key}" if table else key)
    if not first or first >= number:
        return None
    where = f" in [{table}]" if table else ""
    return f"{key} is set twice{where} (first on line {first}); keep the one you mean"


def outside_vault(rel: str) -> bool:
    """Whether a path from the settings would lead out of the vault."""
    path = PurePosixPath(rel)
    return path.is_absolute() or ".." in path.parts


def _line_of(raw: str, setting: str) -> int | None:
    """The line of ``raw`` (a config's TOML) that sets ``setting`` (``table.key``,
    a top-level ``key``, or a ``table`` whose header it is); None if not found
    (a dotted key, say: the message then names the setting alone)."""
    table, _, key = setting.rpartition(".")
    assignment = re.compile(rf"""\s*["']?{re.escape(key)}["']?\s*=""")
    header = re.compile(rf"""\s*\[\s*["']?{re.escape(key)}["']?\s*\]""")
    current = ""
    for number, line in enumerate(raw.splitlines(), 1):
        if match := _TABLE_HEADER.match(line):
            current = match.group(1).strip("\"' ")
            if not table and header.match(line):
                return number
        elif current == table and assignment.match(line):
            return number
    return None


_TABLE_HEADER = re.compile(r"\s*\[([^\[\]]+)\]")


CONFIG_TEMPLATE = """\
# vaultnet settings for this vault. Every setting is optional: delete a line
# to go back to its default. Commit this file with the vault.

# Notes vaultnet never reads (globs on vault-relative paths; * also matches /).
# Templates hold placeholders such as {{date}} that are not valid YAML.
exclude = ["Templates/**"]

[folders]
# A note in one of these folders (at any depth) has that type unless its
# frontmatter says `type:`. A `person`, `skill` or `goal` tag also sets it.
person = "People"
skill = "Skills"
goal = "Goals"

[cadence]
# How often to keep in touch, by role, when a person note has no `cadence:`.
# 10d, 2w, 3m (calendar months), 1y, weekly, biweekly, monthly, quarterly,
# yearly, or never; or in words: "2 weeks", "every 3 months". Several roles:
# the shortest wins. No role counts as other.
mentor = "1m"
sponsor = "1m"
peer = "2m"
colleague = "3m"
leader = "3m"
mentee = "1m"
other = "never"

[events]
# Minutes counted for a log item or mention without a duration (45m, 1.5h).
default_minutes = 30
# How daily notes are named besides YYYY-MM-DD, in Obsidian's (moment.js) date
# tokens: ["YYYY-MM-DD dddd"] dates "2026-11-20 Friday.md". Obsidian's own
# Daily notes and Periodic Notes settings are read without being named here.
daily_formats = []

[follow_ups]
new_contact_days = 2   # follow up this many days after `met:`
milestone_days = 30    # congratulate milestones up to this many days old
birthday_days = 7      # list birthdays this many days ahead
referral_days = 14     # report back this many days after an #asked/#referral
horizon = "7d"         # `vaultnet due` lists what is due up to this far ahead (0d: today)

[balance]
window = "28d"         # `vaultnet balance` looks back this far

[output]
# Where generated pages go, relative to the vault.
follow_ups = "Follow-ups.md"
balance = "Balance.md"
reviews = "Reviews"
"""
