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


def disk_full(exc: BaseException) -> str | None:
    """The message for an error that says the disk is full (SQLite's SQLITE_FULL,
    or ENOSPC/EDQUOT from the system), None for any other error."""
    import errno
    import sqlite3

    if isinstance(exc, sqlite3.Error) and getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
        what = "the index (.vaultnet/index.sqlite)"
    elif isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        what = exc.filename or "a file"
    else:
        return None
    return (f"the disk is full, so {what} could not be written; free some space and try "
            "again (no note of yours was changed)")
