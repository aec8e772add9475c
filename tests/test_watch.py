"""`vaultnet watch` with real observers on real files: no event is simulated."""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from conftest import write_vault

from vaultnet.watch import Watcher

TODAY = date(2026, 11, 23)
VAULT = {
    "People/Ann.md": "---\nrole: mentor\n---\n# Ann\n\n## Log\n- 2026-10-01 coffee 30m\n",
    "People/Bo.md": "---\nrole: peer\nmet: 2026-11-20\n---\n# Bo\n",
    "Daily/2026-10-02.md": "- lunch with [[Cy]] 1h\n",
    "People/Cy.md": "---\nrole: mentor\n---\n# Cy\n",
}
REVIEW = "Reviews/2026-W48.md"
LOGGED = VAULT["People/Ann.md"] + "- 2026-11-22 call about the offsite 30m\n"


class Running:
    """A Watcher on its own thread; ``lines`` are what it reported."""

    def __init__(self, vault: Path, **options) -> None:
        self.vault = vault
        self.lines: list[str] = []
        self.changed = threading.Condition()
        options.setdefault("today", TODAY)
        options.setdefault("debounce", 0.05)
        self.watcher = Watcher(vault, report=self._report, **options)
        self.thread = threading.Thread(target=self.watcher.run, daemon=True)
        self.thread.start()
        self.wait_cycles(1)

    def _report(self, line: str) -> None:
        with self.changed:
            self.lines.append(line)
            self.changed.notify_all()

    @property
    def cycles(self) -> list[str]:
        return [line for line in self.lines
                if not line.startswith(("watching ", "file events ", "the file-event thread"))]

    def wait_cycles(self, count: int, timeout: float = 10.0) -> list[str]:
        with self.changed:
            self.changed.wait_for(lambda: len(self.cycles) >= count, timeout)
        assert len(self.cycles) >= count, f"expected {count} cycles, got {self.lines}"
        return self.cycles

    def stop(self) -> None:
        self.watcher.stop()
        self.thread.join(timeout=5)
        assert not self.thread.is_alive()

    def page(self, name: str = "Follow-ups.md") -> str:
        return (self.vault / name).read_text(encoding="utf-8")


@pytest.fixture
def watching(tmp_path):
    started: list[Running] = []

    def start(files: dict | None = None, **options) -> Running:
        vault = write_vault(tmp_path / "vault", files or VAULT)
        running = Running(vault, **options)
        started.append(running)
        return running

    yield start
    for running in started:
        running.stop()


def quiet(running: Running, seconds: float = 1.0) -> None:
    """Nothing more happens for a while (own writes, swap files: no cycle)."""
    before = list(running.lines)
    time.sleep(seconds)
    assert running.lines == before


def test_start_writes_the_pages_and_an_idle_watcher_writes_nothing(watching):
    running = watching()
    assert running.lines[0].startswith("watching ")
    assert running.cycles[0].startswith("started; 4 read, 0 removed")
    assert "wrote Follow-ups.md, Balance.md, Reviews/2026-W48.md" in running.cycles[0]
    stats = {p: (running.vault / p).stat().st_mtime_ns for p in ("Follow-ups.md", "Balance.md")}
    quiet(running, 1.5)  # its own writes did not start a cycle either
    assert stats == {p: (running.vault / p).stat().st_mtime_ns for p in stats}


def test_an_atomic_rename_save_is_one_cycle(watching):
    running = watching()
    assert "[[Ann]]" in running.page()
    temp = running.vault / "People/.Ann.md.tmp-1234"  # how Obsidian-like editors save
    temp.write_text(LOGGED, encoding="utf-8")
    os.replace(temp, running.vault / "People/Ann.md")
    cycles = running.wait_cycles(2)
    assert cycles[1].startswith("changed; 1 read, 0 removed (People/Ann.md); wrote Follow-ups.md")
    assert "[[Ann]]" not in running.page()  # in touch on the 22nd: not due any more
    quiet(running)


