"""Setting up a vault and keeping its index: init, index, check, search."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from vaultnet import clock
from vaultnet.cli.base import (
    HomePath,
    cli,
    color,
    echo,
    echo_json,
    given_vault,
    indexed,
    json_option,
    today_option,
    vault_option,
)
from vaultnet.index import SyncResult
from vaultnet.words import clipped, count, shell_quoted, shown


@cli.command(short_help="Set up a vault: settings and a .gitignore for the index.")
@click.argument("path", type=HomePath(file_okay=False, path_type=Path), default=".",
                callback=lambda ctx, param, value: given_vault(ctx, param) or value)
def init(path: Path) -> None:
    """Set up a vault: write .vaultnet/config.toml and .vaultnet/.gitignore.

    A missing folder is created. The config spells out every default with a
    comment; an existing config is never overwritten. The index
    (.vaultnet/index.sqlite) is kept out of git.

    \b
    Example:
      vaultnet init ~/Documents/vault
    """
    from vaultnet.scaffold import init_vault

    for written in init_vault(path):
        click.echo(f"wrote {written}")
    where = "" if path == Path(".") else f" --vault {shell_quoted(str(path))}"
    if next(path.rglob("*.md"), None) is None:  # a new vault: its first note
        click.echo("No notes here yet. Add someone you want to keep in touch with, then see "
                   f"who is due:\n  vaultnet add person Ann Lee --role mentor{where}\n"
                   f"  vaultnet due{where}")
        return
    click.echo(f"Next, what vaultnet reads of the notes, and who is due:\n"
               f"  vaultnet check{where}\n  vaultnet due{where}")


@cli.command(short_help="Bring the index up to date with the vault.")
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
    with indexed(vault, full) as (config, idx, result):
        counts = idx.counts(today or clock.today(), config.daily_folders, config.daily_formats)
    if as_json:
        echo_json(json.dumps(counts))
        return
    click.echo(_summary(result, counts))


def _summary(result: SyncResult, counts: dict[str, int]) -> str:
    read = "rebuilt" if result.rebuilt else f"{len(result.parsed)} read, {len(result.removed)} removed"
    text = (f"Indexed {count(counts['notes'], 'note')} in {result.seconds:.2f} s ({read}): "
            f"{count(counts['people'], 'person', 'people')}, {count(counts['skills'], 'skill')}, "
            f"{count(counts['goals'], 'goal')}, {count(counts['interactions'], 'interaction')}, "
            f"{counts['practice']} practice, {count(counts['commitments'], 'open commitment')}.")
    if counts["errors"]:
        text += f" {count(counts['errors'], 'problem')}: run `vaultnet check`."
    return text


@cli.command()
@vault_option
@json_option
@today_option
@click.pass_context
def check(ctx: click.Context, vault: Path, as_json: bool, today: date | None) -> None:
    """List every problem in the vault, with file, line and what to do.

    Notes that cannot be read, broken YAML, unknown roles (and a person's role
    in a note that is no person's), cadences and dates that cannot be read
    (with the form to write, for Nov 20, 2026), two notes claiming one title
    or alias (one of them a person's, skill's or goal's), frontmatter
    links to missing notes, keys that look like a slip for one vaultnet reads
    (cadance:, e-mail:) or that a note writes twice, notes in Obsidian's daily
    notes folder, or named with a day and more (2026-11-18 Ann 1-1.md) or with
    a week (2026-W47.md), that are not dated but link people, dated links to a name no note has when a
    person or skill has one like it ([[Ana]] for Ana Silva),
    people's or skills' notes or aliases named as a page vaultnet writes
    (People/Balance.md), the copies a sync service keeps of a note changed on
    two devices (Ann Lee (Conflicted copy MyMacBook 202611201430).md) or one
    named as a copy of another (Ann Lee 2.md, Ann Lee (1).md), merge
    conflicts git left in a note (<<<<<<< HEAD), Dataview fields for a property
    (role:: mentor), and pages vaultnet will not write over, as someone wrote
    between their markers. A note named with a day after --today (default:
    today) is a plan, and named for nothing.
    Exits with status 1 when there is any problem.

    \b
    Examples:
      vaultnet check --vault ~/vault
      vaultnet check --json | jq -r '.[].path' | sort -u
    """
    from vaultnet.model import Problem
    from vaultnet.report import edited_pages

    today = today or clock.today()
    with indexed(vault, warn_unreadable=False) as (config, idx, result):
        problems = idx.problems(config.daily_folders, config.daily_formats, today)
        # A note read before keeps what it said then (iCloud took it off the Mac,
        # a link lost its target): the index still counts it.
        known = idx.note_stats(path for path, _ in result.unreadable) if result.unreadable else {}
        seen = idx.note_count() + len(result.unreadable) - len(known)
    # Notes the index could not take in (named in no warning here), and pages the
    # next report will not write.
    kept, left = "what it said when last read counts", "left out"
    more = [Problem(path, 1, f"{kept if path in known else left}, as it cannot be read: {why}")
            for path, why in result.unreadable]
    more += [Problem(*page) for page in edited_pages(vault, config, today)]
    if more:
        problems = sorted(problems + more, key=lambda p: (p.path, p.line))
    if as_json:
        echo_json(json.dumps([{"path": p.path, "line": p.line, "message": p.message}
                              for p in problems], ensure_ascii=False))
    else:
        for problem in problems:
            echo(f"{shown(problem.path)}:{problem.line}: {problem.message}")
        notes = len({p.path for p in problems})
        if problems:
            click.echo(f"{count(len(problems), 'problem')} in {notes} of {count(seen, 'note')}.",
                       err=True)
        else:
            click.echo(f"No problems in {count(seen, 'note')}.", err=True)
    if problems:
        ctx.exit(1)


def _words_to_find(ctx, param, words: tuple[str, ...]) -> str:
    query = " ".join(words)
    if not query.strip():
        raise click.BadParameter('give a word to look for, e.g. vaultnet search kubernetes')
    return query


class _SearchCommand(click.Command):
    """`vaultnet search`, whose words may be left out as web searches leave them
    out, with a minus: unquoted, the shell hands ``-draft`` over as an option."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        given = list(args)  # Click's parser takes them from the list
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            minus = next((a for a in given if exc.option_name[1:] in a[1:] and len(a) > 2
                          and a[0] == "-" != a[1]), None)  # -hiring: '-i' is the unknown
            if minus is None:
                raise
            words, value = [], False
            for arg in given:
                if not value and (not arg.startswith("-") or len(arg) > 2 and arg[1] != "-"):
                    words += arg.split()
                value = arg in ("--vault", "--limit")
            # The words to find first: quoted, a query that starts with a minus is
            # still taken for an option.
            words.sort(key=lambda word: word.startswith("-"))
            left_out = minus.split()[0][1:]
            raise click.UsageError(
                f"No such option: {minus}. To leave out the notes with {left_out!r}, put the "
                f"words in quotes: vaultnet search {shell_quoted(' '.join(words))}", ctx) from exc


@cli.command(cls=_SearchCommand)
@click.argument("query", metavar="QUERY...", nargs=-1, required=True, callback=_words_to_find)
@vault_option
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True,
              help="At most this many notes.")
@json_option
def search(query: str, vault: Path, limit: int, as_json: bool) -> None:
    """Find notes by their words, best matches first.

    Each word matches the start of a word in a note's title or text
    ("pipe" finds "pipelines"); titles weigh more. A word in a script written
    without spaces (Chinese, Japanese, Thai) matches anywhere. A word with a sign, C++,
    C# or #gave, is found as typed. A word with a minus before it is left
    out: 'design -draft'. FTS5 syntax works too: "a phrase", OR,
    NOT, title:word. Words that find nothing get the closest words the notes
    have, as a question.

    \b
    Examples:
      vaultnet search kubernetes migration
      vaultnet search 'migration -kubernetes'
      vaultnet search '"design doc" NOT draft' --json | jq -r '.[].path'
    """
    from vaultnet.index.search import search as search_notes
    from vaultnet.index.search import spelled_like
    from vaultnet.output import search_json, search_text, terminal_width

    with indexed(vault) as (config, idx, _):
        found = search_notes(idx, query, limit)
        meant = None if found or as_json else spelled_like(idx, query)
    if as_json:
        echo_json(json.dumps(search_json(found), ensure_ascii=False))
        return
    if found:
        import sys

        # Wrapped to a terminal; one line a snippet when piped (grep, a file).
        width = terminal_width() if sys.stdout.isatty() else None
        click.echo(search_text(found, color(), width))
    else:
        also = f"; did you mean {clipped(meant)}?" if meant else "."
        echo(f"No note matches {clipped(query)}{also}", err=True)
