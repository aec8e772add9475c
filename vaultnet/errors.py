"""The errors vaultnet reports to a person.

Every error that reaches the command line is a :class:`VaultnetError`; the CLI
turns it into one line and exit status 1 (tracebacks only with ``--debug``).
Messages name the file (and line, where there is one) and say what to do.
"""

from __future__ import annotations


class VaultnetError(Exception):
    """An error with a message written for the person running vaultnet."""


class VaultNotFound(VaultnetError):
    """The vault folder does not exist or is not a folder."""


class ConfigError(VaultnetError):
    """`.vaultnet/config.toml` cannot be read or holds a value vaultnet cannot use."""


class IndexFileError(VaultnetError):
    """`.vaultnet/index.sqlite` cannot be used (locked, or not vaultnet's)."""


class NoteNotFound(VaultnetError):
    """No note, or more than one, answers to the name a command was given."""


class NoteChanged(VaultnetError):
    """A note changed on disk while vaultnet was about to write it: nothing was written."""