def test_a_note_created_by_an_atomic_rename(watching):
    running = watching()
    temp = running.vault / "People/new-note.tmp"
    temp.write_text("---\nrole: peer\nmet: 2026-11-21 at a meetup\n---\n", encoding="utf-8")
    os.replace(temp, running.vault / "People/Dee.md")
    cycles = running.wait_cycles(2)
    assert cycles[1].startswith("changed; 1 read, 0 removed (People/Dee.md)")
    assert "- **[[Dee]]**, today (2026-11-23): met 2026-11-21 at a meetup" in running.page()
    quiet(running)


def test_the_jetbrains_save_sequence_is_one_cycle(watching):
    running = watching()
    note = running.vault / "People/Ann.md"
    temp = note.with_name("Ann.md___jb_tmp___")
    old = note.with_name("Ann.md___jb_old___")
    temp.write_text(LOGGED, encoding="utf-8")
    os.rename(note, old)
    os.rename(temp, note)
    old.unlink()
    cycles = running.wait_cycles(2)
    assert cycles[1].startswith("changed; 1 read, 0 removed (People/Ann.md)")
    assert "[[Ann]]" not in running.page()
    quiet(running)


@pytest.mark.skipif(shutil.which("vim") is None, reason="vim is not installed")
@pytest.mark.parametrize("backupcopy", ["no", "yes"])
def test_a_vim_save_is_one_cycle(watching, backupcopy):
    running = watching()
    # vim writes in place for files under /tmp unless backupskip is emptied (tmp_path is there)
    subprocess.run(
        ["vim", "-u", "NONE", "-N", "-i", "NONE", "-es",
         "-c", f"set backupskip= backupcopy={backupcopy} writebackup",
         "-c", "$put ='- 2026-11-22 call about the offsite 30m'", "-c", "wq",
         str(running.vault / "People/Ann.md")],
        check=True, timeout=20, stdin=subprocess.DEVNULL)
    assert (running.vault / "People/Ann.md").read_text(encoding="utf-8") == LOGGED
    cycles = running.wait_cycles(2)
    assert cycles[1].startswith("changed; 1 read, 0 removed (People/Ann.md)")
    assert "[[Ann]]" not in running.page()
    quiet(running)


def test_a_deleted_note_is_removed(watching):
    running = watching()
    assert "[[Bo]]" in running.page()
    (running.vault / "People/Bo.md").unlink()
    cycles = running.wait_cycles(2)
    assert cycles[1].startswith("changed; 0 read, 1 removed (-People/Bo.md)")
    assert "[[Bo]]" not in running.page()


def test_renaming_a_person_stops_links_to_the_old_name_from_counting(watching):
    running = watching()
    assert "[[Cy]]" in running.page()  # last seen on 2 Oct: overdue for a monthly mentor
    os.rename(running.vault / "People/Cy.md", running.vault / "People/Cyrus.md")
    running.wait_cycles(2)
    page = running.page()
    assert "[[Cy]]" not in page
    assert "**[[Cyrus]]**, today (2026-11-23): no interaction recorded yet" in page


def test_a_day_note_that_makes_last_contact_no_second_interaction(watching):
    """A person's `last_contact:` counts unless another interaction is dated that
    day: an edited day's note changes what the person's unchanged note counts for
    (an edit that changes no note's name: the watcher reloads only what it touched)."""
    running = watching({**VAULT, "People/Dee.md": "---\nrole: peer\nlast_contact: 2026-11-23\n---\n",
                        "Daily/2026-11-23.md": "- standup\n"})
    assert "2026-11-23 last contact, from the note's properties" in running.page(REVIEW)
    (running.vault / "Daily/2026-11-23.md").write_text("- coffee with [[Dee]] 45m\n")
    running.wait_cycles(2)
    review = running.page(REVIEW)
    assert "coffee with [[Dee]] 45m" in review and "from the note's properties" not in review


def test_a_burst_of_500_notes_is_one_cycle(watching):
    running = watching()
    for number in range(500):
        (running.vault / f"Daily/burst-{number:03}.md").write_text(
            f"---\ndate: 2026-11-{1 + number % 22:02}\n---\nwith [[Bo]]\n", encoding="utf-8")
    cycles = running.wait_cycles(2)
    quiet(running, 1.0)
    assert len(running.cycles) == 2
    assert cycles[1].startswith("changed; 500 read, 0 removed")


