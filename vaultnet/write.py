"""The one place that writes files into the vault.

Writes are atomic (a temporary file in the same folder, then ``os.replace``,
as jrnl does), so a crash or Ctrl-C never leaves half a file behind. A
listing of the vault walked before the first write is forgotten then (see
:func:`vaultnet.discover.walk_ahead`): it no longer says what is on disk.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from contextlib import contextmanager, suppress
from pathlib import Path

from vaultnet.config import STATE_DIR
from vaultnet.discover import digest, drop_walk_ahead


def atomic_write(path: Path, data: bytes) -> None:
    """``data`` in place of the file at ``path``. A symbolic link is written
    through, as editors write it: the file it leads to is replaced and the link
    stays (a note shared by two vaults stays one note)."""
    drop_walk_ahead()
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_new(path: Path, text: str, *, listed: bool = True) -> bool:
    """Write a file that must not exist yet; False (and nothing written) when it does.

    The whole file appears at once, and a file that appears meanwhile is never
    replaced: the temporary file is hard-linked to the name, which fails if the
    name is taken (where links are not supported, it checks, then renames).
    ``listed``: False for a file no walk of the vault lists (in ``.vaultnet/``),
    whose writing leaves a listing walked ahead true."""
    if listed:
        drop_walk_ahead()
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o666 & ~_umask())
        try:
            os.link(temp, path)
        except FileExistsError:
            return False
        except OSError:  # no hard links here (FAT, some network shares)
            if path.exists():
                return False
            os.replace(temp, path)
        return True
    finally:
        Path(temp).unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


BEGIN = "<!-- vaultnet:begin -->"
END = "<!-- vaultnet:end -->"


class PageRefused(Exception):
    """A page vaultnet will not write; the message says which and why."""


def file_digest(path: Path) -> str | None:
    """The digest of a file's bytes, None when it cannot be read: a watcher uses it
    to recognise the pages vaultnet wrote itself by their content."""
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


def write_page(path: Path, rendered: str, rel: str) -> tuple[str, str]:
    """Write a generated page (SPEC 4): (``created``, ``updated`` or ``unchanged``,
    the digest of the page's bytes now).

    A new page is written whole. In an existing page only the text from the
    begin marker to the end marker is replaced; every byte outside them (the
    frontmatter, what the person wrote, a BOM, CRLF line endings) stays as it
    was. A page without the markers is the person's own and is never touched.
    """
    block = rendered[rendered.index(BEGIN): rendered.index(END) + len(END)]
    if path.is_symlink() and not path.exists():
        raise PageRefused(f"{rel}: a symbolic link to {os.readlink(path)}, which does not "
                          "exist; remove the link, or create the file it leads to")
    try:
        old_bytes = path.read_bytes()
    except FileNotFoundError:
        if write_new(path, rendered):  # never over a file that appears meanwhile
            return "created", digest(rendered.encode("utf-8"))
        old_bytes = path.read_bytes()  # it did (the person's, or another report's)
    try:
        old = old_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PageRefused(f"{rel}: not UTF-8 text, so vaultnet leaves it alone; move it "
                          "away to have it generated") from exc
    begin = old.find(BEGIN)
    end = old.find(END, begin + len(BEGIN)) if begin >= 0 else -1
    if begin < 0 or end < 0:
        what = "has no" if begin < 0 else "has no end marker after its"
        raise PageRefused(f"{rel}: exists and {what} `{BEGIN}` marker, so it is yours and "
                          "vaultnet will not overwrite it; rename it, or set another path in "
                          ".vaultnet/config.toml [output]")
    if "\r\n" in old[begin:end + len(END) + 2]:
        block = block.replace("\r\n", "\n").replace("\n", "\r\n")
    new = old[:begin] + block + old[end + len(END):]
    if new == old:
        return "unchanged", digest(old_bytes)
    data = new.encode("utf-8")
    atomic_write(path, data)
    return "updated", digest(data)


def edit_note(vault: Path, rel: str, change: Callable[[bytes], bytes]) -> None:
    """Change a note the person wrote: ``change(its bytes)`` goes in its place.

    No two vaultnet commands edit notes at the same time (a lock on the vault's
    ``.vaultnet`` folder): ten ``vaultnet log`` run together each read the note
    as the one before left it, and add their line. An editor, which takes no
    such lock, may still save the note between our read and our write; then
    nothing is written and the person is asked to try again. (The check and the
    rename are a moment apart, not one atomic step: the window is milliseconds,
    not the seconds of a read-modify-write done by hand.)
    """
    from vaultnet.errors import NoteChanged, VaultnetError
    from vaultnet.parse import NOT_TEXT, not_text

    path = vault / rel
    with _edits_locked(vault):
        original = path.read_bytes()
        if not_text(original):  # often valid UTF-8: a line added in UTF-8 would mix the two
            raise VaultnetError(f"{rel}: {NOT_TEXT}, so vaultnet will not edit it; save it "
                                "as UTF-8 first")
        new = change(original)
        if new == original:
            return  # nothing to change: the note is left as it is, its mtime too
        try:
            current = path.read_bytes()
        except OSError as exc:
            raise NoteChanged(f"{rel}: it went away while vaultnet was writing it ({exc}); "
                              "nothing was written") from exc
        if current != original:
            raise NoteChanged(f"{rel}: it changed while vaultnet was writing it (saved in an "
                              "editor?); nothing was written: run the command again")
        atomic_write(path, new)


@contextmanager
def _edits_locked(vault: Path):
    """Wait until no other vaultnet command edits a note of this vault, and keep
    it so for the block. Where there is no ``flock`` (Windows, some network
    shares), or no ``.vaultnet`` folder to lock, the check in :func:`edit_note`
    stands alone."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        folder = os.open(vault / STATE_DIR, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        with suppress(OSError):  # a file system without it (some network shares): unlocked
            fcntl.flock(folder, fcntl.LOCK_EX)
        yield
    finally:
        os.close(folder)  # and the lock with it
