"""Writing notes: log, practice, schedule and add."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import NamedTuple

import click

from vaultnet import clock
from vaultnet.cli.base import (
    AheadType,
    DayType,
    DeadlineType,
    RoleChoice,
    ahead,
    cli,
    echo,
    indexed,
    on_day,
    several_roles,
    several_tags,
    today_option,
    vault_option,
    warn_misnamed_templates,
)
from vaultnet.errors import VaultnetError
from vaultnet.words import shell_quoted


def _complete_names(kind: str):
    """Shell completion of person or skill names from the index as it is (no update)."""

    def complete(ctx: click.Context, param, incomplete: str):
        from vaultnet.discover import find_vault
        from vaultnet.index import index_path
        from vaultnet.index.connection import open_existing
        from vaultnet.index.read import names_starting

        vault = (ctx.params.get("vault") or os.environ.get("VAULTNET_VAULT")
                 or find_vault(Path(".")))
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


_BARE = "vaultnet.bare_duration"
_UNITS = ("h", "hr", "hrs", "hour", "hours", "m", "min", "mins", "minute", "minutes")


def _unit_apart(words: tuple[str, ...]) -> None:
    """``--duration 1 hour`` unquoted: the shell gives ``hour`` to the text, and 1
    would be a minute. Refused, with what to type, when a bare number's unit starts
    or ends the text (where the option stood among the words)."""
    number = click.get_current_context().meta.get(_BARE)
    for unit in {words[0], words[-1]} if number and words else ():
        if unit.lower() in _UNITS:
            hours = unit.lower().startswith("h")
            raise click.UsageError(f"--duration {number} {unit}: as typed, {unit!r} went into "
                                   f"the text{f' and {number} would be minutes' if hours else ''}"
                                   f"; quote it, --duration '{number} {unit}', or write "
                                   f"{number}{'h' if hours else 'm'}")


def _duration(ctx, param, value: str | None) -> str | None:
    from vaultnet.parse.inline import is_duration

    if value is None:
        return None
    if value.strip().isdecimal() and value.strip().isascii() and len(value.strip()) <= 4:
        ctx.meta[_BARE] = value.strip()  # (its unit may have gone into the text: see _unit_apart)
        value = f"{int(value)}m"  # --duration 45: minutes, written so the note reads them
    # An hour and minutes as many write them (`1h30`, `1:30`): in a note `1h30` may be a
    # clock (French 10h30) and counts nothing, but --duration is a length. Written
    # `1h30m`, which the note reads.
    if clock := re.fullmatch(r"\s*(\d{1,2})(?:[ \t]*h[ \t]*|:)([0-5]\d)\s*", value):
        hours, minutes = int(clock[1]), int(clock[2])
        value = (f"{hours}h{minutes}m" if hours and minutes else f"{hours}h" if hours
                 else f"{minutes}m")
    if not is_duration(" ".join(value.split())):
        raise click.BadParameter(f"{value!r} is not a duration; write 45m, 2h, 1.5h, 1h30m "
                                 "or 1 hour")
    return " ".join(value.split())


def _subject(ctx, param, value: str) -> str:
    if not value.strip():
        raise click.BadParameter("no name given; write the title or an alias of the note, e.g. Lena")
    return value


def _words(ctx, param, values: tuple[str, ...]) -> tuple[str, ...]:
    if not " ".join(values).strip():
        raise click.BadParameter("nothing to write; say what happened, e.g. \"coffee: her new team\"")
    return values


class _CaptureCommand(click.Command):
    """`vaultnet log` and `practice`, whose text may be typed as a list item is
    written (``- coffee``), which the command line takes for an option."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        given = list(args)  # Click's parser takes them from the list
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            dashed = next((arg for arg in given if re.match(r"[-*+]\s", arg)), None)
            if dashed is None:
                raise
            if task := _a_task(dashed, self.name or "log"):
                raise click.UsageError(task, ctx) from exc
            raise click.UsageError(
                f"{dashed!r} starts with a dash, which is taken for an option; write it without "
                f"the list's dash, which vaultnet adds: {shell_quoted(dashed[1:].strip())}",
                ctx) from exc


