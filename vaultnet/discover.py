"""Find the vault's notes (SPEC 1): every ``*.md`` at any depth, in sorted order.

Dot-folders (``.obsidian``, ``.git``, ``.trash``, ``.vaultnet``) and dot-files
are skipped, and so is whatever matches the config's ``exclude`` globs; a note
iCloud keeps only online is listed by the placeholder it leaves. A
folder linked in from elsewhere is walked under the link's name, as Obsidian
shows it. Generated pages are recognised later, by their frontmatter.

The walk may run in a child process, begun as the command starts
(:func:`walk_ahead`) or beside a question asked of the index
(:class:`BackgroundListing`).
"""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import functools
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from vaultnet.child import Child, can_fork
from vaultnet.errors import VaultNotFound

# A note's (size, mtime_ns). A plain tuple: there is one per note, and a
# NamedTuple costs three times as much to create (6 ms for 11,615 notes).
FileStat = tuple[int, int]

# What iCloud Drive leaves of a note it keeps online only, to free space on a Mac
# ("Optimize Mac Storage"): `People/.Ann Lee.md.icloud` for `People/Ann Lee.md`.
_ICLOUD = ".icloud"


def icloud_placeholder(path: str) -> str:
    """The path of the placeholder iCloud leaves for the note at ``path``."""
    folder, name = os.path.split(path)
    return os.path.join(folder, f".{name}{_ICLOUD}")


def exclude_matcher(exclude: tuple[str, ...]):
    """A function telling whether a vault-relative ``/`` path matches an exclude glob.

    A glob naming a folder (``Templates`` or ``Templates/``) excludes everything in it;
    ``/Templates/**`` is the vault's own (a path starts at its top), and case is no
    difference (``templates/**``), as folders are matched to note types.
    """
    if not exclude:
        return lambda path: False
    parts = []
    for glob in exclude:
        glob = glob.lstrip("/")
        parts.append(fnmatch.translate(glob))
        parts.append(re.escape(glob.rstrip("/")) + "/.*")
    return re.compile("|".join(f"(?:{p})" for p in parts), re.DOTALL | re.IGNORECASE).fullmatch


LISTING_CHUNK = 256  # lines of a listing per chunk


# What marks a folder above the current one as a vault's top: vaultnet's
# settings (not a bare index, which a stray run may have left), or Obsidian's.
VAULT_MARKERS = (".vaultnet/config.toml", ".obsidian")


def find_vault(start: Path) -> Path:
    """The vault a command run in ``start`` is about, as git finds its repository:
    ``start`` itself when it holds ``.vaultnet/`` or ``.obsidian/``, else the
    nearest folder above it with a :data:`VAULT_MARKERS` entry, else ``start``.
    So ``vaultnet log`` typed in ``People/`` writes to the vault's ``People/``,
    not to ``People/People/``."""
    if any(os.path.exists(os.path.join(start, name)) for name in (".vaultnet", ".obsidian")):
        return start
    try:
        above = start.resolve().parents
    except OSError:  # the current folder was deleted: the command says so
        return start
    for folder in above:
        if any(os.path.exists(os.path.join(folder, marker)) for marker in VAULT_MARKERS):
            return folder
    return start


def vault_around(folder: Path) -> tuple[Path, str] | None:
    """The vault that ``folder``, given as a vault, is a folder of, and the marker
    that says so (:data:`VAULT_MARKERS`): a folder of a marked vault with no
    ``.vaultnet/`` or ``.obsidian/`` of its own (``--vault ~/vault/People``, which
    would make an index in People/ and find no person there). None for a vault of
    its own, a folder in no vault, or no folder."""
    if not folder.is_dir():
        return None
    outer = find_vault(folder)
    try:
        if outer == folder or outer.resolve() == folder.resolve():
            return None
    except OSError:
        return None
    return outer, next((m for m in VAULT_MARKERS if os.path.exists(os.path.join(outer, m))),
                       VAULT_MARKERS[0])  # (gone since find_vault saw it: still its marker)


def no_vault_here(folder: Path) -> str | None:
    """What to say when the folder a command would take for the vault, for want of
    a marker (:func:`find_vault`), is the home folder or the file system's root:
    no one keeps notes loose there, and walking it would read every file of the
    user's; None for any other folder."""
    if any(os.path.exists(os.path.join(folder, marker)) for marker in VAULT_MARKERS):
        return None  # (an index alone, a stray run's of an older vaultnet, is no mark)
    try:
        where = folder.resolve()
        home = Path.home().resolve()
    except (OSError, RuntimeError):  # no home to be found: nothing to tell apart
        return None
    if where != home and where != Path(where.anchor):
        return None
    what = "your home folder" if where == home else "the file system's root"
    return (f"{where} is {what}, not a vault (no .obsidian/ or .vaultnet/config.toml here or "
            "above): cd into your vault, pass --vault PATH, or set VAULTNET_VAULT; if your "
            "notes are here, run vaultnet init first")


