"""`vaultnet watch`: keep the index and the generated pages current while notes change.

The shape is mkdocs' live reload: the watchdog handler only records which
paths changed and wakes the loop; the loop waits until the changes stop for a
moment (the debounce), then re-indexes those notes alone and regenerates the
pages, writing only those whose bytes changed. A burst (a `git pull` of a
thousand notes) is one cycle. A cycle that fails is reported and the loop
goes on: the next change gets another try.

Editors save in many ways (in place, or a temporary file renamed over the
note, as vim with ``backupcopy=no``, JetBrains' ``___jb_tmp___`` dance,
Obsidian and VS Code do): every event counts by the path it leaves behind, the
destination of a move. Only notes, the config and page templates matter, so
swap and temporary files (``.swp``, ``4913``, ``~``, ``.tmp``, dot-files) never
wake the loop. vaultnet's own page writes are recognised by their content: an
event on a page whose bytes are what vaultnet last wrote there is dropped.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from watchdog.events import (
    EVENT_TYPE_CLOSED_NO_WRITE,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MOVED,
    EVENT_TYPE_OPENED,
    FileSystemEvent,
    FileSystemEventHandler,
)

from vaultnet import clock as clock_module
from vaultnet.config import CONFIG_NAME, STATE_DIR, Config, load_config
from vaultnet.discover import exclude_matcher, is_note_path, list_notes, require_vault
from vaultnet.errors import VaultnetError, VaultNotFound, cannot_write
from vaultnet.gcpause import paused_gc
from vaultnet.index import Index, sync_index
from vaultnet.model import Problem
from vaultnet.obsidian import OBSIDIAN_SETTINGS
from vaultnet.report import Changes, Snapshot, write_report
from vaultnet.words import count
from vaultnet.write import file_digest

log = logging.getLogger(__name__)

RECONCILE_SECONDS = 300.0  # a full walk now and then catches events the OS dropped
MAX_WAIT_FACTOR = 20  # a never-ending stream of events still gets a cycle this often
TICK = 0.25  # how often the loop looks at the stop flag and the clock
MOST_PROBLEMS = 20  # problems said after a cycle; `vaultnet check` has them all

_FIXES = {
    errno.ENOSPC: "raise the limit: sudo sysctl fs.inotify.max_user_watches=524288 "
                  "(and add it to /etc/sysctl.conf)",
    errno.EMFILE: "raise the limit: sudo sysctl fs.inotify.max_user_instances=512 "
                  "(and add it to /etc/sysctl.conf)",
}


def _rel(vault: str, path: str | bytes) -> str | None:
    """The vault-relative ``/`` path of an event's path (absolute, as scheduled)."""
    path = os.fsdecode(path)
    if not path.startswith(vault + os.sep):
        return None
    return path[len(vault) + 1:].replace(os.sep, "/")


class _Recorder(FileSystemEventHandler):
    """Runs on watchdog's thread: records what changed, nothing more."""

    def __init__(self, vault: Path, wake: threading.Event, excluded) -> None:
        self.vault = os.fspath(vault.resolve())
        self.wake = wake
        self.excluded = excluded  # the config's exclude globs, as a function of a path
        self.lock = threading.Lock()
        # (real path, vault-relative path) of the folders linked into the vault,
        # watched where they are: their events name the real path.
        self.links: list[tuple[str, str]] = []
        self.paths: set[str] = set()
        self.full = False  # a folder moved or vanished: walk the whole vault
        self.generation = 0  # bumps with every relevant event, for the debounce

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in (EVENT_TYPE_OPENED, EVENT_TYPE_CLOSED_NO_WRITE):
            return
        if event.is_directory:
            if event.event_type not in (EVENT_TYPE_MOVED, EVENT_TYPE_DELETED):
                # A folder's listing changed, or a new folder: watchdog reports the
                # files in it (new folders are scanned), so their events suffice.
                return
            # The vault itself deleted or moved (a polling observer says so) counts too.
            rel = "" if os.fsdecode(event.src_path) == self.vault else self._rel(event.src_path)
            if rel is None or any(p.startswith(".") for p in rel.split("/") if p):
                return
            with self.lock:
                self.full = True
                self.generation += 1
            self.wake.set()
            return
        found = [rel for path in (event.src_path, getattr(event, "dest_path", ""))
                 if path and (rel := self._rel(path)) and _relevant(rel, self.excluded)]
        if found:
            with self.lock:
                self.paths.update(found)
                self.generation += 1
            self.wake.set()

    def _rel(self, path: str | bytes) -> str | None:
        """The vault-relative path of an event's path, in the vault or a linked folder."""
        path = os.fsdecode(path)
        found = _rel(self.vault, path)
        if found is None:
            for real, rel in self.links:
                if path.startswith(real + os.sep):
                    return f"{rel}/{path[len(real) + 1:].replace(os.sep, '/')}"
        return found

    def take(self) -> tuple[set[str], bool]:
        with self.lock:
            paths, full = self.paths, self.full
            self.paths, self.full = set(), False
        return paths, full