# A task's checkbox at the start (`[ ] send the deck`): a plan, or a promise, not
# what happened.
_TASK = r"\s*(?:[-*+]\s+)?\[([ xX/-])\]\s*"  # (not [1], a footnote's; as text: see words.py)


def _a_task(text: str, command: str) -> str | None:
    """What to say when the text to log is written as a task is in a note."""
    if not (task := re.match(_TASK, text)):
        return None
    if task.group(1) != " ":  # done: what happened, in a box
        return (f"{text!r} is written as a task done; vaultnet {command} writes what "
                f"happened without the box: {shell_quoted(text[task.end():])}")
    whose = ("A promise to them is a task in their note: - [ ] send the deck"
             if command == "log" else "Practice you plan is a task in the skill's note: - [ ] "
             "the concurrency chapter")
    return f"{text!r} is a task; vaultnet {command} writes what happened. {whose} 📅 2026-11-30"


def _leading_day(text: str, day: date | None, subject: str,
                 command: str) -> tuple[date | None, str]:
    """The day and the text of `vaultnet log Ann "2026-11-20 coffee"`: the day the
    text starts with is the day it happened (it was written after today's, and
    counted today); ``day``, from --date, when it starts with none. Both, and
    not the same day: a usage error. The day is read as the parser reads an item's."""
    from vaultnet.parse.inline import item_head, parse_iso

    head = item_head(text)
    if head.date_text is None or head.checkbox is not None:
        return day, text
    written = parse_iso(head.date_text)
    if written is None:
        raise click.UsageError(f"{head.date_text!r} is not a real date; write the day it "
                               "happened as YYYY-MM-DD, or give it with --date")
    rest = head.rest.strip().lstrip(":–—-").strip()  # (`2026-11-20:` says nothing more)
    if day is not None and day != written:
        raise click.UsageError(f"the text starts with {written.isoformat()} and --date gives "
                               f"{day.isoformat()}; give the day once: vaultnet {command} "
                               f"{shell_quoted(subject)} {shell_quoted(rest or '...')} --date "
                               f"{written.isoformat()}")
    if not rest:
        raise click.UsageError(f"nothing to write after {written.isoformat()}; say what happened: "
                               f"vaultnet {command} {shell_quoted(subject)} "
                               f"\"{written.isoformat()} coffee: her new team\"")
    return written, rest


def _capture_command(kind: str, name: str, summary: str, examples: str):
    what = "PERSON" if kind == "person" else "SKILL"

    @click.argument("subject", metavar=what, shell_complete=_complete_names(kind), callback=_subject)
    @click.argument("words", metavar="TEXT...", nargs=-1, required=True, callback=_words)
    @vault_option
    @click.option("--date", "day", type=DayType(), default=None,
                  help="The day it happened: YYYY-MM-DD, yesterday, a weekday (friday or fri: "
                       "the last one), last friday (before today), 3 days ago, nov 20 "
                       "[default: today].")
    @click.option("--duration", callback=_duration, metavar="45m",
                  help="How long it took: 45m, 2h, 1.5h, 1h30m (or 1h30, 1:30), 1 hour (45 "
                       "alone: minutes).")
    @click.option("--tag", "tags", multiple=True, callback=several_tags,
                  help="A tag, without # (repeat it, or give several between commas): gave, "
                       "received, asked, private.")
    @today_option
    def command(subject: str, words: tuple[str, ...], vault: Path, day: date | str | None,
                duration: str | None, tags: tuple[str, ...], today: date | None) -> None:
        from vaultnet.capture import Item, name_and_text, record

        _unit_apart(words)
        if task := _a_task(" ".join(words), name):
            raise click.UsageError(task)
        now = today or clock.today()
        with indexed(vault) as (config, idx, _):
            subject, words = name_and_text(idx, kind, subject, words)  # (a name not quoted)
            if not words:  # `vaultnet log Ann Lee`: the whole name, and nothing to write
                example = "coffee: her new team" if kind == "person" else "kata: error handling"
                raise click.UsageError(f"{subject!r} is a name, and there is nothing to write; "
                                       f"say what happened: vaultnet {name} "
                                       f"{shell_quoted(subject)} \"{example}\"")
            when, text = _leading_day(" ".join(words), on_day(day, now), subject, name)
            item = Item(when or now, text, duration, tags)
            path, line, there = record(vault, idx, config, kind, subject, item)
        if there:  # run twice (the shell's history): a second line would count twice
            raise VaultnetError(f"{path} has this line already: {line}\nNothing was written; "
                                "to add a second one that day, word it differently")
        echo(f"{path}: {line}")
        if item.date > now:  # written as asked; said, in case the year is a typo
            click.echo(f"{item.date.isoformat()} is after today: it is a plan, and counts from "
                       "that day on", err=True)

    loosely = '"nunez" finds Sofía Núñez' if kind == "person" else '"design" finds System Design'
    command.__doc__ = f"""{summary}

    {what} is a title or alias, in any case; the start of one is enough when
    only one {kind} fits, or of any of its words, accents aside, when no name
    starts so ({loosely}; in Chinese or Japanese, any part of a name). Two
    notes of one name: give the folder too
    ({"Globex/Alex Kim" if kind == "person" else "Backend/Testing"}); a file name is a
    name too ("{"Alex Kim" if kind == "person" else "Testing"}.md"). A name of several words
    may go unquoted when the words after it make a whole name with it. The item goes at the end of the
    note's ## {"Log" if kind == "person" else "Practice"} section (without one, where
    the note's dated items are, under another heading; else made at the end), on
    top of one kept newest first, or in its day's place in one kept in order
    when its day is before the latest; in a callout, quoted as its items are;
    nothing else in the note changes.
    Nothing is written where the item would not count (in a comment or code
    block never closed), nor when the note has that very line already (the
    command run twice would count it twice). TEXT is what happened, without a
    list's dash (vaultnet adds it; a day it starts with is the day it happened,
    as --date gives it) and without a task's box: a promise is a
    task written in the note.

    \b
    Examples:
{examples}
    """
    return cli.command(name, cls=_CaptureCommand)(command)


