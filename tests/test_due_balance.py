"""`vaultnet due` and `vaultnet balance` on small vaults: exact JSON and the terminal."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from vaultnet.cli import cli

TODAY = "2026-11-23"

PEOPLE = {
    "People/Ann.md": "---\nrole: mentor\nskills: \"[[Go]]\"\n---\n## Log\n- 2026-10-20 coffee 45m\n",
    "People/Bo.md": "---\nrole: peer\nmet: 2026-11-20 at a meetup\ntags: [oncall/infra]\n---\n",
    "People/Cy.md": "---\nrole: other\nnext: 2026-11-25\n---\n",
    "People/Dee.md": "---\nrole: peer\n---\n- 2026-11-01 asked for an intro to Eve #asked\n",
    "Daily/2026-11-21.md": "- [ ] send [[Ann]] the deck 📅 2026-11-24\n",
}



def due(run, root, *args):
    return run("due", "--vault", root, "--today", TODAY, *args)


def test_due_json_is_spec_6(run, vault):
    result = due(run, vault(PEOPLE), "--json")
    assert result.exit_code == 0 and result.stderr == ""
    assert json.loads(result.stdout) == [
        {"person": "Dee", "path": "People/Dee.md", "reason": "referral-outcome", "due": "2026-11-15",
         "days_overdue": 8, "detail": "asked 2026-11-01: asked for an intro to Eve #asked"},
        {"person": "Ann", "path": "People/Ann.md", "reason": "cadence", "due": "2026-11-20",
         "days_overdue": 3, "detail": "every 1m; last contact 2026-10-20"},
        {"person": "Bo", "path": "People/Bo.md", "reason": "new-contact", "due": "2026-11-22",
         "days_overdue": 1, "detail": "met 2026-11-20 at a meetup"},
        {"person": "Ann", "path": "People/Ann.md", "reason": "commitment", "due": "2026-11-24",
         "days_overdue": -1, "detail": "send [[Ann]] the deck"},
        {"person": "Cy", "path": "People/Cy.md", "reason": "scheduled", "due": "2026-11-25",
         "days_overdue": -2, "detail": "next: 2026-11-25"},
    ]


@pytest.mark.parametrize("args, people", [
    (("--role", "mentor"), ["Ann", "Ann"]),
    (("--role", "PEER"), ["Dee", "Bo"]),
    (("--role", "Mentors"), ["Ann", "Ann"]),  # as a note may write it
    # Several: any of them (the last alone was kept, without a word).
    (("--role", "mentor", "--role", "other"), ["Ann", "Ann", "Cy"]),
    (("--role", "mentor,Other"), ["Ann", "Ann", "Cy"]),
    (("--role", "mentor", "--tag", "oncall"), []),  # both: a role and a tag
    (("--role", "mentor,peer", "--tag", "oncall"), ["Bo"]),
    (("--tag", "oncall", "--tag", "nosuch"), ["Bo"]),
    (("--tag", "oncall"), ["Bo"]),
    (("--tag", "#oncall"), ["Bo"]),  # Bo's is oncall/infra: nested, as Obsidian reads it
    (("--tag", "oncall/infra"), ["Bo"]),
    (("--tag", "oncall/db"), []),
    (("--tag", "on"), []),
    (("--horizon", "1d"), ["Dee", "Ann", "Bo", "Ann"]),
    (("--horizon", "0d"), ["Dee", "Ann", "Bo"]),  # due today or overdue
    (("--horizon", "2x"), None),  # not an interval
    (("--role", "coach"), None),  # no role: named with the one it may be
])
def test_due_filters(run, vault, args, people):
    result = due(run, vault(PEOPLE), "--json", *args)
    if people is None:
        assert result.exit_code == 2
        assert ("cannot read '2x' as an interval" in result.stderr if "2x" in args else
                "Invalid value for '--role': unknown role 'coach' (a mentor?); use one of mentor, "
                "sponsor, peer, colleague, leader, mentee, other" in result.stderr)
        return
    assert [item["person"] for item in json.loads(result.stdout)] == people


@pytest.mark.parametrize("tag, said", [
    ("oncal", "No person is tagged oncal; did you mean oncall? People's tags: oncall, "
              "oncall/infra.\n"),
    ("#Sales", "No person is tagged sales. People's tags: oncall, oncall/infra.\n"),
    ("oncall/db", "No person is tagged oncall/db; did you mean oncall? People's tags: oncall, "
                  "oncall/infra.\n"),
    ("ONCALL", None),  # a tag people have: Bo's due, or nothing is
])
def test_due_names_a_tag_no_person_has(run, vault, tag, said):
    """Not "nothing due": a slip in the tag (or a tag written in notes, not people's)."""
    result = due(run, vault(PEOPLE), "--tag", tag, "--horizon", "0d")
    assert result.exit_code == 0
    if said is None:
        assert result.stdout.startswith("DUE ")
    else:
        assert result.stdout == said
        assert due(run, vault(PEOPLE), "--tag", tag, "--json").stdout == "[]\n"

def test_due_role_other_takes_people_without_a_role(run, vault):
    """No role counts as other (SPEC 1): Eve, scheduled, was left out of --role other."""
    root = vault({**PEOPLE, "People/Eve.md": "---\nnext: 2026-11-26\n---\n"})
    result = due(run, root, "--json", "--role", "other")
    assert [(i["person"], i["reason"]) for i in json.loads(result.stdout)] == [
        ("Cy", "scheduled"), ("Eve", "scheduled")]


def test_a_goals_network_of_other_counts_people_without_a_role(run, vault):
    """As SPEC 1 counts them: Eve, in touch by her own cadence, is an active other."""
    root = vault({"People/Eve.md": "---\ncadence: 1m\n---\n- 2026-11-20 lunch\n",
                  "Goals/Lead.md": "---\nnetwork:\n  other: 1\n---\n"})
    data = json.loads(run("balance", "--vault", root, "--today", TODAY, "--json").stdout)
    assert data["goals"][0]["network"] == [
        {"role": "other", "needed": 1, "active": 1, "missing": 0, "people": ["Eve"]}]


def test_due_names_each_tag_no_person_has_beside_what_the_others_found(run, vault):
    result = due(run, vault(PEOPLE), "--tag", "oncal,oncall", "--tag", "#sales")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].startswith("2026-11-22  1 day overdue  Bo ")
    assert result.stderr == (
        "No person is tagged oncal; did you mean oncall? People's tags: oncall, oncall/infra.\n"
        "No person is tagged sales. People's tags: oncall, oncall/infra.\n")
    result = due(run, vault(PEOPLE), "--tag", "oncal,sales")
    assert result.stdout.splitlines()[1] == "No person is tagged sales. People's tags: oncall, oncall/infra."
    assert result.stderr == ""


