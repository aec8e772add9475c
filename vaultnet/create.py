"""`vaultnet add`: a new person, skill or goal note from a template.

The note goes into the configured folder under a file name that works on
every system and in Obsidian links; when that differs from the real name, the
real name is kept in ``aliases`` so links by it still work. An existing note
is never overwritten.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from datetime import date
from pathlib import Path

import yaml

from vaultnet.config import Config
from vaultnet.errors import VaultnetError
from vaultnet.parse.values import name_key

log = logging.getLogger(__name__)

KINDS = ("person", "skill", "goal")

# Path separators, what Windows forbids, and what breaks Obsidian links (# | ^ [ ] :).
_UNSAFE = set('/\\:*?"<>|#^[]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
_SHARP = re.compile(r"(?<![^\W\d_])([^\W\d_])#(?!\w)")  # a letter alone, then #: C#, F#
MAX_NAME_BYTES = 200  # most file systems allow 255; leave room for ".md" and sync tools


def name_meant(name: str, folder: str) -> str:
    """The name meant where the note's path was given, as a shell's completion
    writes one: ``People/Bo Li.md`` (or ``Bo Li.md``) is Bo Li, when People/ is
    where the note goes. Any other slash is part of the name (``AC/DC``)."""
    name = " ".join(name.split())
    if name[-3:].lower() == ".md":
        name = name[:-3].rstrip()
    for prefix in ("./", folder.strip("/") + "/"):
        if name[: len(prefix)].lower() == prefix.lower():
            name = name[len(prefix):].lstrip()
    return name


def file_title(name: str) -> str:
    """A note title (file name without ``.md``) for ``name``: unsafe characters
    become spaces, runs of spaces one, no dot or space at either end."""
    name = unicodedata.normalize("NFC", name)
    # A language named with a sharp (C#, F#): "C Sharp", as it is said, not "C",
    # which is another language (and another note).
    name = _SHARP.sub(r"\1 Sharp", name)
    cleaned = "".join(" " if c in _UNSAFE or unicodedata.category(c)[0] == "C" else c for c in name)
    cleaned = " ".join(cleaned.split()).strip(" .")
    while len(cleaned.encode("utf-8")) > MAX_NAME_BYTES:
        cleaned = cleaned[:-1].rstrip(" .")
    if cleaned.split(".")[0].upper() in _RESERVED:
        cleaned += "_"
    if not name.strip():
        raise VaultnetError("the name is empty; give a name with letters")
    if not cleaned:
        raise VaultnetError(f"{name!r} has nothing left for a file name; give a name with letters")
    return cleaned


def frontmatter_yaml(fields: dict) -> str:
    """The given fields as YAML, in order, leaving out empty ones; links quoted."""
    kept = {k: v for k, v in fields.items() if v not in (None, "", [], (), {})}
    if not kept:
        return ""
    return yaml.dump(kept, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=1000).rstrip("\n")


class _Dumper(yaml.SafeDumper):
    """Block style, with list items indented under their key as Obsidian writes them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def link(name: str) -> str:
    return f"[[{name}]]"


def note_fields(kind: str, name: str, title: str, options: dict) -> dict:
    """The frontmatter of a new note, from ``vaultnet add``'s options."""
    aliases = [name] if name != title else []
    for alias in options.get("aliases") or ():  # each once, and never the title again
        if name_key(alias) not in {name_key(a) for a in (title, *aliases)}:
            aliases.append(alias)
    if kind == "person":
        roles = list(options.get("roles") or ())
        met = options.get("met")
        if met and options.get("met_where"):
            met = f"{met.isoformat()} at {options['met_where']}"
        return {
            "role": roles[0] if len(roles) == 1 else roles,
            "aliases": aliases,
            "cadence": options.get("cadence"),
            "met": met,
            "company": options.get("company"),
            "title": options.get("job_title"),
            "email": options.get("email"),
            "phone": options.get("phone"),
            "linkedin": options.get("linkedin"),
            "website": options.get("website"),
            "birthday": options.get("birthday"),
            "tags": list(options.get("tags") or ()),
        }
    if kind == "skill":
        return {
            "aliases": aliases,
            "level": options.get("level"),
            "target": options.get("target"),
            "category": options.get("category"),
            "goal": link(options["goal"]) if options.get("goal") else None,
            "cadence": options.get("cadence"),
        }
    return {
        "aliases": aliases,
        "target_role": options.get("target_role"),
        "by": options.get("by"),
        "balance": options.get("balance"),
        "skills": {link(s): 3 for s in options.get("skills") or ()},
        "network": {},
    }


def new_note(vault: Path, config: Config, kind: str, name: str, options: dict,
             today: date, known: str | None = None) -> str:
    """Write the note; its vault-relative path. ``known``: the path of a note that
    already answers to ``name`` (from the index), which is refused."""
    from vaultnet.render import environment, render_note
    from vaultnet.write import write_new

    name = " ".join(name.split())
    title = file_title(name)
    rel = f"{config.folders[kind]}/{title}.md"
    if known:
        raise VaultnetError(f"{known} already answers to {name!r}; open it instead, or give "
                            "the new note another name")
    fields = note_fields(kind, name, title, options)
    text = render_note(environment(vault), f"{kind}.md", {
        "name": name, "title": title, "today": today, "fields": fields,
        "frontmatter": frontmatter_yaml(fields), "notes": None, **options,
    })
    text = _with_fields(text, fields, rel)
    if not write_new(vault / rel, text):
        raise VaultnetError(f"{rel} already exists; vaultnet never overwrites a note")
    return rel


def _with_fields(text: str, fields: dict, rel: str) -> str:
    """The note as its template wrote it, with every field given in its frontmatter.

    A template of the person's own may leave out ``{{ frontmatter }}`` (a CRM
    template set's person note writes its own keys): `--role mentor` would be
    lost, and nothing would remind them of the person. Each field the template
    gives no value is added (:func:`~vaultnet.parse.frontmatter.fill_keys`); one
    it writes with a value of its own keeps it, and is named."""
    from vaultnet.parse.frontmatter import (
        FrontmatterError,
        UneditableFrontmatter,
        fill_keys,
        load,
        note_properties,
    )

    wanted = {key: value for key, value in fields.items() if value not in (None, "", [], (), {})}
    if not wanted:
        return text
    try:
        have = note_properties(text)
    except FrontmatterError as exc:
        log.warning("%s: its template writes a frontmatter that does not read as YAML (line %s: "
                    "%s), so what was given is not in the note (%s); fix the template in "
                    ".vaultnet/templates/, and the note", rel, exc.line, exc,
                    "; ".join(_one_line(key, value) for key, value in wanted.items()))
        return text
    as_read = load(frontmatter_yaml(wanted))
    missing = {key: value for key, value in wanted.items() if have.get(key) in (None, "", [], {})}
    if missing:
        try:
            text = fill_keys(text, missing, frontmatter_yaml)
        except UneditableFrontmatter as exc:
            log.warning("%s: %s", rel, exc)
    if other := [key for key in wanted if key not in missing and have.get(key) != as_read[key]]:
        log.warning("%s: its template writes %s of its own, so the value given is not in the note "
                    "(%s)", rel, ", ".join(f"`{key}:`" for key in other),
                    "; ".join(_one_line(key, wanted[key]) for key in other))
    return text


def _one_line(key: str, value) -> str:
    """``key: value`` as YAML on one line (``tags: [work]``), for a message."""
    return yaml.dump({key: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=True, width=1000).strip().removeprefix("{").removesuffix("}")