log_command = _capture_command(
    "person", "log", "Add an interaction to a person's note.",
    "      vaultnet log Lena \"coffee: she moved teams\" --duration 45m --tag gave\n"
    "      vaultnet log 'Priya R' sent her the postmortem --date 2026-11-20\n"
    "      vaultnet log nunez \"lunch at the conference\" --date friday")
practice_command = _capture_command(
    "skill", "practice", "Add practice to a skill's note.",
    "      vaultnet practice Go \"concurrency chapter\" --duration 1h\n"
    "      vaultnet practice kube 'cluster upgrade drill' --date yesterday")


class _NameAndDay(NamedTuple):
    """WHEN's words that began with the rest of a name not quoted (``schedule Ann
    Lee 2w``): those words, the day the others name, and what was wrong with all
    of them as a day (said when they are not the rest of a name)."""

    words: tuple[str, ...]
    day: object
    error: click.BadParameter


def _when(ctx: click.Context, param, words: tuple[str, ...]):
    """The words of one day, quoted or not (``in 2 weeks``, ``dec 7``), read
    together. First words that are no day before words that are one may be the
    rest of the name (``schedule Ann Lee 2w``): kept apart, for the name to be
    looked up (see :func:`_named`)."""
    try:
        return AheadType().convert(" ".join(words), param, ctx)
    except click.BadParameter as exc:
        for count in range(1, len(words)):
            if (day := _ahead_or_none(words[count:], param, ctx)) is not None:
                return _NameAndDay(words[:count], day, exc)
        raise


def _ahead_or_none(words: tuple[str, ...], param, ctx: click.Context):
    try:
        return AheadType().convert(" ".join(words), param, ctx)
    except click.BadParameter:
        return None


def _named(index, subject: str, when) -> str:
    """The person's name, with WHEN's first words when they are the rest of it (a
    whole name of a person with it); when they are not, that is said."""
    if not isinstance(when, _NameAndDay):
        return subject
    from vaultnet.index.read import has_name

    longer = " ".join((subject, *when.words))
    if has_name(index, "person", longer):
        return longer
    if " is not a day ahead;" not in when.error.message:
        raise when.error  # what is wrong with the day said as it is ('next friday')
    rest = " ".join(when.words)
    raise click.BadParameter(f"{rest!r} is no day; if it is part of the name, quote the name: "
                             f"vaultnet schedule {shell_quoted(longer)} ...", param_hint="'WHEN'")


