"""`vaultnet add`: new notes from templates, safe file names, never an overwrite."""

from __future__ import annotations

import json

import pytest

from vaultnet.create import file_title
from vaultnet.errors import VaultnetError


@pytest.mark.parametrize("name, title", [
    ("Ann Lee", "Ann Lee"),
    ("Ann/Lee", "Ann Lee"),  # no folders from a name
    ("a\\b:c*d?e\"f<g>h|i", "a b c d e f g h i"),  # Windows' forbidden characters
    ("Go# [guild] ^x", "Go guild x"),  # Obsidian's link-breaking ones
    # A language named with a sharp is said so: C# is not C, another language.
    ("C#", "C Sharp"), ("F# basics", "F Sharp basics"), ("#1 fan", "1 fan"),
    ("tab\there\nnewline\x00nul", "tab here newline nul"),
    ("  ..Dots and spaces..  ", "Dots and spaces"),
    ("CON", "CON_"),
    ("lpt1.notes", "lpt1.notes_"),
    ("Sofi\u0301a", "Sofía"),  # NFC: one code point, as macOS and Linux then agree
    ("é" * 150, "é" * 100),  # at most 200 bytes
])
def test_file_title(name, title):
    assert file_title(name) == title


@pytest.mark.parametrize("name, message", [
    ("///", "'///' has nothing left for a file name; give a name with letters"),
    (" .. ", "' .. ' has nothing left for a file name; give a name with letters"),
    ("", "the name is empty; give a name with letters"),
    ("  ", "the name is empty; give a name with letters"),  # not "'' has nothing left"
])
def test_a_name_with_nothing_left_is_refused(name, message):
    with pytest.raises(VaultnetError) as refused:
        file_title(name)
    assert str(refused.value) == message


def add(run, root, *args):
    return run("add", *args, "--vault", root, "--today", "2026-11-23")


def test_add_person(run, vault):
    root = vault({"People/Ann.md": "---\nrole: other\n---\n"})
    result = add(run, root, "person", "Sofía Núñez: PyCon", "--role", "Peer", "--role", "mentor",
                 "--met", "2026-11-20", "--where", "KubeCon EU", "--cadence", "2W",
                 "--email", "sofia@example.com", "--tag", "platform", "--birthday", "03-14")
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote People/Sofía Núñez PyCon.md\n"
    assert (root / "People/Sofía Núñez PyCon.md").read_text(encoding="utf-8") == (
        "---\nrole:\n  - peer\n  - mentor\naliases:\n  - 'Sofía Núñez: PyCon'\ncadence: 2w\n"
        "met: 2026-11-20 at KubeCon EU\nemail: sofia@example.com\nbirthday: 03-14\n"
        "tags:\n  - platform\n---\n# Sofía Núñez: PyCon\n\n"
        "How you met, what they care about, how you can help them.\n\n## Log\n")
    assert run("check", "--vault", root).exit_code == 0
    due = json.loads(run("due", "--vault", root, "--today", "2026-11-23", "--json").stdout)
    assert [(i["person"], i["reason"], i["due"]) for i in due] == [
        ("Sofía Núñez PyCon", "new-contact", "2026-11-22")]


@pytest.mark.parametrize("args, config, warned", [
    ((), "", True),
    (("--met", "2026-11-20"), "", True),  # a new contact, then nothing
    (("--role", "peer"), "", False),
    (("--role", "other"), "", False),  # said so
    (("--cadence", "never"), "", False),
    ((), '[cadence]\nother = "6m"\n', False),
])
def test_a_person_added_without_role_or_cadence_is_told_so(run, vault, args, config, warned):
    root = vault({"People/Ann.md": "---\nrole: other\n---\n",
                  **({".vaultnet/config.toml": config} if config else {})})
    result = add(run, root, "person", " Bo Li ", *args)  # spaces as a shell keeps them
    assert result.exit_code == 0 and result.stdout == "wrote People/Bo Li.md\n"
    assert result.stderr == ("Bo Li has no role or cadence, so nothing will remind you to keep "
                             "in touch; add `role:` or `cadence:` to the note when you know "
                             "them.\n" if warned else "")


