"""The index on real files: incremental updates, rebuilds, broken index files."""

from __future__ import annotations

import errno
import json
import os
import signal
import sqlite3
import sys
import threading
import time
from datetime import date

import pytest

from vaultnet import discover
from vaultnet.config import Config
from vaultnet.discover import BackgroundListing, list_notes
from vaultnet.errors import IndexFileError, VaultNotFound
from vaultnet.index import index_path, sync_index
from vaultnet.index import sync as sync_module
from vaultnet.index.store import Index
from vaultnet.index.sync import sync_answer

TODAY = date(2026, 11, 23)
ANN = "---\nrole: mentor\n---\n- 2026-11-01 coffee 45m\n"


def sync(root, config=None, **kwargs):
    index, result = sync_index(root, config or Config(), **kwargs)
    counts = index.counts(TODAY)
    index.close()
    return result, counts


def interactions(root) -> list[tuple[str, str]]:
    db = sqlite3.connect(index_path(root))
    rows = db.execute("""SELECT t.title, e.date FROM events e
                         JOIN notes t ON t.id = e.about_id WHERE t.type = 'person'
                         AND e.twin = 0 ORDER BY e.date""").fetchall()
    db.close()
    return rows


def test_a_note_named_with_decomposed_accents_is_found_by_its_name(run, vault):
    """A vault synced from a Mac: the file name is NFD, the links and the command line NFC."""
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Sofía Núñez")
    root = vault({f"People/{nfd}.md": "---\nrole: peer\naliases: [Zoë]\n---\n",
                  "Daily/2026-11-20.md": "- coffee with [[Sofía Núñez]] 30m\n",
                  "Daily/2026-11-21.md": f"- lunch with [[{unicodedata.normalize('NFD', 'Zoë')}]]\n"})
    assert run("index", "--vault", root).exit_code == 0
    assert [d for _, d in interactions(root)] == ["2026-11-20", "2026-11-21"]
    assert run("log", "--vault", root, "Sofía Núñez", "call", "--today", "2026-11-23").exit_code == 0
    assert (root / f"People/{nfd}.md").read_text(encoding="utf-8").endswith("- 2026-11-23 call\n")


def test_add_modify_delete(vault):
    root = vault({"People/Ann.md": ANN})
    result, counts = sync(root)
    assert result.rebuilt and counts["people"] == 1 and counts["interactions"] == 1

    (root / "People/Bob.md").write_text("- 2026-11-02 lunch\n")
    result, counts = sync(root)
    assert result.parsed == ["People/Bob.md"] and counts["people"] == 2

    (root / "People/Ann.md").write_text(ANN + "- 2026-11-03 call\n")
    result, counts = sync(root)
    assert result.parsed == ["People/Ann.md"] and counts["interactions"] == 3

    (root / "People/Bob.md").unlink()
    result, counts = sync(root)
    assert result.removed == ["People/Bob.md"] and counts["people"] == 1
    assert counts["interactions"] == 2


def test_no_change_reads_nothing(vault):
    root = vault({"People/Ann.md": ANN, "Daily/2026-11-02.md": "[[Ann]]\n"})
    sync(root)
    old = os.stat(root / "People/Ann.md").st_mtime_ns - 10_000_000_000
    for path in root.rglob("*.md"):
        os.utime(path, ns=(old, old))  # long before it was indexed: not racy
    sync(root)  # records the new stats
    result, _ = sync(root)
    assert result.parsed == [] and result.removed == [] and not result.rebuilt


def _age(root, seconds=10):
    """Make every note look written long before it is indexed (not racy)."""
    old = os.stat(root / "People/Ann.md").st_mtime_ns - seconds * 1_000_000_000
    for path in root.rglob("*.md"):
        os.utime(path, ns=(old, old))


def test_an_unchanged_listing_stops_after_the_walk(vault, monkeypatch):
    from vaultnet.index.store import Index

    root = vault({"People/Ann.md": ANN, "Daily/2026-11-02.md": "[[Ann]]\n"})
    _age(root)
    sync(root)
    monkeypatch.setattr(Index, "note_stats", lambda *a, **k: pytest.fail("compared note by note"))
    result, counts = sync(root)
    assert result.parsed == [] and counts["interactions"] == 2
    monkeypatch.undo()
    (root / "People/Bob.md").write_text(ANN)  # a new path: the listing differs
    result, counts = sync(root)
    assert result.parsed == ["People/Bob.md"] and counts["people"] == 2


def test_after_a_kept_listing_only_the_notes_that_differ_are_compared(vault, monkeypatch):
    from vaultnet.index.store import Index

    root = vault({"People/Ann Lee.md": ANN, "People/Bob.md": ANN, "People/Cy.md": ANN,
                  "Daily/2026-11-02.md": "[[Ann Lee]]\n"})
    old = os.stat(root / "People/Bob.md").st_mtime_ns - 10_000_000_000
    for path in root.rglob("*.md"):
        os.utime(path, ns=(old, old))
    sync(root)
    looked = []
    real = Index.note_stats
    monkeypatch.setattr(Index, "note_stats", lambda self, paths=None: (looked.append(paths),
                                                                       real(self, paths))[1])
    (root / "People/Ann Lee.md").write_text(ANN + "- 2026-11-03 lunch\n")
    (root / "People/Cy.md").unlink()
    (root / "People/Dee.md").write_text(ANN)
    result, counts = sync(root)
    assert looked == [{"People/Ann Lee.md", "People/Cy.md", "People/Dee.md"}]
    assert result.parsed == ["People/Ann Lee.md", "People/Dee.md"]
    assert result.removed == ["People/Cy.md"]
    assert counts["people"] == 3 and counts["interactions"] == 5


def test_every_note_deleted_after_a_kept_listing_empties_the_index(vault):
    root = vault({"People/Ann.md": ANN, "People/Bob.md": ANN})
    _age(root)
    sync(root)
    for path in list(root.rglob("*.md")):
        path.unlink()
    result, counts = sync(root)
    assert sorted(result.removed) == ["People/Ann.md", "People/Bob.md"]
    assert counts["people"] == 0
    result, counts = sync(root)  # an empty listing is kept like any other
    assert result.removed == [] and counts["notes"] == 0


def test_a_kept_listing_in_another_order_reads_no_note_again(vault):
    """A chunk of the kept listing that differs is compared line by line: the same
    lines in another order mean nothing changed."""
    root = vault({"People/Ann.md": ANN, "People/Bob.md": ANN + "- 2026-11-02 call\n",
                  "Daily/2026-11-02.md": "[[Ann]]\n"})
    _age(root)
    sync(root)
    db = sqlite3.connect(index_path(root))
    (kept,) = db.execute("SELECT lines FROM listing").fetchone()
    parts = kept.split(b"\0")
    lines = sorted(zip(parts[0::2], parts[1::2], strict=True), reverse=True)
    reordered = b"\0".join(part for line in lines for part in line)
    assert reordered != kept
    with db:
        db.execute("UPDATE listing SET lines = ?", (reordered,))
    db.close()
    result, counts = sync(root)
    assert result.parsed == [] and result.removed == [] and result.seen == 3
    assert counts["interactions"] == 4


def test_an_edit_rewrites_one_chunk_of_the_kept_listing(vault, monkeypatch):
    """The listing is kept in chunks: a note added shifts the lines after it into
    other chunks, an edit rewrites its own chunk alone, and the notes compared
    are those whose lines differ either way."""
    from vaultnet import discover
    from vaultnet.index.store import Index

    monkeypatch.setattr(discover, "LISTING_CHUNK", 2)
    names = ["Ann", "Bob", "Cy", "Dee", "Eve"]
    root = vault({f"People/{name}.md": ANN for name in names})
    _age(root)
    old = os.stat(root / "People/Ann.md").st_mtime_ns

    def write_old(name, text):  # written long ago: not racy, nothing else changes
        (root / name).write_text(text)
        os.utime(root / name, ns=(old, old))

    sync(root)
    db = sqlite3.connect(index_path(root))
    chunks = db.execute("SELECT lines FROM listing ORDER BY chunk").fetchall()
    assert len(chunks) == 3 and b"People/Ann.md" in chunks[0][0]
    looked = []
    real = Index.note_stats
    monkeypatch.setattr(Index, "note_stats", lambda self, paths=None: (looked.append(paths),
                                                                       real(self, paths))[1])
    write_old("People/Al.md", ANN)  # sorts first: every line moves on by one
    result, counts = sync(root)
    assert looked == [{"People/Al.md"}] and result.parsed == ["People/Al.md"]
    assert counts["people"] == 6
    with db:  # note which chunks the next sync writes
        db.execute("CREATE TABLE written (chunk INTEGER)")
        db.execute("CREATE TRIGGER note_write AFTER INSERT ON listing "
                   "BEGIN INSERT INTO written VALUES (new.chunk); END")
    write_old("People/Dee.md", ANN + "- 2026-11-03 lunch\n")
    looked.clear()
    result, counts = sync(root)
    assert looked == [{"People/Dee.md"}] and result.parsed == ["People/Dee.md"]
    assert db.execute("SELECT chunk FROM written").fetchall() == [(2,)]  # Dee and Eve's
    (root / "People/Eve.md").unlink()
    looked.clear()
    result, counts = sync(root)
    assert looked == [{"People/Eve.md"}] and result.removed == ["People/Eve.md"]
    assert db.execute("SELECT COUNT(*) FROM listing").fetchone()[0] == 3
    db.close()
    result, counts = sync(root)
    assert result.parsed == [] and counts["people"] == 5


def test_a_rebuild_asked_for_a_few_paths_still_reads_every_note(vault):
    """A watcher names the notes it saw change; if the index must be rebuilt
    meanwhile (deleted, or from another version), every note is read again."""
    root = vault({"People/Ann.md": ANN, "People/Bob.md": ANN, "Daily/2026-11-02.md": "[[Ann]]\n"})
    sync(root)
    index_path(root).unlink()
    (root / "People/Bob.md").write_text(ANN + "- 2026-11-03 lunch\n")
    result, counts = sync(root, only=["People/Bob.md"])
    assert result.rebuilt and result.seen == 3
    assert sorted(result.parsed) == ["Daily/2026-11-02.md", "People/Ann.md", "People/Bob.md"]
    assert counts["people"] == 2 and counts["interactions"] == 4