@cli.command(short_help="Schedule, or snooze, your next contact with a person.")
@click.argument("subject", metavar="PERSON", shell_complete=_complete_names("person"),
                callback=_subject)
@click.argument("when", metavar="WHEN", nargs=-1, required=True, callback=_when,
                shell_complete=lambda ctx, param, incomplete:
                AheadType().shell_complete(ctx, param, incomplete))
@vault_option
@today_option
def schedule(subject: str, when, vault: Path, today: date | None) -> None:
    """Schedule your next contact with a person, or snooze one that is due.

    Sets the person's `next:` to WHEN, in the note's frontmatter (the `next:`
    there is replaced; nothing else in the note changes). Until then their
    keep-in-touch date waits; on that day they are due as "scheduled".
    Promises, birthdays, milestones, a new contact's `met:` and a referral's
    outcome keep their own dates: what stays due for the person is listed.

    WHEN is a date (YYYY-MM-DD, or dec 7: the next one), tomorrow, a
    weekday (friday or fri: the next one), end of month (eom), or how long
    from today (10d, 2w, 1m, in 2 weeks), its words quoted or not. PERSON is found as by
    `vaultnet log`, its words quoted or not.

    \b
    Examples:
      vaultnet schedule Zoë 2w
      vaultnet schedule "Priya Raman" 2026-12-15
      vaultnet schedule lena in 3 weeks
    """
    from vaultnet.cadence import parse_interval
    from vaultnet.capture import schedule as set_next
    from vaultnet.output import due_table
    from vaultnet.report import follow_ups

    now = today or clock.today()
    day = ahead(when.day if isinstance(when, _NameAndDay) else when, now)
    if day <= now:
        raise click.BadParameter(f"{day.isoformat()} is not after today ({now.isoformat()}); "
                                 "give a day ahead", param_hint="'WHEN'")
    with indexed(vault) as (_, idx, _):
        subject = _named(idx, subject, when)  # (a name of several words not quoted)
        path, was = set_next(vault, idx, subject, day)
    before = "" if was is None else " (unchanged)" if was == day.isoformat() else f" (was {was})"
    echo(f"{path}: next: {day.isoformat()}{before}")
    with indexed(vault, warn_unreadable=False) as (config, idx, _):  # (warned of above)
        horizon = parse_interval(config.horizon, zero=True)
        still = [item for item in follow_ups(idx, config, now, horizon)
                 if item.path == path and item.reason != "scheduled"]
    if still:
        echo(f"Still due (`next:` moves only the keep-in-touch date):\n"
             f"{due_table(still, now, color=False)}")


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


def _aliases_option(ctx, param, values: tuple[str, ...]) -> tuple[str, ...]:
    aliases = tuple(" ".join(value.split()) for value in values)
    if not all(aliases):
        raise click.BadParameter("an alias is empty; give it letters")
    return aliases


_ADD_OPTIONS = {  # which options each kind of note takes
    "person": {"aliases", "roles", "cadence", "met", "met_where", "company", "job_title", "email", "phone",
               "linkedin", "website", "birthday", "tags"},
    "skill": {"aliases", "level", "target", "category", "goal", "cadence"},
    "goal": {"aliases", "target_role", "by", "balance", "skills"},
}


@cli.command()
@click.argument("kind", type=click.Choice(("person", "skill", "goal")), metavar="person|skill|goal")
@click.argument("name", nargs=-1, required=True,  # its words, quoted or not
                callback=lambda ctx, param, words: " ".join(words))
@vault_option
@click.option("--alias", "aliases", multiple=True, callback=_aliases_option,
              help="Another name links may use, e.g. a nickname (repeatable).")
@click.option("--role", "roles", multiple=True, type=RoleChoice(several=True),
              callback=several_roles,
              help="person: mentor, sponsor, peer, colleague, leader, mentee or other "
                   "(repeatable, or several between commas).")
@click.option("--cadence", callback=_cadence_option,
              help="person or skill: how often, e.g. 2w, 1m, quarterly, never.")
