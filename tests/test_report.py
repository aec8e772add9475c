"""`vaultnet report`: golden pages, safe writing, git, confidentiality, templates."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import REPO
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from vaultnet import template_files
from vaultnet.config import load_config
from vaultnet.index import sync_index
from vaultnet.render import escape, link
from vaultnet.report import write_report

# The golden pages are the example vault's own: committed, so that a newcomer sees
# what vaultnet writes, and compared byte for byte here.
GOLDEN = REPO / "example-vault"
PAGES = ("Follow-ups.md", "Balance.md", "Reviews/2026-W48.md")
TODAY = "2026-11-23"


def report(run, vault: Path, today: str = TODAY):
    return run("report", "--vault", vault, "--today", today)


@pytest.fixture
def example(example):
    """The example vault without its generated pages, as before a first report."""
    for page in PAGES:
        (example / page).unlink(missing_ok=True)
    return example


def assert_tables_intact(html: str, page: str) -> None:
    """Every row of every table has as many cells as its header."""
    for table in re.findall(r"<table>.*?</table>", html, re.DOTALL):
        rows = re.findall(r"<tr>.*?</tr>", table, re.DOTALL)
        widths = {len(re.findall(r"<t[hd][ >]", row)) for row in rows}
        assert len(widths) == 1, f"{page}: a table row has a different number of cells"


def test_example_vault_pages_match_the_golden_files(run, example):
    """After a deliberate change: VAULTNET_UPDATE_GOLDEN=1 pytest, then read the git diff."""
    result = report(run, example)
    assert result.exit_code == 0, result.output
    assert result.stdout == "".join(f"created   {page}\n" for page in PAGES)
    for page in PAGES:
        produced = (example / page).read_bytes()
        golden = GOLDEN / page
        if os.environ.get("VAULTNET_UPDATE_GOLDEN"):
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_bytes(produced)
        assert produced == golden.read_bytes(), f"{page} differs from example-vault/{page}"


def test_unchanged_pages_are_not_rewritten(run, example):
    report(run, example)
    before = {page: (example / page).stat() for page in PAGES}
    result = report(run, example)
    assert result.exit_code == 0
    for page in PAGES:
        after = (example / page).stat()
        assert (after.st_ino, after.st_mtime_ns) == (before[page].st_ino, before[page].st_mtime_ns)
    assert result.stdout.startswith("unchanged Follow-ups.md\nunchanged Balance.md\n")


def _computing_fails(monkeypatch):
    from vaultnet import report as module

    def fail(*args, **kwargs):
        raise AssertionError("the pages were computed again")

    monkeypatch.setattr(module.Snapshot, "load", fail)


def test_a_report_of_nothing_changed_finds_its_pages_standing(run, example, monkeypatch):
    """Run again with the same notes, day, settings and templates, a report finds
    each page as the last one left it, and computes nothing."""
    assert report(run, example).exit_code == 0
    pages = {page: (example / page).read_bytes() for page in PAGES}
    assert report(run, example).stdout == "".join(f"unchanged {page}\n" for page in PAGES)
    _computing_fails(monkeypatch)
    again = report(run, example)
    assert again.exit_code == 0, again.output
    assert again.stdout == "".join(f"unchanged {page}\n" for page in PAGES)
    assert {page: (example / page).read_bytes() for page in PAGES} == pages


@pytest.mark.parametrize("change", [
    "note", "new note", "page edited", "page gone", "setting", "template", "day", "clock",
    "jinja2",
])
def test_a_report_computes_again_when_anything_its_pages_are_made_of_changed(
        run, example, monkeypatch, change):
    """Each such change is found: the pages are those a report would write anew."""
    from vaultnet import clock

    assert report(run, example).exit_code == 0  # the pages come: their names count
    assert report(run, example).exit_code == 0
    with monkeypatch.context() as patched:  # the pages stand
        _computing_fails(patched)
        assert report(run, example).exit_code == 0
    today = TODAY
    if change == "note":
        with open(example / "People/Zoë Brandt.md", "a", encoding="utf-8") as note:
            note.write("- 2026-11-22 call about her team\n")
    elif change == "new note":
        (example / "People/Balance.md").write_text("---\nrole: peer\n---\n- 2026-09-01 call\n",
                                                   encoding="utf-8")
    elif change == "page edited":
        with open(example / "Balance.md", "a", encoding="utf-8") as page:
            page.write("\nMy own words.\n")
    elif change == "page gone":
        (example / "Balance.md").unlink()
    elif change == "setting":
        config = example / ".vaultnet/config.toml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            'horizon = "7d"', 'horizon = "14d"'), encoding="utf-8")
    elif change == "template":
        (example / ".vaultnet/templates").mkdir()
        (example / ".vaultnet/templates/balance.md").write_text(
            "---\ngenerated_by: vaultnet\n---\n<!-- vaultnet:begin -->\nmine\n"
            "<!-- vaultnet:end -->\n", encoding="utf-8")
    elif change == "day":
        today = "2026-11-24"
    elif change == "clock":  # the week's review is history a week later
        monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 30))
    elif change == "jinja2":  # upgraded: its files are others
        import importlib.util
        import types

        upgraded = example.parent / "jinja2-next.py"
        upgraded.write_text("# another Jinja2\n")
        find_spec = importlib.util.find_spec
        monkeypatch.setattr(importlib.util, "find_spec", lambda name, *args: (
            types.SimpleNamespace(origin=str(upgraded)) if name == "jinja2"
            else find_spec(name, *args)))
    from vaultnet import report as module

    _computed: list[bool] = []  # whether the pages were computed again
    load = module.Snapshot.load
    monkeypatch.setattr(module.Snapshot, "load",
                        lambda self, *args: (_computed.append(True), load(self, *args))[1])
    again = report(run, example, today)
    assert again.exit_code == 0, again.output
    assert _computed == [True]
    written = {page: (example / page).read_bytes() for page in PAGES}
    # What a report computing everything writes from the same notes: the same pages.
    (example / ".vaultnet/index.sqlite").unlink()
    computing = report(run, example, today)
    statuses = [line.split() for line in computing.stdout.splitlines()]
    assert [status for status, _ in statuses] in (["unchanged"] * 3, ["unchanged"] * 2 + ["kept"])
    assert {page: (example / page).read_bytes() for page in PAGES} == written
    if change == "jinja2":  # the same pages, computed again
        assert again.stdout == "".join(f"unchanged {page}\n" for page in PAGES)
        assert _computed[0]
    elif change != "page edited":  # (a page whose own text changed is still unchanged)
        assert "updated" in again.stdout or "created" in again.stdout or "kept" in again.stdout
    if change == "clock":
        assert "kept      Reviews/2026-W48.md" in again.stdout
    if change == "template":
        assert "\nmine\n" in (example / "Balance.md").read_text(encoding="utf-8")
    if change == "page edited":
        assert "My own words." in (example / "Balance.md").read_text(encoding="utf-8")


def test_a_page_gone_elsewhere_is_a_change_to_the_links(run, vault):
    """With Markdown links, a note is linked by its path while another file has its
    name, a page of an older report too: when that one goes, the links change."""
    root = vault({
        ".obsidian/app.json": json.dumps({"useMarkdownLinks": True, "newLinkFormat": "shortest"}),
        "People/Weekly.md": "---\nrole: mentor\n---\n- 2026-09-01 call\n",
        "Old/Weekly.md": "---\ngenerated_by: vaultnet\n---\n<!-- vaultnet:begin -->\nold\n"
                         "<!-- vaultnet:end -->\n",
    })
    for _ in range(2):
        assert report(run, root).exit_code == 0
    assert "[Weekly](People/Weekly.md)" in (root / "Follow-ups.md").read_text(encoding="utf-8")
    (root / "Old/Weekly.md").unlink()
    assert report(run, root).stdout.startswith("updated   Follow-ups.md\n")
    assert "[Weekly](Weekly.md)" in (root / "Follow-ups.md").read_text(encoding="utf-8")


def test_a_report_whose_record_cannot_be_kept_still_writes_its_pages(run, example,
                                                                      monkeypatch):
    """The index locked by another process (or read-only) when the report is done:
    the pages are written all the same, and the next report computes them."""
    import contextlib

    from vaultnet.index.store import Index, locked

    @contextlib.contextmanager
    def busy(self, bulk=False):
        raise locked(self.path)
        yield  # (a generator, as the real one)

    import sqlite3

    for _ in range(2):  # (the pages come: their names count)
        assert report(run, example).exit_code == 0
    for page in PAGES:  # written long ago: no sync reads them again (see RACY_NS)
        os.utime(example / page, ns=(10**18, 10**18))
    assert report(run, example).exit_code == 0
    with contextlib.closing(sqlite3.connect(example / ".vaultnet/index.sqlite")) as db, db:
        db.execute("DELETE FROM meta WHERE key = 'report'")  # as before any record
    with monkeypatch.context() as patched:
        patched.setattr(Index, "transaction", busy)
        result = report(run, example)
        assert result.exit_code == 0, result.output
        assert result.stdout == "".join(f"unchanged {page}\n" for page in PAGES)
    assert report(run, example).exit_code == 0  # kept now
    with monkeypatch.context() as patched:
        _computing_fails(patched)
        assert report(run, example).exit_code == 0


def test_a_report_whose_code_cannot_be_looked_at_computes_every_time(run, example,
                                                                       monkeypatch):
    """Jinja2 (or vaultnet) run from a zip: its files have no stat, so no record
    is kept and no page is taken for standing; the report still writes them."""
    import importlib.util
    import types

    from vaultnet import report as module

    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *args: (
        types.SimpleNamespace(origin="/nowhere.zip/jinja2/__init__.py") if name == "jinja2"
        else find_spec(name, *args)))
    computed = []
    load = module.Snapshot.load
    monkeypatch.setattr(module.Snapshot, "load",
                        lambda self, *args: (computed.append(True), load(self, *args))[1])
    for _ in range(3):
        result = report(run, example)
        assert result.exit_code == 0, result.output
    assert computed == [True] * 3
    assert result.stdout == "".join(f"unchanged {page}\n" for page in PAGES)


def test_a_refused_page_is_refused_again(run, example):
    """A page someone wrote between the markers is named on every report, not only
    the first."""
    assert report(run, example).exit_code == 0
    assert report(run, example).exit_code == 0  # (the pages stand)
    page = example / "Balance.md"
    page.write_text(page.read_text(encoding="utf-8").replace("# Balance", "# My balance"),
                    encoding="utf-8")
    for _ in range(2):
        result = report(run, example)
        assert result.exit_code == 1
        assert "Balance.md" in result.stderr


def test_a_report_after_an_edit_shows_the_edit(run, example, tmp_path):
    """Pages written after an edit are those a fresh copy of the vault gives."""
    report(run, example)
    (example / "People/Quinn Avery.md").write_text(
        "---\nrole: peer\nmet: 2026-11-20\nmet_where: a meetup\n---\n")
    (example / "People/Ravi Shah.md").unlink()
    assert report(run, example).stdout.startswith("updated   Follow-ups.md\n")
    follow_ups = (example / "Follow-ups.md").read_text()
    assert "[[Quinn Avery]]" in follow_ups and "Ravi Shah" not in follow_ups
    fresh = tmp_path / "fresh"
    pages = (Path(page).name for page in PAGES)
    shutil.copytree(example, fresh, ignore=shutil.ignore_patterns("index.sqlite*", *pages))
    report(run, fresh)
    for page in PAGES:
        assert (example / page).read_bytes() == (fresh / page).read_bytes(), page


def test_generated_pages_are_not_indexed(run, example):
    counts = json.loads(run("index", "--vault", example, "--today", TODAY, "--json").stdout)
    report(run, example)
    after = json.loads(run("index", "--vault", example, "--today", TODAY, "--json").stdout)
    assert after == counts


def test_pages_read_well_when_rendered(run, example):
    """Every table row keeps its cells; every section a reader looks for is there."""
    report(run, example)
    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
    for page in PAGES:
        html = md.render((example / page).read_text(encoding="utf-8"))
        assert_tables_intact(html, page)
        assert "vaultnet:begin" in html and "<h1>" in html
    review = (example / "Reviews/2026-W48.md").read_text(encoding="utf-8")
    for heading in ("## What happened", "## Balance, this week and the last four", "## Due by",
                    "## Milestones to celebrate", "## Open promises", "## Going dormant", "## Goals",
                    "## Reflection"):
        assert heading in review
    assert review.index("<!-- vaultnet:end -->") < review.index("## Reflection")
    assert "```mermaid\nxychart-beta" in (example / "Balance.md").read_text(encoding="utf-8")
    assert "```mermaid\nflowchart LR" in (example / "Balance.md").read_text(encoding="utf-8")


def test_weeks_with_no_time_logged_get_a_sentence_not_an_empty_chart(run, vault):
    root = vault({"People/Ann.md": "---\nrole: peer\n---\n## Log\n- 2026-09-01 coffee\n"})
    assert report(run, root).exit_code == 0
    for page in ("Balance.md", "Reviews/2026-W48.md"):
        text = (root / page).read_text(encoding="utf-8")
        assert "xychart-beta" not in text, page
        assert "No time logged in these weeks" in text, page


@pytest.mark.parametrize("horizon, summary", [
    ("7d", "1 overdue, 0 due today and 1 coming up until Mon 30 Nov 2026, for 1 person."),
    ("0d", "1 overdue and 0 due today, for 1 person."),  # nothing "coming up until" today
])
def test_follow_ups_page_says_what_its_horizon_covers(run, vault, horizon, summary):
    root = vault({".vaultnet/config.toml": f'[follow_ups]\nhorizon = "{horizon}"\n',
                  "People/Ann.md": "---\nrole: mentor\nnext: 2026-11-26\n---\n"
                                   "## Log\n- 2026-09-01 coffee\n- [ ] send the deck 📅 2026-11-20\n"})
    assert report(run, root).exit_code == 0
    page = (root / "Follow-ups.md").read_text(encoding="utf-8")
    assert f"*As of Mon 23 Nov 2026: {summary} Written by" in page


# --- writing safely ------------------------------------------------------------------


def test_follow_ups_with_nothing_due_say_so_without_a_row_of_zeros(run, vault):
    root = vault({"People/Ann.md": "---\nrole: mentor\n---\n- 2026-11-20 coffee\n"})
    assert report(run, root).exit_code == 0
    page = (root / "Follow-ups.md").read_text(encoding="utf-8")
    assert ("*As of Mon 23 Nov 2026, looking ahead to Mon 30 Nov 2026. Written by `vaultnet "
            "report`: edit the notes, not this page.*\n\nThe week's review: [[2026-W48]] · "
            "[[Balance]]\n\nNothing is due. Every relationship is up to date.\n") in page
    assert "0 overdue" not in page


@pytest.mark.parametrize("app, nav, others", [
    (None, "← [[2026-W47]] · [[Follow-ups]] · [[Balance]]",
     ("The week's review: [[2026-W48]] · [[Balance]]",
      "The week's review: [[2026-W48]] · [[Follow-ups]]")),
    ({"useMarkdownLinks": True, "newLinkFormat": "relative"},
     "← [2026-W47](2026-W47.md) · [Follow-ups](../Follow-ups.md) · [Balance](../Balance.md)",
     ("The week's review: [2026-W48](Reviews/2026-W48.md) · [Balance](Balance.md)",
      "The week's review: [2026-W48](Reviews/2026-W48.md) · [Follow-ups](Follow-ups.md)")),
])
def test_a_review_links_last_weeks_and_the_other_pages(run, vault, app, nav, others):
    """Each page links the other two, and the review last week's too."""
    files = {"People/Ann.md": "---\nrole: mentor\n---\n- 2026-11-10 coffee\n"}
    if app:
        files[".obsidian/app.json"] = json.dumps(app)
    root = vault(files)
    assert report(run, root, "2026-11-16").exit_code == 0
    first = (root / "Reviews/2026-W47.md").read_text(encoding="utf-8")
    assert "←" not in first and nav.split(" · ", 1)[1] + "\n" in first  # no review before it
    assert report(run, root).exit_code == 0
    assert f"\n\n{nav}\n\n## What happened" in (root / "Reviews/2026-W48.md").read_text(
        encoding="utf-8")
    for page, line in zip(("Follow-ups.md", "Balance.md"), others, strict=True):
        assert f"\n\n{line}\n\n" in (root / page).read_text(encoding="utf-8")


