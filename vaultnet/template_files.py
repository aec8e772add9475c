"""Where the templates of the pages and of new notes are found: shipped in the
package, or overridden by a same-named file in the vault's ``.vaultnet/templates``.
Light to import (no Jinja2): a report that finds its pages standing reads them."""

from __future__ import annotations

import functools
import os
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
