"""The commands as a person runs them: exit codes, exact messages, JSON."""

from __future__ import annotations

import json
import os
import re
import shutil
from datetime import date

import click
import pytest
from click.testing import CliRunner
from conftest import write_vault

from vaultnet.cli import cli
from vaultnet.config import CONFIG_TEMPLATE, config_from_dict, load_config
from vaultnet.errors import ConfigError
from vaultnet.obsidian import TaskMarks


def test_every_command_has_help_with_an_example(run):
    def walk(group, path):
        for name, command in group.commands.items():
            yield [*path, name], command
            if isinstance(command, click.Group):
                yield from walk(command, [*path, name])

    for words, command in walk(cli, []):
        result = run(*words, "--help")
        assert result.exit_code == 0, words
        assert "Example" in result.output, f"`vaultnet {' '.join(words)} --help` shows no example"
        assert command.help and len(command.help.splitlines()[0]) < 80
    assert run("-h").exit_code == 0


def test_command_lists_show_each_summary_whole():
    """`vaultnet --help` (80 columns) lists commands with their summary, never cut off
    with '...': Click leaves each 80 - 6 - the longest command name."""
    def groups(group):
        yield group
        for command in group.commands.values():
            if isinstance(command, click.Group):
                yield from groups(command)

    for group in groups(cli):
        limit = 80 - 6 - max(map(len, group.commands))
        for name, command in group.commands.items():
            assert not command.get_short_help_str(limit=limit).endswith("..."), name


def test_init_writes_config_and_gitignore(run, tmp_path):
    result = run("init", tmp_path)
    assert result.exit_code == 0
    assert result.output.splitlines()[:2] == ["wrote .vaultnet/config.toml", "wrote .vaultnet/.gitignore"]
    assert (tmp_path / ".vaultnet/config.toml").read_text() == CONFIG_TEMPLATE
    assert "index.sqlite" in (tmp_path / ".vaultnet/.gitignore").read_text()


def test_init_says_what_to_run_next_as_the_shell_takes_it(run, tmp_path, monkeypatch):
    vault = tmp_path / "My Vault"
    (vault / "Daily").mkdir(parents=True)
    (vault / "Daily/2026-11-20.md").write_text("- coffee with [[Ann]]\n")
    result = run("init", vault)
    assert result.stdout.splitlines()[2:] == [
        "Next, what vaultnet reads of the notes, and who is due:",
        f"  vaultnet check --vault '{vault}'", f"  vaultnet due --vault '{vault}'"]
    (tmp_path / "here").mkdir()
    (tmp_path / "here/Ann.md").write_text("# Ann\n")
    monkeypatch.chdir(tmp_path / "here")
    assert run("init").stdout.splitlines()[3:] == ["  vaultnet check", "  vaultnet due"]


def test_init_of_a_new_vault_says_to_add_someone(run, tmp_path, monkeypatch):
    """Checking a vault of no notes says nothing; adding the first person does."""
    monkeypatch.chdir(tmp_path)
    assert run("init").stdout.splitlines()[2:] == [
        "No notes here yet. Add someone you want to keep in touch with, then see who is due:",
        "  vaultnet add person Ann Lee --role mentor", "  vaultnet due"]


def test_init_refuses_to_overwrite_a_config(run, tmp_path):
    (tmp_path / ".vaultnet").mkdir()
    (tmp_path / ".vaultnet/config.toml").write_text("# mine\n")
    result = run("init", tmp_path)
    assert result.exit_code == 1
    assert "config.toml already exists" in result.output
    assert (tmp_path / ".vaultnet/config.toml").read_text() == "# mine\n"


def test_written_config_holds_the_defaults():
    import tomllib

    assert config_from_dict(tomllib.loads(CONFIG_TEMPLATE)) == config_from_dict({})


def test_paths_in_the_config_may_be_written_with_backslashes():
    """As Windows writes them: Obsidian's names cannot hold a backslash, so it is a
    folder's end, not a folder named `Reviews\\Weekly`."""
    config = config_from_dict({"folders": {"person": "Work\\People"},
                               "output": {"reviews": "Reviews\\Weekly",
                                          "balance": "Pages\\Balance.md"},
                               "exclude": ["Templates\\**"]})
    assert config.folders["person"] == "Work/People"
    assert (config.reviews_folder, config.balance_page) == ("Reviews/Weekly", "Pages/Balance.md")
    assert config.exclude == ("Templates/**",)
    with pytest.raises(ConfigError, match="must be a folder inside the vault"):
        config_from_dict({"output": {"reviews": "..\\Elsewhere"}})


def test_a_file_named_as_vaultnets_folder_is_named(run, vault):
    root = vault({"People/Ann.md": "---\nrole: peer\n---\n"})
    (root / ".vaultnet").write_text("not a folder\n")
    result = run("due", "--vault", root)
    assert result.exit_code == 1
    assert result.stderr == ("Error: .vaultnet is a file, where vaultnet keeps a folder of its "
                             "settings and index; rename or move that file away\n")
    assert (root / ".vaultnet").read_text() == "not a folder\n"


def test_index_json_on_the_example_vault(run, example):
    result = run("index", "--vault", example, "--today", "2026-11-23", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "notes": 34, "people": 16, "skills": 7, "goals": 2, "interactions": 34,
        "practice": 17, "commitments": 8, "errors": 0,
    }


def test_index_counts_follow_today(run, example):
    result = run("index", "--vault", example, "--today", "2026-10-01", "--json")
    counts = json.loads(result.stdout)
    assert counts["interactions"] == 8 and counts["practice"] == 0


def test_index_summary_line(run, example):
    result = run("index", "--vault", example, "--today", "2026-11-23")
    assert result.exit_code == 0
    line = result.output.strip()
    assert line.startswith("Indexed 34 notes in ") and line.endswith(
        "(rebuilt): 16 people, 7 skills, 2 goals, 34 interactions, 17 practice, "
        "8 open commitments.")


def test_vault_from_environment(example):
    result = CliRunner().invoke(cli, ["index", "--json"], env={"VAULTNET_VAULT": str(example)})
    assert result.exit_code == 0 and json.loads(result.stdout)["people"] == 16


def test_check_clean_vault(run, example):
    result = run("check", "--vault", example)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "No problems in 34 notes.\n"


def test_check_reports_every_problem(run, vault):
    root = vault({
        "People/Ann.md": "---\nrole: mentr\ncadence: sometimes\n---\n",
        "People/Bob.md": "---\nrole: [peer\n---\n",
        "Daily/2026-11-02.md": "- 2026-02-30 [[Ann]]\n",
    })
    result = run("check", "--vault", root)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "Daily/2026-11-02.md:1: '2026-02-30' is not a real date: February 2026 has 28 days",
        "People/Ann.md:2: role: unknown role 'mentr' (a mentor?); use one of mentor, sponsor, peer, "
        "colleague, leader, mentee, other",
        "People/Ann.md:3: cadence: cannot read 'sometimes' as an interval (use 10d, 2w, 3m, "
        "1y, weekly, biweekly, monthly, quarterly, yearly or never)",
        "People/Bob.md:3: broken YAML in frontmatter: did not find expected ',' or ']'; "
        "the note is read from its body and folder until this is fixed",
    ]
    assert result.stderr == "4 problems in 3 of 3 notes.\n"
    payload = json.loads(run("check", "--vault", root, "--json").stdout)
    assert payload[0] == {"path": "Daily/2026-11-02.md", "line": 1,
                          "message": "'2026-02-30' is not a real date: February 2026 has 28 days"}


def test_init_creates_a_missing_folder(run, tmp_path):
    result = run("init", tmp_path / "new" / "vault")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "new/vault/.vaultnet/config.toml").read_text() == CONFIG_TEMPLATE