def test_a_goal_whose_date_has_passed_says_so(run, vault):
    root = vault({"Goals/Staff.md": "---\ntarget_role: Staff Engineer\nby: 2026-11-20\n---\n",
                  "Goals/Lead.md": "---\ntarget_role: Lead\nby: 2026-11-24\n---\n"})
    assert report(run, root).exit_code == 0
    review = (root / "Reviews/2026-W48.md").read_text(encoding="utf-8")
    assert "by Fri 20 Nov 2026 (passed 3 days ago)" in review
    assert "by Tue 24 Nov 2026 (1 day left)" in review


def test_a_goal_that_names_no_skills_or_network_says_what_to_add(run, vault):
    """Not "no gaps" and "0 of 0": there is nothing to measure it by yet."""
    root = vault({"Goals/Staff.md": "---\ntarget_role: Staff Engineer\n---\n",
                  "Goals/Lead.md": "---\ntarget_role: Lead\nnetwork:\n  mentor: 1\n---\n"})
    assert report(run, root).exit_code == 0
    review = (root / "Reviews/2026-W48.md").read_text(encoding="utf-8")
    staff = review.split("[[Staff]]", 1)[1].split("\n- ", 1)[0]
    lead = review.split("[[Lead]]", 1)[1].split("\n- ", 1)[0]
    assert "0 of 0" not in review
    assert "    - Nothing to measure it by yet: add the skills it needs (`skills:`)" in staff
    assert "Nothing to measure" not in lead and "Skills at target" not in lead
    assert "    - Roles covered: 0 of 1; missing: 1 mentor\n    - Time on skills" in lead
    page = (root / "Balance.md").read_text(encoding="utf-8")
    assert page.count("Nothing to measure it by yet") == 1
    assert ("Nothing to measure it by yet: add the skills it needs (`skills:`) and the "
            "relationships (`network:`) to [[Staff]].") in page
    text = run("balance", "--vault", root, "--today", "2026-11-23").stdout
    assert "  nothing to measure it by yet: add `skills:` and `network:` to Goals/Staff.md" in text
    assert "no gaps" not in text