def require_vault(vault: Path) -> None:
    """Raise :class:`VaultNotFound` unless the vault is a folder."""
    if not vault.is_dir():
        raise VaultNotFound(f"{vault}: no such folder; pass --vault PATH or set VAULTNET_VAULT")
    if not vault.is_absolute():
        try:
            os.getcwd()
        except FileNotFoundError:
            raise VaultNotFound("the current folder no longer exists (deleted or moved away); "
                                "cd into the vault again, or pass --vault PATH") from None


def list_notes(vault: Path, exclude: tuple[str, ...] = (),
               links: list[str] | None = None) -> list[bytes]:
    """The vault's listing: a line per note, ``path NUL size mtime_ns`` (the path
    vault-relative, with ``/``), sorted by path and cut into chunks of
    :data:`LISTING_CHUNK` lines, each chunk one NUL-separated string (a path may
    hold a newline, never a NUL). The same notes with the same stats always give
    the same chunks.

    The index keeps the last listing chunk by chunk: comparing the chunks tells
    what changed without parsing the equal ones (:func:`listing_lines` reads
    lines back), and an edited note rewrites one chunk of the index, not all.

    A folder that is a symbolic link is walked as Obsidian shows it (see
    :class:`_LinkedFolders`); ``links``, when given, gets the vault-relative
    path of each one walked (a watcher watches them too)."""
    require_vault(vault)
    excluded = exclude_matcher(exclude)
    lines: list[str] = []
    append = lines.append
    linked = _LinkedFolders(vault)
    stack = [("", os.fspath(vault))]
    while stack:
        prefix, folder = stack.pop()
        try:
            with _entries(folder) as entries:
                for entry in entries:
                    name = entry.name
                    if name[0] == ".":
                        if name.endswith(".md.icloud"):
                            _list_placeholder(entry, folder, prefix, excluded, append)
                        continue
                    try:
                        if name.endswith(".md") and entry.is_file():
                            rel = prefix + name
                            if excluded(rel):
                                continue
                            st = entry.stat()
                            append(f"{rel}\0{st.st_size} {st.st_mtime_ns}")
                        elif entry.is_dir(follow_symlinks=False):
                            stack.append((prefix + name + "/", os.path.join(folder, name)))
                        elif not entry.is_symlink():
                            continue
                        elif linked.first_visit(entry, os.path.join(folder, name)):
                            stack.append((prefix + name + "/", os.path.join(folder, name)))
                            if links is not None:
                                links.append(prefix + name)
                        elif name.endswith(".md") and not os.path.exists(os.path.join(folder, name)):
                            _list_link(entry, prefix + name, excluded, append)
                    except OSError:  # vanished or unreadable between listing and stat,
                        if name.endswith(".md"):  # or a loop of links
                            _list_link(entry, prefix + name, excluded, append)
        except OSError:
            continue  # unreadable folder: nothing in it can be indexed
    return _chunked(lines)


def _list_placeholder(entry: os.DirEntry, folder: str, prefix: str, excluded,
                      append) -> None:
    """List the note iCloud keeps online only under its own path, with its
    placeholder's stat, so that reading it says so (:func:`read_note`) and the
    index keeps what it last read of it: a note is never left out silently. Not
    while the note is on the Mac too (being downloaded)."""
    name = entry.name[1:-len(_ICLOUD)]
    rel = prefix + name
    if name[0] == "." or not name.endswith(".md"):  # a dot-file's (`..x.md.icloud`), or none
        return
    try:
        if not excluded(rel) and not os.path.lexists(os.path.join(folder, name)):
            st = entry.stat(follow_symlinks=False)
            append(f"{rel}\0{st.st_size} {st.st_mtime_ns}")
    except OSError:
        pass  # gone since


def _list_link(entry: os.DirEntry, rel: str, excluded, append) -> None:
    """List a note's symbolic link that leads to no file (its target moved, or is
    on another machine, or it loops), so that reading it says so: a note is never
    left out silently."""
    try:
        if entry.is_symlink() and not excluded(rel):
            st = entry.stat(follow_symlinks=False)
            append(f"{rel}\0{st.st_size} {st.st_mtime_ns}")
    except OSError:
        pass  # gone since


