"""People in and out: import vcard|linkedin, export ics|vcard."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from vaultnet import clock
from vaultnet.cli.base import (
    HomePath,
    IntervalType,
    MeantGroup,
    cli,
    echo,
    indexed,
    today_option,
    vault_option,
)
from vaultnet.words import count


@cli.group("import", cls=MeantGroup)
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


def _import(kind: str, files: tuple[Path, ...], vault: Path, dry_run: bool, today: date | None,
            met_within=None) -> None:
    from vaultnet.interop.contacts import describe, import_files

    day = today or clock.today()
    since = met_within.window_ending(day) if met_within is not None else None
    with indexed(vault) as (config, idx, _):
        done = import_files(vault, idx, config, kind, list(files), day, dry_run, since)
    for where, why in done.skipped:
        echo(f"skipped {where}: {why}", err=True)
    for step in done.steps:
        for line in describe(step, dry_run):
            echo(line)
    click.echo(done.summary(dry_run), err=True)
    days = config.new_contact_days
    new, filled = done.due_as_new(day, days)
    if due := new + filled:
        why = f"(`met:` {count(days, 'day')} ago or more, no interaction since)"
        as_new = "as a new contact" if due == 1 else "as new contacts"
        who = (count(due, "new person", "new people") if not filled
               else f"{count(due, 'person', 'people')} ({new} new, {filled} filled in)")
        within = "`--met-within 30d` gives `met:` to the last 30 days' connections only"
        if dry_run:
            said = f"{who} would be due at once {as_new} {why}"
            said += f"; {within}." if kind == "linkedin" and met_within is None else "."
        else:
            said = (f"{who} {'is' if due == 1 else 'are'} due now {as_new} {why}: log an "
                    "interaction with those you get in touch with, and remove `met:` from the "
                    "others.")
            if kind == "linkedin" and met_within is None and not filled:
                said += f" Or delete the new notes and import again: {within}."
        click.echo(said, err=True)
    if (not dry_run and not config.reminds_without_role
            and any(step.action == "create" for step in done.steps)):
        after = " after that first follow-up" if due else ""
        click.echo("New people get no role or cadence, so nothing reminds you to keep in touch "
                   f"with them{after}: give `role:` or `cadence:` to those you want to keep up "
                   "with.", err=True)


_dry_run = click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
_files = click.argument("files", nargs=-1, required=True,
                        type=HomePath(dir_okay=False, exists=True, path_type=Path))


@import_.command("vcard")
@_files
@vault_option
@_dry_run
@today_option
def import_vcard(files: tuple[Path, ...], vault: Path, dry_run: bool, today: date | None) -> None:
    """Import people from vCard files, or a ZIP archive of them.

    vCard 2.1, 3.0 and 4.0; a ZIP archive (Google Takeout's contacts, as
    downloaded) gives the cards of every .vcf in it.

    Names, nicknames (as aliases), email, phone, organisation, job title,
    birthday (with or without a year), LinkedIn URL or social profile, categories (as tags) and
    notes (in a new note's text, with the card's other emails, phones and web
    addresses). A card that cannot be read is reported with its file and
    position and skipped; the others are imported.

    \b
    Examples:
      vaultnet import vcard contacts.vcf --dry-run
      vaultnet import vcard ~/Exports/*.vcf --vault ~/vault
      vaultnet import vcard ~/Downloads/takeout-20261203T101010Z-001.zip
    """
    _import("vcard", files, vault, dry_run, today)


@import_.command("linkedin")
@_files
@vault_option
@_dry_run
@click.option("--met-within", type=IntervalType(), default=None, metavar="INTERVAL",
              help="Only connections made this recently (30d, 3m) get `met`: an older one's "
                   "date goes into the new note's text, so that it does not come due as a new "
                   "contact [default: every connection gets `met`].")
@today_option
def import_linkedin(files: tuple[Path, ...], vault: Path, dry_run: bool, met_within,
                    today: date | None) -> None:
    """Import people from LinkedIn's Connections.csv.

    Get it from LinkedIn: Settings, Data privacy, Get a copy of your data,
    Connections. The ZIP archive it downloads will do as it is.
    "Connected On" becomes `met`, URL `linkedin`, Position `title`.
    Everyone with `met` and no interaction since is due as a new contact: for
    years of connections, --met-within 30d keeps that to the recent ones.

    \b
    Examples:
      vaultnet import linkedin ~/Downloads/Basic_LinkedInDataExport_12-03-2026.zip --dry-run
      vaultnet import linkedin Connections.csv --met-within 30d
    """
    _import("linkedin", files, vault, dry_run, today, met_within)


@cli.group(cls=MeantGroup)
def export() -> None:
    """Your follow-ups as a calendar, your people as an address book.

    Private people (private: true) and #private items are left out.

    \b
    Examples:
      vaultnet export ics --out ~/vaultnet.ics
      vaultnet export vcard --out people.vcf
    """


def _emit(data: bytes, out: Path | None, holds: str) -> None:
    """``data`` to ``out`` (saying what it ``holds``: "27 events") or to stdout."""
    from vaultnet.write import atomic_write

    if out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        atomic_write(out, data)
        echo(f"wrote {holds} to {out}", err=True)


def _existing_folder(ctx, param, value: str | None) -> Path | None:
    """A misspelt folder in --out is an error, not a new folder made silently.
    ``-`` is standard output, as for most tools (a file of that name: ``./-``)."""
    if value is None or value == "-":
        return None
    out = Path(value)
    if not out.absolute().parent.is_dir():
        raise click.BadParameter(f"{out.parent}: no such folder; create it first, or write "
                                 "the file somewhere else")
    return out


_out = click.option("--out", type=HomePath(dir_okay=False, allow_dash=True),
                    callback=_existing_folder,
                    help="Write to this file, in a folder that exists; - for standard output "
                         "[default: standard output].")


@export.command("ics")
@vault_option
@_out
@click.option("--horizon", type=IntervalType(zero=True), default="90d", show_default=True,
              help="How far ahead: 30d, 12w, 6m; 0d for today alone.")
@today_option
def export_ics(vault: Path, out: Path | None, horizon, today: date | None) -> None:
    """Follow-ups, birthdays and promises as all-day events (iCalendar).

    Overdue follow-ups fall on today. Each event keeps its UID from one export
    to the next, so importing the file again updates your calendar instead of
    adding copies. In an Obsidian vault, an event's link opens the person's
    note in Obsidian.

    \b
    Examples:
      vaultnet export ics --out ~/Calendars/vaultnet.ics --horizon 6m
    """
    from vaultnet.interop.calendar import calendar_for

    day = today or clock.today()
    with indexed(vault) as (config, idx, _):
        data = calendar_for(vault, idx, config, day, horizon.after(day))
    _emit(data, out, count(data.count(b"BEGIN:VEVENT"), "event"))


@export.command("vcard")
@vault_option
@_out
def export_vcard(vault: Path, out: Path | None) -> None:
    """Your people as vCards (3.0), for a phone or an address book.

    \b
    Examples:
      vaultnet export vcard --out people.vcf
    """
    from vaultnet.interop.vcard import address_book

    with indexed(vault) as (config, idx, _):
        cards = address_book(idx, config, clock.today())
    _emit(cards.encode("utf-8"), out, count(cards.count("BEGIN:VCARD"), "person", "people"))