def test_a_full_disk_while_writing_a_page_is_one_line(run, example, monkeypatch):
    import errno

    from vaultnet import scaffold, write  # noqa: F401 (scaffold takes write_new before the patch)

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(write, "atomic_write", full)
    monkeypatch.setattr(write, "write_new", full)  # a new page is written this way
    result = report(run, example)
    assert result.exit_code == 1
    assert result.output == (f"Error: the disk is full, so {example / 'Follow-ups.md'} could not be "
                             "written; free some space and try again (no note of yours was changed)\n")



def test_text_outside_the_markers_is_kept_byte_for_byte(run, example):
    report(run, example)
    page = example / "Follow-ups.md"
    text = page.read_text(encoding="utf-8")
    head, rest = text.split("<!-- vaultnet:begin -->", 1)
    block, tail = rest.split("<!-- vaultnet:end -->", 1)
    mine_before = head.replace("generated_by: vaultnet\n", "generated_by: vaultnet\ntags: [weekly]\n")
    mine_before += "My own intro, with [[links]] and  two spaces.\n\n"
    mine_after = tail + "\n## My notes\n- call Ann first\n"
    page.write_text(mine_before + "<!-- vaultnet:begin -->" + block + "<!-- vaultnet:end -->" + mine_after,
                    encoding="utf-8", newline="")
    assert report(run, example, "2026-11-30").exit_code == 0  # a later day: the block changes
    new = page.read_text(encoding="utf-8")
    assert new.startswith(mine_before + "<!-- vaultnet:begin -->\n# Follow-ups\n")
    assert new.endswith("<!-- vaultnet:end -->" + mine_after)
    assert "As of Mon 30 Nov 2026" in new


def test_text_written_between_the_markers_is_never_written_over(run, example):
    """A note typed into Follow-ups.md, as into any note Obsidian opens, was lost
    at the next report without a word."""
    report(run, example)
    page = example / "Follow-ups.md"
    mine = page.read_text(encoding="utf-8").replace(
        "## Keep in touch\n", "## Keep in touch\nCalled Kwame, left a voicemail.\n")
    page.write_text(mine, encoding="utf-8")
    result = report(run, example, "2026-11-30")
    assert result.exit_code == 1
    assert page.read_text(encoding="utf-8") == mine  # the page as the person left it
    assert "updated   Balance.md" in result.stdout  # the other pages are written
    line = mine.splitlines().index(next(x for x in mine.splitlines() if "vaultnet:checksum" in x)) + 1
    assert result.stderr == (
        "vaultnet: Follow-ups.md: the text between its vaultnet markers was changed since "
        "vaultnet wrote it, and writing the page would lose the change; move what you wrote "
        "there above `<!-- vaultnet:begin -->` or below `<!-- vaultnet:end -->` (what you did "
        "goes in the person's or skill's note: vaultnet log, vaultnet practice), or delete "
        f"line {line} (`<!-- vaultnet:checksum … -->`) to let vaultnet write over it\n")
    checked = run("check", "--vault", example)  # and check lists it, with every problem
    assert checked.exit_code == 1
    assert checked.stdout == f"Follow-ups.md:{line}: " + result.stderr.split(": ", 2)[2]
    # moved below the end marker, it is kept and the page written
    moved = mine.replace("Called Kwame, left a voicemail.\n", "") + "Called Kwame, left a voicemail.\n"
    page.write_text(moved, encoding="utf-8")
    assert report(run, example, "2026-11-30").exit_code == 0
    assert page.read_text(encoding="utf-8").endswith(
        "<!-- vaultnet:end -->\nCalled Kwame, left a voicemail.\n")
    # a line taken out is a change too, until its checksum line goes with it
    written = page.read_text(encoding="utf-8")
    lines = written.splitlines(keepends=True)
    done = next(i for i, x in enumerate(lines) if x.startswith("- **[[Kwame Mensah]]**"))
    page.write_text("".join(lines[:done] + lines[done + 1:]), encoding="utf-8")
    assert report(run, example, "2026-12-01").exit_code == 1
    page.write_text("".join(x for i, x in enumerate(lines) if i != done and "checksum" not in x),
                    encoding="utf-8")
    assert report(run, example, "2026-12-01").exit_code == 0
    assert "As of Tue 1 Dec 2026" in page.read_text(encoding="utf-8")


def test_what_editors_and_obsidian_change_between_the_markers_is_no_change(run, example):
    """Trimmed spaces, re-padded tables, CRLF, and the links Obsidian updates
    when a note is renamed: nobody wrote anything, so the page is written."""
    report(run, example)
    page = example / "Balance.md"
    text = page.read_text(encoding="utf-8")
    assert "| [[Jin Park]] | 3 | 0 |  |" in text
    text = (text.replace("| [[Jin Park]] | 3 | 0 |  |", "|[[Jin Park (Acme)|Jin Park]]|3|0||")
            .replace("\n", "  \r\n"))
    page.write_bytes(text.encode("utf-8"))
    result = report(run, example, "2026-11-30")
    assert result.exit_code == 0, result.stderr
    assert "updated   Balance.md" in result.stdout


MD_LINK = "[Jin Park](People/Jin%20Park.md)"


@pytest.mark.parametrize("link, renamed, changed", [
    (MD_LINK, "[Jin Park](People/Jin%20Park%20(Acme).md)", False),  # Obsidian, after a rename
    (MD_LINK, "[Jin Park](<People/Jin Park (Acme).md>)", False),
    ("[[Jin Park]]", "[[Jin Park (Acme)|Jin Park]]", False),
    (MD_LINK, MD_LINK + ", called", True),
    (MD_LINK, "[Jin P.](People/Jin%20Park.md)", True),  # the words of a link are words
])
def test_where_a_link_leads_is_no_change(tmp_path, link, renamed, changed):
    from vaultnet.write import PageRefused, write_page

    page = tmp_path / "Balance.md"
    rendered = ("---\ngenerated_by: vaultnet\n---\n<!-- vaultnet:begin -->\n- {} 3h\n"
                "<!-- vaultnet:end -->\n")
    assert write_page(page, rendered.format(link), "Balance.md")[0] == "created"
    page.write_text(page.read_text(encoding="utf-8").replace(link, renamed), encoding="utf-8")
    if changed:
        with pytest.raises(PageRefused, match="line 7 "):
            write_page(page, rendered.format(link), "Balance.md")
    else:
        assert write_page(page, rendered.format(link), "Balance.md")[0] == "updated"


def test_a_page_without_a_checksum_line_is_written_over(run, example):
    """One written before vaultnet wrote checksum lines, or one a sync service
    merged from two of vaultnet's versions (two checksum lines)."""
    report(run, example)
    page = example / "Follow-ups.md"
    text = page.read_text(encoding="utf-8")
    checksum = next(x for x in text.splitlines(keepends=True) if "vaultnet:checksum" in x)
    for older in (text.replace(checksum, "").replace("## Keep", "Old text\n## Keep"),
                  text.replace(checksum, checksum + "Old text\n" + checksum.replace("0", "1"))):
        page.write_text(older, encoding="utf-8")
        assert report(run, example).exit_code == 0
        assert page.read_text(encoding="utf-8") == text


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_page_git_merged_with_a_conflict_is_written_afresh(run, example):
    """Two machines wrote the page on different days; the merge conflicts between
    the markers (at least at the checksum lines), and the next report settles it."""
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t", *args],
                       cwd=example, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    report(run, example)
    git("add", "-A")
    git("commit", "-qm", "vault")
    git("checkout", "-qb", "laptop")
    report(run, example, "2026-11-25")
    git("commit", "-qam", "laptop")
    git("checkout", "-q", "main")
    report(run, example, "2026-11-26")
    git("commit", "-qam", "desktop")
    assert subprocess.run(["git", "merge", "-q", "laptop"], cwd=example,
                          capture_output=True).returncode == 1
    assert "<<<<<<<" in (example / "Follow-ups.md").read_text(encoding="utf-8")
    result = report(run, example, "2026-11-26")
    assert result.exit_code == 0, result.stderr
    text = (example / "Follow-ups.md").read_text(encoding="utf-8")
    assert "<<<<<<<" not in text and "As of Thu 26 Nov 2026" in text


def test_a_linked_page_is_written_through_its_link(run, example, tmp_path):
    report(run, example)
    elsewhere = tmp_path / "synced" / "Follow-ups.md"
    elsewhere.parent.mkdir()
    (example / "Follow-ups.md").rename(elsewhere)
    try:
        (example / "Follow-ups.md").symlink_to(elsewhere)
    except OSError:
        pytest.skip("no symbolic links here")
    result = report(run, example, "2026-11-30")
    assert "updated   Follow-ups.md" in result.stdout
    assert (example / "Follow-ups.md").is_symlink()
    assert "As of Mon 30 Nov 2026" in elsewhere.read_text(encoding="utf-8")


