"""Opening `.vaultnet/index.sqlite`: connecting to it, making its tables, and
what happens to a file that is locked, damaged, outdated or not vaultnet's.

The index is derived data: an unreadable or outdated file is rebuilt rather
than repaired (an outdated one in place, by ``schema.make_schema``), and a
SQLite file that another program made is left alone.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
import stat
from pathlib import Path

from vaultnet.errors import IndexFileError
from vaultnet.index.schema import APPLICATION_ID, SCHEMA_VERSION, make_schema
from vaultnet.index.store import Index, is_lock, locked

log = logging.getLogger(__name__)

# The oldest SQLite whose SQL the index uses: UPDATE ... FROM (3.33.0, 2020), window
# functions (3.25.0) and FTS5's remove_diacritics 2 (3.27.0). Python 3.11 takes
# whatever SQLite the system has: Ubuntu 20.04's is 3.31.1.
MIN_SQLITE = (3, 33, 0)


def _check_sqlite() -> None:
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        import sys

        raise IndexFileError(
            f"vaultnet needs SQLite {'.'.join(map(str, MIN_SQLITE))} or newer for its index, "
            f"and this Python ({sys.version.split()[0]}) uses SQLite {sqlite3.sqlite_version}; "
            "run vaultnet with a Python that has a newer one (uv's and conda's bring their "
            "own, as do python.org's installers for macOS and Windows)")


def _connect(path: Path, timeout: float = 5.0) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    return db


def _describe(exc: sqlite3.Error) -> str:
    return str(exc) or type(exc).__name__


def open_existing(path: Path) -> Index | None:
    """The index, read-only and as it is (for shell completion); None if unusable."""
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.2)
        if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            db.close()
            return None
    except sqlite3.Error:
        return None
    return Index(db, path)


def open_index(path: Path, lock_timeout: float = 5.0) -> tuple[Index, bool]:
    """Open (creating or rebuilding as needed) the index; True when it starts empty.

    A file that is not SQLite, or an older schema, is replaced: the index is
    derived data. A SQLite file that another program made is left alone.
    """
    _check_sqlite()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        st = path.stat()
    except FileNotFoundError:
        st = None
    if st is not None and stat.S_ISDIR(st.st_mode):  # SQLite: "unable to open database file"
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    exists = st is not None
    fresh = not exists or st.st_size == 0
    if not exists:  # a vault used without `vaultnet init` gets the .gitignore too
        from vaultnet.scaffold import keep_index_out_of_git

        keep_index_out_of_git(path.parent)
    try:
        db = _connect(path, lock_timeout)
        # One read transaction: another command making the schema meanwhile must
        # not be seen half (its tables without its mark, "not made by vaultnet").
        db.execute("BEGIN")
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
        db.commit()
    except sqlite3.DatabaseError as exc:
        if is_lock(exc):
            raise locked(path) from exc
        if (exc.sqlite_errorcode or 0) & 0xFF in _NOT_THE_FILE:
            raise  # the folder's fault (read-only, not permitted): nothing to rebuild
        log.warning("%s: unreadable index (%s); rebuilding it", path, _describe(exc))
        _remove(path)
        db, app_id, version, tables, fresh = _connect(path), 0, 0, 0, True
    if tables and app_id != APPLICATION_ID:
        db.close()
        raise IndexFileError(f"{path}: this SQLite file was not made by vaultnet; move it "
                             "elsewhere and run `vaultnet index` again")
    if version != SCHEMA_VERSION or not tables:
        try:
            fresh = make_schema(db)  # not when another command just made it
        except BaseException as exc:
            db.close()  # rolls back
            if isinstance(exc, sqlite3.OperationalError) and is_lock(exc):
                raise locked(path) from exc
            if isinstance(exc, sqlite3.OperationalError) and "fts5" in str(exc):
                raise IndexFileError(
                    f"this Python's SQLite ({sqlite3.sqlite_version}) was built without FTS5, "
                    "the full-text search vaultnet's index uses; run vaultnet with a Python "
                    "whose SQLite has it (uv's, conda's and python.org's do)") from exc
            raise
    return Index(db, path), fresh



# Errors that say the file cannot be opened or written, not that it is damaged.
_NOT_THE_FILE = (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)

