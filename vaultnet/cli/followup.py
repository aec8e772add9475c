"""What to do next: due, balance, report and watch."""

from __future__ import annotations

import json
import time
from contextlib import suppress
from datetime import date
from pathlib import Path

import click

from vaultnet import clock
from vaultnet.cli.base import (
    IntervalType,
    RoleChoice,
    answered,
    cli,
    color,
    echo,
    echo_json,
    indexed,
    json_option,
    several_roles,
    several_tags,
    today_option,
    vault_option,
    warn_misnamed_templates,
)


@cli.command()
@vault_option
@click.option("--horizon", type=IntervalType(zero=True), default=None,
              help="List what is due up to this far ahead: 7d, 2w, 1m; 0d for what is due "
                   "today or overdue [default: 7d, or the config's].")
@click.option("--role", "roles", multiple=True, type=RoleChoice(several=True),
              callback=several_roles,
              help="Only people with this role; repeat it (or mentor,sponsor) for any of several.")
@click.option("--tag", "tags", multiple=True, callback=several_tags,
              help="Only people with this tag (in their `tags:`); repeat it (or work,oncall) "
                   "for any of several.")
@json_option
@today_option
def due(vault: Path, horizon, roles: tuple[str, ...], tags: tuple[str, ...], as_json: bool,
        today: date | None) -> None:
    """Who to get in touch with, and why: overdue first.

    Reasons: cadence, scheduled (next:), new-contact, milestone, birthday,
    commitment, referral-outcome. The JSON is sorted by due date, person, reason.

    \b
    Examples:
      vaultnet due --vault ~/vault
      vaultnet due --horizon 2w --role mentor --role sponsor
      vaultnet due --json | jq -r '.[] | select(.days_overdue > 0) | .person'
    """
    from vaultnet.cadence import parse_interval
    from vaultnet.output import due_json, due_table, never_reminded_text, no_one_tagged, no_people
    from vaultnet.report import follow_ups, never_reminded

    today = today or clock.today()
    in_color = color()

    def answer(config, idx) -> tuple[str, str]:  # what to print, made while the vault is checked
        until = horizon or parse_interval(config.horizon, zero=True)
        items = follow_ups(idx, config, today, until, roles, tags, paths=as_json)  # the table has none
        if as_json:
            return json.dumps(due_json(items, today), ensure_ascii=False), ""
        # A tag no person has is a slip (or a tag of notes, not people): said, not left
        # to look like "nothing due"; beside what the other tags found, on stderr.
        known = idx.people_tags() if tags else set()
        unknown = "\n".join(no_one_tagged(tag.lower(), known)
                            for tag in tags if tag.lower() not in known)
        if not items:
            if not idx.has_people():
                return no_people(config.folders["person"], idx.linked_from_days()), ""
            if unknown:
                return unknown, ""
            unsorted = [] if roles or tags else [name for _, name in never_reminded(idx, config)]
            if unsorted:  # when asked of everyone: who never is, and why
                return f"{due_table(items, today, in_color)}\n{never_reminded_text(unsorted)}", ""
        return due_table(items, today, color=in_color), unknown

    text, aside = answered(vault, answer)
    if aside:
        click.echo(aside, err=True)
    (echo_json if as_json else click.echo)(text)


@cli.command(short_help="Time on skills vs. relationships, and each goal's gaps.")
@vault_option
@click.option("--window", type=IntervalType(), default=None,
              help="The days ending today to look at: 28d, 4w, 3m [default: 28d, or the config's].")
@json_option
@today_option
def balance(vault: Path, window, as_json: bool, today: date | None) -> None:
    """Time on skills vs. relationships, week by week, and what each goal lacks.

    Practice of a skill is time on skills (also shown per skill category); an
    interaction with a person is time on relationships. Per goal: skills below
    their target level (and who could help) and roles with too few active
    relationships. Also who you only take from.

    \b
    Examples:
      vaultnet balance --vault ~/vault
      vaultnet balance --window 3m --json | jq .skills_share
    """
    from vaultnet.cadence import parse_interval
    from vaultnet.output import balance_json, balance_text
    from vaultnet.report import balance_over

    with indexed(vault) as (config, idx, _):
        result = balance_over(idx, config, today or clock.today(), window or parse_interval(config.window))
    if as_json:
        echo_json(json.dumps(balance_json(result), ensure_ascii=False))
    else:
        echo(balance_text(result))


@cli.command(short_help="Write Follow-ups.md, Balance.md and the weekly review.")
@vault_option
@today_option
@click.pass_context
def report(ctx: click.Context, vault: Path, today: date | None) -> None:
    """Write Follow-ups.md, Balance.md and this week's review into the vault.

    Only the text between <!-- vaultnet:begin --> and <!-- vaultnet:end --> (each
    at the start of a line) is vaultnet's: anything you write outside the
    markers (the review's ## Reflection, for one) is kept. Unchanged pages are
    not rewritten, a page of yours without the markers is never overwritten,
    nor one where someone wrote between them (its checksum line says so), and
    past weeks' reviews are left alone. Run again before anything changed, it finds the pages as
    it left them at once. Exits with status 1 when a page could not be written.

    \b
    Examples:
      vaultnet report --vault ~/vault
      vaultnet report --today 2026-11-23     # pages as of that day
    """
    from vaultnet.report import pages_left_behind, write_report

    with indexed(vault) as (config, idx, _):
        results = write_report(vault, idx, config, today or clock.today())
        behind = pages_left_behind(idx, config)
    warn_misnamed_templates(vault)
    for path in behind:
        echo(f"vaultnet: {path} is a page vaultnet wrote where its settings no longer put "
             f"pages ({config.follow_ups_page} and {config.balance_page} now, [output] in "
             ".vaultnet/config.toml), so it is never written again; delete it once you have "
             "kept what you wrote outside its markers", err=True)
    for page in results:
        if page.status != "refused":
            echo(f"{page.status:9} {page.path}")
    if any(page.status == "refused" for page in results):
        ctx.exit(1)


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
    cycle on stderr, and a line for each problem in a note just saved (a typo
    in a person's YAML, an unknown role), as `vaultnet check` says it. Edit in
    any editor, pull with git: a burst of changes is one cycle. Ctrl-C (or
    SIGTERM) stops it. Without --today the pages follow the date at midnight.

    \b
    Examples:
      vaultnet watch --vault ~/vault
      vaultnet watch --poll --vault /mnt/nas/vault
    """
    from vaultnet.watch import Watcher

    def report(lines: str) -> None:
        stamp = time.strftime("%H:%M:%S")
        for line in lines.split("\n"):
            echo(f"{stamp} {line}", err=True)

    warn_misnamed_templates(vault)
    watcher = Watcher(vault, today=today, poll=poll, debounce=debounce / 1000, report=report)
    # Ctrl-C, or SIGTERM (which vaultnet's main turns into the same interrupt):
    # a clean stop, not an error.
    with suppress(KeyboardInterrupt):
        watcher.run()
    report("stopped")