class _LinkedFolders:
    """Folders reached through a symbolic link, walked as Obsidian shows them:
    under the link's name. A link to a folder inside the vault is left out (the
    folder is walked as itself), and each folder outside it is walked once, so
    that a link back up a tree ends."""

    def __init__(self, vault: Path) -> None:
        self._inside = os.path.join(os.path.realpath(vault), "")
        self._seen: set[tuple[int, int]] = set()

    def first_visit(self, entry: os.DirEntry, path: str) -> bool:
        """Whether to walk the folder a link (``entry``, at ``path``) points to."""
        if not entry.is_dir():  # a link to a file that is not a note, or a broken one
            return False
        if os.path.join(os.path.realpath(path), "").startswith(self._inside):
            return False
        st = entry.stat()
        if (st.st_dev, st.st_ino) in self._seen:
            return False
        self._seen.add((st.st_dev, st.st_ino))
        return True


def _plain_part(glob: str) -> bytes:
    """The longest run of a glob's characters that match only themselves: every
    path the glob excludes (:func:`exclude_matcher`) holds it."""
    # [...] is one character of a set (a ] first is one of them): none of it is plain.
    # In lower case, as the globs match (and the vault's top is no "/" in a path).
    plain = max(re.split(r"[*?]|\[!?\]?[^\]]*\]?", glob.lstrip("/")), key=len)
    return plain.lower().encode("utf-8", "surrogateescape")


def _chunked(lines: list[str]) -> list[bytes]:
    lines.sort()  # by path: NUL sorts before any character a path can go on with
    return ["\0".join(lines[start : start + LISTING_CHUNK]).encode("utf-8", "surrogateescape")
            for start in range(0, len(lines), LISTING_CHUNK)]


def without_excluded(chunks: list[bytes], exclude: tuple[str, ...]) -> list[bytes]:
    """A listing made without ``exclude`` (see :func:`list_notes`) as it is with
    it: the same chunks when no path matches. When not one glob's plain part is
    anywhere in the listing (``Templates`` in a vault with no such folder), that
    is known at once (0.3 ms for 11,615 notes; matching each path takes 4 ms)."""
    if not exclude or not chunks:
        return chunks
    joined = b"\0".join(chunks)
    lowered = joined.lower()  # (ASCII's case: the plain parts' others are matched below)
    if all(part and part.isascii() and part not in lowered for part in map(_plain_part, exclude)):
        return chunks
    excluded = exclude_matcher(exclude)
    parts = joined.decode("utf-8", "surrogateescape").split("\0")
    paths = parts[0::2]
    if not any(map(excluded, paths)):
        return chunks
    return _chunked([f"{path}\0{stat_text}" for path, stat_text in zip(paths, parts[1::2], strict=True)
                     if not excluded(path)])


class BackgroundListing:
    """:func:`list_notes` run by a forked child process while this one goes on.

    ``vaultnet due`` reads its answer from the index while the child walks the
    vault, on another core; :meth:`result` then waits for the listing (the
    walk begun ahead by :func:`walk_ahead` is taken in the same way). Only
    where :class:`~vaultnet.child.Child` forks. After a fork every page of
    memory this process writes to is copied once, which costs more than the
    walk when there is little to do meanwhile (``bench/HISTORY.md``). Elsewhere,
    or when the child fails, :meth:`result` walks in this process instead (and
    raises what the walk raises). Close it (or use ``with``) when the listing
    may not be asked for, so that the child is not left behind. A vault that
    is not a folder raises :class:`VaultNotFound` at once.
    """

    def __init__(self, vault: Path, exclude: tuple[str, ...] = (),
                 child: Child | None = None) -> None:
        require_vault(vault)  # here, before the caller opens (and creates) the index
        self._vault, self._exclude = vault, exclude
        # A child given is one begun by walk_ahead: it names the vault it walked.
        self._ahead = child is not None
        self._child = child or Child(functools.partial(list_notes, vault, exclude))

    @property
    def in_background(self) -> bool:
        """Whether a child process is walking (else :meth:`result` walks here)."""
        return self._child.pid != 0

    def result(self) -> list[bytes]:
        """The listing, as :func:`list_notes` gives it; waits for the child."""
        found = self._child.result()
        if self._ahead and found is not None:  # (the vault's real path, all its notes)
            walked, listing = found
            found = (without_excluded(listing, self._exclude)
                     if walked == os.path.realpath(self._vault) else None)
        if found is None:  # no child, it failed, or it walked another vault
            return list_notes(self._vault, self._exclude)
        return found

    def close(self) -> None:
        """Stop the child, if it still runs, and reap it."""
        self._child.close()

    def __enter__(self) -> BackgroundListing:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# The walk begun by walk_ahead, until a command's first walk takes it.
