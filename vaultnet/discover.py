"""Find the vault's notes (SPEC 1): every ``*.md`` at any depth, in sorted order.

Dot-folders (``.obsidian``, ``.git``, ``.trash``, ``.vaultnet``) and dot-files
are skipped, and so is whatever matches the config's ``exclude`` globs.
Generated pages are recognised later, by their frontmatter.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from vaultnet.errors import VaultNotFound


@dataclass(frozen=True, slots=True)
class FileStat:
    size: int
    mtime_ns: int


def is_excluded(path: str, exclude: tuple[str, ...]) -> bool:
    """Whether a vault-relative ``/`` path matches an exclude glob.

    A glob naming a folder (``Templates`` or ``Templates/``) excludes everything in it.
    """
    for glob in exclude:
        folder = glob.rstrip("/")
        if fnmatchcase(path, glob) or path.startswith(folder + "/"):
            return True
    return False


def discover_notes(vault: Path, exclude: tuple[str, ...] = ()) -> dict[str, FileStat]:
    """Map each note's vault-relative path (with ``/``) to its size and mtime."""
    if not vault.is_dir():
        raise VaultNotFound(f"{vault}: no such folder; pass --vault PATH or set VAULTNET_VAULT")
    found: dict[str, FileStat] = {}
    stack = [("", os.fspath(vault))]
    while stack:
        prefix, folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue  # unreadable folder: nothing in it can be indexed
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel = prefix + name
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((rel + "/", entry.path))
                elif name.endswith(".md") and entry.is_file():
                    if exclude and is_excluded(rel, exclude):
                        continue
                    st = entry.stat()
                    found[rel] = FileStat(st.st_size, st.st_mtime_ns)
            except OSError:
                continue  # vanished or unreadable between listing and stat
    return dict(sorted(found.items()))


def read_note(vault: Path, path: str) -> bytes:
    """The raw bytes of one note; the parser decodes them."""
    with open(vault / path, "rb") as handle:
        return handle.read()