def _wide_racy_window(monkeypatch) -> int:
    """An hour-long racy window: a note written during the test stays racy however
    slow the machine. Returns how many seconds _age must go back for notes to be
    old enough not to be racy."""
    import vaultnet.index.sync as sync_module

    monkeypatch.setattr(sync_module, "RACY_NS", 3600 * 1_000_000_000)
    return 7200


def test_a_racy_note_is_compared_again_after_an_unchanged_walk(vault, monkeypatch):
    _wide_racy_window(monkeypatch)
    root = vault({"People/Ann.md": ANN})
    path = root / "People/Ann.md"
    os.utime(path)  # saved just now
    sync(root)  # Ann was written just now: racy, so no listing is kept
    sync(root)  # the same walk once more
    before = os.stat(path)
    path.write_text(ANN.replace("45m", "50m"))  # same size, same mtime
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    result, _ = sync(root)
    assert result.parsed == ["People/Ann.md"]


def test_after_a_racy_sync_only_the_racy_notes_are_compared_again(vault, monkeypatch):
    from vaultnet.index.store import Index

    old_enough = _wide_racy_window(monkeypatch)
    root = vault({"People/Ann.md": ANN, "People/Bob.md": ANN, "Daily/2026-11-02.md": "[[Ann]]\n"})
    _age(root, old_enough)
    sync(root)
    (root / "People/Bob.md").write_text(ANN + "- 2026-11-03 lunch\n")  # racy: just written
    sync(root)
    looked = []
    real = Index.note_stats
    monkeypatch.setattr(Index, "note_stats", lambda self, paths=None: (looked.append(paths),
                                                                       real(self, paths))[1])
    result, counts = sync(root)  # the same walk: only Bob, still racy, is looked at
    assert looked == [{"People/Bob.md"}]
    assert result.parsed == [] and counts["interactions"] == 4
    _age(root, old_enough)  # Bob ages past the racy window: touched, no longer looked at after that
    sync(root)
    looked.clear()
    monkeypatch.setattr(Index, "note_stats", lambda *a, **k: pytest.fail("compared note by note"))
    result, counts = sync(root)
    assert result.parsed == [] and counts["interactions"] == 4


def test_an_unreadable_note_is_tried_again(vault, monkeypatch):
    import vaultnet.index.sync as sync_module

    root = vault({"People/Ann.md": ANN, "People/Bob.md": ANN})
    _age(root)
    real_read = sync_module.read_note

    def failing(vault_path, rel):
        if rel == "People/Bob.md":
            raise PermissionError(13, "Permission denied")
        return real_read(vault_path, rel)

    monkeypatch.setattr(sync_module, "read_note", failing)
    result, counts = sync(root)
    assert counts["people"] == 1
    monkeypatch.undo()
    result, counts = sync(root)  # the same listing, but Bob was never read
    assert result.parsed == ["People/Bob.md"] and counts["people"] == 2


def test_a_note_is_read_whole_however_long_and_an_empty_one_is_read_too(vault):
    """Notes are read in pieces of 64 KiB: a long note's last lines count, and
    its hash is of all its bytes."""
    from vaultnet.discover import digest, read_note

    filler = "".join(f"- a line of notes that is no event, number {i}\n" for i in range(5000))
    long_note = ANN + filler + "- 2026-11-02 the last line of a long note #gave\n"
    root = vault({"People/Ann.md": long_note, "People/Empty.md": ""})
    assert len(long_note.encode()) > 3 * 65536
    assert read_note(root, "People/Ann.md") == long_note.encode()
    assert read_note(root, "People/Empty.md") == b""
    index, _ = sync_index(root, Config())
    try:
        assert index.db.execute("SELECT hash FROM notes WHERE path = 'People/Ann.md'"
                                ).fetchone()[0] == digest(long_note.encode())
        assert ("2026-11-02", "gave") in index.db.execute("SELECT date, tags FROM events")
    finally:
        index.close()


def test_a_file_name_that_is_not_utf8_is_skipped_with_a_warning(vault, caplog):
    """Linux lets a file name hold any bytes (an archive made elsewhere): such a
    note cannot be stored or linked by its name, so it is left out, named in a
    warning on every run until it is renamed, and the rest of the vault is read."""
    root = vault({"People/Ann.md": ANN})
    bad = os.fsencode(root / "People") + b"/Bj\xf6rn.md"  # Latin-1, not UTF-8
    try:
        fd = os.open(bad, os.O_WRONLY | os.O_CREAT)
    except OSError:
        pytest.skip("this file system takes only UTF-8 names")
    os.write(fd, ANN.encode())
    os.close(fd)
    for _ in range(2):  # the second run compares with the kept listing
        caplog.clear()
        result, counts = sync(root)
        assert counts["people"] == 1
        assert [r.getMessage() for r in caplog.records] == [
            "People/Bj\\xf6rn.md: cannot read it (its file name is not UTF-8; rename the "
            "file); skipped"]
    os.rename(bad, root / "People/Björn.md")
    result, counts = sync(root)
    assert result.parsed == ["People/Björn.md"] and counts["people"] == 2


def test_check_names_the_notes_it_cannot_read_as_problems(run, vault, tmp_path, caplog):
    """`check --json` in a hook must not pass a vault with a note left out."""
    root = vault({"People/Ann.md": ANN})
    (root / "People/Bob.md").symlink_to(tmp_path / "elsewhere.md")
    for _ in range(2):  # the second run compares with the kept listing
        result = run("check", "--vault", root)
        assert result.exit_code == 1
        assert result.stdout == (f"People/Bob.md:1: left out, as it cannot be read: a symbolic "
                                 f"link to {tmp_path}/elsewhere.md, which leads to no file; "
                                 "restore what it points to, or remove the link\n")
        assert result.stderr == "1 problem in 1 of 2 notes.\n"  # not named twice
        problems = json.loads(run("check", "--vault", root, "--json").stdout)
        assert [(p["path"], p["line"]) for p in problems] == [("People/Bob.md", 1)]
    assert "People/Bob.md: cannot read it" in run("due", "--vault", root).stderr  # a warning


def test_a_link_to_no_note_is_named_in_a_warning(vault, caplog, tmp_path):
    """A note that is a symbolic link to a file not there (a vault cloned onto
    another machine, a target moved) or to itself is not dropped silently: it is
    named on every run, with where it points, until it is fixed."""
    root = vault({"People/Ann.md": ANN, "Templates/T.md": ""})
    (root / "People/Bob.md").symlink_to(tmp_path / "elsewhere" / "Bob.md")
    (root / "People/Loop.md").symlink_to("Loop.md")
    (root / "Templates/Gone.md").symlink_to(tmp_path / "gone.md")  # excluded by default
    (root / "People/attachment.pdf").symlink_to(tmp_path / "gone.pdf")  # no note
    for _ in range(2):  # the second run compares with the kept listing
        caplog.clear()
        _, counts = sync(root)
        assert counts["people"] == 1
        assert [r.getMessage() for r in caplog.records] == [
            f"People/Bob.md: cannot read it (a symbolic link to {tmp_path}/elsewhere/Bob.md, "
            "which leads to no file; restore what it points to, or remove the link); skipped",
            "People/Loop.md: cannot read it (a symbolic link to Loop.md, which leads to no "
            "file; restore what it points to, or remove the link); skipped"]
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "Bob.md").write_text(ANN)
    caplog.clear()
    result, counts = sync(root)
    assert result.parsed == ["People/Bob.md"] and counts["people"] == 2
    assert len(caplog.records) == 1  # Loop.md still


ICLOUD_WHY = ("iCloud keeps it online only, not on this Mac; download it (in Finder: Download "
              "Now), or make the vault's folder Keep Downloaded")


def test_a_note_icloud_keeps_online_only_keeps_what_it_said_and_is_named(run, vault, caplog):
    """iCloud Drive's "Optimize Mac Storage" replaces a note not opened for a while
    by a placeholder, `.Ann.md.icloud`: the person stays, and every command says
    why the note is not read, until it is downloaded again."""
    root = vault({"People/Ann.md": ANN, "People/Bo.md": ANN, "Templates/T.md": ""})
    sync(root)
    for name in ("Ann.md", "Bo.md", "Never indexed.md", "../Templates/T.md"):
        (root / f"People/{name}").unlink(missing_ok=True)
        placeholder = root / discover.icloud_placeholder(f"People/{name}")
        placeholder.write_bytes(b"bplist00\xd3\x01\x02")  # a plist, as iCloud writes
    (root / "People/Bo.md").write_text(ANN)  # being downloaded: both are there
    for name in (".md.icloud", "..hidden.md.icloud"):  # no note's, or a dot-file's
        (root / "People" / name).write_bytes(b"bplist00")
    for _ in range(2):  # the second run compares with the kept listing
        caplog.clear()
        result, counts = sync(root)
        assert counts["people"] == 2 and counts["interactions"] == 2
        assert [r.getMessage() for r in caplog.records] == [
            f"People/Ann.md: cannot read it ({ICLOUD_WHY}); skipped",
            f"People/Never indexed.md: cannot read it ({ICLOUD_WHY}); skipped"]
    result = run("check", "--vault", root)
    assert result.stdout == (
        f"People/Ann.md:1: what it said when last read counts, as it cannot be read: {ICLOUD_WHY}\n"
        f"People/Never indexed.md:1: left out, as it cannot be read: {ICLOUD_WHY}\n")
    assert result.stderr == "2 problems in 2 of 3 notes.\n"
    # What `vaultnet watch` looks at after the note's own event.
    assert set(discover.stat_notes(root, ["People/Ann.md", "People/Gone.md"])) == {"People/Ann.md"}
    (root / "People/.Ann.md.icloud").unlink()  # downloaded again
    (root / "People/Ann.md").write_text(ANN.replace("45m", "50m"))
    result, counts = sync(root)
    assert result.parsed == ["People/Ann.md"]
    assert [path for path, _ in result.unreadable] == ["People/Never indexed.md"]