@pytest.mark.skipif(os.name == "nt", reason="HOME is the home folder on POSIX")
def test_a_tilde_the_shell_left_is_the_home_folder(run, example, tmp_path, monkeypatch):
    """`vaultnet init "~/vault"` (quoted, or VAULTNET_VAULT="~/vault" in a profile)
    made a folder named ~ in the current one, and the commands found no vault."""
    home, here = tmp_path / "home", tmp_path / "here"
    here.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(here)
    assert run("init", "~/new").exit_code == 0
    assert (home / "new/.vaultnet/config.toml").exists() and not (here / "~").exists()
    shutil.move(example, home / "vault")
    for given in (["--vault", "~/vault"], ["--vault=~/vault"]):
        assert json.loads(run("index", *given, "--json").stdout)["people"] == 16
    assert json.loads(run("index", "--json", env={"VAULTNET_VAULT": "~/vault"}).stdout)["people"] == 16
    result = run("export", "ics", "--vault", "~/vault", "--out", "~/follow-ups.ics")
    assert result.exit_code == 0 and (home / "follow-ups.ics").exists(), result.output
    result = run("export", "vcard", "--vault", "~/vault", "--out", "~/people.vcf")
    assert run("import", "vcard", "~/people.vcf", "--vault", "~/new").exit_code == 0
    assert (home / "new/People/Jin Park.md").exists()
    # A folder that is named so, and exists, is taken as it is.
    (here / "~" / "vault" / "People").mkdir(parents=True)
    (here / "~/vault/People/Bo.md").write_text("---\nrole: peer\n---\n", encoding="utf-8")
    assert json.loads(run("index", "--vault", "~/vault", "--json").stdout)["people"] == 1


def test_init_on_a_file_is_one_line(run, tmp_path):
    (tmp_path / "notes.md").write_text("mine\n")
    result = run("init", tmp_path / "notes.md")
    assert result.exit_code == 2 and "notes.md' is a file." in result.output
    assert (tmp_path / "notes.md").read_text() == "mine\n"


@pytest.mark.parametrize("marker", [".vaultnet/config.toml", ".obsidian/app.json"])
def test_in_a_subfolder_commands_find_their_vault(run, example, monkeypatch, marker):
    """As git finds its repository: from People/, the vault is the folder above."""
    (example / ".vaultnet/config.toml").unlink()
    (example / marker).parent.mkdir(exist_ok=True)
    (example / marker).write_text("")
    monkeypatch.chdir(example / "People")
    assert json.loads(run("index", "--json").stdout)["people"] == 16
    assert run("log", "Jin Park", "coffee").exit_code == 0
    assert "coffee" in (example / "People/Jin Park.md").read_text()
    assert not (example / "People/People").exists() and not (example / "People/.vaultnet").exists()


@pytest.mark.parametrize("command", ["index", "due", "report", "watch"])
def test_a_deleted_current_folder_is_one_line(run, tmp_path, monkeypatch, command):
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    result = CliRunner().invoke(cli, [command])
    assert result.exit_code == 1
    assert result.output == ("Error: the current folder no longer exists (deleted or moved away); "
                             "cd into the vault again, or pass --vault PATH\n")


def test_a_folder_indexed_before_stays_its_own_vault(run, example, monkeypatch):
    """A vault kept inside another (never set up with init) keeps its own index.
    The first time, as `--vault ~/vault/People` is more likely a slip, vaultnet
    says whose folder it is (it said nothing, and found no person there)."""
    inner = example / "Meetings"
    result = run("index", "--vault", inner)  # leaves Meetings/.vaultnet/index.sqlite
    assert result.exit_code == 0
    assert result.stderr == (f"vaultnet: {inner} is a folder of the vault {example} (which holds "
                             ".vaultnet/config.toml); read as a vault of its own. For the whole "
                             f"vault, pass --vault {example}\n")
    assert run("index", "--vault", inner).stderr == ""
    monkeypatch.chdir(inner)
    assert json.loads(run("index", "--json").stdout)["people"] == 0


def test_without_a_marked_vault_above_the_current_folder_is_the_vault(run, example, monkeypatch):
    (example / ".vaultnet/config.toml").unlink()
    monkeypatch.chdir(example / "People")
    assert json.loads(run("index", "--json").stdout)["notes"] == len(list(example.glob("People/*.md")))


