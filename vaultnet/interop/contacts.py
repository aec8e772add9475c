"""Importing people: match contacts with the people already in the vault, plan, apply.

A contact matches a person by email, then LinkedIn profile, then exact name
(title or alias). A match only gains the fields it has no value for; a value
the person already has is never changed, and a different one is reported as a
conflict. A contact with no match becomes a new person note. Running the same
import twice changes nothing the second time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from vaultnet.config import Config
from vaultnet.domain import ContactCard
from vaultnet.parse.values import name_key
from vaultnet.words import count, plain

FIELDS = ("aliases", "email", "phone", "company", "title", "birthday", "linkedin", "website", "met",
          "tags")


@dataclass
class Contact:
    """A person as another tool exported them."""

    name: str
    source: str  # where it came from, for messages: "cards.vcf, card 3 (line 40)"
    email: str | None = None
    phone: str | None = None
    company: str | None = None
    title: str | None = None  # job title
    birthday: str | None = None  # YYYY-MM-DD or MM-DD
    linkedin: str | None = None
    website: str | None = None  # another URL of theirs
    met: date | None = None
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # other names they go by (a vCard's NICKNAME)
    notes: str | None = None  # free text, for the body of a new note

    def values(self) -> dict[str, object]:
        return {f: getattr(self, f) for f in FIELDS if getattr(self, f) not in (None, "", ())}


@dataclass
class Known:
    """A person already in the vault, as the index has them."""

    path: str
    names: tuple[str, ...]  # title and aliases, lower-case
    values: dict[str, object]


@dataclass
class Step:
    action: str  # create | fill | same | conflict, or failed once applied
    contact: Contact
    path: str = ""
    fields: dict[str, object] = field(default_factory=dict)  # to write
    conflicts: list[tuple[str, object, object]] = field(default_factory=list)  # (field, ours, theirs)


def normalise_linkedin(url: str | None) -> str | None:
    """``https://www.linkedin.com/in/ann/`` and ``linkedin.com/in/Ann`` are one profile."""
    if not url:
        return None
    text = re.sub(r"^https?://", "", url.strip(), flags=re.IGNORECASE)
    text = re.sub(r"^(www\.|[a-z]{2}\.)", "", text, flags=re.IGNORECASE)
    return text.rstrip("/").split("?")[0].lower()


def normalise_email(address: str) -> str:
    return address.strip().lower()


def normalise_phone(number: str) -> str:
    """``+1 (555) 0100`` and ``+1 555 0100`` are one number."""
    return re.sub(r"[^\d+]", "", number)


def normalise_tag(text: object) -> str:
    """A card's category as a tag: ``Platform Team`` and ``C++`` as ``platform-team``
    and ``c``, the characters a tag can hold (Obsidian's: letters, digits, ``_ - /``)."""
    return re.sub(r"[^\w/-]+", "-", str(text).strip().lower()).strip("-")


def _same(name: str, ours: object, theirs: object) -> bool:
    if name == "email":
        return normalise_email(str(ours)) == normalise_email(str(theirs))
    if name == "linkedin":
        return normalise_linkedin(str(ours)) == normalise_linkedin(str(theirs))
    if name == "phone":
        return normalise_phone(str(ours)) == normalise_phone(str(theirs))
    if name == "met":
        return str(ours)[:10] == str(theirs)[:10]
    if name == "tags":
        return set(map(normalise_tag, ours)) >= set(map(normalise_tag, theirs))  # type: ignore[arg-type]
    if name == "aliases":
        return set(map(name_key, ours)) >= set(map(name_key, theirs))  # type: ignore[arg-type]
    # A value may link a note (`company: "[[Northwind]]"`): a card's "Northwind" is the
    # same. A card's text comes in on one line (`one_line`), so spacing is no difference.
    return " ".join(plain(str(ours)).casefold().split()) == " ".join(
        plain(str(theirs)).casefold().split())


def plan(contacts: list[Contact], people: list[Known], folder: str) -> list[Step]:
    """What importing ``contacts`` would do; contacts earlier in the list count as
    known for later ones, so a person exported twice is created once."""
    from vaultnet.create import file_title

    by_email, by_linkedin, by_name = {}, {}, {}

    def remember(person: Known) -> None:
        if person.values.get("email"):
            by_email.setdefault(normalise_email(str(person.values["email"])), person)
        if person.values.get("linkedin"):
            by_linkedin.setdefault(normalise_linkedin(str(person.values["linkedin"])), person)
        for name in person.names:
            by_name.setdefault(name, person)

    for person in people:
        remember(person)
    steps = []
    for contact in contacts:
        match = ((contact.email and by_email.get(normalise_email(contact.email)))
                 or (contact.linkedin and by_linkedin.get(normalise_linkedin(contact.linkedin)))
                 or by_name.get(name_key(contact.name)))
        values = contact.values()
        if "aliases" in values:  # a name another person answers to stays theirs
            values["aliases"] = tuple(a for a in values["aliases"]
                                      if by_name.get(name_key(a), match) is match)
            if not values["aliases"]:
                del values["aliases"]
        if not match:
            title = file_title(contact.name)
            path = f"{folder}/{title}.md"
            steps.append(Step("create", contact, path, values))
            names = {name_key(title), name_key(contact.name),
                     *map(name_key, values.get("aliases", ()))}
            remember(Known(path, tuple(names), values))
            continue
        step = Step("same", contact, match.path)
        for name, theirs in values.items():
            ours = match.values.get(name)
            if ours in (None, "", (), []):
                step.fields[name] = theirs
                match.values[name] = theirs
                if name == "aliases":
                    for alias in theirs:
                        by_name.setdefault(name_key(alias), match)
            elif not _same(name, ours, theirs):
                step.conflicts.append((name, ours, theirs))
        if step.fields:
            step.action = "fill"
        elif step.conflicts:
            step.action = "conflict"
        steps.append(step)
    return steps


