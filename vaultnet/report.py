"""The core of `due`, `balance` and `report`: index -> compute -> render -> write.

Each function takes an up-to-date index and returns results; the CLI prints
them. Nothing here knows SQL (``vaultnet.index.read`` does) or how a page is
laid out (the templates do).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path, PurePosixPath

from vaultnet.balance import Balance, balance
from vaultnet.cadence import Interval, parse_interval
from vaultnet.config import Config
from vaultnet.domain import Vault
from vaultnet.errors import ConfigError
from vaultnet.followups import FollowUp, due_items
from vaultnet.index.read import load_vault
from vaultnet.index.store import Index

log = logging.getLogger(__name__)


def follow_ups(index: Index, config: Config, today: date, horizon: Interval,
               role: str | None = None, tag: str | None = None) -> list[FollowUp]:
    """Everything due up to ``today + horizon`` (SPEC 3), for people with ``role``
    and ``tag`` when given."""
    vault = load_vault(index, config, today, today)
    people = [p for p in vault.people.values()
              if (role is None or role.lower() in p.roles)
              and (tag is None or tag.lower().lstrip("#") in p.tags)]
    return due_items(people, today, horizon.after(today), config)


def balance_over(index: Index, config: Config, today: date, window: Interval) -> Balance:
    """The balance over the window that ends today, inclusive (SPEC 4)."""
    start = window.window_ending(today)
    return balance(load_vault(index, config, today, start), start)


@dataclass(frozen=True, slots=True)
class PageResult:
    path: str  # vault-relative
    status: str  # created | updated | unchanged | kept | refused
    message: str = ""
    digest: str | None = None  # of the page's bytes as written or found unchanged


def _page_path(vault: Path, rel: str, setting: str) -> Path:
    parts = PurePosixPath(rel).parts
    if PurePosixPath(rel).is_absolute() or ".." in parts or not rel.endswith(".md"):
        raise ConfigError(f".vaultnet/config.toml: output.{setting} = {rel!r} must be a .md "
                          "path inside the vault, e.g. \"Follow-ups.md\"")
    return vault.joinpath(*parts)


def write_report(vault_path: Path, index: Index, config: Config, today: date,
                 real_today: date | None = None, env=None) -> list[PageResult]:
    """Write Follow-ups.md, Balance.md and this week's review (SPEC 4).

    A review of a week that ended before ``real_today`` (the clock's date) is
    history and is left as it is when it exists. ``env``: a Jinja2 environment
    from ``render.environment`` to reuse (a watcher compiles templates once)."""
    from vaultnet.pages import balance_context, follow_ups_context, review_context, review_since, review_week
    from vaultnet.render import environment, render_page
    from vaultnet.write import PageRefused, write_page

    real_today = real_today or date.today()
    start = parse_interval(config.window).window_ending(today)
    vault: Vault = load_vault(index, config, today, min(start, review_since(today)))
    until = parse_interval(config.horizon).after(today)
    monday, sunday, week = review_week(today)
    next_sunday = sunday + timedelta(days=7)
    items = due_items(vault.people.values(), today, max(until, next_sunday), config)
    result = balance(vault, start)
    pages = [
        (config.follow_ups_page, "follow_ups", "follow-ups.md",
         lambda: follow_ups_context(vault, [i for i in items if i.due <= until], until, config)),
        (config.balance_page, "balance", "balance.md", lambda: balance_context(vault, result)),
        (f"{config.reviews_folder}/{week}.md", "reviews", "review.md",
         lambda: review_context(vault, result, [i for i in items if i.due <= next_sunday], config)),
    ]
    env = env or environment(vault_path)
    results = []
    for rel, setting, template, context in pages:
        path = _page_path(vault_path, rel, setting)
        if template == "review.md" and sunday < real_today and path.exists():
            results.append(PageResult(rel, "kept", "a past week's review is history"))
            continue
        rendered = render_page(env, template, context())
        try:
            status, digest = write_page(path, rendered, rel)
            results.append(PageResult(rel, status, digest=digest))
        except PageRefused as exc:
            log.warning("%s", exc)
            results.append(PageResult(rel, "refused", str(exc)))
    return results
