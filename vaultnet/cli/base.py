"""The `vaultnet` command group and what its commands share.

No domain logic lives in the command line: each command parses its options,
calls the core, and prints. Known errors become one line and exit 1; anything
unexpected too, with the traceback only under ``--debug`` (jrnl's rule).
"""

from __future__ import annotations

import logging
import os
import re
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click

from vaultnet import __version__, clock
from vaultnet.config import load_config
from vaultnet.errors import VaultnetError, cannot_write
from vaultnet.gcpause import paused_gc
from vaultnet.index import sync_index
from vaultnet.index.sync import sync_answer
from vaultnet.words import shell_quoted, shown

PROGRESS_MIN_NOTES = 500  # fewer than this index in well under a second: no bar


class IsoDate(click.ParamType):
    name = "YYYY-MM-DD"

    def __init__(self, earliest: date = date.min, latest: date = date.max) -> None:
        self.earliest, self.latest = earliest, latest

    def convert(self, value, param, ctx):
        if not isinstance(value, date):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                day = clock.iso_day(value.strip())  # (digits of another script: ２０２６-１１-２３)
                if day is None:
                    if parts := re.fullmatch(r"\s*(\d{4})-(\d\d)-(\d\d)\s*", value):
                        self.fail(f"{value!r} is not a real date: "
                                  f"{clock.no_such_day(*map(int, parts.groups()))}", param, ctx)
                    self.fail(f"{value!r} is not a date; write YYYY-MM-DD", param, ctx)
                value = day
        if not self.earliest <= value <= self.latest:
            self.fail(f"{value.isoformat()} is out of range; use a date from "
                      f"{self.earliest.isoformat()} to {self.latest.isoformat()}", param, ctx)
        return value


class DayType(IsoDate):
    """A day as ``YYYY-MM-DD`` (or another way of writing one: ``Nov 20, 2026``), or
    named as of the command's day: ``yesterday``, ``friday``, ``last friday``, ``3
    days ago``, ``nov 20`` (see :func:`vaultnet.clock.day_named`). A name is kept
    as written, for :func:`on_day` to turn into a date once ``--today`` is known."""

    name = "DATE"

    def convert(self, value, param, ctx):
        if isinstance(value, str) and clock.names_a_day(value):
            return value.strip().lower()
        if isinstance(value, str) and _first_of_several(value):
            # `--date last friday` unquoted: the shell gave friday to the text.
            option = param.opts[0] if param is not None and param.opts else "--date"
            self.fail(f"{value!r} is not a date; if more words followed it, quote them all: "
                      f"{option} '{value.strip()} ...' (last friday, 3 days ago, nov 20)",
                      param, ctx)
        if isinstance(value, str) and not _is_iso(value):
            from vaultnet.parse.values import written_as_iso

            if written := written_as_iso(value):  # Nov 20, 2026; 20.11.2026
                return super().convert(written, param, ctx)
            if written := written_as_iso(value, year=False):  # nov 20: the latest
                return written
        if isinstance(value, str) and (not value.strip()[:1].isdigit()
                                       or value.lower().split()[-1:] == ["ago"]):
            self.fail(f"{value!r} is not a date; write YYYY-MM-DD, today, yesterday, a "
                      "weekday (friday or fri: the last one, today included; last friday: "
                      "before today) or how long ago (3 days ago)", param, ctx)
        return super().convert(value, param, ctx)


class DeadlineType(IsoDate):
    """A goal's ``by``: ``YYYY-MM-DD``, or another way of writing a day (``Jun 30,
    2027``). A month, quarter or year (``2027-06``, ``Q2 2027``) is told the day it
    ends, as `vaultnet check` tells it of a note's ``by:``."""

    def convert(self, value, param, ctx):
        if isinstance(value, str) and not _is_iso(value):
            from vaultnet.parse.values import to_deadline, written_as_iso

            if written := written_as_iso(value):
                return super().convert(written, param, ctx)
            try:
                to_deadline(value.strip())
            except ValueError as exc:
                self.fail(str(exc), param, ctx)
        return super().convert(value, param, ctx)


def _first_of_several(text: str) -> bool:
    """Whether ``text`` is only the first word of a day named in words: ``last``
    (friday), ``3`` (days ago), ``a`` (week ago), ``nov`` (20)."""
    word = text.strip().lower()
    if word in ("last", "a", "an", "in", "next") or (word.isdecimal() and len(word) <= 3):
        return True
    from vaultnet.parse.daily import month_named

    return word.isalpha() and bool(month_named(word))


