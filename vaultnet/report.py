"""The core of `due`, `balance` and `report`: index -> compute -> render -> write.

Each function takes an up-to-date index and returns results; the CLI prints
them. Nothing here knows SQL (``vaultnet.index.read`` does) or how a page is
laid out (the templates do).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from vaultnet import clock
from vaultnet.cadence import Interval, parse_interval
from vaultnet.config import Config, outside_vault
from vaultnet.errors import ConfigError
from vaultnet.index import kept
from vaultnet.index.kept import Due
from vaultnet.index.store import Index

if TYPE_CHECKING:  # imported where used: `due` reads kept follow-ups and needs none of them
    from vaultnet.balance import Balance
    from vaultnet.domain import Vault
    from vaultnet.followups import FollowUp

log = logging.getLogger(__name__)


def follow_ups(index: Index, config: Config, today: date, horizon: Interval,
               roles: Iterable[str] = (), tags: Iterable[str] = (),
               paths: bool = True) -> list[Due]:
    """Everything due up to ``today + horizon`` (SPEC 3), for people with any of
    ``roles`` and any of ``tags`` when given (with their notes' paths unless
    ``paths`` is false)."""
    keep_follow_ups(index, config, today)
    return kept.follow_ups_due(index, horizon.after(today), roles, tags, paths)


def keep_follow_ups(index: Index, config: Config, today: date) -> None:
    """Bring the follow-ups the index keeps up to date for ``today``.

    They are kept per person, for as many days as they stay the same
    (``followups.unchanged_until``): only the people whose notes, events or
    promises changed since, or whose follow-ups change with the day (a birthday
    or a milestone coming into or going out of its window), are computed again;
    everyone under other settings or another version of vaultnet. Reading,
    computing and keeping happen in one transaction, so that no other process's
    update comes between.
    """
    from vaultnet import __version__

    key = f"{__version__} {config.follow_ups_fingerprint()}"
    if kept.follow_ups_kept(index, key, today):
        return  # the usual case: nothing to write, no lock to take, no rule to import
    from vaultnet.followups import follow_ups as rules
    from vaultnet.followups import unchanged_until
    from vaultnet.index.read import load_people, skill_paths

    with index.transaction():
        index.refresh_contacts(today)  # a new day: forgets the people with events since
        everyone = index.meta("followups_key") != key
        paths = None if everyone else kept.people_to_follow_up(index, today)
        people = load_people(index, config, skill_paths(index), paths) if paths != set() else {}
        rows = [(path, seq, item.reason, item.due.isoformat(), item.detail)
                for path, person in people.items()
                for seq, item in enumerate(rules(person, today, config))]
        held = [(path, today, unchanged_until(person, today, config))
                for path, person in people.items()]
        kept.keep_follow_ups(index, key, today, held, rows, everyone)


def never_reminded(index: Index, config: Config) -> list[tuple[str, str]]:
    """The people nothing reminds you to keep in touch with because their notes
    say nothing of it: no role (which counts as other, ``never`` by default) and no
    cadence: (path, name) of each. A role or cadence given, ``cadence: never``
    among them, is a choice; a person's items that are due say it elsewhere."""
    if config.reminds_without_role:
        return []
    return index.people_without_role_or_cadence()


def balance_over(index: Index, config: Config, today: date, window: Interval) -> Balance:
    """The balance over the window that ends today, inclusive (SPEC 4)."""
    from vaultnet.balance import balance
    from vaultnet.index.read import load_vault

    start = window.window_ending(today)
    return balance(load_vault(index, config, today, start), start)


@dataclass(frozen=True, slots=True)
class PageResult:
    path: str  # vault-relative
    status: str  # created | updated | unchanged | kept | refused
    message: str = ""
    digest: str | None = None  # of the page's bytes as written or found unchanged