def test_a_page_linked_to_nothing_is_refused_and_the_others_written(run, example):
    page = example / "Follow-ups.md"
    page.unlink(missing_ok=True)
    try:
        page.symlink_to(example / "gone" / "F.md")
    except OSError:
        pytest.skip("no symbolic links here")
    result = report(run, example, "2026-11-30")
    assert result.exit_code == 1
    assert f"Follow-ups.md: a symbolic link to {example / 'gone' / 'F.md'}, which does not " \
        "exist; remove the link, or create the file it leads to" in result.stderr
    assert "Balance.md" in result.stdout and page.is_symlink()


def test_crlf_and_bom_pages_keep_their_bytes(run, example):
    report(run, example)
    page = example / "Balance.md"
    original = page.read_bytes()
    crlf = b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n") + b"mine\r\n"
    page.write_bytes(crlf)
    assert report(run, example).exit_code == 0
    assert page.read_bytes() == crlf  # same content, same line endings: untouched
    report(run, example, "2026-11-30")
    changed = page.read_bytes()
    assert changed.startswith(
        b"\xef\xbb\xbf---\r\ngenerated_by: vaultnet\r\n---\r\n<!-- vaultnet:begin -->\r\n")
    assert changed.endswith(b"<!-- vaultnet:end -->\r\nmine\r\n")
    assert b"\n" not in changed.replace(b"\r\n", b"")


def test_markers_quoted_in_the_persons_own_text_are_theirs(run, example):
    """A note above the block that names the markers, in a sentence or in code:
    vaultnet took the first begin marker it found for its own, and wrote over
    the words between it and the next end marker."""
    report(run, example)
    page = example / "Follow-ups.md"
    text = page.read_text(encoding="utf-8")
    mine = ("vaultnet rewrites what is between `<!-- vaultnet:begin -->` and "
            "`<!-- vaultnet:end -->`, so I write here.\n\n```\n<!-- vaultnet:begin -->\n"
            "<!-- vaultnet:end -->\n```\n\n")
    before = text.replace("<!-- vaultnet:begin -->", mine + "<!-- vaultnet:begin -->", 1)
    after = "\n```\n<!-- vaultnet:begin -->\n```\n"  # and in code below it
    page.write_text(before + after, encoding="utf-8")
    result = report(run, example, "2026-11-30")
    assert result.exit_code == 0, result.stderr
    assert "updated   Follow-ups.md" in result.stdout
    new = page.read_text(encoding="utf-8")
    head = before[: before.index(mine) + len(mine)]
    assert new.startswith(head + "<!-- vaultnet:begin -->\n# Follow-ups\n")
    assert new.endswith("<!-- vaultnet:end -->\n" + after)
    assert "As of Mon 30 Nov 2026" in new and new.count("# Follow-ups") == 1
    assert run("check", "--vault", example, "--today", "2026-11-30").exit_code == 0


@pytest.mark.parametrize("before, after", [
    ("\ufeff", "mine\n"),  # at the very start, after a byte-order mark
    ("x\r", "mine\r"),  # a classic Mac's line ends: a CR alone
])
def test_a_marker_after_a_bom_or_a_lone_cr_is_at_the_start_of_a_line(tmp_path, before, after):
    from vaultnet.write import write_page

    page = tmp_path / "Balance.md"
    end = after[-1]
    page.write_text(f"{before}<!-- vaultnet:begin -->{end}- old{end}<!-- vaultnet:end -->{end}{after}",
                    encoding="utf-8", newline="")
    rendered = "---\ngenerated_by: vaultnet\n---\n<!-- vaultnet:begin -->\n- new\n<!-- vaultnet:end -->\n"
    assert write_page(page, rendered, "Balance.md")[0] == "updated"
    text = page.read_bytes().decode("utf-8")
    assert text.startswith(f"{before}<!-- vaultnet:begin -->") and "- new" in text
    assert text.endswith(f"<!-- vaultnet:end -->{end}{after}") and "- old" not in text


def test_a_page_with_two_of_vaultnets_blocks_is_left_alone(run, example):
    """The block pasted twice: which one vaultnet writes is anyone's guess, and
    the other would stay behind with last week's follow-ups."""
    report(run, example)
    page = example / "Follow-ups.md"
    text = page.read_text(encoding="utf-8")
    block = text[text.index("<!-- vaultnet:begin -->"):]
    twice = text + "\n" + block
    page.write_text(twice, encoding="utf-8")
    line = twice.count("\n", 0, twice.rindex("<!-- vaultnet:begin -->")) + 1
    result = report(run, example, "2026-11-30")
    assert result.exit_code == 1
    assert page.read_text(encoding="utf-8") == twice
    message = ("it has more than one `<!-- vaultnet:begin -->` line (the second is line "
               f"{line}), and vaultnet cannot tell which one begins its text, so it leaves the "
               "page alone; indent the ones you wrote by a space (a marker counts only at the "
               "start of a line)")
    assert result.stderr == f"vaultnet: Follow-ups.md: {message}\n"
    assert "updated   Balance.md" in result.stdout
    checked = run("check", "--vault", example, "--today", "2026-11-30")
    assert checked.exit_code == 1
    assert checked.stdout == f"Follow-ups.md:{line}: {message}\n"
    # as told: the second one indented, the page is written, the copy kept as it was
    page.write_text(text + "\n " + block, encoding="utf-8")
    assert report(run, example, "2026-11-30").exit_code == 0
    new = page.read_text(encoding="utf-8")
    assert new.endswith("\n " + block) and "As of Mon 30 Nov 2026" in new


@pytest.mark.parametrize("content", [
    "# My balance\n\nWritten by hand.\n",
    "---\ngenerated_by: vaultnet\n---\n<!-- vaultnet:begin -->\nhalf a page, no end marker\n",
])
def test_a_page_without_the_markers_is_never_overwritten(run, example, content):
    (example / "Balance.md").write_text(content, encoding="utf-8")
    result = report(run, example)
    assert result.exit_code == 1
    assert (example / "Balance.md").read_text(encoding="utf-8") == content
    assert "Balance.md: exists and has no" in result.stderr
    assert "vaultnet will not overwrite it" in result.stderr
    assert (example / "Follow-ups.md").exists() and (example / "Reviews/2026-W48.md").exists()


def test_a_page_that_appears_while_it_is_written_is_not_overwritten(tmp_path, monkeypatch):
    """The person saves their own Balance.md just as vaultnet finds none there."""
    from vaultnet import write
    from vaultnet.write import PageRefused, write_page

    page = tmp_path / "Balance.md"
    theirs = "# My balance\n\nWritten by hand.\n"
    real = write.write_new

    def saved_meanwhile(path, text):
        path.write_text(theirs, encoding="utf-8")
        return real(path, text)

    monkeypatch.setattr(write, "write_new", saved_meanwhile)
    rendered = "---\ngenerated_by: vaultnet\n---\n<!-- vaultnet:begin -->\nours\n<!-- vaultnet:end -->\n"
    with pytest.raises(PageRefused, match="vaultnet will not overwrite it"):
        write_page(page, rendered, "Balance.md")
    assert page.read_text(encoding="utf-8") == theirs


@pytest.mark.parametrize("in_the_way, page, why", [
    ("Reviews", "Reviews/2026-W48.md", "Not a directory"),  # a file named like the folder
    ("Balance.md/", "Balance.md", "Is a directory"),  # a folder named like the page
])
def test_something_in_a_pages_way_is_named_and_the_other_pages_written(run, example, in_the_way,
                                                                        page, why):
    shutil.rmtree(example / in_the_way, ignore_errors=True)  # the example's Reviews/
    if in_the_way.endswith("/"):
        (example / in_the_way).mkdir()
    else:
        (example / in_the_way).write_text("mine\n", encoding="utf-8")
    result = report(run, example)
    assert result.exit_code == 1
    assert result.stderr == (f"vaultnet: {page}: cannot be written ({why}); move what is in the "
                             "way, or set another path in .vaultnet/config.toml [output]\n")
    assert (example / "Follow-ups.md").exists()
    assert len([p for p in PAGES if (example / p).is_file()]) == 2


@pytest.fixture
def write_on(example):
    """``write_on(today, real_today)``: report on the example vault as of ``today``
    while the clock says ``real_today`` (default: the same day)."""
    config = load_config(example)
    index, _ = sync_index(example, config)

    def write(today: str, real_today: str | None = None) -> dict[str, str]:
        results = write_report(example, index, config, date.fromisoformat(today),
                               real_today=date.fromisoformat(real_today or today))
        return {r.path: r.status for r in results}

    yield write
    index.close()


def test_a_past_weeks_review_is_history(example, write_on):
    write_on("2026-11-23")
    review = example / "Reviews/2026-W48.md"
    written = review.read_bytes()
    review.write_text(written.decode().replace("# Week 48", "# Week 48 (edited)"), encoding="utf-8")
    kept = review.read_bytes()
    assert write_on("2026-11-24", real_today="2026-12-01")["Reviews/2026-W48.md"] == "kept"
    assert review.read_bytes() == kept
    review.write_bytes(written)
    assert write_on("2026-11-24")["Reviews/2026-W48.md"] == "updated"  # this week: still current


