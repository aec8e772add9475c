"""`vaultnet log` and `vaultnet practice`: byte-exact edits, and finding the note."""

from __future__ import annotations

import json
import os
import shlex
import sys
from datetime import date

import pytest

from vaultnet.capture import Item, add_item
from vaultnet.errors import NoteChanged
from vaultnet.write import edit_note

ITEM = Item(date(2026, 11, 23), "coffee: pipelines", "45m", ("gave",))
LINE = "- 2026-11-23 coffee: pipelines 45m #gave"


@pytest.mark.parametrize("before, after", [
    # the end of the section, before the next one; blank lines stay where they were
    ("---\nrole: peer\n---\n# Ann\n\n## Log\n- 2026-11-01 a\n\n## Notes\nx\n",
     f"---\nrole: peer\n---\n# Ann\n\n## Log\n- 2026-11-01 a\n{LINE}\n\n## Notes\nx\n"),
    # an empty section
    ("# Ann\n## Log\n\n## Notes\n", f"# Ann\n## Log\n{LINE}\n\n## Notes\n"),
    # the list, not the text after it; an item's continuation lines stay with it
    ("## Log\n- 2026-11-01 a\n  more about a\n\nA closing remark.\n",
     f"## Log\n- 2026-11-01 a\n  more about a\n{LINE}\n\nA closing remark.\n"),
    ("## Log\nNothing yet.\n", f"## Log\nNothing yet.\n{LINE}\n"),
    # a deeper heading belongs to the section; a closing #, any case
    ("## log ##\n- 2026-11-01 a\n### detail\n- 2026-11-02 b\n# Next\n",
     f"## log ##\n- 2026-11-01 a\n### detail\n- 2026-11-02 b\n{LINE}\n# Next\n"),
    # no section: a new one at the end, after a blank line
    ("---\nrole: peer\n---\nSome text.\n", f"---\nrole: peer\n---\nSome text.\n\n## Log\n{LINE}\n"),
    # no newline at the end of the file
    ("## Log\n- 2026-11-01 a", f"## Log\n- 2026-11-01 a\n{LINE}\n"),
    ("Text", f"Text\n\n## Log\n{LINE}\n"),
    ("", f"## Log\n{LINE}\n"),
    # a heading inside a code block or the frontmatter is not the section
    ("```\n## Log\n```\n", f"```\n## Log\n```\n\n## Log\n{LINE}\n"),
    ("---\n## Log: x\n---\nbody\n", f"---\n## Log: x\n---\nbody\n\n## Log\n{LINE}\n"),
    # a frontmatter whose fences have spaces after them, as the parser reads it: its
    # list of milestones is no log (the item went in under the text, as if it were)
    ("---  \nrole: peer\nmilestones:\n- 2026-10-20 promoted\n--- \nNotes about Ann.\n",
     f"---  \nrole: peer\nmilestones:\n- 2026-10-20 promoted\n--- \nNotes about Ann.\n\n## Log\n{LINE}\n"),
    # nor is one inside an HTML comment, which does not end the section either
    ("<!--\n## Log\n-->\n", f"<!--\n## Log\n-->\n\n## Log\n{LINE}\n"),
    ("## Log\n- 2026-11-01 a\n\n<!-- old\n# Archive\n-->\n# Next\n",
     f"## Log\n- 2026-11-01 a\n{LINE}\n\n<!-- old\n# Archive\n-->\n# Next\n"),
])
def test_add_item(before, after):
    assert add_item(before, "Log", ITEM) == after


@pytest.mark.parametrize("log, line", [
    ("- 2026-11-01 a", "- 2026-11-23 coffee: pipelines 45m #gave"),
    ("* 2026-11-01 a", "* 2026-11-23 coffee: pipelines 45m #gave"),  # a "-" would start a new list
    ("- **2026-11-01**: a", "- **2026-11-23**: coffee: pipelines 45m #gave"),
    ("+ _2026-11-01_ – a", "+ _2026-11-23_ – coffee: pipelines 45m #gave"),
    ("- [[2026-11-01]] a", "- [[2026-11-23]] coffee: pipelines 45m #gave"),
    ("- [[Daily/2026/2026-11-01]] a", "- [[2026-11-23]] coffee: pipelines 45m #gave"),

    ("- **2026-11-01* a", "- 2026-11-23 coffee: pipelines 45m #gave"),  # marks that do not pair
    ("- [[2026-11-01|Sun]] a", "- 2026-11-23 coffee: pipelines 45m #gave"),
])
def test_the_item_is_dated_as_the_log_dates_its_items(log, line):
    """A new item looks like the last dated one: Obsidian shows it the same way, a
    link to the day's note stays one (its backlinks), and the list stays one list."""
    assert add_item(f"## Log\n{log}\n\n## Next\n", "Log", ITEM) == (
        f"## Log\n{log}\n{line}\n\n## Next\n")


def test_the_item_joins_the_dated_ones_above_what_follows_them():
    """Promises or notes kept under a log's dated items stay under them."""
    log = "* **2026-11-01** a\n  - what she said\n- [ ] send the deck\n- likes hiking\n"
    assert add_item(f"## Log\n{log}\n## Next\n", "Log", ITEM) == (
        "## Log\n* **2026-11-01** a\n  - what she said\n* **2026-11-23** coffee: pipelines 45m #gave\n"
        "- [ ] send the deck\n- likes hiking\n\n## Next\n")


@pytest.mark.parametrize("log, after", [
    # Newest first: on top, dated as the top item is.
    ("- **2026-11-20** b\n- 2026-11-01 a\n",
     f"- **2026-11-23** {LINE[13:]}\n- **2026-11-20** b\n- 2026-11-01 a\n"),
    ("- 2026-11-23 b\n  - 2026-11-24 sub\n- 2026-11-01 a\n",
     f"{LINE}\n- 2026-11-23 b\n  - 2026-11-24 sub\n- 2026-11-01 a\n"),  # same day: on top too
    # Oldest first, or one item: at the end.
    ("- 2026-11-01 a\n- 2026-11-20 b\n", f"- 2026-11-01 a\n- 2026-11-20 b\n{LINE}\n"),
    ("- 2026-11-01 a\n", f"- 2026-11-01 a\n{LINE}\n"),
    ("- 2026-11-23 a\n- 2026-11-23 b\n", f"- 2026-11-23 a\n- 2026-11-23 b\n{LINE}\n"),
    # A day before the log's latest (written late, or a plan above it): in its place.
    ("- 2026-11-30 b\n- 2026-11-01 a\n", f"- 2026-11-30 b\n{LINE}\n- 2026-11-01 a\n"),
    ("- **2026-11-30** c\n  - more\n- 2026-11-23 b\n- 2026-11-01 a\n",
     f"- **2026-11-30** c\n  - more\n- 2026-11-23 b\n{LINE}\n- 2026-11-01 a\n"),
    ("- **2026-11-01** a\n  - more\n- [[2026-11-30]] b\n",  # dated as the item before it
     f"- **2026-11-01** a\n  - more\n- **2026-11-23** {LINE[13:]}\n- [[2026-11-30]] b\n"),
    ("- 2026-11-24 a\n- 2026-11-30 b\n", f"{LINE}\n- 2026-11-24 a\n- 2026-11-30 b\n"),
    ("- 2026-11-30 b\n- 2026-11-24 a\n", f"- 2026-11-30 b\n- 2026-11-24 a\n{LINE}\n"),
    # Out of order: the end, as the log has no order to keep.
    ("- 2026-11-20 a\n- 2026-11-10 b\n- 2026-11-30 c\n",
     f"- 2026-11-20 a\n- 2026-11-10 b\n- 2026-11-30 c\n{LINE}\n"),
])
def test_a_log_kept_newest_first_gets_the_item_on_top(log, after):
    assert add_item(f"# Ann\n## Log\n{log}\n## Notes\n", "Log", ITEM) == (
        f"# Ann\n## Log\n{after}\n## Notes\n")


