"""vCards (RFC 2426, RFC 6350) in and out, through vobject.

Reading: each card is parsed on its own, so a card that cannot be read is
reported by file and position and the others still come in. vCard 2.1
(quoted-printable), 3.0 and 4.0, folded lines, ``itemN.`` groups, cards
without ``FN`` and birthdays without a year are understood.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import vobject

from vaultnet.domain import ContactCard, Person
from vaultnet.interop.contacts import Contact, normalise_email, normalise_phone, normalise_tag
from vaultnet.parse.values import name_key
from vaultnet.words import one_line, plain, without_controls

_BEGIN = re.compile(r"^(?:[\w-]+\.)?BEGIN:VCARD[ \t]*$", re.IGNORECASE)  # a group prefix is legal
_END = re.compile(r"^(?:[\w-]+\.)?END:VCARD[ \t]*$", re.IGNORECASE)
# A quoted-printable value, its encoding named (``ENCODING=QUOTED-PRINTABLE``) or
# not, as vCard 2.1 allows and Netscape's and Evolution's cards write it
# (``note;quoted-printable:``).
_QP = re.compile(r"^[^:]*[;=]QUOTED-PRINTABLE(?=[;:])[^:]*:", re.IGNORECASE)
# vobject decodes such a value only when written in capitals, and the encoding
# named: `note;quoted-printable:` it kept encoded (`a=0D=0Ab`), and
# `encoding=quoted-printable` it read as base64 (`b'k@'`). Each is written so.
_QP_PARAMETER = re.compile(r";(?:ENCODING=)?QUOTED-PRINTABLE(?=[;:])", re.IGNORECASE)
# A property line: its name (after an ``itemN.`` group), its parameters (a quoted
# value may hold ``:`` or ``;``), and its value.
_PROPERTY = re.compile(r'^((?:[\w-]+\.)?([\w-]+)(?:;(?:"[^"]*"|[^":])*)?:)(.*)$', re.DOTALL)
# The start of a line vobject can read (a name, parameters, a colon: the language
# of its own pattern), written so that a line it does not fit fails at once.
# vobject's pattern nests its repetitions, and a line it does not fit takes it
# time that doubles with each `=` (`NOTE;X=a=b=c=…` with its colon lost: a
# minute for twenty). Such a line is left out before vobject sees it.
_READABLE = re.compile(r'(?:[\w-]+\.)?[\w-]+;?(?:;[\w-]+(?:[=,](?:"[^"]*"|[^";:,=]*+))*+)*+:',
                       re.ASCII)
# Free text, where a comma is a comma: vCard 2.1 has no escapes, and exporters of
# 3.0 forget them. vobject keeps only what comes before the first unescaped
# comma (``FN:Doe, John`` would come in as "Doe"), so such commas are escaped first.
_ONE_TEXT = {"FN", "TITLE", "ROLE", "NOTE", "ORG"}
# A list of text values (``NICKNAME:Johnny,JQP``), of which vobject keeps the
# first too: each value is given a line of its own.
_LISTS = {"NICKNAME"}


@dataclass
class Unreadable:
    source: str
    reason: str


def split_cards(text: str) -> Iterator[tuple[int, int, str]]:
    """(card number, first line, text) of each BEGIN:VCARD ... END:VCARD block; a
    card left open (no END before the next BEGIN or the end) is a card too, which
    will not parse and is reported."""
    number, start, card = 0, 0, None
    for line_number, line in _join_soft_breaks(text.splitlines()):
        if _BEGIN.match(line.strip()):
            if card is not None:
                number += 1
                yield number, start, "\n".join(card) + "\n"
            start, card = line_number, [line]
        elif card is not None:
            card.append(line)
            if _END.match(line.strip()):
                number += 1
                yield number, start, "\n".join(card) + "\n"
                card = None
    if card is not None:
        yield number + 1, start, "\n".join(card) + "\n"


def _prepared(card: str) -> tuple[str, list[str]]:
    """The card as vobject reads every value of it whole: the unescaped commas of
    its free-text properties escaped (:data:`_ONE_TEXT`) and each value of a list
    (:data:`_LISTS`) on a line of its own. A line changed is unfolded, as vobject
    would. And the lines left out, which vobject could not read (:data:`_READABLE`)."""
    lines = card.split("\n")
    logical: list[list[str]] = []
    for line in lines:
        if line[:1] in (" ", "\t") and logical:
            logical[-1].append(line)
        else:
            logical.append([line])
    out, left_out = [], []
    for parts in logical:
        text = parts[0] + "".join(part[1:] for part in parts[1:])
        if text.strip() and not _READABLE.match(text):
            left_out.append(text.rstrip("\r"))
            continue
        found = _PROPERTY.match(text.rstrip("\r"))
        if found and (head := _QP_PARAMETER.sub(";ENCODING=QUOTED-PRINTABLE", found.group(1))
                      ) != found.group(1):
            text = parts[0] = head + text[found.end(1):]  # (unfolded)
            del parts[1:]
            found = _PROPERTY.match(text.rstrip("\r"))
        name = found.group(2).upper() if found else ""
        if not (name in _ONE_TEXT or name in _LISTS) or "," not in found.group(3):
            out.extend(parts)
            continue
        end = "\r" if text.endswith("\r") else ""
        if name in _ONE_TEXT:
            value = re.sub(r"(\\.)|,", lambda m: m.group(1) or "\\,", found.group(3))
            out.append(found.group(1) + value + end)
        else:
            values = re.findall(r"(?:\\.|[^,\\])+", found.group(3))
            out.extend(found.group(1) + value + end for value in values)
    return "\n".join(out), left_out


def _join_soft_breaks(lines: list[str]) -> list[tuple[int, str]]:
    """(file line, line): vCard 2.1 quoted-printable values end a line with ``=``
    to go on on the next, sometimes in the middle of a UTF-8 character; such
    lines are joined before decoding, under the first one's number."""
    joined: list[tuple[int, str]] = []
    carrying = False
    for number, line in enumerate(lines, start=1):
        if carrying:
            joined[-1] = (joined[-1][0], joined[-1][1][:-1] + line)
        else:
            joined.append((number, line))
        carrying = bool(_QP.match(joined[-1][1])) and joined[-1][1].endswith("=")
    return joined