def test_the_day_a_person_was_met_may_be_named(run, vault):
    root = vault({"People/Ann.md": "---\nrole: other\n---\n"})
    result = add(run, root, "person", "Bo Li", "--met", "fri", "--where", "a meetup")
    assert result.exit_code == 0, result.output
    assert "\nmet: 2026-11-20 at a meetup\n" in (root / "People/Bo Li.md").read_text()


def test_a_name_of_several_words_needs_no_quotes(run, vault):
    root = vault({"People/Ann.md": "---\nrole: peer\n---\n"})
    result = add(run, root, "person", "Sofía", "Núñez", "--role", "peer")
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote People/Sofía Núñez.md\n"
    assert add(run, root, "skill", "System", "Design").stdout == "wrote Skills/System Design.md\n"
    # Roles between commas, as a note may write them; each once.
    assert add(run, root, "person", "Pat", "--role", "mentor,Peers", "--role", "mentor").exit_code == 0
    assert (root / "People/Pat.md").read_text(encoding="utf-8").startswith(
        "---\nrole:\n  - mentor\n  - peer\n---\n")
    missing = run("add", "person", "--vault", root)
    assert missing.exit_code == 2 and "Missing argument 'NAME...'" in missing.stderr


def test_add_skill_and_goal(run, vault):
    root = vault({"Daily/2026-11-23.md": ""})
    assert add(run, root, "skill", "Rust", "--level", "1", "--target", "3",
               "--goal", "Staff").exit_code == 0
    assert (root / "Skills/Rust.md").read_text().startswith(
        "---\nlevel: 1\ntarget: 3\ngoal: '[[Staff]]'\n---\n# Rust\n")
    assert add(run, root, "goal", "Staff", "--by", "2027-06-30", "--balance", "40",
               "--skill", "Rust").exit_code == 0
    assert (root / "Goals/Staff.md").read_text().startswith(
        "---\nby: 2027-06-30\nbalance: 40\nskills:\n  '[[Rust]]': 3\n---\n# Staff\n")
    counts = json.loads(run("index", "--vault", root, "--json").stdout)
    assert (counts["skills"], counts["goals"], counts["errors"]) == (1, 1, 0)


@pytest.mark.parametrize("by, said", [
    ("2027-06", "'2027-06' is a month, not a day; write a day, such as its last: 2027-06-30"),
    ("Q2 2027", "'Q2 2027' is a quarter, not a day; write a day, such as its last: 2027-06-30"),
    ("2027-06-31", "'2027-06-31' is not a real date: June 2027 has 30 days"),
    ("soon", "'soon' is not a date; write YYYY-MM-DD"),
])
def test_add_goal_by_a_period_is_told_the_day_it_ends(run, vault, by, said):
    """`--by 2027-06` said "write YYYY-MM-DD", where a note's by: is told its end."""
    root = vault({"Daily/2026-11-23.md": ""})
    result = add(run, root, "goal", "Staff", "--by", by)
    assert result.exit_code == 2 and f"Invalid value for '--by': {said}\n" in result.stderr
    assert not (root / "Goals/Staff.md").exists()


def test_add_goal_by_a_day_written_another_way(run, vault):
    root = vault({"Daily/2026-11-23.md": ""})
    result = add(run, root, "goal", "Staff", "--by", "Jun 30, 2027")
    assert result.exit_code == 0, result.output
    assert (root / "Goals/Staff.md").read_text().startswith("---\nby: 2027-06-30\n---\n")


def test_a_goals_skill_without_a_note_is_said_to_want_one(run, vault):
    """The goal counts a skill with no note at level 0, and check names the link."""
    root = vault({"Skills/Go.md": "---\nlevel: 1\n---\n"})
    result = add(run, root, "goal", "Staff", "--skill", "Go", "--skill", "Rust Lang")
    assert result.exit_code == 0
    assert result.stderr == ("Rust Lang has no note yet, so the goal counts it at level 0; add one: "
                             "vaultnet add skill 'Rust Lang' --level 1\n")