@pytest.mark.parametrize("log, after", [
    ("1. 2026-11-01 a\n2. 2026-11-20 b\n", f"1. 2026-11-01 a\n2. 2026-11-20 b\n3. {LINE[2:]}\n"),
    ("1. 2026-11-01 a\n1. 2026-11-20 b\n", f"1. 2026-11-01 a\n1. 2026-11-20 b\n1. {LINE[2:]}\n"),
    ("7) **2026-11-20** b\n", f"7) **2026-11-20** b\n8) **2026-11-23** {LINE[13:]}\n"),
    # On top, the list keeps its first number; in the middle, Markdown counts on.
    ("3) 2026-11-20 b\n4) 2026-11-01 a\n", f"3) {LINE[2:]}\n3) 2026-11-20 b\n4) 2026-11-01 a\n"),
    ("1. 2026-11-01 a\n   - more\n2. 2026-11-30 b\n",
     f"1. 2026-11-01 a\n   - more\n2. {LINE[2:]}\n2. 2026-11-30 b\n"),
])
def test_a_numbered_log_gets_a_numbered_item(log, after):
    """A `- ` item after `1.` items would start a list of its own below them."""
    assert add_item(f"## Log\n{log}\n## Notes\n", "Log", ITEM) == f"## Log\n{after}\n## Notes\n"


def test_random_logs_change_by_the_new_line_alone_and_stay_in_order():
    """Logs of every form (bullets, bold or linked dates, numbers; sub-items, blank
    lines, a promise below; under ## Log, another heading or none), in date order
    either way or in none, with an item of any day: the note changes by the one
    line, and a log in order stays in order."""
    import random
    import re
    from dataclasses import replace
    from datetime import timedelta

    from vaultnet.capture import item_added

    rnd = random.Random(20261203)
    forms = ["- {} x", "* **{}** x", "- [[{}]] x", "- {}: x", "1. {} x", "3) {} x"]
    for _ in range(3000):
        days = sorted(date(2026, 11, 1) + timedelta(rnd.randint(0, 40))
                      for _ in range(rnd.randint(0, 6)))
        order = rnd.choice(["oldest first", "newest first", "none"])
        if order == "newest first":
            days.reverse()
        elif order == "none":
            rnd.shuffle(days)
        form, lines = rnd.choice(forms), []
        for day in days:
            lines.append(form.format(day.isoformat()))
            lines += ["   - more"] * (rnd.random() < 0.2) + [""] * (rnd.random() < 0.1)
        lines += ["- [ ] a promise"] * (rnd.random() < 0.2)
        # In a callout, sometimes: each line quoted.
        quote = "> " if days and rnd.random() < 0.3 else ""
        if quote:
            lines = ["[!note] Log", *lines]
        lines = [quote + line for line in lines]
        # Under ## Log, under a heading of the note's own, or above every heading.
        heading = rnd.choice(["## Log\n", "## Interactions\n", ""] if days else ["## Log\n"])
        text = f"# Ann\n{heading}" + "\n".join(lines) + "\n\n## Next\nx\n"
        item = replace(ITEM, date=date(2026, 11, 1) + timedelta(rnd.randint(0, 45)))
        changed, line = item_added(text, "Log", item)
        after = changed.split("\n")
        at = after.index(quote + line)  # in a callout, quoted as its items are
        assert "\n".join(after[:at] + after[at + 1:]) == text
        if order != "none" and len(set(days)) > 1:
            dated = [found[0] for line in after if line.removeprefix(quote)[:1] in "-*13"
                     if (found := re.search(r"\d{4}-\d\d-\d\d", line))]
            assert dated == sorted(dated, reverse=order == "newest first"), text


@pytest.mark.parametrize("note, after", [
    # A log under a heading of its own name: there, not in a new ## Log at the end.
    ("# Ann\n## Interactions\n- 2026-11-01 a\n\n## Notes\nx\n",
     f"# Ann\n## Interactions\n- 2026-11-01 a\n{LINE}\n\n## Notes\nx\n"),
    ("# Ann\n- 2026-11-01 a\n### Timeline\n- 2026-11-02 b\n## Notes\nx\n",  # the last item's
     f"# Ann\n- 2026-11-01 a\n### Timeline\n- 2026-11-02 b\n{LINE}\n## Notes\nx\n"),
    # Above every heading, after the frontmatter.
    ("---\nrole: peer\n---\n- 2026-11-01 a\n\n## Notes\nx\n",
     f"---\nrole: peer\n---\n- 2026-11-01 a\n{LINE}\n\n## Notes\nx\n"),
    ("- 2026-11-01 a\n- [ ] 2026-12-01 send the deck\n",
     f"- 2026-11-01 a\n{LINE}\n- [ ] 2026-12-01 send the deck\n"),
    # A line that goes on the item's text without being indented stays with it: the new
    # item went in before it and took it (its #gave, its length), so `log` refused,
    # saying the section ended in a comment or code never closed.
    ("## Log\n- 2026-11-01 coffee 45m\ntalked about the migration #gave\n- [ ] send the deck\n",
     f"## Log\n- 2026-11-01 coffee 45m\ntalked about the migration #gave\n{LINE}\n"
     "- [ ] send the deck\n"),
    ("> [!note] Log\n> - 2026-11-01 coffee\n> more #gave\n> - [ ] send it\n",
     f"> [!note] Log\n> - 2026-11-01 coffee\n> more #gave\n> {LINE}\n> - [ ] send it\n"),
    ("## Log\n- 2026-11-01 coffee\n# Notes\n- [ ] send it\n",  # (a heading is no more of it)
     f"## Log\n- 2026-11-01 coffee\n{LINE}\n# Notes\n- [ ] send it\n"),
    # A ## Log wins; promises, code and comments are no log.
    ("## Interactions\n- 2026-11-01 a\n## Log\n", f"## Interactions\n- 2026-11-01 a\n## Log\n{LINE}\n"),
    ("## Promises\n- [ ] 2026-12-01 send\n", f"## Promises\n- [ ] 2026-12-01 send\n\n## Log\n{LINE}\n"),
    ("## Code\n```\n- 2026-11-01 a\n```\n", f"## Code\n```\n- 2026-11-01 a\n```\n\n## Log\n{LINE}\n"),
    ("## Old\n<!--\n- 2026-11-01 a\n-->\n", f"## Old\n<!--\n- 2026-11-01 a\n-->\n\n## Log\n{LINE}\n"),
    # A log kept in a callout: the item goes into it, quoted as its items are. It went
    # into a new ## Log at the end, the log then in two places.
    ("# Ann\n> [!note] Log\n> - 2026-11-01 a\n> - 2026-11-10 b\n\nText.\n",
     f"# Ann\n> [!note] Log\n> - 2026-11-01 a\n> - 2026-11-10 b\n> {LINE}\n\nText.\n"),
    ("## Log\n> [!log]- History\n> - 2026-11-20 b\n> - 2026-11-10 a\n",  # newest first
     f"## Log\n> [!log]- History\n> {LINE}\n> - 2026-11-20 b\n> - 2026-11-10 a\n"),
    ("## Log\n>- 2026-11-01 a\n>- 2026-11-30 c\n",  # in its day's place, quoted as written
     f"## Log\n>- 2026-11-01 a\n>{LINE}\n>- 2026-11-30 c\n"),
    ("## Log\n> > - 2026-11-01 a\n", f"## Log\n> > - 2026-11-01 a\n> > {LINE}\n"),
    # A quote that is no log, or a log after the quote: the item is not quoted.
    ("## Log\n> Keep notes here\n", f"## Log\n> Keep notes here\n{LINE}\n"),
    ("## Log\n> - 2026-11-01 a\n\n- 2026-11-02 b\n", f"## Log\n> - 2026-11-01 a\n\n- 2026-11-02 b\n{LINE}\n"),
    ("## Log\n- 2026-11-01 a\n\n> a quote\n", f"## Log\n- 2026-11-01 a\n{LINE}\n\n> a quote\n"),
])
def test_a_log_kept_under_another_heading_or_in_a_callout_gets_the_item(note, after):
    assert add_item(note, "Log", ITEM) == after


def test_log_writes_into_a_callout_and_it_counts(run, vault):
    root = vault({"People/Ann.md": "---\nrole: peer\n---\n> [!log] Log\n> - 2026-11-20 coffee\n"})
    result = run("log", "Ann", "tea", "--vault", root)
    assert result.exit_code == 0, result.output
    assert result.stdout == "People/Ann.md: - 2026-11-23 tea\n"
    assert (root / "People/Ann.md").read_text() == (
        "---\nrole: peer\n---\n> [!log] Log\n> - 2026-11-20 coffee\n> - 2026-11-23 tea\n")
    again = run("log", "Ann", "tea", "--vault", root)
    assert again.exit_code == 1 and "has this line already" in again.stderr


