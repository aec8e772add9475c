"""vaultnet must read real vaults written by others without crashing.

The vaults live in ../shared/corpora (not in the repository); these tests skip
where it is absent. They are copied first: vaultnet writes `.vaultnet/` into a
vault, and the corpora are read-only input.
"""

from __future__ import annotations

import json
import os
import shutil
import stat

import pytest

from tests.conftest import CORPORA


def copy_corpus(source, target):
    """A writable copy: the corpora are read-only, and vaultnet writes `.vaultnet/`."""
    shutil.copytree(source, target)
    for folder, _dirs, _files in os.walk(target):
        os.chmod(folder, os.stat(folder).st_mode | stat.S_IWUSR)
    return target


VAULTS = ["obsidian-help", "obsidian-crm-bryanhogan", "obsidian-kepano-template",
          "obsidian-dataview-test-vault", "frontmatter"]


@pytest.mark.skipif(not CORPORA.is_dir(), reason="shared/corpora is not beside the repository")
@pytest.mark.parametrize("name", VAULTS)
def test_real_vault_indexes_and_checks(run, tmp_path, name):
    source = CORPORA / name
    if not source.is_dir():
        pytest.skip(f"{name} is not in this copy of the corpora")
    vault = copy_corpus(source, tmp_path / name)
    result = run("index", "--vault", vault, "--json", "--today", "2026-11-23")
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)
    assert counts["notes"] > 0
    checked = run("check", "--vault", vault, "--json")
    problems = json.loads(checked.stdout)
    assert checked.exit_code == (1 if problems else 0)
    assert len(problems) == counts["errors"]
    for problem in problems:
        assert (vault / problem["path"]).is_file() and problem["line"] >= 1


@pytest.mark.skipif(not (CORPORA / "obsidian-kepano-template").is_dir(), reason="corpus absent")
def test_template_placeholders_are_reported_with_lines(run, tmp_path):
    vault = copy_corpus(CORPORA / "obsidian-kepano-template", tmp_path / "kepano")
    (vault / ".vaultnet").mkdir()
    (vault / ".vaultnet/config.toml").write_text("exclude = []\n")  # read the templates too
    problems = json.loads(run("check", "--vault", vault, "--json").stdout)
    templates = [p for p in problems if p["path"].startswith("Templates/")]
    assert templates and all("YAML" in p["message"] or "date" in p["message"] for p in templates)