_CONFIG = f"{STATE_DIR}/{CONFIG_NAME}"
_TEMPLATES = f"{STATE_DIR}/templates/"


def _relevant(rel: str, excluded) -> bool:
    """A note, the settings (vaultnet's, Obsidian's that it reads) or a page
    template; never a swap or temporary file."""
    if rel == _CONFIG or rel in OBSIDIAN_SETTINGS:
        return True
    if rel.startswith(_TEMPLATES):
        return rel.endswith(".md") and "/" not in rel[len(_TEMPLATES):]
    return is_note_path(rel, excluded)


@dataclass
class Cycle:
    """What one cycle did, for its line on stderr."""

    reason: str
    reloaded: list[str] = field(default_factory=list)  # "settings", "templates"
    read: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None
    problems: int | None = None  # at the start: all of the vault's, as `vaultnet check` counts
    found: list[Problem] = field(default_factory=list)  # in the notes just read
    fixed: list[str] = field(default_factory=list)  # notes read whose problems are gone

    def line(self) -> str:
        parts = [self.reason]
        if self.reloaded:
            parts.append(f"{' and '.join(self.reloaded)} read again")
        if self.error:
            return f"{'; '.join(parts)}; failed: {self.error}; still watching"
        if self.read or self.removed:
            names = self.read[:3] + [f"-{p}" for p in self.removed[: max(0, 3 - len(self.read))]]
            more = len(self.read) + len(self.removed) - len(names)
            parts.append(f"{len(self.read)} read, {len(self.removed)} removed "
                         f"({', '.join(names)}{f' and {more} more' if more > 0 else ''})")
        parts.append("wrote " + ", ".join(self.written) if self.written else "pages unchanged")
        if self.refused:
            parts.append("not written: " + ", ".join(self.refused))
        line = f"{'; '.join(parts)} in {self.seconds:.2f} s"
        if self.problems:
            line += f"; {count(self.problems, 'problem')}: run `vaultnet check`"
        return line

    def problem_lines(self) -> list[str]:
        """The problems of the notes just read, as `vaultnet check` writes them
        (the first :data:`MOST_PROBLEMS`), and the notes that have none left."""
        lines = [f"{p.path}:{p.line}: {p.message}" for p in self.found[:MOST_PROBLEMS]]
        if len(self.found) > MOST_PROBLEMS:
            lines.append(f"and {len(self.found) - MOST_PROBLEMS} more: run `vaultnet check`")
        if len(self.fixed) > MOST_PROBLEMS:  # settings that settle many at once
            return [*lines, f"{count(len(self.fixed), 'note')} with no problem left"]
        return lines + [f"{path}: no problem left" for path in self.fixed]