def describe(step: Step, dry_run: bool) -> list[str]:
    """The lines that tell the person what a step does (or would do)."""
    verb = {"create": "create", "fill": "fill"}.get(step.action)
    lines = []
    if verb:
        what = ", ".join(step.fields) or "no fields"
        lines.append(f"{'would ' if dry_run else ''}{verb} {step.path}: {what}; "
                     f"from {step.contact.source}")
    for name, ours, theirs in step.conflicts:
        lines.append(f"conflict {step.path}: {name} is {_show(ours)}, {step.contact.source} says "
                     f"{_show(theirs)}; kept {_show(ours)}")
    return lines


def _show(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(str, value)) + "]"
    return repr(str(value))


def apply(vault: Path, config: Config, steps: list[Step], today: date,
          taken=lambda name: None) -> list[tuple[str, str]]:
    """Write the notes the plan creates and fill the ones it completes; (where,
    why) for each step that could not be written, the others still are.
    ``taken(name)``: the path of a note that already answers to a name."""
    from vaultnet.errors import VaultnetError

    failed = []
    for step in steps:
        try:
            _apply(vault, config, step, today, taken)
        except VaultnetError as exc:
            failed.append((step.contact.source, f"{exc}"))
        except (OSError, UnicodeDecodeError) as exc:
            failed.append((step.contact.source, f"{step.path}: cannot write it ({exc})"))
        else:
            continue
        step.action = "failed"  # not counted as new or filled in
    return failed


def _apply(vault: Path, config: Config, step: Step, today: date, taken) -> None:
    from vaultnet.create import new_note
    from vaultnet.parse.frontmatter import fill_keys
    from vaultnet.write import edit_note

    if step.action == "create":
        values = step.fields
        options = {"company": values.get("company"), "job_title": values.get("title"),
                   "email": values.get("email"), "phone": values.get("phone"),
                   "linkedin": values.get("linkedin"), "website": values.get("website"),
                   "birthday": values.get("birthday"),
                   "met": values.get("met"), "tags": values.get("tags", ()),
                   "aliases": values.get("aliases", ()),
                   "notes": step.contact.notes}
        new_note(vault, config, "person", step.contact.name, options, today,
                 taken(step.contact.name))
    elif step.action == "fill":
        from vaultnet.create import frontmatter_yaml
        from vaultnet.errors import VaultnetError
        from vaultnet.parse.frontmatter import UneditableFrontmatter

        try:
            edit_note(vault, step.path, lambda original: fill_keys(
                original.decode("utf-8"), step.fields, frontmatter_yaml).encode("utf-8"))
        except UneditableFrontmatter as exc:  # nothing was written
            raise VaultnetError(f"{step.path}: {exc}") from exc


def known_people(people, cards: dict[str, ContactCard], names: dict[str, tuple[str, ...]],
                 aliases: dict[str, tuple[str, ...]]) -> list[Known]:
    """The vault's people (``domain.Person``) as import matching sees them, with
    their ``cards`` (by path): ``names``, each one's title and aliases as keys
    (``name_key``), and their ``aliases`` as written."""
    known = []
    for p in people:
        card = cards.get(p.path, ContactCard())
        known.append(Known(p.path, names.get(p.path, (name_key(p.name),)), {
            "aliases": list(aliases.get(p.path, ())), "email": card.email, "phone": card.phone,
            "company": p.company, "title": p.title,
            "birthday": p.birthday, "linkedin": card.linkedin, "website": card.website,
            "met": p.met.isoformat() if p.met else None, "tags": list(card.tags)}))
    return known