def test_touched_but_unchanged_note_is_not_reparsed(vault):
    root = vault({"People/Ann.md": ANN})
    sync(root)
    os.utime(root / "People/Ann.md", ns=(1, 1))
    result, _ = sync(root)
    assert result.parsed == []


def test_same_size_edit_in_the_same_tick_is_seen(vault):
    root = vault({"People/Ann.md": ANN})
    path = root / "People/Ann.md"
    os.utime(path)  # saved just now: the edit below comes within the same tick
    sync(root)
    before = os.stat(path)
    path.write_text(ANN.replace("45m", "50m"))  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same mtime
    result, _ = sync(root)
    assert result.parsed == ["People/Ann.md"]


def test_rename_moves_the_links(vault):
    root = vault({"People/Ann.md": ANN, "Daily/2026-11-02.md": "Lunch with [[Ann]].\n"})
    sync(root)
    assert len(interactions(root)) == 2
    (root / "People/Ann.md").rename(root / "People/Ann Lee.md")
    result, counts = sync(root)
    assert result.parsed == ["People/Ann Lee.md"] and result.removed == ["People/Ann.md"]
    # the daily note still says [[Ann]], which no longer names anyone
    assert interactions(root) == [("Ann Lee", "2026-11-01")]
    (root / "People/Ann Lee.md").write_text("---\naliases: [Ann]\n---\n")
    sync(root)
    assert interactions(root) == [("Ann Lee", "2026-11-02")]


def test_a_person_named_twice_in_one_item_is_one_interaction_and_one_promise(run, vault):
    """By title and by alias in one item, or in a meeting's properties and its body,
    one person is one interaction and one promise: which links those are changes
    with the names notes have."""
    ann = "---\nrole: mentor\naliases: [Ann]\n---\n"
    root = vault({
        "People/Ann Lee.md": ann,
        "Daily/2026-11-20.md": "- lunch with [[Ann Lee]] and [[Ann|her]] team 1h #gave\n"
                               "- [ ] send [[Ann Lee]] and [[Ann]] the deck 📅 2026-11-25\n"
                               "- 2026-11-18 call with [[Ann Lee]], then [[Ann Lee|her]] team\n"
                               "- [ ] book [[Ann Lee]], [[Ann Lee|her]] room 📅 2026-11-26\n",
        "Meetings/Sync.md": '---\ndate: 2026-11-21\npeople: ["[[Ann Lee]]"]\n---\n'
                            "- 2026-11-19 prep call with [[Ann]]\n",
    })
    _, counts = sync(root)
    both = [("Ann Lee", "2026-11-18"), ("Ann Lee", "2026-11-19"), ("Ann Lee", "2026-11-20")]
    assert interactions(root) == both
    assert (counts["interactions"], counts["commitments"]) == (3, 2)
    due = json.loads(run("due", "--vault", root, "--today", TODAY, "--json").stdout)
    assert [(d["reason"], d["detail"]) for d in due] == [
        ("commitment", "send [[Ann Lee]] and [[Ann]] the deck"),
        ("commitment", "book [[Ann Lee]], [[Ann Lee|her]] room")]
    balance = json.loads(run("balance", "--vault", root, "--today", TODAY, "--json").stdout)
    assert balance["network"] == {"events": 3, "minutes": 120}
    assert [(r["gave"], r["took"]) for r in balance["ledger"]] == [(1, 0)]
    # Without the alias, [[Ann]] names no one, and the meeting's property counts.
    (root / "People/Ann Lee.md").write_text("---\nrole: mentor\n---\n")
    sync(root)
    assert interactions(root) == [("Ann Lee", "2026-11-18"), ("Ann Lee", "2026-11-20"),
                                  ("Ann Lee", "2026-11-21")]
    (root / "People/Ann Lee.md").write_text(ann)
    _, counts = sync(root)
    assert interactions(root) == both
    assert (counts["interactions"], counts["commitments"]) == (3, 2)


def test_last_contact_is_no_second_interaction_on_a_day_with_another(run, vault):
    """`last_contact:` is an interaction (SPEC 2), but not a second one on a day the
    vault has another with them: in their log or in any other note."""
    day_note = "- coffee with [[Ann]] about the offsite 45m\n"
    root = vault({
        "People/Ann.md": "---\nrole: mentor\nlast_contact: 2026-11-20\n---\n",
        "People/Bo.md": "---\nrole: peer\nlast_contact: 2026-11-19\n---\n- 2026-11-19 lunch 1h\n",
        "Daily/2026-11-20.md": day_note,
    })

    def network() -> dict:
        answer = run("balance", "--vault", root, "--today", "2026-11-22", "--json").stdout
        return json.loads(answer)["network"]

    _, counts = sync(root)
    assert interactions(root) == [("Bo", "2026-11-19"), ("Ann", "2026-11-20")]
    assert counts["interactions"] == 2 and network() == {"events": 2, "minutes": 105}
    run("report", "--vault", root, "--today", "2026-11-22")
    review = (root / "Reviews/2026-W47.md").read_text(encoding="utf-8")
    assert "coffee with [[Ann]]" in review and "from the note's properties" not in review
    (root / "Daily/2026-11-20.md").unlink()  # then the property is the day's interaction
    assert network() == {"events": 2, "minutes": 90}
    (root / "Daily/2026-11-20.md").write_text(day_note, encoding="utf-8")
    assert network() == {"events": 2, "minutes": 105}


def about(root) -> list[tuple[str, int, str, str]]:
    """Each event and promise written in a daily or meeting note: where (path, line),
    and the path of the note it is about."""
    db = sqlite3.connect(index_path(root))
    rows = db.execute("""
        SELECT 'event', src.path, x.line, t.path FROM events x
            JOIN notes src ON src.id = x.note_id JOIN notes t ON t.id = x.about_id
            WHERE src.type = 'note'
        UNION ALL
        SELECT 'promise', src.path, x.line, t.path FROM commitments x
            JOIN notes src ON src.id = x.note_id JOIN notes t ON t.id = x.about_id
            WHERE src.type = 'note'
        ORDER BY 1, 2, 3, 4""").fetchall()
    db.close()
    return rows


TWO_ALEX = {
    "People/Acme/Alex Kim.md": "---\nrole: peer\n---\n",
    "People/Globex/Alex Kim.md": "---\nrole: mentor\n---\n",
    "Daily/2026-11-20.md": ("- met [[Alex Kim]]\n"                           # the name alone
                            "- met [[Globex/Alex Kim|Alex]] 45m\n"           # the end of a path
                            "- met [Alex](../People/Globex/Alex%20Kim.md)\n"  # from this note
                            "- met [[People/Globex/Alex Kim]] and [[Acme/Alex Kim]]\n"
                            "- met [[Initech/Alex Kim]]\n"                   # no such folder
                            "- [ ] send [[globex/ALEX  kim]] the deck\n"),
}
ACME, GLOBEX = "People/Acme/Alex Kim.md", "People/Globex/Alex Kim.md"
TWO_ALEX_ABOUT = [
    ("event", "Daily/2026-11-20.md", 1, ACME),  # the first by path, as before
    ("event", "Daily/2026-11-20.md", 2, GLOBEX),
    ("event", "Daily/2026-11-20.md", 3, GLOBEX),
    ("event", "Daily/2026-11-20.md", 4, ACME),
    ("event", "Daily/2026-11-20.md", 4, GLOBEX),
    ("event", "Daily/2026-11-20.md", 5, ACME),  # a folder no such note is in: the name decides
    ("promise", "Daily/2026-11-20.md", 6, GLOBEX),
]


def test_a_link_with_folders_means_the_note_in_them(vault):
    """Two people of one name: a link written with a folder, as Obsidian writes it
    when two notes share a name, counts for the one in that folder."""
    root = vault(TWO_ALEX)
    sync(root)
    assert about(root) == TWO_ALEX_ABOUT


def test_links_with_folders_follow_the_notes_they_mean(vault):
    """Kept right by an update: a second note of the name added, a note moved, the
    linking note edited, the name's other note gone."""
    files = dict(TWO_ALEX)
    globex = files.pop(GLOBEX)
    root = vault(files)
    sync(root)  # one Alex: every link finds him, folder or not
    assert {row[3] for row in about(root)} == {ACME}
    (root / GLOBEX).parent.mkdir()
    (root / GLOBEX).write_text(globex)
    sync(root)
    assert about(root) == TWO_ALEX_ABOUT
    (root / "People/Initech").mkdir()
    (root / GLOBEX).rename(root / "People/Initech/Alex Kim.md")
    sync(root)
    initech = "People/Initech/Alex Kim.md"
    assert [row[3] for row in about(root)] == [ACME, ACME, ACME, ACME, ACME, initech, ACME]
    daily = root / "Daily/2026-11-20.md"
    daily.write_text(daily.read_text() + "- 2026-11-19 lunch with [Alex](../People/Initech/Alex%20Kim.md)\n")
    sync(root)
    assert about(root)[-2] == ("event", "Daily/2026-11-20.md", 7, initech)
    (root / ACME).unlink()
    sync(root)
    assert {row[3] for row in about(root)} == {initech}


def test_a_meeting_notes_people_with_folders_mean_the_notes_in_them(vault):
    root = vault({ACME: "---\nrole: peer\n---\n", GLOBEX: "---\nrole: mentor\n---\n",
                  "Meetings/Sync.md": ('---\ndate: 2026-11-20\npeople: ["[[Globex/Alex Kim]]", '
                                       '"[[Nobody]]"]\n---\nNotes.\n'),
                  "Meetings/Both.md": ('---\ndate: 2026-11-19\npeople:\n  - "[[Globex/Alex Kim]]"\n'
                                       '  - "[[Acme/Alex Kim]]"\n---\n')})
    sync(root)
    assert about(root) == [("event", "Meetings/Both.md", 3, ACME), ("event", "Meetings/Both.md", 3, GLOBEX),
                           ("event", "Meetings/Sync.md", 3, GLOBEX)]