def test_a_failed_cycle_is_reported_and_the_next_change_heals_it(watching):
    running = watching()
    template = running.vault / ".vaultnet/templates/follow-ups.md"
    template.parent.mkdir(parents=True)
    template.write_text("{% for %}", encoding="utf-8")
    cycles = running.wait_cycles(2)
    assert cycles[1].startswith("changed; templates read again; failed: ")
    assert "follow-ups.md, line 1" in cycles[1]
    assert cycles[1].endswith("; still watching")
    template.write_text("---\ngenerated_by: vaultnet\n---\n<!-- vaultnet:begin -->\nmine\n"
                        "<!-- vaultnet:end -->\n", encoding="utf-8")
    cycles = running.wait_cycles(3)
    assert "wrote Follow-ups.md" in cycles[2]
    assert re.search(r"<!-- vaultnet:begin -->\nmine\n\n<!-- vaultnet:checksum [0-9a-f]{16} -->\n"
                     r"<!-- vaultnet:end -->\n\Z", running.page())


def test_changed_settings_are_read_again_and_said(watching):
    running = watching()
    assert "[[Ann]]" in running.page()  # a mentor: every month, last seen 2026-10-01
    settings = running.vault / ".vaultnet/config.toml"
    settings.parent.mkdir(exist_ok=True)
    settings.write_text('[cadence]\nmentor = "1y"\n', encoding="utf-8")
    cycles = running.wait_cycles(2)
    assert cycles[1].startswith("changed; settings read again; ")
    assert "wrote Follow-ups.md" in cycles[1] and "[[Ann]]" not in running.page()
    settings.write_text('[cadence]\nmentor = 1y\n', encoding="utf-8")
    cycles = running.wait_cycles(3)
    assert cycles[2].startswith("changed; settings read again; failed: .vaultnet/config.toml, "
                                "line 2: ")
    assert 'text goes in quotes, mentor = "1y"' in cycles[2]


def test_obsidians_daily_note_format_is_read_again_and_said(watching):
    running = watching({**VAULT, "Daily/2026-11-22 Sunday.md": "Call with [[Ann]].\n"})
    assert "[[Ann]]" in running.page()  # a mentor: every month, last seen 2026-10-01
    settings = running.vault / ".obsidian/daily-notes.json"
    settings.parent.mkdir()
    settings.write_text('{"format": "YYYY-MM-DD dddd"}', encoding="utf-8")
    cycles = running.wait_cycles(2)
    assert cycles[1].startswith("changed; settings read again; ")
    assert "[[Ann]]" not in running.page()  # the call on Sunday counts now


def test_the_tasks_plugins_statuses_are_read_again(watching):
    # The plugin's folder is there from the start: folders made while watching race
    # in watchdog's inotify (a RuntimeWarning of its own), which is not the point here.
    settings = ".obsidian/plugins/obsidian-tasks-plugin/data.json"
    running = watching({**VAULT, settings: "{}", "People/Bo.md": VAULT["People/Bo.md"] +
                        "- [>] send Bo the deck 📅 2026-11-24\n"})
    assert "send Bo the deck" not in running.page()  # ">" is no mark vaultnet knows
    settings = running.vault / settings
    settings.write_text('{"statusSettings": {"customStatuses": [{"symbol": ">", "type": "TODO"}]}}',
                        encoding="utf-8")
    cycles = running.wait_cycles(2)
    assert cycles[1].startswith("changed; settings read again; ")
    assert "send Bo the deck" in running.page()


def test_obsidians_link_format_is_read_again_and_said(watching):
    running = watching()
    assert "**[[Ann]]**" in running.page()
    settings = running.vault / ".obsidian/app.json"
    settings.parent.mkdir()
    settings.write_text('{"useMarkdownLinks": true, "newLinkFormat": "relative"}',
                        encoding="utf-8")
    cycles = running.wait_cycles(2)
    assert cycles[1].startswith("changed; settings read again; ")
    assert "**[Ann](People/Ann.md)**" in running.page() and "[[" not in running.page()


