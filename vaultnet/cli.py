"""The `vaultnet` command line: options in, one core call, output out.

No domain logic lives here. Known errors become one line and exit 1; anything
unexpected too, with the traceback only under ``--debug`` (jrnl's rule).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path

import click

from vaultnet import __version__
from vaultnet.config import load_config
from vaultnet.errors import VaultnetError
from vaultnet.index import SyncResult, sync_index
from vaultnet.model import ROLES

log = logging.getLogger("vaultnet")
PROGRESS_MIN_NOTES = 500  # fewer than this index in well under a second: no bar


class IsoDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date; write YYYY-MM-DD", param, ctx)


class VaultnetGroup(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except VaultnetError as exc:
            raise click.ClickException(str(exc)) from exc
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            raise click.Abort() from None
        except Exception as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise click.ClickException(
                f"unexpected {type(exc).__name__}: {exc} (run `vaultnet --debug ...` for the "
                "traceback, and please report it)"
            ) from exc


vault_option = click.option(
    "--vault",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="VAULTNET_VAULT",
    default=".",
    show_default="the current folder, or $VAULTNET_VAULT",
    help="The vault: a folder of Markdown notes.",
)
today_option = click.option(
    "--today", type=IsoDate(), default=None,
    help="Run as if today were this date (default: the real date).",
)
json_option = click.option("--json", "as_json", is_flag=True,
                           help="Print one JSON document on stdout (SPEC 6).")


@click.group(cls=VaultnetGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks and debug messages.")
@click.version_option(__version__, prog_name="vaultnet")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Grow your career from a plain-text vault of skills and relationships.

    \b
    Start with:
      vaultnet init ~/vault          # settings and a .gitignore in ~/vault/.vaultnet
      vaultnet --help                # every command, each with an example
    """
    ctx.ensure_object(dict)["debug"] = debug
    logging.basicConfig(format="vaultnet: %(message)s", stream=sys.stderr,
                        level=logging.DEBUG if debug else logging.WARNING, force=True)


@cli.command()
@click.argument("path", type=click.Path(file_okay=False, path_type=Path), default=".")
def init(path: Path) -> None:
    """Set up a vault: write .vaultnet/config.toml and .vaultnet/.gitignore.

    The config spells out every default with a comment; an existing config is
    never overwritten. The index (.vaultnet/index.sqlite) is kept out of git.

    \b
    Example:
      vaultnet init ~/Documents/vault
    """
    from vaultnet.scaffold import init_vault

    for written in init_vault(path):
        click.echo(f"wrote {written}")
    click.echo(f"Next: vaultnet index --vault {path}")


@contextmanager
def _progress(enabled: bool):
    """A progress bar on stderr for long runs on a terminal; silent otherwise."""
    state: dict = {}

    def on_start(total: int) -> None:
        if enabled and total >= PROGRESS_MIN_NOTES and sys.stderr.isatty():
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


def _update(vault: Path, full: bool = False, progress: bool = True, config=None):
    config = config or load_config(vault)
    with _progress(progress) as (on_start, advance):
        return sync_index(vault, config, full=full, on_start=on_start, progress=advance)


