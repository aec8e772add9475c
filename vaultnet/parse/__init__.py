"""Parsing: the one place that knows the on-disk format of a note (SPEC 1-2)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vaultnet.model import ParsedNote

__all__ = ["own_page", "parse_note", "title_of"]

# The frontmatter of the pages vaultnet writes (SPEC 4), byte for byte as its
# templates write it; a page whose frontmatter was edited is read by the parser.
_OWN_FRONTMATTER = re.compile(rb"---\ngenerated_by: vaultnet\n(?:week: \d{4}-W\d{2}\n)?---\n")


def __getattr__(name: str):
    # Lazy, so that commands which only read the index (and import
    # vaultnet.parse.inline for a helper) do not pay for YAML and the block parser.
    if name == "parse_note":
        from vaultnet.parse.note import parse_note

        return parse_note
    raise AttributeError(name)


# What a note saved as UTF-16 is (Windows PowerShell 5's `>` and Out-File write it
# so), or one with NUL bytes, which no text has: read as UTF-8, its ASCII is valid,
# a NUL after each character, and nothing in it reads as Markdown.
NOT_TEXT = "saved as UTF-16, or holding NUL bytes"


def not_text(data: bytes) -> bool:
    """Whether a note's bytes are UTF-16 (with its byte-order mark or without) or
    hold a NUL: :data:`NOT_TEXT`."""
    return b"\0" in data or data.startswith((b"\xff\xfe", b"\xfe\xff"))


def title_of(path: str) -> str:
    """A note's title: its file name without ``.md`` (SPEC 1, Obsidian's rule)."""
    return path.rsplit("/", 1)[-1][:-3]


def own_page(path: str, data: bytes) -> ParsedNote | None:
    """What :func:`parse_note` makes of a page vaultnet wrote, as it wrote it: a
    generated page, with nothing else read from it. Told without the parser, whose
    imports take a third of a short command: the first command after a report
    meets the pages it wrote. None for anything else."""
    if not _OWN_FRONTMATTER.match(data):
        return None
    try:
        data.decode("utf-8")  # else the parser names the line that is not
    except UnicodeDecodeError:
        return None
    from vaultnet.model import ParsedNote

    return ParsedNote(path=path, title=title_of(path), generated=True)