@pytest.mark.parametrize("command", ["index", "due", "check", "log Ann coffee"])
def test_the_home_folder_is_no_vault_until_it_is_made_one(run, tmp_path, monkeypatch, command):
    """`vaultnet due` typed in ~ by mistake would walk every file there and leave an
    index behind; the root likewise. With a marker (init, Obsidian's), it is a vault."""
    home = tmp_path / "home"
    (home / "code").mkdir(parents=True)
    (home / "code/README.md").write_text("# a project\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("VAULTNET_VAULT", raising=False)
    monkeypatch.chdir(home)
    result = run(*command.split())
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Error: {home.resolve()} is your home folder, not a vault (no .obsidian/ or "
        ".vaultnet/config.toml here or above): cd into your vault, pass --vault PATH, or set "
        "VAULTNET_VAULT; if your notes are here, run vaultnet init first\n")
    assert not (home / ".vaultnet").exists()
    assert run("index", "--vault", home).exit_code == 0  # given: its business
    assert run("init").exit_code == 0
    assert json.loads(run("index", "--json").stdout)["notes"] == 1


def test_missing_vault_is_one_line(run, tmp_path):
    result = run("index", "--vault", tmp_path / "nope")
    assert result.exit_code == 1
    assert result.output == (f"Error: {tmp_path / 'nope'}: no such folder; pass --vault PATH "
                             "or set VAULTNET_VAULT\n")


@pytest.mark.parametrize("setting, where, message", [
    ("[folders]\nperson = 3\n", ", line 2", "folders.person must be a non-empty string, not 3"),
    ("[folders]\nperson = \"Notes\"\nskill = \"notes/\"\n", ", line 3",
     "folders.person and folders.skill are both 'notes'; give each type of note its own folder"),
    ("# days\n[follow_ups]\n# new_contact_days = 2\n  'new_contact_days' = 1000000  # a ceiling\n",
     ", line 4",
     "follow_ups.new_contact_days must be a whole number from 0 to 36,525, not 1000000"),
    ("[cadence]\npeer = \"2m\"\n\n[ balanse ]\nwindow = \"28d\"\n", ", line 4",
     "unknown setting 'balanse'; did you mean 'balance'? (known: exclude, folders, cadence, "
     "events, follow_ups, balance, output)"),
    ("[follow_ups]\nnew_contact = 3\n", ", line 2",
     "unknown setting follow_ups.new_contact; did you mean follow_ups.new_contact_days? (known: "
     "new_contact_days, milestone_days, birthday_days, referral_days, horizon)"),
    ("[reminders]\nweekly = true\n", ", line 1",  # nothing close: no guess
     "unknown setting 'reminders' (known: exclude, folders, cadence, events, follow_ups, balance, "
     "output)"),
    ('cadence.peer = "2x"\n', "",  # a dotted key: the setting is named, no line
     "cadence.peer: cannot read '2x' as an interval (use 10d, 2w, 3m, 1y, weekly, biweekly, "
     "monthly, quarterly, yearly or never)"),
    ('[balance]\nwindow = "0d"\n', ", line 2", "balance.window: '0d' is no time at all; use 1d or more"),
    ('[folders]\nperson = "../Contacts"\n', ", line 2",
     'folders.person = \'../Contacts\' must be a folder inside the vault, e.g. "People"'),
    ('[output]\nfollow_ups = "Balance.md"\n', ", line 2",
     "output.follow_ups and output.balance both name 'Balance.md'; give each page its own path"),
    # A setting of another table: where it goes.
    ('horizon = "14d"\n', ", line 1",
     "'horizon' is a setting of [follow_ups], not above every table; move it under [follow_ups]"),
    ('[output]\nwindow = "4w"\n', ", line 2",
     "output.window is a setting of [balance], not under [output]; move it under [balance]"),
    ('follow_ups = "Career/Follow-ups.md"\n', ", line 1",
     '[follow_ups] must be a table; a page\'s path goes under [output]: '
     'follow_ups = "Career/Follow-ups.md"'),
    ("[follow_ups]\nhorizon = 14\n", ", line 2",
     'follow_ups.horizon = 14 needs a unit, in quotes: horizon = "14d"'),
    ("[balance]\nwindow = 28\n", ", line 2", 'balance.window = 28 needs a unit, in quotes: window = "28d"'),
    # Values as TOML writes them, not as Python shows them (True, ['People', 'Contacts']).
    ("[follow_ups]\nbirthday_days = true\n", ", line 2",
     "follow_ups.birthday_days must be a whole number from 0 to 36,525, not true"),
    ('[folders]\nperson = ["People", "Contacts"]\n', ", line 2",
     'folders.person is one folder, not ["People", "Contacts"]; a person note elsewhere is one '
     "with `type: person` in its frontmatter, or the tag #person"),
    ("[folders]\nskill = false\n", ", line 2", "folders.skill must be a non-empty string, not false"),
    ('[cadence]\nmentor = ["1m"]\n', ", line 2",
     'cadence.mentor must be a cadence in quotes, e.g. mentor = "1m", not ["1m"]'),
    ('[events]\ndaily_formats = "YYYY-MM-DD dddd"\n', ", line 2",
     'events.daily_formats must be a list of formats, e.g. ["YYYY-MM-DD dddd"]'),
    ('[events]\ndaily_formats = ["YYYY_MM_DD", "gggg-[W]ww"]\n', ", line 2",
     "events.daily_formats: 'gggg-[W]ww' dates no note; a format needs a year (YYYY), a month "
     "(MM) and a day (DD)"),
])
def test_bad_config_names_the_file_and_line(run, vault, setting, where, message):
    root = vault({".vaultnet/config.toml": setting})
    result = run("index", "--vault", root)
    assert result.exit_code == 1
    assert result.output == f"Error: .vaultnet/config.toml{where}: {message}\n"


@pytest.mark.parametrize("toml, message", [
    # A table or a setting given twice (one appended at the end): the line of each.
    ('[balance]\nwindow = "28d"\n\n[balance]\nwindow = "4w"\n',
     "line 4: [balance] is there twice (first on line 1); put all its settings under one "
     "[balance]"),
    ('exclude = ["a/**"]\n[cadence]\nmentor = "1m"\npeer = "2m"\n "mentor" = "2w"\n',
     "line 5: mentor is set twice in [cadence] (first on line 3); keep the one you mean"),
    ('exclude = ["a/**"]\n[cadence]\nexclude = ["b/**"]\n',
     "line 3: unknown setting cadence.exclude"),  # not twice: in a table
    ('exclude = ["a/**"]\nexclude = ["b/**"]\n',
     "line 2: exclude is set twice (first on line 1); keep the one you mean"),
])
def test_what_is_given_twice_in_the_settings_names_both_lines(run, vault, toml, message):
    result = run("due", "--vault", vault({".vaultnet/config.toml": toml}))
    assert result.exit_code == 1 and result.output.startswith(
        f"Error: .vaultnet/config.toml, {message}"), result.output


@pytest.mark.parametrize("toml, message", [
    ('[follow_ups]\nhorizon = 7d  # a week\n', "line 2: expected newline or end of document "
     'after a statement: text goes in quotes, horizon = "7d"'),
    ("[output]\nbalance = My Balance.md\n", "line 2: invalid value: text goes in quotes, "
     'balance = "My Balance.md"'),
    # A number with its unit: no quotes to suggest (they were: "45m" is no number either).
    ("[events]\ndefault_minutes = 30 m\n", "line 2: expected newline or end of document after "
     "a statement: a number goes without its unit, default_minutes = 30"),
    ("[events]\ndefault_minutes = 45m\n", "line 2: expected newline or end of document after "
     "a statement: a number goes without its unit, default_minutes = 45"),
    ("[follow_ups]\nbirthday_days = 7 days\n", "line 2: expected newline or end of document "
     "after a statement: a number goes without its unit, birthday_days = 7"),
    ("[events\n", "line 1: expected ']' at the end of a table declaration"),
    # YAML's ways, in TOML.
    ('[folders]\nperson: "People"\n', "line 2: expected '=' after a key in a key/value pair: "
     'a setting is written with =, not a colon, person = "People"'),
    ("[follow_ups]\nhorizon: 14d\n", "line 2: expected '=' after a key in a key/value pair: "
     'a setting is written with =, not a colon, horizon = "14d"'),
    ("exclude = [Templates/**, Archive]\n", 'line 1: invalid value: text goes in quotes, '
     'exclude = ["Templates/**", "Archive"]'),
    ("[cadence]\nmentor = “1m”\n", 'line 2: invalid value: text goes in straight quotes, '
     'mentor = "1m"'),
])
def test_broken_toml_names_its_line(run, vault, toml, message):
    result = run("due", "--vault", vault({".vaultnet/config.toml": toml}))
    assert result.exit_code == 1
    assert result.output == (f"Error: .vaultnet/config.toml, {message}; fix the TOML or delete "
                             "the file to use the defaults\n")


def test_a_merge_conflict_in_the_settings_is_named_as_one(run, vault):
    """Settings committed with the vault, changed on two machines, merged."""
    toml = ('[cadence]\nmentor = "1m"\n<<<<<<< HEAD\npeer = "2m"\n=======\npeer = "6w"\n'
            ">>>>>>> laptop\n")
    result = run("due", "--vault", vault({".vaultnet/config.toml": toml}))
    assert result.exit_code == 1
    assert result.output == ("Error: .vaultnet/config.toml, line 3: a merge conflict git left "
                             "unresolved; keep the settings you want and remove the <<<<<<<, "
                             "======= and >>>>>>> lines\n")


def test_unexpected_errors_are_one_line_without_debug(run, vault, monkeypatch):
    root = vault({"a.md": ""})

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("vaultnet.cli.base.sync_index", explode)
    result = run("index", "--vault", root)
    assert result.exit_code == 1
    assert result.output == ("Error: unexpected RuntimeError: disk on fire (run `vaultnet "
                             "--debug ...` for the traceback, and please report it)\n")
    with pytest.raises(RuntimeError):
        run("--debug", "index", "--vault", root)


def test_bad_today_is_a_usage_error(run, example):
    result = run("index", "--vault", example, "--today", "23/11/2026")
    assert result.exit_code == 2 and "is not a date; write YYYY-MM-DD" in result.output


def test_a_day_in_a_full_width_keyboards_digits_is_that_day(run, example):
    """２０２６-１１-２３ (a Japanese or Chinese keyboard's digits) was "not a real date:
    November 2026 has 30 days"."""
    wide = run("due", "--vault", example, "--today", "２０２６-１１-２３", "--json")
    assert wide.exit_code == 0 and wide.stdout == run(
        "due", "--vault", example, "--today", "2026-11-23", "--json").stdout
    unreal = run("due", "--vault", example, "--today", "２０２６-１１-３１")
    assert unreal.exit_code == 2
    assert "'２０２６-１１-３１' is not a real date: November 2026 has 30 days" in unreal.output


@pytest.mark.parametrize("command", [("due", "--json"), ("balance", "--json"), ("index", "--json")])
def test_without_today_commands_run_as_of_the_clock(run, example, monkeypatch, command):
    """The clock is read in one place (vaultnet.clock), which the tests pin."""
    from vaultnet import clock

    pinned = run(*command, "--vault", example, "--today", "2026-10-01").stdout
    assert run(*command, "--vault", example).stdout != pinned
    monkeypatch.setattr(clock, "today", lambda: date(2026, 10, 1))
    assert run(*command, "--vault", example).stdout == pinned


@pytest.mark.parametrize("day", ["9999-12-30", "0001-01-02"])
def test_today_beyond_what_the_calendar_can_reach_is_a_usage_error(run, example, day):
    """Windows, horizons and cadences reach up to 100 years from today."""
    result = run("due", "--vault", example, "--today", day)
    assert result.exit_code == 2
    assert (f"Invalid value for '--today': {day} is out of range; use a date from 1900-01-01 "
            "to 8999-12-31") in result.output


def test_dates_at_the_end_of_the_calendar_are_due_never(run, vault):
    """`met: 9999-12-31` or a promise due then are far-off dates, not errors."""
    root = vault({"People/Ann.md": "---\nmet: 9999-12-31\nbirthday: 12-31\ncadence: 100y\n---\n"
                                   "- [ ] the very last thing 📅 9999-12-31\n"})
    for command in (["due", "--json", "--horizon", "100y"], ["report"],
                    ["export", "ics", "--horizon", "100y"], ["balance", "--window", "100y"]):
        result = run(*command, "--vault", root, "--today", "8999-12-31")
        assert result.exit_code == 0, (command, result.output)
    due = json.loads(run("due", "--json", "--vault", root, "--today", "2026-11-23",
                         "--horizon", "100y").output)
    assert due == []


def test_obsidian_templates_folder_is_excluded(vault):
    root = vault({".obsidian/templates.json": '{"folder": "Meta/Tpl"}'})
    assert "Meta/Tpl/**" in load_config(root).exclude


@pytest.mark.parametrize("settings", [
    {".obsidian/daily-notes.json": '{"folder": "Daily", "format": "YYYY-MM-DD dddd"}'},
    {".obsidian/plugins/periodic-notes/data.json":  # Periodic Notes 0.x
     '{"daily": {"format": "YYYY-MM-DD dddd", "folder": "Daily", "enabled": true}}'},
    {".obsidian/plugins/periodic-notes/data.json":  # Periodic Notes 1.x
     '{"calendarSets": [{"id": "Default", "day": {"format": "YYYY-MM-DD dddd", "enabled": true}}]}'},
])
def test_daily_notes_named_in_obsidians_format_are_dated(run, vault, settings):
    root = vault({"People/Ann.md": "---\nrole: mentor\n---\n",
                  "Daily/2026-11-20 Friday.md": "Lunch with [[Ann]].\n"})

    def interactions():
        result = run("index", "--vault", root, "--today", "2026-11-23", "--json")
        return json.loads(result.stdout)["interactions"]

    assert interactions() == 0
    for rel, text in settings.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    assert load_config(root).daily_formats == ("YYYY-MM-DD dddd",)
    assert interactions() == 1  # the index is rebuilt for the new format
    due = json.loads(run("due", "--vault", root, "--today", "2026-11-23", "--json").stdout)
    assert due == []  # seen three days ago: a month to go


def test_daily_formats_in_the_settings_add_to_obsidians(run, vault):
    root = vault({".vaultnet/config.toml": '[events]\ndaily_formats = ["YYYY_MM_DD", "YYYY-MM-DD"]\n',
                  ".obsidian/daily-notes.json": '{"format": "YYYY-MM-DD dddd"}',
                  "People/Ann.md": "", "journals/2026_11_20.md": "Lunch with [[Ann]].\n",
                  "Daily/2026-11-21 Saturday.md": "Walk with [[Ann]].\n"})
    assert load_config(root).daily_formats == ("YYYY_MM_DD", "YYYY-MM-DD dddd")
    result = run("index", "--vault", root, "--today", "2026-11-23", "--json")
    assert json.loads(result.stdout)["interactions"] == 2


def test_obsidians_default_daily_format_is_spec_2s(vault):
    root = vault({".obsidian/daily-notes.json": '{"folder": "Daily", "format": "YYYY-MM-DD"}',
                  ".obsidian/plugins/periodic-notes/data.json": '{"daily": {"format": ""}}'})
    assert load_config(root).daily_formats == ()
    assert load_config(vault({".obsidian/daily-notes.json": "not json"})).daily_formats == ()


def test_check_names_a_note_in_the_daily_folder_that_is_not_dated_but_links_people(run, vault):
    """Its links count for no day: a day's note named by hand, or in a language
    vaultnet does not read months in."""
    root = vault({
        ".obsidian/daily-notes.json": '{"folder": "/Journal/", "format": "dddd D MMMM YYYY"}',
        "People/Ann.md": "", "People/Bo.md": "", "Skills/Go.md": "",
        "Journal/Team lunch.md": "Lunch with [[Ann]], [[Bo]] and [[Ann]] again.\n",
        "Journal/vendredi 20 novembre 2026.md": "Lunch with [[Ann]].\n",  # dated
        "Journal/2026/Offsite.md": "---\ndate: 2026-11-18\n---\nWith [[Bo]].\n",  # dated
        "Journal/Reading.md": "Practise [[Go]]; ask [[Nobody]].\n",  # no person linked
        "Journal/Dashboard.md": "```\n[[Ann]]\n```\n",  # a link in code is none
        "Career.md": "Ask [[Ann]].\n",  # not in the folder
    })
    counted = run("index", "--vault", root, "--json")  # counted as `check` lists them
    assert json.loads(counted.stdout)["errors"] == 1
    result = run("check", "--vault", root, "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [{
        "path": "Journal/Team lunch.md", "line": 1,
        "message": "a note in the daily notes' folder Journal/ whose name is no date as they are "
                   "named ('YYYY-MM-DD' or 'dddd D MMMM YYYY'), and without date:, so its links "
                   "to Ann, Bo count as no interaction; rename it, or give it date: YYYY-MM-DD"}]
    # Kept at the vault's top (Obsidian's default), daily notes sit among all the others.
    (root / ".obsidian/daily-notes.json").write_text('{"folder": "", "format": "dddd D MMMM YYYY"}')
    assert load_config(root).daily_folders == ()
    assert run("check", "--vault", root).exit_code == 0
    assert json.loads(run("index", "--vault", root, "--json").stdout)["errors"] == 0