def test_a_full_disk_is_reported_and_the_watcher_goes_on(watching, monkeypatch):
    import errno

    from vaultnet import write

    running = watching()
    real = write.atomic_write

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(write, "atomic_write", full)
    (running.vault / "People/Ann.md").write_text(LOGGED, encoding="utf-8")
    cycles = running.wait_cycles(2)
    assert cycles[1].startswith(f"changed; failed: the disk is full, so "
                                f"{running.vault / 'Follow-ups.md'} could not be written; ")
    monkeypatch.setattr(write, "atomic_write", real)
    (running.vault / "People/Ann.md").write_text(LOGGED + "- 2026-11-22 more\n", encoding="utf-8")
    assert "wrote Follow-ups.md" in running.wait_cycles(3)[2]


def test_broken_yaml_saved_mid_edit_does_not_stop_the_watcher(watching):
    running = watching()
    note = running.vault / "People/Ann.md"
    note.write_text("---\nrole: [mentor\n---\n- 2026-11-22 call 30m\n", encoding="utf-8")
    cycles = running.wait_cycles(2)
    assert "failed" not in cycles[1] and "[[Ann]]" not in running.page()
    note.write_text(LOGGED, encoding="utf-8")
    assert "failed" not in running.wait_cycles(3)[2]



def test_the_problems_of_a_note_just_saved_are_said_until_gone(watching):
    """As `vaultnet check` says them, under the cycle's line; at the start, how many
    the vault has (a sync copy of a person: a problem across notes)."""
    running = watching({**VAULT, "People/Cy 2.md": VAULT["People/Cy.md"]})
    assert running.cycles[0].endswith("; 1 problem: run `vaultnet check`")
    note = running.vault / "People/Bo.md"
    note.write_text("---\nrole: mentr\nmet: 2026-11-31\n---\n", encoding="utf-8")
    lines = running.wait_cycles(2)[1].split("\n")
    assert lines[0].startswith("changed; 1 read, 0 removed (People/Bo.md); ")
    assert lines[1:] == [
        "People/Bo.md:2: role: unknown role 'mentr' (a mentor?); use one of mentor, sponsor, peer, "
        "colleague, leader, mentee, other",
        "People/Bo.md:3: met: '2026-11-31' is not a real date: November 2026 has 30 days"]
    (running.vault / "People/Ann.md").write_text(LOGGED, encoding="utf-8")
    assert "\n" not in running.wait_cycles(3)[2]  # no problem there
    note.write_text(VAULT["People/Bo.md"], encoding="utf-8")
    assert running.wait_cycles(4)[3].split("\n")[1:] == ["People/Bo.md: no problem left"]
    note.write_text("---\nrole: [peer\n---\n", encoding="utf-8")
    assert len(running.wait_cycles(5)[4].split("\n")) == 2
    note.unlink()  # gone with the note: nothing to say
    assert running.wait_cycles(6)[5].startswith("changed; 0 read, 1 removed (-People/Bo.md)")
    assert "\n" not in running.cycles[5]


def test_a_cycle_that_reads_many_notes_says_the_first_problems_and_how_many_more():
    """A settings change or a git pull reads many notes: a screenful, not the vault."""
    from vaultnet.model import Problem
    from vaultnet.watch import MOST_PROBLEMS, Cycle

    many = MOST_PROBLEMS + 2
    cycle = Cycle("changed", found=[Problem(f"People/P{n:02}.md", 2, "role: unknown role 'x'")
                                    for n in range(many)],
                  fixed=[f"People/F{n:02}.md" for n in range(many)])
    lines = cycle.problem_lines()
    assert lines[0] == "People/P00.md:2: role: unknown role 'x'"
    assert lines[MOST_PROBLEMS:] == ["and 2 more: run `vaultnet check`",
                                     f"{many} notes with no problem left"]
    assert Cycle("changed", fixed=["People/F.md"]).problem_lines() == [
        "People/F.md: no problem left"]