TWO_TESTING = {
    "Skills/Backend/Testing.md": '---\nlevel: 2\ngoal: "[[Work/Staff]]"\n---\n',
    "Skills/Frontend/Testing.md": "---\nlevel: 1\n---\n",
    "Goals/Home/Staff.md": '---\nskills:\n  "[[Testing]]": 3\n---\n',
    "Goals/Work/Staff.md": ('---\nskills:\n  "[[Frontend/Testing]]": 4\n'
                            '  "[[/Skills/Backend/Testing]]": 5\n---\n'),
    "People/Ann.md": '---\nskills: ["[[Frontend/Testing]]", "[[Mobile/Testing]]"]\n---\n',
    # One text, two folders: from People/ it reaches Skills/Frontend, from People/Team
    # it reaches no note of the name, so the name alone decides.
    "People/Bea.md": '---\nskills: ["[[../Skills/Frontend/Testing]]"]\n---\n',
    "People/Team/Cy.md": '---\nskills: ["[[../Skills/Frontend/Testing]]"]\n---\n',
}


def test_a_frontmatter_link_with_folders_means_the_note_in_them(vault):
    """Two skills called Testing: a person's ``skills``, a goal's ``skills`` and a
    skill's ``goal`` written with folders mean the note in them, as a link in a body does."""
    from vaultnet.index.read import load_vault

    root = vault(TWO_TESTING)
    index, _ = sync_index(root, Config())
    try:
        loaded = load_vault(index, Config(), TODAY, TODAY)
    finally:
        index.close()
    backend, frontend = "Skills/Backend/Testing.md", "Skills/Frontend/Testing.md"
    assert {path: p.skills for path, p in loaded.people.items()} == {
        "People/Ann.md": (frontend, backend),  # a folder no Testing is in: the name decides
        "People/Bea.md": (frontend,),
        "People/Team/Cy.md": (backend,),
    }
    assert {path: g.skills for path, g in loaded.goals.items()} == {
        "Goals/Home/Staff.md": {backend: 3},
        "Goals/Work/Staff.md": {frontend: 4, backend: 5},
    }
    assert loaded.skills[backend].goal == "Goals/Work/Staff.md"  # by name: Goals/Home, first
    assert loaded.skills[frontend].goal is None


def test_generated_pages_are_not_notes(vault):
    root = vault({"People/Ann.md": ANN,
                  "Follow-ups.md": "---\ngenerated_by: vaultnet\n---\n- 2026-11-20 [[Ann]]\n"})
    _, counts = sync(root)
    assert counts["notes"] == 1 and counts["interactions"] == 1


def paths_listed(root) -> list[str]:
    return sorted(discover.notes_in(discover.listing_lines(list_notes(root))))


@pytest.mark.parametrize("few", [True, False])
def test_lines_looked_up_in_a_listing_are_its_own(vault, monkeypatch, few):
    names = ["a.md", "xa.md", "b/a.md", "c.md", "é.md", "Daily/2026-11-0%d.md"]
    root = vault({name.replace("%d", str(i)): "" for i in range(1, 8) for name in names})
    os.utime(root / "c.md", ns=(1, 10**18))
    monkeypatch.setattr(discover, "LISTING_CHUNK", 4)  # paths at a chunk's start and end
    if not few:
        monkeypatch.setattr(discover, "FEW_LINES", 0)
    chunks = list_notes(root)
    assert len(chunks) == 3
    everything = discover.listing_lines(chunks)
    wanted = ["a.md", "c.md", "é.md", "Daily/2026-11-07.md", "b/a.md", "not/listed.md", "a"]
    assert discover.listing_lines_of(chunks, wanted) == {
        line for line in everything if line[0].decode() in wanted}
    assert (b"c.md", b"0 1000000000000000000") in everything


def test_a_racy_note_is_looked_at_again_without_reading_the_whole_listing(vault, monkeypatch):
    """After an edit just before a sync (as `watch` makes), the next command looks
    up that note's line instead of splitting the listing's every chunk."""
    root = vault({f"People/P{i:03}.md": "---\nrole: peer\n---\n" for i in range(600)})
    (root / "People/P300.md").write_text("---\nrole: mentor\n---\n")  # racy now
    sync(root)
    split = []
    real = discover.listing_lines
    monkeypatch.setattr(sync_module, "listing_lines",
                        lambda chunks: split.extend(chunks := list(chunks)) or real(chunks))
    (root / "People/P300.md").write_text("---\nrole: sponsor\n---\n")  # same size
    os.utime(root / "People/P300.md", ns=(time.time_ns(),) * 2)
    index, result = sync_index(root, Config())
    index.close()
    assert result.parsed == ["People/P300.md"]
    assert len(split) <= 2  # the chunk that changed, before and after; not all of them


def test_a_linked_folder_is_read_as_obsidian_shows_it(vault, tmp_path):
    """A folder of people kept elsewhere and linked into the vault (`ln -s`)."""
    shared = tmp_path / "shared"
    (shared / "Team").mkdir(parents=True)
    (shared / "Ann.md").write_text(ANN)
    (shared / "Team" / "Bob.md").write_text("---\nrole: peer\n---\n")
    (shared / "Team" / "up").symlink_to(shared)  # a link back up: walked once
    root = vault({"Daily/2026-11-02.md": "Lunch with [[Ann]].\n"})
    (root / "People").symlink_to(shared)
    (root / "Again").symlink_to(shared)  # a second link to it: its notes once
    (root / "Daily again").symlink_to(root / "Daily")  # a folder inside: walked as itself
    (root / "Loop").symlink_to(root)
    (root / "Gone").symlink_to(tmp_path / "nowhere")
    assert paths_listed(root) in (
        ["Daily/2026-11-02.md", "People/Ann.md", "People/Team/Bob.md"],
        ["Again/Ann.md", "Again/Team/Bob.md", "Daily/2026-11-02.md"])
    (root / "Again").unlink()
    _, counts = sync(root)
    assert counts["people"] == 2 and interactions(root) == [("Ann", "2026-11-01"),
                                                          ("Ann", "2026-11-02")]


def test_a_folder_named_like_a_note_is_walked(vault):
    root = vault({"Archive.md/People/Ann.md": ANN, "Archive.md/x.txt": "", "Ann.md": "x"})
    assert paths_listed(root) == ["Ann.md", "Archive.md/People/Ann.md"]


def test_dot_folders_and_excludes_are_skipped(vault):
    root = vault({"People/Ann.md": ANN, ".trash/People/Old.md": ANN, ".obsidian/x.md": "",
                  "Templates/Person.md": "---\nmet: {{date}}\n---\n", "Inbox/a.txt": ""})
    _, counts = sync(root)
    assert counts["notes"] == 1


@pytest.mark.parametrize("glob", ["archive/**", "/Archive/**", "ARCHIVE", "/archive/"])
def test_an_exclude_glob_is_of_the_vaults_top_in_any_case(vault, glob):
    """`archive/**` left Archive/ in (a Mac's or Windows' folders take any case), and
    `/Archive/**` matched no path (a vault-relative one never starts with /)."""
    root = vault({"People/Ann.md": ANN, "Archive/People/Old.md": ANN, "Archived.md": "",
                  ".vaultnet/config.toml": f'exclude = ["{glob}"]\n'})
    from vaultnet.config import load_config
    from vaultnet.discover import listing_lines

    index, _ = sync_index(root, load_config(root))
    try:
        assert sorted(path.decode() for path, _ in listing_lines(index.listing())) == [
            "Archived.md", "People/Ann.md"]
    finally:
        index.close()


def test_a_rebuild_that_fails_late_leaves_the_index_as_it_was(vault, monkeypatch):
    """A rebuild is one transaction to the end: creating the secondary indexes
    must not commit the half-built index (``executescript`` would)."""
    root = vault({"People/Ann.md": ANN, "Daily/2026-11-02.md": "- lunch with [[Ann]]\n"})
    sync(root)
    before = interactions(root)
    (root / "People/Bob.md").write_text("- 2026-11-04 call\n")

    def fails(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Index, "resolve", fails)  # runs after the indexes are made
    with pytest.raises(RuntimeError, match="disk full"):
        sync_index(root, Config(), full=True)
    monkeypatch.undo()
    assert interactions(root) == before == [("Ann", "2026-11-01"), ("Ann", "2026-11-02")]
    db = sqlite3.connect(index_path(root))
    assert db.execute("SELECT path FROM notes ORDER BY path").fetchall() == [
        ("Daily/2026-11-02.md",), ("People/Ann.md",)]
    db.close()


def test_config_change_rebuilds(vault):
    root = vault({"Contacts/Ann.md": ANN})
    sync(root)
    _, counts = sync(root)  # nothing left to look at again (saved long ago)
    assert counts["people"] == 0
    result, counts = sync(root, Config(folders={"person": "Contacts", "skill": "S", "goal": "G"}))
    assert result.rebuilt and counts["people"] == 1


def test_full_rereads_everything(vault):
    root = vault({"People/Ann.md": ANN})
    sync(root)
    assert sync(root)[0].parsed == []  # nothing left to look at again (saved long ago)
    result, _ = sync(root, full=True)
    assert result.rebuilt and result.parsed == ["People/Ann.md"]


def test_corrupt_index_is_rebuilt(vault, caplog):
    root = vault({"People/Ann.md": ANN})
    sync(root)
    index_path(root).write_bytes(b"this is not a database" * 100)
    for extra in ("-wal", "-shm"):
        (root / ".vaultnet" / f"index.sqlite{extra}").unlink(missing_ok=True)
    result, counts = sync(root)
    assert result.rebuilt and counts["people"] == 1
    assert "rebuilding" in caplog.text


def test_outdated_schema_is_rebuilt(vault):
    root = vault({"People/Ann.md": ANN})
    sync(root)
    db = sqlite3.connect(index_path(root))
    db.execute("PRAGMA user_version = 0")
    db.close()
    result, counts = sync(root)
    assert result.rebuilt and counts["people"] == 1