def edited_pages(vault_path: Path, config: Config, today: date) -> list[tuple[str, int, str]]:
    """(path, line, what to do) of each page the next report would not write, as
    someone wrote between its markers, or a second begin marker: `vaultnet check`
    lists them. A past week's review is history, never written again."""
    from vaultnet.write import page_problem

    targets = _page_paths(vault_path, config.pages_of(today))
    return [(rel, *problem) for rel, path in targets if (problem := page_problem(path))]


def _page_paths(vault: Path, pages: dict[str, str]) -> list[tuple[str, Path]]:
    """``{setting: configured path}`` -> (vault-relative path, absolute path) of each
    page: ``.md`` paths inside the vault (``./x.md`` is ``x.md``), each its own."""
    found: dict[str, str] = {}  # case-folded path -> setting: Follow-ups.md is follow-ups.md on macOS
    paths = []
    for setting, rel in pages.items():
        path = PurePosixPath(rel)
        if outside_vault(rel) or not rel.endswith(".md"):  # checked with the settings too
            raise ConfigError(f".vaultnet/config.toml: output.{setting} = {rel!r} must be a .md "
                              "path inside the vault, e.g. \"Follow-ups.md\"")
        if path.as_posix().casefold() in found:
            other = found[path.as_posix().casefold()]
            raise ConfigError(f".vaultnet/config.toml: output.{other} and output.{setting} both "
                              f"name {path.as_posix()!r}; give each page its own path")
        found[path.as_posix().casefold()] = setting
        paths.append((path.as_posix(), vault.joinpath(*path.parts)))
    return paths


@dataclass
class Changes:
    """What a sync changed, for a :class:`Snapshot` to reload only that."""

    subjects: set[str]  # people and skills whose events or promises changed
    parsed: set[str]  # notes read again
    removed: set[str]  # notes gone
    everything: bool = False  # a rebuild, or links that may now mean other notes


class Snapshot:
    """The vault as the pages see it, kept between the cycles of a watcher.

    After a change only the people it touched are loaded again, and only their
    follow-ups computed again; the activities written in the changed notes, and
    in the notes of the people touched, are swapped. When links may have moved (a
    note added, removed or renamed, an alias changed) or the day changed,
    everything is loaded again.
    """

    def __init__(self, config: Config) -> None:
        self.config = config
        self.vault: Vault | None = None
        self._follow_ups: dict[str, list[FollowUp]] = {}

    def load(self, index: Index, today: date, since: date, changes: Changes | None = None) -> Vault:
        from vaultnet.domain import Vault
        from vaultnet.index.read import (
            ensure_day,
            load_activities,
            load_goals,
            load_people,
            load_skills,
            load_vault,
            skill_paths,
        )

        old = self.vault
        if (changes is None or changes.everything or old is None or old.today != today
                or old.since != since):
            self.vault = load_vault(index, self.config, today, since)
            self._follow_ups = {}
            return self.vault
        ensure_day(index, today)
        skill_keys = skill_paths(index)
        touched = changes.subjects | changes.parsed | changes.removed
        people = {p: person for p, person in old.people.items() if p not in touched}
        people.update(load_people(index, self.config, skill_keys, touched))
        # The activities written in the notes read again, and in the notes of the
        # people whose events changed: a person's `last_contact:` counts or not as
        # another note has an interaction that day or not (``events.twin``).
        written = changes.parsed | (changes.subjects - changes.removed)
        activities = [a for a in old.activities
                      if a.source not in written and a.source not in changes.removed]
        activities += load_activities(index, since, today, written)
        activities.sort(key=lambda a: (a.date, a.source, a.line, a.subject))
        for path in touched:
            self._follow_ups.pop(path, None)
        self.vault = Vault(today, since, dict(sorted(people.items())), load_skills(index),
                           load_goals(index, skill_keys), activities)
        return self.vault

    def due(self, until: date) -> list[FollowUp]:
        """What :func:`due_items` gives, computing again only for the people who changed."""
        from vaultnet.followups import due_items
        from vaultnet.followups import follow_ups as rules

        cache = self._follow_ups

        def cached(person, today, config):
            if person.path not in cache:
                cache[person.path] = rules(person, today, config)
            return cache[person.path]

        vault = self.vault
        return due_items(vault.people.values(), vault.today, until, self.config, cached)