class IntervalType(click.ParamType):
    name = "INTERVAL"

    def convert(self, value, param, ctx):
        from vaultnet.cadence import parse_interval

        try:
            return parse_interval(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


@cli.command()
@vault_option
@click.option("--full", is_flag=True, help="Re-read every note instead of only changed ones.")
@json_option
@today_option
def index(vault: Path, full: bool, as_json: bool, today: date | None) -> None:
    """Bring the index (.vaultnet/index.sqlite) up to date with the vault.

    Only new, changed and deleted notes are read; --full re-reads them all.
    Events dated after --today (default: today) are plans and are not counted.

    \b
    Examples:
      vaultnet index --vault ~/vault
      vaultnet index --json | jq .people
    """
    idx, result = _update(vault, full)
    try:
        counts = idx.counts(today or date.today())
        counts["errors"] = len(idx.problems())
    finally:
        idx.close()
    if as_json:
        click.echo(json.dumps(counts))
        return
    click.echo(_summary(result, counts))


def _summary(result: SyncResult, counts: dict[str, int]) -> str:
    read = "rebuilt" if result.rebuilt else f"{len(result.parsed)} read, {len(result.removed)} removed"
    text = (f"Indexed {counts['notes']} notes in {result.seconds:.2f} s ({read}): "
            f"{counts['people']} people, {counts['skills']} skills, {counts['goals']} goals, "
            f"{counts['interactions']} interactions, {counts['practice']} practice, "
            f"{counts['commitments']} open commitments.")
    if counts["errors"]:
        text += f" {counts['errors']} problems: run `vaultnet check`."
    return text


@cli.command()
@vault_option
@json_option
@click.pass_context
def check(ctx: click.Context, vault: Path, as_json: bool) -> None:
    """List every problem in the vault, with file, line and what to do.

    Broken YAML, unknown roles, cadences and dates that cannot be read, two
    notes claiming one title or alias, frontmatter links to missing notes.
    Exits with status 1 when there is any problem.

    \b
    Examples:
      vaultnet check --vault ~/vault
      vaultnet check --json | jq -r '.[].path' | sort -u
    """
    idx, _ = _update(vault)
    try:
        problems = idx.problems()
        seen = idx.note_count()
    finally:
        idx.close()
    if as_json:
        click.echo(json.dumps([{"path": p.path, "line": p.line, "message": p.message}
                               for p in problems]))
    else:
        for problem in problems:
            click.echo(f"{problem.path}:{problem.line}: {problem.message}")
        notes = len({p.path for p in problems})
        if problems:
            click.echo(f"{len(problems)} problems in {notes} of {seen} notes.", err=True)
        else:
            click.echo(f"No problems in {seen} notes.", err=True)
    if problems:
        ctx.exit(1)


@cli.command()
@vault_option
@click.option("--horizon", type=IntervalType(), default=None,
              help="List what is due up to this far ahead: 7d, 2w, 1m [default: 7d, or the config's].")
@click.option("--role", type=click.Choice(ROLES, case_sensitive=False), default=None,
              help="Only people with this role.")
@click.option("--tag", default=None, help="Only people with this tag (in their `tags:`).")
@json_option
@today_option
def due(vault: Path, horizon, role: str | None, tag: str | None, as_json: bool,
        today: date | None) -> None:
    """Who to get in touch with, and why: overdue first.

    Reasons: cadence, scheduled (next:), new-contact, milestone, birthday,
    commitment, referral-outcome. The JSON is sorted by due date, person, reason.

    \b
    Examples:
      vaultnet due --vault ~/vault
      vaultnet due --horizon 2w --role mentor
      vaultnet due --json | jq -r '.[] | select(.days_overdue > 0) | .person'
    """
    from vaultnet.cadence import parse_interval
    from vaultnet.output import due_json, due_table
    from vaultnet.report import follow_ups

    config = load_config(vault)
    today = today or date.today()
    idx, _ = _update(vault, config=config)
    try:
        items = follow_ups(idx, config, today, horizon or parse_interval(config.horizon), role, tag)
    finally:
        idx.close()
    if as_json:
        click.echo(json.dumps(due_json(items, today), ensure_ascii=False))
    else:
        click.echo(due_table(items, today, color=_color()))


def _color() -> bool:
    ctx = click.get_current_context()
    return not click.utils.should_strip_ansi(sys.stdout, ctx.color)


@cli.command()
@vault_option
@click.option("--window", type=IntervalType(), default=None,
              help="The days ending today to look at: 28d, 4w, 3m [default: 28d, or the config's].")
@json_option
@today_option
def balance(vault: Path, window, as_json: bool, today: date | None) -> None:
    """Time on skills vs. relationships, week by week, and what each goal lacks.

    Practice of a skill is time on skills; an interaction with a person is time
    on relationships. Per goal: skills below their target level (and who could
    help) and roles with too few active relationships. Also who you only take from.

    \b
    Examples:
      vaultnet balance --vault ~/vault
      vaultnet balance --window 3m --json | jq .skills_share
    """
    from vaultnet.cadence import parse_interval
    from vaultnet.output import balance_json, balance_text
    from vaultnet.report import balance_over

    config = load_config(vault)
    idx, _ = _update(vault, config=config)
    try:
        result = balance_over(idx, config, today or date.today(), window or parse_interval(config.window))
    finally:
        idx.close()
    if as_json:
        click.echo(json.dumps(balance_json(result), ensure_ascii=False))
    else:
        click.echo(balance_text(result))


@cli.command()
@vault_option
@today_option
@click.pass_context
def report(ctx: click.Context, vault: Path, today: date | None) -> None:
    """Write Follow-ups.md, Balance.md and this week's review into the vault.

    Only the text between <!-- vaultnet:begin --> and <!-- vaultnet:end --> is
    vaultnet's: anything you write outside the markers (the review's
    ## Reflection, for one) is kept. Unchanged pages are not rewritten, a page
    of yours without the markers is never overwritten, and past weeks' reviews
    are left alone. Exits with status 1 when a page could not be written.

    \b
    Examples:
      vaultnet report --vault ~/vault
      vaultnet report --today 2026-11-23     # pages as of that day
    """
    from vaultnet.report import write_report

    config = load_config(vault)
    idx, _ = _update(vault, config=config)
    try:
        results = write_report(vault, idx, config, today or date.today())
    finally:
        idx.close()
    for page in results:
        if page.status != "refused":
            click.echo(f"{page.status:9} {page.path}")
    if any(page.status == "refused" for page in results):
        ctx.exit(1)


def _complete_names(kind: str):
    """Shell completion of person or skill names from the index as it is (no update)."""

    def complete(ctx: click.Context, param, incomplete: str):
        from vaultnet.index import index_path
        from vaultnet.index.read import names_starting
        from vaultnet.index.store import open_existing

        vault = ctx.params.get("vault") or Path(os.environ.get("VAULTNET_VAULT", "."))
        index = open_existing(index_path(Path(vault)))
        if index is None:
            return []
        try:
            return [click.shell_completion.CompletionItem(name)
                    for name in names_starting(index, kind, incomplete)]
        except Exception:  # completion must never print a traceback into the shell
            return []
        finally:
            index.close()

    return complete


def _duration(ctx, param, value: str | None) -> str | None:
    from vaultnet.parse.inline import minutes

    if value is None:
        return None
    if minutes(value) is None or value.strip() != value.strip().split()[0]:
        raise click.BadParameter(f"{value!r} is not a duration; write 45m, 2h, 1.5h or 1h30m")
    return value.strip()


def _tags(ctx, param, values: tuple[str, ...]) -> tuple[str, ...]:
    tags = tuple(v.strip().lstrip("#") for v in values)
    for tag in tags:
        if not tag or not all(c.isalnum() or c in "_-/" for c in tag):
            raise click.BadParameter(f"{tag!r} is not a tag; write a word such as gave or asked")
    return tags


def _capture_command(kind: str, name: str, summary: str, examples: str):
    what = "PERSON" if kind == "person" else "SKILL"

    @click.argument("subject", metavar=what, shell_complete=_complete_names(kind))
    @click.argument("words", metavar="TEXT...", nargs=-1, required=True)
    @vault_option
    @click.option("--date", "day", type=IsoDate(), default=None,
                  help="The day it happened [default: today].")
    @click.option("--duration", callback=_duration, metavar="45m",
                  help="How long it took: 45m, 2h, 1.5h, 1h30m.")
    @click.option("--tag", "tags", multiple=True, callback=_tags,
                  help="A tag, without # (repeat it for more): gave, received, asked, private.")
    @today_option
    def command(subject: str, words: tuple[str, ...], vault: Path, day: date | None,
                duration: str | None, tags: tuple[str, ...], today: date | None) -> None:
        from vaultnet.capture import Item, record

        config = load_config(vault)
        idx, _ = _update(vault, config=config)
        item = Item(day or today or date.today(), " ".join(words), duration, tags)
        try:
            path, line = record(vault, idx, kind, subject, item)
        finally:
            idx.close()
        click.echo(f"{path}: {line}")

    command.__doc__ = f"""{summary}

    {what} is a title or alias, in any case; the start of one is enough when
    only one {kind} fits. The item goes at the end of the note's
    ## {"Log" if kind == "person" else "Practice"} section (made at the end of the
    note if it has none); nothing else in the note changes.

    \b
    Examples:
{examples}
    """
    return cli.command(name)(command)


log_command = _capture_command(
    "person", "log", "Add an interaction to a person's note.",
    "      vaultnet log Lena \"coffee: she moved teams\" --duration 45m --tag gave\n"
    "      vaultnet log 'Priya R' sent her the postmortem --date 2026-11-20")
practice_command = _capture_command(
    "skill", "practice", "Add practice to a skill's note.",
    "      vaultnet practice Go \"concurrency chapter\" --duration 1h\n"
    "      vaultnet practice kube 'cluster upgrade drill' --date 2026-11-21")


def _cadence_option(ctx, param, value: str | None) -> str | None:
    from vaultnet.cadence import CADENCE_HELP, parse_cadence

    if value is None:
        return None
    try:
        parse_cadence(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a cadence; {CADENCE_HELP}") from None
    return value.strip().lower()


def _birthday_option(ctx, param, value: str | None) -> str | None:
    from vaultnet.parse.values import month_day

    if value is None:
        return None
    try:
        return month_day(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a birthday; write YYYY-MM-DD or MM-DD") from None


_ADD_OPTIONS = {  # which options each kind of note takes
    "person": {"roles", "cadence", "met", "met_where", "company", "job_title", "email", "phone",
               "linkedin", "website", "birthday", "tags"},
    "skill": {"level", "target", "category", "goal", "cadence"},
    "goal": {"target_role", "by", "balance", "skills"},
}


@cli.command()
@click.argument("kind", type=click.Choice(("person", "skill", "goal")), metavar="person|skill|goal")
@click.argument("name")
@vault_option
@click.option("--role", "roles", multiple=True, type=click.Choice(ROLES, case_sensitive=False),
              help="person: mentor, sponsor, peer, colleague, leader, mentee or other (repeatable).")
@click.option("--cadence", callback=_cadence_option,
              help="person or skill: how often, e.g. 2w, 1m, quarterly, never.")
@click.option("--met", type=IsoDate(), help="person: the day you met.")
@click.option("--where", "met_where", help="person: where you met (with --met).")
@click.option("--company", help="person: where they work.")
@click.option("--title", "job_title", help="person: their job title.")
@click.option("--email", help="person: email address.")
@click.option("--phone", help="person: phone number.")
@click.option("--linkedin", help="person: LinkedIn profile URL.")
@click.option("--website", help="person: another web address of theirs.")
@click.option("--birthday", callback=_birthday_option, help="person: YYYY-MM-DD or MM-DD.")
@click.option("--tag", "tags", multiple=True, callback=_tags, help="person: a tag (repeatable).")
@click.option("--level", type=click.IntRange(0, 5), help="skill: your level now, 0-5.")
@click.option("--target", type=click.IntRange(0, 5), help="skill: the level you want, 0-5.")
@click.option("--category", help="skill: a category, e.g. programming.")
@click.option("--goal", help="skill: the goal it serves (a goal's name).")
@click.option("--target-role", "target_role", help="goal: the role you are aiming for.")
@click.option("--by", type=IsoDate(), help="goal: by when.")
@click.option("--balance", type=click.IntRange(0, 100),
              help="goal: percent of your time for skills (default 50).")
@click.option("--skill", "skills", multiple=True, help="goal: a skill it needs (repeatable).")
@today_option
def add(kind: str, name: str, vault: Path, today: date | None, **options) -> None:
    """Add a person, skill or goal note from a template.

    The note goes into the folder for its kind (People/, Skills/, Goals/ by
    default) and is never written over an existing one. Characters that file
    systems or Obsidian links cannot take are left out of the file name; the
    name as given is then kept in `aliases`. The templates can be changed:
    copy templates/person.md (skill.md, goal.md) to .vaultnet/templates/.

    \b
    Examples:
      vaultnet add person "Sofía Núñez" --role peer --met 2026-11-20 --where "KubeCon"
      vaultnet add skill Rust --level 1 --target 3 --category programming
      vaultnet add goal "Staff Engineer" --target-role "Staff Engineer" --by 2027-06-30
    """
    from vaultnet.create import new_note
    from vaultnet.index.read import note_named

    given = {key for key, value in options.items() if value not in (None, ())}
    wrong = sorted(given - _ADD_OPTIONS[kind])
    if wrong:
        flags = ", ".join("--" + {"roles": "role", "met_where": "where", "job_title": "title",
                                  "tags": "tag", "skills": "skill"}.get(w, w).replace("_", "-")
                          for w in wrong)
        raise click.UsageError(f"{flags} cannot be used with `add {kind}`")
    if options["roles"]:
        options["roles"] = tuple(dict.fromkeys(role.lower() for role in options["roles"]))
    config = load_config(vault)
    idx, _ = _update(vault, config=config)
    try:
        known = note_named(idx, name)
    finally:
        idx.close()
    path = new_note(vault, config, kind, name, options, today or date.today(), known)
    click.echo(f"wrote {path}")


@cli.group("import")
def import_() -> None:
    """Bring people in from your address book or LinkedIn.

    A contact that matches a person (by email, LinkedIn profile, then exact
    name or alias) only fills the fields that person has no value for; a value
    you wrote is never changed, and a different one is reported as a conflict.
    Other contacts become new person notes. --dry-run shows the plan first.

    \b
    Examples:
      vaultnet import vcard contacts.vcf --dry-run
      vaultnet import linkedin ~/Downloads/Connections.csv
    """


def _import(kind: str, files: tuple[Path, ...], vault: Path, dry_run: bool, today: date | None) -> None:
    from vaultnet.index.read import load_vault, person_names
    from vaultnet.interop.contacts import apply, describe, known_people, plan, read_contacts

    contacts, problems = [], []
    for file in files:
        found, unread = read_contacts(kind, file)
        contacts += found
        problems += unread
    config = load_config(vault)
    day = today or date.today()
    idx, _ = _update(vault, config=config)
    try:
        people = load_vault(idx, config, day, day).people.values()
        steps = plan(contacts, known_people(people, person_names(idx)), config.folders["person"])
    finally:
        idx.close()
    for where, why in problems:
        click.echo(f"skipped {where}: {why}", err=True)
    for step in steps:
        for line in describe(step, dry_run):
            click.echo(line)
    if not dry_run:
        apply(vault, config, steps, day)
    count = {a: sum(1 for s in steps if s.action == a) for a in ("create", "fill", "same")}
    conflicts = sum(len(s.conflicts) for s in steps)
    click.echo(f"{len(contacts)} contacts: {count['create']} new, {count['fill']} filled in, "
               f"{count['same'] + sum(1 for s in steps if s.action == 'conflict')} already known; "
               f"{conflicts} conflict{'' if conflicts == 1 else 's'}, {len(problems)} skipped"
               + (" (dry run: nothing written)" if dry_run else ""), err=True)


_dry_run = click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
_files = click.argument("files", nargs=-1, required=True,
                        type=click.Path(dir_okay=False, exists=True, path_type=Path))


@import_.command("vcard")
@_files
@vault_option
@_dry_run
@today_option
def import_vcard(files: tuple[Path, ...], vault: Path, dry_run: bool, today: date | None) -> None:
    """Import people from vCard files (2.1, 3.0, 4.0).

    Names, email, phone, organisation, job title, birthday (with or without a
    year), LinkedIn URL, categories (as tags) and notes (in a new note's text).
    A card that cannot be read is reported with its file and position and
    skipped; the others are imported.

    \b
    Examples:
      vaultnet import vcard contacts.vcf --dry-run
      vaultnet import vcard ~/Exports/*.vcf --vault ~/vault
    """
    _import("vcard", files, vault, dry_run, today)


@import_.command("linkedin")
@_files
@vault_option
@_dry_run
@today_option
def import_linkedin(files: tuple[Path, ...], vault: Path, dry_run: bool, today: date | None) -> None:
    """Import people from LinkedIn's Connections.csv.

    Get it from LinkedIn: Settings, Data privacy, Get a copy of your data,
    Connections. "Connected On" becomes `met`, URL `linkedin`, Position `title`.

    \b
    Examples:
      vaultnet import linkedin ~/Downloads/Connections.csv --dry-run
    """
    _import("linkedin", files, vault, dry_run, today)


@cli.group()
def export() -> None:
    """Your follow-ups as a calendar, your people as an address book.

    Private people (private: true) and #private items are left out.

    \b
    Examples:
      vaultnet export ics --out ~/vaultnet.ics
      vaultnet export vcard --out people.vcf
    """


def _emit(data: bytes, out: Path | None) -> None:
    from vaultnet.write import atomic_write

    if out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        atomic_write(out, data)
        click.echo(f"wrote {out}", err=True)


_out = click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
                    help="Write to this file [default: standard output].")


@export.command("ics")
@vault_option
@_out
@click.option("--horizon", type=IntervalType(), default="90d", show_default=True,
              help="How far ahead: 30d, 12w, 6m.")
@today_option
def export_ics(vault: Path, out: Path | None, horizon, today: date | None) -> None:
    """Follow-ups, birthdays and promises as all-day events (iCalendar).

    Overdue follow-ups fall on today. Each event keeps its UID from one export
    to the next, so importing the file again updates your calendar instead of
    adding copies.

    \b
    Examples:
      vaultnet export ics --out ~/Calendars/vaultnet.ics --horizon 6m
    """
    from vaultnet.followups import due_items
    from vaultnet.index.read import load_vault
    from vaultnet.interop.calendar import calendar_items, export_calendar

    config = load_config(vault)
    day = today or date.today()
    idx, _ = _update(vault, config=config)
    try:
        people = list(load_vault(idx, config, day, day).people.values())
    finally:
        idx.close()
    until = horizon.after(day)
    items = calendar_items(people, due_items(people, day, until, config), day, until)
    _emit(export_calendar(items, day), out)


@export.command("vcard")
@vault_option
@_out
def export_vcard(vault: Path, out: Path | None) -> None:
    """Your people as vCards (3.0), for a phone or an address book.

    \b
    Examples:
      vaultnet export vcard --out people.vcf
    """
    from vaultnet.index.read import load_vault
    from vaultnet.interop.vcard import export_cards

    config = load_config(vault)
    idx, _ = _update(vault, config=config)
    try:
        people = list(load_vault(idx, config, date.today(), date.today()).people.values())
    finally:
        idx.close()
    _emit(export_cards(people).encode("utf-8"), out)


@cli.command()
@click.argument("query")
@vault_option
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True,
              help="At most this many notes.")
@json_option
def search(query: str, vault: Path, limit: int, as_json: bool) -> None:
    """Find notes by their words, best matches first.

    Each word matches the start of a word in a note's title or text
    ("pipe" finds "pipelines"); titles weigh more. FTS5 syntax works too:
    "a phrase", OR, NOT, title:word.

    \b
    Examples:
      vaultnet search kubernetes migration
      vaultnet search '"design doc" NOT draft' --json | jq -r '.[].path'
    """
    from vaultnet.index.read import search as search_notes

    idx, _ = _update(vault)
    try:
        found = search_notes(idx, query, limit)
    finally:
        idx.close()
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False))
        return
    for hit in found:
        click.echo(f"{hit['path']}  ({hit['type']})")
        if hit["snippet"]:
            click.echo(f"    {hit['snippet']}")
    if not found:
        click.echo(f"No note matches {query!r}.", err=True)