def test_the_reflection_belongs_to_the_user(example, write_on):
    write_on("2026-11-23")
    review = example / "Reviews/2026-W48.md"
    text = review.read_text(encoding="utf-8")
    reflection = "## Reflection\n\nGood week. Sponsor conversation went well.\n"
    review.write_text(text[: text.index("## Reflection")] + reflection, encoding="utf-8")
    write_on("2026-11-26")
    text = review.read_text(encoding="utf-8")
    assert text.endswith(reflection) and "As of Thu 26 Nov 2026" in text


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_report_twice_leaves_git_clean(run, example):
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=example, check=True, capture_output=True,
                              text=True).stdout

    git("init", "-q")
    git("config", "user.email", "t@example.invalid")
    git("config", "user.name", "t")
    git("add", "-A")
    git("commit", "-qm", "vault")
    report(run, example)
    assert git("status", "--porcelain").splitlines() == [
        "?? Balance.md", "?? Follow-ups.md", "?? Reviews/"]
    git("add", "-A")
    git("commit", "-qm", "report")
    report(run, example)
    assert git("status", "--porcelain") == ""  # the index itself is ignored by .vaultnet/.gitignore
    page = example / "Follow-ups.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMy notes under the page.\n", encoding="utf-8")
    git("commit", "-qam", "my notes")
    report(run, example, "2026-11-24")
    assert git("diff", "--stat").strip().startswith("Balance.md")  # and the user's text is not in the diff
    assert "My notes under the page." not in git("diff", "-U0")
    assert page.read_text(encoding="utf-8").endswith("\nMy notes under the page.\n")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_vault_used_without_init_keeps_its_index_out_of_git(run, vault):
    root = vault({"People/Ann.md": "---\nrole: peer\n---\n- 2026-11-01 coffee\n"})
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    assert run("due", "--vault", root, "--today", "2026-11-23").exit_code == 0
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=root,
                            check=True, capture_output=True, text=True).stdout
    assert status.splitlines() == ["?? .vaultnet/.gitignore", "?? People/Ann.md"]
    # One of the person's own is kept, and one deleted is not written again
    # while the index stands.
    (root / ".vaultnet/.gitignore").write_text("# mine\n")
    run("index", "--vault", root, "--full")
    assert (root / ".vaultnet/.gitignore").read_text() == "# mine\n"
    (root / ".vaultnet/.gitignore").unlink()
    run("index", "--vault", root)
    assert not (root / ".vaultnet/.gitignore").exists()


# --- confidentiality (SPEC 5) ----------------------------------------------------------

SECRET_VAULT = {
    "People/Hidden Hal.md": (
        "---\nrole: mentor\nprivate: true\nmet: 2026-11-20 at SECRETVENUE\n"
        "milestones:\n  - 2026-11-15 SECRETMILESTONE\nbirthday: 11-25\n---\n"
        "SECRETBODY about Hal.\n\n## Log\n- 2026-11-01 SECRETLOG lunch #asked\n"
        "- [ ] SECRETPROMISE to Hal 📅 2026-11-24\n"),
    "People/Open Olga.md": (
        "---\nrole: peer\nmet: 2026-01-01\n---\n## Log\n"
        "- 2026-11-22 lunch SECRETITEM #private\n"
        "- [ ] SECRETTASK for Olga #private 📅 2026-11-24\n"
        "- [ ] send Olga the slides 📅 2026-11-25\n"),
    "Daily/2026-11-23.md": ("- met [[Hidden Hal]] and [[Open Olga]] about SECRETDAILY #private 45m\n"
                            "- call with [[Open Olga]]: SECRETNESTED #private/health\n"),
    # A note tagged private is a private person, whatever `private:` says.
    "People/Tagged Tia.md": ("---\nrole: mentor\nprivate: false\ntags: [family, private/kin]\n"
                             "met: 2026-11-20 at SECRETTIAVENUE\n---\nSECRETTIA\n"
                             "- 2026-10-01 SECRETTIALOG lunch\n- [ ] SECRETTIATASK 📅 2026-11-24\n"),
    # A note tagged private: all it holds is as if tagged #private.
    "Meetings/Offsite.md": ("---\ndate: 2026-11-23\ntags: [meeting, private]\n---\n"
                            "- SECRETOFFSITE with [[Open Olga]] 1h\n"
                            "- [ ] SECRETOFFSITETASK for [[Open Olga]] 📅 2026-11-24\n"),
    # A nested tag is its root's (#asked/intro is an ask), #private/... too.
    "People/Nested Nina.md": ("---\nrole: peer\nmet: 2026-01-01\n---\n## Log\n"
                              "- 2026-11-15 SECRETASK intro to her VP #asked/intro #private/work\n"),
    "Skills/Go.md": "---\nlevel: 1\n---\n- 2026-11-23 SECRETPRACTICE kata #private 1h\n",
    "Goals/Staff.md": '---\nskills:\n  "[[Go]]": 3\nnetwork:\n  mentor: 1\n---\n',
}


def test_private_people_and_items_never_leak_into_pages(run, vault):
    root = vault(SECRET_VAULT)
    result = report(run, root)
    assert result.exit_code == 0, result.output
    pages = "\n".join((root / page).read_text(encoding="utf-8") for page in PAGES)
    assert re.findall(r"SECRET\w+", pages) == []
    # A bare link is allowed, and the person still counts: Hal is due (a promise, a
    # birthday, a milestone, a new contact, a referral) without any of its text.
    assert "[[Hidden Hal]]" in pages and "send Olga the slides" in pages
    assert "[[Tagged Tia]]" in pages
    due = json.loads(run("due", "--vault", root, "--today", TODAY, "--json").stdout)
    assert ("Nested Nina", "referral-outcome") in {(i["person"], i["reason"]) for i in due}
    calendar = run("export", "ics", "--vault", root, "--today", TODAY).stdout
    assert "BEGIN:VEVENT" in calendar and re.findall(r"SECRET\w+", calendar) == []


def test_the_example_vault_keeps_its_private_person_private(run, example):
    report(run, example)
    pages = "\n".join((example / page).read_text(encoding="utf-8") for page in PAGES)
    hannah = (example / "People/Hannah Lee.md").read_text(encoding="utf-8")
    body = hannah.split("---", 2)[2]
    for line in body.splitlines():
        text = re.sub(r"^[-#\s]*(\[.\]\s*)?(\d{4}-\d{2}-\d{2})?", "", line).strip()
        if len(text) > 12:
            assert text[:30] not in pages, f"private text leaked: {text!r}"
    assert "reorg in confidence" not in pages  # a #private item in a daily note


# --- templates -----------------------------------------------------------------------


def test_a_template_in_the_vault_overrides_the_packaged_one(run, example):
    custom = example / ".vaultnet/templates/follow-ups.md"
    custom.parent.mkdir(parents=True)
    custom.write_text("---\ngenerated_by: vaultnet\n---\n<!-- vaultnet:begin -->\n"
                      "{% for g in groups %}{% for i in g.items %}{{ i.person|link }}\n"
                      "{% endfor %}{% endfor %}<!-- vaultnet:end -->\n", encoding="utf-8")
    assert report(run, example).exit_code == 0
    lines = (example / "Follow-ups.md").read_text(encoding="utf-8").splitlines()
    assert lines[4:6] == ["[[Chris Novak]]", "[[Jin Park]]"]


def test_packaged_templates_are_read_beside_the_package_when_they_are_there(tmp_path,
                                                                          monkeypatch):
    """A regular install has them in vaultnet/templates; an editable one (the
    tests') maps the package elsewhere, and importlib.resources finds them."""
    from vaultnet import render

    shipped = template_files.packaged_templates().joinpath("balance.md").read_text(encoding="utf-8")
    installed = tmp_path / "site-packages/vaultnet"
    (installed / "templates").mkdir(parents=True)
    (installed / "templates/balance.md").write_text("beside the package\n", encoding="utf-8")
    monkeypatch.setattr(template_files, "__file__", str(installed / "template_files.py"))
    template_files.packaged_templates.cache_clear()
    try:
        source, _, _ = render._PackagedLoader().get_source(None, "balance.md")
        assert source == "beside the package\n"
        (installed / "templates/balance.md").unlink()
        (installed / "templates").rmdir()  # none there: the package's own, wherever it is
        template_files.packaged_templates.cache_clear()
        assert render._PackagedLoader().get_source(None, "balance.md")[0] == shipped
    finally:
        template_files.packaged_templates.cache_clear()


def test_compiled_templates_are_kept_in_the_user_cache_not_the_vault(run, example, tmp_path,
                                                                   monkeypatch):
    import jinja2

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert report(run, example).exit_code == 0
    assert len(list((tmp_path / "cache/vaultnet").rglob("*.cache"))) == 3  # one per page
    assert not [p for p in example.rglob("*") if "cache" in p.name]
    first = {page: (example / page).read_bytes() for page in PAGES}
    for page in PAGES:
        (example / page).unlink()
    monkeypatch.setattr(jinja2.Environment, "compile",
                        lambda *a, **k: pytest.fail("a cached template was compiled again"))
    assert report(run, example).exit_code == 0
    assert {page: (example / page).read_bytes() for page in PAGES} == first