def write_report(vault_path: Path, index: Index, config: Config, today: date,
                 real_today: date | None = None, env=None, snapshot: Snapshot | None = None,
                 changes: Changes | None = None) -> list[PageResult]:
    """Write Follow-ups.md, Balance.md and this week's review (SPEC 4).

    A review of a week that ended before ``real_today`` (the clock's date) is
    history and is left as it is when it exists. A watcher passes what it keeps
    between cycles: ``env``, a Jinja2 environment from ``render.environment``
    (templates compiled once), and a :class:`Snapshot` with the ``changes``.
    Without one, pages that stand as the last report left them, made of the same
    (:func:`_record_key`), are found so and not computed again."""
    real_today = real_today or clock.today()
    monday, sunday, _ = clock.review_week(today)
    targets = _page_paths(vault_path, config.pages_of(today))
    record = None
    if snapshot is None:  # (a watcher knows what changed, and writes what did)
        record = _record_key(vault_path, index, config, today, real_today)
        if record is not None and (standing := _pages_standing(index, record, targets)):
            return standing
    from vaultnet.balance import balance
    from vaultnet.pages import balance_context, follow_ups_context, review_context, review_since
    from vaultnet.render import MarkdownLinks, environment, render_page
    from vaultnet.write import PageRefused, write_page

    start = parse_interval(config.window).window_ending(today)
    snapshot = snapshot or Snapshot(config)
    vault: Vault = snapshot.load(index, today, min(start, review_since(today)), changes)
    until = parse_interval(config.horizon, zero=True).after(today)
    next_sunday = sunday + timedelta(days=7)
    items = snapshot.due(max(until, next_sunday))
    # Each page's data is computed just before it is written: Follow-ups.md, the
    # page a person waits for after a save, goes first.
    result = functools.cache(lambda: balance(vault, start))
    pages = [
        ("follow-ups.md",
         lambda: follow_ups_context(vault, [i for i in items if i.due <= until], until, config,
                                    lambda: never_reminded(index, config))),
        ("balance.md", lambda: balance_context(vault, result(), config)),
        ("review.md",
         lambda: review_context(vault, result(), [i for i in items if i.due <= next_sunday], config,
                                _previous_review(vault_path, config, monday))),
    ]
    env = env or environment(vault_path)
    shared: frozenset[str] = frozenset()
    if config.link_format != "wikilink":  # Obsidian writes Markdown links in this vault
        from vaultnet.index.read import note_paths

        names = functools.cache(lambda: note_paths(index))
    else:
        from vaultnet.index.read import shared_file_names
        from vaultnet.parse import title_of

        shared = shared_file_names(index, [title_of(rel) for rel, _ in targets])
    results = []
    for (rel, path), (template, context) in zip(targets, pages, strict=True):
        if template == "review.md" and sunday < real_today and path.exists():
            results.append(PageResult(rel, "kept", "a past week's review is history"))
            continue
        links = (None if config.link_format == "wikilink"
                 else MarkdownLinks(rel, config.link_format, names))
        rendered = render_page(env, template, context(), links, shared)
        try:
            status, digest = write_page(path, rendered, rel)
            results.append(PageResult(rel, status, digest=digest))
        except PageRefused as exc:
            log.warning("%s", exc)
            results.append(PageResult(rel, "refused", str(exc)))
        except (NotADirectoryError, IsADirectoryError, FileExistsError) as exc:
            # Something in the way of this page (a file named like its folder, a
            # folder named like it): the other pages are still written.
            why = (f"{rel}: cannot be written ({exc.strerror or exc}); move what is in the way, "
                   "or set another path in .vaultnet/config.toml [output]")
            log.warning("%s", why)
            results.append(PageResult(rel, "refused", why))
    if record is not None:
        _keep_record(index, record, results)
    return results