def test_add_never_overwrites(run, vault):
    root = vault({"People/Ann.md": "mine\n", "Friends/Bo.md": "---\ntype: person\naliases: [Bobby]\n---\n"})
    result = add(run, root, "person", "Ann")
    assert result.exit_code == 1 and "People/Ann.md already answers to 'Ann'" in result.stderr
    assert (root / "People/Ann.md").read_text() == "mine\n"
    result = add(run, root, "person", "bobby")  # an alias of a note elsewhere
    assert result.exit_code == 1 and "Friends/Bo.md already answers to 'bobby'" in result.stderr
    assert not (root / "People/bobby.md").exists()


def test_add_with_aliases(run, vault):
    root = vault({"Friends/Bo.md": "---\ntype: person\naliases: [Bobby]\n---\n",
                  "Daily/2026-11-23.md": "- coffee with [[Robbie]]\n"})
    result = add(run, root, "person", "Rob / Jones", "--alias", " Robbie ", "--alias", "robbie",
                 "--alias", "Rob   J", "--alias", "rob jones")
    assert result.exit_code == 0, result.output
    # the name a file cannot hold first, then each alias once (not the title again)
    assert (root / "People/Rob Jones.md").read_text(encoding="utf-8").startswith(
        "---\naliases:\n  - Rob / Jones\n  - Robbie\n  - Rob J\n---\n")
    counts = json.loads(run("index", "--vault", root, "--today", "2026-11-23", "--json").stdout)
    assert (counts["interactions"], counts["errors"]) == (1, 0)  # [[Robbie]] is Rob's
    assert add(run, root, "skill", "Go", "--alias", "golang").exit_code == 0
    assert (root / "Skills/Go.md").read_text().startswith("---\naliases:\n  - golang\n---\n")

    taken = add(run, root, "person", "Bob", "--alias", "bobby")
    assert taken.exit_code == 1
    assert taken.stderr == ("Error: Friends/Bo.md already answers to 'bobby'; give another "
                            "alias, so that [[bobby]] links one note\n")
    empty = add(run, root, "person", "Bob", "--alias", "  ")
    assert empty.exit_code == 2 and "an alias is empty; give it letters" in empty.stderr
    assert not (root / "People/Bob.md").exists()


@pytest.mark.parametrize("kind, given, path", [
    # A path as a shell completes it: the file name or the folder was taken into the
    # name (People/Bo Li.md.md, People/People Cy Ng.md with that alias).
    ("person", ["Bo Li.md"], "People/Bo Li.md"),
    ("person", ["People/Cy", "Ng"], "People/Cy Ng.md"),
    ("person", ["./people/Dee.MD"], "People/Dee.md"),
    ("skill", ["Skills/Rust.md"], "Skills/Rust.md"),
    ("person", ["AC/DC"], "People/AC DC.md"),  # any other slash is the name's
    ("person", ["Skills/Eve"], "People/Skills Eve.md"),
])
def test_add_takes_the_name_of_a_path(run, vault, kind, given, path):
    root = vault({"Daily/2026-11-23.md": ""})
    result = add(run, root, kind, *given)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {path}\n"
    text = (root / path).read_text(encoding="utf-8")
    assert ("aliases:" in text) == (given in (["AC/DC"], ["Skills/Eve"]))


def test_options_of_another_kind_are_refused(run, vault):
    result = add(run, vault({"Daily/2026-11-23.md": ""}), "goal", "Staff", "--role", "peer", "--level", "2")
    assert result.exit_code == 2
    assert "--level, --role cannot be used with `add goal`" in result.stderr


def test_the_vaults_template_is_used(run, vault):
    root = vault({".vaultnet/templates/person.md":
                  "---\n{{ frontmatter }}\nadded: {{ today }}\n---\n# {{ name }}\n\n## Log\n"})
    assert add(run, root, "person", "Ann", "--role", "Peers").exit_code == 0  # as notes write it
    assert (root / "People/Ann.md").read_text() == (
        "---\nrole: peer\nadded: 2026-11-23\n---\n# Ann\n\n## Log\n")