def test_crlf_and_bom_are_kept():
    before = "\ufeff---\r\nrole: peer\r\n---\r\n## Log\r\n- 2026-11-01 a\r\n\r\nAfter.\r\n"
    after = add_item(before, "Log", ITEM)
    assert after == f"\ufeff---\r\nrole: peer\r\n---\r\n## Log\r\n- 2026-11-01 a\r\n{LINE}\r\n\r\nAfter.\r\n"


def test_the_item_is_one_line():
    item = Item(date(2026, 11, 23), "two\nlines  and\ttabs")
    assert add_item("", "Log", item) == "## Log\n- 2026-11-23 two lines and tabs\n"


def test_the_item_holds_no_control_characters():
    """A terminal's paste can bring colour codes and bells along; a note shows none."""
    item = Item(date(2026, 11, 23), "coffee \x1b[31mred\x1b[0m\x07 and \x7fcake\x85")
    assert add_item("", "Log", item) == "## Log\n- 2026-11-23 coffee [31mred[0m and cake\n"


PEOPLE = {
    "People/Ann.md": "---\nrole: peer\naliases: [Annie]\n---\n## Log\n- 2026-11-01 a\n",
    "People/Anna Berg.md": "---\nrole: peer\n---\n",
    "People/Leo.md": "---\nrole: peer\n---\n",
    "People/Lena.md": "\ufeff---\r\nrole: peer\r\n---\r\n## Log\r\n- 2026-11-01 a\r\n\r\n## Notes\r\nx",
    "People/Sofía Núñez.md": "---\nrole: peer\n---\n",
    "Skills/Go.md": "---\nlevel: 1\n---\n# Go\n",
}


def test_a_name_typed_loosely_leaves_out_case_spacing_and_accents():
    from vaultnet.parse.values import loose_key

    assert loose_key("  Zoë   Brandt ") == "zoe brandt"
    assert loose_key("Zoe\u0308 Brandt") == "zoe brandt"  # decomposed, as macOS names files
    assert loose_key("STRAẞE") == "strasse"
    assert loose_key("Łukasz Øster") == "łukasz øster"  # letters of their own, not accents


def log(run, root, *args):
    return run("log", "--vault", root, "--today", "2026-11-23", *args)


@pytest.mark.parametrize("name, path", [
    ("Ann", "People/Ann.md"),  # exact beats the prefix of "Anna Berg"
    ("ANNIE", "People/Ann.md"),  # an alias, any case
    ("anna", "People/Anna Berg.md"),  # a prefix only one note has
    ("Lena", "People/Lena.md"),
    # No name starts so: the start of any word of one, in any case, accents aside.
    ("sofia", "People/Sofía Núñez.md"),
    ("NUNEZ", "People/Sofía Núñez.md"),
    ("sofia nu", "People/Sofía Núñez.md"),
    ("berg", "People/Anna Berg.md"),
    # The note's file name, as a shell completes it in People/: it said "no person is
    # called 'Anna Berg.md'; did you mean 'Anna Berg'?"
    ("Anna Berg.md", "People/Anna Berg.md"),
    ("./Ann.MD", "People/Ann.md"),
])
def test_log_finds_the_person(run, vault, name, path):
    root = vault(PEOPLE)
    result = log(run, root, name, "coffee:", "pipelines", "--duration", "45m", "--tag", "#gave")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{path}: {LINE}\n"
    assert LINE in (root / path).read_text(encoding="utf-8")


def test_a_name_of_two_words_not_quoted_is_the_name(run, vault):
    """`vaultnet log Sofía Núñez coffee`: the shell gives Núñez to the text. With
    the name's first word, the text's first words make a whole name: that name."""
    root = vault(PEOPLE)
    result = log(run, root, "sofía", "núñez", "coffee", "at", "the", "meetup")
    assert result.exit_code == 0, result.output
    assert result.stdout == "People/Sofía Núñez.md: - 2026-11-23 coffee at the meetup\n"
    # Not a whole name: the words are the text ("Berg" alone is no name of Ann's).
    assert log(run, root, "Ann", "Berg's", "party").stdout == (
        "People/Ann.md: - 2026-11-23 Berg's party\n")
    # The whole name and nothing more: nothing to write (it wrote "Berg").
    nothing = log(run, root, "Anna", "Berg")
    assert nothing.exit_code == 2 and nothing.stderr.endswith(
        "Error: 'Anna Berg' is a name, and there is nothing to write; say what happened: "
        "vaultnet log 'Anna Berg' \"coffee: her new team\"\n")
    assert "Berg\n" not in (root / "People/Anna Berg.md").read_text(encoding="utf-8")
    assert run("practice", "--vault", root, "--today", "2026-11-23", "go", "katas").exit_code == 0


def test_log_says_the_line_as_written_in_the_logs_form(run, vault):
    root = vault({"People/Ann.md": "---\nrole: mentor\n---\n## Log\n* [[2026-10-01]]: a\n"})
    due = run("due", "--vault", root, "--today", "2026-11-23", "--json")
    assert [i["due"] for i in json.loads(due.stdout)] == ["2026-11-01"]
    result = log(run, root, "Ann", "coffee")
    assert result.stdout == "People/Ann.md: * [[2026-11-23]]: coffee\n"
    assert (root / "People/Ann.md").read_text().endswith(
        "## Log\n* [[2026-10-01]]: a\n* [[2026-11-23]]: coffee\n")
    due = run("due", "--vault", root, "--today", "2026-11-23", "--json")
    assert json.loads(due.stdout) == []  # the new item counts: in touch today


def test_log_writes_through_a_linked_note(run, vault, tmp_path):
    """A note linked into the vault (shared by two vaults) gets the line, and stays linked."""
    shared = tmp_path / "shared" / "Ann.md"
    shared.parent.mkdir()
    shared.write_text("---\nrole: peer\n---\n## Log\n- 2026-11-01 a\n")
    root = vault({"People/Leo.md": "---\nrole: peer\n---\n"})
    try:
        (root / "People/Ann.md").symlink_to(shared)
    except OSError:
        pytest.skip("no symbolic links here")
    assert log(run, root, "Ann", "coffee").stdout == "People/Ann.md: - 2026-11-23 coffee\n"
    assert (root / "People/Ann.md").is_symlink()
    assert shared.read_text().endswith("- 2026-11-01 a\n- 2026-11-23 coffee\n")
    assert sorted(p.name for p in shared.parent.iterdir()) == ["Ann.md"]  # no temporary left


def test_log_keeps_every_other_byte(run, vault):
    root = vault(PEOPLE)
    log(run, root, "lena", "coffee: pipelines", "--duration", "45m", "--tag", "gave")
    assert (root / "People/Lena.md").read_bytes() == (
        "\ufeff---\r\nrole: peer\r\n---\r\n## Log\r\n- 2026-11-01 a\r\n"
        f"{LINE}\r\n\r\n## Notes\r\nx").encode()


def test_a_note_with_a_classic_macs_line_ends_is_edited_as_lines(run, vault):
    """A CR alone ends a line (the parser, and Obsidian, read it so); the log found
    no ## Log there, and added a second one after it, in LFs."""
    root = vault({"People/Bo.md": "---\rrole: peer\r---\r# Bo\r## Log\r- 2026-11-01 call\r\r"
                                  "## Notes\rx\r"})
    assert log(run, root, "Bo", "lunch").exit_code == 0
    assert schedule(run, root, "Bo", "2026-12-07").exit_code == 0
    assert (root / "People/Bo.md").read_bytes() == (
        b"---\rrole: peer\rnext: 2026-12-07\r---\r# Bo\r## Log\r- 2026-11-01 call\r"
        b"- 2026-11-23 lunch\r\r## Notes\rx\r")
    counted = run("index", "--vault", root, "--today", "2026-11-23", "--json")
    assert json.loads(counted.stdout)["interactions"] == 2
    on_the_day = run("due", "--vault", root, "--today", "2026-12-07", "--horizon", "0d", "--json")
    assert [(i["reason"], i["due"]) for i in json.loads(on_the_day.stdout)] == [
        ("scheduled", "2026-12-07")]


