"""LinkedIn's connections export (``Connections.csv``) as contacts.

The file starts with a few lines of notes before the header
``First Name,Last Name,URL,Email Address,Company,Position,Connected On``
(older exports have no ``URL`` column); dates look like ``07 Dec 2025``.

"Connected On" is when you connected: ``met`` for a recent connection, whom the
new-contact rule (SPEC 3) then reminds you to follow up. An export holds years
of connections, and those would all come due at once as new contacts: an older
one is written into the new note's text instead ("Connected on LinkedIn on ...").
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from vaultnet.errors import VaultnetError
from vaultnet.interop.contacts import Contact

REQUIRED = ("First Name", "Last Name")
RECENT_DAYS = 30  # a connection made longer ago than this is no new contact


def read_connections(text: str, name: str,
                     today: date) -> tuple[list[Contact], list[tuple[str, str]]]:
    """The connections as of ``today``, and (where, why) for each row that could not
    be read."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    header_at = next((i for i, line in enumerate(lines) if line.startswith("First Name,")), None)
    if header_at is None:
        raise VaultnetError(f"{name}: no header line 'First Name,Last Name,...' found; is this "
                            "LinkedIn's Connections.csv?")
    reader = csv.DictReader(io.StringIO("".join(lines[header_at:]), newline=""))
    contacts, problems = [], []
    for number, row in enumerate(reader, start=header_at + 2):
        where = f"{name}, line {number}"
        first, last = (row.get(k) or "" for k in REQUIRED)
        full = " ".join(f"{first} {last}".split())
        if not full:
            problems.append((where, "no name"))
            continue
        met = None
        if (row.get("Connected On") or "").strip():
            try:
                met = datetime.strptime(row["Connected On"].strip(), "%d %b %Y").date()
            except ValueError:
                problems.append((where, f"cannot read the date {row['Connected On']!r}; "
                                        "imported without it"))
        notes = None
        if met is not None and (today - met).days > RECENT_DAYS:
            met, notes = None, f"Connected on LinkedIn on {met.isoformat()}."
        contacts.append(Contact(
            name=full, source=where,
            email=(row.get("Email Address") or "").strip() or None,
            company=(row.get("Company") or "").strip() or None,
            title=(row.get("Position") or "").strip() or None,
            linkedin=(row.get("URL") or "").strip() or None,
            met=met, notes=notes))
    return contacts, problems