def test_an_outdated_schema_is_rebuilt_in_place(vault):
    """Another command (a running `watch`) that has the index open goes on with
    the same file, rebuilt, not with one deleted under it."""
    root = vault({"People/Ann.md": ANN})
    sync(root)
    other = sqlite3.connect(index_path(root))
    other.execute("PRAGMA user_version = 0")
    inode = index_path(root).stat().st_ino
    result, counts = sync(root)
    assert result.rebuilt and counts["people"] == 1
    assert index_path(root).stat().st_ino == inode
    from vaultnet.index.schema import SCHEMA_VERSION

    assert other.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert other.execute("SELECT count(*) FROM people").fetchone()[0] == 1
    other.close()


def test_two_commands_making_a_new_index_at_once_both_succeed(vault, monkeypatch):
    """Both find no index; the first makes it while the second waits for the
    lock, and the second then finds it made (it used to stop with "table meta
    already exists")."""
    from vaultnet.index import connection

    root = vault({"People/Ann.md": ANN})
    make = connection.make_schema

    def second(db):
        monkeypatch.setattr(connection, "make_schema", make)
        first, fresh = connection.open_index(index_path(root))  # the other command, faster
        first.set_meta("made", "by the first")
        first.close()
        return make(db)

    monkeypatch.setattr(connection, "make_schema", second)
    index, fresh = connection.open_index(index_path(root))
    try:
        assert not fresh and index.meta("made") == "by the first"
    finally:
        index.close()


def test_an_update_made_meanwhile_by_another_command_is_not_made_twice(vault, monkeypatch):
    """Two commands see the same edited note; the other one stores it first, while
    this one waits for the write lock. This one then finds nothing left to do
    (it used to store the note again: "UNIQUE constraint failed: notes.path")."""
    root = vault({"People/Ann.md": ANN, "People/Bob.md": "- 2026-11-02 lunch\n"})
    sync(root)
    (root / "People/Ann.md").write_text(ANN + "- 2026-11-03 call\n")
    (root / "People/Bob.md").unlink()
    transaction = Index.transaction
    others = []

    def after_another(self, *args, **kwargs):
        if not others:
            others.append(None)
            others[0] = sync(root)  # the other command, faster
        return transaction(self, *args, **kwargs)

    monkeypatch.setattr(Index, "transaction", after_another)
    result, counts = sync(root)
    assert others[0][0].parsed == ["People/Ann.md"] and others[0][0].removed == ["People/Bob.md"]
    assert result.parsed == [] and result.removed == []
    assert counts["people"] == 1 and counts["interactions"] == 2


def test_an_index_made_while_it_is_looked_at_is_not_taken_for_a_foreign_file(vault, monkeypatch):
    """Another command makes the schema between this one's looks at the file's
    mark and at its tables: they are read as one snapshot, never as tables
    without the mark ("not made by vaultnet", seen with 8 commands on a loaded
    machine)."""
    from vaultnet.index import connection

    root = vault({"People/Ann.md": ANN})
    connect = connection._connect
    made = []

    class Looking:  # this command's connection, as the other one commits
        def __init__(self, db):
            self._db = db

        def execute(self, sql, *args):
            if sql == "PRAGMA user_version" and not made:
                made.append(True)
                monkeypatch.setattr(connection, "_connect", connect)
                other, _ = connection.open_index(index_path(root))  # the other command
                other.close()
            return self._db.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self._db, name)

    monkeypatch.setattr(connection, "_connect", lambda *args: Looking(connect(*args)))
    index, fresh = connection.open_index(index_path(root))
    index.close()
    assert made and not fresh  # found made by the other


def test_counts_made_while_another_command_changes_the_index_are_not_kept(vault, monkeypatch):
    """`vaultnet index` counts while a watcher stores an edit: the counts it
    prints are of the index before, and are not kept as the day's."""
    root = vault({"People/Ann.md": ANN})
    sync(root)
    index, _ = sync_index(root, Config())
    count = Index._count

    def meanwhile(self, today):
        counted = count(self, today)
        if self is index:
            (root / "People/Bob.md").write_text("- 2026-11-02 lunch\n")
            sync(root)  # the other command
        return counted

    monkeypatch.setattr(Index, "_count", meanwhile)
    try:
        with index.transaction():
            index.set_meta("counts", None)
        assert index.counts(TODAY)["people"] == 1  # as it was when counted
    finally:
        index.close()
    monkeypatch.undo()
    assert sync(root)[1]["people"] == 2  # counted again, not the kept 1


def test_commands_started_together_on_a_vault_without_an_index(example):
    """`vaultnet watch` and a `vaultnet due` typed meanwhile, after a first clone
    (the race itself is made certain in the test above; here it is real)."""
    import subprocess

    command = [sys.executable, "-m", "vaultnet", "due", "--vault", str(example),
               "--today", "2026-11-23", "--json"]
    started = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(4)]  # more, on a loaded machine, can wait past the lock's 5 s
    done = [(p.wait(timeout=60), *p.communicate()) for p in started]
    assert [(code, err) for code, _, err in done] == [(0, "")] * 4
    assert len({out for _, out, _ in done}) == 1


def test_foreign_sqlite_file_is_left_alone(vault):
    root = vault({"People/Ann.md": ANN})
    index_path(root).parent.mkdir()
    db = sqlite3.connect(index_path(root))
    db.execute("CREATE TABLE precious (x)")
    db.commit()
    db.close()
    with pytest.raises(IndexFileError, match="not made by vaultnet"):
        sync(root)
    db = sqlite3.connect(index_path(root))
    assert db.execute("SELECT name FROM sqlite_master").fetchall() == [("precious",)]


def test_a_folder_where_the_index_goes_is_named_as_in_the_way(run, vault):
    """Not "the vault must be writable", which SQLite's "unable to open database
    file" had made of it: the folder is moved, and nothing in it is touched."""
    root = vault({"People/Ann.md": ANN, ".vaultnet/index.sqlite/keep.txt": "mine"})
    result = run("due", "--vault", root)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {index_path(root)} could not be written (Is a directory): "
                             "a file or folder of that name is in the way; move it (no note of "
                             "yours was changed)\n")
    assert (root / ".vaultnet/index.sqlite/keep.txt").read_text() == "mine"


def test_an_sqlite_too_old_for_the_index_is_named(vault, monkeypatch):
    """Python takes the system's SQLite (Ubuntu 20.04's is 3.31.1), whose SQL lacks
    what the index's uses (UPDATE ... FROM): one line that says so, and no file made."""
    root = vault({"People/Ann.md": ANN})
    monkeypatch.setattr(sqlite3, "sqlite_version_info", (3, 31, 1))
    monkeypatch.setattr(sqlite3, "sqlite_version", "3.31.1")
    with pytest.raises(IndexFileError, match=r"needs SQLite 3\.33\.0 or newer.*uses SQLite "
                                             r"3\.31\.1"):
        sync(root)
    assert not index_path(root).exists()


def test_an_sqlite_without_full_text_search_is_named(vault, monkeypatch):
    """A SQLite built without FTS5 cannot make the index's search table."""
    from vaultnet.index import schema

    root = vault({"People/Ann.md": ANN})
    monkeypatch.setattr(schema, "SCHEMA", schema.SCHEMA.replace("USING fts5", "USING fts5_absent"))
    with pytest.raises(IndexFileError, match="built without FTS5"):
        sync(root)


def _disk_of(pages: int, monkeypatch) -> None:
    """SQLite's own page limit stands in for a full disk: the same SQLITE_FULL."""
    from vaultnet.index import connection

    connect = connection._connect

    def limited(*args, **kwargs):
        db = connect(*args, **kwargs)
        db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    monkeypatch.setattr(connection, "_connect", limited)


@pytest.mark.parametrize("pages", [3, 40])  # full while the schema is made; while notes are stored
def test_a_full_disk_is_one_line_and_the_next_run_rebuilds(run, example, monkeypatch, pages):
    with monkeypatch.context() as patch:
        _disk_of(pages, patch)
        result = run("index", "--vault", example)
    assert result.exit_code == 1
    assert result.output == ("Error: the disk is full, so the index (.vaultnet/index.sqlite) could "
                             "not be written; free some space and try again (no note of yours was "
                             "changed)\n")
    again = run("index", "--vault", example, "--json")
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["people"] == 16


def _read_only_index(monkeypatch) -> None:
    """The index opened as on a read-only file system (root ignores file modes)."""
    from vaultnet.index import connection

    def read_only(path, timeout=5.0):
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout,
                               isolation_level=None)

    monkeypatch.setattr(connection, "_connect", read_only)


@pytest.mark.parametrize("indexed_before", [True, False])
def test_a_read_only_vault_is_one_line_and_the_index_is_kept(run, example, monkeypatch, caplog,
                                                             indexed_before):
    if indexed_before:
        assert run("index", "--vault", example).exit_code == 0
        (example / "People/Jin Park.md").write_text("---\nrole: peer\n---\n", encoding="utf-8")
    kept = index_path(example).read_bytes() if indexed_before else None
    with monkeypatch.context() as patch:
        _read_only_index(patch)
        result = run("due", "--vault", example)
    assert result.exit_code == 1
    assert result.output.startswith("Error: the index (.vaultnet/index.sqlite) could not be written (")
    assert "the vault must be writable; run it on a writable copy" in result.output
    assert "rebuilding" not in caplog.text  # nothing wrong with the file: it is not replaced
    if indexed_before:
        assert index_path(example).read_bytes() == kept


@pytest.mark.parametrize("error, message", [
    (OSError(errno.EROFS, "Read-only file system", "v/.vaultnet"),
     "v/.vaultnet could not be written (Read-only file system): vaultnet keeps its index"),
    (OSError(errno.EACCES, "Permission denied", "v/Follow-ups.md"),
     "v/Follow-ups.md: permission denied; vaultnet reads the notes and writes"),
    (OSError(errno.ENOSPC, "No space left on device", "v/Balance.md"),
     "the disk is full, so v/Balance.md could not be written; free some space"),
    (NotADirectoryError(errno.ENOTDIR, "Not a directory", "v/Reviews/x.md"),
     "v/Reviews/x.md could not be written (Not a directory): a file or folder of that name is"),
])
def test_errors_of_the_disk_say_what_to_do(error, message):
    from vaultnet.errors import cannot_write

    assert cannot_write(error).startswith(message)
    assert cannot_write(error).endswith("(no note of yours was changed)")
    assert cannot_write(OSError(errno.EIO, "I/O error")) is None
    assert cannot_write(ValueError("x")) is None