def test_a_read_only_note_is_not_edited(run, vault):
    """chmod 444 keeps a note as it is from an editor; the atomic rename that writes
    a note replaced it all the same (and for root, whom no permission stops)."""
    root = vault(PEOPLE)
    note = root / "People/Ann.md"
    before = note.read_bytes()
    note.chmod(0o444)
    try:
        result = log(run, root, "Ann", "coffee")
        assert result.exit_code == 1 and result.stderr == (
            "Error: People/Ann.md: the file is read-only, so vaultnet will not edit it; make it "
            "writable (chmod u+w) and run the command again; nothing was written\n")
        assert schedule(run, root, "Ann", "2w").exit_code == 1
        assert note.read_bytes() == before and note.stat().st_mode & 0o777 == 0o444
    finally:
        note.chmod(0o644)
    assert log(run, root, "Ann", "coffee").exit_code == 0


def test_a_line_the_note_has_already_is_not_written_twice(run, vault):
    """The same command run twice (the shell's history) would count the interaction
    twice: the second writes nothing, says so, and a line worded otherwise is added."""
    root = vault(PEOPLE)
    first = log(run, root, "lena", "coffee: pipelines", "--duration", "45m", "--tag", "gave")
    assert first.exit_code == 0, first.output
    before = (root / "People/Lena.md").read_bytes()
    again = log(run, root, "lena", "coffee: pipelines", "--duration", "45m", "--tag", "gave")
    assert again.exit_code == 1
    assert again.stdout == ""
    assert again.stderr == (f"Error: People/Lena.md has this line already: {LINE}\n"
                            "Nothing was written; to add a second one that day, word it "
                            "differently\n")
    assert (root / "People/Lena.md").read_bytes() == before
    other = log(run, root, "lena", "coffee: pipelines", "--duration", "45m")
    assert other.exit_code == 0, other.output
    assert (root / "People/Lena.md").read_text(encoding="utf-8").count("coffee: pipelines") == 2
    practice = run("practice", "--vault", root, "go", "katas", "--today", "2026-11-23")
    assert practice.exit_code == 0, practice.output
    practice = run("practice", "--vault", root, "go", "katas", "--today", "2026-11-23")
    assert practice.exit_code == 1
    assert "has this line already: - 2026-11-23 katas" in practice.stderr


@pytest.mark.parametrize("name, message", [
    ("Le", "'Le' could be 2 notes: Lena (People/Lena.md); Leo (People/Leo.md); give more of the name"),
    ("Bob", "no person is called 'Bob' (by title or alias); check the spelling, or add one: "
            "vaultnet add person Bob"),
    ("Go", "no person is called 'Go'"),  # a skill is not a person
    ("erg", "no person is called 'erg'"),  # the start of a word, not any part of one
    # A name like one the vault has: a slip, most likely.
    ("Lean", "no person is called 'Lean' (by title or alias); did you mean 'Lena'? If not, "
             "add one: vaultnet add person Lean"),
    ("sofai nunez", "no person is called 'sofai nunez' (by title or alias); did you mean "
                    "'Sofía Núñez'?"),
    ("Annabelle", "no person is called 'Annabelle' (by title or alias); check the spelling"),
])
def test_log_writes_nothing_unless_one_person_fits(run, vault, name, message):
    root = vault(PEOPLE)
    before = {p: (root / p).read_bytes() for p in PEOPLE}
    result = log(run, root, name, "hello")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {message}")
    assert {p: (root / p).read_bytes() for p in PEOPLE} == before


def test_a_given_name_in_a_script_written_without_spaces_finds_the_person(run, vault):
    """王小明 is Wang Xiaoming: 小明, his given name, is how his friends say it, as
    太郎 is Yamada Tarō's; with no space in the name, it was no word's start."""
    root = vault({"People/王小明.md": "---\nrole: peer\n---\n",
                  "People/山田太郎.md": "---\nrole: peer\n---\n",
                  "People/李小龙.md": "---\nrole: peer\n---\n"})
    assert log(run, root, "小明", "喝茶").stdout == "People/王小明.md: - 2026-11-23 喝茶\n"
    assert log(run, root, "太郎", "ランチ").stdout == "People/山田太郎.md: - 2026-11-23 ランチ\n"
    several = log(run, root, "小", "hello")  # 小明 and 小龙: not guessed
    assert several.exit_code == 1 and several.stderr.startswith("Error: '小' could be 2 notes")


@pytest.mark.skipif(os.name == "nt", reason="POSIX shell quoting")
def test_the_suggested_command_gives_the_name_back_to_the_shell(run, vault):
    root = vault(PEOPLE)
    name = """Dan "The Man" O'Neil $HOME"""
    result = log(run, root, name, "hello")
    assert result.exit_code == 1
    suggested = result.stderr.split("add one: ", 1)[1].strip()
    assert shlex.split(suggested) == ["vaultnet", "add", "person", name]


TWO_ALEX = {"People/Acme/Alex Kim.md": "---\nrole: peer\n---\n",
            "People/Globex/Alex Kim.md": "---\nrole: peer\n---\n",
            "People/Sam.md": "---\nrole: peer\naliases: [Alex Kim Jr]\n---\n",
            "People/Alex Kim Jr.md": "---\nrole: peer\n---\n",
            "Skills/CI-CD.md": "---\naliases: [CI/CD]\n---\n",
            "People/Robert.md": "---\nrole: peer\naliases: [Bobby, bobby]\n---\n"}


@pytest.mark.parametrize("name", ["", "  "])
def test_log_without_a_name_says_so(run, vault, name):
    root = vault(PEOPLE)
    result = log(run, root, name, "hello")
    assert result.exit_code == 2
    assert "Invalid value for 'PERSON': no name given; write the title or an alias of the note" \
        in result.stderr


def test_log_to_one_of_two_people_of_one_name_needs_its_folder(run, vault):
    """Writing to a note is not guessed: the name alone is refused, a folder picks one
    (as a link with folders does), and a title still beats another note's alias."""
    root = vault(TWO_ALEX)
    result = log(run, root, "alex kim", "hello")
    assert result.exit_code == 1 and result.stderr.startswith(
        "Error: 'alex kim' could be 2 notes: Alex Kim (People/Acme/Alex Kim.md); Alex Kim "
        "(People/Globex/Alex Kim.md); give its folder too: 'People/Globex/Alex Kim'")
    assert log(run, root, "Globex/Alex Kim", "lunch").exit_code == 0
    assert log(run, root, "People/Acme/Alex Kim.md", "call").exit_code == 0
    assert log(run, root, "alex kim jr", "coffee").exit_code == 0
    assert log(run, root, "BOBBY", "tea").exit_code == 0  # one note, named twice alike
    assert [(p, (root / p).read_text().splitlines()[-1]) for p in sorted(TWO_ALEX)][:5] == [
        ("People/Acme/Alex Kim.md", "- 2026-11-23 call"),
        ("People/Alex Kim Jr.md", "- 2026-11-23 coffee"),
        ("People/Globex/Alex Kim.md", "- 2026-11-23 lunch"),
        ("People/Robert.md", "- 2026-11-23 tea"),
        ("People/Sam.md", "---")]
    result = log(run, root, "Initech/Alex Kim", "hello")
    assert result.exit_code == 1 and "no person is called 'Initech/Alex Kim'" in result.stderr
    # An alias that holds a / is a name, not a folder.
    result = run("practice", "--vault", root, "--today", "2026-11-23", "ci/cd", "pipeline")
    assert result.exit_code == 0 and result.stdout.startswith("Skills/CI-CD.md: ")


def test_practice_goes_to_the_practice_section_and_counts(run, vault):
    root = vault(PEOPLE)
    result = run("practice", "--vault", root, "go", "kata", "--duration", "1h30m", "--date", "2026-11-20")
    assert result.exit_code == 0
    assert (root / "Skills/Go.md").read_text() == (
        "---\nlevel: 1\n---\n# Go\n\n## Practice\n- 2026-11-20 kata 1h30m\n")
    counts = json.loads(run("index", "--vault", root, "--today", "2026-11-23", "--json").stdout)
    assert counts["practice"] == 1


