from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from vaultnet import clock
from vaultnet.cli import cli
from vaultnet.config import Config
from vaultnet.parse import parse_note

# Compiled templates go to the user's cache folder: a throwaway one for the tests.
os.environ["XDG_CACHE_HOME"] = _CACHE = tempfile.mkdtemp(prefix="vaultnet-test-cache-")
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
# Tables are sized to the terminal ($COLUMNS first): the same width for every test,
# whatever the terminal pytest runs in (a test of widths sets its own).
os.environ["COLUMNS"] = "100"

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_VAULT = REPO / "example-vault"
CORPORA = REPO.parent / "shared" / "corpora"
# The day the example vault is written for; the clock says it throughout the
# tests, so that what a test sees does not depend on the day it runs.
EXAMPLE_DAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: EXAMPLE_DAY)


@pytest.fixture(autouse=True)
def plain_output(monkeypatch):
    """The tests read output as a pipe gives it, and colour where they ask for it:
    not as a FORCE_COLOR or NO_COLOR of the shell or CI that runs them would have it."""
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture(autouse=True)
def no_vault_of_the_callers(monkeypatch):
    """A VAULTNET_VAULT of the shell that runs the tests would be the vault of every
    command a test runs without --vault (and a watch test would watch it for ever)."""
    monkeypatch.delenv("VAULTNET_VAULT", raising=False)


# When write_vault's notes were saved: long before any command runs, as in a
# real vault. A note saved just before a sync is "racy" and read again on the
# next one, which would hide what an unchanged vault does; a test that wants
# that writes (or touches) its note itself.
SAVED_LONG_AGO = 1_600_000_000 * 10**9  # 2020-09-13, in ns


def write_vault(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``{relative path: text}`` into ``root`` and return it."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        os.utime(path, ns=(SAVED_LONG_AGO, SAVED_LONG_AGO))
    return root


@pytest.fixture
def vault(tmp_path: Path):
    """Build a vault from a dict: ``vault({"People/Ann.md": "..."})``."""

    def make(files: dict[str, str | bytes]) -> Path:
        return write_vault(tmp_path / "vault", files)

    return make


@pytest.fixture
def example(tmp_path):
    """A copy of example-vault/ without its index, safe to write into."""
    target = tmp_path / "example-vault"
    shutil.copytree(EXAMPLE_VAULT, target, ignore=shutil.ignore_patterns("index.sqlite*"))
    return target


def parse(path: str, text: str | bytes, config: Config | None = None):
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    return parse_note(path, data, config or Config())


@pytest.fixture
def run():
    """Invoke the CLI: ``run("index", "--vault", path)`` -> click Result."""

    def invoke(*args: str, env: dict | None = None):
        return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)

    return invoke
