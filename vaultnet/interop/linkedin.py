"""LinkedIn's connections export (``Connections.csv``) as contacts.

The file starts with a few lines of notes before the header
``First Name,Last Name,URL,Email Address,Company,Position,Connected On``
(older exports have no ``URL`` column); dates look like ``07 Dec 2025``.

LinkedIn hands the export over as a ZIP archive; its ``Connections.csv`` is read
from it as it is (:func:`connections_in_archive`).

"Connected On" becomes ``met``. An export holds years of connections, which the
new-contact rule (SPEC 3) would all bring due at once: :func:`met_since` keeps
``met`` for the recent ones alone (``import linkedin --met-within 30d``).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import replace
from datetime import date

from vaultnet.errors import VaultnetError
from vaultnet.interop.contacts import Contact
from vaultnet.words import one_line, without_controls

REQUIRED = ("First Name", "Last Name")
_HEADER = re.compile(r'"?First Name"?([,;\t])')


def connections_in_archive(data: bytes, name: str) -> tuple[str, bytes]:
    """The ``Connections.csv`` of LinkedIn's export archive ``data`` (called
    ``name``): the name to give it in messages (``name/Connections.csv``), and
    its bytes; the shallowest, if there are several. VaultnetError when the
    archive has none or cannot be read."""
    from vaultnet.interop.archive import archive_files

    try:
        return archive_files(data, name, lambda file: file == "connections.csv",
                             "Connections.csv")[0]
    except VaultnetError as exc:
        if str(exc) == f"{name}: no Connections.csv in this archive":
            raise VaultnetError(f"{exc}; ask LinkedIn for a copy of your data with "
                                "Connections in it") from None
        raise


def read_connections(text: str, name: str) -> tuple[list[Contact], list[tuple[str, str]]]:
    """The connections, and (where, why) for each row that could not be read."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    # Commas, as LinkedIn writes it; semicolons or tabs, as Excel saves it again where a
    # comma is the decimal mark, or as "Unicode text".
    header_at, delimiter = next(((i, found[1]) for i, line in enumerate(lines)
                                 if (found := _HEADER.match(line))), (None, ","))
    if header_at is None:
        if "begin:vcard" in text[:4096].lower():
            raise VaultnetError(f"{name}: vCards, not LinkedIn's connections; import them with "
                                "`vaultnet import vcard` instead")
        raise VaultnetError(f"{name}: no header line 'First Name,Last Name,...' found; is this "
                            "LinkedIn's Connections.csv?")
    reader = csv.DictReader(io.StringIO("".join(lines[header_at:]), newline=""),
                            delimiter=delimiter, strict=True)
    contacts, problems = [], []
    for number, row in _rows(reader, name, header_at):
        where = f"{name}, line {number}"
        first, last = (row.get(k) or "" for k in REQUIRED)
        full = one_line(f"{first} {last}")
        if not full:
            problems.append((where, "no name"))
            continue
        met = None
        if (row.get("Connected On") or "").strip():
            met = _connected_on(row["Connected On"].strip())
            if met is None:
                problems.append((where, f"cannot read the date {row['Connected On']!r}; "
                                        "imported without it"))
        bare, *nickname = bare_name(full)
        contacts.append(Contact(
            name=bare, source=where, aliases=(*(() if bare == full else (full,)), *nickname),
            email=_field(row, "Email Address"), company=_field(row, "Company"),
            title=_field(row, "Position"), linkedin=_field(row, "URL"),
            met=met))
    return contacts, problems


def _connected_on(text: str) -> date | None:
    """"Connected On" as LinkedIn writes it (07 Dec 2025), and as Excel saves it
    again (2025-12-07, 07.12.2025); 12/07/2025 stays unread: the 7th of December,
    or the 12th of July, as the computer that saved it was set."""
    from vaultnet.parse.values import written_as_iso

    written = written_as_iso(text)
    return date.fromisoformat(written) if written else None


def bare_name(full: str) -> tuple[str, ...]:
    """The name a note is called by, for a name as people decorate it on LinkedIn,
    and the name by a nickname when it has one: ``Dmitri "Dima" Volkov`` ->
    (``Dmitri Volkov``, ``Dima Volkov``). Left out: an emoji (``Bo Li 🚀``), the
    pronouns (``Ann Lee (she/her)``), a tagline after `` | `` or `` - ``
    (``Eve Smith - Open to Work``), a part in brackets at the end, degrees after
    a comma and a title before the name. Each made a second person of one already
    in the vault, and a note named as no one calls them."""
    name = full
    if any(unicodedata.category(c) == "So" for c in name):
        name = "".join(c for c in name if unicodedata.category(c) != "So"
                       and c not in _EMOJI_JOINERS and not "\U0001f3fb" <= c <= "\U0001f3ff")
    name = _PRONOUNS.sub(" ", name)
    name = _TAGLINE.sub("", name)
    name = _IN_BRACKETS.sub("", name)
    name = without_honorific(without_credentials(" ".join(name.split()).strip(" ,;|·•-–—")))
    nickname = _NICKNAME.search(name)
    if nickname:
        rest = " ".join((name[:nickname.start()] + " " + name[nickname.end():]).split())
        if len(rest.split()) < 2:  # “Gus” Hale: quoted, the name they go by
            name = " ".join(_QUOTES.sub(" ", name).split())
        else:
            return rest, f"{nickname.group(1).strip()} {rest.split()[-1]}"
    return (name,) if name else (full,)