def test_due_table_is_plain_when_piped(run, vault):
    result = due(run, vault(PEOPLE))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["DUE", "WHEN", "PERSON", "REASON", "DETAIL"]
    assert lines[1].startswith("2026-11-15  8 days overdue  Dee ")
    assert lines[4] == "2026-11-24  in 1 day        Ann     commitment        send Ann the deck"
    assert lines[-1] == "5 due, 3 overdue."
    assert "\x1b[" not in result.stdout


@pytest.mark.parametrize("columns, head, widest", [
    ("100", "DUE", 100), ("80", "DUE", 80),
    # Narrower, a line would wrap under the next: the date goes, WHEN says it.
    ("72", "WHEN", 72), ("60", "WHEN", 62),  # (a detail keeps 20 characters at least)
])
def test_due_table_fits_the_terminal(run, vault, columns, head, widest):
    result = run("due", "--vault", vault(PEOPLE), "--today", TODAY, env={"COLUMNS": columns})
    lines = result.stdout.splitlines()
    assert lines[0].split()[0] == head
    assert max(map(len, lines)) == widest
    assert lines[1].startswith("2026-11-15  8 days overdue  Dee " if head == "DUE"
                               else "8 days overdue  Dee ")


def test_due_table_lines_up_names_a_terminal_draws_wider_or_narrower(run, vault):
    """Chinese and Korean characters take two columns, a decomposed accent and an
    emoji's joined parts none: padded by length, the columns after them slid."""
    from vaultnet.output import cells

    person = "---\nrole: mentor\n---\n- 2026-09-01 coffee\n"
    root = vault({f"People/{name}.md": person for name in
                  ("Ann Lee", "王小明", "김민준", "Jose\u0301 Ruiz", "👩\u200d💻 Dev")})
    promise = "- [ ] 送王小明会议记录和幻灯片以及后续安排 📅 2026-11-20\n"
    (root / "People/王小明.md").write_text(person + promise)
    result = run("due", "--vault", root, "--today", TODAY, env={"COLUMNS": "70"})
    lines = result.stdout.splitlines()[:-2]
    reason = cells(lines[0][:lines[0].index("REASON")])  # the column every reason starts in
    assert [cells(line[:line.index(" c") + 1]) for line in lines[1:]] == [reason] * 6
    assert max(map(cells, lines)) == 70  # the promise cut to fit, in columns
    assert lines[-1].endswith("  送王小明会议记录和幻灯片以及…")
    assert [cells(t) for t in ("王小明", "Jose\u0301", "👩\u200d💻", "Ἀθῆναι")] == [6, 4, 2, 6]


@pytest.mark.parametrize("text, shown", [
    ("send [[Ann|A. Lee]] the deck", "send A. Lee the deck"),
    ("see [[Ann#Log]] and [[Folder/Bo]]", "see Ann and Folder/Bo"),
    ("no links, [single] brackets", "no links, [single] brackets"),
])
def test_links_in_terminal_details_read_as_text(text, shown):
    from vaultnet.words import plain

    assert plain(text) == shown


@pytest.mark.parametrize("days, words", [
    (12, "12 days left"), (1, "1 day left"), (0, "today"), (-1, "passed 1 day ago"),
    (-30, "passed 30 days ago"),
])
def test_the_time_left_to_a_goal_reads_as_words(days, words):
    from vaultnet.words import left

    assert left(days) == words


def test_counts_of_one_are_singular(run, vault):
    root = vault({"People/Ann.md": "---\nrole: peer\nskills: \"[[Nowhere]]\"\n---\n"
                                   "- 2026-11-20 coffee\n"})
    result = run("index", "--vault", root, "--today", TODAY)
    assert result.stdout.startswith("Indexed 1 note in ")
    assert result.stdout.endswith("(rebuilt): 1 person, 0 skills, 0 goals, 1 interaction, "
                                  "0 practice, 0 open commitments. 1 problem: run `vaultnet check`.\n")
    check = run("check", "--vault", root)
    assert check.stderr == "1 problem in 1 of 1 note.\n"


def test_due_table_is_coloured_on_a_terminal(vault):
    root = vault(PEOPLE)
    result = CliRunner().invoke(cli, ["due", "--vault", str(root), "--today", TODAY], color=True)
    assert "\x1b[31m2026-11-15" in result.stdout  # overdue in red
    assert "\x1b[1mDUE" in result.stdout
    plain = CliRunner().invoke(cli, ["due", "--vault", str(root), "--today", TODAY], color=True,
                               env={"NO_COLOR": "1"})
    assert plain.exit_code == 0 and "\x1b[" not in plain.stdout  # https://no-color.org


