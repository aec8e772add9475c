"""The one place that writes files into the vault.

Writes are atomic (a temporary file in the same folder, then ``os.replace``,
as jrnl does), so a crash or Ctrl-C never leaves half a file behind. A
listing of the vault walked before the first write is forgotten then (see
:func:`vaultnet.discover.walk_ahead`): it no longer says what is on disk.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterator
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


_CHECKSUM = "<!-- vaultnet:checksum {} -->"
_CHECKSUM_LINE = re.compile(r"^<!-- vaultnet:checksum ([0-9a-f]{16}) -->[ \t]*(?:\r?\n|$)", re.M)
# A wikilink, and where a Markdown link leads: <a path>, or one with (parentheses).
_LINK_TARGET = re.compile(r"\[\[[^\[\]\n]*+\]\]|\]\((?:<[^<>\n]*+>|(?:[^()\n]|\([^()\n]*+\))*+)\)")


def _checksum(text: str) -> str:
    """The checksum of the text between a page's markers, without its white space
    (an editor that trims lines or pads tables changes no word) and where its
    links lead (Obsidian updates the links of every note to one renamed)."""
    words = _LINK_TARGET.sub(lambda m: "[[]]" if m[0][0] == "[" else "]()", text)
    return digest("".join(words.split()).encode("utf-8"))[:16]


def _sealed(block: str) -> str:
    """``block`` (from the begin marker to the end marker) with a checksum line
    before its end marker, by which the next report sees whether someone wrote
    between the markers since."""
    inside = block[len(BEGIN):-len(END)].rstrip("\n") + "\n\n"  # apart from a table or list
    return f"{BEGIN}{inside}{_CHECKSUM.format(_checksum(inside))}\n{END}"


def _edited_at(old: str, begin: int, end: int) -> int | None:
    """The line of the checksum line of a page whose text between the markers
    (``old[begin:end]``) is not what vaultnet wrote there, else None.

    A page without a checksum line (written before vaultnet wrote them, or whose
    line was deleted to let vaultnet write over a change) is written over, and
    so is one with two: two of vaultnet's versions of it, merged by git with a
    conflict (two sides that changed the part changed its checksum line too) or
    by a sync service."""
    inside = old[begin + len(BEGIN):end]
    sums = list(_CHECKSUM_LINE.finditer(inside))
    if len(sums) != 1:
        return None
    if _checksum(_CHECKSUM_LINE.sub("", inside)) == sums[0][1]:
        return None
    return old.count("\n", 0, begin + len(BEGIN) + sums[0].start()) + 1


def edited_message(line: int) -> str:
    """What to do about a page someone wrote in between its markers (its checksum line
    is ``line``)."""
    return ("the text between its vaultnet markers was changed since vaultnet wrote it, and "
            "writing the page would lose the change; move what you wrote there above "
            f"`{BEGIN}` or below `{END}` (what you did goes in the person's or skill's note: "
            f"vaultnet log, vaultnet practice), or delete line {line} "
            f"(`{_CHECKSUM.format('…')}`) to let vaultnet write over it")


def page_problem(path: Path) -> tuple[int, str] | None:
    """(line, what to do) of a page the next report will not write for what was
    written in or around its markers: between them since vaultnet wrote it, or a
    second begin marker; None for any other page, or no page."""
    try:
        old = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    found = _markers(old)
    if found is None:
        line = _second_begin_line(old)
        return line, _two_begins_message(line)
    line = _edited_at(old, *found) if -1 not in found else None
    return None if line is None else (line, edited_message(line))


def _second_begin_line(page: str) -> int:
    second = list(_marker_lines(page, BEGIN))[1]
    return page.count("\n", 0, second) + 1


def _two_begins_message(line: int) -> str:
    return (f"it has more than one `{BEGIN}` line (the second is line {line}), and vaultnet "
            "cannot tell which one begins its text, so it leaves the page alone; indent the ones "
            "you wrote by a space (a marker counts only at the start of a line)")


def page_digest(path: Path) -> str | None:
    """The digest of a page's bytes (as :func:`write_page` gives it), None when it
    cannot be read: a report that finds its pages as it left them writes nothing."""
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


# A marker counts at the start of a line, where vaultnet writes it: one quoted in
# the person's own words ("vaultnet writes between `<!-- vaultnet:begin -->`
# and ...") is theirs, and so is the text after it. (Found with str.find: a
# pattern anchored at every line's start took 5 ms over a large Balance.md.)
def _marker_lines(text: str, marker: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """Where ``marker`` starts a line of ``text[start:end]``: after a line end (LF,
    or a CR alone, as classic Mac files end lines), or at the text's very start,
    after a byte-order mark or not."""
    at = text.find(marker, start, end)
    while at >= 0:
        if at == 0 or text[at - 1] in "\n\r" or (at == 1 and text[0] == "\ufeff"):
            yield at
        at = text.find(marker, at + 1, end)


def first_block(text: str) -> tuple[int, int]:
    """Where the first begin marker of ``text`` starts and the first end marker
    after it; -1: none (markers at the start of a line only)."""
    begin = next(_marker_lines(text, BEGIN), -1)
    if begin < 0:
        return -1, -1
    return begin, next(_marker_lines(text, END, begin + len(BEGIN)), -1)


def _markers(page: str) -> tuple[int, int] | None:
    """Where a page's begin marker and the end marker after it start (-1: none),
    as :func:`first_block` finds them. A page with two begin markers (one the
    person wrote in a code block, say) has vaultnet's block where one of them is
    followed by vaultnet's checksum line before the end marker and no other begin
    marker; None when not one is, or more than one."""
    begins = list(_marker_lines(page, BEGIN))
    if len(begins) < 2:
        return first_block(page)
    blocks = []
    for begin in begins:
        inside = begin + len(BEGIN)
        end = next(_marker_lines(page, END, inside), -1)
        if (end >= 0 and next(_marker_lines(page, BEGIN, inside, end), -1) < 0
                and len(_CHECKSUM_LINE.findall(page, inside, end)) == 1):
            blocks.append((begin, end))
    return blocks[0] if len(blocks) == 1 else None


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
    was. A page without the markers is the person's own and is never touched;
    nor is one whose text between the markers someone changed since vaultnet
    wrote it (its checksum line says), since that change would be lost.
    """
    start, stop = first_block(rendered)  # (render checks that the template wrote both)
    stop += len(END)
    block = _sealed(rendered[start:stop])
    rendered = rendered[:start] + block + rendered[stop:]
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
    found = _markers(old)
    if found is None:
        raise PageRefused(f"{rel}: {_two_begins_message(_second_begin_line(old))}")
    begin, end = found
    if begin < 0 or end < 0:
        what = "has no" if begin < 0 else "has no end marker after its"
        raise PageRefused(f"{rel}: exists and {what} `{BEGIN}` marker at the start of a line, "
                          "so it is yours and vaultnet will not overwrite it; rename it, or set "
                          "another path in .vaultnet/config.toml [output]")
    if (line := _edited_at(old, begin, end)) is not None:
        raise PageRefused(f"{rel}: {edited_message(line)}")
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

    A note whose file is read-only (no one may write it) is not edited: the
    rename would replace it all the same.

    A note with a classic Mac's line ends (a CR alone, no LF: the parser reads
    them as lines, as Obsidian does) is handed to ``change`` with LFs, and keeps
    its CRs: the edits see its lines, and find its sections.
    """
    from vaultnet.errors import NoteChanged, VaultnetError
    from vaultnet.parse import NOT_TEXT, not_text

    path = vault / rel
    with _edits_locked(vault):
        original = path.read_bytes()
        if not_text(original):  # often valid UTF-8: a line added in UTF-8 would mix the two
            raise VaultnetError(f"{rel}: {NOT_TEXT}, so vaultnet will not edit it; save it "
                                "as UTF-8 first")
        lone_cr = b"\r" in original and b"\n" not in original
        new = change(original.replace(b"\r", b"\n") if lone_cr else original)
        if lone_cr:
            new = new.replace(b"\n", b"\r")
        if new == original:
            return  # nothing to change: the note is left as it is, its mtime too
        if not path.stat().st_mode & 0o222:  # made read-only: kept as it is, as an editor would
            raise VaultnetError(f"{rel}: the file is read-only, so vaultnet will not edit it; "
                                "make it writable (chmod u+w) and run the command again; "
                                "nothing was written")
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