_walking_ahead: Child | None = None


def walk_ahead(vault: str | None) -> None:
    """Begin walking the vault in a child process as soon as the command starts.

    Loading the command line (Click, the index, the settings) takes about as
    long as walking a large vault; the ``vaultnet`` entry point calls this
    first, for a command that walks the vault before it writes anything, so
    that the two run side by side. ``vault`` is what ``--vault`` or
    ``VAULTNET_VAULT`` says, else None: the child finds the vault as the
    command will (:func:`find_vault`) and lists all its notes, without reading
    the settings (``exclude`` is applied when the listing is taken). The
    command's first walk takes the listing (:func:`walked_ahead`) when it is
    of the same vault, and walks itself otherwise. Nothing is begun on one
    core, nor where a child cannot be forked.
    """
    global _walking_ahead
    if _walking_ahead is not None or not can_fork() or len(os.sched_getaffinity(0)) < 2:
        return
    import atexit

    _walking_ahead = Child(functools.partial(_walk_found, vault))
    atexit.unregister(drop_walk_ahead)  # registered once
    atexit.register(drop_walk_ahead)  # for a command that ends before it walks


def walked_ahead(vault: Path, exclude: tuple[str, ...]) -> BackgroundListing | None:
    """The walk begun by :func:`walk_ahead`, if one was and nothing took it yet;
    its :meth:`~BackgroundListing.result` is the listing of ``vault`` with
    ``exclude`` either way (walked here when the child walked another)."""
    global _walking_ahead
    child, _walking_ahead = _walking_ahead, None
    if child is None:
        return None
    try:
        return BackgroundListing(vault, exclude, child)
    except BaseException:  # no such vault: said by the caller
        child.close()
        raise


def drop_walk_ahead() -> None:
    """Forget the walk begun by :func:`walk_ahead`, stopping it if it still runs:
    once this process writes to the vault, a listing made before is out of date."""
    global _walking_ahead
    child, _walking_ahead = _walking_ahead, None
    if child is not None:
        child.close()


def home_expanded(path: str) -> str:
    """``path`` with a leading ``~`` the shell left as it is (quoted, or from
    ``VAULTNET_VAULT="~/vault"``) read as the shell reads it: the home folder.
    `vaultnet init "~/vault"` made a folder named ``~`` in the current one. A
    path that exists as written (a folder named so) is taken as it is."""
    if path[:1] == "~" and not os.path.lexists(path):
        return os.path.expanduser(path)
    return path


def _walk_found(vault: str | None) -> tuple[str, list[bytes]]:
    """In walk_ahead's child: the vault's real path and the listing of all its notes
    (none for a folder the command will refuse, :func:`no_vault_here`)."""
    root = find_vault(Path(".")) if vault is None else Path(home_expanded(vault))
    if vault is None and no_vault_here(root):
        return os.path.realpath(root), []
    return os.path.realpath(root), list_notes(root)


def listing_count(chunks: list[bytes]) -> int:
    """How many notes a listing holds."""
    return sum(chunk.count(b"\0") + 1 for chunk in chunks) // 2


def listing_lines(chunks: Iterable[bytes]) -> set[tuple[bytes, bytes]]:
    """The lines of listing chunks as (path, stat) pairs, to compare with another's."""
    lines: set[tuple[bytes, bytes]] = set()
    for chunk in chunks:
        parts = chunk.split(b"\0")
        lines.update(zip(parts[0::2], parts[1::2], strict=True))
    return lines


FEW_LINES = 100  # looking up more lines than this one by one costs more than a split


def listing_lines_of(chunks: list[bytes], paths: Iterable[str]) -> set[tuple[bytes, bytes]]:
    """The lines of ``paths`` in listing chunks (of those listed), as :func:`listing_lines`
    gives them: for a few notes, without splitting every chunk."""
    paths = list(paths)
    if len(paths) > FEW_LINES:  # then splitting every chunk once costs less
        wanted = {path.encode("utf-8", "surrogateescape") for path in paths}
        return {line for line in listing_lines(chunks) if line[0] in wanted}
    lines: set[tuple[bytes, bytes]] = set()
    for path in paths:
        key = path.encode("utf-8", "surrogateescape") + b"\0"
        for chunk in chunks:
            # A whole path field: at the chunk's start or after a NUL (a stat field,
            # digits and a space, never ends in a note's path).
            if chunk.startswith(key):
                at = len(key)
            else:
                found = chunk.find(b"\0" + key)
                if found < 0:
                    continue
                at = found + 1 + len(key)
            end = chunk.find(b"\0", at)
            lines.add((key[:-1], chunk[at : end if end >= 0 else len(chunk)]))
            break
    return lines