@cli.command()
@vault_option
@today_option
@click.option("--poll", is_flag=True,
              help="Look for changes every second instead of using the operating system's file "
                   "events (network drives, some containers).")
@click.option("--debounce", type=click.IntRange(0, 60_000), default=100, show_default=True,
              metavar="MS", help="Wait until changes stop for this long before a cycle.")
def watch(vault: Path, today: date | None, poll: bool, debounce: int) -> None:
    """Keep the index and the generated pages current while you edit.

    Starts with an index and a report, then after every change re-reads the
    changed notes and rewrites the pages whose content changed: one line per
    cycle on stderr. Edit in any editor, pull with git: a burst of changes is
    one cycle. Ctrl-C (or SIGTERM) stops it. Without --today the pages follow
    the date at midnight.

    \b
    Examples:
      vaultnet watch --vault ~/vault
      vaultnet watch --poll --vault /mnt/nas/vault
    """
    import signal

    from vaultnet.watch import Watcher

    def report(line: str) -> None:
        click.echo(f"{time.strftime('%H:%M:%S')} {line}", err=True)

    def terminate(*_) -> None:
        # As Ctrl-C does: interrupt whatever runs (a long first index too); the
        # index rolls back its transaction and a page write removes its temp file.
        raise KeyboardInterrupt

    watcher = Watcher(vault, today=today, poll=poll, debounce=debounce / 1000, report=report)
    signal.signal(signal.SIGTERM, terminate)
    with suppress(KeyboardInterrupt):  # Ctrl-C: a clean stop, not an error
        watcher.run()
    report("stopped")


def main() -> None:
    cli(prog_name="vaultnet")