@pytest.mark.parametrize("poll", [False, True])
def test_a_vault_that_goes_away_stops_the_watcher(tmp_path, poll):
    from vaultnet.errors import VaultNotFound

    vault = write_vault(tmp_path / "vault", VAULT)
    lines: list[str] = []
    raised: list[str] = []
    watcher = Watcher(vault, today=TODAY, poll=poll, debounce=0.05, report=lines.append)

    def run() -> None:
        try:
            watcher.run()
        except VaultNotFound as exc:
            raised.append(str(exc))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not any(line.startswith("started") for line in lines) and time.monotonic() < deadline:
        time.sleep(0.05)
    shutil.rmtree(vault)
    thread.join(timeout=10)
    if thread.is_alive():
        watcher.stop()
    assert not thread.is_alive()
    assert raised == [f"{vault}: the vault went away (deleted or moved); stopped watching"]


def test_a_moved_folder_walks_the_vault(watching):
    running = watching()
    os.rename(running.vault / "Daily", running.vault / "Journal")
    cycles = running.wait_cycles(2)
    assert cycles[1].startswith("folders changed; 1 read, 1 removed")


def test_polling_when_file_events_are_unavailable(watching):
    def exhausted():
        raise OSError(errno.ENOSPC, "inotify watch limit reached")

    running = watching(observer_factory=exhausted)
    assert running.lines[0] == (
        "file events are unavailable (inotify watch limit reached); polling the vault every "
        "second instead. To use events, raise the limit: sudo sysctl "
        "fs.inotify.max_user_watches=524288 (and add it to /etc/sysctl.conf)")
    (running.vault / "People/Ann.md").write_text(LOGGED, encoding="utf-8")
    running.wait_cycles(2)
    assert "[[Ann]]" not in running.page()


def test_the_pages_follow_the_date_at_midnight(watching):
    day = [date(2026, 11, 23)]
    running = watching(today=None, clock=lambda: day[0])
    assert "As of Mon 23 Nov 2026" in running.page()
    day[0] = date(2026, 11, 24)
    cycles = running.wait_cycles(2)
    assert cycles[1].startswith("new day 2026-11-24; wrote Follow-ups.md")
    assert "As of Tue 24 Nov 2026" in running.page()


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_stops_it_quickly_and_cleanly(tmp_path, signal_number):
    vault = write_vault(tmp_path / "vault", VAULT)
    process = subprocess.Popen(
        [sys.executable, "-m", "vaultnet", "watch", "--vault", str(vault), "--today", "2026-11-23"],
        stderr=subprocess.PIPE, text=True)
    try:
        first, second = process.stderr.readline(), process.stderr.readline()
        assert "watching" in first and "started" in second
        (vault / "People/Ann.md").write_text(LOGGED, encoding="utf-8")
        time.sleep(0.05)  # mid-cycle, most likely
        started = time.monotonic()
        process.send_signal(signal_number)
        assert process.wait(timeout=5) == 0
        assert time.monotonic() - started < 2.0
        assert process.stderr.read().splitlines()[-1].endswith(" stopped")
    finally:
        process.kill()
        process.wait()
        process.stderr.close()
    leftovers = [p for p in vault.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
    result = subprocess.run([sys.executable, "-m", "vaultnet", "check", "--vault", str(vault)],
                            capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == "No problems in 4 notes.\n"


def test_each_problem_gets_its_line_with_the_time(tmp_path):
    vault = write_vault(tmp_path / "vault", VAULT)
    process = subprocess.Popen(
        [sys.executable, "-m", "vaultnet", "watch", "--vault", str(vault), "--today", "2026-11-23"],
        stderr=subprocess.PIPE, text=True)
    try:
        assert "started" in process.stderr.readline() + process.stderr.readline()
        (vault / "People/Bo.md").write_text("---\nrole: mentr\ncadence: 2x\n---\n")
        lines = [process.stderr.readline() for _ in range(3)]
        assert all(re.match(r"\d\d:\d\d:\d\d ", line) for line in lines), lines
        assert lines[0][9:].startswith("changed; 1 read, 0 removed (People/Bo.md)")
        assert [line[9:24] for line in lines[1:]] == ["People/Bo.md:2:", "People/Bo.md:3:"]
    finally:
        process.kill()
        process.wait()
        process.stderr.close()


def test_under_nohup_a_closed_terminal_does_not_stop_it(tmp_path):
    """`nohup vaultnet watch &`: nohup has SIGHUP ignored, and vaultnet keeps it so."""
    vault = write_vault(tmp_path / "vault", VAULT)
    process = subprocess.Popen(
        [sys.executable, "-m", "vaultnet", "watch", "--vault", str(vault), "--today", "2026-11-23"],
        stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))
    try:
        assert "started" in process.stderr.readline() + process.stderr.readline()
        process.send_signal(signal.SIGHUP)
        with pytest.raises(subprocess.TimeoutExpired):
            process.wait(timeout=0.5)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=5) == 0
    finally:
        process.kill()
        process.wait()
        process.stderr.close()


