"""How fast could a cold index be? The least one must do, measured.

    python bench/bound.py [VAULT]      # bench/vault by default (python bench/run.py makes it)

A cold `vaultnet index` must do what the floor does (read every note, parse its
frontmatter with libyaml), and more: hash each note, find its dated items and
links, and store the rows in vaultnet's tables with their full-text index and
secondary indexes. This script does exactly that much and nothing of the rest of
SPEC 2 (no code spans or blocks, tasks, durations, tags, promises, typed
properties, problems), in one process, and reports its CPU time. Spread perfectly
over the machine's cores, that CPU time is the least a cold index could take in
Python with this schema; what is left of the target (1.5 x the floor) after it
is all that SPEC 2's rules may cost.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from vaultnet.index.schema import INDEX_STATEMENTS, INSERT, SCHEMA  # noqa: E402

FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)
ITEM = re.compile(r"^[ \t]*[-*+][ \t]+(?:\[.\][ \t]+)?(\d{4}-\d{2}-\d{2})\b[ \t]*(.*)$",
                  re.MULTILINE)
LINK = re.compile(r"(?<!!)\[\[([^\]|#\n]+)")
CHUNK = 400  # notes a transaction's insert takes at once, as vaultnet's workers send them


def parse(root: str) -> list[tuple[list, list, list, list]]:
    """Chunks of rows (notes, full text, names, events) of every note under ``root``."""
    chunks, notes, fts, names, events = [], [], [], [], []
    nid = 0
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.endswith(".md") or name.startswith("."):
                continue
            full = os.path.join(folder, name)
            with open(full, "rb", buffering=0) as handle:
                data = handle.read()
            text = data.decode("utf-8", "replace")
            nid += 1
            path = full[len(root) + 1 :]
            title = name[:-3]
            body, date = text, None
            if text.startswith("---\n"):
                end = FENCE.search(text, 4)
                if end:
                    meta = yaml.load(text[4 : end.start()], Loader=yaml.CSafeLoader)
                    body = text[end.end() :]
                    if isinstance(meta, dict) and meta.get("date"):
                        date = str(meta["date"])
            notes.append((nid, path, title, "note", 0, date, len(data), 0,
                          hashlib.blake2b(data, digest_size=16).hexdigest(), 0))
            fts.append((nid, title, body))
            names.append((title.lower(), nid, 0, title, 1))
            events.extend((nid, 0, m.group(1), None, 30, "", m.group(2), nid)
                          for m in ITEM.finditer(body))
            events.extend((nid, 0, date or title, m.group(1).strip().lower(), 30, "", "", None)
                          for m in LINK.finditer(body))
            if len(notes) == CHUNK:
                chunks.append((notes, fts, names, events))
                notes, fts, names, events = [], [], [], []
    chunks.append((notes, fts, names, events))
    return chunks


def store(chunks: list[tuple[list, list, list, list]], folder: str) -> int:
    """Store the rows as a rebuild does: one transaction, indexes made at the end."""
    db = sqlite3.connect(os.path.join(folder, "index.sqlite"), isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.executescript(SCHEMA)
    db.execute("PRAGMA synchronous = OFF")
    db.execute("BEGIN IMMEDIATE")
    rows = 0
    for chunk in chunks:
        for table, values in zip(("notes", "notes_fts", "names", "events"), chunk, strict=True):
            db.executemany(INSERT[table], values)
            rows += len(values)
    for statement in INDEX_STATEMENTS:
        db.execute(statement)
    db.execute("COMMIT")
    db.close()
    return rows


def floor_seconds(root: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, str(HERE / "floor.py"), root], check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def bound_cpu(root: str) -> tuple[float, float, int]:
    """(CPU seconds to parse, CPU seconds to store, rows stored)."""
    start = time.process_time()
    chunks = parse(root)
    parsed = time.process_time()
    with tempfile.TemporaryDirectory() as folder:
        rows = store(chunks, folder)
    return parsed - start, time.process_time() - parsed, rows


def main() -> None:
    root = (sys.argv[1] if len(sys.argv) > 1 else str(HERE / "vault")).rstrip("/")
    if not os.path.isdir(root):
        raise SystemExit(f"{root}: no such vault; `python bench/run.py` generates bench/vault")
    cores = os.cpu_count() or 1
    # Rounds of the floor and the bound in turn, so that both see the same phase of
    # a machine whose speed swings; the ratio is taken within each round.
    rounds = []
    for _ in range(5):
        floor = floor_seconds(root)
        parse_cpu, store_cpu, rows = bound_cpu(root)
        rounds.append((floor, parse_cpu, store_cpu, (parse_cpu + store_cpu) / cores / floor))
    floor, parse_cpu, store_cpu, ratio = (statistics.median(r[i] for r in rounds)
                                          for i in range(4))
    left = max(0.0, 1.5 - ratio) * floor * cores  # in the terms of the rounds themselves
    print(f"medians of 5 rounds, each the floor and then the bound, on {cores} cores")
    print(f"floor: {floor:.2f} s")
    print(f"read, hash, frontmatter, dated items and links: {parse_cpu:.2f} s of CPU")
    print(f"storing their {rows:,} rows as a rebuild does: {store_cpu:.2f} s of CPU")
    print(f"together, spread perfectly over {cores} cores: {ratio:.2f} x the floor "
          f"(target 1.5 x: leaves ~{left:.2f} s of CPU for "
          "the rest of SPEC 2, start-up and handing rows between processes)")


if __name__ == "__main__":
    main()