def notes_in(lines: Iterable[tuple[bytes, bytes]]) -> dict[str, FileStat]:
    """Each note's path -> (size, mtime_ns), in path order, from lines of a listing."""
    found = []
    for path, stat_text in lines:
        size, mtime_ns = stat_text.split(b" ")
        found.append((path.decode("utf-8", "surrogateescape"), (int(size), int(mtime_ns))))
    found.sort()
    return dict(found)


def is_utf8(path: str) -> bool:
    """Whether a path from the walk was valid UTF-8. One that was not holds
    surrogate escapes of its other bytes (see :func:`notes_in`): no note can be
    stored or linked under it."""
    if path.isascii():
        return True
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(path: str) -> str:
    """A path as a message shows it: a byte that is not UTF-8 as ``\\xff``."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


_BY_FD = os.scandir in os.supports_fd


@contextlib.contextmanager
def _entries(folder: str):
    """The entries of a folder. Where the platform allows, it is listed through an
    open descriptor, so that stat-ing each of thousands of notes looks up one
    name rather than a whole path (some 10 ms of a warm index of 11,615 notes)."""
    if not _BY_FD:
        with os.scandir(folder) as entries:
            yield entries
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        with os.scandir(fd) as entries:
            yield entries
    finally:
        os.close(fd)


def is_note_path(rel: str, excluded) -> bool:
    """Whether a vault-relative path names a note vaultnet reads (SPEC 1)."""
    return (rel.endswith(".md") and not any(part.startswith(".") for part in rel.split("/"))
            and not excluded(rel))


def stat_notes(vault: Path, paths, exclude: tuple[str, ...] = ()) -> dict[str, FileStat]:
    """Like :func:`list_notes`, for the given vault-relative paths only: those
    that are notes and exist."""
    excluded = exclude_matcher(exclude)
    found = {}
    for rel in sorted(set(paths)):
        if not is_note_path(rel, excluded):
            continue
        try:
            st = os.stat(vault / rel)
        except OSError:
            try:  # iCloud took it off the Mac (see _list_placeholder)
                st = os.stat(vault / icloud_placeholder(rel), follow_symlinks=False)
            except OSError:
                continue
        if stat.S_ISREG(st.st_mode):
            found[rel] = (st.st_size, st.st_mtime_ns)
    return found


# Read as bytes, without Windows' newline translation.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)
_READ_SIZE = 1 << 16  # one read holds almost every note


def read_note(vault: Path, path: str) -> bytes:
    """The raw bytes of one note; the parser decodes them. OSError when it cannot
    be read, its ``strerror`` saying why in the user's words for a symbolic link
    to nothing.

    With the operating system's calls and a joined string: ``open(vault / path)``
    cost four times as much (pathlib's join and a buffered file object), 0.25 s of
    CPU for the 11,615 notes a first index reads."""
    full = os.path.join(vault, path)
    try:
        fd = os.open(full, _READ_FLAGS)
    except OSError as exc:
        if exc.errno not in (errno.ENOENT, errno.ELOOP):
            raise
        try:
            target = os.readlink(full)
        except OSError:
            if os.path.lexists(icloud_placeholder(full)):
                raise OSError(exc.errno, "iCloud keeps it online only, not on this Mac; "
                              "download it (in Finder: Download Now), or make the vault's "
                              "folder Keep Downloaded") from None
            raise exc from None  # no link: the note itself is gone
        raise OSError(exc.errno, f"a symbolic link to {target}, which leads to no file; "
                      "restore what it points to, or remove the link") from None
    try:
        chunks = []
        while chunk := os.read(fd, _READ_SIZE):  # until the end: a read may return less
            chunks.append(chunk)
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def digest(data: bytes) -> str:
    """The content hash the index keeps of a note, and a watcher of a page it wrote."""
    return _blake2b()(data, digest_size=16).hexdigest()


@functools.cache
def _blake2b():
    """``hashlib.blake2b`` itself, taken from where hashlib takes it: importing
    hashlib also loads OpenSSL's library (~5 ms), which this hash never uses."""
    try:
        from _blake2 import blake2b
    except ImportError:  # an interpreter built without it: hashlib has another
        from hashlib import blake2b
    return blake2b