def test_check_names_an_undated_note_named_with_a_day_that_links_people(run, vault):
    """A meeting note named `2026-11-18 Ann 1-1` is not dated (SPEC 2: a name that is
    the day alone, or date:): its links count for no one, though its name says
    when it was."""
    root = vault({
        ".obsidian/daily-notes.json": '{"folder": "Journal"}',
        "People/Ann.md": "", "People/Bo.md": "",
        "Meetings/2026-11-18 Ann 1-1.md": "- talked about the roadmap with [[Ann]]\n",
        "Meetings/Sync 2026-11-19 0930.md": '---\npeople: ["[[Bo]]", "[[Ann]]"]\n---\nAgenda\n',
        "Meetings/2026-11-17 dated.md": "---\ndate: 2026-11-17\n---\nWith [[Ann]].\n",
        "Meetings/2026-11 log.md": "- 2026-11-16 lunch with [[Bo]]\n- and [[Ann]]\n",  # counts
        "Meetings/2026-11-16 todo.md": "- [ ] send [[Ann]] the deck\n",  # a promise
        "Meetings/2026-12-10 Ann 1-1.md": "Agenda for [[Ann]]\n",  # a plan: after today
        "Meetings/2026-02-30 Bo.md": "With [[Bo]].\n",  # no day
        "Meetings/2026-11-15 reading.md": "[[Go]] and `[[Ann]]`\n",  # no person linked
        "Journal/2026-11-14 lunch.md": "Lunch with [[Ann]].\n",  # the daily notes' own problem
        "Meetings/2026-11-13 (conflicted copy 2026-11-14).md": "With [[Ann]].\n",  # a copy's
        "Excalidraw/Drawing 2026-11-12 14.32.11.excalidraw.md": "## Text Elements\n[[Ann]] ^x1\n",
        "Meetings/2026-11-10 bad.md": "---\ndate: 2026-11-31\n---\nWith [[Ann]].\n",  # its own
    })
    result = run("check", "--vault", root, "--json")
    assert result.exit_code == 1
    found = [(p["path"], p["message"]) for p in json.loads(result.stdout)
             if "its name holds" in p["message"]]
    assert found == [
        ("Meetings/2026-11-18 Ann 1-1.md",
         "its name holds the day 2026-11-18, yet it is not dated (a name dates a note only when "
         "it is the day alone), so its links to Ann count as no interaction; give it "
         "date: 2026-11-18"),
        ("Meetings/Sync 2026-11-19 0930.md",
         "its name holds the day 2026-11-19, yet it is not dated (a name dates a note only when "
         "it is the day alone), so its links to Ann, Bo count as no interaction; give it "
         "date: 2026-11-19")]
    assert [p["path"] for p in json.loads(result.stdout)] == [
        "Journal/2026-11-14 lunch.md", "Meetings/2026-11-10 bad.md",
        "Meetings/2026-11-13 (conflicted copy 2026-11-14).md",
        "Meetings/2026-11-18 Ann 1-1.md", "Meetings/Sync 2026-11-19 0930.md"]
    assert json.loads(result.stdout)[1]["message"] == (
        "date: '2026-11-31' is not a real date: November 2026 has 30 days")
    counted = run("index", "--vault", root, "--today", "2026-11-23", "--json")
    assert json.loads(counted.stdout)["errors"] == 5
    # Dated as the messages say, their links count, and nothing is left to say of them.
    (root / "Meetings/2026-11-18 Ann 1-1.md").write_text(
        "---\ndate: 2026-11-18\n---\n- talked about the roadmap with [[Ann]]\n")
    (root / "Meetings/Sync 2026-11-19 0930.md").write_text(
        '---\ndate: 2026-11-19\npeople: ["[[Bo]]", "[[Ann]]"]\n---\nAgenda\n')
    result = run("check", "--vault", root, "--json")
    assert not [p for p in json.loads(result.stdout) if "its name holds" in p["message"]]