@click.option("--met", type=DayType(), help="person: the day you met (YYYY-MM-DD, yesterday, friday).")
@click.option("--where", "met_where", help="person: where you met (with --met).")
@click.option("--company", help="person: where they work.")
@click.option("--title", "job_title", help="person: their job title.")
@click.option("--email", help="person: email address.")
@click.option("--phone", help="person: phone number.")
@click.option("--linkedin", help="person: LinkedIn profile URL.")
@click.option("--website", help="person: another web address of theirs.")
@click.option("--birthday", callback=_birthday_option, help="person: YYYY-MM-DD or MM-DD.")
@click.option("--tag", "tags", multiple=True, callback=several_tags, help="person: a tag (repeatable).")
@click.option("--level", type=click.IntRange(0, 5), help="skill: your level now, 0-5.")
@click.option("--target", type=click.IntRange(0, 5), help="skill: the level you want, 0-5.")
@click.option("--category", help="skill: a category, e.g. programming.")
@click.option("--goal", help="skill: the goal it serves (a goal's name).")
@click.option("--target-role", "target_role", help="goal: the role you are aiming for.")
@click.option("--by", type=DeadlineType(), help="goal: by when (YYYY-MM-DD).")
@click.option("--balance", type=click.IntRange(0, 100),
              help="goal: percent of your time for skills (default 50).")
@click.option("--skill", "skills", multiple=True, help="goal: a skill it needs (repeatable).")
@today_option
def add(kind: str, name: str, vault: Path, today: date | None, **options) -> None:
    """Add a person, skill or goal note from a template.

    The note goes into the folder for its kind (People/, Skills/, Goals/ by
    default) and is never written over an existing one. Characters that file
    systems or Obsidian links cannot take are left out of the file name; the
    name as given is then kept in `aliases`. A name of several words needs no
    quotes (vaultnet add person Sofía Núñez); a path, as the shell completes
    one, gives its name (People/Bo Li.md: Bo Li). The templates can be changed:
    copy templates/person.md (skill.md, goal.md) to .vaultnet/templates/; the
    options still go into the note's frontmatter where a template of your own
    gives a key no value.

    \b
    Examples:
      vaultnet add person "Sofía Núñez" --role peer --met 2026-11-20 --where "KubeCon"
      vaultnet add person "Robert Smith" --alias Bob --role mentor
      vaultnet add skill Rust --level 1 --target 3 --category programming
      vaultnet add goal "Staff Engineer" --target-role "Staff Engineer" --by 2027-06-30
    """
    from vaultnet.create import name_meant, new_note
    from vaultnet.index.read import note_named

    given = {key for key, value in options.items() if value not in (None, ())}
    wrong = sorted(given - _ADD_OPTIONS[kind])
    if wrong:
        flags = ", ".join("--" + {"roles": "role", "met_where": "where", "job_title": "title",
                                  "tags": "tag", "skills": "skill"}.get(w, w).replace("_", "-")
                          for w in wrong)
        raise click.UsageError(f"{flags} cannot be used with `add {kind}`")
    options["met"] = on_day(options["met"], today or clock.today())
    with indexed(vault) as (config, idx, _):
        name = name_meant(name, config.folders[kind])
        known = note_named(idx, name)
        taken = [(alias, note_named(idx, alias)) for alias in options["aliases"]]
        unwritten = [skill for skill in options.get("skills") or () if not note_named(idx, skill)]
    for alias, other in taken:
        if other:
            raise VaultnetError(f"{other} already answers to {alias!r}; give another alias, so "
                                f"that [[{alias}]] links one note")
    path = new_note(vault, config, kind, name, options, today or clock.today(), known)
    echo(f"wrote {path}")
    warn_misnamed_templates(vault)
    for skill in unwritten:  # the goal measures a skill by its note's level
        echo(f"{skill} has no note yet, so the goal counts it at level 0; add one: vaultnet add "
             f"skill {shell_quoted(skill)} --level 1", err=True)
    if (kind == "person" and not options["roles"] and not options["cadence"]
            and not config.reminds_without_role):
        echo(f"{name.strip()} has no role or cadence, so nothing will remind you to keep in touch; "
             "add `role:` or `cadence:` to the note when you know them.", err=True)
