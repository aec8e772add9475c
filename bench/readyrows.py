"""What would a cold index cost if parsing the notes' bodies were free? Measured.

    python bench/readyrows.py [VAULT]  # bench/vault by default (python bench/run.py makes it)

`bound.py` counts the least work a cold index must do, as if it could be spread
perfectly over the cores. This script runs vaultnet's own cold index instead,
with its parsing replaced by rows made beforehand: each worker still reads and
hashes its notes and parses their frontmatter with libyaml (what a parser in
compiled code would leave to Python), then hands over the rows vaultnet's parser
made for them before the clock started. What it measures is all the rest of
the pipeline: the workers, handing the rows to the writing process, storing
them, the full-text and secondary indexes, resolving links. A second variant
leaves the workers only reading and hashing: the writing process alone.

Both run in the process that made the rows (they are handed to the workers as
the pool forks), so interpreter start-up, ~0.1 s for a real command, is not in
the figures: the real pipeline can only be slower than they say. Linux only
(the workers are forked).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # this checkout's vaultnet
sys.path.insert(0, str(HERE))
from bound import FENCE, floor_seconds  # noqa: E402

VARIANTS = {
    "yaml": "workers read, hash and parse frontmatter; rows made beforehand",
    "read": "workers read and hash only; rows made beforehand",
}


def child(root: str, variant: str) -> None:
    """Make every note's rows, then time `vaultnet index` on a new index fed them."""
    import yaml

    from vaultnet.config import load_config
    from vaultnet.discover import digest, list_notes, listing_lines, notes_in, read_note
    from vaultnet.index import sync
    from vaultnet.launch import main

    vault = Path(root)
    config = load_config(vault)
    on_disk = notes_in(listing_lines(list_notes(vault, config.exclude)))
    # A cold index gives the i-th note the id i + 1 (sync._apply): the same jobs.
    candidates = [(path, size, mtime_ns, None) for path, (size, mtime_ns) in on_disk.items()]
    ready = {first + 1: sync._read_and_parse(vault, config,
                                             (candidates[first : first + sync.CHUNK], first + 1, 0))
             for first in range(0, len(candidates), sync.CHUNK)}

    def read_only(vault: Path, config, job):
        batch, first_id, _now = job
        for path, _size, _mtime, _hash in batch:
            data = read_note(vault, path)
            digest(data)
            if variant == "yaml":
                text = data.decode("utf-8", "replace")
                if text.startswith("---\n") and (end := FENCE.search(text, 4)):
                    yaml.load(text[4 : end.start()], Loader=yaml.CSafeLoader)
        return ready[first_id]

    sync._read_and_parse = read_only
    index = sync.index_path(vault)  # the index alone: settings the vault may have stay
    for name in (index.name, index.name + "-wal", index.name + "-shm"):
        index.with_name(name).unlink(missing_ok=True)
    sys.argv = ["vaultnet", "index", "--vault", root]
    start, cpu = time.perf_counter(), os.times()
    try:
        main()
    except SystemExit as done:
        if done.code not in (0, None):
            raise
    seconds, end = time.perf_counter() - start, os.times()
    own = end.user + end.system - cpu.user - cpu.system
    workers = (end.children_user + end.children_system
               - cpu.children_user - cpu.children_system)
    print(f"{seconds} {own} {workers}")


def measured(root: str, variant: str) -> tuple[float, float, float]:
    """(seconds, CPU seconds of the writing process, of the workers) of one run."""
    done = subprocess.run([sys.executable, __file__, "--child", variant, root], check=True,
                          capture_output=True, text=True)
    seconds, own, workers = (float(x) for x in done.stdout.split()[-3:])
    return seconds, own, workers


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[3], sys.argv[2])
        return
    root = (sys.argv[1] if len(sys.argv) > 1 else str(HERE / "vault")).rstrip("/")
    if not os.path.isdir(root):
        raise SystemExit(f"{root}: no such vault; `python bench/run.py` generates bench/vault")
    if not sys.platform.startswith("linux"):
        raise SystemExit("readyrows.py forks its workers: Linux only")
    # Rounds of the floor and each variant in turn, so that all see the same phase
    # of a machine whose speed swings; ratios are taken within each round.
    rounds: dict[str, list[tuple[float, ...]]] = {variant: [] for variant in VARIANTS}
    for _ in range(5):
        for variant in VARIANTS:
            floor = floor_seconds(root)
            seconds, own, workers = measured(root, variant)
            rounds[variant].append((floor, seconds, own, workers, seconds / floor))
    print("medians of 5 rounds, each the floor and then `vaultnet index` on a new index, "
          "without interpreter start-up")
    for variant, runs in rounds.items():
        floor, seconds, own, workers, ratio = (statistics.median(r[i] for r in runs)
                                               for i in range(5))
        print(f"{VARIANTS[variant]}: {seconds:.2f} s, {ratio:.2f} x the floor ({floor:.2f} s); "
              f"CPU: writing process {own:.2f} s, workers {workers:.2f} s")


if __name__ == "__main__":
    main()