def read_contacts(kind: str, path: Path) -> tuple[list[Contact], list[tuple[str, str]]]:
    """The contacts in an export file, and (where, why) for what could not be read."""
    from vaultnet.errors import VaultnetError

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise VaultnetError(f"{path}: cannot read it ({exc.strerror or exc})") from exc
    from vaultnet.interop.archive import archive_files, file_names, is_archive

    name = path.name
    if kind == "linkedin":
        from vaultnet.interop.linkedin import connections_in_archive, read_connections

        if is_archive(data):  # the export as LinkedIn hands it over
            name, data = connections_in_archive(data, name)
        return read_connections(_text(data), name)
    from vaultnet.interop.vcard import read_cards

    if is_archive(data):  # Google Takeout's contacts, say
        if "connections.csv" in file_names(data):
            raise VaultnetError(f"{path}: {_LINKEDIN_EXPORT}")
        contacts, unreadable = [], []
        try:
            files = archive_files(data, name, lambda file: file.endswith(".vcf"), ".vcf file")
        except VaultnetError as exc:  # named by its path, as this command's other errors
            raise VaultnetError(f"{path}{str(exc).removeprefix(name)}") from exc
        for member, member_data in files:
            found, unread = read_cards(_text(member_data), member)
            contacts += found
            unreadable += unread
        return contacts, [(u.source, u.reason) for u in unreadable]
    text = _text(data)
    contacts, unreadable = read_cards(text, name)
    if not contacts and not unreadable:
        raise VaultnetError(f"{path}: {_no_cards(text)}")
    return contacts, [(u.source, u.reason) for u in unreadable]


def _text(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16, as Excel's "Unicode text" saves
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # old vCard 2.1 exports


_LINKEDIN_EXPORT = "LinkedIn's export, not vCards; import it with `vaultnet import linkedin` instead"


def _no_cards(text: str) -> str:
    """What to say of a file given to ``import vcard`` that holds no card: what it
    is, when it is another export people have at hand, and what to do."""
    lines = text.lstrip("\ufeff").splitlines()[:10]
    if any(line.startswith("First Name,Last Name,") for line in lines):  # after its notes
        return _LINKEDIN_EXPORT
    if lines and (lines[0].count(",") >= 2 or lines[0].count(";") >= 2):
        return ("a CSV file, not vCards; export your contacts as vCards (.vcf) instead: "
                "Google Contacts offers \"vCard\", as do Apple's Contacts and most address "
                "books")
    return "no BEGIN:VCARD found; is it a vCard file?"


@dataclass
class Imported:
    """What an import did (or, on a dry run, would do)."""

    contacts: int
    steps: list[Step]
    skipped: list[tuple[str, str]]  # (where, why)
    # The last contact of each person the contacts were matched with, by path:
    # one filled in with `met:` and not in touch since is due as a new one too.
    last_contacts: dict[str, date | None] = field(default_factory=dict)

    def summary(self, dry_run: bool) -> str:
        tally = {a: sum(1 for s in self.steps if s.action == a) for a in ("create", "fill", "failed")}
        known = len(self.steps) - tally["create"] - tally["fill"] - tally["failed"]
        conflicts = sum(len(s.conflicts) for s in self.steps)
        return (f"{count(self.contacts, 'contact')}: {tally['create']} new, {tally['fill']} "
                f"filled in, {known} already known; {count(conflicts, 'conflict')}, "
                f"{len(self.skipped)} skipped" + (" (dry run: nothing written)" if dry_run else ""))

    def due_as_new(self, today: date, days: int) -> tuple[int, int]:
        """How many people the import makes due as new contacts on ``today`` (new
        ones, and ones filled in), their ``met`` (a LinkedIn connection's day)
        ``days`` or more ago and no interaction since (SPEC 3)."""
        new = filled = 0
        for step in self.steps:
            met = step.fields.get("met")
            if not isinstance(met, date) or (today - met).days < days:
                continue
            if step.action == "create":
                new += 1
            elif step.action == "fill" and ((last := self.last_contacts.get(step.path)) is None
                                            or last < met):
                filled += 1
        return new, filled


def import_files(vault: Path, index, config: Config, kind: str, files: list[Path],
                 today: date, dry_run: bool, met_since: date | None = None) -> Imported:
    """Read the export files, plan against the indexed people, and (unless a dry
    run) write the plan. ``met_since``: LinkedIn connections made before it get
    no ``met`` (see :func:`vaultnet.interop.linkedin.met_since`)."""
    from vaultnet.index.read import load_contact_cards, load_vault, note_named, person_names

    contacts, skipped = [], []
    for file in files:
        found, unread = read_contacts(kind, file)
        contacts += found
        skipped += unread
    if kind == "linkedin" and met_since is not None:
        from vaultnet.interop.linkedin import met_since as recent_only

        contacts = recent_only(contacts, met_since)
    people = load_vault(index, config, today, today).people.values()
    known = known_people(people, load_contact_cards(index), *person_names(index))
    steps = plan(contacts, known, config.folders["person"])
    last_contacts = {person.path: person.last_contact for person in people}
    if not dry_run:
        skipped += apply(vault, config, steps, today, lambda name: note_named(index, name))
    return Imported(len(contacts), steps, skipped, last_contacts)
