"""Measure vaultnet index, due and report against the floor on the standard vault.

    python bench/run.py                 # generates bench/vault (10,000 people) if absent
    python bench/run.py --large         # also a 100,000-person vault: its floor, cold index

Every figure is a whole command, interpreter start-up included, timed as the
median and the fastest of --repeat runs; peak RSS is the largest of the
command's runs. The floor is measured three times over the run (start,
middle, end), since the machine may be busier at one moment than another.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

TARGETS = {"cold": 1.5, "warm": 0.15, "one changed note": 0.2, "due": 0.15, "report": 0.5}
RSS_LIMIT_MB = 250


def run_once(command: list[str], env: dict[str, str] | None = None):
    """(seconds, resource usage) of one run of a command; stops the benchmark if it fails."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode()}")
    return seconds, usage


def timed(command: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one run of a command."""
    seconds, usage = run_once(command)
    return seconds, usage.ru_maxrss / 1024


class Figure(NamedTuple):
    times: tuple[float, ...]  # seconds, one per run
    peak: float  # MB, the largest of the runs

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def fastest(self) -> float:
        return min(self.times)


def measure(command: list[str], repeat: int, before=None) -> Figure:
    times, peaks = [], []
    for _ in range(repeat):
        if before:
            before()
        seconds, peak = timed(command)
        times.append(seconds)
        peaks.append(peak)
    return Figure(tuple(times), max(peaks))


def merged(*figures: Figure) -> Figure:
    """Runs of the same command made at different moments, as one figure."""
    return Figure(tuple(t for f in figures for t in f.times), max(f.peak for f in figures))


def vaultnet(vault: Path, *args: str, command: str = "index") -> list[str]:
    beside = Path(sys.executable).with_name("vaultnet")  # the one this Python installed
    exe = str(beside) if beside.exists() else shutil.which("vaultnet") or "vaultnet"
    return [exe, command, "--vault", str(vault), "--today", "2026-11-23", *args]


def bench(vault: Path, repeat: int) -> dict[str, Figure]:
    state = vault / ".vaultnet"
    note = sorted((vault / "People").iterdir())[0]
    original = note.read_bytes()
    counter = iter(range(10**6))

    def drop_index() -> None:
        shutil.rmtree(state, ignore_errors=True)

    def change_note() -> None:
        note.write_bytes(original + f"- 2026-11-21 bench edit {next(counter)}\n".encode())

    def edit_and_drop_review() -> None:
        """A note edited, so that the report computes its pages again. And once the
        clock is past 2026-11-29, the review of the week of --today is history and
        `report` leaves it unread: removed, every run renders all three pages, as a
        report run within the week does (and writes the review anew)."""
        change_note()
        (vault / "Reviews" / "2026-W48.md").unlink(missing_ok=True)

    def settle() -> None:
        """Let every note written moments ago age past the racy window, and index."""
        time.sleep(2.1)
        timed(vaultnet(vault))

    # The machine is shared: the floor is measured at the start, the middle and
    # the end, and every ratio is against all of its runs.
    floor = [sys.executable, str(HERE / "floor.py"), str(vault)]
    floors = [measure(floor, repeat)]
    figures = {"cold": measure(vaultnet(vault), repeat, drop_index)}
    timed(vaultnet(vault))
    settle()
    figures["warm"] = measure(vaultnet(vault), repeat)
    figures["one changed note"] = measure(vaultnet(vault), repeat, change_note)
    note.write_bytes(original)
    floors.append(measure(floor, repeat))
    # Issue 3: with a warm index, whole commands; report rewrites nothing after its first
    # run but the week's review.
    timed(vaultnet(vault, command="report"))
    settle()
    figures["due"] = measure(vaultnet(vault, command="due"), repeat)
    # As written: nothing changed since the last report, whose pages stand.
    timed(vaultnet(vault, command="report"))
    figures["report"] = measure(vaultnet(vault, command="report"), repeat)
    # After an edit, the pages computed and rendered again (no target of its own).
    figures["report, 1 edit"] = measure(vaultnet(vault, command="report"), repeat,
                                        edit_and_drop_review)
    note.write_bytes(original)
    floors.append(measure(floor, repeat))
    return {"floor": merged(*floors), **figures}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vault", type=Path, default=HERE / "vault")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--large", action="store_true", help="also time a 100,000-person vault")
    args = parser.parse_args()
    if not (args.vault / "People").is_dir():
        print(f"generating {generate(args.vault, 10_000)} notes in {args.vault} ...")
    figures = bench(args.vault, args.repeat)
    floor = figures["floor"]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print("median and fastest of --repeat runs; each against the floor's median and fastest")
    print(f"{'measure':<18} {'median':>7} {'x floor':>8} {'fastest':>8} {'x floor':>8} "
          f"{'target':>8} {'peak MB':>8}")
    for name, figure in figures.items():
        target = f"<= {TARGETS[name]}" if name in TARGETS else ""
        ok = ""
        if name in TARGETS:
            ok = "ok" if figure.median <= TARGETS[name] * floor.median else "MISSED"
        print(f"{name:<18} {figure.median:7.2f} {figure.median / floor.median:8.2f} "
              f"{figure.fastest:8.2f} {figure.fastest / floor.fastest:8.2f} {target:>8} "
              f"{figure.peak:8.0f} {ok}")
    peak = max(f.peak for f in figures.values())
    print(f"peak RSS {peak:.0f} MB (limit {RSS_LIMIT_MB} MB): {'ok' if peak <= RSS_LIMIT_MB else 'MISSED'}")
    if args.large:
        large = args.vault.with_name(args.vault.name + "-100k")
        if not (large / "People").is_dir():
            print(f"generating {generate(large, 100_000)} notes in {large} ...")
        # Its floor first, which also reads every note into the page cache, as the
        # runs before the 10k cold did; then the cold index a few times (one run
        # at ~20-40 s catches whatever phase the machine is in).
        large_floor = measure([sys.executable, str(HERE / "floor.py"), str(large)], 1)
        cold = measure(vaultnet(large), min(args.repeat, 3),
                       lambda: shutil.rmtree(large / ".vaultnet", ignore_errors=True))
        ratio = cold.median / figures["cold"].median
        print(f"100k people cold: {cold.median:.2f} s (median of {len(cold.times)}; fastest "
              f"{cold.fastest:.2f} s), {ratio:.1f} x the 10k cold (target <= 12), "
              f"{cold.median / large_floor.median:.2f} x its floor of {large_floor.median:.2f} s, "
              f"peak {cold.peak:.0f} MB")


if __name__ == "__main__":
    main()
