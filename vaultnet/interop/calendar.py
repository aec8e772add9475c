"""Follow-ups, birthdays and promises as an iCalendar file (RFC 5545), through icalendar.

Every item is an all-day event. Its UID comes from the person and the kind of
item (and a promise's text, see :func:`uids`), never from the date, so a
calendar that imports the file again updates the event when a follow-up moves
instead of adding a second one. Private people and ``#private`` items are left
out (SPEC 5).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import icalendar

from vaultnet import __version__
from vaultnet.followups import FollowUp, next_birthday
from vaultnet.words import count, plain, without_controls

SUMMARIES = {
    "cadence": "Keep in touch with {name}",
    "scheduled": "Get back to {name}",
    "new-contact": "Follow up with {name}, a new contact",
    "milestone": "Congratulate {name}",
    "birthday": "{name}'s birthday",
    "commitment": "Promise to {name}: {detail}",
    "referral-outcome": "Tell {name} how it went",
}


def uids(items: list[FollowUp]) -> list[str]:
    """Each item's UID, unique in the file (RFC 5545 3.8.4.7): from the person and
    kind of item, and a promise's or milestone's text. Two promises of the same text to
    one person (``send the notes``, twice) are told apart by their order among the
    items, the first keeping the UID it would have alone."""
    seen: dict[str, int] = {}
    found = []
    for item in items:
        key = f"{item.person.path}\n{item.reason}"
        if item.reason in ("commitment", "milestone"):
            key += f"\n{item.detail}"
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key += f"\n{seen[key]}"
        found.append(hashlib.sha1(key.encode("utf-8")).hexdigest() + "@vaultnet")
    return found


def calendar_items(people, items: list[FollowUp], today: date, until: date) -> list[FollowUp]:
    """The follow-ups up to ``until`` (overdue ones fall on today) and every birthday
    before then, without private people or items."""
    chosen = [i for i in items if i.reason != "birthday" and not i.person.private
              and not (i.promise is not None and i.promise.private)
              and not (i.reason == "referral-outcome" and i.person.last_ask is not None
                       and i.person.last_ask.private)]
    for person in people:
        if person.private or not person.birthday:
            continue
        day = next_birthday(person.birthday, today)
        if day is not None and day <= until:
            chosen.append(FollowUp(person, "birthday", day, f"birthday {day.isoformat()}"))
    return sorted(chosen, key=FollowUp.sort_key)


def obsidian_uri(vault: Path) -> Callable[[str], str] | None:
    """What opens a note of ``vault`` in Obsidian, from a calendar's event: its
    ``obsidian://open`` URI (the vault is named as its folder, which Obsidian
    keeps so); None for a vault Obsidian has never opened (no ``.obsidian/``)."""
    if not (vault / ".obsidian").is_dir():
        return None
    from urllib.parse import quote

    name = quote(vault.resolve().name, safe="")
    return lambda path: f"obsidian://open?vault={name}&file={quote(path.removesuffix('.md'), safe='')}"


def export_calendar(items: list[FollowUp], today: date,
                    opener: Callable[[str], str] | None = None) -> bytes:
    """The calendar of ``items``; ``opener``: each event's URL, from its person's
    note's path (:func:`obsidian_uri`)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//vaultnet//vaultnet {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "vaultnet follow-ups")
    # DTSTAMP is when the file was made; the run's day keeps the output reproducible.
    stamp = datetime.combine(today, time(0, 0), tzinfo=UTC)
    for item, item_uid in zip(items, uids(items), strict=True):
        day = max(item.due, today)
        event = icalendar.Event()
        event.add("uid", item_uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        detail = plain(item.detail)
        event.add("summary", SUMMARIES[item.reason].format(name=item.person.name, detail=detail))
        description = detail
        if item.promise is not None:  # the title says what: where, which it does not
            description = f"promised in {item.promise.source}, line {item.promise.line}"
        if item.due < today:
            description += f" (due {item.due.isoformat()}, {count((today - item.due).days, 'day')} ago)"
        event.add("description", description)
        if opener is not None:  # a click in the calendar opens their note
            event.add("url", opener(item.person.path))
        event.add("categories", ["vaultnet", item.reason])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return without_controls(calendar.to_ical().decode()).encode()


def calendar_for(vault: Path, index, config, today: date, until: date) -> bytes:
    """The iCalendar file of everything due up to ``until``."""
    from vaultnet.followups import due_items
    from vaultnet.index.read import load_vault

    people = list(load_vault(index, config, today, today).people.values())
    return export_calendar(calendar_items(people, due_items(people, today, until, config), today, until),
                           today, obsidian_uri(vault))