def test_check_takes_today(run, vault):
    """`check` said "No such option '--today'", though what it names depends on the
    day: a note named with a later day is a plan, until that day comes."""
    root = vault({"People/Ann.md": "", "Meetings/2026-12-10 Ann 1-1.md": "Agenda for [[Ann]]\n"})
    assert run("check", "--vault", root, "--today", "2026-12-09", "--json").stdout == "[]\n"
    result = run("check", "--vault", root, "--today", "2026-12-10", "--json")
    assert result.exit_code == 1
    assert [p["path"] for p in json.loads(result.stdout)] == ["Meetings/2026-12-10 Ann 1-1.md"]


def test_check_names_a_weekly_note_whose_links_count_for_nothing(run, vault):
    """A week dates no note (SPEC 2): `2026-W47.md` with "coffee with [[Ann]]" counted
    nothing, and nothing said so."""
    root = vault({
        "People/Ann.md": "", "People/Bo.md": "",
        "Weekly/2026-W47.md": "## Done\n- coffee with [[Ann]]\n- lunch with [[Bo]]\n",
        "Weekly/2026-W46.md": "- 2026-11-10 coffee with [[Ann]]\n",  # its lines are dated
        "Weekly/2026-W50.md": "- call [[Ann]]\n",  # a week ahead: a plan
        "Weekly/2026-W45.md": "Read about [[Go]].\n",  # no person
        "Weekly/2026-W54.md": "With [[Ann]].\n",  # no week
        "Reviews/2026-W44.md": "---\ngenerated_by: vaultnet\n---\n[[Ann]]\n",  # vaultnet's
    })
    result = run("check", "--vault", root, "--json")
    assert [(p["path"], p["line"], p["message"]) for p in json.loads(result.stdout)] == [
        ("Weekly/2026-W47.md", 1, "its name is the week 2026-W47, but only a day dates a note, "
         "so its links to Ann, Bo count as no interaction; start each line with its day "
         "(- 2026-11-16 …)")]
    (root / "Weekly/2026-W47.md").write_text("- 2026-11-17 coffee with [[Ann]]\n")
    assert run("check", "--vault", root, "--json").stdout == "[]\n"


def test_check_names_a_dated_link_to_no_note_when_a_person_has_a_name_like_it(run, vault):
    """`[[Ana]]` in a daily note, for Ana Silva: an interaction lost to a slip, said
    once for all its links; a link to a name like no one's is Obsidian's business."""
    root = vault({
        "People/Ana Silva.md": "---\nrole: mentor\n---\n", "People/Lena Fischer.md": "",
        "Daily/2026-11-20.md": "- lunch with [[Ana]]\n- [ ] send [[ana]] the deck\n"
                               "- planned [[Project X]]\n",
        "Daily/2026-11-21.md": "Coffee with [[Ana]] and [[Lena Fisher]].\n",
        "Meetings/Sync.md": '---\ndate: 2026-11-19\npeople: ["[[Ana]]"]\n---\n',  # said as before
        "Ideas.md": "Ask [[Ana]] about it.\n",  # not dated: no interaction to lose
    })
    result = run("check", "--vault", root, "--json")
    assert result.exit_code == 1
    assert [(p["path"], p["line"], p["message"]) for p in json.loads(result.stdout)] == [
        ("Daily/2026-11-20.md", 1,
         "[[Ana]] (3 links in 2 notes) is no note's name, so they count for no one; did you "
         "mean Ana Silva (People/Ana Silva.md)? Link to that note, or give it aliases: [Ana]"),
        ("Daily/2026-11-21.md", 1,
         "[[Lena Fisher]] is no note's name, so it counts for no one; did you mean Lena Fischer "
         "(People/Lena Fischer.md)? Correct the link"),
        ("Meetings/Sync.md", 3,
         "links to [[Ana]], which no note has as title or alias; create the note or correct "
         "the link")]
    assert json.loads(run("index", "--vault", root, "--json").stdout)["errors"] == 3
    # The alias the message asks for: the links count, and nothing is left to say.
    (root / "People/Ana Silva.md").write_text("---\nrole: mentor\naliases: [Ana]\n---\n")
    (root / "Daily/2026-11-21.md").write_text("Coffee with [[Ana]] and [[Lena Fischer]].\n")
    assert run("check", "--vault", root).exit_code == 0


def test_check_names_a_link_to_a_given_name_in_a_script_without_spaces(run, vault):
    """[[小明]] for 王小明: a given name, part of a run with no space in it, was
    no word of a name, and the lost interaction went unsaid."""
    root = vault({"People/王小明.md": "---\nrole: peer\n---\n",
                  "Daily/2026-11-20.md": "- 和[[小明]]喝咖啡\n- [[王]]\n- [[明天]]的计划\n"})
    result = run("check", "--vault", root, "--json")
    assert [(p["line"], p["message"]) for p in json.loads(result.stdout)] == [
        (1, "[[小明]] is no note's name, so it counts for no one; did you mean 王小明 "
            "(People/王小明.md)? Link to that note, or give it aliases: [小明]")]  # not one letter