# A CRM template set's person note: its own keys, one empty, and no {{ frontmatter }}.
CRM_PERSON = ('---\ncategory:\n  - "[[People]]"\ntags:\n  - people\nbirthday: \norg: []\n---\n'
              "## Meetings\n")


def test_a_template_without_the_frontmatter_still_gets_what_was_given(run, vault):
    """`--role mentor` was lost, and nothing reminded you of the person: what the
    template gives no value is added to its frontmatter; what it writes a value of
    its own for keeps it, and is named."""
    root = vault({".vaultnet/templates/person.md": CRM_PERSON})
    result = add(run, root, "person", "Ann Lee", "--role", "mentor", "--met", "2026-11-20",
                 "--birthday", "11-27", "--tag", "work")
    assert result.exit_code == 0, result.output
    assert (root / "People/Ann Lee.md").read_text(encoding="utf-8") == (
        '---\ncategory:\n  - "[[People]]"\ntags:\n  - people\nbirthday: 11-27\norg: []\n'
        "role: mentor\nmet: 2026-11-20\n---\n## Meetings\n")
    assert result.stderr == ("vaultnet: People/Ann Lee.md: its template writes `tags:` of its "
                             "own, so the value given is not in the note (tags: [work])\n")
    assert "new-contact" in run("due", "--vault", root, "--today", "2026-11-23").stdout


@pytest.mark.parametrize("template, written, warned", [
    ("# {{ name }}\n", "---\nrole: peer\n---\n# Ann\n", ""),  # no frontmatter: one is made
    ("---\nrole: [x\n---\n# {{ name }}\n", "---\nrole: [x\n---\n# Ann\n",
     "vaultnet: People/Ann.md: its template writes a frontmatter that does not read as YAML "
     "(line 3: broken YAML in frontmatter: did not find expected ',' or ']'), so what was "
     "given is not in the note (role: peer); fix the template in .vaultnet/templates/, and "
     "the note\n"),
])
def test_a_templates_own_frontmatter_is_added_to_or_named(run, vault, template, written, warned):
    root = vault({".vaultnet/templates/person.md": template})
    result = add(run, root, "person", "Ann", "--role", "peer")
    assert result.exit_code == 0, result.output
    assert (root / "People/Ann.md").read_text(encoding="utf-8") == written
    assert result.stderr == warned


def test_a_template_that_never_ends_is_one_line(run, vault):
    root = vault({".vaultnet/templates/person.md": "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}"})
    result = add(run, root, "person", "Ann")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {root / '.vaultnet/templates/person.md'}: a macro calls "
                             "itself without end; fix the template or delete it to use "
                             "vaultnet's own\n")
    assert not (root / "People/Ann.md").exists()


def test_python_s_error_in_a_template_is_the_templates_on_its_line(run, vault):
    """It was "unexpected ZeroDivisionError ... please report it"."""
    root = vault({".vaultnet/templates/person.md": "---\n{{ frontmatter }}\n---\n{{ 1 / 0 }}\n"})
    result = add(run, root, "person", "Ann")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {root / '.vaultnet/templates/person.md'}, line 4: division "
                             "by zero; fix the template or delete it to use vaultnet's own\n")
    assert not (root / "People/Ann.md").exists()


def test_a_file_where_the_folder_should_be_is_one_line(run, tmp_path):
    (tmp_path / "People").write_text("mine\n", encoding="utf-8")
    result = run("add", "person", "Ann", "--vault", tmp_path)
    assert result.exit_code == 1
    assert result.output == (f"Error: {tmp_path / 'People'} could not be written (File exists): a file "
                             "or folder of that name is in the way; move it (no note of yours was "
                             "changed)\n")
    assert (tmp_path / "People").read_text(encoding="utf-8") == "mine\n"
