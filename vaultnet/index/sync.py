"""Bring the index up to date with the vault: discover -> parse -> index.

Incremental in the manner of zk and git: the sorted paths on disk are compared
with the index's; only new notes, notes whose size or mtime changed (and whose
content hash then differs), and deleted notes are touched, all in one
transaction. A note whose mtime is within :data:`RACY_NS` of the moment it was
read is re-hashed next time, because a same-size edit in the same timestamp
tick would otherwise look unchanged (git's "racily clean" rule).

A large batch (a first index, a rebuild, a big ``git pull``) is parsed by a
pool of worker processes, one per core, in ordered chunks, while this process
writes the finished chunks into SQLite; the result is identical to a serial run.
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from vaultnet.child import can_fork, interrupts_held, take_interrupts
from vaultnet.config import INDEX_NAME, STATE_DIR, Config
from vaultnet.discover import (
    LISTING_CHUNK,
    BackgroundListing,
    FileStat,
    digest,
    is_utf8,
    list_notes,
    listing_count,
    listing_lines,
    listing_lines_of,
    notes_in,
    read_note,
    require_vault,
    shown,
    stat_notes,
    walked_ahead,
)
from vaultnet.gcpause import paused_gc
from vaultnet.index.connection import open_index
from vaultnet.index.rows import NoteRows, note_rows
from vaultnet.index.store import Index

log = logging.getLogger(__name__)

RACY_NS = 2_000_000_000  # FAT and some network file systems keep mtimes to 2 s
PARALLEL_MIN = 2000  # below this, starting workers costs more than it saves
BACKGROUND_MIN = 2000  # notes; below this, sync_answer's fork costs more than the walk
CHUNK = 400
T = TypeVar("T")


@dataclass
class SyncResult:
    seen: int = 0
    parsed: list[str] = field(default_factory=list)  # new or changed notes, re-read
    removed: list[str] = field(default_factory=list)
    rebuilt: bool = False
    seconds: float = 0.0
    names_changed: bool = False  # titles or aliases came or went: links may mean other notes
    # A note read again, come or gone that is not a page vaultnet generated, before or
    # after: pages hold no events, names or links, so nothing computed changes with them.
    notes_changed: bool = False
    # (path, why) of each note that could not be read, and is left out: named in a
    # warning, or by `vaultnet check` as a problem.
    unreadable: list[tuple[str, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether what the index holds changed: a note read again or gone, or a rebuild
        (a note whose stat alone changed, its bytes the same, does not count)."""
        return bool(self.parsed or self.removed or self.rebuilt)


def index_path(vault: Path) -> Path:
    return vault / STATE_DIR / INDEX_NAME


# A candidate: (path, size, mtime_ns, the indexed hash or None).
Candidate = tuple[str, int, int, "str | None"]
# What reading one candidate gives: ("parsed", path, size, mtime_ns),
# ("same", path, size, mtime_ns), or ("unreadable", path, reason).
Outcome = tuple
# A share of the work: candidates, the id of the first (see _read_and_parse), now.
Job = tuple[list[Candidate], int, int]


def _read_and_parse(vault: Path, config: Config, job: Job) -> tuple[list[Outcome], NoteRows]:
    """Read a job's candidates, parse those whose bytes changed: what became of each,
    and the rows to store for those parsed.

    The i-th candidate, if parsed, gets the id ``first_id + i``: ids are given out
    before the work is shared, so workers never collide and a parallel run stores
    exactly what a serial one would."""
    from vaultnet.parse import own_page

    parser = None  # imported for the first note that needs it (not a page of vaultnet's)
    batch, first_id, now = job
    outcomes: list[Outcome] = []
    parsed = []
    for offset, (path, size, mtime_ns, old_hash) in enumerate(batch):
        if not is_utf8(path):
            # Links and the index name notes in UTF-8, as Obsidian does.
            outcomes.append(("unreadable", path, "its file name is not UTF-8; rename the file"))
            continue
        try:
            data = read_note(vault, path)
        except OSError as exc:
            outcomes.append(("unreadable", path, exc.strerror or str(exc)))
            continue
        content = digest(data)
        if content == old_hash:
            outcomes.append(("same", path, size, mtime_ns))
        else:
            note = own_page(path, data)  # without the parser's imports, after a report
            if note is None:
                if parser is None:
                    from vaultnet.parse import parse_note as parser
                note = parser(path, data, config)
            parsed.append((note, size, mtime_ns, content, now, first_id + offset))
            outcomes.append(("parsed", path, size, mtime_ns))
    return outcomes, note_rows(parsed)