def pages_left_behind(index: Index, config: Config) -> list[str]:
    """The pages vaultnet wrote (``Follow-ups.md``, ``Balance.md``) that are not
    where the settings put them now: left behind when ``[output]`` changed, they
    are never written again. Reviews are history wherever they are."""
    from vaultnet.index.read import generated_pages

    here = {config.follow_ups_page.casefold(), config.balance_page.casefold()}
    return [path for path, title in generated_pages(index)
            if path.casefold() not in here and not _WEEK.fullmatch(title)]


_WEEK = re.compile(r"\d{4}-W\d{2}")


def _previous_review(vault: Path, config: Config, monday: date) -> str | None:
    """The path of the review of the week before ``monday``'s, when it exists: the
    review links it."""
    rel = config.pages_of(monday - timedelta(days=7))["reviews"]
    return rel if vault.joinpath(*PurePosixPath(rel).parts).is_file() else None


# The last report's pages, kept in the index: a report of the same notes, day,
# settings, templates and vaultnet finds each page as it left it (its bytes'
# digest), and so each unchanged, without computing them again: the usual case of
# a report run again (a hook, a schedule) before anything changed.
_RECORD = "report"


def _record_key(vault: Path, index: Index, config: Config, today: date,
                real_today: date) -> str | None:
    """What the pages are made of, but the notes' text: the index's count of
    updates that changed notes, the days, every setting, and the templates and
    code that render them (a template overridden or edited, vaultnet upgraded or
    its files changed in a checkout, Jinja2 upgraded). None when its files cannot
    be looked at (vaultnet run from a zip, say): no record, every report computes."""
    import dataclasses
    import importlib.util
    import json
    import os

    from vaultnet import __version__
    from vaultnet.discover import digest
    from vaultnet.template_files import template_sources

    package = Path(__file__).parent
    try:
        code = sorted((entry.path, stat.st_mtime_ns, stat.st_size)
                      for folder in (package, *(p for p in package.iterdir() if p.is_dir()))
                      for entry in os.scandir(folder) if entry.name.endswith(".py")
                      for stat in (entry.stat(),))
        jinja = importlib.util.find_spec("jinja2")  # (found, not imported: no page need be made)
        if jinja is None or not jinja.origin:
            return None
        stat = os.stat(jinja.origin)
        code.append((jinja.origin, stat.st_mtime_ns, stat.st_size))
        sources = digest(b"\0".join(template_sources(vault)))
    except OSError:
        return None
    return json.dumps([__version__, index.meta("notes_generation") or 0, today.isoformat(),
                       real_today.isoformat(), dataclasses.asdict(config), sources, code],
                      sort_keys=True, default=sorted)


def _pages_standing(index: Index, key: str, targets: list[tuple[str, Path]]
                    ) -> list[PageResult] | None:
    """The results of a report whose pages the last one wrote under ``key`` and
    that are still as it left them; None when anything differs."""
    import json

    from vaultnet.write import page_digest

    kept = index.meta(_RECORD)
    if not kept:
        return None
    record = json.loads(kept)
    if record["key"] != key or [rel for rel, _, _ in record["pages"]] != [r for r, _ in targets]:
        return None
    results = []
    for (rel, path), (_, status, was) in zip(targets, record["pages"], strict=True):
        if status == "kept" and path.exists():
            results.append(PageResult(rel, "kept", "a past week's review is history"))
        elif status != "kept" and page_digest(path) == was:
            results.append(PageResult(rel, "unchanged", digest=was))
        else:
            return None
    return results


def _keep_record(index: Index, key: str, results: list[PageResult]) -> None:
    """Keep what this report left (none when a page was refused: the next one
    says why again), unless the index is busy: the next report just computes."""
    import json
    import sqlite3

    from vaultnet.errors import VaultnetError

    pages = [[page.path, page.status, page.digest] for page in results]
    ok = all(page.status == "kept" or page.digest for page in results)
    try:
        with index.transaction():
            index.set_meta(_RECORD, json.dumps({"key": key, "pages": pages}) if ok else None)
    except (sqlite3.OperationalError, VaultnetError) as exc:
        log.debug("the report's record is not kept: %s", exc)