def test_a_duration_in_words_is_written_as_given_and_counts(run, vault):
    root = vault(PEOPLE)
    result = run("practice", "--vault", root, "go", "kata", "--duration", "1  hour ",
                 "--date", "2026-11-20")
    assert result.exit_code == 0
    assert (root / "Skills/Go.md").read_text().endswith("- 2026-11-20 kata 1 hour\n")
    spent = json.loads(run("balance", "--vault", root, "--today", "2026-11-23", "--json").stdout)
    assert spent["skills"] == {"events": 1, "minutes": 60}


def test_a_number_alone_is_minutes_and_written_so(run, vault):
    """A bare 90 in a note is no duration: the line says 90m, which counts."""
    root = vault(PEOPLE)
    result = run("practice", "--vault", root, "go", "kata", "--duration", " 90 ",
                 "--date", "2026-11-20")
    assert result.exit_code == 0 and result.stdout == "Skills/Go.md: - 2026-11-20 kata 90m\n"
    spent = json.loads(run("balance", "--vault", root, "--today", "2026-11-23", "--json").stdout)
    assert spent["skills"] == {"events": 1, "minutes": 90}


@pytest.mark.parametrize("given, written, minutes", [
    # An hour and minutes as many write them: refused ("not a duration; write ... 1h30m").
    ("1h30", "1h30m", 90), ("1:30", "1h30m", 90), ("0:45", "45m", 45), ("2:00", "2h", 120),
    ("1h05", "1h5m", 65),
])
def test_an_hour_and_minutes_as_many_write_them_is_a_duration(run, vault, given, written, minutes):
    root = vault(PEOPLE)
    result = run("practice", "--vault", root, "go", "kata", "--duration", given,
                 "--date", "2026-11-20")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Skills/Go.md: - 2026-11-20 kata {written}\n"
    spent = json.loads(run("balance", "--vault", root, "--today", "2026-11-23", "--json").stdout)
    assert spent["skills"] == {"events": 1, "minutes": minutes}


@pytest.mark.parametrize("args, said", [
    # The shell splits an unquoted `--duration 1 hour`: "hour" joins the text.
    (("coffee", "--duration", "1", "hour"),
     "Error: --duration 1 hour: as typed, 'hour' went into the text and 1 would be minutes; "
     "quote it, --duration '1 hour', or write 1h\n"),
    (("--duration", "45", "mins", "coffee"),
     "Error: --duration 45 mins: as typed, 'mins' went into the text; quote it, --duration "
     "'45 mins', or write 45m\n"),
])
def test_a_durations_unit_apart_from_its_number_is_said(run, vault, args, said):
    root = vault(PEOPLE)
    before = (root / "People/Leo.md").read_bytes()
    result = log(run, root, "Leo", *args)
    assert result.exit_code == 2 and result.stderr.endswith(said)
    assert (root / "People/Leo.md").read_bytes() == before
    # Quoted, or with a unit of its own, the same words are written.
    assert log(run, root, "Leo", "coffee hour", "--duration", "1 hour").exit_code == 0
    assert log(run, root, "Leo", "coffee", "--duration", "45").exit_code == 0


def test_the_logged_item_is_an_interaction(run, vault):
    root = vault(PEOPLE)
    before = json.loads(run("index", "--vault", root, "--today", "2026-11-23", "--json").stdout)
    log(run, root, "Leo", "lunch")
    after = json.loads(run("index", "--vault", root, "--today", "2026-11-23", "--json").stdout)
    assert after["interactions"] == before["interactions"] + 1


def test_an_item_after_html_is_set_apart_so_that_it_counts(run, vault):
    # HTML runs to the next blank line: an item right under "</details>" would be
    # part of it, which Obsidian shows as HTML and vaultnet does not count.
    text = ("---\nrole: peer\n---\n## Log\n- 2026-11-01 a\n<details><summary>More</summary>\n"
            "how it went\n</details>\n")
    root = vault({"People/Ann.md": text})
    before = json.loads(run("index", "--vault", root, "--json").stdout)["interactions"]
    assert log(run, root, "Ann", "lunch").exit_code == 0
    assert (root / "People/Ann.md").read_text() == text + "\n- 2026-11-23 lunch\n"
    after = json.loads(run("index", "--vault", root, "--json").stdout)["interactions"]
    assert after == before + 1


@pytest.mark.parametrize("log_section", [
    "- 2026-11-01 a\n<!-- hidden for now\n- 2026-11-02 b\n",  # a comment never closed
    "- 2026-11-01 a\n%% hidden for now\n",  # Obsidian's, likewise
    "- 2026-11-01 a\n```\n- 2026-11-02 b\n",  # code never closed
])
def test_an_item_that_would_not_count_is_not_written(run, vault, log_section):
    text = f"---\nrole: peer\n---\n## Log\n{log_section}"
    root = vault({"People/Ann.md": text})
    result = log(run, root, "Ann", "lunch")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: People/Ann.md: the new item would not count as an interaction there: at the "
        "end of its ## Log section it would be read as part of what comes before it, most "
        "often a comment, code block or HTML that is never closed")
    assert (root / "People/Ann.md").read_text() == text


@pytest.mark.parametrize("args, message", [
    (("--duration", "forty"), "'forty' is not a duration"),
    (("--duration", "45m lunch"), "'45m lunch' is not a duration"),
    (("--duration", "45 m"), "'45 m' is not a duration"),
    (("--tag", "two words"), "'two words' is not a tag"),
    (("--tag", "gave,"), "'' is not a tag"),
    (("--date", "05/11/2026"), "'05/11/2026' is not a date"),  # May 11 or 5 Nov
])
def test_bad_options(run, vault, args, message):
    result = log(run, vault(PEOPLE), "Leo", "lunch", *args)
    assert result.exit_code == 2 and message in result.stderr


@pytest.mark.parametrize("command, text, message", [
    # A list item's dash: taken for an option ("No such option '- '").
    ("log", "- coffee at the office", "'- coffee at the office' starts with a dash, which is "
     "taken for an option; write it without the list's dash, which vaultnet adds: "
     "'coffee at the office'"),
    # A task: a promise is no interaction, and a box ticked is what happened.
    ("log", "- [ ] send her the deck", "'- [ ] send her the deck' is a task; vaultnet log writes "
     "what happened. A promise to them is a task in their note: - [ ] send the deck 📅 2026-11-30"),
    ("log", "[x] sent the deck", "'[x] sent the deck' is written as a task done; vaultnet log "
     "writes what happened without the box: 'sent the deck'"),
    ("practice", "[ ] kata", "'[ ] kata' is a task; vaultnet practice writes what happened. "
     "Practice you plan is a task in the skill's note: - [ ] the concurrency chapter 📅 2026-11-30"),
])
def test_text_written_as_a_list_item_or_a_task_says_what_to_write(run, vault, command, text,
                                                                   message):
    root = vault({**PEOPLE, "Skills/Go.md": "# Go\n"})
    before = {p: p.read_bytes() for p in root.rglob("*.md")}
    result = run(command, "--vault", root, "--today", "2026-11-23",
                 "Leo" if command == "log" else "Go", text)
    assert result.exit_code == 2
    assert result.stderr.endswith(f"Error: {message}\n")
    assert {p: p.read_bytes() for p in root.rglob("*.md")} == before


def test_tags_between_commas_are_each_a_tag(run, vault):
    root = vault(PEOPLE)
    result = log(run, root, "Leo", "lunch", "--tag", "gave, #asked", "--tag", "gave")
    assert result.exit_code == 0, result.output
    assert result.stdout == "People/Leo.md: - 2026-11-23 lunch #gave #asked\n"


@pytest.mark.parametrize("words", [("",), ("  ", "")])
def test_an_empty_item_is_refused(run, vault, words):
    root = vault(PEOPLE)
    before = (root / "People/Leo.md").read_bytes()
    result = log(run, root, "Leo", *words)
    assert result.exit_code == 2 and "nothing to write; say what happened" in result.stderr
    assert (root / "People/Leo.md").read_bytes() == before