_WORKER_ARGS: tuple[Path, Config] | None = None


def _worker_init(vault: Path, config: Config) -> None:
    global _WORKER_ARGS
    _WORKER_ARGS = (vault, config)
    gc.disable()  # short-lived workers that build many small objects: GC only costs
    # Ctrl-C at a terminal reaches every process of the command: the main one
    # stops the pool (and prints "Aborted!"); a worker's own traceback would only
    # bury that. SIGTERM, which the main process turns into the same interrupt
    # (cli.base.main), ends a worker at once, as the pool's terminate() expects.
    # Both came blocked from the parent (see interrupts_held), so one sent
    # before these lines is dealt with here, not raised.
    take_interrupts(sigint=signal.SIG_IGN)


def _worker_job(job: Job) -> tuple[list[Outcome], NoteRows]:
    assert _WORKER_ARGS is not None
    return _read_and_parse(*_WORKER_ARGS, job)


def _outcomes(vault: Path, config: Config, candidates: list[Candidate], first_id: int,
              now: int) -> Iterator[tuple[list[Outcome], NoteRows]]:
    """Jobs' results in candidate order, from worker processes when it pays."""
    jobs = [(candidates[i : i + CHUNK], first_id + i, now) for i in range(0, len(candidates), CHUNK)]
    workers = min(os.cpu_count() or 1, len(jobs))
    if len(candidates) < PARALLEL_MIN or workers < 2:
        for job in jobs:
            yield _read_and_parse(vault, config, job)
        return
    import multiprocessing  # only large batches need it

    # Forked workers start at once with what this process imported; but not from a
    # process that runs other threads (a watcher's file events): a lock one of them
    # holds would stay held in the workers. Spawned ones start a fresh interpreter.
    method = "fork" if can_fork() else "spawn"
    with ExitStack() as stack:  # the pool is stopped however this ends
        with interrupts_held():
            pool = stack.enter_context(multiprocessing.get_context(method).Pool(
                workers, initializer=_worker_init, initargs=(vault, config)))
        yield from pool.imap(_worker_job, jobs)