@pytest.mark.parametrize("outdated", [False, True])  # notes to store; or the schema to make first
def test_locked_index_gives_a_clear_error(vault, outdated):
    """Another command writes the index: a clear message, and its index is left
    as it is."""
    root = vault({"People/Ann.md": ANN})
    sync(root)
    (root / "People/Bob.md").write_text("x\n")
    holder = sqlite3.connect(index_path(root), isolation_level=None)
    if outdated:
        holder.execute("PRAGMA user_version = 1")  # an older vaultnet's
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(IndexFileError, match="the index is locked by another vaultnet"):
            sync_index(root, Config(), lock_timeout=0.1)
    finally:
        holder.rollback()
    assert holder.execute("SELECT count(*) FROM people").fetchone()[0] == 1
    holder.close()


def test_problems_across_notes(vault):
    root = vault({
        "People/Ann.md": "---\nskills: [\"[[Go]]\", \"[[Rust]]\"]\naliases: [Bob]\n---\n",
        "People/Bob.md": "",
        "Work/Ann.md": "",
        "Skills/Go.md": "",
        # Two ordinary notes of one name: a link to either counts for no one.
        "Work/Plan.md": "---\naliases: [Roadmap]\n---\n", "Home/Plan.md": "",
        "Home/Roadmap.md": "",
    })
    index, _ = sync_index(root, Config())
    problems = [(p.path, p.line, p.message) for p in index.problems()]
    index.close()
    assert problems == [
        ("People/Ann.md", 2, "links to [[Rust]], which no note has as title or alias; create "
                             "the note or correct the link"),
        ("People/Ann.md", 3, "alias 'Bob' is also claimed by People/Bob.md, where links to it "
                             "go; rename one of them or remove the alias"),
        ("Work/Ann.md", 1, "title 'Ann' is also claimed by People/Ann.md, where links to it "
                           "go by the name alone; link to this one with its folder, [[Work/Ann]], "
                           "or rename one of the two notes"),
    ]


def _dump(root) -> dict[str, list]:
    db = sqlite3.connect(index_path(root))
    tables = ("notes", "names", "people", "events", "commitments", "links", "problems", "resolved")
    dump = {t: db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}
    db.close()
    for row_list in (dump["notes"],):  # stats and times differ between copies
        row_list[:] = [row[:6] for row in row_list]
    return dump


def _serial_and_parallel(tmp_path, monkeypatch, chunk: int):
    """Two copies of the example vault, the first indexed note by note; a sync of
    the second (by the caller) parses in workers, ``chunk`` notes to a job."""
    import shutil

    from tests.conftest import EXAMPLE_VAULT

    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    for target in (serial, parallel):
        shutil.copytree(EXAMPLE_VAULT, target, ignore=shutil.ignore_patterns("index.sqlite*"))
    sync(serial)
    monkeypatch.setattr(sync_module, "PARALLEL_MIN", 2)
    monkeypatch.setattr(sync_module, "CHUNK", chunk)
    return serial, parallel


def test_parallel_parse_gives_the_serial_result(tmp_path, monkeypatch):
    serial, parallel = _serial_and_parallel(tmp_path, monkeypatch, chunk=3)
    sync(parallel)
    assert _dump(parallel) == _dump(serial)
    assert len(_dump(serial)["events"]) > 40


def test_parallel_parse_with_another_thread_running_spawns_its_workers(tmp_path, monkeypatch):
    """A watcher's file events run in a thread of their own: workers forked then
    could start with a lock that thread held, held for ever. They are spawned
    (a fresh interpreter each), and store what a serial run does."""
    serial, parallel = _serial_and_parallel(tmp_path, monkeypatch, chunk=20)

    def no_fork():
        raise AssertionError("forked while another thread runs")

    monkeypatch.setattr(os, "fork", no_fork)
    stop = threading.Event()
    watching = threading.Thread(target=stop.wait)
    watching.start()
    try:
        sync(parallel)
    finally:
        stop.set()
        watching.join()
    assert _dump(parallel) == _dump(serial)


def test_bulk_work_pauses_the_cyclic_collector_and_restores_it(vault, monkeypatch):
    import gc

    from vaultnet.cli.base import indexed
    from vaultnet.index.store import Index

    root = vault({"People/Ann.md": ANN})
    seen = []
    real = Index.refresh_contacts
    monkeypatch.setattr(Index, "refresh_contacts",
                        lambda self, *a: (seen.append(gc.isenabled()), real(self, *a))[1])
    assert gc.isenabled()
    with indexed(root) as (_config, index, _result):
        assert not gc.isenabled()  # the command's own loading too
    assert gc.isenabled() and seen == [False]
    gc.disable()
    try:
        sync(root)  # a pause inside a pause leaves it paused
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_counts_from_the_per_person_summaries_match_a_full_count(vault):
    from vaultnet.index.read import ensure_day

    root = vault({
        "People/Ann.md": ANN + "- 2026-12-24 a plan, not yet\n- 2026-11-20 call #asked\n",
        "People/Bob.md": "---\nrole: peer\n---\n",
        "Skills/Go.md": "- 2026-11-03 kata 30m\n",
        "Daily/2026-11-02.md": "- [[Ann]] and [[Go]] and [[Nobody]]\n",
        "Daily/2026-12-02.md": "- [[Ann]] again, later\n",
    })
    index, _ = sync_index(root, Config())
    try:
        ensure_day(index, TODAY)
        summed = index.counts(TODAY)
        with index.transaction():
            index.db.execute("DELETE FROM meta WHERE key IN ('contacts_day', 'counts')")
        scanned = index.counts(TODAY)
    finally:
        index.close()
    assert summed == scanned
    assert (summed["interactions"], summed["practice"]) == (3, 2)


def _contacts(index) -> list[tuple]:
    return index.db.execute("SELECT * FROM contacts ORDER BY about_id").fetchall()


def test_the_summaries_moved_to_another_day_are_those_made_for_it(example):
    """From one day to any other, forwards or back, near or far, the per-subject
    summaries are the ones made from nothing for that day."""
    index, _ = sync_index(example, Config())
    days = [date(2026, 11, d) for d in (23, 24, 13, 12, 20, 30)] + [
        date(2026, 9, 15), date(2025, 1, 1), date(2026, 11, 9), date(2027, 2, 1)]
    try:
        for day in days:
            with index.transaction():
                index.refresh_contacts(day)
            moved = _contacts(index)
            with index.transaction():
                index.db.execute("DELETE FROM meta WHERE key = 'contacts_day'")
                index.refresh_contacts(day)
            assert moved == _contacts(index), day
            assert index.meta("contacts_day") == day.isoformat()
    finally:
        index.close()


def test_the_next_day_recomputes_only_the_subjects_with_events_in_between(vault):
    """The usual first command of a day: no subject is summed again but those with
    events dated after the kept day, up to the new one (here one, not three)."""
    root = vault({
        "People/Ann.md": ANN + "- 2026-11-24 a plan for tomorrow\n",
        "People/Bob.md": "---\nrole: peer\n---\n- 2026-11-01 call\n",
        "People/Cy.md": "---\nrole: peer\n---\n- 2026-10-01 call\n",
    })
    index, _ = sync_index(root, Config())
    try:
        with index.transaction():
            index.refresh_contacts(date(2026, 11, 23))
        statements = []
        index.db.set_trace_callback(statements.append)
        with index.transaction():
            index.refresh_contacts(date(2026, 11, 24))
        index.db.set_trace_callback(None)
        summed = [s for s in statements if s.lstrip().startswith("WITH ev AS")]
        ann = index.db.execute("SELECT id FROM notes WHERE title = 'Ann'").fetchone()[0]
        assert len(summed) == 1 and f"e.about_id IN ({ann})" in summed[0]
        assert index.db.execute("SELECT last_date FROM contacts WHERE about_id = ?",
                                (ann,)).fetchone() == ("2026-11-24",)
    finally:
        index.close()


# --- the walk in a child process, and answers read while it runs ----------------------

forks = pytest.mark.skipif(sys.platform != "linux", reason="the walk is forked on Linux only")


@forks
def test_the_listing_walked_in_a_child_is_the_listing(vault):
    root = vault({"People/Ann.md": ANN, "Daily/2026-11-02.md": "[[Ann]]\n", "é x.md": "x"})
    with BackgroundListing(root) as walk:
        assert walk.in_background
        assert walk.result() == list_notes(root)
        assert not walk.in_background  # the child is reaped


@forks
def test_a_walk_not_waited_for_leaves_no_child(vault):
    root = vault({"People/Ann.md": ANN})
    walk = BackgroundListing(root)
    pid = walk._child.pid
    walk.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: not ours any more


@forks
def test_a_child_that_fails_is_walked_for_here(vault, monkeypatch):
    root = vault({"People/Ann.md": ANN})
    expected = list_notes(root)
    parent = os.getpid()
    real = discover.list_notes
    monkeypatch.setattr(discover, "list_notes",
                        lambda *args: os._exit(3) if os.getpid() != parent else real(*args))
    with BackgroundListing(root) as walk:
        assert walk.in_background
        assert walk.result() == expected


@forks
def test_a_child_reaped_elsewhere_still_gives_its_listing(vault):
    root = vault({"People/Ann.md": ANN, "Daily/2026-11-02.md": "[[Ann]]\n"})
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps children
    try:
        with BackgroundListing(root) as walk:
            assert walk.result() == list_notes(root)
    finally:
        signal.signal(signal.SIGCHLD, previous)


def test_a_walk_beside_other_threads_is_not_forked(vault):
    root = vault({"People/Ann.md": ANN})
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        with BackgroundListing(root) as walk:
            assert not walk.in_background
            assert walk.result() == list_notes(root)
    finally:
        stop.set()
        thread.join()