def test_two_installs_keep_their_own_compiled_templates(run, example, tmp_path, monkeypatch):
    """Two installs of one version whose templates differ (a checkout beside a wheel
    of another commit) each compile their pages once, not once a run each: the
    cache's entry is named by the template's file, not its name alone."""
    import jinja2

    from vaultnet import render

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    shipped = template_files.packaged_templates()
    installs = []
    for word in ("first", "second"):
        folder = tmp_path / word / "vaultnet/templates"
        folder.mkdir(parents=True)
        for name in render.TEMPLATE_NAMES:
            (folder / name).write_text(shipped.joinpath(name).read_text(encoding="utf-8")
                                       + f"{word}\n", encoding="utf-8")
        installs.append(folder)
    try:
        for folder in installs:  # each compiles its own
            monkeypatch.setattr(template_files, "packaged_templates", lambda folder=folder: folder)
            assert report(run, example).exit_code == 0
        monkeypatch.setattr(jinja2.Environment, "compile",
                            lambda *a, **k: pytest.fail("a cached template was compiled again"))
        for folder in installs:
            monkeypatch.setattr(template_files, "packaged_templates", lambda folder=folder: folder)
            for page in PAGES:
                (example / page).unlink()
            assert report(run, example).exit_code == 0
            assert (example / "Balance.md").read_text(encoding="utf-8").endswith(
                f"{folder.parts[-3]}\n")
    finally:
        monkeypatch.undo()


def test_no_template_cache_without_a_home_folder(run, example, tmp_path, monkeypatch):
    monkeypatch.chdir(example)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # ignored, as the XDG spec says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert report(run, example).exit_code == 0
    assert list((tmp_path / "home/.cache/vaultnet").rglob("*.cache"))
    monkeypatch.setattr("os.path.expanduser", lambda path: path)  # no home known at all
    for page in PAGES:
        (example / page).unlink()
    assert report(run, example).exit_code == 0
    assert not (example / "relative").exists() and not (example / "~").exists()


def test_an_edited_template_is_compiled_again(run, example, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    custom = example / ".vaultnet/templates/balance.md"
    custom.parent.mkdir(parents=True)
    for word in ("first", "second"):
        custom.write_text(f"---\ngenerated_by: vaultnet\n---\n<!-- vaultnet:begin -->\n{word}\n"
                          "<!-- vaultnet:end -->\n", encoding="utf-8")
        assert report(run, example).exit_code == 0
        assert word in (example / "Balance.md").read_text(encoding="utf-8")


def test_a_broken_or_unwritable_template_cache_is_no_reason_to_fail(run, example, tmp_path,
                                                                    monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    assert report(run, example).exit_code == 0
    first = {page: (example / page).read_bytes() for page in PAGES}
    from jinja2.bccache import bc_magic

    for entry in cache.rglob("*.cache"):  # cut short inside the header, after the magic
        entry.write_bytes(entry.read_bytes()[: len(bc_magic) + 5])
    blocker = tmp_path / "a-file"
    blocker.write_text("")

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    # Broken entries; no cache folder can be made; entries cannot be written.
    for home in (cache, blocker, tmp_path / "full"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(home))
        if home.name == "full":
            monkeypatch.setattr("jinja2.bccache.tempfile.NamedTemporaryFile", disk_full)
        for page in PAGES:
            (example / page).unlink()
        assert report(run, example).exit_code == 0
        assert {page: (example / page).read_bytes() for page in PAGES} == first


def test_pages_left_where_the_settings_no_longer_put_them_are_named(run, example):
    """Moved by [output], the pages were written anew, and the old ones stayed behind,
    out of date, with nothing to say so (and [[Balance]] then names two pages)."""
    assert report(run, example).stderr == ""
    (example / ".vaultnet").mkdir(exist_ok=True)
    (example / ".vaultnet/config.toml").write_text(
        '[output]\nfollow_ups = "Career/Follow-ups.md"\nbalance = "Career/Balance.md"\n')
    report(run, example)
    again = report(run, example)  # (the first report's sync saw no page at the new paths)
    assert again.exit_code == 0
    assert again.stderr.splitlines() == [
        f"vaultnet: {page} is a page vaultnet wrote where its settings no longer put pages "
        "(Career/Follow-ups.md and Career/Balance.md now, [output] in .vaultnet/config.toml), "
        "so it is never written again; delete it once you have kept what you wrote outside "
        "its markers" for page in ("Balance.md", "Follow-ups.md")]  # not the review: history
    (example / "Balance.md").unlink()
    (example / "Follow-ups.md").unlink()
    assert report(run, example).stderr == ""


def test_a_template_named_as_the_page_is_named_as_not_read(run, example):
    """`Follow-ups.md`, named as its page, was never read, and nothing said so. Other
    files may be what a template includes: not named."""
    folder = example / ".vaultnet/templates"
    folder.mkdir(parents=True)
    for name in ("Follow-ups.md", "review.md.j2", "Balance.md", "_macros.md", "notes.txt"):
        (folder / name).write_text("x", encoding="utf-8")
    result = report(run, example)
    assert result.exit_code == 0, result.output
    said = [line for line in result.stderr.splitlines() if "is not read" in line]
    if (folder / "balance.md").exists():  # a file system of any case: they are read
        assert said == []
        return
    assert said == [
        f"vaultnet: .vaultnet/templates/{name} is not read: a template takes the name of "
        f"vaultnet's own; rename it to {meant}"
        for name, meant in [("Balance.md", "balance.md"), ("Follow-ups.md", "follow-ups.md"),
                            ("review.md.j2", "review.md")]]


@pytest.mark.parametrize("template, message", [
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}",  # the sandbox says no, in one sentence
     "access to attribute '__class__' of 'str' object is unsafe; fix the template"),
    ("{{ nothing_like_this }}", "'nothing_like_this' is undefined"),
    ("line 1\n{{ nothing_like_this }}", "line 2: 'nothing_like_this' is undefined"),
    # Python's errors in a template are the template's, on their line: they were
    # "unexpected ZeroDivisionError ... please report it".
    ("one\ntwo {{ 1 / 0 }}", "line 2: division by zero; fix the template"),
    ("{% if true %}\n{{ 'a' + 1 }}{% endif %}", 'line 2: can only concatenate str (not "int")'),
    ("{{ range(10**9)|list }}", "line 1: Range too big"),
    ("no markers at all", "must write `generated_by: vaultnet`"),
    ("---\ngenerated_by: vaultnet\n---\nText <!-- vaultnet:begin -->\n<!-- vaultnet:end -->\n",
     "each at the start of a line"),
    ("{% for %}", "line 1"),
    ("{% macro again() %}{{ again() }}{% endmacro %}{{ again() }}",  # was: RecursionError
     "a macro calls itself without end; fix the template"),
])
def test_a_broken_or_unsafe_template_gives_a_clear_error(run, example, template, message):
    custom = example / ".vaultnet/templates/follow-ups.md"
    custom.parent.mkdir(parents=True)
    custom.write_text(template, encoding="utf-8")
    result = report(run, example)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and str(custom) in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no SIGALRM (Windows)")
def test_a_template_that_loops_for_ever_is_stopped(run, example, monkeypatch):
    # Each range() is bounded by the sandbox; ten billion turns of two are not.
    from vaultnet import render

    monkeypatch.setattr(render, "RENDER_SECONDS", 0.5)
    custom = example / ".vaultnet/templates/balance.md"
    custom.parent.mkdir(parents=True)
    custom.write_text("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
                      "{% endfor %}", encoding="utf-8")
    before = signal.getsignal(signal.SIGALRM)
    result = report(run, example)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {custom}: still rendering after 0.5 s: does a loop never "
                             "end? Fix the template or delete it to use vaultnet's own\n")
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # no timer left running
    assert report(run, example).exit_code == 1  # and again: the limit holds each time


def test_no_quoted_text_hides_the_rest_of_a_page_in_obsidian(run, vault):
    """A milestone's "%%" began an Obsidian comment on Follow-ups.md that hid the
    page below it (properties are shown as written; a note's own comments are
    left out of what the pages quote)."""
    root = vault({"People/Ann Lee.md": (
        "---\nrole: mentor\nmilestones:\n  - 2026-11-15 grew her team 50%% in a year\n---\n"
        "- 2026-09-01 coffee %%she seemed tired%% then a walk\n"
        "- [ ] send the deck 📅 2026-11-20 %%if the budget\nis approved%%\n")})
    assert report(run, root).exit_code == 0
    page = (root / "Follow-ups.md").read_text(encoding="utf-8")
    assert "%%" not in page and "tired" not in page and "budget" not in page
    assert "grew her team 50\\%\\% in a year" in page
    html = MarkdownIt("commonmark").render(page)
    assert "grew her team 50%% in a year" in html
    assert "**[[Ann Lee]]**, 3 days overdue (2026-11-20): send the deck\n" in page
    assert "    - Last: 2026-09-01 coffee then a walk\n" in page