@paused_gc()  # bulk creation of small objects: cyclic GC would rescan them all, often
def sync_index(
    vault: Path,
    config: Config,
    *,
    full: bool = False,
    progress: Callable[[int], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    lock_timeout: float = 5.0,
    only: Iterable[str] | None = None,
    warn_unreadable: bool = True,
) -> tuple[Index, SyncResult]:
    """Update the vault's index and return it open, with what changed.

    ``on_start(n)`` is told how many notes will be read, ``progress(k)`` as they are.
    ``only``: look at these vault-relative paths alone (a watcher knows what
    changed) instead of walking the whole vault; a rebuild still walks it.
    ``warn_unreadable``: log a warning for each note that cannot be read (a
    caller that reports them itself says no).
    """
    started = time.perf_counter()
    require_vault(vault)  # before the index is opened, which would create its folder
    index, _ = open_index(index_path(vault), lock_timeout)
    try:
        listing = _listing(vault, config) if only is None else None
        result = _update(index, vault, config, listing, full, only, progress, on_start)
    except BaseException:
        index.close()
        raise
    if warn_unreadable:
        _warn_unreadable(result)
    result.seconds = time.perf_counter() - started
    return index, result


def _warn_unreadable(result: SyncResult) -> None:
    for path, why in result.unreadable:
        log.warning("%s: cannot read it (%s); skipped", shown(path), why)


@paused_gc()
def sync_answer(
    vault: Path,
    config: Config,
    question: Callable[[Index], T],
    *,
    progress: Callable[[int], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    lock_timeout: float = 5.0,
) -> tuple[Index, SyncResult, T]:
    """``question(index)`` asked of an index that is up to date with the vault;
    the index is returned open, with what the sync changed and the answer.

    Where a child process can walk the vault (:class:`BackgroundListing`), the
    question is asked of the index as it stands while the child walks: when the
    walk finds that nothing changed, the usual case, that answer stands and the
    two took the time of the longer. Otherwise the index is brought up to date and
    the question asked again, unless all that changed are the pages vaultnet
    writes (as after a report), which no answer is made of. ``question`` may
    write to the index (``due`` keeps the day's follow-ups) but must not write
    to the vault.

    Meant for a question that costs about what the walk does, as ``due``'s: the
    fork has a price (the pages this process writes afterwards are copied, some
    4,000 page faults for ``report``), and a long question asked in vain after an
    edit would delay the answer by its whole length. ``report`` measured slower
    with it and does not use it. A vault of fewer than :data:`BACKGROUND_MIN`
    notes (as last listed) is walked here: its walk takes less than a fork.
    A walk begun as the command started (:func:`~vaultnet.discover.walk_ahead`)
    is taken instead of a new one, whatever the vault's size.
    """
    started = time.perf_counter()
    require_vault(vault)  # before the index is opened, which would create its folder
    index, _ = open_index(index_path(vault), lock_timeout)
    try:
        rebuild = _rebuild_needed(index, config)
        walk = walked_ahead(vault, config.exclude)
        if (walk is None and not rebuild
                and (index.meta("listing") or 0) * LISTING_CHUNK >= BACKGROUND_MIN):
            walk = BackgroundListing(vault, config.exclude)
        with walk or nullcontext():
            early = (question(index),) if walk and walk.in_background and not rebuild else None
            listing = walk.result() if walk else list_notes(vault, config.exclude)
        result = _update(index, vault, config, listing, False, None, progress, on_start)
        stands = early is not None and not (result.rebuilt or result.notes_changed)
        answer = early[0] if stands else question(index)
    except BaseException:
        index.close()
        raise
    _warn_unreadable(result)
    result.seconds = time.perf_counter() - started
    return index, result, answer


def _listing(vault: Path, config: Config) -> list[bytes]:
    """The vault's listing: the one walked ahead as the command started (see
    :func:`~vaultnet.discover.walk_ahead`), else walked now."""
    walk = walked_ahead(vault, config.exclude)
    if walk is None:
        return list_notes(vault, config.exclude)
    with walk:
        return walk.result()


def _update(index: Index, vault: Path, config: Config, listing: list[bytes] | None,
            full: bool, only: Iterable[str] | None, progress: Callable[[int], None] | None,
            on_start: Callable[[int], None] | None) -> SyncResult:
    """The body of :func:`sync_index`, with the index open and the vault walked
    (``listing``; None when the watcher said what to look at: ``only``).

    What to update is decided under the write lock: another command (a watcher,
    a second command started together) may have made the same update since
    this one looked, and its notes must not be stored twice."""
    rebuild = full or _rebuild_needed(index, config)
    if not rebuild and listing is not None and _unchanged(index, listing):
        return SyncResult(seen=listing_count(listing))  # the usual case: no lock taken
    with index.transaction(bulk=rebuild):
        rebuild = full or _rebuild_needed(index, config)
        kept, recheck = None, set()
        if rebuild:
            if listing is None:  # a rebuild reads every note, whatever changed
                listing = list_notes(vault, config.exclude)
        elif listing is not None:
            kept, recheck = index.listing(), _paths_in(index.meta("recheck"))
            if kept == listing and not recheck:
                return SyncResult(seen=listing_count(listing))  # done meanwhile by another
        return _apply(index, vault, config, listing, rebuild, kept, recheck, only, progress,
                      on_start)


def _unchanged(index: Index, listing: list[bytes]) -> bool:
    """Whether not one path, size or mtime changed since the listing the index
    keeps, and no note was racy or unreadable then."""
    return index.listing() == listing and not _paths_in(index.meta("recheck"))


def _apply(index: Index, vault: Path, config: Config, listing: list[bytes] | None, rebuild: bool,
           kept: list[bytes] | None, recheck: set[str], only: Iterable[str] | None,
           progress: Callable[[int], None] | None,
           on_start: Callable[[int], None] | None) -> SyncResult:
    """Read what changed and store it, in :func:`_update`'s transaction: against
    the ``kept`` listing (None: a rebuild, or a look at ``only``) and the notes to
    look at again (``recheck``)."""
    look: set[str] | None = None
    if listing is None:  # a look at the paths given, by the watcher
        look = set(only)
        on_disk = stat_notes(vault, look, config.exclude)
    elif kept is not None:  # the notes whose line changed, and the racy or unreadable ones
        # The lines of the chunks that differ: a line that moved to another
        # chunk (a note added before it) is in both, and cancels out.
        differ = [i for i in range(max(len(kept), len(listing)))
                  if kept[i : i + 1] != listing[i : i + 1]]
        before = listing_lines(kept[i] for i in differ if i < len(kept))
        now_lines = listing_lines(listing[i] for i in differ if i < len(listing))
        changed = {path.decode("utf-8", "surrogateescape") for path, _ in before ^ now_lines}
        look = changed | recheck
        # A racy note's line may be unchanged: its stat is then looked up in the listing.
        on_disk = notes_in((now_lines - before) | listing_lines_of(listing, recheck - changed))
    else:
        on_disk = notes_in(listing_lines(listing))
    known = {} if rebuild else index.note_stats(look)
    gone = sorted(path for path in known if path not in on_disk)
    result = SyncResult(seen=len(on_disk) if listing is None else listing_count(listing))
    result.rebuilt = rebuild
    candidates: list[Candidate] = []
    for path, (size, mtime_ns) in _among(on_disk, look):
        k = known.get(path)
        if k is None:
            candidates.append((path, size, mtime_ns, None))
        elif k[1] != size or k[2] != mtime_ns or k[2] + RACY_NS > k[4]:
            candidates.append((path, size, mtime_ns, k[3]))
    result.removed = gone
    if on_start:
        on_start(len(candidates))
    now = time.time_ns()
    if rebuild:
        index.clear()
        index.set_meta("config", config.index_fingerprint())
    changed_names: set[str] = set()
    new_ids: list[int] = []
    if gone:
        ids = [known[path][0] for path in gone]
        result.notes_changed = index.holds_notes(ids)
        changed_names |= index.names_of(ids)
        index.delete_notes(ids)
    racy: set[str] = set()
    jobs = _outcomes(vault, config, candidates, index.next_id(), now)
    for outcomes, rows in jobs:
        racy |= _store(index, outcomes, rows, known, now, result, changed_names, new_ids)
        if progress:
            progress(len(outcomes))
    if rebuild:
        index.reindex()
        index.resolve(None, new_ids)
    elif changed_names or new_ids:
        added = index.names_of(new_ids)
        result.names_changed = added != changed_names
        index.resolve(changed_names | added, new_ids)
    index.refresh_contacts()
    if result.changed:
        index.set_meta("counts", None)
        # How many updates changed the notes the index holds: a watcher that finds
        # it grown by more than its own knows another command stored some.
        index.set_meta("generation", (index.meta("generation") or 0) + 1)
    if (result.rebuilt or result.notes_changed or gone
            or any(path not in known for path in result.parsed)):
        # How many updates changed what the pages are made of: a note's text, or
        # a note come or gone, a page too (whose name other links must then tell
        # apart); not a page rewritten. A report finds from it that its last
        # pages still stand.
        index.set_meta("notes_generation", (index.meta("notes_generation") or 0) + 1)
    # The next walk compares its listing with this one and looks only at the
    # lines that differ, and at the notes that were racy or unreadable: they
    # could change unseen. Not after a partial look (``only``).
    index.keep_listing(listing)
    index.set_meta("recheck", _joined(racy) if listing is not None and racy else None)
    return result


def _rebuild_needed(index: Index, config: Config) -> bool:
    """Whether the index must be built again: new (a new index holds no settings),
    or built under other settings."""
    return index.meta("config") != config.index_fingerprint()


def _joined(paths: set[str]) -> bytes:
    return "\0".join(sorted(paths)).encode("utf-8", "surrogateescape")


def _paths_in(value) -> set[str]:
    """The paths of a NUL-separated list kept in ``meta`` (none: empty)."""
    if not isinstance(value, bytes) or not value:
        return set()
    return set(value.decode("utf-8", "surrogateescape").split("\0"))


def _among(on_disk: dict[str, FileStat], look: set[str] | None):
    """The (path, stat) of the notes on disk, or of those among ``look``, in path order."""
    if look is None:
        return on_disk.items()
    return [(path, on_disk[path]) for path in sorted(look) if path in on_disk]


def _store(index: Index, outcomes: list[Outcome], rows: NoteRows, known: dict, now: int,
           result: SyncResult, changed_names: set[str], new_ids: list[int]) -> set[str]:
    """Store a job's outcomes; the paths of the notes that are racy (see RACY_NS) or
    could not be read, to look at again next time whatever their stat says."""
    racy: set[str] = set()
    touched, replaced = [], []
    for outcome in outcomes:
        kind = outcome[0]
        if kind == "unreadable":
            result.unreadable.append(outcome[1:])
            racy.add(outcome[1])
            continue
        _, path, size, mtime_ns = outcome
        if mtime_ns + RACY_NS > now:
            racy.add(path)
        if kind == "same":
            touched.append((size, mtime_ns, now, known[path][0]))
        else:
            if path in known:
                replaced.append(known[path][0])
            result.parsed.append(path)
    if replaced:
        result.notes_changed = result.notes_changed or index.holds_notes(replaced)
        changed_names |= index.names_of(replaced)
        index.delete_notes(replaced)
    if touched:
        index.touch_notes(touched)
    if rows.notes:
        generated = (row[4] for row in rows.notes)  # (see note_rows)
        result.notes_changed = result.notes_changed or not all(generated)
        new_ids += index.insert_rows(rows)
    return racy
