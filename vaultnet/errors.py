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


_NOTHING_CHANGED = " (no note of yours was changed)"


def cannot_write(exc: BaseException) -> str | None:
    """The message for an error that comes from the disk rather than from
    vaultnet: full, read-only, not permitted, or something in the way (SQLite's
    SQLITE_FULL, SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM, or the system's
    ENOSPC, EDQUOT, EROFS, EACCES, EPERM, ENOTDIR, EISDIR, EEXIST); None for any
    other error."""
    import errno
    import sqlite3

    if isinstance(exc, sqlite3.Error):
        code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF  # the primary code
        what = "the index (.vaultnet/index.sqlite)"
        kind = {sqlite3.SQLITE_FULL: "full", sqlite3.SQLITE_READONLY: "read-only",
                sqlite3.SQLITE_CANTOPEN: "read-only", sqlite3.SQLITE_PERM: "denied"}.get(code)
    elif isinstance(exc, OSError):
        what = exc.filename or "a file"
        kind = {errno.ENOSPC: "full", errno.EDQUOT: "full", errno.EROFS: "read-only",
                errno.EACCES: "denied", errno.EPERM: "denied", errno.ENOTDIR: "in the way",
                errno.EISDIR: "in the way", errno.EEXIST: "in the way"}.get(exc.errno)
    else:
        return None
    if kind == "full":
        return (f"the disk is full, so {what} could not be written; free some space and try "
                f"again{_NOTHING_CHANGED}")
    if kind == "read-only":
        return (f"{what} could not be written ({exc.strerror if isinstance(exc, OSError) else exc}):"
                " vaultnet keeps its index in .vaultnet/ and writes its pages into the vault, so "
                f"the vault must be writable; run it on a writable copy{_NOTHING_CHANGED}")
    if kind == "in the way":  # a file named like a folder vaultnet needs, or the reverse
        return (f"{what} could not be written ({exc.strerror}): a file or folder of that "
                f"name is in the way; move it{_NOTHING_CHANGED}")
    if kind == "denied":
        return (f"{what}: permission denied; vaultnet reads the notes and writes its index "
                f"(.vaultnet/) and pages into the vault: check their owner and permissions"
                f"{_NOTHING_CHANGED}")
    return None