@pytest.mark.parametrize("text, expected", [
    ("a | b", r"a \| b"),
    ("#gave *bold* _x_ <b>", r"\#gave \*bold\* \_x\_ \<b\>"),
    ("with [[Ann|Ann B]] and [[Bo#Log]]", "with [[Ann|Ann B]] and [[Bo#Log]]"),  # links stay links
    ("see ![[Secret note]]", r"see \![[Secret note]]"),  # an embed would pull in the note's text
    ("two\nlines", "two lines"),
    # Markdown links to notes stay links, as wikilinks that work from the page's folder
    ("with [Ann](../People/Ann%20Lee.md#Log)", "with [[Ann Lee|Ann]]"),
    ("[Ann Lee](<Ann Lee.md>) [a|b](Bo.md)", "[[Ann Lee]] [[Bo]]"),
    # an address, an embed and a name no wikilink can hold are text
    ("[site](https://x.com/a_b) ![i](Ann.md) [x](Ann%5D.md)",
     r"\[site\](https://x.com/a\_b) !\[i\](Ann.md) \[x\](Ann%5D.md)"),
    # a property's %% would begin an Obsidian comment on the page, hiding the rest
    ("grew revenue 40%% [[Acme]]", r"grew revenue 40\%\% [[Acme]]"),
    ("grew 50% in a year", "grew 50% in a year"),
])
def test_user_text_is_escaped_for_markdown(text, expected):
    assert escape(text) == expected


@pytest.mark.parametrize("name, expected", [
    ("People/Ann Lee.md", "[[Ann Lee]]"),
    ("Ann | Ops", r"Ann \| Ops"),  # Obsidian cannot link such a name: plain text, table-safe
    ("C# guild", r"C\# guild"),
])
def test_links(name, expected):
    assert link(name) == expected


def test_a_pipe_in_a_name_does_not_break_a_table(run, vault):
    root = vault({
        "People/Ann | Ops.md": "---\nrole: peer\n---\n- 2026-11-20 coffee #received\n",
    })
    assert report(run, root).exit_code == 0
    page = (root / "Balance.md").read_text(encoding="utf-8")
    assert "| Ann \\| Ops | 0 | 1 | only taking |" in page
    html = MarkdownIt("commonmark").enable("table").render(page)
    assert_tables_intact(html, "Balance.md")


def test_an_items_promises_are_listed_soonest_first(run, vault):
    """The promises under a follow-up were in the order of the notes' paths, so
    one due next week could come after one due next month."""
    root = vault({
        "People/Chris.md": ("---\nrole: peer\n---\n- 2026-08-01 lunch\n"
                            "- [ ] send the RFC draft 📅 2026-12-20\n- [ ] lend him the book\n"),
        "Meetings/Kickoff.md": "- [ ] send [[Chris]] the checklist 📅 2026-12-01\n",
        "Daily/2026-11-02.md": "- [ ] intro [[Chris]] to Dana 📅 2026-12-10\n",
    })
    assert report(run, root).exit_code == 0
    page = (root / "Follow-ups.md").read_text(encoding="utf-8")
    assert "- **[[Chris]]**, 53 days overdue (2026-10-01): every 2m; last contact 2026-08-01\n" \
           "    - Last: 2026-08-01 lunch\n" \
           "    - Promised: send [[Chris]] the checklist, due 2026-12-01 (in [[Kickoff]])\n" \
           "    - Promised: intro [[Chris]] to Dana, due 2026-12-10 (in [[2026-11-02]])\n" \
           "    - Promised: send the RFC draft, due 2026-12-20\n" \
           "    - Promised: lend him the book\n" in page


def test_an_items_context_does_not_repeat_the_item(run, vault):
    """A milestone item's "Milestone:" line and a referral's "Last:" line (the ask
    itself) said again what the item's own line says."""
    root = vault({
        "People/Ann.md": ("---\nrole: peer\nmilestones: [2026-11-10 joined Globex]\n---\n"
                          "- 2026-10-01 lunch 45m\n"),
        "People/Bo.md": "---\nrole: mentor\n---\n- 2026-11-13 asked her to refer me #asked\n",
        "People/Cy.md": ("---\nrole: peer\nmilestones: [2026-11-02 promoted, 2026-11-12 spoke at "
                         "KubeCon]\n---\n- 2026-11-01 lunch\n"),
    })
    assert report(run, root).exit_code == 0
    page = (root / "Follow-ups.md").read_text(encoding="utf-8")
    assert "- **[[Ann]]**, 13 days overdue (2026-11-10): joined Globex\n" \
           "    - Last: 2026-10-01 lunch 45m\n" in page
    assert "Milestone: 2026-11-10" not in page
    assert "- **[[Bo]]**, in 4 days (2026-11-27): asked 2026-11-13: asked her to refer me \\#asked\n" \
           "\n" in page
    # Another milestone than the item's own is still shown with it.
    assert "- **[[Cy]]**, 21 days overdue (2026-11-02): promoted\n" \
           "    - Last: 2026-11-01 lunch\n    - Milestone: 2026-11-12 spoke at KubeCon\n" in page


def test_a_vault_written_with_markdown_links(run, vault):
    """Obsidian with "Use [[Wikilinks]]" off writes every link as a Markdown link:
    they count, and the pages and the terminal show them as links and as words."""
    root = vault({
        "People/Ann Lee.md": "---\nrole: mentor\n---\n",
        "Daily/2026-11-02.md": "- coffee with [Ann](../People/Ann%20Lee.md) about the RFC 45m\n"
                               "- [ ] send [Ann](../People/Ann%20Lee.md) the RFC 📅 2026-11-20\n",
    })
    due = json.loads(run("due", "--vault", root, "--today", "2026-11-23", "--json").stdout)
    # The coffee was an interaction: no "new-contact" item; her cadence runs to 2026-12-02.
    assert [(i["reason"], i["due"], i["detail"]) for i in due] == [
        ("commitment", "2026-11-20", "send [Ann](../People/Ann%20Lee.md) the RFC")]
    table = run("due", "--vault", root, "--today", "2026-11-23").stdout
    assert "commitment  send Ann the RFC" in table
    assert report(run, root).exit_code == 0
    page = (root / "Follow-ups.md").read_text(encoding="utf-8")
    assert "- Last: 2026-11-02 coffee with [[Ann Lee|Ann]] about the RFC 45m (in [[2026-11-02]])" \
        in page


def test_two_people_of_one_name_each_have_their_own_link_and_interactions(run, vault):
    """Two Alex Kims, in two folders: a link written with a folder (as Obsidian writes
    one when two notes share a name) counts for that one, and the pages link each
    by its folders, where `[[Alex Kim]]` would open the same note for both."""
    root = vault({
        "People/Acme/Alex Kim.md": "---\nrole: peer\nlast_contact: 2026-01-05\n---\n",
        "People/Globex/Alex Kim.md": "---\nrole: mentor\nlast_contact: 2026-01-05\n---\n",
        "People/Bo.md": "---\nrole: peer\nlast_contact: 2026-01-05\n---\n",
        "Daily/2026-11-02.md": "- lunch with [[Globex/Alex Kim|Alex]] 45m\n",
    })
    due = json.loads(run("due", "--vault", root, "--today", TODAY, "--json").stdout)
    assert [(i["path"], i["due"]) for i in due] == [
        ("People/Acme/Alex Kim.md", "2026-03-05"), ("People/Bo.md", "2026-03-05")]
    assert report(run, root).exit_code == 0
    page = (root / "Follow-ups.md").read_text(encoding="utf-8")
    assert "- **[[People/Acme/Alex Kim\\|Alex Kim]]**, " in page
    assert "- **[[Bo]]**, " in page
    review = (root / "Reviews/2026-W48.md").read_text(encoding="utf-8")
    assert "[[People/Globex/Alex Kim\\|Alex Kim]]" in review  # due the week after
    assert "[[Alex Kim]]" not in page + review


def test_a_note_named_as_a_page_is_linked_with_its_folder_and_checked(run, vault):
    """A person called Balance: `[[Balance]]` on a page would open the page
    Balance.md in Obsidian (the shortest path), so the pages link the person with
    the folder, from the first report on; and once the page is written, `check`
    names the note, and an alias that is a page's name."""
    root = vault({
        "People/Balance.md": "---\nrole: peer\nlast_contact: 2026-01-05\n---\n",
        "People/Bo.md": "---\nrole: peer\nlast_contact: 2026-01-05\naliases: [Follow-ups]\n---\n",
        # A weekly note of the review's name: its links count for nothing, so no problem.
        "Weekly/2026-W48.md": "- 2026-09-01 called [[Balance]]\n",
    })
    checked = run("check", "--vault", root)
    assert checked.exit_code == 0, checked.output  # no page yet: nothing to mistake
    assert report(run, root).exit_code == 0
    page = (root / "Follow-ups.md").read_text(encoding="utf-8")
    assert "- **[[People/Balance\\|Balance]]**, " in page
    assert "- **[[Bo]]**, " in page  # an alias is no file name: links name titles
    assert "**[[Balance]]**" not in page  # (a line it quotes keeps its links as written)
    assert "- Last: 2026-09-01 called [[Balance]] (in [[Weekly/2026-W48\\|2026-W48]])" in page
    problems = json.loads(run("check", "--vault", root, "--json").stdout)
    assert [(p["path"], p["line"], p["message"].split(":")[0]) for p in problems] == [
        ("People/Balance.md", 1, "title 'Balance' is also the name of Balance.md, a page "
                                 "vaultnet writes"),
        ("People/Bo.md", 4, "alias 'Follow-ups' is also the name of Follow-ups.md, a page "
                            "vaultnet writes")]
    assert report(run, root).stdout.count("unchanged") == 3  # the same links again