def test_a_note_changed_mid_write_is_left_alone(tmp_path):
    note = tmp_path / "Ann.md"
    note.write_bytes(b"## Log\n")

    def ours(original: bytes) -> bytes:
        note.write_bytes(b"## Log\n- 2026-11-23 saved in an editor meanwhile\n")
        return original + b"- 2026-11-23 ours\n"

    with pytest.raises(NoteChanged, match="it changed while vaultnet was writing it"):
        edit_note(tmp_path, "Ann.md", ours)
    assert note.read_bytes() == b"## Log\n- 2026-11-23 saved in an editor meanwhile\n"
    assert list(tmp_path.iterdir()) == [note]  # no temporary file left


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc to see the command wait")
def test_two_vaultnet_edits_of_a_note_take_turns(run, vault):
    """Another vaultnet command is editing a note (it holds the vault's edit lock):
    `vaultnet log` waits, then reads the note as the other left it. Neither
    line is lost (ten `vaultnet log` run together used to keep some of them)."""
    import subprocess
    import time

    from vaultnet.write import _edits_locked

    root = vault(PEOPLE)
    assert run("index", "--vault", root).exit_code == 0
    note = root / "People/Leo.md"
    with _edits_locked(root):
        command = subprocess.Popen(
            [sys.executable, "-m", "vaultnet", "log", "--vault", str(root), "Leo", "ours",
             "--today", "2026-11-23"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        state = str(root / ".vaultnet")
        deadline = time.monotonic() + 30
        while not _has_open(command.pid, state):  # it has come to the lock
            assert command.poll() is None and time.monotonic() < deadline, command.communicate()
            time.sleep(0.02)
        time.sleep(0.2)
        assert command.poll() is None  # and waits there
        note.write_bytes(note.read_bytes() + b"- 2026-11-22 theirs\n")  # the other's edit
    out, err = command.communicate(timeout=30)
    assert command.returncode == 0, err
    text = note.read_text(encoding="utf-8")
    assert "- 2026-11-22 theirs\n" in text and text.endswith("- 2026-11-23 ours\n")


def test_a_file_system_without_locks_still_takes_the_line(run, vault, monkeypatch):
    """On some network shares flock fails: the line is written all the same."""
    fcntl = pytest.importorskip("fcntl")

    def unsupported(*args):
        raise OSError(9, "Bad file descriptor")

    root = vault(PEOPLE)
    monkeypatch.setattr(fcntl, "flock", unsupported)
    result = run("log", "--vault", root, "Leo", "coffee", "--today", "2026-11-23")
    assert result.exit_code == 0, result.output
    assert (root / "People/Leo.md").read_text(encoding="utf-8").endswith("- 2026-11-23 coffee\n")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])  # with its BOM, and without
def test_a_note_saved_as_utf16_is_never_edited(run, vault, tmp_path, encoding):
    """Windows PowerShell 5 writes UTF-16 (`>`, Out-File); without its byte-order
    mark, its ASCII is valid UTF-8, and a line added in UTF-8 would mix the two."""
    root = vault({"People/Leo.md": ""})
    data = "---\nrole: peer\n---\n- 2026-11-20 coffee\n".encode(encoding)
    (root / "People/Leo.md").write_bytes(data)
    refused = ("People/Leo.md: saved as UTF-16, or holding NUL bytes, so vaultnet will not "
               "edit it; save it as UTF-8 first")
    for command in (["log", "Leo", "coffee"], ["schedule", "Leo", "2026-12-20"]):
        result = run(*command, "--vault", root, "--today", "2026-11-23")
        assert (result.exit_code, result.stderr) == (1, f"Error: {refused}\n")
    (tmp_path / "leo.vcf").write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Leo\nEMAIL:leo@example.com\n"
                                      "END:VCARD\n")
    result = run("import", "vcard", "--vault", root, str(tmp_path / "leo.vcf"))
    assert f"skipped leo.vcf, card 1 (line 1): {refused}\n" in result.output
    assert (root / "People/Leo.md").read_bytes() == data
    problems = json.loads(run("check", "--vault", root, "--json").stdout)
    assert problems == [{"path": "People/Leo.md", "line": 1, "message": (
        "saved as UTF-16, or holding NUL bytes; Obsidian shows it garbled, and vaultnet reads "
        "nothing in it: save the note as UTF-8")}]


def _has_open(pid: int, path: str) -> bool:
    fds = f"/proc/{pid}/fd"
    try:
        return any(os.readlink(f"{fds}/{fd}") == path for fd in os.listdir(fds))
    except OSError:
        return False


def test_person_names_complete_in_the_shell(run, vault):
    from click.shell_completion import ShellComplete

    from vaultnet.cli import cli

    root = vault(PEOPLE)
    run("index", "--vault", root)  # completion reads the index as it is, without updating it
    complete = ShellComplete(cli, {}, "vaultnet", "_VAULTNET_COMPLETE")
    found = complete.get_completions(["log", "--vault", str(root)], "an")
    assert [c.value for c in found] == ["Ann", "Anna Berg", "Annie"]
    skills = complete.get_completions(["practice", "--vault", str(root)], "")
    assert [c.value for c in skills] == ["Go"]
    # As `log` finds them: the start of any word, accents aside, when no name starts so.
    found = complete.get_completions(["log", "--vault", str(root)], "nunez")
    assert [c.value for c in found] == ["Sofía Núñez"]
    assert complete.get_completions(["log", "--vault", str(root)], "erg") == []
    assert complete.get_completions(["log", "--vault", str(root / "nowhere")], "a") == []
    before = complete.get_completions(["--vault", str(root), "log"], "an")  # before the command
    assert [c.value for c in before] == ["Ann", "Anna Berg", "Annie"]
    found = complete.get_completions(["schedule", "--vault", str(root)], "le")
    assert [c.value for c in found] == ["Lena", "Leo"]
    when = complete.get_completions(["schedule", "--vault", str(root), "Leo"], "t")
    assert [c.value for c in when] == ["tomorrow", "tuesday", "thursday"]


def test_names_complete_from_a_subfolder_of_the_vault(run, vault, monkeypatch):
    from click.shell_completion import ShellComplete

    from vaultnet.cli import cli

    root = vault({**PEOPLE, ".vaultnet/config.toml": ""})
    run("index", "--vault", root)
    monkeypatch.chdir(root / "People")
    monkeypatch.delenv("VAULTNET_VAULT", raising=False)
    complete = ShellComplete(cli, {}, "vaultnet", "_VAULTNET_COMPLETE")
    assert [c.value for c in complete.get_completions(["log"], "an")] == ["Ann", "Anna Berg", "Annie"]


@pytest.mark.parametrize("word, day", [  # 2026-11-23 is a Monday
    ("today", date(2026, 11, 23)), ("Yesterday", date(2026, 11, 22)),
    ("friday", date(2026, 11, 20)), ("fri", date(2026, 11, 20)), ("SUN", date(2026, 11, 22)),
    ("monday", date(2026, 11, 23)),  # the day itself: the latest Monday, today included
    ("tuesday", date(2026, 11, 17)), ("yday", None), ("fr", None), ("next friday", None),
    ("last friday", date(2026, 11, 20)), ("Last  Mon", date(2026, 11, 16)),  # before today
    ("last sunday", date(2026, 11, 22)), ("last", None), ("last week", None),
    ("3 days ago", date(2026, 11, 20)), ("1 day ago", date(2026, 11, 22)),
    ("2w ago", date(2026, 11, 9)), ("1 WEEK AGO", date(2026, 11, 16)), ("0d ago", date(2026, 11, 23)),
    ("3 months ago", None), ("ago", None), ("days ago", None), ("9999999 days ago", None),
    ("a week ago", date(2026, 11, 16)), ("A day ago", date(2026, 11, 22)), ("aweek ago", None),
    ("a ago", None),
    ("11-20", date(2026, 11, 20)), ("11-23", date(2026, 11, 23)),  # the latest, today included
    ("12-25", date(2025, 12, 25)), ("02-29", date(2024, 2, 29)), ("02-30", None),
])
def test_the_days_a_word_names(word, day):
    from vaultnet.clock import day_named, names_a_day

    assert day_named(word, date(2026, 11, 23)) == day
    assert names_a_day(word) == (day is not None)