def test_force_color_colours_a_pipe_too(vault):
    """https://force-color.org: for `vaultnet due | less -R`. NO_COLOR still wins."""
    root = vault(PEOPLE)
    args = ["due", "--vault", str(root), "--today", TODAY]
    forced = CliRunner().invoke(cli, args, env={"FORCE_COLOR": "1", "NO_COLOR": None})
    assert "\x1b[31m2026-11-15" in forced.stdout
    assert "\x1b[" not in CliRunner().invoke(cli, args, env={"FORCE_COLOR": "", "NO_COLOR": None}).stdout
    assert "\x1b[" not in CliRunner().invoke(cli, args, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout


def test_nothing_due(run, vault):
    result = due(run, vault({"People/Ann.md": "---\nrole: other\n---\n"}))
    assert result.stdout == "Nothing due. Enjoy the week.\n"


@pytest.mark.parametrize("written", ["off", "no", "false", "'off'"])
def test_cadence_off_unquoted_means_never(run, vault, written):
    """YAML reads an unquoted off or no as false: it was named a problem ("cannot read
    False"), and the mentor stayed due every month."""
    root = vault({"People/Ann.md": f"---\nrole: mentor\ncadence: {written}\n"
                                   "last_contact: 2026-01-05\n---\n"})
    assert due(run, root, "--json").stdout == "[]\n"
    assert run("check", "--vault", root).stderr == "No problems in 1 note.\n"


NEVER_REMINDED = {"People/Jo.md": "---\ncompany: Acme\n---\n- 2026-10-01 coffee\n",
                  "People/ann.md": "---\nrole: other\n---\n",
                  "People/Bo.md": "---\ncadence: never\n---\n",
                  "People/Cy.md": "---\ncadence: sometimes\n---\n"}


def test_people_with_no_role_or_cadence_are_named_when_nothing_is_due(run, vault):
    """SPEC 1 counts no role as other, never reminded: "Nothing due" alone hid why Jo,
    last seen in October, never comes up. A role or cadence given (other, never, or one
    that cannot be read: check names it) is the person's own choice."""
    root = vault(NEVER_REMINDED)
    assert due(run, root).stdout == (
        "Nothing due. Enjoy the week.\n1 person has no role or cadence, so nothing reminds you "
        "to keep in touch: Jo. Give them a `role:` or a `cadence:` (`cadence: never` if you "
        "mean it).\n")
    assert due(run, root, "--json").stdout == "[]\n"
    # Of some people: not the others.
    assert due(run, root, "--role", "mentor").stdout == "Nothing due. Enjoy the week.\n"
    assert due(run, root, "--tag", "work").stdout == "No person is tagged work: no person has tags.\n"
    assert run("check", "--vault", root).stderr == "1 problem in 1 of 4 notes.\n"  # Cy's
    assert run("report", "--vault", root, "--today", TODAY).exit_code == 0
    assert ("\nNothing is due. Nothing reminds you to keep in touch with 1 person, whose note "
            "gives no role or cadence: [[Jo]]. Give them a `role:` or a `cadence:` "
            "(`cadence: never` if you mean it).\n") in (root / "Follow-ups.md").read_text()
    assert "\n## Due by Sun 6 Dec 2026\n\nNothing is due before then.\n\n## " in (
        root / "Reviews/2026-W48.md").read_text()


def test_people_never_reminded_are_counted_past_three(run, vault):
    root = vault({f"People/P{n}.md": "" for n in range(5)})
    assert due(run, root).stdout == (
        "Nothing due. Enjoy the week.\n5 people have no role or cadence, so nothing reminds you "
        "to keep in touch: P0, P1, P2 and 2 more. Give them a `role:` or a `cadence:` "
        "(`cadence: never` if you mean it).\n")


def test_people_never_reminded_are_not_named_beside_what_is_due(run, vault):
    root = vault({**NEVER_REMINDED, "People/Di.md": "---\nrole: peer\n---\n"})
    assert "no role or cadence" not in due(run, root).stdout
    assert run("report", "--vault", root, "--today", TODAY).exit_code == 0
    assert "no role or cadence" not in (root / "Follow-ups.md").read_text()


def test_a_page_with_only_private_people_due_does_not_say_nothing_is(run, vault):
    root = vault({"People/Pat.md": "---\nrole: mentor\nprivate: true\n---\n- 2026-09-01 call\n",
                  "People/Jo.md": ""})
    assert run("report", "--vault", root, "--today", TODAY).exit_code == 0
    page = (root / "Follow-ups.md").read_text()
    assert "1 overdue" in page and "Nothing is due" not in page and "Jo" not in page
    assert "\n## Private\n\nDue, with the details in their own notes: [[Pat]].\n" in page
    review = (root / "Reviews/2026-W48.md").read_text()
    assert ("\n## Due by Sun 6 Dec 2026\n\nDue, with the details in their own notes: [[Pat]].\n\n"
            "## ") in review


def test_a_default_cadence_for_other_reminds_of_everyone(run, vault):
    jo = {"People/Jo.md": NEVER_REMINDED["People/Jo.md"]}
    assert "Jo" in due(run, vault(jo)).stdout
    root = vault({**jo, ".vaultnet/config.toml": '[cadence]\nother = "6m"\n'})
    assert due(run, root).stdout == "Nothing due. Enjoy the week.\n"  # Jo is due in April
    assert due(run, root, "--today", "2027-04-01").stdout.startswith("DUE")


def test_a_vault_without_people_says_where_they_are_looked_for(run, vault):
    """Not "nothing due": people kept in another folder are no people to vaultnet."""
    root = vault({"Contacts/Bo.md": "---\nrole: mentor\n---\n- 2026-09-01 coffee\n",
                  ".vaultnet/config.toml": '[folders]\nperson = "Folks"\ngoal = "Aims"\n'})
    assert due(run, root).stdout == (
        "No people yet: a person is a note in Folks/, or one with `type: person` or a #person "
        "tag.\nPeople kept in another folder: set [folders] person in .vaultnet/config.toml. "
        "Or add one: vaultnet add person NAME\n")
    assert due(run, root, "--json").stdout == "[]\n"  # SPEC 6: the JSON is the list, empty
    assert run("report", "--vault", root, "--today", TODAY).exit_code == 0
    assert "\nNo people yet: a person is a note in Folks/, or one with `type: person` or a " \
        "`#person` tag" in (root / "Follow-ups.md").read_text()
    assert "No goals yet: add a note in Aims/" in (root / "Reviews/2026-W48.md").read_text()
    assert "\nNo goals yet: add a note in Aims/ with `target_role`" in (root / "Balance.md").read_text()


def test_a_vault_without_people_is_told_the_folder_its_days_link(run, vault):
    """The folder whose notes the daily and meeting notes link most is most likely
    where the people are: said with the setting to write."""
    root = vault({
        "CRM/Contacts/Ann Lee.md": "---\ncompany: Acme\n---\n", "CRM/Contacts/Bo.md": "",
        "CRM/Contacts/Cy.md": "", "Projects/Apollo.md": "", "Top.md": "",
        "Journal/2026-11-20.md": "- coffee with [[Ann Lee]] about [[Apollo]]\n- [[Bo]] [[Top]]\n"
                                 "- [[2026-11-19]]\n",
        "Journal/2026-11-19.md": "- call with [[Bo]] and [[bo]]; [[Nobody]]\n",
        "Meeting.md": "---\ndate: 2026-11-18\n---\nWith [[Ann Lee]].\n",
        "Ideas.md": "Ask [[Cy]].\n",  # not dated
    })
    assert due(run, root).stdout == (
        "No people yet: a person is a note in People/, or one with `type: person` or a #person "
        "tag.\nYour daily and meeting notes link 2 notes in CRM/Contacts/ (Ann Lee, Bo): if "
        'they are people, write person = "CRM/Contacts" under [folders] in '
        ".vaultnet/config.toml. Or add one: vaultnet add person NAME\n")
    (root / ".vaultnet").mkdir(exist_ok=True)
    (root / ".vaultnet/config.toml").write_text('[folders]\nperson = "CRM/Contacts"\n')
    assert "3 people have no role or cadence" in due(run, root).stdout  # people now

def test_skills_below_target_in_no_goal_are_gaps_too(run, vault):
    """A skill's own note says how far it should go: below that, it is a gap even
    when no goal names it (no goal yet, or one that does not exist)."""
    root = vault({
        "Skills/Go.md": "---\nlevel: 1\ntarget: 3\n---\n- 2026-11-20 kata 1 hour\n",
        "Skills/Rust.md": "---\nlevel: 2\ntarget: 2\n---\n",  # at its target
        "Skills/SQL.md": "---\nlevel: 1\ntarget: 4\ngoal: \"[[Lead]]\"\n---\n",  # the goal's
        "Skills/Excel.md": "---\nlevel: 0\ntarget: 1\ngoal: \"[[Nope]]\"\n---\n",  # no such goal
        "Skills/Chess.md": "---\nlevel: 1\n---\n",  # no target
        "Goals/Lead.md": "---\ntarget_role: Lead\nskills:\n  \"[[Rust]]\": 3\n---\n",
        "People/Kim.md": "---\nrole: peer\nskills: [\"[[Go]]\"]\n---\n"})
    below = json.loads(run("balance", "--vault", root, "--today", TODAY, "--json").stdout)
    assert [(s["skill"], s["gap"], s["minutes"], s["helpers"]) for s in below["below_target"]] == [
        ("Go", 2, 60, ["Kim"]), ("Excel", 1, 0, [])]
    assert run("balance", "--vault", root, "--today", TODAY).stdout.endswith(
        "\nSkills below target, in no goal:\n  Go: level 1 of 3, 1.0 h practice; ask: Kim\n"
        "  Excel: level 0 of 1, 0.0 h practice; ask: nobody yet\n")
    assert run("report", "--vault", root, "--today", TODAY).exit_code == 0
    assert ("\n## Skills below target\n\nIn no goal: each against the `target` of its own note.\n\n"
            "| skill | level | target | practice in window | last practised | who can help |\n"
            "| --- | ---: | ---: | ---: | --- | --- |\n"
            "| [[Go]] | 1 | 3 | 1.0 h | 2026-11-20 | [[Kim]] |\n"
            "| [[Excel]] | 0 | 1 | 0.0 h | never |  |\n\n## Give and take\n") in (
        root / "Balance.md").read_text()


BALANCE = {
    "Skills/Go.md": "---\nlevel: 1\n---\n- 2026-11-20 kata 1h\n- 2026-10-01 before the window 2h\n",
    "People/Ann.md": "---\nrole: peer\nskills: \"[[Go]]\"\n---\n"
                     "- 2026-11-21 coffee 30m #gave\n- 2026-11-22 call #received\n",
    "People/Bo.md": "---\nrole: peer\n---\n- 2026-11-10 lunch 1h #asked\n",
    "People/Cy.md": "---\nrole: peer\n---\n- 2026-06-01 last seen at a conference\n",
    "Goals/Lead.md": '---\nbalance: 40\nskills:\n  "[[Go]]": 3\n  "[[Rust]]": 2\nnetwork:\n  peer: 3\n---\n',
}


def test_a_goals_skill_is_named_as_written(run, vault):
    """A skill with no note yet is shown by the name the goal gives it, not by the
    lower-cased key links are matched by; one with a note, however written, by its note."""
    root = vault({"Skills/Go.md": "---\nlevel: 1\n---\n", "Goals/Lead.md": (
        '---\nskills:\n  "[[go]]": 3\n  "[[Rust Async|async]]": 2\n  "[[Skills/Zig]]": 1\n---\n')})
    result = run("balance", "--vault", root, "--today", TODAY, "--json")
    assert [(s["skill"], s["path"]) for s in json.loads(result.stdout)["goals"][0]["skills"]] == [
        ("Go", "Skills/Go.md"), ("Rust Async", None), ("Skills/Zig", None)]
    run("report", "--vault", root, "--today", TODAY)
    assert "| Rust Async (no note yet) | – | 2 |" in (root / "Balance.md").read_text()
    assert "  skill gap  Rust Async (no note yet): level 0 of 2, 0.0 h practice; ask: nobody yet\n" in (
        run("balance", "--vault", root, "--today", TODAY).stdout)


def test_balance_json(run, vault):
    result = run("balance", "--vault", vault(BALANCE), "--today", TODAY, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert {k: data[k] for k in ("from", "to", "skills", "network", "skills_share")} == {
        "from": "2026-10-27", "to": TODAY,
        "skills": {"events": 1, "minutes": 60},
        "network": {"events": 3, "minutes": 120},
        "skills_share": 33.3,
    }
    assert [(w["week"], w["from"], w["to"], w["network"]["minutes"]) for w in data["weeks"]] == [
        ("2026-W44", "2026-10-27", "2026-11-01", 0), ("2026-W45", "2026-11-02", "2026-11-08", 0),
        ("2026-W46", "2026-11-09", "2026-11-15", 60), ("2026-W47", "2026-11-16", "2026-11-22", 60),
        ("2026-W48", "2026-11-23", "2026-11-23", 0)]
    assert data["goals"] == [{
        "goal": "Lead", "path": "Goals/Lead.md", "target_role": None, "by": None, "balance": 40,
        "skills": [
            {"skill": "Go", "path": "Skills/Go.md", "level": 1, "target": 3, "gap": 2, "minutes": 60,
             "last_practice": "2026-11-20", "helpers": ["Ann"]},
            {"skill": "Rust", "path": None, "level": None, "target": 2, "gap": 2, "minutes": 0,
             "last_practice": None, "helpers": []},
        ],
        # Cy's last contact is more than twice the 2-month peer cadence ago: not active.
        "network": [{"role": "peer", "needed": 3, "active": 2, "missing": 1, "people": ["Ann", "Bo"]}],
    }]
    assert data["ledger"] == [
        {"person": "Bo", "path": "People/Bo.md", "gave": 0, "took": 1, "only_takes": True},
        {"person": "Ann", "path": "People/Ann.md", "gave": 1, "took": 1, "only_takes": False},
    ]


def test_a_skill_that_links_a_goal_counts_for_it_with_its_own_target(run, vault):
    files = {**BALANCE,
             "Skills/Python.md": '---\nlevel: 2\ntarget: 4\ngoal: "[[Lead]]"\n---\n',
             "Skills/Sql.md": '---\nlevel: 1\ngoal: "[[Lead]]"\n---\n',  # no target: nothing to reach
             "Skills/Go.md": '---\nlevel: 1\ntarget: 5\ngoal: "[[Lead]]"\n---\n',  # the goal's 3 wins
             "Skills/Css.md": '---\nlevel: 1\ntarget: 2\ngoal: "[[Ann]]"\n---\n'}  # not a goal
    data = json.loads(run("balance", "--vault", vault(files), "--today", TODAY, "--json").stdout)
    assert [(s["skill"], s["level"], s["target"]) for s in data["goals"][0]["skills"]] == [
        ("Go", 1, 3), ("Python", 2, 4), ("Rust", None, 2)]  # largest gap first, then by name


def test_balance_window(run, vault):
    result = run("balance", "--vault", vault(BALANCE), "--today", TODAY, "--json", "--window", "3m")
    data = json.loads(result.stdout)
    assert data["from"] == "2026-08-24" and data["skills"] == {"events": 2, "minutes": 180}


def test_a_window_of_no_days_says_so(run, vault):
    result = run("balance", "--vault", vault(BALANCE), "--window", "0d")
    assert result.exit_code == 2
    assert "Invalid value for '--window': '0d' is no time at all; use 1d or more" in result.stderr


def test_balance_text(run, vault):
    result = run("balance", "--vault", vault(BALANCE), "--today", TODAY)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:4] == [
        "Balance 2026-10-27 to 2026-11-23",
        "  skills      1 event      1.0 h",  # columns stay aligned
        "  network     3 events     2.0 h",
        "  skills share: 33.3 %",
    ]
    # Shares to one decimal, as on the pages; each week with its days, the first
    # and last being the window's few.
    assert result.stdout.splitlines()[5:11] == [
        "  week      days              skills   network  skills share",
        "  2026-W44  10-27 to 11-01     0.0 h     0.0 h             -",
        "  2026-W45  11-02 to 11-08     0.0 h     0.0 h             -",
        "  2026-W46  11-09 to 11-15     0.0 h     1.0 h         0.0 %",
        "  2026-W47  11-16 to 11-22     1.0 h     1.0 h        50.0 %",
        "  2026-W48  11-23 to 11-23     0.0 h     0.0 h             -"]
    assert "\nGoal: Lead (skills share target 40 %)\n" in result.stdout  # no date to aim by
    assert "  skill gap  Go: level 1 of 3, 1.0 h practice; ask: Ann" in result.stdout
    assert "  network gap  peer: 2 active of 3 needed" in result.stdout
    assert result.stdout.endswith("You only take from: Bo\n")
    # The date a goal aims for, and how far off it is, or how long since it went by.
    root = vault(BALANCE)
    for by, said in (("2027-01-02", "40 days left"), ("2026-11-23", "today"),
                     ("2026-11-01", "passed 22 days ago")):
        (root / "Goals/Lead.md").write_text(BALANCE["Goals/Lead.md"].replace(
            "balance: 40", f"balance: 40\nby: {by}"))
        result = run("balance", "--vault", root, "--today", TODAY)
        assert f"\nGoal: Lead (skills share target 40 %; by {by}, {said})\n" in result.stdout
        run("report", "--vault", root, "--today", TODAY)
        assert f"({said}).\n" in (root / "Balance.md").read_text()


@pytest.mark.parametrize("cadence, last, due", [
    (None, "2026-11-01", None),  # no cadence: no reminder
    ("1w", "2026-11-01", "2026-11-08"),
    ("2w", "2026-11-20", "2026-12-04"),  # due after the week: only the review's horizon has it
    ("1m", "2026-10-31", "2026-11-30"),  # calendar months, clamped to the month's end
    ("1w", None, "2026-11-23"),  # never practised: due today
])
def test_practice_comes_due_by_the_skills_cadence(cadence, last, due):
    from datetime import date, timedelta

    from vaultnet.balance import practice_due
    from vaultnet.cadence import parse_cadence
    from vaultnet.domain import Skill

    today = date.fromisoformat(TODAY)
    skill = Skill("Skills/Go.md", "Go", cadence=parse_cadence(cadence) if cadence else None,
                  last_practice=date.fromisoformat(last) if last else None)
    found = practice_due([skill], today, today + timedelta(days=13))
    assert [p.due.isoformat() for p in found] == ([due] if due else [])
    on_the_day = practice_due([skill], today, today)  # what the balance lists: due by today
    assert [p.due for p in on_the_day] == [p.due for p in found if p.due <= today]


def test_practice_due_in_balance_json_text_and_pages(run, vault):
    files = {**BALANCE, "Skills/Go.md": "---\nlevel: 1\ncadence: 1w\n---\n- 2026-11-10 kata 1h\n",
             "Skills/Rust.md": "---\ncadence: 2w\n---\n- 2026-11-20 ownership chapter\n"}
    root = vault(files)
    data = json.loads(run("balance", "--vault", root, "--today", TODAY, "--json").stdout)
    assert data["practice_due"] == [{"skill": "Go", "path": "Skills/Go.md", "due": "2026-11-17",
                                     "days_overdue": 6, "cadence": "1w",
                                     "last_practice": "2026-11-10"}]
    text = run("balance", "--vault", root, "--today", TODAY).stdout
    assert ("Practice due:\n  Go: 6 days overdue (2026-11-17), every 1w; last practised "
            "2026-11-10\n") in text
    assert run("report", "--vault", root, "--today", TODAY).exit_code == 0
    balance_page = (root / "Balance.md").read_text(encoding="utf-8")
    assert "- [[Go]], 6 days overdue (2026-11-17): every 1w; last practised 2026-11-10" in balance_page
    assert "[[Rust]]" not in balance_page.split("## Practice due")[1].split("##")[0]
    review = (root / "Reviews/2026-W48.md").read_text(encoding="utf-8")
    assert "## Practice due by Sun 6 Dec 2026" in review
    assert "- [[Rust]], in 11 days (2026-12-04): every 2w; last practised 2026-11-20" in review


def test_practice_due_on_the_pages_stops_after_50(run, vault):
    root = vault({f"Skills/S{i:02d}.md": "---\ncadence: 1w\n---\n" for i in range(53)})
    assert len(json.loads(run("balance", "--vault", root, "--today", TODAY, "--json").stdout)[
        "practice_due"]) == 53
    run("report", "--vault", root, "--today", TODAY)
    for page, more in (("Balance.md", "- …and 3 more: `vaultnet balance` lists them all."),
                       ("Reviews/2026-W48.md", "- …and 3 more skills.")):
        text = (root / page).read_text(encoding="utf-8")
        assert text.count(": every 1w; last practised never") == 50 and more in text, page


def test_no_practice_cadence_no_practice_section(run, vault):
    root = vault(BALANCE)
    assert "Practice due" not in run("balance", "--vault", root, "--today", TODAY).stdout
    run("report", "--vault", root, "--today", TODAY)
    assert "Practice due" not in (root / "Balance.md").read_text(encoding="utf-8")
    assert "Practice due" not in (root / "Reviews/2026-W48.md").read_text(encoding="utf-8")


def test_role_cadences_come_from_the_config(run, vault):
    files = dict(PEOPLE)
    files[".vaultnet/config.toml"] = '[cadence]\nmentor = "2w"\n'
    result = due(run, vault(files), "--json", "--role", "mentor")
    assert [(i["reason"], i["due"], i["detail"]) for i in json.loads(result.stdout)] == [
        ("cadence", "2026-11-03", "every 2w; last contact 2026-10-20"),
        ("commitment", "2026-11-24", "send [[Ann]] the deck"),
    ]


def test_a_cadence_in_words_is_read(run, vault):
    root = vault({"People/Ann.md": "---\ncadence: every 2 weeks\n---\n- 2026-11-01 coffee\n",
                  ".vaultnet/config.toml": '[cadence]\npeer = "3 months"\n',
                  "People/Bo.md": "---\nrole: peer\n---\n- 2026-08-20 lunch\n"})
    assert run("check", "--vault", root).exit_code == 0
    result = due(run, root, "--json")
    assert [(i["person"], i["due"], i["detail"]) for i in json.loads(result.stdout)] == [
        ("Ann", "2026-11-15", "every 2w; last contact 2026-11-01"),
        ("Bo", "2026-11-20", "every 3m; last contact 2026-08-20")]


def test_horizon_from_the_config(run, vault):
    files = dict(PEOPLE)
    files[".vaultnet/config.toml"] = '[follow_ups]\nhorizon = "1d"\nreferral_days = 30\n'
    result = due(run, vault(files), "--json")
    assert [(i["person"], i["reason"]) for i in json.loads(result.stdout)] == [
        ("Ann", "cadence"), ("Bo", "new-contact"), ("Ann", "commitment")]  # Dee's ask: due 12-01


@pytest.mark.parametrize("output, message", [
    ('follow_ups = "../Follow-ups.md"', ", line 2: output.follow_ups = '../Follow-ups.md' must be "
                                        'a .md path inside the vault, e.g. "Follow-ups.md"'),
    ('balance = "Balance.txt"', ", line 2: output.balance = 'Balance.txt' must be a .md path "
                                'inside the vault, e.g. "Balance.md"'),
    ('reviews = "../Reviews"', ", line 2: output.reviews = '../Reviews' must be a folder "
                               'inside the vault, e.g. "Reviews"'),
    ('balance = "Follow-ups.md"', ", line 2: output.follow_ups and output.balance both name "
                                  "'Follow-ups.md'; give each page its own path"),
    ('balance = "./follow-ups.md"',  # one file where names ignore case (macOS, Windows)
     ", line 2: output.follow_ups and output.balance both name './follow-ups.md'; give each "
     "page its own path"),
    ('follow_ups = "Reviews/2026-W48.md"',  # this week's review: known when the report runs
     ": output.follow_ups and output.reviews both name 'Reviews/2026-W48.md'; give each page "
     "its own path"),
])
def test_bad_page_paths_are_refused_before_anything_is_written(run, vault, output, message):
    files = dict(PEOPLE)
    files[".vaultnet/config.toml"] = f"[output]\n{output}\n"
    root = vault(files)
    result = run("report", "--vault", root, "--today", TODAY)
    assert result.exit_code == 1
    assert result.stderr == f"Error: .vaultnet/config.toml{message}\n"
    assert not (root.parent / "Follow-ups.md").exists()
    assert not [p for p in root.rglob("*.md") if p.parent == root or p.parent.name == "Reviews"]


@pytest.mark.parametrize("folder, page", [(".", "2026-W48.md"),
                                          ("/Weekly/", "Weekly/2026-W48.md")])  # from the vault
def test_a_reviews_folder_of_dot_is_the_vault_itself(run, vault, folder, page):
    files = dict(PEOPLE)
    files[".vaultnet/config.toml"] = f'[output]\nreviews = "{folder}"\n'
    result = run("report", "--vault", vault(files), "--today", TODAY)
    assert result.stdout.splitlines()[-1] == f"created   {page}"


def _due_and_ledger(run, root) -> tuple:
    due_items = json.loads(due(run, root, "--json", "--horizon", "1y").stdout)
    balance = json.loads(run("balance", "--vault", root, "--today", TODAY, "--json").stdout)
    return due_items, balance["ledger"], balance["goals"]


EDITS = [
    # a later interaction in a new daily note
    lambda v: (v / "Daily/2026-11-22.md").write_text("- lunch with [[Lena Fischer]] 1h #gave\n"),
    # an alias taken away: the note that linked by it no longer counts for her
    lambda v: (v / "People/Lena Fischer.md").write_text(
        (v / "People/Lena Fischer.md").read_text().replace("aliases: [Lena F, Lena]", "aliases: []")),
    # a person renamed: links to the old name stop counting
    lambda v: (v / "People/Priya Raman.md").rename(v / "People/Priya R.md"),
    # a daily note deleted, and a log item that becomes an ask
    lambda v: (v / "Daily/2026-11-20.md").unlink(),
    lambda v: (v / "People/Jin Park.md").write_text(
        (v / "People/Jin Park.md").read_text() + "- 2026-11-22 asked him for a reference #asked\n"),
]


def test_incremental_updates_give_what_a_fresh_index_gives(run, example, tmp_path):
    """The per-person summaries are kept up to date note by note; after every kind
    of edit they must equal those of an index built from scratch."""
    _due_and_ledger(run, example)
    for number, edit in enumerate(EDITS + MORE_EDITS):
        edit(example)
        incremental = _due_and_ledger(run, example)
        fresh = tmp_path / f"fresh{number}"
        shutil.copytree(example, fresh, ignore=shutil.ignore_patterns("index.sqlite*"))
        assert incremental == _due_and_ledger(run, fresh), f"edit {number}"


MORE_EDITS = [
    # a promise to someone, written in a daily note
    lambda v: (v / "Daily/2026-11-21.md").write_text("- [ ] send [[Zoë Brandt]] the talk 📅 2026-11-24\n"),
    # a person's own frontmatter
    lambda v: (v / "People/Omar Haddad.md").write_text(
        (v / "People/Omar Haddad.md").read_text().replace("cadence: never", "cadence: 2w")),
    # a log item in a person note that makes them an ask
    lambda v: (v / "People/Grace Kim.md").write_text(
        (v / "People/Grace Kim.md").read_text() + "- 2026-11-22 asked for a reference #asked\n"),
    # a practice item
    lambda v: (v / "Skills/Go.md").write_text((v / "Skills/Go.md").read_text() + "- 2026-11-22 kata 1h\n"),
    # a promise added to, then ticked off in, a daily note that already existed
    lambda v: (v / "Daily/2026-11-13.md").write_text(
        (v / "Daily/2026-11-13.md").read_text() + "\n- [ ] thank [[Yuki Tanaka]] 📅 2026-11-25\n"),
    lambda v: (v / "Daily/2026-11-13.md").write_text(
        (v / "Daily/2026-11-13.md").read_text().replace("- [ ] thank", "- [x] thank")),
    # a person removed
    lambda v: (v / "People/Ravi Shah.md").unlink(),
]


def test_due_computes_again_only_for_the_people_who_changed(run, example, monkeypatch):
    """The index keeps each person's follow-ups for as long as they hold: `due`
    asks the rules again only about the people a change touched or whose
    follow-ups change with the day, and about everyone under other settings."""
    import vaultnet.followups

    asked: list[str] = []
    rules = vaultnet.followups.follow_ups

    def counting(person, today, config):
        asked.append(person.name)
        return rules(person, today, config)

    monkeypatch.setattr(vaultnet.followups, "follow_ups", counting)

    def due_now(*args):
        asked.clear()
        result = due(run, example, "--json", *args)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    first = due_now()
    everyone = len(asked)
    assert everyone == len(list((example / "People").glob("*.md")))
    assert due_now() == first and asked == []
    # A daily note about one person; her own note; a promise to another in a daily note.
    (example / "Daily/2026-11-22.md").write_text("- lunch with [[Lena Fischer]] 1h\n")
    due_now()
    assert asked == ["Lena Fischer"]
    ravi = example / "People/Ravi Shah.md"
    ravi.write_text(ravi.read_text() + "- 2026-11-22 call\n")
    due_now()
    assert asked == ["Ravi Shah"]
    (example / "Daily/2026-11-21.md").write_text("- [ ] send [[Zoë Brandt]] the talk 📅 2026-11-24\n")
    due_now()
    assert sorted(asked) == ["Zoë Brandt"]
    # Another day: only the people whose follow-ups change with it. Grace Kim's
    # birthday (2 December) comes into its 7-day window on 25 November.
    def due_on(day):
        asked.clear()
        result = run("due", "--vault", example, "--today", day, "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    assert due_on("2026-11-24") and asked == []
    assert due_on("2026-11-25") and asked == ["Grace Kim"]
    # What Yuki Tanaka's note plans for 8 December is an interaction from that day.
    due_on("2026-12-08")
    assert "Yuki Tanaka" in asked and len(asked) < everyone
    # Other settings: everyone again.
    (example / ".vaultnet/config.toml").write_text("[cadence]\npeer = \"1w\"\n")
    due_now()
    assert len(asked) == everyone


def test_a_snapshot_kept_between_cycles_equals_a_fresh_load(example):
    """What `vaultnet watch` keeps in memory, updated person by person, must be
    what loading everything again gives, after every kind of edit."""
    import dataclasses
    from datetime import date

    from vaultnet.config import load_config
    from vaultnet.followups import due_items
    from vaultnet.index import sync_index
    from vaultnet.index.read import load_vault
    from vaultnet.report import Changes, Snapshot

    today, since, until = date(2026, 11, 23), date(2026, 10, 19), date(2027, 1, 31)
    config = load_config(example)
    snapshot = Snapshot(config)

    def state(vault, items):
        return ([dataclasses.asdict(p) for p in vault.people.values()], vault.skills, vault.goals,
                vault.activities, [(i.person.path, i.reason, i.due, i.detail) for i in items])

    index, _ = sync_index(example, config)
    snapshot.load(index, today, since)
    index.close()
    for number, edit in enumerate(EDITS + MORE_EDITS):
        edit(example)
        index, result = sync_index(example, config)
        try:
            changes = Changes(index.take_changes(), set(result.parsed), set(result.removed),
                              everything=result.rebuilt or result.names_changed)
            kept = snapshot.load(index, today, since, changes)
            fresh = load_vault(index, config, today, since)
            assert state(kept, snapshot.due(until)) == state(
                fresh, due_items(fresh.people.values(), today, until, config)), f"edit {number}"
        finally:
            index.close()


def test_due_with_kept_follow_ups_imports_neither_rules_nor_domain(example):
    """Start-up is most of a repeated `due`: with the day's follow-ups kept, it
    reads them and prints, without importing the parser, the rules or the domain."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from vaultnet.cli import main\n"
        f"sys.argv = ['vaultnet', 'due', '--vault', {str(example)!r}, '--today', {TODAY!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('vaultnet'))), file=sys.stderr)\n"
    )

    def modules() -> set[str]:
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              check=True)
        return set(done.stderr.split())

    first = modules()  # reads every note and computes every follow-up
    assert {"vaultnet.parse.note", "vaultnet.followups", "vaultnet.domain"} <= first
    again = modules()
    assert "vaultnet.index.store" in again and "vaultnet.output" in again
    assert not again & {"vaultnet.parse.note", "vaultnet.followups", "vaultnet.domain",
                        "vaultnet.model", "vaultnet.balance", "vaultnet.index.read"}


CATEGORIES = {
    **BALANCE,
    "Skills/Go.md": "---\ncategory: Programming\n---\n- 2026-11-20 kata 1h\n",
    "Skills/Rust.md": "---\ncategory: programming \n---\n- 2026-11-21 rustlings 30m\n",
    "Skills/Talks.md": "---\ncategory: communication\n---\n- 2026-09-01 before the window 2h\n",
    "Skills/Sql.md": "---\nlevel: 2\n---\n- 2026-11-22 window functions 45m\n",  # no category
    "Skills/Css.md": "---\nlevel: 1\n---\n",  # no category, no practice: no row of its own
}


def test_skill_time_by_category(run, vault):
    """Practice in the window per skill `category` (SPEC 1), any case, most time first:
    a category with none is still listed; skills without one only when practised."""
    root = vault(CATEGORIES)
    data = json.loads(run("balance", "--vault", root, "--today", TODAY, "--json").stdout)
    assert data["categories"] == [
        {"category": "Programming", "events": 2, "minutes": 90},
        {"category": None, "events": 1, "minutes": 45},
        {"category": "communication", "events": 0, "minutes": 0},
    ]
    assert sum(c["minutes"] for c in data["categories"]) == data["skills"]["minutes"]
    text = run("balance", "--vault", root, "--today", TODAY).stdout
    assert ("  skills by category\n"
            "    Programming      2 events     1.5 h\n"
            "    (no category)    1 event      0.8 h\n"
            "    communication    0 events     0.0 h\n") in text
    assert run("report", "--vault", root, "--today", TODAY).exit_code == 0
    page = (root / "Balance.md").read_text(encoding="utf-8")
    assert ("| skill category | events | hours | share of skill time |\n"
            "| --- | ---: | ---: | ---: |\n"
            "| Programming | 2 | 1.5 h | 66.7 % |\n"
            "| (no category) | 1 | 0.8 h | 33.3 % |\n"
            "| communication | 0 | 0.0 h | 0.0 % |\n") in page


def test_no_category_no_table(run, vault):
    root = vault(BALANCE)
    assert json.loads(run("balance", "--vault", root, "--today", TODAY, "--json").stdout)[
        "categories"] == []
    assert "by category" not in run("balance", "--vault", root, "--today", TODAY).stdout
    assert run("report", "--vault", root, "--today", TODAY).exit_code == 0
    assert "skill category" not in (root / "Balance.md").read_text(encoding="utf-8")


def test_follow_ups_kept_from_day_to_day_are_those_computed_afresh(example):
    """Days taken in a jumbled order, near and far, forwards and back, with reports
    moving the index to other days between them and a note edited on the way: what
    the index keeps for a day is what the rules give that day from nothing."""
    import random
    from datetime import date, timedelta

    from vaultnet.config import load_config
    from vaultnet.followups import due_items
    from vaultnet.index import sync_index
    from vaultnet.index.kept import follow_ups_due
    from vaultnet.index.read import ensure_day, load_people, skill_paths
    from vaultnet.report import keep_follow_ups

    (example / "People/Nadia Baker.md").write_text(
        "---\nrole: peer\nbirthday: 12-01\nmilestones: [\"2026-11-28 new job\"]\n---\n"
        "- 2026-11-26 coffee\n- 2026-12-30 a plan for the new year\n")
    config = load_config(example)
    start = date(2026, 11, 23)
    days = [start + timedelta(days=n) for n in (0, 1, 2, 3, 5, 8, 9, 30, 29, 4, -40, 400, 7, 6)]
    rng = random.Random(7)
    days += [start + timedelta(days=rng.randrange(-60, 90)) for _ in range(12)]
    for step, day in enumerate(days):
        if step == 9:
            ravi = example / "People/Ravi Shah.md"
            ravi.write_text(ravi.read_text(encoding="utf-8") + f"- {day.isoformat()} call\n",
                            encoding="utf-8")
        index, _ = sync_index(example, config)
        try:
            if step % 4 == 3:  # `report` for another day moves the summaries
                ensure_day(index, day + timedelta(days=rng.randrange(-20, 20)))
            keep_follow_ups(index, config, day)
            kept = sorted((d.path, d.reason, d.due, d.detail)
                          for d in follow_ups_due(index, date.max))
            people = load_people(index, config, skill_paths(index))  # as of `day`, above
            afresh = sorted((i.person.path, i.reason, i.due, i.detail)
                            for i in due_items(people.values(), day, date.max, config))
        finally:
            index.close()
        assert kept == afresh, (step, day)