def test_a_missing_vault_is_reported_before_anything_is_created(tmp_path):
    with pytest.raises(VaultNotFound):
        BackgroundListing(tmp_path / "nope")
    with pytest.raises(VaultNotFound):
        sync_answer(tmp_path / "nope", Config(), lambda index: None)
    assert not (tmp_path / "nope").exists()


def note_count(index) -> int:
    return index.db.execute("SELECT COUNT(*) FROM notes").fetchone()[0]


def answer(root) -> tuple[list[int], int]:
    """What sync_answer asked (the note count each time) and what it answered."""
    asked: list[int] = []

    def question(index):
        asked.append(note_count(index))
        return asked[-1]

    index, _, answered = sync_answer(root, Config(), question)
    index.close()
    return asked, answered


@pytest.fixture
def walked_apart(monkeypatch):
    """Every vault large enough to be walked by a child (the tests' are small)."""
    monkeypatch.setattr(sync_module, "BACKGROUND_MIN", 0)


@forks
def test_an_answer_read_while_walking_stands_when_nothing_changed(vault, walked_apart):
    root = vault({"People/Ann.md": ANN})
    assert answer(root) == ([1], 1)  # a new index: asked once, after the rebuild
    assert answer(root) == ([1], 1)  # asked once, while the child walked
    os.utime(root / "People/Ann.md", ns=(1, 1))  # another stat, the same bytes
    assert answer(root) == ([1], 1)


def test_an_answer_read_while_walking_is_asked_again_after_a_change(vault, walked_apart):
    root = vault({"People/Ann.md": ANN})
    answer(root)
    (root / "People/Bob.md").write_text("- 2026-11-02 lunch\n")
    asked, answered = answer(root)
    assert answered == 2
    # Asked first of the index as it was (where the walk is forked), then again.
    assert asked == ([1, 2] if sys.platform == "linux" else [2])


PAGE = "---\ngenerated_by: vaultnet\n---\n<!-- vaultnet:begin -->\n[[Ann]]\n<!-- vaultnet:end -->\n"


def notes_answer(root) -> tuple[list[int], int]:
    """As :func:`answer`, asking how many notes are not pages vaultnet generated."""
    asked: list[int] = []

    def question(index):
        asked.append(index.db.execute("SELECT COUNT(*) FROM notes WHERE generated = 0")
                     .fetchone()[0])
        return asked[-1]

    index, _, answered = sync_answer(root, Config(), question)
    index.close()
    return asked, answered


@forks
@pytest.mark.parametrize("change", [
    lambda root: (root / "Follow-ups.md").write_text(PAGE),  # a report's first
    lambda root: (root / "Balance.md").write_text(PAGE.replace("Ann", "Ann, again")),  # rewritten
    lambda root: (root / "Balance.md").write_text(PAGE.replace("---\n<", "tags: [x]\n---\n<")),
    lambda root: (root / "Balance.md").unlink(),
])
def test_an_answer_read_while_walking_stands_when_only_vaultnets_pages_changed(
        vault, walked_apart, change):
    """After a report, the next command finds the pages it wrote changed. They hold
    nothing an answer is made of: the answer read while walking stands, where the
    question used to be asked a second time."""
    root = vault({"People/Ann.md": ANN, "Balance.md": PAGE})
    assert notes_answer(root) == ([1], 1)
    change(root)
    assert notes_answer(root) == ([1], 1)


@forks
@pytest.mark.parametrize("before, after", [
    ("- 2026-11-02 lunch with [[Ann]]\n", PAGE),  # a note the user marked generated
    (PAGE, "- 2026-11-02 lunch with [[Ann]]\n"),  # a page the user took over
])
def test_an_answer_is_asked_again_when_a_note_becomes_a_page_or_the_reverse(
        vault, walked_apart, before, after):
    root = vault({"People/Ann.md": ANN, "Notes.md": before})
    notes_answer(root)
    (root / "Notes.md").write_text(after)
    asked, answered = notes_answer(root)
    assert len(asked) == 2 and answered == (1 if after == PAGE else 2)


def test_a_small_vault_is_walked_before_the_question(vault):
    root = vault({"People/Ann.md": ANN})
    answer(root)
    (root / "People/Bob.md").write_text("- 2026-11-02 lunch\n")
    assert answer(root) == ([2], 2)  # no fork for two notes: asked once, after the sync


# --- the walk begun as the command starts (discover.walk_ahead) ---------------------

ahead = pytest.mark.skipif(sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2,
                           reason="begun ahead only where it forks, with two cores or more")


@pytest.fixture
def no_walk_here(monkeypatch):
    """After this, a walk in the test's own process fails the test: the listing
    must be the child's. (The child forked before it, with the real walk.)"""

    def walk_here(*args):
        raise AssertionError("walked in this process")

    def forbid():
        monkeypatch.setattr(discover, "list_notes", walk_here)
        monkeypatch.setattr(sync_module, "list_notes", walk_here)
    yield forbid
    discover.drop_walk_ahead()


@ahead
def test_the_first_sync_takes_the_walk_begun_ahead(vault, no_walk_here):
    root = vault({"People/Ann.md": ANN, "Daily/2026-11-02.md": "[[Ann]]\n"})
    expected = list_notes(root)
    discover.walk_ahead(str(root))
    no_walk_here()
    index, result = sync_index(root, Config())
    try:
        assert result.rebuilt and result.seen == 2
        assert index.listing() == expected
    finally:
        index.close()
    assert discover.walked_ahead(root, ()) is None  # taken: a second walk walks anew


@ahead
def test_a_walk_begun_ahead_leaves_out_the_excluded_notes(vault, monkeypatch, no_walk_here):
    """The child lists every note without reading the settings; the listing it
    gives is the one the settings' globs give, chunk for chunk."""
    monkeypatch.setattr(discover, "LISTING_CHUNK", 2)  # excluded notes move the chunks' ends
    root = vault({"A.md": "x", "Templates/Person.md": "{{date}}", "Templates/Skill.md": "x",
                  "People/Ann.md": ANN, "People/Bob.md": "---\nrole: peer\n---\n", "Z.md": "z"})
    exclude = Config().exclude
    assert exclude == ("Templates/**",)
    expected = list_notes(root, exclude)
    discover.walk_ahead(str(root))
    no_walk_here()
    with discover.walked_ahead(root, exclude) as walk:
        assert walk.result() == expected


@ahead
def test_a_walk_begun_ahead_finds_the_vault_as_the_command_does(vault, monkeypatch, no_walk_here):
    root = vault({"People/Ann.md": ANN, ".obsidian/app.json": "{}"})
    monkeypatch.chdir(root / "People")  # `vaultnet due` typed in a folder of the vault
    expected = list_notes(root)
    discover.walk_ahead(None)
    no_walk_here()
    with discover.walked_ahead(root, ()) as walk:
        assert walk.result() == expected


def test_a_listing_without_the_globs_becomes_the_one_with_them(vault, monkeypatch):
    monkeypatch.setattr(discover, "LISTING_CHUNK", 2)
    root = vault({"A.md": "x", "Templates/P.md": "x", "Templates/S.md": "x", "B.md": "b",
                  "People/Ann.md": ANN, "Z.md": "z"})
    everything = list_notes(root)
    for exclude in [(), ("Templates/**",), ("Templates",), ("Z.md", "A.md"), ("Nothing/**",),
                    ("*/P.md",), ("Temp?ates/S*",), ("[]T]emplates/**",), ("[!A]*.md",),
                    ("[Tt]emplates",), ("People/*.md", "Nothing"),
                    # Case is no difference, and a path starts at the vault's top.
                    ("templates/**",), ("/Templates/**",), ("/TEMPLATES",), ("Ü/**",)]:
        assert discover.without_excluded(everything, exclude) == list_notes(root, exclude), exclude
    assert discover.without_excluded(everything, ("Nothing/**",)) is everything  # as it was

    def matcher(exclude):
        raise AssertionError(f"{exclude}: paths matched one by one, when none can match")

    monkeypatch.setattr(discover, "exclude_matcher", matcher)  # nowhere Nothing nor Drafts:
    assert discover.without_excluded(everything, ("Nothing/**", "*/Drafts/*")) is everything


@ahead
def test_a_walk_begun_ahead_of_another_vault_is_not_used(vault, tmp_path):
    root = vault({"People/Ann.md": ANN})
    other = tmp_path / "other"
    (other / "People").mkdir(parents=True)
    (other / "People/Bob.md").write_text("- 2026-11-02 lunch\n")
    discover.walk_ahead(str(other))
    index, result = sync_index(root, Config())
    try:
        assert result.seen == 1 and index.listing() == list_notes(root)
    finally:
        index.close()


@ahead
def test_writing_into_the_vault_forgets_a_walk_begun_ahead(vault):
    from vaultnet.write import atomic_write

    root = vault({"People/Ann.md": ANN})
    discover.walk_ahead(str(root))
    pid = discover._walking_ahead.pid
    atomic_write(root / "People/Bob.md", b"- 2026-11-02 lunch\n")
    assert discover._walking_ahead is None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # stopped and reaped
    index, result = sync_index(root, Config())
    index.close()
    assert result.seen == 2  # walked after the write