def test_the_day_of_an_item_may_be_named(run, vault):
    root = vault(PEOPLE)
    for what, when, day in (("lunch", "friday", "2026-11-20"), ("call", "yesterday", "2026-11-22"),
                            ("walk", "last Monday", "2026-11-16"), ("tea", "2 days ago", "2026-11-21"),
                            ("run", "Nov 19", "2026-11-19"), ("gym", "Dec 1", "2025-12-01"),
                            ("dinner", "18.11.2026", "2026-11-18"), ("talk", "Nov 17, 2026", "2026-11-17")):
        assert log(run, root, "Leo", what, "--date", when).stdout == f"People/Leo.md: - {day} {what}\n"
    for when in ("tomorow", "2 months ago"):
        result = log(run, root, "Leo", "tea", "--date", when)
        assert result.exit_code == 2 and f"{when!r} is not a date; write YYYY-MM-DD, today, " \
            "yesterday, a weekday (friday or fri: the last one, today included; last friday: " \
            "before today) or how long ago (3 days ago)" in result.stderr
    assert (root / "People/Leo.md").read_text().count("\n- 20") == 8


@pytest.mark.parametrize("args, line", [
    # A day the text starts with, as a log item starts with one, is the day it happened:
    # it was written after today's ("- 2026-11-23 2026-11-20 coffee") and counted today.
    (("2026-11-20 coffee",), "- 2026-11-20 coffee"),
    (("2026-11-19:", "lunch", "at", "the", "meetup"), "- 2026-11-19 lunch at the meetup"),
    (("2026-11-18 - walk", "--date", "2026-11-18"), "- 2026-11-18 walk"),  # the same day twice
    (("2027-11-20 dinner",), "- 2027-11-20 dinner"),  # a plan, as with --date
])
def test_a_day_the_text_starts_with_is_the_day_it_happened(run, vault, args, line):
    root = vault(PEOPLE)
    result = log(run, root, "Leo", *args)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"People/Leo.md: {line}\n"
    assert (root / "People/Leo.md").read_text().endswith(f"{line}\n")


@pytest.mark.parametrize("args, said", [
    (("2026-11-20 coffee", "--date", "2026-11-21"),
     "Error: the text starts with 2026-11-20 and --date gives 2026-11-21; give the day once: "
     "vaultnet log Leo coffee --date 2026-11-20\n"),
    (("2026-11-31 coffee",), "Error: '2026-11-31' is not a real date; write the day it happened "
                             "as YYYY-MM-DD, or give it with --date\n"),
    (("2026-11-20:",), "Error: nothing to write after 2026-11-20; say what happened: vaultnet log "
                       "Leo \"2026-11-20 coffee: her new team\"\n"),
])
def test_a_day_the_text_starts_with_that_cannot_be_the_day_is_said(run, vault, args, said):
    root = vault(PEOPLE)
    before = (root / "People/Leo.md").read_text()
    result = log(run, root, "Leo", *args)
    assert result.exit_code == 2
    assert result.stderr.endswith(said)
    assert (root / "People/Leo.md").read_text() == before


@pytest.mark.parametrize("command", [("log", "Leo", "coffee"), ("due",), ("add", "person", "Bo")])
def test_a_tag_the_shell_took_for_a_comment_is_said(run, vault, command):
    """`--tag #gave` unquoted: the shell drops `#gave` and the rest of the line, and
    Click said only that --tag requires an argument."""
    root = vault(PEOPLE)
    result = run(command[0], "--vault", root, *command[1:], "--tag")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Option '--tag' requires an argument. An unquoted #tag is a comment to the "
        "shell, which drops it and all that follows it: write the tag without its # (--tag "
        "gave), or quote it ('#gave').\n")


def test_a_date_after_today_is_written_and_said_to_be_a_plan(run, vault):
    root = vault(PEOPLE)
    result = log(run, root, "Leo", "lunch", "--date", "2027-11-20")
    assert result.exit_code == 0
    assert result.stdout == "People/Leo.md: - 2027-11-20 lunch\n"
    assert result.stderr == "2027-11-20 is after today: it is a plan, and counts from that day on\n"
    assert log(run, root, "Leo", "coffee", "--date", "2026-11-20").stderr == ""


@pytest.mark.parametrize("word, day", [  # 2026-11-23 is a Monday
    ("tomorrow", date(2026, 11, 24)), ("friday", date(2026, 11, 27)), ("Fri", date(2026, 11, 27)),
    ("monday", date(2026, 11, 30)),  # the day itself: a week ahead
    ("sunday", date(2026, 11, 29)), ("today", None), ("friday next", None),
    ("end of month", date(2026, 11, 30)), ("eom", date(2026, 11, 30)),
])
def test_the_days_ahead_a_word_names(word, day):
    from vaultnet.clock import day_ahead, names_a_day_ahead

    assert day_ahead(word, date(2026, 11, 23)) == day
    assert names_a_day_ahead(word) == (day is not None)


@pytest.mark.parametrize("today, day", [
    (date(2026, 11, 30), date(2026, 12, 31)),  # on the month's last day: the next month's
    (date(2026, 12, 31), date(2027, 1, 31)), (date(2024, 2, 1), date(2024, 2, 29)),
    (date(9999, 12, 5), None),  # past the calendar's end
])
def test_end_of_month_is_a_day_ahead(today, day):
    from vaultnet.clock import day_ahead

    assert day_ahead("end of month", today) == day


SCHEDULED = {
    "People/Ann.md": "---\nrole: mentor\n---\n## Log\n- 2026-10-01 coffee\n",
    "People/Lena.md": ("\ufeff---\r\nrole: mentor\r\nnext: 2026-11-25 # after her move\r\n---\r\n"
                       "## Log\r\n- 2026-11-01 a\r\n- [ ] send her the RFC 📅 2026-11-24\r\n"),
    "People/Leo.md": "# Leo\n",
}


def schedule(run, root, *args):
    return run("schedule", "--vault", root, "--today", "2026-11-23", *args)


def _due(run, root, path):
    result = run("due", "--vault", root, "--today", "2026-11-23", "--json")
    return [(i["reason"], i["due"]) for i in json.loads(result.stdout) if i["path"] == path]


def test_schedule_snoozes_the_keep_in_touch_date(run, vault):
    root = vault(SCHEDULED)
    assert _due(run, root, "People/Ann.md") == [("cadence", "2026-11-01")]
    result = schedule(run, root, "ann", "2w")
    assert result.exit_code == 0, result.output
    assert result.stdout == "People/Ann.md: next: 2026-12-07\n"
    assert (root / "People/Ann.md").read_text() == (
        "---\nrole: mentor\nnext: 2026-12-07\n---\n## Log\n- 2026-10-01 coffee\n")
    assert _due(run, root, "People/Ann.md") == []  # beyond the week ahead
    on_the_day = run("due", "--vault", root, "--today", "2026-12-07", "--horizon", "0d", "--json")
    assert [(i["path"], i["reason"], i["days_overdue"]) for i in json.loads(on_the_day.stdout)
            if i["path"] == "People/Ann.md"] == [("People/Ann.md", "scheduled", 0)]


def test_schedule_writes_next_as_the_note_spells_its_keys(run, vault):
    """A CRM template's capitalized keys: `Next:` beside them, read as `next:` is."""
    root = vault({"People/Tom.md": "---\nCompany: Acme\nRole: mentor\nBirthday:\n---\n"
                                   "- 2026-10-01 coffee\n"})
    assert _due(run, root, "People/Tom.md") == [("cadence", "2026-11-01")]
    result = schedule(run, root, "tom", "2w")
    assert result.exit_code == 0, result.output
    assert (root / "People/Tom.md").read_text() == (
        "---\nCompany: Acme\nRole: mentor\nBirthday:\nNext: 2026-12-07\n---\n- 2026-10-01 coffee\n")
    assert _due(run, root, "People/Tom.md") == []  # beyond the week ahead: the date was read


def test_schedule_replaces_next_and_lists_what_stays_due(run, vault):
    root = vault(SCHEDULED)
    original = (root / "People/Lena.md").read_bytes()
    result = schedule(run, root, "Lena", "friday")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "People/Lena.md: next: 2026-11-27 (was 2026-11-25)\n"
        "Still due (`next:` moves only the keep-in-touch date):\n"
        "DUE         WHEN      PERSON  REASON      DETAIL\n"
        "2026-11-24  in 1 day  Lena    commitment  send her the RFC\n"
        "\n1 due, 0 overdue.\n")
    # One value changed; the BOM, the line ends and the comment stay.
    assert (root / "People/Lena.md").read_bytes() == original.replace(
        b"next: 2026-11-25 # after", b"next: 2026-11-27  # after")
    assert _due(run, root, "People/Lena.md") == [("commitment", "2026-11-24"),
                                                 ("scheduled", "2026-11-27")]