def test_a_linked_folder_is_watched_too(tmp_path):
    """People kept in a folder outside the vault, linked in: an edit there is
    seen as it happens, not only at the watcher's next full walk."""
    shared = write_vault(tmp_path / "shared", {"Ann.md": VAULT["People/Ann.md"]})
    vault = write_vault(tmp_path / "vault", {"Daily/2026-10-02.md": "- lunch with [[Ann]] 1h\n"})
    (vault / "People").symlink_to(shared)
    running = Running(vault)
    try:
        (shared / "Ann.md").write_text(LOGGED, encoding="utf-8")
        cycles = running.wait_cycles(2)
        assert cycles[1].startswith("changed; 1 read, 0 removed (People/Ann.md); wrote Follow-ups.md")
        assert "[[Ann]]" not in running.page()  # no longer overdue: the call counts
    finally:
        running.stop()


def test_an_edit_another_command_stored_first_still_reaches_the_pages(tmp_path):
    """A save, then `vaultnet due` at once: due stores the note before the watcher's
    cycle, which finds nothing left to store; the pages show the edit all the same."""
    from vaultnet.config import Config
    from vaultnet.index import sync_index

    vault = write_vault(tmp_path / "vault", VAULT)
    running = Running(vault, debounce=0.5)
    try:
        assert "[[Ann]]" in running.page()  # overdue: last contact 2026-10-01, monthly
        (vault / "People/Ann.md").write_text(LOGGED, encoding="utf-8")
        index, result = sync_index(vault, Config())  # the other command, within the debounce
        index.close()
        assert "People/Ann.md" in result.parsed
        cycles = running.wait_cycles(2)
        assert "wrote Follow-ups.md" in cycles[1]
        assert "[[Ann]]" not in running.page()
    finally:
        running.stop()


class DroppingObserver:
    """An observer that hears nothing, as when the operating system drops events."""

    emitters = ()

    def schedule(self, *args, **kwargs):
        pass

    def start(self):
        pass

    def stop(self):
        pass

    def join(self, timeout=None):
        pass

    def is_alive(self):
        return True


def test_a_periodic_reconcile_catches_dropped_events(watching):
    running = watching(observer_factory=DroppingObserver, reconcile_seconds=0.5)
    (running.vault / "People/Ann.md").write_text(LOGGED, encoding="utf-8")
    cycles = running.wait_cycles(2)
    assert cycles[1].startswith("reconcile; 1 read, 0 removed (People/Ann.md)")
    assert "[[Ann]]" not in running.page()
    quiet(running, 1.2)  # later reconciles find nothing and say nothing


def test_a_relative_vault_path(tmp_path, monkeypatch):
    """`vaultnet watch --vault .`: events come with the paths the watch was given."""
    write_vault(tmp_path / "vault", VAULT)
    monkeypatch.chdir(tmp_path)
    running = Running(Path("vault"))
    try:
        (tmp_path / "vault/People/Ann.md").write_text(LOGGED, encoding="utf-8")
        assert running.wait_cycles(2)[1].startswith("changed; 1 read, 0 removed (People/Ann.md)")
    finally:
        running.stop()
