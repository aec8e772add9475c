"""Parsing: the one place that knows the on-disk format of a note (SPEC 1-2)."""

from vaultnet.parse.note import parse_note

__all__ = ["parse_note"]