_EMOJI_JOINERS = "\u200d\ufe0f\u20e3"  # zero-width joiner, emoji presentation, keycap
_PRONOUNS = re.compile(
    r"[(\[]?\s*\b(?:she|he|they|xe|ze|ey|fae)\s*/\s*(?:hers?|him|his|them|theirs?|they|she|he|"
    r"xem|xyr|zir|hir|em|faer)\b(?:\s*/\s*\w+)?\s*[)\]]?", re.IGNORECASE)
_TAGLINE = re.compile(r"\s+[|·•\-–—]\s.*$")
_IN_BRACKETS = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
_QUOTES = re.compile(r'["“”„«»]')
_NICKNAME = re.compile(r'["“„«]([^"“”„«»]+)["”“»]')


# Degrees and certifications people add to their name on LinkedIn ("Farah Haddad,
# PhD"), upper-cased without dots.
_CREDENTIALS = frozenset((
    "PHD", "MBA", "CPA", "PMP", "CFA", "CFP", "CAIA", "FRM", "MD", "JD", "DDS", "DMD", "DO",
    "MPH", "MFA", "MSC", "MS", "MA", "MENG", "MED", "MSW", "BSC", "BS", "BA", "BENG", "PE",
    "PENG", "CENG", "CISSP", "CISA", "CISM", "CCNA", "CCNP", "CSM", "CSPO", "PSM", "SAFE",
    "RN", "NP", "PA-C", "SPHR", "PHR", "SHRM-CP", "SHRM-SCP", "LCSW", "CAPM", "ACCA", "CIMA",
    "FCA", "ACA", "ESQ",
))


def without_credentials(name: str) -> str:
    """``Farah Haddad, PhD, MBA`` -> ``Farah Haddad``: the name without the degrees
    after its comma, so that it is a note's name and links by it find the note
    (the name as written becomes an alias). A name with anything else after a
    comma (``Haddad, Farah``) is kept whole."""
    head, comma, tail = name.partition(",")
    if not comma or not head.strip():
        return name
    words = tail.replace(",", " ").split()
    if words and all(word.replace(".", "").upper() in _CREDENTIALS for word in words):
        return head.strip()
    return name


# Titles people put before their name on LinkedIn ("Dr. Ann Lee"), upper-cased
# without dots.
_HONORIFICS = frozenset(("DR", "PROF", "PROFESSOR", "MR", "MRS", "MS", "MX", "MISS", "REV",
                         "SIR", "DAME"))


def without_honorific(name: str) -> str:
    """``Dr. Ann Lee`` -> ``Ann Lee``, so that the contact finds the note of that
    name (and a new note has it; the name as written becomes an alias)."""
    first, _, rest = name.partition(" ")
    if rest.strip() and first.replace(".", "").upper() in _HONORIFICS:
        return rest.strip()
    return name


def _field(row: dict, column: str) -> str | None:
    """A column's value as written, without control characters (none belongs in a note)."""
    return without_controls(row.get(column) or "").strip() or None


def _rows(reader: csv.DictReader, name: str, header_at: int):
    """(file line, row) of each row; a file the csv module cannot read (a quote left
    open, a field of more than 128 KB) is a VaultnetError at the row's first line."""
    def unreadable(line: int, exc: csv.Error) -> VaultnetError:
        return VaultnetError(f"{name}, line {line}: cannot read it as CSV ({exc}); is this "
                             "LinkedIn's Connections.csv as exported?")

    try:
        if not reader.fieldnames:  # reads the header: line 1 of the reader's lines
            return
    except csv.Error as exc:
        raise unreadable(header_at + 1, exc) from exc
    while True:
        begins = header_at + reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise unreadable(begins, exc) from exc
        yield begins, row


def met_since(contacts: list[Contact], since: date) -> list[Contact]:
    """The connections with ``met`` kept for those made on or after ``since``; an
    older connection's date goes into a new note's text instead, so that it does
    not come due as a new contact."""
    return [replace(c, met=None, notes=f"Connected on LinkedIn on {c.met.isoformat()}.")
            if c.met is not None and c.met < since else c for c in contacts]
