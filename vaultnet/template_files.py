"""Where the templates of the pages and of new notes are found: shipped in the
package, or overridden by a same-named file in the vault's ``.vaultnet/templates``.
Light to import (no Jinja2): a report that finds its pages standing reads them."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from vaultnet.config import STATE_DIR

PAGE_TEMPLATES = ("follow-ups.md", "balance.md", "review.md")
NOTE_TEMPLATES = ("person.md", "skill.md", "goal.md")  # for `vaultnet add`
TEMPLATE_NAMES = PAGE_TEMPLATES + NOTE_TEMPLATES


@functools.cache
def packaged_templates():
    """The templates shipped with vaultnet: the package's ``templates`` folder. An
    editable install maps that package elsewhere, which only importlib.resources
    knows (and importing it costs more than rendering a page)."""
    beside = Path(__file__).with_name("templates")
    if beside.is_dir():
        return beside
    from importlib.resources import files

    return files("vaultnet.templates")


def template_sources(vault: Path) -> list[bytes]:
    """What the pages' templates are made of: the packaged ones, and every file of
    the vault's ``.vaultnet/templates`` (an override may include others), by name."""
    sources = [name.encode() + b"\0" + packaged_templates().joinpath(name).read_bytes()
               for name in PAGE_TEMPLATES]
    folder = vault / STATE_DIR / "templates"
    try:
        names = sorted(os.listdir(folder))
    except OSError:  # none (the usual case), or not a folder
        return sources
    for name in names:
        raw = name.encode("utf-8", "surrogateescape")
        try:
            sources.append(raw + b"\0" + (folder / name).read_bytes())
        except OSError:  # a folder, or unreadable: the loader will say so
            sources.append(raw)
    return sources


def misnamed_templates(vault: Path) -> list[tuple[str, str]]:
    """The files of the vault's ``.vaultnet/templates`` named as one of vaultnet's
    templates is, but not quite (``Follow-ups.md``, like the page; ``review.md.j2``;
    ``followups.md``), so that it is never read: (the file's name, the template's).
    Not where the template's own name finds the file all the same (a Mac's or
    Windows' folders take any case), and not the other files, which a template
    may include."""
    folder = vault / STATE_DIR / "templates"
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    found = []
    for name in names:
        meant = _meant(name) if name not in TEMPLATE_NAMES else None
        if meant and not (folder / meant).exists():
            found.append((name, meant))
    return found


def _meant(name: str) -> str | None:
    """The template a file's name is a spelling of, if any."""
    key = re.sub(r"\.(?:j2|jinja2?)$", "", name.lower())
    key = re.sub(r"[\s_-]", "", key)
    for template in TEMPLATE_NAMES:
        plain = template.replace("-", "")
        if key in (plain, plain.removesuffix(".md") + "s.md"):  # reviews.md, as the folder
            return template
    return None