def test_check_names_the_copies_sync_services_make_of_a_note_two_devices_changed(run, vault):
    """Obsidian Sync ("Create conflict file"), Dropbox, Nextcloud and Syncthing keep
    both versions of a note changed on two devices: a person's copy would be a
    second person, due for follow-ups of their own, until merged and deleted."""
    person = "---\nrole: mentor\n---\n- 2026-10-01 coffee\n"
    root = vault({
        "People/Ann Lee.md": person,
        "People/Ann Lee (Conflicted copy MyMacBook 202611201430).md": person,
        "People/Ann Lee.sync-conflict-20261120-143012-ABCDEFG.md": person,
        "People/Bo (Jo's conflicted copy 2026-11-20 (1)).md": person,  # Bo.md deleted since
        "Skills/Go.md": "", "Skills/Go_conflict-20261120-143012.md": "",
        "Daily/2026-11-20.md": "Lunch with [[Ann Lee]].\n",
        "Daily/2026-11-20 (conflicted copy 2026-11-20 143012).md": "Lunch with [[Ann Lee]].\n",
        "Follow-ups (Conflicted copy MyMacBook 202611201430).md":
            "---\ngenerated_by: vaultnet\n---\n",
        "Ideas (Conflicted copy MyMacBook 202611201430).md": "No one linked.\n",  # none of ours
        "Conflicts at work.md": "With [[Ann Lee]].\n",  # a name, not a copy
        "People/Sam (conflicted).md": "",
    })
    result = run("check", "--vault", root, "--json")
    assert result.exit_code == 1
    copy = "a sync conflict copy of "
    assert [(p["path"], p["line"], p["message"]) for p in json.loads(result.stdout)] == [
        ("Daily/2026-11-20 (conflicted copy 2026-11-20 143012).md", 1,
         copy + "Daily/2026-11-20.md, which vaultnet reads as a note of its own; merge what it "
         "adds into Daily/2026-11-20.md, then delete it"),
        ("Follow-ups (Conflicted copy MyMacBook 202611201430).md", 1,
         copy + "Follow-ups.md, a page vaultnet writes; delete it"),
        ("People/Ann Lee (Conflicted copy MyMacBook 202611201430).md", 1,
         copy + "People/Ann Lee.md, which vaultnet reads as a person of its own, with "
         "follow-ups of its own; merge what it adds into People/Ann Lee.md, then delete it"),
        ("People/Ann Lee.sync-conflict-20261120-143012-ABCDEFG.md", 1,
         copy + "People/Ann Lee.md, which vaultnet reads as a person of its own, with "
         "follow-ups of its own; merge what it adds into People/Ann Lee.md, then delete it"),
        ("People/Bo (Jo's conflicted copy 2026-11-20 (1)).md", 1,
         copy + "People/Bo.md, which vaultnet reads as a person of its own, with follow-ups "
         "of its own; People/Bo.md is gone: rename this copy to People/Bo.md"),
        ("Skills/Go_conflict-20261120-143012.md", 1,
         copy + "Skills/Go.md, which vaultnet reads as a skill of its own; merge what it adds "
         "into Skills/Go.md, then delete it"),
    ]
    assert json.loads(run("index", "--vault", root, "--json").stdout)["errors"] == 6



def test_check_names_a_person_skill_or_goal_named_as_a_copy_of_another(run, vault):
    """iCloud Drive keeps a note two devices changed as `Ann Lee 2.md`, Google Drive
    as `Ann Lee (1).md`; file managers copy as `Ann Lee copy.md`, `Ann Lee - Copy.md`.
    A person twice is due twice, and the copy, first by path, takes their aliases."""
    person = "---\nrole: mentor\n---\n- 2026-10-01 coffee\n"
    root = vault({
        "People/Ann Lee.md": person, "People/Ann Lee 2.md": person,
        "People/Bo (1).md": person, "People/Bo.md": person,
        "People/Cy copy 2.md": person, "People/Cy.md": person,
        "People/Di - Copy.md": person, "People/Di.md": person,
        "Skills/Go.md": "", "Skills/Go copy.md": "",
        "Skills/Python.md": "", "Skills/Python 3.md": "",  # a version, not a copy
        "People/Eve 2.md": person,  # no Eve.md
        "Team/Ann Lee 2.md": person,  # another folder
        "Notes/Plan.md": "", "Notes/Plan 2.md": "",  # plain notes are their own business
        "People/Fay 2.md": person, "Skills/Fay.md": "",  # another kind
    })
    result = run("check", "--vault", root, "--json")
    assert result.exit_code == 1
    copies = [(p["path"], p["message"]) for p in json.loads(result.stdout)
              if p["message"].startswith("named as a copy")]
    assert [path for path, _ in copies] == [
        "People/Ann Lee 2.md", "People/Bo (1).md", "People/Cy copy 2.md", "People/Di - Copy.md",
        "Skills/Go copy.md"]
    assert copies[0][1] == (
        "named as a copy of People/Ann Lee.md (as iCloud Drive, Google Drive or a file manager "
        "names one), another person: vaultnet counts the two apart, each due for follow-ups of "
        "their own; if it is a copy, merge what it adds into People/Ann Lee.md, then delete it; "
        "if not, rename one of them")
    assert copies[-1][1].startswith("named as a copy of Skills/Go.md (as iCloud Drive, Google "
                                    "Drive or a file manager names one), another skill: vaultnet "
                                    "counts the two apart; if it is a copy")
    counted = json.loads(run("index", "--vault", root, "--json").stdout)
    assert counted["errors"] == len(json.loads(result.stdout))

TASKS_SETTINGS = ".obsidian/plugins/obsidian-tasks-plugin/data.json"


def _status(symbol: str, kind: str) -> dict:
    return {"symbol": symbol, "name": kind.title(), "nextStatusSymbol": "x",
            "availableAsCommand": True, "type": kind}


@pytest.mark.parametrize("settings, marks", [
    (None, TaskMarks()),  # no Tasks plugin: " /" open, "xX" done, others neither
    ("not json", TaskMarks()),
    # Settings saved before Tasks had statuses: its defaults; any other mark is to do.
    ({"globalFilter": ""}, TaskMarks(" /", "xX", True, "-")),
    ({"statusSettings": {
        "coreStatuses": [_status(" ", "TODO"), _status("x", "DONE")],
        "customStatuses": [_status("/", "IN_PROGRESS"), _status("-", "CANCELLED"),
                           _status("h", "ON_HOLD"), _status("X", "CANCELLED"),
                           _status("~", "NON_TASK"), _status("d", "DONE"),
                           _status("h", "DONE"),  # a second status of a mark: ignored, as in Tasks
                           _status("", "TODO"), _status("ab", "TODO"), "junk"]}},
     TaskMarks(" /h", "xd", True, "X-~")),
])
def test_the_tasks_plugins_statuses_are_read(vault, settings, marks):
    files = {} if settings is None else {
        TASKS_SETTINGS: settings if isinstance(settings, str) else json.dumps(settings)}
    assert load_config(vault(files)).task_marks == marks


def test_the_tasks_plugins_settings_rebuild_the_index(run, vault):
    """A promise marked with a status of the vault's Tasks plugin: vaultnet reads it
    as Tasks does, and reads the vault again when the statuses change."""
    root = vault({"People/Ann.md": "---\nrole: mentor\nlast_contact: 2026-11-20\n---\n"
                                   "- [>] send the deck 📅 2026-11-24\n"})

    def promises():
        result = run("due", "--vault", root, "--today", "2026-11-23", "--json")
        return [item["detail"] for item in json.loads(result.stdout)]

    assert promises() == []  # ">" is no mark vaultnet knows
    (root / TASKS_SETTINGS).parent.mkdir(parents=True)
    (root / TASKS_SETTINGS).write_text(json.dumps({"statusSettings": {
        "coreStatuses": [_status(" ", "TODO"), _status("x", "DONE")],
        "customStatuses": [_status(">", "TODO")]}}))
    assert promises() == ["send the deck"]
    (root / TASKS_SETTINGS).write_text(json.dumps({"statusSettings": {
        "customStatuses": [_status(">", "CANCELLED")]}}))
    assert promises() == []