class Watcher:
    """Watch ``vault`` until :meth:`stop`; ``report`` gets one line per cycle,
    and under it a line per problem found in the notes it read."""

    def __init__(self, vault: Path, *, today: date | None = None, poll: bool = False,
                 debounce: float = 0.1, report: Callable[[str], None] = print,
                 clock: Callable[[], date] | None = None, observer_factory=None,
                 reconcile_seconds: float = RECONCILE_SECONDS) -> None:
        require_vault(vault)
        self.vault = vault
        self.pinned = today
        self.poll = poll
        self.debounce = debounce
        self.report = report
        self.clock = clock or clock_module.today
        self.observer_factory = observer_factory
        self.reconcile_seconds = reconcile_seconds
        self.stopping = threading.Event()
        self.wake = threading.Event()
        self.config: Config = load_config(vault)
        self.recorder = _Recorder(vault, self.wake, exclude_matcher(self.config.exclude))
        self.env = None
        self.snapshot = Snapshot(self.config)  # the people, kept between cycles
        self.generation: int | None = None  # the index's generation after the last cycle
        self.own: dict[str, str] = {}  # page path -> digest of the bytes vaultnet wrote
        self.observer = None
        self.mode = ""
        self.troubled: set[str] = set()  # notes whose problems were said, until gone

    # --- the loop ---------------------------------------------------------------------

    def stop(self) -> None:
        self.stopping.set()
        self.wake.set()

    def run(self) -> None:
        self.observer = self._start_observer()
        try:
            self.day = self.pinned or self.clock()
            self._cycle("started", None)
            next_reconcile = time.monotonic() + self.reconcile_seconds
            while not self.stopping.is_set():
                if self.wake.wait(TICK):
                    self._settle()
                    if self.stopping.is_set():
                        break
                    self.wake.clear()
                    paths, full = self.recorder.take()
                    if full:
                        self._cycle("folders changed", None)
                    elif paths := self._not_ours(paths):
                        self._cycle("changed", paths)
                today = self.pinned or self.clock()
                if today != self.day:
                    self.day = today
                    self._cycle(f"new day {today.isoformat()}", set())
                if self.mode == "native" and not self._observer_alive():
                    self._fall_back("the file-event thread stopped")  # or the vault went away
                if time.monotonic() >= next_reconcile:
                    next_reconcile = time.monotonic() + self.reconcile_seconds
                    self._cycle("reconcile", None, quiet=True)
        finally:
            self.observer.stop()
            self.observer.join(timeout=2)

    def _settle(self) -> None:
        """Wait until no event has come for the debounce time (at most a while)."""
        deadline = time.monotonic() + max(self.debounce * MAX_WAIT_FACTOR, 2.0)
        while not self.stopping.is_set():
            seen = self.recorder.generation
            self.stopping.wait(self.debounce)
            if self.recorder.generation == seen or time.monotonic() >= deadline:
                return

    def _is_page(self, rel: str) -> bool:
        return (rel in self.own or rel in (self.config.follow_ups_page, self.config.balance_page)
                or rel.startswith(self.config.reviews_folder + "/"))

    def _not_ours(self, paths: set[str]) -> set[str]:
        """Drop events on pages that hold exactly what vaultnet last wrote."""
        return {p for p in paths
                if p not in self.own or file_digest(self.vault / p) != self.own[p]}

    def _cycle(self, reason: str, paths: set[str] | None, quiet: bool = False) -> None:
        """Index ``paths`` (None: walk the vault) and write the pages; a vault that
        went away stops the watcher (:class:`VaultNotFound`)."""
        if not os.path.isdir(self.vault):
            raise VaultNotFound(f"{self.vault}: the vault went away (deleted or moved); "
                                "stopped watching")
        # The cyclic garbage collector would rescan every person kept in memory
        # in the middle of a cycle (a third of its time on a large vault): it waits
        # until the cycle is over, and what a full load keeps is frozen out of its
        # sight (refcounting still frees it when it is replaced).
        with paused_gc():
            self._run_cycle(reason, paths, quiet)

    def _run_cycle(self, reason: str, paths: set[str] | None, quiet: bool) -> None:
        started = time.perf_counter()
        full = paths is None or self.snapshot.vault is None
        cycle = Cycle(reason)
        try:
            if paths:
                cycle.reloaded = [what for what, changed in (
                    ("settings", _CONFIG in paths or not paths.isdisjoint(OBSIDIAN_SETTINGS)),
                    ("templates", any(p.startswith(_TEMPLATES) for p in paths))) if changed]
            if "templates" in cycle.reloaded:
                self.env = None  # templates are compiled again
            if "settings" in cycle.reloaded:
                self.config = load_config(self.vault)
                self.recorder.excluded = exclude_matcher(self.config.exclude)
                self.env, paths = None, None  # folders or excludes may have changed: walk
                self.snapshot = Snapshot(self.config)
            if paths:
                paths = {p for p in paths if not p.startswith(_TEMPLATES)}
            index, result = sync_index(self.vault, self.config, only=paths)
            try:
                # Another command (a `vaultnet due` run just after a save) may have
                # stored notes since the last cycle: this sync then finds them stored,
                # and what they changed is not known here. Everything is loaded again.
                generation = index.meta("generation") or 0
                others = (self.generation is not None
                          and generation != self.generation + result.changed)
                self.generation = generation
                changes = Changes(index.take_changes(), set(result.parsed), set(result.removed),
                                  everything=result.rebuilt or result.names_changed or others)
                # Pages vaultnet wrote are re-read as generated pages: not news.
                cycle.read = [p for p in result.parsed if not self._is_page(p)]
                cycle.removed = result.removed
                if quiet and not (cycle.read or cycle.removed):
                    return
                if self.env is None:
                    from vaultnet.render import environment

                    self.env = environment(self.vault)
                pages = write_report(self.vault, index, self.config, self.day,
                                     real_today=self.clock(), env=self.env,
                                     snapshot=self.snapshot, changes=changes)
                self._problems(index, cycle, everything=reason == "started")
            finally:
                index.close()
        except (VaultnetError, OSError) as exc:
            cycle.error = cannot_write(exc) or str(exc)
            self.snapshot = Snapshot(self.config)  # it may have missed changes: load afresh
        except Exception as exc:  # a watcher must outlive any one bad cycle
            log.debug("cycle failed", exc_info=True)
            cycle.error = cannot_write(exc) or f"unexpected {type(exc).__name__}: {exc}"
            self.snapshot = Snapshot(self.config)
        else:
            for page in pages:
                if page.digest:
                    self.own[page.path] = page.digest
            cycle.written = [p.path for p in pages if p.status in ("created", "updated")]
            cycle.refused = [p.path for p in pages if p.status == "refused"]
            if full or changes.everything:
                gc.collect()
                gc.freeze()
        cycle.seconds = time.perf_counter() - started
        self.report("\n".join([cycle.line(), *cycle.problem_lines()]))

    def _problems(self, index: Index, cycle: Cycle, everything: bool) -> None:
        """At the start, how many problems the vault has; then those of each note
        read, as it is saved (a typo in a person's YAML is seen at once), and the
        notes whose problems are gone. Problems across notes (two claiming a
        name, a copy of a note) take the whole vault: `vaultnet check` lists them."""
        if everything:
            cycle.problems = len(index.problems(self.config.daily_folders,
                                                self.config.daily_formats, self.day))
            self.troubled = {p.path for p in index.problems_in()}
            return
        cycle.found = index.problems_in(cycle.read)
        now = {p.path for p in cycle.found}
        gone = set(cycle.read) - now | set(cycle.removed)
        cycle.fixed = sorted(self.troubled & gone - set(cycle.removed))
        self.troubled = self.troubled - gone | now

    # --- observers --------------------------------------------------------------------

    def _start_observer(self):
        if not self.poll:
            try:
                observer = (self.observer_factory or _native_observer)()
                observer.schedule(self.recorder, self.recorder.vault, recursive=True)
                for rel in self._linked_folders():  # events do not cross a link
                    real = os.path.realpath(os.path.join(self.recorder.vault, rel))
                    observer.schedule(self.recorder, real, recursive=True)
                    self.recorder.links.append((real, rel))
                observer.start()
                self.mode = "native"
                self.report(f"watching {self.recorder.vault} with the operating system's file events; "
                            "Ctrl-C to stop")
                return observer
            except OSError as exc:
                fix = _FIXES.get(exc.errno, "or run `vaultnet watch --poll`")
                self.report(f"file events are unavailable ({exc.strerror or exc}); polling the "
                            f"vault every second instead. To use events, {fix}")
        return self._polling()

    def _linked_folders(self) -> list[str]:
        """The vault's folders that are symbolic links to folders outside it (found
        once, as the watcher starts; one linked later is seen by the full walks)."""
        links: list[str] = []
        with contextlib.suppress(OSError, VaultnetError):
            list_notes(Path(self.recorder.vault), links=links)
        return links

    def _polling(self):
        from watchdog.observers.polling import PollingObserver

        observer = PollingObserver(timeout=1)
        observer.schedule(self.recorder, self.recorder.vault, recursive=True)
        observer.start()
        self.mode = "polling"
        if self.poll:
            self.report(f"watching {self.recorder.vault} by polling every second; Ctrl-C to stop")
        return observer

    def _observer_alive(self) -> bool:
        return self.observer.is_alive() and all(
            e.is_alive() for e in getattr(self.observer, "emitters", ()))

    def _fall_back(self, why: str) -> None:
        self.observer.stop()
        if os.path.isdir(self.vault):
            self.report(f"{why}; polling the vault every second instead")
            self.observer = self._polling()
        self._cycle("reconcile", None, quiet=True)


def _native_observer():
    from watchdog.observers import Observer

    return Observer()

