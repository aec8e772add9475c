"""Bring the index up to date with the vault: discover -> parse -> index.

Incremental in the manner of zk and git: the sorted paths on disk are compared
with the index's; only new notes, notes whose size or mtime changed (and whose
content hash then differs), and deleted notes are touched, all in one
transaction. A note whose mtime is within :data:`RACY_NS` of the moment it was
read is re-hashed next time, because a same-size edit in the same timestamp
tick would otherwise look unchanged (git's "racily clean" rule).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from vaultnet.config import INDEX_NAME, STATE_DIR, Config
from vaultnet.discover import discover_notes, read_note
from vaultnet.index.store import Index, open_index

log = logging.getLogger(__name__)

RACY_NS = 2_000_000_000  # FAT and some network file systems keep mtimes to 2 s


@dataclass
class SyncResult:
    seen: int = 0
    parsed: list[str] = field(default_factory=list)  # new or changed notes, re-read
    removed: list[str] = field(default_factory=list)
    rebuilt: bool = False
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.parsed or self.removed)


def index_path(vault: Path) -> Path:
    return vault / STATE_DIR / INDEX_NAME


def sync_index(
    vault: Path,
    config: Config,
    *,
    full: bool = False,
    progress: Callable[[int], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    lock_timeout: float = 5.0,
) -> tuple[Index, SyncResult]:
    """Update the vault's index and return it open, with what changed.

    ``on_start(n)`` is told how many notes will be read, ``progress(1)`` after each.
    """
    started = time.perf_counter()
    on_disk = discover_notes(vault, config.exclude)
    index, fresh = open_index(index_path(vault), lock_timeout)
    result = SyncResult(seen=len(on_disk))
    try:
        fingerprint = config.index_fingerprint()
        rebuild = full or fresh or index.meta("config") != fingerprint
        known = {} if rebuild else index.note_stats()
        result.rebuilt = rebuild
        candidates = [
            path for path, stat in on_disk.items()
            if (k := known.get(path)) is None
            or k[1] != stat.size or k[2] != stat.mtime_ns or k[2] + RACY_NS > k[4]
        ]
        if on_start:
            on_start(len(candidates))
        from vaultnet.parse import parse_note  # the parser's imports are only paid when needed

        now = time.time_ns()
        parsed, touched, replaced = [], [], []
        for path in candidates:
            stat = on_disk[path]
            try:
                data = read_note(vault, path)
            except OSError as exc:
                log.warning("%s: cannot read it (%s); skipped", path, exc.strerror or exc)
                continue
            digest = hashlib.blake2b(data, digest_size=16).hexdigest()
            old = known.get(path)
            if old is not None and old[3] == digest:
                touched.append((stat.size, stat.mtime_ns, now, old[0]))
            else:
                if old is not None:
                    replaced.append(old[0])
                parsed.append((parse_note(path, data, config), stat.size, stat.mtime_ns, digest, now))
                result.parsed.append(path)
            if progress:
                progress(1)
        gone = [path for path in known if path not in on_disk]
        result.removed = gone
        with index.transaction():
            if rebuild:
                index.clear()
                index.set_meta("config", fingerprint)
            index.delete_notes([known[path][0] for path in gone] + replaced)
            index.touch_notes(touched)
            index.insert_notes(parsed)
    except BaseException:
        index.close()
        raise
    result.seconds = time.perf_counter() - started
    return index, result