@pytest.mark.parametrize("written, said", [
    ("[2026-11-25]", "[2026-11-25]"), ("true", "true"), ("soon", "soon"),
    ("2026-11-25 10:00:00", "2026-11-25 10:00:00"),
])
def test_schedule_says_the_next_it_replaced_as_the_note_wrote_it(run, vault, written, said):
    """Not as Python shows it: [datetime.date(2026, 11, 25)], True."""
    root = vault({"People/Leo.md": f"---\nnext: {written}\n---\n# Leo\n"})
    assert schedule(run, root, "Leo", "2026-12-01").stdout.startswith(
        f"People/Leo.md: next: 2026-12-01 (was {said})\n")


def test_scheduling_the_same_day_again_leaves_the_note_alone(run, vault):
    root = vault(SCHEDULED)
    assert schedule(run, root, "Leo", "2026-12-01").stdout == "People/Leo.md: next: 2026-12-01\n"
    note = root / "People/Leo.md"
    assert note.read_text() == "---\nnext: 2026-12-01\n---\n# Leo\n"
    os.utime(note, ns=(1, 1))
    assert schedule(run, root, "Leo", "2026-12-01").stdout == (
        "People/Leo.md: next: 2026-12-01 (unchanged)\n")
    assert note.stat().st_mtime_ns == 1
    note.write_text("---\nnext: '2026-12-01'\n---\n# Leo\n")  # the day, quoted: as good
    os.utime(note, ns=(1, 1))
    assert schedule(run, root, "Leo", "2026-12-01").stdout == (
        "People/Leo.md: next: 2026-12-01 (unchanged)\n")
    assert note.read_text() == "---\nnext: '2026-12-01'\n---\n# Leo\n"


@pytest.mark.parametrize("when, day", [
    ("2w", "2026-12-07"), ("in 2 weeks", "2026-12-07"), ("In 14 days", "2026-12-07"),
    ("in 2w", "2026-12-07"), ("in a week", "2026-11-30"), ("in a month", "2026-12-23"),
    ("in a fortnight", "2026-12-07"),
    # A day written another way; without a year, the next one after today.
    ("Dec 7, 2026", "2026-12-07"), ("07.12.2026", "2026-12-07"), ("dec 7", "2026-12-07"),
    ("12-07", "2026-12-07"), ("nov 20", "2027-11-20"), ("02-29", "2028-02-29"),
    # The month's last day, as a deadline is said.
    ("end of month", "2026-11-30"), ("EOM", "2026-11-30"), ("end of the month", "2026-11-30"),
])
def test_schedule_takes_the_day_as_it_is_said(run, vault, when, day):
    root = vault(SCHEDULED)
    result = schedule(run, root, "Leo", when)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"People/Leo.md: next: {day}\n"


def test_schedule_reads_the_words_of_a_day_unquoted(run, vault):
    root = vault(SCHEDULED)
    result = schedule(run, root, "Leo", "in", "2", "weeks")
    assert result.exit_code == 0, result.output
    assert result.stdout == "People/Leo.md: next: 2026-12-07\n"
    assert schedule(run, root, "Leo", "dec", "8").stdout == (
        "People/Leo.md: next: 2026-12-08 (was 2026-12-07)\n")
    assert schedule(run, root, "Leo", "end", "of", "month").stdout == (
        "People/Leo.md: next: 2026-11-30 (was 2026-12-08)\n")
    # A name of two words, not quoted: its second word is no day, what follows is.
    named = vault({"People/Ann Lee.md": "---\nrole: peer\n---\n"})
    result = schedule(run, named, "Ann", "Lee", "in", "2", "weeks")
    assert result.exit_code == 0, result.output
    assert result.stdout == "People/Ann Lee.md: next: 2026-12-07\n"
    result = schedule(run, named, "Ann", "Leigh", "2w")  # no such name: said, nothing written
    assert result.exit_code == 2
    assert ("Invalid value for 'WHEN': 'Leigh' is no day; if it is part of the name, quote the "
            "name: vaultnet schedule 'Ann Leigh' ...") in result.stderr
    assert (named / "People/Ann Lee.md").read_text() == (
        "---\nrole: peer\nnext: 2026-12-07\n---\n")
    # What is wrong with a day of several words is said as it is, unquoted too.
    result = schedule(run, named, "Ann Lee", "next", "friday")
    assert result.exit_code == 2 and "'next friday' may be this week's or next week's" in (
        result.stderr)


@pytest.mark.parametrize("args, said", [
    (("--date", "last", "friday"), "'last' is not a date; if more words followed it, quote them "
                                    "all: --date 'last ...' (last friday, 3 days ago, nov 20)"),
    (("--date", "3", "days", "ago"), "'3' is not a date; if more words followed it"),
    (("--date", "nov", "20"), "'nov' is not a date; if more words followed it"),
])
def test_a_date_cut_short_by_the_shell_is_said(run, vault, args, said):
    root = vault(PEOPLE)
    before = (root / "People/Leo.md").read_bytes()
    result = log(run, root, "Leo", "coffee", *args)
    assert result.exit_code == 2 and said in result.stderr
    assert (root / "People/Leo.md").read_bytes() == before


@pytest.mark.parametrize("when, message", [
    ("2026-11-23", "Invalid value for 'WHEN': 2026-11-23 is not after today (2026-11-23); "
                   "give a day ahead"),
    ("2026-02-30", "Invalid value for 'WHEN': '2026-02-30' is not a real date: February 2026 has 28 days"),
    ("today", "Invalid value for 'WHEN': 'today' is not a day ahead; write YYYY-MM-DD, tomorrow, "
              "a weekday (friday or fri: the next one) or how long from today (10d, 2w, 1m, "
              "in 2 weeks)"),
    ("101y", "Invalid value for 'WHEN': '101y' is longer than 100 years; use 100y at most"),
    ("0d", "Invalid value for 'WHEN': '0d' is no time at all; use 1d or more"),
    ("in 0 days", "Invalid value for 'WHEN': '0 days' is no time at all; use 1d or more"),
    # Said of this week's Friday by some, of next week's by others.
    ("next Friday", "Invalid value for 'WHEN': 'next Friday' may be this week's or next "
                    "week's; write Friday (the next one after today) or the date, YYYY-MM-DD"),
    ("", "Invalid value for 'WHEN': '' is not a day ahead"),
    # Next Monday to some, seven days from today to others.
    ("next week", "Invalid value for 'WHEN': 'next week' may be next Monday or a whole week from "
                  "today; write monday or in a week, or the date, YYYY-MM-DD"),
    ("Next month", "Invalid value for 'WHEN': 'Next month' may be the first of the next month or "
                   "a whole month from today; write in a month, or the date, YYYY-MM-DD"),
])
def test_schedule_wants_a_day_ahead(run, vault, when, message):
    root = vault(SCHEDULED)
    result = schedule(run, root, "Ann", when)
    assert result.exit_code == 2 and message in result.stderr
    assert (root / "People/Ann.md").read_text() == SCHEDULED["People/Ann.md"]


@pytest.mark.parametrize("name, text, message", [
    ("Nobody", None, "Error: no person is called 'Nobody' (by title or alias)"),
    ("Ann", "---\nrole: mentor\nnext: [2026-11-25,\n  2026-12-01]\n---\n",
     "Error: People/Ann.md: `next:` (line 3) holds more than one line; write next: 2026-12-07 "
     "by hand\n"),
    ("Ann", "---\nrole: [mentor\n---\n",
     "Error: People/Ann.md: its frontmatter does not read as YAML (line 3: "),
])
def test_schedule_writes_nothing_it_cannot_write_alone(run, vault, name, text, message):
    root = vault({"People/Ann.md": text or SCHEDULED["People/Ann.md"]})
    result = schedule(run, root, name, "2w")
    assert result.exit_code == 1 and result.stderr.startswith(message)
    assert (root / "People/Ann.md").read_text() == (text or SCHEDULED["People/Ann.md"])


def test_schedule_warns_of_a_note_it_cannot_read_once(run, vault):
    root = vault(SCHEDULED)
    os.symlink("/nonexistent/Bo.md", root / "People/Bo.md")
    result = schedule(run, root, "Ann", "2w")
    assert result.exit_code == 0
    assert result.stderr.count("People/Bo.md: cannot read it") == 1
