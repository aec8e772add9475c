"""Parsing: the one place that knows the on-disk format of a note (SPEC 1-2)."""

from __future__ import annotations

__all__ = ["parse_note"]


def __getattr__(name: str):
    # Lazy, so that commands which only read the index (and import
    # vaultnet.parse.inline for a helper) do not pay for YAML and the block parser.
    if name == "parse_note":
        from vaultnet.parse.note import parse_note

        return parse_note
    raise AttributeError(name)