class _Skipped(logging.Handler):
    """Collects the lines vobject skips (it logs them) so we can report them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def read_cards(text: str, name: str) -> tuple[list[Contact], list[Unreadable]]:
    """The contacts, and what could not be read: whole cards, and single lines of
    cards that were otherwise read (vobject skips those)."""
    contacts, unreadable = [], []
    vobject_log = logging.getLogger("vobject.base")
    for number, line, card_text in split_cards(text):
        source = f"{name}, card {number} (line {line})"
        skipped = _Skipped()
        # vobject logs the lines it skips (on a handler of its own when the root
        # logger has none); collect them instead, to report them with the card.
        handlers, propagate = vobject_log.handlers, vobject_log.propagate
        vobject_log.handlers, vobject_log.propagate = [skipped], False
        try:
            prepared, left_out = _prepared(card_text)
            card = vobject.readOne(prepared, ignoreUnreadable=True)
            contact = _contact(card, source)
        except Exception as exc:  # vobject raises many kinds; any means this card is unreadable
            unreadable.append(Unreadable(source, _reason(exc)))
            continue
        finally:
            vobject_log.handlers, vobject_log.propagate = handlers, propagate
        # (as vobject says of a line it skips)
        skipped.messages[:0] = [f"Failed to parse line: {line}" for line in left_out]
        for message in skipped.messages:
            # vobject's own line numbers are not reliable: the card's position is.
            found = re.search(r"At line \d+: (.*)", message)
            unreadable.append(Unreadable(source, (found.group(1) if found else message)[:200]
                                         + "; the rest of the card was read"))
        if contact is None:
            unreadable.append(Unreadable(source, "it has no name, email or organisation"))
        else:
            contacts.append(contact)
    return contacts, unreadable


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return re.sub(r"^At line \d+: ", "", text)[:200]  # vobject's line numbers are not reliable


def _values(card, key: str) -> list:
    return [c for c in card.contents.get(key, []) if getattr(c, "value", None) not in (None, "", [])]


def _first(card, key: str):
    """The preferred (TYPE=pref or PREF=1) value of a property, else the first."""
    found = _values(card, key)
    for item in found:
        types = [t.lower() for t in item.params.get("TYPE", [])]
        if "pref" in types or item.params.get("PREF"):
            return item.value
    return found[0].value if found else None


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = next((v for v in value if v), "")
    return one_line(str(value)) or None


def _without_affixes(name: str, n) -> str:
    """The card's name without the title before it and the degrees after it that
    its structured name (``N:Lee;Ann;;Dr.;PhD``) gives, where the name holds them
    as written (``Dr. Ann Lee, PhD``): a note of that name is the person's, and
    links by it find the note. Nothing is cut that would leave no name."""
    def texts(part) -> list[str]:
        return [t.strip() for t in (part if isinstance(part, list) else [part or ""]) if t.strip()]

    for prefix in texts(n.prefix):
        if name.lower().startswith(prefix.lower() + " "):
            name = name[len(prefix):].strip()
    for suffix in texts(n.suffix):
        for before in (", ", " "):
            if name.lower().endswith(before + suffix.lower()) and len(name) > len(before + suffix):
                name = name[: -len(before + suffix)].strip()
                break
    return name


def _contact(card, source: str) -> Contact | None:
    name = _text(_first(card, "fn"))
    if not name and _values(card, "n"):
        n = card.n.value
        parts = [n.prefix, n.given, n.additional, n.family, n.suffix]
        name = one_line(" ".join(" ".join(p) if isinstance(p, list) else p for p in parts if p))
    org = _first(card, "org")
    company = _text(org[0] if isinstance(org, list) and org else org)
    email = _text(_first(card, "email"))
    name = " ".join((name or company or email or "").split())
    if not name:
        return None
    written = name
    if _values(card, "n"):  # Dr. Ann Lee, PhD: the name is Ann Lee, as written an alias
        name = _without_affixes(name, card.n.value)
    # Gmail writes `http\://`: a colon escaped, which vCard never asks for.
    urls = [(_text(u.value) or "").replace("\\:", ":") or None for u in _values(card, "url")]
    linkedin = next((u for u in urls if u and "linkedin.com" in u.lower()), None) or _social_linkedin(card)
    website = next((u for u in urls if u and u != linkedin), None)
    categories = []
    for item in _values(card, "categories"):
        values = item.value if isinstance(item.value, list) else str(item.value).split(",")
        categories += [tag for tag in map(normalise_tag, values) if tag]
    phone = _phone(_first(card, "tel"))
    note = "\n".join(without_controls(str(n.value)).strip() for n in _values(card, "note"))
    # Other names they go by, as aliases (links by them find the note); not their name.
    nicknames: dict[str, str] = {}
    for item in _values(card, "nickname"):
        if text := _text(item.value):
            nicknames.setdefault(name_key(text), text)
    if written != name:
        nicknames = {name_key(written): written, **nicknames}
    nicknames.pop(name_key(name), None)
    # A person's note has one email, phone, LinkedIn profile and website: the
    # card's others go into the body of a new note rather than being dropped.
    others = [f"{kind} {value}" for kind, value in (
        *(("email", e) for e in _others(card, "email", email, normalise_email)),
        *(("phone", t) for t in _others(card, "tel", phone, normalise_phone, _phone)),
        *(("link", u) for u in dict.fromkeys(urls) if u and u not in (linkedin, website)))]
    if others:
        note = "\n".join(part for part in (note, f"Also in the card: {', '.join(others)}.") if part)
    return Contact(
        name=name, source=source, email=email, phone=phone,
        company=company, title=_text(_first(card, "title")), birthday=_birthday(card),
        linkedin=linkedin, website=website, tags=tuple(dict.fromkeys(categories)),
        aliases=tuple(nicknames.values()), notes=note or None)


def _social_linkedin(card) -> str | None:
    """The LinkedIn profile of a card's social profiles, where address books keep
    it rather than as a URL: Apple's Contacts (``X-SOCIALPROFILE;type=linkedin;
    x-user=annlee:https://www.linkedin.com/in/annlee``), vCard 4's ``SOCIALPROFILE``
    (RFC 9554), ``X-LINKEDIN``. The profile's address; or, from the user name
    alone, the address it has on LinkedIn."""
    for key in ("x-socialprofile", "socialprofile", "x-linkedin"):
        for item in _values(card, key):
            url = (_text(item.value) or "").replace("\\:", ":")
            if "linkedin.com" in url.lower():
                return url
            kinds = {t.lower() for name in ("TYPE", "SERVICE-TYPE") for t in item.params.get(name, [])}
            user = (item.params.get("X-USER") or item.params.get("USERNAME") or [None])[0]
            if key == "x-linkedin" and url and "/" not in url and ":" not in url:
                user = user or url
            if (key == "x-linkedin" or "linkedin" in kinds) and user and re.fullmatch(r"[\w\-%]+", user):
                return f"https://www.linkedin.com/in/{user}"
    return None


def _phone(value) -> str | None:
    """A number as a person writes it: vCard 4.0's ``tel:`` URI (RFC 3966), as in
    ``tel:+1-555-0100;ext=12``, becomes ``+1-555-0100 ext. 12``."""
    text = _text(value)
    if text is None or not text.lower().startswith("tel:"):
        return text
    number, *params = text[4:].split(";")
    extension = next((p[4:] for p in params if p.lower().startswith("ext=")), None)
    return (f"{number} ext. {extension}" if extension else number) or None


def _others(card, key: str, kept: str | None, same, text_of=None) -> list[str]:
    """The values of a property other than the one kept, each once (``same``: the
    form in which two values are one: ``Ann@X`` and ``ann@x``; ``text_of``: how
    a value is written, :func:`_text` unless given)."""
    seen = {same(kept)} if kept else set()
    found = []
    for item in _values(card, key):
        text = (text_of or _text)(item.value)
        if text and same(text) not in seen:
            seen.add(same(text))
            found.append(text)
    return found


def _birthday(card) -> str | None:
    """``YYYY-MM-DD`` or ``MM-DD``: 4.0's ``--MMDD``, Apple's year 1604 with
    X-APPLE-OMIT-YEAR, basic ``YYYYMMDD`` and date-times all come to these."""
    items = _values(card, "bday")
    if not items:
        return None
    item = items[0]
    text = str(item.value).strip()
    omit = item.params.get("X-APPLE-OMIT-YEAR")
    match = re.match(r"^(\d{4}|--)-?(\d{2})-?(\d{2})", text)
    if not match:
        return None
    year, month, day = match.groups()
    if year == "--" or (omit and omit[0] == year):
        return f"{month}-{day}"
    return f"{year}-{month}-{day}"


# --- export --------------------------------------------------------------------------


def person_uid(person: Person) -> str:
    """Stable across exports, so that an address book updates rather than duplicates."""
    return hashlib.sha1(person.path.encode("utf-8")).hexdigest() + "@vaultnet"


def export_cards(people: list[Person], cards: dict[str, ContactCard],
                 aliases: dict[str, tuple[str, ...]] | None = None) -> str:
    """vCard 3.0 for every person who is not private, in path order, with what
    their ``cards`` say (by path); ``aliases`` (by path) become NICKNAMEs."""
    aliases = aliases or {}
    out = []
    for person in sorted(people, key=lambda p: p.path):
        if person.private:
            continue
        details = cards.get(person.path, ContactCard())
        card = vobject.vCard()
        card.add("version").value = "3.0"
        card.add("uid").value = person_uid(person)
        name, nicknames = _card_names(person, aliases.get(person.path, ()))
        card.add("fn").value = name
        given, _, family = name.rpartition(" ")
        card.add("n").value = vobject.vcard.Name(family=family or name, given=given)
        for nickname in nicknames:
            card.add("nickname").value = nickname
        # `company: "[[Northwind]]"` links a company note: the card gets its name.
        if person.company:
            card.add("org").value = [plain(person.company)]
        if person.title:
            card.add("title").value = plain(person.title)
        if details.email:
            email = card.add("email")
            email.value, email.type_param = details.email, "INTERNET"
        if details.phone:
            card.add("tel").value = details.phone
        for url in (details.linkedin, details.website):
            if url:
                card.add("url").value = url
        if person.birthday:
            bday = card.add("bday")
            if len(person.birthday) == 5:  # no year: Apple's convention, which others read
                bday.value = f"1604-{person.birthday}"
                bday.params["X-APPLE-OMIT-YEAR"] = ["1604"]
            else:
                bday.value = person.birthday
        if details.tags:
            card.add("categories").value = list(details.tags)
        out.append(card.serialize())
    return without_controls("".join(out))


def _card_names(person: Person, aliases: tuple[str, ...]) -> tuple[str, list[str]]:
    """A person's name on a card, and their other names. A name that a file name
    cannot hold is kept as an alias of the note made for it (``Ann Lee/ACME`` of
    ``Ann Lee ACME.md``, by `vaultnet add` and import): that alias is the name."""
    from vaultnet.create import file_title
    from vaultnet.errors import VaultnetError

    name = person.name
    for alias in aliases:
        with contextlib.suppress(VaultnetError):  # an alias with no letters
            if alias != person.name and file_title(alias) == person.name:
                name = alias
                break
    names = {name_key(name), name_key(person.name)}
    return name, [a for a in aliases if name_key(a) not in names]


def address_book(index, config, today: date) -> str:
    """Every person who is not private, as vCards."""
    from vaultnet.index.read import load_contact_cards, load_vault, person_names

    people = load_vault(index, config, today, today).people.values()
    return export_cards(list(people), load_contact_cards(index), person_names(index)[1])
