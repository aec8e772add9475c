"""Compare two builds of vaultnet by running them alternately.

    python bench/compare.py OLD_BIN OLD_VAULT NEW_BIN NEW_VAULT [--rounds 7] [warm due report one cold]

OLD_BIN and NEW_BIN are the `vaultnet` executables of two installs (say, two
virtual environments); each build gets its own copy of the vault, since two
versions may keep different index formats. Each round runs the floor, then
every command with the old build and the new one in turn, so that both see the
same phase of a machine whose speed swings from minute to minute. Measures:
``warm`` (`vaultnet index`, nothing changed), ``due``, ``report``, and ``one``
(`vaultnet index` after a person note was edited; the edit is undone and
indexed again, untimed, after each run); and, only when asked for, ``cold``
(`vaultnet index` with the index files deleted; `vaultnet due` runs after it,
untimed, so that the other measures find the day's follow-ups kept).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import run_once  # noqa: E402

MEASURES = ("warm", "due", "report", "one", "cold")
DEFAULT = ("warm", "due", "report", "one")


def run(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(seconds, CPU seconds) of one run."""
    seconds, usage = run_once(command, env)
    return seconds, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old_bin")
    parser.add_argument("old_vault", type=Path)
    parser.add_argument("new_bin")
    parser.add_argument("new_vault", type=Path)
    parser.add_argument("measures", nargs="*",
                        help=f"any of {', '.join(MEASURES)} (default: {' '.join(DEFAULT)})")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    unknown = set(args.measures) - set(MEASURES)
    if unknown:
        parser.error(f"unknown measure {sorted(unknown)[0]!r}; use any of {', '.join(MEASURES)}")
    args.measures = args.measures or list(DEFAULT)
    builds = {"old": (args.old_bin, args.old_vault), "new": (args.new_bin, args.new_vault)}
    notes = {name: sorted((vault / "People").iterdir())[0] for name, (_, vault) in builds.items()}
    originals = {name: note.read_bytes() for name, note in notes.items()}

    def command(name: str, measure: str) -> list[str]:
        exe, vault = builds[name]
        sub = "index" if measure in ("warm", "one", "cold") else measure
        return [exe, sub, "--vault", str(vault), "--today", "2026-11-23"]

    # Each build its own cache of compiled templates: builds before 469ba66 keep
    # the packaged ones under their names alone, and two builds whose templates
    # differ would replace each other's and compile all three pages every run.
    caches = tempfile.TemporaryDirectory(prefix="vaultnet-compare-")
    envs = {name: {**os.environ, "XDG_CACHE_HOME": os.path.join(caches.name, name)}
            for name in builds}

    def run_build(name: str, measure: str) -> tuple[float, float]:
        return run(command(name, measure), envs[name])

    for name in builds:  # start from an index that is up to date, with the day's follow-ups
        run_build(name, "warm")
        run_build(name, "due")
    floor = [sys.executable, str(HERE / "floor.py"), str(args.new_vault)]
    times: dict[str, list[tuple[float, float]]] = {"floor": []}
    try:
        for round_ in range(args.rounds):
            times["floor"].append(run(floor))
            for measure in args.measures:
                for name in builds:
                    if measure == "one":
                        notes[name].write_bytes(originals[name]
                                                + f"- 2026-11-21 bench edit {round_}\n".encode())
                    if measure == "report":  # rendered as within the week: see run.py
                        (builds[name][1] / "Reviews" / "2026-W48.md").unlink(missing_ok=True)
                    if measure == "cold":
                        for path in (builds[name][1] / ".vaultnet").glob("index.sqlite*"):
                            path.unlink()
                    times.setdefault(f"{name} {measure}", []).append(run_build(name, measure))
                    if measure == "cold":
                        run_build(name, "due")
                    if measure == "one":
                        notes[name].write_bytes(originals[name])
                        time.sleep(2.1)  # past the racy window: the next run is not a recheck
                        run_build(name, "warm")
    finally:
        for name, note in notes.items():
            note.write_bytes(originals[name])
        caches.cleanup()
    floor_median = statistics.median(s for s, _ in times["floor"])
    print(f"{args.rounds} rounds; medians, fastest, and the median against the floor's median")
    for label, runs in times.items():
        seconds = [s for s, _ in runs]
        median = statistics.median(seconds)
        print(f"{label:<12} {median:7.3f} s  fastest {min(seconds):6.3f} s  "
              f"x floor {median / floor_median:5.3f}  CPU {statistics.median(c for _, c in runs):6.3f} s")


if __name__ == "__main__":
    main()