def test_ctrl_c_while_the_command_line_loads_is_one_word(monkeypatch, capsys):
    import builtins
    import gc
    import tomllib
    from pathlib import Path

    from vaultnet import launch

    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    assert project["project"]["scripts"]["vaultnet"] == "vaultnet.launch:main"
    real_import = builtins.__import__

    def interrupted(name, *args, **kwargs):
        if name == "vaultnet.cli":
            raise KeyboardInterrupt
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", interrupted)
    monkeypatch.setattr("sys.argv", ["vaultnet", "--help"])  # not pytest's arguments
    with pytest.raises(SystemExit) as stopped:
        try:
            launch.main()
        except KeyboardInterrupt:  # would stop the whole test run
            pytest.fail("Ctrl-C while loading escaped as a traceback")
        finally:  # the entry point left the collector off, as the process ends: not pytest's
            gc.enable()
    assert stopped.value.code == 1
    assert capsys.readouterr().err == "Aborted!\n"


def test_the_command_runs_with_the_collector_on_and_start_up_set_aside(monkeypatch):
    """The cyclic collector is off while the command line loads, then what loading
    made is frozen (never searched again) and the collector is on for the command."""
    import gc

    import vaultnet.cli
    from vaultnet import launch

    seen = {}

    def command() -> None:
        seen.update(enabled=gc.isenabled(), frozen=gc.get_freeze_count())

    monkeypatch.setattr(vaultnet.cli, "main", command)
    monkeypatch.setattr("sys.argv", ["vaultnet", "--version"])
    gc.unfreeze()
    try:
        launch.main()
    finally:
        gc.unfreeze()  # pytest goes on in this process
        gc.enable()
    assert seen["enabled"] and seen["frozen"] > 10_000


@pytest.mark.parametrize("args, walk", [
    (["index"], (True, None)),
    (["--debug", "due", "--vault", "/v"], (True, "/v")),
    (["report", "--vault=/v", "--today", "2026-11-23"], (True, "/v")),
    (["log", "Ann", "said --vault is a flag"], (True, None)),
    (["search", "--", "--vault", "/v"], (True, None)),  # after --: words, not options
    (["import", "vcard", "a.vcf", "--vault", "v"], (True, "v")),
    (["init", "/v"], (False, None)),  # writes before anything is walked
    (["nosuch"], (False, None)),  # Click says there is no such command
    ([], (False, None)),
    (["--version"], (False, None)),
    (["due", "--help"], (False, None)),
    (["due", "--vault"], (False, None)),  # Click says what is missing
    (["--vault", "/v", "due"], (True, "/v")),  # given before the command
    (["--vault=/v", "--debug", "report"], (True, "/v")),
    (["--vault", "/v", "due", "--vault", "/w"], (True, "/w")),  # the command's own wins
    (["--vault", "due"], (False, None)),  # "due" is the vault: no command
])
def test_the_commands_that_walk_first_are_known_before_the_command_line_loads(args, walk):
    from vaultnet.launch import vault_to_walk

    assert vault_to_walk(args) == walk


def test_the_vault_to_walk_ahead_comes_from_the_environment(monkeypatch):
    from vaultnet.launch import WALK_FIRST, vault_to_walk

    monkeypatch.setenv("VAULTNET_VAULT", "/env")
    assert vault_to_walk(["due"]) == (True, "/env")
    assert vault_to_walk(["due", "--vault", "/v"]) == (True, "/v")
    assert set(cli.commands) >= WALK_FIRST  # each a command the command line has


def test_the_entry_point_begins_the_walk_ahead(example, monkeypatch, capsys):
    import sys

    from vaultnet import discover, launch

    begun = []
    monkeypatch.setattr(discover, "walk_ahead", begun.append)
    monkeypatch.setattr(sys, "argv", ["vaultnet", "index", "--vault", str(example)])
    with pytest.raises(SystemExit) as ended:
        launch.main()
    assert ended.value.code == 0 and begun == [str(example)]
    assert capsys.readouterr().out.startswith("Indexed ")


def probed(at_end: str, *args: str):
    """``vaultnet ARGS`` run as the entry point runs it, in a process of its own,
    which prints ``at_end: VALUE``, an expression's value once vaultnet has ended
    (by an ``atexit`` handler registered first, so run last)."""
    import subprocess
    import sys

    probe = ("import atexit, gc, sys\n"
             f"atexit.register(lambda: print({at_end!r} + ':', {at_end}))\n"
             "sys.argv = ['vaultnet', *sys.argv[1:]]\n"
             "from vaultnet.launch import main\n"
             "main()\n")
    return subprocess.run([sys.executable, "-c", probe, *map(str, args)],
                          capture_output=True, text=True, timeout=60)


def test_the_command_ends_without_python_searching_for_cycles(example):
    """Once a command is done, ``gc.freeze`` spares the interpreter's last search
    of every object for cycles (10-30 ms, measured in bench/); what the command
    wrote is whole: the pages, and an index the next command reads."""
    frozen = "gc.get_freeze_count() > 0"
    report = probed(frozen, "report", "--vault", example, "--today", "2026-11-23")
    assert report.returncode == 0, report.stderr
    assert report.stdout.endswith(f"{frozen}: True\n")
    assert (example / "Reviews" / "2026-W48.md").read_text().rstrip().endswith("next week?")
    index = probed(frozen, "index", "--json", "--vault", example, "--today", "2026-11-23")
    assert index.returncode == 0 and index.stdout.endswith(f"{frozen}: True\n")
    assert json.loads(index.stdout.splitlines()[0])["people"] == 16


def test_the_command_after_a_report_reads_its_pages_without_the_parser(example):
    """A report writes its pages into the vault, and the next command finds them
    changed: it knows them for vaultnet's own by their first lines, where it used
    to import the whole parser (a third of a short command) to read them."""
    parser = "'vaultnet.parse.note' in sys.modules"
    report = probed(parser, "report", "--vault", example, "--today", "2026-11-30")
    assert report.returncode == 0 and "created   Reviews/2026-W49.md" in report.stdout
    due = probed(parser, "due", "--json", "--vault", example, "--today", "2026-11-30")
    assert due.returncode == 0, due.stderr
    assert due.stdout.endswith(f"{parser}: False\n") and json.loads(due.stdout.splitlines()[0])


def test_due_sizes_its_table_without_importing_shutil(example):
    """shutil, imported for its terminal size alone, brings bz2, lzma and zlib along:
    7 M instructions of every `vaultnet due`."""
    loaded = "'shutil' in sys.modules"
    probed(loaded, "index", "--vault", example)  # the first command writes .vaultnet/
    due = probed(loaded, "due", "--vault", example, "--today", "2026-11-23")
    assert due.returncode == 0, due.stderr
    assert "REASON" in due.stdout and due.stdout.endswith(f"{loaded}: False\n")


def test_the_terminal_width_is_read_as_shutil_reads_it(monkeypatch):
    import shutil

    from vaultnet.output import terminal_width

    for columns in ("132", "0", "-3", "wide", None):
        if columns is None:
            monkeypatch.delenv("COLUMNS", raising=False)
        else:
            monkeypatch.setenv("COLUMNS", columns)
        assert terminal_width(77) == shutil.get_terminal_size((77, 24)).columns
    monkeypatch.setenv("COLUMNS", "132")
    assert terminal_width() == 132


@pytest.mark.parametrize("command", [
    ["check", "--json"], ["search", "Lena"], ["due", "--json", "--today", "2026-11-23"],
    ["balance", "--today", "2026-11-23"], ["export", "vcard"]])
