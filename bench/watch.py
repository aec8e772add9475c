"""Measure `vaultnet watch` on the standard vault (issue 4).

    python bench/watch.py                # bench/vault, generated if absent
    python bench/watch.py --idle 60      # seconds of idle CPU to measure

Latency: from a saved edit (a person note replaced atomically, as editors do)
to the moment Follow-ups.md shows it, including the debounce; median and 95th
percentile over --edits edits. Each edit adds a long-overdue promise, which
goes to the top of the page. Idle CPU: the watcher's CPU time over --idle
seconds without changes, as a percentage of one core.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

TARGETS = {"median": 0.300, "p95": 0.600, "idle": 1.0}


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def save(note: Path, text: str) -> None:
    temp = note.with_name(f".{note.name}.bench")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, note)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vault", type=Path, default=HERE / "vault")
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--idle", type=float, default=60.0)
    parser.add_argument("--poll", action="store_true", help="measure the polling observer")
    args = parser.parse_args()
    vault = args.vault
    if not (vault / "People").is_dir():
        print(f"generating {generate(vault, 10_000)} notes in {vault} ...")
    beside = Path(sys.executable).with_name("vaultnet")
    exe = str(beside) if beside.exists() else shutil.which("vaultnet") or "vaultnet"
    subprocess.run([exe, "report", "--vault", str(vault), "--today", "2026-11-23"],
                   check=True, capture_output=True)
    command = [exe, "watch", "--vault", str(vault), "--today", "2026-11-23"]
    watcher = subprocess.Popen(command + (["--poll"] if args.poll else []),
                               stderr=subprocess.PIPE, text=True)
    people = sorted((vault / "People").iterdir())[: args.edits]
    originals = {note: note.read_text(encoding="utf-8") for note in people}
    page = vault / "Follow-ups.md"
    latencies = []
    try:
        while "started" not in watcher.stderr.readline():
            pass
        time.sleep(1.0)
        for number, note in enumerate(people):
            marker = f"bench promise {number}"
            save(note, originals[note] + f"\n- [ ] {marker} 📅 2020-01-{number + 1:02}\n")
            saved = time.perf_counter()
            while marker not in page.read_text(encoding="utf-8"):
                if time.perf_counter() - saved > 30:
                    raise SystemExit(f"Follow-ups.md did not show edit {number} within 30 s")
                time.sleep(0.005)
            latencies.append(time.perf_counter() - saved)
            time.sleep(0.3)
        for note, text in originals.items():
            save(note, text)
        time.sleep(3.0)  # the restoring cycle
        before, started = cpu_seconds(watcher.pid), time.perf_counter()
        time.sleep(args.idle)
        idle = 100 * (cpu_seconds(watcher.pid) - before) / (time.perf_counter() - started)
    finally:
        watcher.terminate()
        watcher.wait(timeout=10)
        for note, text in originals.items():
            if note.read_text(encoding="utf-8") != text:
                save(note, text)
    latencies.sort()
    median = statistics.median(latencies)
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
    mode = "polling" if args.poll else "native events"
    print(f"watch ({mode}), {len(latencies)} edits, debounce 100 ms:")
    for name, value, unit in (("median", median, "s"), ("p95", p95, "s"), ("idle", idle, "% CPU")):
        target = TARGETS[name]
        ok = "ok" if value <= target else "MISSED"
        print(f"  {name:<7} {value:6.3f} {unit:<6} target <= {target} {ok}")


if __name__ == "__main__":
    main()