@ahead
def test_a_command_that_stops_before_its_walk_leaves_no_child(vault):
    """`vaultnet index` with broken settings stops before it walks: the walk begun
    ahead (here, one that would take a minute) is stopped as the command ends."""
    import subprocess

    root = vault({"People/Ann.md": ANN, ".vaultnet/config.toml": "[folders\n"})
    script = ("import sys, time\n"
              f"sys.argv = ['vaultnet', 'index', '--vault', {str(root)!r}]\n"
              "from vaultnet import discover, launch\n"
              "discover.list_notes = lambda *args: time.sleep(60)\n"
              "begin = discover.walk_ahead\n"
              "def begun(vault):\n"
              "    begin(vault)\n"
              "    print(discover._walking_ahead.pid, flush=True)\n"
              "discover.walk_ahead = begun\n"
              "launch.main()\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 1 and "config.toml" in done.stderr
    assert not os.path.exists(f"/proc/{int(done.stdout)}")  # stopped and reaped


@pytest.mark.skipif(sys.platform != "linux", reason="the workers are forked on Linux")
@pytest.mark.parametrize("interrupt", [
    "os.killpg(0, signal.SIGINT)",  # Ctrl-C at a terminal: the whole process group
    "os.kill(os.getppid(), signal.SIGTERM)",  # kill PID, timeout: the command alone
    "os.killpg(0, signal.SIGTERM)",  # a service manager stopping the whole group
    "os.killpg(0, signal.SIGHUP)",  # the terminal closed
])
def test_ctrl_c_during_a_parallel_index_is_one_word(tmp_path, interrupt):
    """Ctrl-C at a terminal signals every process of the command, the parse
    workers too: the user sees the main process's `Aborted!` and no worker's
    traceback, and no worker is left behind. SIGTERM does the same."""
    import shutil
    import subprocess

    from tests.conftest import EXAMPLE_VAULT

    vault = tmp_path / "vault"
    shutil.copytree(EXAMPLE_VAULT, vault, ignore=shutil.ignore_patterns("index.sqlite*"))
    script = (
        "import os, signal, sys, time\n"
        "from vaultnet.index import sync\n"
        "sync.PARALLEL_MIN, sync.CHUNK = 2, 3\n"
        "real = sync._worker_job\n"
        "def interrupted(job):\n"
        f"    {interrupt}\n"
        "    time.sleep(2)\n"
        "    return real(job)\n"
        "sync._worker_job = interrupted\n"
        "real_init = sync._worker_init\n"
        "def late(*args):  # the second worker is still starting when Ctrl-C comes\n"
        "    from multiprocessing import current_process\n"
        "    if current_process().name.endswith('-2'):\n"
        "        time.sleep(0.5)\n"
        "    real_init(*args)\n"
        "sync._worker_init = late\n"
        "sync.os.cpu_count = lambda: 2  # workers even on a one-core machine\n"
        f"sys.argv = ['vaultnet', 'index', '--vault', {str(vault)!r}]\n"
        "from vaultnet.launch import main\n"
        "main()\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE,
                               text=True, start_new_session=True)  # its own group, not pytest's
    try:
        _, errors = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:  # a worker died of the signal and the pool waits for it
        os.killpg(process.pid, signal.SIGKILL)
        _, errors = process.communicate()
        pytest.fail(f"the command hung after Ctrl-C: {errors}")
    assert (process.returncode, errors) == (1, "Aborted!\n")

    def in_its_group() -> list[int]:
        found = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    if os.getpgid(int(entry)) == process.pid:
                        found.append(int(entry))
                except ProcessLookupError:
                    pass
        return found

    for _ in range(50):  # the pool's workers end when they see their parent go
        if not in_its_group():
            break
        time.sleep(0.1)
    assert in_its_group() == []


def test_events_are_read_by_the_index_that_fits_each_question(vault):
    """A window of events (the balance, the review) is found by its dates; each
    person's latest contact, and the count of everyone's, by person. SQLite's
    planner would take the date index for those too (``date <= day`` is a range),
    and read 100,000 events in date order, one random row at a time: 0.4 s more
    on a rebuild."""
    from vaultnet.index.read import load_activities

    root = vault({"People/Ann.md": ANN, "Daily/2026-11-20.md": "- coffee with [[Ann]]\n"})
    index, _ = sync_index(root, Config())
    statements: list[str] = []
    index.db.set_trace_callback(statements.append)
    try:
        assert [a.text for a in load_activities(index, date(2026, 10, 27), TODAY)] == [
            "coffee 45m", "coffee with [[Ann]]"]
        with index.transaction():
            index.refresh_contacts(TODAY)
        index.counts(date(2026, 11, 24))  # another day's: counted from the events
    finally:
        index.db.set_trace_callback(None)

    def plan(statement: str) -> str:
        return " / ".join(row[3] for row in index.db.execute("EXPLAIN QUERY PLAN " + statement))

    window = next(s for s in statements if "BETWEEN" in s)
    latest = next(s for s in statements if s.lstrip().startswith("WITH ev"))
    counted, twins = [s for s in statements if s.startswith("SELECT COUNT(*) FROM events")][:2]
    assert "SEARCH e USING INDEX events_date" in plan(window)
    assert "events_date" not in plan(latest) + plan(counted)
    # Counted by the index alone; the twins left out by theirs, not by reading every row.
    assert "COVERING INDEX events_about" in plan(counted) and "events_twins" in plan(twins)
    index.close()


def test_an_index_kept_up_to_date_answers_as_one_made_from_nothing(run, vault, tmp_path):
    """Random edits, the same each run: people written again (roles, aliases that
    two people may claim, milestones, promises), day notes linking names that
    come and go (one person by two names, too), skills, deletions, renames, settings. After each, `due`,
    `check`, `balance` and the pages of the vault indexed edit by edit are those
    of a copy indexed from nothing."""
    import random
    import shutil

    names = ["Ann Lee", "Bo Chen", "Lena Fischer", "Ravi Shah"]
    aliases = ["Ann", "Bo", "Lena", "AK"]
    days = [f"2026-11-{d:02d}" for d in range(1, 24)]
    rng = random.Random(20261202)

    def person() -> str:
        lines = [f"role: {rng.choice(['peer', 'mentor', 'sponsor', 'other'])}"]
        if rng.random() < 0.5:
            lines.append(f"aliases: [{rng.choice(aliases)}]")
        if rng.random() < 0.3:
            lines.append(f"met: {rng.choice(days)}")
        if rng.random() < 0.3:
            lines.append(f'milestones: ["{rng.choice(days)} promoted"]')
        if rng.random() < 0.3:
            lines.append("skills: ['[[Go]]']")
        log = [f"- {rng.choice(days)} coffee {rng.choice(['', '#gave', '#asked', '45m'])}"
               for _ in range(rng.randint(0, 2))]
        if rng.random() < 0.3:
            log.append(f"- [ ] send the deck 📅 2026-11-{rng.randint(20, 30)}")
        return "---\n" + "\n".join(lines) + "\n---\n" + "".join(f"{item}\n" for item in log)

    def day_note() -> str:  # names and aliases: one person may be linked twice
        linked = rng.sample(names + aliases + ["Go", "Nobody"], 2)
        text = f"- met [[{linked[0]}]] and [[{linked[1]}]]\n"
        if rng.random() < 0.3:
            text += f"- [ ] send [[{linked[1]}]] and [[{linked[0]}]] the notes 📅 2026-11-25\n"
        if rng.random() < 0.4:  # who was there, as meeting templates write it
            there = rng.choice(names + aliases)
            text = f'---\ndate: {rng.choice(days)}\npeople: ["[[{there}]]"]\n---\n{text}'
        return text

    files = {f"People/{name}.md": person() for name in names[:3]}
    files["Skills/Go.md"] = "---\nlevel: 2\ntarget: 4\n---\n- 2026-11-10 kata 30m\n"
    files["Goals/Staff.md"] = ("---\ntarget_role: Staff engineer\nskills:\n  \"[[Go]]\": 4\n"
                               "network:\n  mentor: 1\n  peer: 2\n---\n")
    root = vault(files)
    run("init", root)

    def answers(where) -> list:
        said = [run(*command, "--vault", where, "--today", "2026-11-23").stdout for command in
                (["due", "--json", "--horizon", "30d"], ["check", "--json"], ["balance", "--json"])]
        run("report", "--vault", where, "--today", "2026-11-23")
        return said + [(where / page).read_text(encoding="utf-8")
                       for page in ("Follow-ups.md", "Balance.md")]

    answers(root)
    for step in range(24):
        notes = sorted(p for p in root.rglob("*.md") if p.parts[-2] in ("People", "Daily", "Skills"))
        edit = rng.choice(["person", "person", "day", "day", "delete", "rename", "settings"])
        if edit == "person":
            (root / f"People/{rng.choice(names)}.md").write_text(person(), encoding="utf-8")
        elif edit == "day":
            (root / "Daily").mkdir(exist_ok=True)
            (root / f"Daily/{rng.choice(days)}.md").write_text(day_note(), encoding="utf-8")
        elif edit == "delete":
            rng.choice(notes).unlink()
        elif edit == "rename":
            moved = rng.choice(notes)
            to = moved.with_name(f"{rng.choice(names + days)}.md")
            if not to.exists():
                moved.rename(to)
        else:
            (root / ".vaultnet/config.toml").write_text(
                f"[cadence]\npeer = \"{rng.choice(['2w', '1m'])}\"\n"
                f"[follow_ups]\nnew_contact_days = {rng.randint(1, 4)}\n", encoding="utf-8")
        kept = answers(root)
        fresh = tmp_path / f"fresh{step}"
        shutil.copytree(root, fresh, ignore=shutil.ignore_patterns("index.sqlite*"))
        assert kept == answers(fresh), (step, edit)


def test_notes_in_a_persons_own_folder_are_named(run, vault):
    """People/Ann Lee/Ann Lee.md, as the Folder Notes plugin keeps a folder's note,
    with notes about Ann beside it: each was a person of its own ("2 people have no
    role or cadence"), and the 1:1's link to her counted for nothing."""
    root = vault({
        "People/Ann Lee/Ann Lee.md": "---\nrole: mentor\n---\n- 2026-11-01 coffee\n",
        "People/Ann Lee/2026-11-20 1-1.md": "# 1:1 with [[Ann Lee]]\n",
        "People/Ann Lee/Bo Chen.md": "---\nrole: peer\n---\n",  # a person: says so
        "People/Globex/Globex.md": "# Globex\nA company.\n",  # no person's folder
        "People/Globex/Alex Kim.md": "# Alex\n",
    })
    result = run("check", "--vault", root, "--json")
    assert [(p["path"], p["message"]) for p in json.loads(result.stdout)] == [
        ("People/Ann Lee/2026-11-20 1-1.md", "a person of its own to vaultnet, by its folder, "
         "but it is in Ann Lee's folder, beside their note, and says nothing of a person: if it "
         "is a note about Ann Lee, give it `type: note` (its dated links to [[Ann Lee]] then "
         "count)")]