def test_output_into_a_closed_pipe_ends_quietly(example, command):
    """`vaultnet check | head -1`: once the reader has gone, the command stops
    without a word on stderr, as other command-line tools do."""
    import os
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written
    try:
        done = subprocess.run([sys.executable, "-m", "vaultnet", *command, "--vault", str(example)],
                              stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (1, "")


def test_the_vault_can_be_given_before_the_command(run, tmp_path):
    """`vaultnet --vault ~/vault due`, as git's `-C`: over VAULTNET_VAULT, under the
    command's own --vault."""
    ann = write_vault(tmp_path / "ann", {"People/Ann.md": "---\nrole: mentor\nmet: 2026-11-20\n---\n"})
    bo = write_vault(tmp_path / "bo", {"People/Bo.md": "---\nrole: mentor\nmet: 2026-11-20\n---\n"})

    def people(*args, env=None):
        result = run(*args, "--today", "2026-11-23", "--json", env=env)
        assert result.exit_code == 0, result.output
        return [item["person"] for item in json.loads(result.stdout)]

    assert people("--vault", ann, "due") == ["Ann"]
    assert people("--vault", ann, "due", env={"VAULTNET_VAULT": str(bo)}) == ["Ann"]
    assert people("--vault", ann, "due", "--vault", bo) == ["Bo"]
    assert people("due", env={"VAULTNET_VAULT": str(bo)}) == ["Bo"]
    result = run("--vault", ann, "log", "Ann", "coffee", "--date", "2026-11-22")
    assert result.exit_code == 0 and "2026-11-22 coffee" in (ann / "People/Ann.md").read_text()
    assert run("--vault", tmp_path / "new", "init").exit_code == 0
    assert (tmp_path / "new/.vaultnet/config.toml").exists()


def test_control_characters_from_the_vault_are_shown_not_sent_to_the_terminal(run, vault):
    """A vault may come from someone else: a name or a line holding ESC could
    set the terminal's title, write its clipboard or clear the screen."""
    title = "Eve \x1b]0;pwned\x07"
    root = vault({
        f"People/{title}.md": "---\nrole: mentr\n---\n- 2026-11-20 call \x1b[2J about it #asked\n"
                              "- [ ] send \x1b]52;c;aGk=\x07 it 📅 2026-11-20\n",
    })
    shown_title = "Eve \\x1b]0;pwned\\x07"
    outputs = {
        "due": run("due", "--vault", root, "--horizon", "30d"),
        "check": run("check", "--vault", root),
        "search": run("search", "--vault", root, "call"),
        "log": run("log", "--vault", root, "Nobody \x1b[2J", "coffee"),
    }
    for command, result in outputs.items():
        assert "\x1b" not in result.output and "\x07" not in result.output, command
    due = outputs["due"].stdout.splitlines()
    assert due[1].split("  ")[-1] == "send \\x1b]52;c;aGk=\\x07 it"
    assert f"{shown_title}  referral-outcome  asked 2026-11-20: call \\x1b[2J" in due[2]
    assert outputs["check"].stdout.startswith(f"People/{shown_title}.md:2: role: unknown role")
    assert outputs["search"].stdout.startswith(f"People/{shown_title}.md  (person)\n")
    assert "Nobody \\x1b[2J" in outputs["log"].stderr


@pytest.mark.parametrize("text, controls", [
    ("", False), ("Ann Lee", False), ("Zoë Brandt — peer « ok » ½\xa0x 😀", False),
    ("a\tb", True), ("a\nb", True), ("\x1b[2J", True), ("x\x7f", True), ("C1 \x9b31m", True),
    ("\x85", True), ("\ud800 lone surrogate", False),
])
def test_has_controls(text, controls):
    from vaultnet.words import has_controls, shown

    assert has_controls(text) is controls
    assert (shown(text) != text) is controls


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "ascii"])
def test_output_in_an_encoding_that_cannot_write_every_name(tmp_path, encoding):
    """Windows writes a pipe in its code page (cp1252), a locale may be latin-1: a
    table shows `?` for a letter it cannot write instead of stopping with an
    error, and --json is UTF-8 all the same, as JSON is read (RFC 8259)."""
    import os
    import subprocess
    import sys

    root = write_vault(tmp_path / "vault", {
        "People/Кирилл Иванов.md": "---\nrole: mentor\nmet: 2026-11-01\n---\n",
        "People/Zoë Brandt.md": "---\nrole: peer\ncadence: 1w\n---\n- 2026-11-03 coffee…\n",
    })
    env = {**os.environ, "PYTHONIOENCODING": encoding}

    def vaultnet(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "vaultnet", *args, "--vault", str(root)],
                              capture_output=True, env=env, timeout=60)

    table = vaultnet("due", "--today", "2026-11-23")
    assert (table.returncode, table.stderr) == (0, b"")
    text = table.stdout.decode(encoding if encoding != "ascii" else "utf-8")
    assert "Кирилл Иванов" in text or "?????? ??????" in text
    for args in (["due", "--json", "--today", "2026-11-23"], ["search", "coffee", "--json"],
                 ["balance", "--json", "--today", "2026-11-23"], ["check", "--json"]):
        done = vaultnet(*args)
        assert done.returncode in (0, 1) and b"Error" not in done.stderr, (args, done.stderr)
        json.loads(done.stdout.decode("utf-8"))
    people = json.loads(vaultnet("due", "--json", "--today", "2026-11-23").stdout.decode("utf-8"))
    assert {item["person"] for item in people} == {"Кирилл Иванов", "Zoë Brandt"}
    found = json.loads(vaultnet("search", "coffee", "--json").stdout.decode("utf-8"))
    assert [hit["title"] for hit in found] == ["Zoë Brandt"]


@pytest.mark.parametrize("args, says", [
    (["review"], "No such command 'review': `vaultnet report` writes the weekly review"),
    (["Lint"], "No such command 'Lint': `vaultnet check` lists every problem"),
    (["reindex"], "`vaultnet index` brings the index up to date (`--full` rebuilds it)"),
    (["calendar"], "`vaultnet export ics` writes your follow-ups as a calendar"),
    (["export", "calendar"], "No such command 'calendar': `vaultnet export ics`"),
    (["import", "csv"], "`vaultnet import linkedin Connections.csv`"),
    (["contacts"], "`vaultnet import vcard FILE.vcf` brings people in from an address book; "
                   "`vaultnet export vcard` writes them out"),
    (["help"], "No such command 'help': `vaultnet --help` lists the commands"),
    (["version"], "`vaultnet --version` says which vaultnet this is"),
])
def test_a_command_asked_for_by_another_name_names_the_one_that_does_it(run, args, says):
    """Click's closest spelling misleads here ('lint': "Did you mean 'init'?")."""
    result = run(*args)
    assert result.exit_code == 2
    assert says in result.stderr
    assert "Did you mean" not in result.stderr


def test_every_command_named_for_another_name_is_one():
    from vaultnet.cli.base import _DOES, _MEANT

    for group, words in _MEANT.items():
        assert group is None or isinstance(cli.commands[group], click.Group)
        for word, meant in words.items():
            assert word == word.lower() and meant in _DOES
            assert word not in (cli.commands[group] if group else cli).commands
    for text in _DOES.values():
        for named in re.findall(r"`vaultnet ([a-z]+(?: [a-z]+)*)", text):
            command = cli
            for word in named.split():  # the group's words, then the command's arguments
                if isinstance(command, click.Group):
                    command = command.commands[word]
            assert not isinstance(command, click.Group), text
    unknown = CliRunner().invoke(cli, ["revew"])
    assert unknown.exit_code == 2 and "No such command 'revew'." in unknown.stderr