@pytest.mark.parametrize("app, acme_line, globex_line", [
    (None, "call with [[Acme/Alex Kim]] (in [[2026-09-01]])",
     "lunch with [[People/Globex/Alex Kim|Alex]] 45m (in [[2026-09-01]])"),
    ('{"useMarkdownLinks": true, "newLinkFormat": "relative"}',
     "call with [Acme/Alex Kim](People/Acme/Alex%20Kim.md) (in [2026-09-01](Daily/2026-09-01.md))",
     "lunch with [Alex](People/Globex/Alex%20Kim.md) 45m (in [2026-09-01](Daily/2026-09-01.md))"),
])
def test_the_links_a_page_quotes_keep_to_the_note_of_their_folders(run, vault, app, acme_line,
                                                                   globex_line):
    """The last interaction quoted under each of two Alex Kims links the one it is with:
    a Markdown link's folders are kept in the wikilink it becomes, and a link with
    folders becomes a Markdown link to the file in them."""
    files = {
        "People/Acme/Alex Kim.md": "---\nrole: peer\n---\n",
        "People/Globex/Alex Kim.md": "---\nrole: peer\n---\n",
        "Daily/2026-09-01.md": "- lunch with [Alex](../People/Globex/Alex%20Kim.md) 45m\n"
                               "- call with [[Acme/Alex Kim]]\n",
    }
    if app:
        files[".obsidian/app.json"] = app
    root = vault(files)
    assert report(run, root).exit_code == 0
    page = (root / "Follow-ups.md").read_text(encoding="utf-8")
    acme, globex = page.split("Alex Kim", 1)[1].split("- **")[:2]
    assert f"- Last: 2026-09-01 {acme_line}" in acme
    assert f"- Last: 2026-09-01 {globex_line}" in globex


def test_what_a_comment_holds_is_never_quoted(run, vault):
    """A comment is text the user hid: the interaction beside it counts, and neither
    the pages nor `vaultnet due` show what it says."""
    root = vault({
        "People/Ann.md": "---\nrole: peer\ncadence: 1w\n---\n",
        "Daily/2026-11-02.md": "- coffee with [[Ann]] %%she is job hunting%% 45m\n"
                               "- [ ] send [[Ann]] the deck <!-- she asked twice --> 📅 2026-11-20\n"
                               "%%\n- lunch with [[Ann]], about her divorce\n%%\n",
    })
    due = run("due", "--vault", root, "--today", TODAY, "--json")
    assert [(i["reason"], i["due"], i["detail"]) for i in json.loads(due.stdout)] == [
        ("cadence", "2026-11-09", "every 1w; last contact 2026-11-02"),
        ("commitment", "2026-11-20", "send [[Ann]] the deck")]
    assert report(run, root).exit_code == 0
    pages = "".join(p.read_text(encoding="utf-8") for p in
                    (root / "Follow-ups.md", root / "Balance.md", root / "Reviews/2026-W48.md"))
    assert "- Last: 2026-11-02 coffee with [[Ann]] 45m (in [[2026-11-02]])" in pages
    for hidden in ("job hunting", "asked twice", "divorce", "%%"):
        assert hidden not in pages + due.stdout


def _report_this_week(root: Path) -> None:
    """`vaultnet report` on 2026-11-23, in that week (so the review is written too)."""
    config = load_config(root)
    index, _ = sync_index(root, config)
    try:
        write_report(root, index, config, date(2026, 11, 23), real_today=date(2026, 11, 23))
    finally:
        index.close()


def _links_of(page_path: Path) -> list[str]:
    """The destinations of the links on a page, rendered as a Markdown viewer would."""
    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
    html = md.render(page_path.read_text(encoding="utf-8"))
    assert_tables_intact(html, page_path.name)
    return [unquote(href) for href in re.findall(r'<a href="([^"]*)"', html)]


def test_in_a_vault_obsidian_writes_markdown_links_every_link_opens_its_note(example):
    """Obsidian with "Use [[Wikilinks]]" off writes links as Markdown links, for tools
    other than Obsidian to follow (Settings → Files and links): the pages do too,
    and every link, rendered, opens a note's file from the page's folder."""
    (example / ".obsidian").mkdir()
    (example / ".obsidian/app.json").write_text(
        '{"useMarkdownLinks": true, "newLinkFormat": "relative"}', encoding="utf-8")
    _report_this_week(example)
    for page in PAGES:
        text = (example / page).read_text(encoding="utf-8")
        assert "[[" not in text, page
        links = _links_of(example / page)
        assert len(links) > 10, page
        for href in links:
            target = (example / page).parent / href.split("#")[0]
            assert target.resolve().is_file() and target.suffix == ".md", (page, href)
    review = (example / "Reviews/2026-W48.md").read_text(encoding="utf-8")
    assert "[Yuki Tanaka](../People/Yuki%20Tanaka.md)" in review
    assert "(in [2026-11-23](../Daily/2026-11-23.md))" in review  # a source, from the text


@pytest.mark.parametrize("form, from_root, from_reviews", [
    ("shortest", "(Ann%20Lee.md)", "(Ann%20Lee.md)"),
    ("relative", "(People/Ann%20Lee.md)", "(../People/Ann%20Lee.md)"),
    ("absolute", "(People/Ann%20Lee.md)", "(People/Ann%20Lee.md)"),
])
def test_markdown_links_follow_obsidians_new_link_format(vault, form, from_root, from_reviews):
    root = vault({
        ".obsidian/app.json": json.dumps({"useMarkdownLinks": True, "newLinkFormat": form}),
        "People/Ann Lee.md": "---\nrole: mentor\n---\n- [ ] send the deck 📅 2026-11-22\n",
        "People/Bo (ops).md": "---\nrole: mentor\n---\n- 2026-09-01 call\n",
        "Archive/Bo (ops).md": "an old note of the same name\n",
        "People/Balance.md": "---\nrole: mentor\n---\n- 2026-09-01 call\n",  # as the page
        "People/Cy.md": "---\nrole: peer\n---\n",
        "Daily/2026-11-20.md": "- lunch with [[ann lee#Log|Ann]] and [Cy](../People/Cy.md)\n",
    })
    _report_this_week(root)
    follow_ups = (root / "Follow-ups.md").read_text(encoding="utf-8")
    review = (root / "Reviews/2026-W48.md").read_text(encoding="utf-8")
    assert f"[Ann Lee]{from_root}" in follow_ups and f"[Ann Lee]{from_reviews}" in review
    # A file name two notes have is linked by its whole path, even with the shortest
    # format; brackets and spaces are escaped; a heading stays the link's heading.
    bo = "Bo%20%28ops%29.md"
    assert f"[Bo (ops)]({'../' if form == 'relative' else ''}People/{bo})" in review
    if form == "shortest":  # Balance.md, the page, is a file of that name too (once written)
        _report_this_week(root)
        assert "[Balance](People/Balance.md)" in (root / "Follow-ups.md").read_text(
            encoding="utf-8")
    here = from_root[1:-1].replace("Ann%20Lee", "Cy")
    assert f"lunch with [Ann]({from_root[1:-1]}#Log) and [Cy]({here})" in follow_ups
    assert "[[" not in follow_ups + review


@pytest.mark.parametrize("app_json, form", [
    (None, "wikilink"),
    ('{"useMarkdownLinks": false, "newLinkFormat": "relative"}', "wikilink"),
    ('{"useMarkdownLinks": true}', "shortest"),  # Obsidian's default format
    ('{"useMarkdownLinks": true, "newLinkFormat": "absolute"}', "absolute"),
    ('{"useMarkdownLinks": true, "newLinkFormat": "nearest"}', "shortest"),
    ('{"useMarkdownLinks": "yes"}', "wikilink"),
    ("{not json", "wikilink"),
])
def test_the_link_format_is_obsidians(vault, app_json, form):
    root = vault({".obsidian/app.json": app_json} if app_json is not None else {"x.md": ""})
    assert load_config(root).link_format == form


def test_a_note_named_like_an_address_is_linked_as_a_file(vault):
    """A vault may come from someone else: a note named `javascript:alert(1).md`
    must not make a page hold a `javascript:` link."""
    root = vault({
        ".obsidian/app.json": '{"useMarkdownLinks": true, "newLinkFormat": "absolute"}',
        "People/javascript:alert(1).md": "---\nrole: mentor\n---\n- 2026-09-01 coffee\n",
    })
    _report_this_week(root)
    page = (root / "Follow-ups.md").read_text(encoding="utf-8")
    assert "[javascript:alert(1)](People/javascript:alert%281%29.md)" in page
    shortest = (root / ".obsidian/app.json")
    shortest.write_text('{"useMarkdownLinks": true}', encoding="utf-8")
    _report_this_week(root)
    page = (root / "Follow-ups.md").read_text(encoding="utf-8")
    assert "[javascript:alert(1)](./javascript:alert%281%29.md)" in page
    assert all(not href.startswith("javascript:") for href in _links_of(root / "Follow-ups.md"))