def _is_iso(text: str) -> bool:
    try:
        date.fromisoformat(text.strip())
    except ValueError:
        return False
    return True


def on_day(value: date | str | None, today: date) -> date | None:
    """A :class:`DayType` option's date, as of ``today``."""
    if isinstance(value, str):
        return clock.day_named(value, today)
    return value


class RoleChoice(click.Choice):
    """A role, as a note may write it: in any case, a plural, with a # (``Mentors``)."""

    def __init__(self, several: bool = False) -> None:
        from vaultnet.config import ROLES

        super().__init__(ROLES, case_sensitive=False)
        self.several = several  # a list between commas (mentor,peer): a tuple of roles

    def convert(self, value, param, ctx):
        from vaultnet.config import ROLES, role_name

        if self.several and isinstance(value, str):
            return tuple(RoleChoice().convert(part, param, ctx) for part in value.split(",")
                         if part.strip())
        if isinstance(value, str) and role_name(value) not in ROLES:
            from vaultnet.parse.properties import unknown_role

            self.fail(unknown_role(value), param, ctx)  # with the role it may be
        return super().convert(role_name(value) if isinstance(value, str) else value,
                               param, ctx)


def several_roles(ctx, param, lists: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """``--role`` of ``RoleChoice(several=True)``, repeated or between commas: each once."""
    return tuple(dict.fromkeys(role.lower() for roles in lists for role in roles))


def several_tags(ctx, param, values: tuple[str, ...]) -> tuple[str, ...]:
    """``--tag``, repeated or between commas (``--tag gave,asked``): each once, without its #."""
    tags = tuple(dict.fromkeys(word.strip().lstrip("#") for value in values
                               for word in value.split(",")))
    for tag in tags:
        if not tag or not all(c.isalnum() or c in "_-/" for c in tag):
            raise click.BadParameter(f"{tag!r} is not a tag; write a word such as gave or work")
    return tags


class AheadType(click.ParamType):
    """A day ahead: ``YYYY-MM-DD``, ``tomorrow``, a weekday (the next one), or how
    long from today (``2w``, ``10d``, ``1m``). A name or a length is kept as
    written, for :func:`ahead` to turn into a date once ``--today`` is known."""

    name = "WHEN"

    def convert(self, value, param, ctx):
        from vaultnet.cadence import parse_interval

        if not isinstance(value, str):
            return value
        if clock.names_a_day_ahead(value):
            return value.strip().lower()
        if value.strip()[:1].isdigit() and "-" in value:
            return IsoDate().convert(value.strip(), param, ctx)
        from vaultnet.parse.values import written_as_iso

        if written := written_as_iso(value):  # Dec 1, 2026; 01.12.2026
            return IsoDate().convert(written, param, ctx)
        if written := written_as_iso(value, year=False):  # dec 1: the next one
            return written
        words = value.split()
        first = words[0].lower() if words else ""
        length = " ".join(words[1:]) if first == "in" else value  # in 2 weeks
        try:
            return parse_interval(length)
        except ValueError as exc:
            if length.strip()[:1].isdigit():  # a length, too long or of no time: say so
                self.fail(str(exc), param, ctx)
            if len(words) == 2 and first == "next" and clock.names_a_day_ahead(words[1]) \
                    and words[1].lower() != "tomorrow":
                self.fail(f"{value!r} may be this week's or next week's; write {words[1]} "
                          "(the next one after today) or the date, YYYY-MM-DD", param, ctx)
            if len(words) == 2 and first == "next" and words[1].lower() in ("week", "month", "year"):
                unit = words[1].lower()
                first_day = "next Monday" if unit == "week" else f"the first of the next {unit}"
                self.fail(f"{value!r} may be {first_day} or a whole {unit} from today; write "
                          + ("monday or " if unit == "week" else "")
                          + f"in a {unit}, or the date, YYYY-MM-DD", param, ctx)
            self.fail(f"{value!r} is not a day ahead; write YYYY-MM-DD, tomorrow, a weekday "
                      "(friday or fri: the next one) or how long from today (10d, 2w, 1m, "
                      "in 2 weeks)", param, ctx)

    def shell_complete(self, ctx, param, incomplete: str):
        words = ("tomorrow", "1w", "2w", "1m", "3m", *clock.WEEKDAYS)
        return [click.shell_completion.CompletionItem(word) for word in words
                if word.startswith(incomplete.lower())]


def ahead(value, today: date) -> date:
    """An :class:`AheadType` argument's date, as of ``today``."""
    if isinstance(value, str):
        return clock.day_ahead(value, today)
    if isinstance(value, date):
        return value
    return value.after(today)


# Commands people look for by another name (other tools' words, or what a command
# does), with the one that does it: said instead of Click's "No such command",
# whose closest spelling can mislead ('lint': "Did you mean 'init'?").
_DOES = {
    "due": "`vaultnet due` lists who to get in touch with, and why",
    "report": "`vaultnet report` writes the weekly review, Follow-ups.md and Balance.md",
    "check": "`vaultnet check` lists every problem in the vault",
    "index": "`vaultnet index` brings the index up to date (`--full` rebuilds it)",
    "balance": "`vaultnet balance` shows time on skills vs. relationships, and goals' gaps",
    "log": "`vaultnet log PERSON TEXT` adds an interaction to a person's note",
    "practice": "`vaultnet practice SKILL TEXT` adds practice to a skill's note",
    "add": "`vaultnet add person|skill|goal NAME` adds a note",
    "schedule": "`vaultnet schedule PERSON WHEN` sets the next contact (or snoozes it)",
    "search": "`vaultnet search WORDS` finds notes by their words",
    "ics": "`vaultnet export ics` writes your follow-ups as a calendar",
    "vcard": "`vaultnet export vcard` writes your people as vCards",
    "import vcard": "`vaultnet import vcard FILE.vcf` brings people in from an address book",
    "vcards": ("`vaultnet import vcard FILE.vcf` brings people in from an address book; "
               "`vaultnet export vcard` writes them out"),
    "import linkedin": "`vaultnet import linkedin Connections.csv` brings in LinkedIn connections",
    "--help": "`vaultnet --help` lists the commands, and `vaultnet COMMAND --help` tells of one",
    "--version": "`vaultnet --version` says which vaultnet this is",
}
_MEANT = {
    None: {**dict.fromkeys(("review", "weekly", "week", "pages", "generate", "render", "write"),
                           "report"),
           **dict.fromkeys(("followups", "follow-ups", "followup", "follow-up", "todo",
                            "reminders", "remind", "overdue", "next", "status"), "due"),
           **dict.fromkeys(("lint", "doctor", "validate", "verify", "problems", "errors"),
                           "check"),
           **dict.fromkeys(("rebuild", "reindex", "refresh", "sync", "update", "scan"), "index"),
           **dict.fromkeys(("stats", "time", "goals", "gaps"), "balance"),
           **dict.fromkeys(("note", "interaction", "contact", "met", "touch", "record"), "log"),
           **dict.fromkeys(("practise", "study", "learn"), "practice"),
           **dict.fromkeys(("new", "create"), "add"),
           **dict.fromkeys(("snooze", "later", "plan"), "schedule"),
           **dict.fromkeys(("find", "grep", "query"), "search"),
           **dict.fromkeys(("calendar", "ical", "icalendar", "ics"), "ics"),
           **dict.fromkeys(("vcf", "vcard", "vcards", "contacts", "addressbook"), "vcards"),
           "linkedin": "import linkedin", "help": "--help", "version": "--version"},
    "export": {**dict.fromkeys(("calendar", "ical", "icalendar"), "ics"),
               **dict.fromkeys(("vcf", "vcards", "contacts", "addressbook", "cards"), "vcard")},
    "import": {**dict.fromkeys(("vcf", "vcards", "contacts", "addressbook", "cards"),
                               "import vcard"),
               **dict.fromkeys(("csv", "connections"), "import linkedin")},
}


class MeantGroup(click.Group):
    """A group that, for a command it has not, names the one that does what its
    name asks (:data:`_MEANT`), when it knows one."""

    def resolve_command(self, ctx: click.Context, args: list[str]):
        name = args[0] if args else ""
        if (name and not ctx.resilient_parsing and self.get_command(ctx, name) is None
                and (meant := _MEANT.get(ctx.parent and ctx.info_name, {}).get(name.lower()))):
            ctx.fail(f"No such command {name!r}: {_DOES[meant]}.")
        return super().resolve_command(ctx, args)


class VaultnetGroup(MeantGroup):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except VaultnetError as exc:
            raise click.ClickException(shown(str(exc), lines=True)) from exc
        except click.ClickException as exc:  # messages may quote a name from the vault
            exc.message = shown(exc.message, lines=True)
            if (isinstance(exc, click.BadOptionUsage) and exc.option_name == "--tag"
                    and "requires an argument" in exc.message):
                # `--tag #gave`: the shell took the rest of the line for a comment.
                exc.message += (" An unquoted #tag is a comment to the shell, which drops it "
                                "and all that follows it: write the tag without its # (--tag "
                                "gave), or quote it ('#gave').")
            raise
        except (click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except BrokenPipeError:
            raise  # `vaultnet check | head`: Click's main ends quietly, as other tools do
        except KeyboardInterrupt:
            raise click.Abort() from None
        except Exception as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            if message := cannot_write(exc):
                raise click.ClickException(message) from exc
            raise click.ClickException(
                f"unexpected {type(exc).__name__}: {exc} (run `vaultnet --debug ...` for the "
                "traceback, and please report it)"
            ) from exc


class HomePath(click.Path):
    """A path whose leading ``~``, where the shell left it, is the home folder
    (:func:`vaultnet.discover.home_expanded`): a vault, a file to import or
    write."""

    def convert(self, value, param, ctx):
        if isinstance(value, str):
            from vaultnet.discover import home_expanded

            value = home_expanded(value)
        return super().convert(value, param, ctx)


_VAULT_PATH = HomePath(file_okay=False, path_type=Path)


def given_vault(ctx: click.Context, param: click.Parameter) -> Path | None:
    """The vault given before the command (``vaultnet --vault ~/vault due``), unless
    the command's own option was given on the command line: that one wins."""
    from click.core import ParameterSource

    if ctx.get_parameter_source(param.name) == ParameterSource.COMMANDLINE:
        return None
    return ctx.find_root().params.get("vault")


def _vault_or_found(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    from vaultnet.discover import find_vault, no_vault_here, vault_around

    value = given_vault(ctx, param) or value
    if value is not None:
        if around := vault_around(value):  # a vault of its own, as asked (and kept so
            outer, marker = around          # by its index), but more likely a slip
            click.echo(f"vaultnet: {shown(str(value))} is a folder of the vault "
                       f"{shown(str(outer))} (which holds {marker}); read as a vault of its own. "
                       f"For the whole vault, pass --vault {shell_quoted(str(outer))}", err=True)
        return value
    found = find_vault(Path("."))
    if why := no_vault_here(found):  # `vaultnet due` typed in ~ would walk all of it
        raise click.UsageError(why, ctx)
    return found


vault_option = click.option(
    "--vault",
    type=_VAULT_PATH,
    envvar="VAULTNET_VAULT",
    callback=_vault_or_found,
    help="The vault: a folder of Markdown notes [default: $VAULTNET_VAULT, else the "
         "current folder or the nearest one above it with .vaultnet/config.toml or .obsidian/].",
)
# Windows, horizons and cadences reach up to 100 years either side of today;
# the calendar ends at 9999-12-31.
today_option = click.option(
    "--today", type=IsoDate(date(1900, 1, 1), date(8999, 12, 31)), default=None,
    help="Run as if today were this date (default: the real date).",
)
json_option = click.option("--json", "as_json", is_flag=True,
                           help="Print one JSON document on stdout (SPEC 6).")


@click.group(cls=VaultnetGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--vault", type=_VAULT_PATH, default=None,
              help="The vault, for whichever command follows (as each command's own --vault).")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug messages.")
@click.version_option(__version__, prog_name="vaultnet")
@click.pass_context
def cli(ctx: click.Context, vault: Path | None, debug: bool) -> None:
    """Grow your career from a plain-text vault of skills and relationships.

    \b
    Start with:
      vaultnet init ~/vault          # settings and a .gitignore in ~/vault/.vaultnet
      vaultnet --vault ~/vault due   # who to get in touch with
      vaultnet --help                # every command, each with an example
    """
    ctx.ensure_object(dict)["debug"] = debug
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_ShownFormatter("vaultnet: %(message)s"))
    logging.basicConfig(handlers=[handler], level=logging.DEBUG if debug else logging.WARNING,
                        force=True)


class _ShownFormatter(logging.Formatter):
    """Log lines name notes: their control characters are shown, not sent."""

    def format(self, record: logging.LogRecord) -> str:
        return shown(super().format(record), lines=True)


def warn_misnamed_templates(vault: Path) -> None:
    """Name each file of the vault's templates folder that is named as one of
    vaultnet's templates, but not quite, and so is never read (``Follow-ups.md``)."""
    from vaultnet.template_files import misnamed_templates

    for name, meant in misnamed_templates(vault):
        echo(f"vaultnet: .vaultnet/templates/{name} is not read: a template takes the name of "
             f"vaultnet's own; rename it to {meant}", err=True)


def echo(text: str, err: bool = False) -> None:
    """``click.echo`` for text that holds names or words from the vault, with
    their control characters shown rather than sent to the terminal."""
    click.echo(shown(text, lines=True), err=err)


def echo_json(document: str) -> None:
    """A JSON document (``json.dumps``'s text) on stdout in UTF-8, as JSON is read
    (RFC 8259), whatever the encoding of the terminal or pipe: Windows writes a
    pipe or a file in its code page (cp1252), where `Zoë` is not UTF-8 and a
    Cyrillic or Chinese name cannot be written at all."""
    sys.stdout.flush()
    sys.stdout.buffer.write(document.encode("utf-8", "replace") + b"\n")
    sys.stdout.buffer.flush()


@contextmanager
def progress_bar():
    """A progress bar on stderr for long runs on a terminal; silent otherwise."""
    state: dict = {}

    def on_start(total: int) -> None:
        if total >= PROGRESS_MIN_NOTES and sys.stderr.isatty():
            state["bar"] = click.progressbar(length=total, label="Indexing", file=sys.stderr)
            state["bar"].__enter__()

    def advance(step: int) -> None:
        if "bar" in state:
            state["bar"].update(step)

    try:
        yield on_start, advance
    finally:
        if "bar" in state:
            state["bar"].__exit__(None, None, None)


@contextmanager
def indexed(vault: Path, full: bool = False, warn_unreadable: bool = True):
    """The vault's config and its index, brought up to date (a progress bar on a
    terminal for long runs), closed afterwards: ``with indexed(vault) as (config,
    index, result):``. ``warn_unreadable``: see ``sync_index``."""
    config = load_config(vault)
    with paused_gc():  # what commands load from the index is bulk work too
        with progress_bar() as (on_start, advance):
            index, result = sync_index(vault, config, full=full, on_start=on_start,
                                       progress=advance, warn_unreadable=warn_unreadable)
        try:
            yield config, index, result
        finally:
            index.close()


def answered(vault: Path, question):
    """``question(config, index)`` asked of the vault's index once it is up to date,
    and the answer (the index is closed by then). While a child process checks
    the vault for changes, the question is asked of the index as it stands: it
    is asked again only if something changed (see ``sync_answer``)."""
    config = load_config(vault)
    with paused_gc(), progress_bar() as (on_start, advance):
        index, _, answer = sync_answer(vault, config, lambda idx: question(config, idx),
                                       on_start=on_start, progress=advance)
    index.close()
    return answer


class IntervalType(click.ParamType):
    """An interval option; ``zero``: ``0d`` is allowed (a horizon of today)."""

    name = "INTERVAL"

    def __init__(self, zero: bool = False) -> None:
        self.zero = zero

    def convert(self, value, param, ctx):
        from vaultnet.cadence import parse_interval

        try:
            return parse_interval(value, zero=self.zero)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def color() -> bool:
    """Whether stdout takes colour: a terminal, unless ``NO_COLOR`` is set to
    anything (https://no-color.org); anything else too when ``FORCE_COLOR`` is
    (https://force-color.org), as for ``vaultnet due | less -R``."""
    if os.environ.get("NO_COLOR"):
        return False
    ctx = click.get_current_context()
    if os.environ.get("FORCE_COLOR"):
        ctx.color = True  # (or click.echo takes the colour out again, for a pipe)
    return not click.utils.should_strip_ansi(sys.stdout, ctx.color)


def _terminate(*_) -> None:
    # SIGTERM (kill, timeout, a service manager) and SIGHUP (the terminal closed)
    # stop a command as Ctrl-C does: the index rolls back its transaction, a page
    # being written removes its temporary file, the parsing workers are stopped,
    # and it ends with "Aborted!" (`watch` with "stopped").
    raise KeyboardInterrupt


def main() -> None:
    import signal

    # A terminal or pipe in an encoding that cannot write every name (Windows'
    # cp1252 when piped, a latin-1 locale): `?` for what it cannot, not a crash.
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("_", "-")
    if not encoding.startswith("utf") and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    signal.signal(signal.SIGTERM, _terminate)
    hangup = getattr(signal, "SIGHUP", None)  # not on Windows
    if hangup and signal.getsignal(hangup) == signal.SIG_DFL:  # not under nohup
        signal.signal(hangup, _terminate)
    cli(prog_name="vaultnet")
