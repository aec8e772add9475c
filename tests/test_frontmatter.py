from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import parse
from vaultnet.model import Problem
from vaultnet.parse.frontmatter import FrontmatterError, decode, load, split
from vaultnet.parse.values import link_list, link_name, month_day, to_date


def test_split_accepts_bom_and_crlf():
    text, bad = decode("\ufeff---\r\nrole: mentor\r\n---\r\nbody\r\n".encode())
    assert not bad
    parts = split(text)
    assert parts.yaml_text == "role: mentor\n"
    assert parts.body == "body\n"
    assert parts.body_line == 4


def test_frontmatter_only_at_the_very_start():
    parts = split("\n---\nrole: mentor\n---\n")
    assert parts.yaml_text is None
    assert parts.body_line == 1


def test_frontmatter_needs_a_closing_fence():
    parts = split("---\nrole: mentor\nno closing line\n")
    assert parts.yaml_text is None and parts.unclosed


def test_a_dash_line_inside_the_body_is_not_frontmatter():
    parts = split("---\na: 1\n---\ntext\n---\nmore\n")
    assert parts.yaml_text == "a: 1\n"
    assert parts.body == "text\n---\nmore\n"


def test_four_dashes_do_not_open_frontmatter():
    assert split("----\na: 1\n----\n").yaml_text is None


def test_empty_frontmatter_is_an_empty_mapping():
    parts = split("---\n---\nbody")
    assert parts.yaml_text == "" and load(parts.yaml_text) == {}
    assert parts.body_line == 3


def test_keys_are_case_insensitive():
    assert load("Role: mentor\nCADENCE: 2w\n") == {"role": "mentor", "cadence": "2w"}


def test_non_mapping_frontmatter_is_an_error_with_a_line():
    with pytest.raises(FrontmatterError) as caught:
        load("- a\n- b\n")
    assert "not a mapping" in str(caught.value) and caught.value.line == 2


def test_broken_yaml_reports_the_file_line():
    with pytest.raises(FrontmatterError) as caught:
        load("role: mentor\ncadence: [2w\nmet: 2026-01-01\n")
    assert caught.value.line >= 3


def test_broken_yaml_note_is_still_indexed_from_body_and_folder():
    note = parse("People/Ann.md", "---\nrole: [mentor\n---\n- 2026-11-01 coffee 45m\n")
    assert note.type == "person"
    assert [p.line for p in note.problems] == [3]
    assert "broken YAML" in note.problems[0].message
    assert [(e.date, e.minutes) for e in note.events] == [(date(2026, 11, 1), 45)]


def _laughs(levels: int) -> str:
    """YAML whose aliases repeat nine lists of nine ``levels`` deep: 9 ** levels values."""
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for before, name in zip("abcdefghi", "bcdefghij"[: levels - 1], strict=False):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{before}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("yaml_text, line, message", [
    ("x: &a [*a]\n", 2, "a YAML alias (*name) puts a list or map inside itself"),
    ("role: peer\nx: &a {k: [1, *a]}\n", 3, "a YAML alias (*name) puts a list or map inside itself"),
    (_laughs(5), 2, "YAML aliases (*name) repeat values here into more than 10,000"),
    ("role: peer\n" + _laughs(9) + "tags: *i\n", 3,
     "YAML aliases (*name) repeat values here into more than 10,000"),
])
def test_yaml_aliases_that_never_end_are_broken_yaml(yaml_text, line, message):
    # Each stopped every command (RecursionError), or filled the memory until the
    # system stopped vaultnet; it is now a problem on the anchor's line.
    with pytest.raises(FrontmatterError) as caught:
        load(yaml_text)
    assert (caught.value.line, str(caught.value)[: len(message)]) == (line, message)
    note = parse("People/Ann.md", f"---\n{yaml_text}---\n- 2026-11-01 coffee\n")
    assert [p.line for p in note.problems] == [line] and len(note.events) == 1


def test_yaml_aliases_that_repeat_a_few_values_are_read():
    assert load("base: &r [peer, mentor]\nrole: *r\n" + _laughs(3))["role"] == ["peer", "mentor"]


def test_template_placeholder_is_reported_not_raised():
    note = parse("Meetings/x.md", "---\ncreated: {{date}}\n---\ntext\n")
    assert note.problems and "broken YAML" in note.problems[0].message


@pytest.mark.parametrize("value", [date(2026, 3, 14), "2026-03-14", " 2026-03-14 ", "2026-03-14 09:30"])
def test_dates_quoted_or_not(value):
    assert to_date(value) == date(2026, 3, 14)


@pytest.mark.parametrize("value", [
    "[[2026-03-14]]", "[[Daily/2026-03-14 Saturday|Sat]]", " [[2026-03-14#Meetings]] ",
    [[date(2026, 3, 14)]], [["2026-03-14 Saturday"]],  # unquoted: YAML's list in a list
])
def test_a_link_to_the_days_note_is_the_day(value):
    """As a meeting template writes its date: a link to that day's daily note."""
    assert to_date(value) == date(2026, 3, 14)


def test_a_meeting_dated_by_a_link_to_its_day_counts_on_that_day():
    note = parse("Meetings/Sync.md", '---\ndate: "[[2026-11-20]]"\n---\nwith [[Ann]]\n')
    assert note.date == date(2026, 11, 20) and note.problems == []
    assert (date(2026, 11, 20), "ann") in [(e.date, e.target) for e in note.events]
    unquoted = parse("Meetings/Sync.md", "---\ndate: [[2026-11-20]]\n---\nwith [[Ann]]\n")
    assert unquoted.date == date(2026, 11, 20) and unquoted.problems == []


@pytest.mark.parametrize("value", ["2026-13-01", "14/03/2026", "soon", 5, "[[Ann]]", [["Ann"]],
                                   "[[2026-02-30]]", [[date(2026, 3, 14), "x"]]])
def test_bad_dates_raise(value):
    with pytest.raises(ValueError):
        to_date(value)


@pytest.mark.parametrize("value", [
    '[[Python]]', [["Python"]], "Python", "[[Python|py]]", "[[Python#Basics]]",
])
def test_links_in_every_yaml_shape(value):
    assert link_name(value) == "Python"


def test_link_lists_quoted_and_unquoted():
    assert link_list(["[[A]]", "[[B]]"]) == ["A", "B"]
    assert link_list([[["A"]], [["B"]]]) == ["A", "B"]
    assert link_list([["A"]]) == ["A"]  # skills: [[A]] unquoted
    assert link_list("[[A]]") == ["A"]


@pytest.mark.parametrize("written", ['"[[Go]], [[Rust|the crab]]"', "Go, Rust", '"[[Go]] [[Rust]]"',
                                     "[Go, Rust]"])
def test_a_persons_skills_written_on_one_line_are_each_of_them(written):
    """`skills: "[[Go]], [[Rust]]"` was one skill, "[[Go]], [[Rust]]", and check said it
    "links to [[[[Go]], [[Rust]]]]"."""
    note = parse("People/Ann.md", f"---\nskills: {written}\n---\n")
    assert note.person.skills == ("go", "rust") and note.problems == []


@pytest.mark.parametrize("value, expected", [
    (date(1990, 2, 28), "1990-02-28"), ("03-14", "03-14"), ("02-29", "02-29"), ("--12-01", "12-01"),
])
def test_birthdays_with_or_without_year(value, expected):
    assert month_day(value) == expected


def test_person_fields_are_typed():
    note = parse("People/Ann.md", """---
Role: [Mentor, peer]
cadence: 2w
met: 2026-03-14 at PyCon
next: "2026-12-01"
birthday: 11-27
milestones:
  - 2026-11-10 promoted
  - {date: 2026-10-01, what: joined Globex}
skills: [[Python]]
private: true
---
""")
    person = note.person
    assert person.roles == ("mentor", "peer")
    assert person.cadence == "2w"
    assert (person.met, person.met_where) == (date(2026, 3, 14), "PyCon")
    assert person.next == date(2026, 12, 1)
    assert person.birthday == "11-27"
    assert [(m.date, m.what) for m in person.milestones] == [
        (date(2026, 11, 10), "promoted"), (date(2026, 10, 1), "joined Globex")]
    assert person.skills == ("python",)
    assert person.private is True
    assert note.problems == []


@pytest.mark.parametrize("written, milestones", [
    # A map of days to what happened, as YAML writes one naturally.
    ("milestones:\n  2026-11-10: promoted\n  '2026-10-01': joined Globex",
     [(date(2026, 11, 10), "promoted"), (date(2026, 10, 1), "joined Globex")]),
    ("milestones: {2026-11-10: promoted}", [(date(2026, 11, 10), "promoted")]),
    # A map of its own with another word for what happened.
    ("milestones:\n  - date: 2026-11-10\n    title: promoted", [(date(2026, 11, 10), "promoted")]),
    ("milestones:\n  - {Date: 2026-11-10, Event: launched}", [(date(2026, 11, 10), "launched")]),
])
def test_milestones_are_read_as_people_write_them(written, milestones):
    note = parse("People/Ann.md", f"---\n{written}\n---\n")
    assert [(m.date, m.what) for m in note.person.milestones] == milestones
    assert note.problems == []


@pytest.mark.parametrize("written, message", [
    ("  - promoted to Staff (2026-11-10)", "'promoted to Staff (2026-11-10)' does not start with "
                                          "a YYYY-MM-DD date; write '- 2026-11-10 promoted to Staff'"),
    ("  - promoted, 2026-11-10", "write '- 2026-11-10 promoted'"),
    # The day after what happened: the line to write puts it first.
    ("  promoted: 2026-11-10", "'promoted' does not start with a YYYY-MM-DD date; write "
                               "'- 2026-11-10 promoted'"),
])
def test_a_milestone_not_read_is_named_with_the_line_to_write(written, message):
    note = parse("People/Ann.md", f"---\nmilestones:\n{written}\n---\n")
    assert not note.person.milestones
    assert [p.line for p in note.problems] == [2]
    assert note.problems[0].message.endswith(message)


@pytest.mark.parametrize("written, roles", [
    ("role: Mentor, Peer", ("mentor", "peer")),  # names between commas, as aliases
    ('role: "[[Mentor]]"', ("mentor",)),  # a link to a note of the role
    ("role: [[mentor]]", ("mentor",)),  # the same, unquoted: YAML's nested list
    ("role: [\"#mentor\", Sponsors]", ("mentor", "sponsor")),  # a tag; a plural
    ("role: [mentor, Mentors]", ("mentor",)),  # once
])
def test_roles_as_people_write_them(written, roles):
    note = parse("People/Ann.md", f"---\n{written}\n---\n")
    assert note.person.roles == roles
    assert [p.message for p in note.problems if "role" in p.message] == []


@pytest.mark.parametrize("written, skills, network, balance", [
    # Lists of one-key maps, as YAML's "- " makes them.
    ('skills:\n  - "[[System Design]]": 4\n  - "[[Go]]": 3\nnetwork:\n  - mentor: 2',
     {"System Design": 4, "Go": 3}, {"mentor": 2}, 50),
    # Roles alone: one relationship of each, as many as named; a percent with its sign.
    ("network: [mentor, Mentor, sponsor]\nbalance: 60%", {}, {"mentor": 2, "sponsor": 1}, 60),
    ('balance: "40 %"', {}, {}, 40),
])
def test_a_goals_skills_network_and_balance_as_people_write_them(written, skills, network,
                                                                  balance):
    note = parse("Goals/Staff.md", f"---\n{written}\n---\n")
    assert note.problems == []
    assert (note.goal.skills, note.goal.network, note.goal.balance) == (skills, network, balance)


@pytest.mark.parametrize("written, level", [
    ("2", 2), ("2/5", 2), ('"3 of 5"', 3), ("4 out of 5", 4), ("⭐⭐⭐", 3), ("★", 1),
    ("⭐️⭐️", 2),  # with the emoji's variation selector, as phones write it
    ("3/4", None), ("⭐⭐⭐⭐⭐⭐", None), ("6/5", None), ("intermediate", None),
])
def test_a_skills_level_as_people_write_it(written, level):
    note = parse("Skills/Go.md", f"---\nlevel: {written}\ntarget: {written}\n---\n")
    assert (note.skill.level, note.skill.target) == (level, level)
    assert len(note.problems) == (0 if level is not None else 2)


def test_a_goals_list_of_skills_without_levels_is_named_with_the_map_to_write():
    note = parse("Goals/Staff.md", '---\nskills: ["[[System Design]]", "[[Go]]"]\n---\n')
    assert [p.message for p in note.problems] == [
        'skills: must be a map of skill link to target level: "[[System Design]]": 4']


@pytest.mark.parametrize("written, said", [
    # A deadline written as a period said "write YYYY-MM-DD": the message now names its end.
    ("2027-06", "'2027-06' is a month, not a day; write a day, such as its last: 2027-06-30"),
    ("June 2027", "'June 2027' is a month, not a day; write a day, such as its last: 2027-06-30"),
    ("Feb 2028", "'Feb 2028' is a month, not a day; write a day, such as its last: 2028-02-29"),
    ("06/2027", "'06/2027' is a month, not a day; write a day, such as its last: 2027-06-30"),
    ("Q2 2027", "'Q2 2027' is a quarter, not a day; write a day, such as its last: 2027-06-30"),
    ("by Q4-2027", "'by Q4-2027' is a quarter, not a day; write a day, such as its last: "
                   "2027-12-31"),
    ("H1 2027", "'H1 2027' is a half year, not a day; write a day, such as its last: "
                "2027-06-30"),
    ("2027", "2027 is a year, not a day; write a day, such as its last: 2027-12-31"),
    ("end of 2027", "'end of 2027' is a year, not a day; write a day, such as its last: "
                    "2027-12-31"),
    # Anything else is said as any date is.
    ("2027-13", "'2027-13' is not a date; write YYYY-MM-DD"),
    ("2027-2028", "'2027-2028' is not a date; write YYYY-MM-DD"),
    ("Q5 2027", "'Q5 2027' is not a date; write YYYY-MM-DD"),
    ("30.06.2027", "'30.06.2027' is not a date; write 2027-06-30"),
    ("2027-06-31", "'2027-06-31' is not a real date: June 2027 has 30 days"),
])
def test_a_goals_deadline_written_as_a_period_says_the_day_it_ends(written, said):
    note = parse("Goals/Staff.md", f"---\ntarget_role: Staff\nby: {written}\n---\n")
    assert note.goal.by is None
    assert [(p.line, p.message) for p in note.problems] == [(3, f"by: {said}")]


def test_a_goals_network_takes_roles_as_people_write_them():
    note = parse("Goals/Lead.md", "---\nnetwork:\n  Mentors: 2\n  '#peer': 3\n  mentr: 1\n---\n")
    assert note.goal.network == {"mentor": 2, "peer": 3}
    assert [p.message.split(";")[0] for p in note.problems] == ["network: unknown role 'mentr' (a mentor?)"]


@pytest.mark.parametrize("role, hint", [
    ("coworker", " (a colleague?)"), ("Coach", " (a mentor?)"), ("direct_report", " (a mentee?)"),
    ("managers", " (a colleague, or a sponsor if they speak up for you?)"),
    ("investor", " (other?)"), ("mentr", " (a mentor?)"), ("xyzzy", ""),
])
def test_an_unknown_role_names_the_one_it_may_be(role, hint):
    note = parse("People/Ann.md", f"---\nrole: {role}\n---\n")
    assert [p.message for p in note.problems] == [
        f"role: unknown role {role.lower()!r}{hint}; use one of mentor, sponsor, peer, colleague, "
        "leader, mentee, other"]
    assert note.person.roles == ()


@pytest.mark.parametrize("written, where", [
    ("2026-11-20 at PyCon US", "PyCon US"), ("2026-11-20, PyCon", "PyCon"),
    ("2026-11-20 - KubeCon", "KubeCon"), ('"2026-11-20 (a meetup)"', "a meetup"),
    ("2026-11-20 At the bar", "the bar"), ("2026-11-20 at", None), ("2026-11-20 ,", None),
    ("2026-11-20 Atlanta", "Atlanta"),
    # The day as a link to its daily note, quoted or not.
    ('"[[2026-11-20]] at PyCon"', "PyCon"), ("[[2026-11-20]]", None),
    ('"[[Daily/2026-11-20|Fri]]"', None),
])
def test_where_you_met_is_read_as_people_write_it(written, where):
    """The pages say "met 2026-11-20 at PyCon": not "at , PyCon" or "at At the bar"."""
    person = parse("People/Ann.md", f"---\nmet: {written}\n---\n").person
    assert (person.met, person.met_where) == (date(2026, 11, 20), where)


def test_bad_person_values_are_problems_on_their_lines():
    note = parse("People/Ann.md", "---\nrole: mentr\ncadence: sometimes\nmet: yesterday\n---\n")
    assert [(p.line, p.message.split(":")[0]) for p in note.problems] == [
        (2, "role"), (3, "cadence"), (4, "met")]
    assert "unknown role 'mentr'" in note.problems[0].message


def test_an_impossible_unquoted_date_is_a_problem_on_its_line_not_broken_yaml():
    """YAML reads 2026-02-30 as a date and fails; only that value is lost."""
    note = parse("People/Ann.md", "---\nrole: mentor\nmet: 2026-02-30\nnext: 2026-12-01\n---\n")
    assert [(p.line, p.message) for p in note.problems] == [
        (3, "met: '2026-02-30' is not a real date: February 2026 has 28 days")]
    assert note.person.roles == ("mentor",) and note.person.next == date(2026, 12, 1)


@pytest.mark.parametrize("value, meant", [
    ("11/25", "11-25"), ("Nov 25", "11-25"), ("25th of November", "11-25"),
    ("25.11.1985", "1985-11-25"), ("November 25, 1985", "1985-11-25"),
    ("05/06/1985", "YYYY-MM-DD or MM-DD"),  # May or June: not guessed
    ("in the spring", "YYYY-MM-DD or MM-DD"), ("Nov 31", "YYYY-MM-DD or MM-DD"),
    ("99999999999999999999.11.", "YYYY-MM-DD or MM-DD"),  # no day, and no crash
    # As Chinese, Japanese and Korean write a day: they were told "YYYY-MM-DD or MM-DD".
    ("11月25日", "11-25"), ("1985年11月25日", "1985-11-25"), ("11월 25일", "11-25"),
    ("2月30日", "YYYY-MM-DD or MM-DD"),
])
def test_a_birthday_written_another_way_says_what_to_write(value, meant):
    note = parse("People/Ann.md", f"---\nbirthday: {value}\n---\n")
    assert [(p.line, p.message) for p in note.problems] == [
        (2, f"birthday: {value!r} is not a birthday; write {meant}")]


@pytest.mark.parametrize("key, value, said", [
    ("met", "Nov 20, 2026", "'Nov 20, 2026' does not start with a YYYY-MM-DD date; write 2026-11-20"),
    ("met", "20.11.2026 at PyCon", "'20.11.2026 at PyCon' does not start with a YYYY-MM-DD date"),
    ("next", "2026/12/01", "'2026/12/01' is not a date; write 2026-12-01"),
    ("next", "12/01/2026", "'12/01/2026' is not a date; write YYYY-MM-DD"),  # not guessed
    ("last_contact", "1 Oct 2026", "'1 Oct 2026' is not a date; write 2026-10-01"),
    # With its weekday, as a calendar copies it; a weekday that is not the day's: not guessed.
    ("next", "'Friday, December 4, 2026'", "'Friday, December 4, 2026' is not a date; "
                                           "write 2026-12-04"),
    ("next", "Fri. 4 Dec 2026", "'Fri. 4 Dec 2026' is not a date; write 2026-12-04"),
    ("next", "Thursday 4 Dec 2026", "'Thursday 4 Dec 2026' is not a date; write YYYY-MM-DD"),
    ("next", "2026年12月4日", "'2026年12月4日' is not a date; write 2026-12-04"),
    ("met", "2026년 11월 20일 at PyCon", "'2026년 11월 20일 at PyCon' does not start with a "
                                           "YYYY-MM-DD date"),
])
def test_a_date_written_another_way_says_what_to_write(key, value, said):
    note = parse("People/Ann.md", f"---\nrole: peer\n{key}: {value}\n---\n")
    assert [(p.line, p.message) for p in note.problems] == [(3, f"{key}: {said}")]


@pytest.mark.parametrize("value", ["1985-11-27T00:00", "1985-11-27 00:00", "1985-11-27T00:00:00"])
def test_a_birthday_of_obsidians_date_and_time_type_is_its_day(value):
    """A property set to "Date & time" in Obsidian writes the day with a time."""
    note = parse("People/Ann.md", f"---\nbirthday: {value}\n---\n")
    assert note.person.birthday == "1985-11-27" and note.problems == []


@pytest.mark.parametrize("written, message", [
    # As the note writes them, not as Python shows them (True, [datetime.date(2026, 11, 1)]).
    ("last_contact: true", "last_contact: true is not a date; write YYYY-MM-DD"),
    ("next: [2026-11-01]", "next: [2026-11-01] is a list; write the date alone: 2026-11-01"),
    ("met: [[2026-11-01, x]]", "met: [[2026-11-01, x]] is not a date; write YYYY-MM-DD"),
    ("birthday: {may: 4}", "birthday: {may: 4} is not a birthday; write YYYY-MM-DD or MM-DD"),
    ("cadence: [2w, 1m]", "cadence: cannot read [2w, 1m] as a cadence (use 10d, 2w, 3m, 1y, "
                          "weekly, biweekly, monthly, quarterly, yearly or never)"),
    ("cadence: 2", "cadence: 2 needs a unit, e.g. 2d (use 10d, 2w, 3m, 1y, weekly, biweekly, "
                   "monthly, quarterly, yearly or never)"),
    ("skills: 2026-11-01 12:00:00", 'skills: 2026-11-01 12:00:00 is not a list of links; '
                                    'write ["[[A]]", "[[B]]"]'),
    ("milestones: 3", "milestones: 3 is not a list; write '- YYYY-MM-DD what happened' on a "
                      "line of its own for each"),
])
def test_a_value_of_the_wrong_kind_is_named_as_written(written, message):
    note = parse("People/Ann.md", f"---\n{written}\n---\n")
    assert [p.message for p in note.problems] == [message]


def test_a_long_value_is_quoted_cut_in_a_message():
    """A paragraph pasted into `met:` came back whole, 5,000 characters of it."""
    note = parse("People/Ann.md", "---\nmet: " + "we met at the conference " * 200 + "\n---\n")
    message = note.problems[0].message
    assert len(message) < 150 and message.startswith("met: 'we met at the conference")
    assert message.endswith("…' does not start with a YYYY-MM-DD date")


def test_one_milestone_may_be_a_bare_date_on_the_keys_line():
    note = parse("People/Ann.md", "---\nmilestones: 2026-11-10\n---\n")
    assert note.problems == [] and [m.date for m in note.person.milestones] == [date(2026, 11, 10)]


def test_an_impossible_birthday_says_what_to_write():
    note = parse("People/Ann.md", "---\nbirthday: 13-45\n---\n")
    assert [(p.line, p.message) for p in note.problems] == [
        (2, "birthday: '13-45' is not a day of the year; write YYYY-MM-DD or MM-DD")]


@pytest.mark.parametrize("value, private, shown", [
    ("true", True, None), ("yes", True, None), ("false", False, None), ("no", False, None),
    ('"off"', False, None), ("", False, None), ("[]", False, None),
    # Unclear: kept private, and said so, the value as written (not Python's ['a']).
    ("maybe", True, "'maybe'"), ("[a]", True, "[a]"),
])
def test_private_is_true_false_or_kept_private(value, private, shown):
    note = parse("People/Ann.md", f"---\nprivate: {value}\n---\n")
    assert note.person.private is private
    assert [p.message for p in note.problems] == (
        [f"private: {shown} is neither true nor false; kept private "
         "until it says true or false"] if shown else [])


def test_goal_and_skill_fields():
    goal = parse("Goals/G.md", '---\nskills:\n  "[[Go]]": 3\nnetwork:\n  mentor: 2\nbalance: 60\n---\n')
    assert goal.goal.skills == {"Go": 3} and goal.goal.network == {"mentor": 2}
    assert goal.goal.balance == 60
    skill = parse("Skills/Go.md", '---\nlevel: 1\ntarget: 6\ngoal: "[[G]]"\n---\n')
    assert skill.skill.level == 1 and skill.skill.target is None
    assert "target" in skill.problems[0].message


def test_non_utf8_note_is_reported_at_its_line_and_read():
    note = parse("People/Ann.md", b"---\nrole: peer\n---\nfine\r\ncaf\xe9 and cr\xe8me\n")
    assert note.person.roles == ("peer",)
    assert note.problems == [Problem("People/Ann.md", 5, "not valid UTF-8; save the note as "
                                     "UTF-8 (unreadable bytes were read as \ufffd)")]
    assert note.text == "fine\ncaf\ufffd and cr\ufffdme\n"


def test_bom_and_crlf_note_parses_to_the_same_events_and_lines():
    lf = "---\nrole: peer\n---\n# Ann\n- 2026-11-20 coffee 45m #gave\n"
    crlf = ("\ufeff" + lf.replace("\n", "\r\n")).encode("utf-8")
    a, b = parse("People/Ann.md", lf), parse("People/Ann.md", crlf)
    assert b.person.roles == ("peer",) and b.events == a.events
    assert [e.line for e in b.events] == [5]


@pytest.mark.parametrize("line, filled", [
    ("email:", "email: ann@example.com"),
    ("email:  # work address", "email: ann@example.com  # work address"),
    ("email: ~ # later", "email: ann@example.com  # later"),
    ('email: ""', "email: ann@example.com"),
    ("email: NULL", "email: ann@example.com"),  # YAML's null in any case, as the plan reads it
    ("email: []", "email: ann@example.com"),
    ("email: a#b", "email: a#b"),  # a value (no space before #): the person's, kept
    ("email: x  # mine", "email: x  # mine"),
])
def test_filling_an_empty_key_keeps_its_comment(line, filled):
    from vaultnet.create import frontmatter_yaml
    from vaultnet.parse.frontmatter import fill_keys

    for newline in ("\n", "\r\n"):
        note = f"---{newline}role: peer   # met at KubeCon{newline}{line}{newline}---{newline}Body.{newline}"
        result = fill_keys(note, {"email": "ann@example.com"}, frontmatter_yaml)
        assert result == note.replace(line, filled)


@pytest.mark.parametrize("written, aliases, problem", [
    ("aliases: Annie", ("Annie",), None),
    ("aliases: [Annie, A. Lee]", ("Annie", "A. Lee"), None),
    ("aliases: [[Annie]]", ("Annie",), None),  # unquoted: YAML's nested list
    ('aliases: ["[[Annie]]", "[[A. Lee]]"]', ("Annie", "A. Lee"), None),
    ("aliases: 2024", ("2024",), None),
    ("aliases: {Annie: 1}", (), "aliases: {Annie: 1} is not a name; write a list of names"),
    # Names between commas are a list, as Obsidian reads them (the Linter writes them so).
    ("aliases: Annie, A. Lee,", ("Annie", "A. Lee"), None),
    ('aliases: "Lee, Ann"', ("Lee", "Ann"), None),
    ('aliases: ["Lee, Ann"]', ("Lee, Ann",), None),  # in a list: one name
])
def test_aliases_are_names_however_written(written, aliases, problem):
    note = parse("People/Ann.md", f"---\nrole: peer\n{written}\n---\n")
    assert note.aliases == aliases
    assert [(p.line, p.message.split(": [")[0]) for p in note.problems] == (
        [(3, problem)] if problem else [])


@pytest.mark.parametrize("written, message", [
    ("tags: {oncall: 1}", "tags: {oncall: 1} is not a list of words; write [a, b]"),
    ("tags: [a, {b: 1}]", "tags: [a, {b: 1}] is not a list of words; write [a, b]"),
    ("role: {peer: 1}", "role: {peer: 1} is not a role; write one of mentor, sponsor, peer, "
                        "colleague, leader, mentee, other, or a list of them"),
])
def test_a_map_where_words_go_is_a_problem_not_words(written, message):
    note = parse("People/Ann.md", f"---\n{written}\n---\n")
    assert (note.person.tags, note.person.roles) == ((), ())
    assert [(p.line, p.message) for p in note.problems] == [(2, message)]


@pytest.mark.parametrize("path, key, meant", [
    ("People/Ann.md", "cadance", "cadence"),            # a letter wrong
    ("People/Ann.md", "last-contact", "last_contact"),  # other separators
    ("People/Ann.md", "Last Contact", "last_contact"),
    ("People/Ann.md", "lastContact", "last_contact"),
    ("People/Ann.md", "e-mail", "email"),               # the CRM vault of the corpora
    ("People/Ann.md", "roles", "role"),                 # plural for singular
    ("People/Ann.md", "milestone", "milestones"),       # and the reverse
    ("People/Ann.md", "comapny", "company"),            # two letters swapped
    ("People/Ann.md", "birthdy", "birthday"),           # a letter missing
    ("Skills/Python.md", "targett", "target"),          # a letter added
    ("Goals/Staff.md", "target-role", "target_role"),
    ("Notes/Meeting.md", "alaises", "aliases"),         # every note's keys, in any note
])
def test_a_key_one_slip_from_one_vaultnet_reads_is_named(path, key, meant):
    note = parse(path, f"---\ntitle: x\n{key}: 2w\n---\n")
    assert [(p.line, p.message) for p in note.problems] == [
        (3, f"{key.lower()}: vaultnet does not read this key, so its value is ignored; "
            f"rename it to {meant} if that is what you meant")]


def test_obsidians_old_alias_and_tag_keys_say_how_to_rename_them():
    note = parse("Notes/Ann.md", '---\nalias: Annie\n"tag": person\n---\n')
    assert [(p.line, p.message.split(";")[0]) for p in note.problems] == [
        (2, "alias: Obsidian stopped reading this key in version 1.9 and vaultnet does not "
            "read it"),
        (3, "tag: Obsidian stopped reading this key in version 1.9 and vaultnet does not "
            "read it")]
    assert "rename it to aliases (Obsidian's Format converter" in note.problems[0].message


@pytest.mark.parametrize("path, keys", [
    # Keys of other tools, far from any vaultnet reads.
    ("People/Ann.md", "name: Ann\nposition: CTO\norg: Acme\nmobile: 1\ncreated: 2026-01-01"),
    # The key it resembles is there too: a second key, not a slip.
    ("People/Ann.md", "role: mentor\nroles: [mentor]\nphone: 1\nphones: [1, 2]"),
    # Ordinary notes hold keys of every kind: there a plural is not taken for a slip,
    # and keys that only typed notes read are not compared.
    ("Notes/Ann.md", "types: [a]\ncadance: 1\nroles: x\ndates: [1]"),
    # A skill note does not read a person's keys.
    ("Skills/Python.md", "level: 2\nroles: x\ne-mail: x"),
    ("People/Ann.md", "aliases: [Annie]\nalias: Annie"),
    # Left empty, as a template leaves them (the CRM vault's `E-mail:` in every
    # person): nothing is lost, and it would be read as unset under its right name.
    ("People/Ann.md", "E-mail:\ncadance: ''\nroles: []\nalias: ~\ncomapny: null"),
])
def test_keys_that_are_not_slips_are_not_named(path, keys):
    assert parse(path, f"---\n{keys}\n---\n").problems == []


def _edit_distance(a: str, b: str) -> int:
    """Damerau's distance (adjacent swaps count one), the slow and obvious way."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


def test_one_slip_is_an_edit_distance_of_one():
    from itertools import product

    from vaultnet.parse.properties import _one_slip

    words = ["".join(w) for n in range(5) for w in product("abc", repeat=n)]
    for a, b in product(words, repeat=2):
        assert _one_slip(a, b) == (_edit_distance(a, b) == 1), (a, b)


def test_a_key_written_twice_is_named_at_the_line_whose_value_is_lost():
    """YAML keeps the last value of a key written twice, without a word; and
    keys are read whatever their case, so `Cadence` and `cadence` are one key."""
    note = parse("People/Ann.md", "---\ncadence: 1m\nrole: peer\nmilestones:\n"
                                  "  - 2026-11-01 promoted\nCadence: 2w\n---\n")
    assert [(p.line, p.message) for p in note.problems] == [
        (2, "cadence: written again, as Cadence, on line 6, whose value is read; "
            "remove one of them")]
    assert note.person.cadence == "2w"
    again = parse("People/Bo.md", '---\nrole: peer\n"role": mentor\n---\n')
    assert [(p.line, p.message) for p in again.problems] == [
        (2, "role: written again on line 3, whose value is read; remove one of them")]


def test_an_empty_key_written_again_below_loses_nothing():
    """A template's `cadence:` left blank and `cadence: 2w` added below: only a value
    that is lost is named, here the one left when the blank comes last."""
    note = parse("People/Ann.md", "---\ncadence:\nrole: peer\ntags: []\nnext: ''\n"
                                  "cadence: 2w\ntags: [a]\nNext: 2026-12-01\n---\n")
    assert note.problems == [] and note.person.cadence == "2w"
    lost = parse("People/Ann.md", "---\ncadence: 2w\nrole: peer\ncadence:\n---\n")
    assert [(p.line, p.message) for p in lost.problems] == [
        (2, "cadence: written again on line 4, whose value is read; remove one of them")]


@pytest.mark.parametrize("yaml_text", [
    "a: 1\nb: |\n  a: 1\n  b: 2\n",              # keys inside a block of text
    "a: 1\nb:\n  - a: 1\n  - a: 2\n",             # and inside nested maps
    "a: &x\n  k: 1\nb:\n  <<: *x\n  k: 2\n",      # a merge key
    "a: 1\n# a: 2\nb: 2\n",                       # a comment
    "tags: [a,\n  b]\nrole: Staff Engineer\n",
])
def test_keys_written_once_are_not_named_twice(yaml_text):
    assert parse("Notes/x.md", f"---\n{yaml_text}---\n").problems == []


@pytest.mark.parametrize("kind", ["person", "skill", "goal", "note"])
def test_the_keys_check_knows_every_key_the_parser_reads(monkeypatch, kind):
    """The table of keys each type reads (what `check` compares slips with) is
    kept by hand beside the code that reads them: they must agree."""
    import vaultnet.parse.note as note_module
    import vaultnet.parse.properties as properties

    asked: set[str] = set()

    class Recording(dict):
        def get(self, key, default=None):
            asked.add(key)
            return super().get(key, default)

        def __getitem__(self, key):
            asked.add(key)
            return super().__getitem__(key)

        def __contains__(self, key):
            asked.add(key)
            return super().__contains__(key)

    real_load = note_module.load
    monkeypatch.setattr(note_module, "load", lambda text: Recording(real_load(text)))
    note = parse("Notes/x.md", f"---\ntags: [{kind}]\n---\n")  # typed by its tag: `tags` read too
    assert note.type == kind
    asked.discard("generated_by")  # read to leave vaultnet's own pages out, in any note
    assert asked == set(properties._KEYS_READ[kind]) | set(properties._EVERY_NOTE)


@pytest.mark.parametrize("line, replaced", [
    ("next: 2026-11-26", "next: 2026-12-07"),
    ("Next: '2026-11-26'  # after her trip", "Next: 2026-12-07  # after her trip"),
    ("next:", "next: 2026-12-07"),
    ("NEXT: soon", "NEXT: 2026-12-07"),  # the key as the person wrote it
    ('"next" : ~', '"next": 2026-12-07'),
])
def test_a_key_to_replace_gets_the_value_whatever_it_held(line, replaced):
    from vaultnet.create import frontmatter_yaml
    from vaultnet.parse.frontmatter import fill_keys

    for newline in ("\n", "\r\n"):
        note = (f"\ufeff---{newline}role: peer{newline}{line}{newline}cadence: 1m{newline}---"
                f"{newline}Body.{newline}")
        result = fill_keys(note, {"next": date(2026, 12, 7)}, frontmatter_yaml, replace={"next"})
        assert result == note.replace(line, replaced)


@pytest.mark.parametrize("note, filled", [
    ("---\nrole: peer\n---\nBody.\n", "---\nrole: peer\nnext: 2026-12-07\n---\nBody.\n"),
    ("---\n---\n", "---\nnext: 2026-12-07\n---\n"),
    ("# Ann\n", "---\nnext: 2026-12-07\n---\n# Ann\n"),
])
def test_a_key_to_replace_that_is_absent_is_added(note, filled):
    from vaultnet.create import frontmatter_yaml
    from vaultnet.parse.frontmatter import fill_keys

    assert fill_keys(note, {"next": date(2026, 12, 7)}, frontmatter_yaml, replace={"next"}) == filled


@pytest.mark.parametrize("yaml_text, message", [
    ("next: 2026-11-26\nNext: 2026-11-30",
     "`next:` is written more than once (lines 2, 3); keep one, then run this again"),
    ("next:\n  - 2026-11-26",
     "`next:` (line 2) holds more than one line; write next: 2026-12-07 by hand"),
    ("{role: peer, next: 2026-11-26}",
     "its frontmatter is written in a form vaultnet cannot add to without changing it "
     "(YAML's { } form?); write next: 2026-12-07 by hand"),
    ("role: [peer\nnext: 2026-11-26", "its frontmatter does not read as YAML (line 3: broken YAML"),
])
def test_a_key_that_cannot_be_replaced_alone_is_left_to_the_person(yaml_text, message):
    from vaultnet.create import frontmatter_yaml
    from vaultnet.parse.frontmatter import UneditableFrontmatter, fill_keys

    with pytest.raises(UneditableFrontmatter) as raised:
        fill_keys(f"---\n{yaml_text}\n---\n", {"next": date(2026, 12, 7)}, frontmatter_yaml,
                  replace={"next"})
    assert str(raised.value).startswith(message)


def test_filling_an_empty_key_keeps_the_keys_case():
    from vaultnet.create import frontmatter_yaml
    from vaultnet.parse.frontmatter import fill_keys

    note = "---\nEmail:\n---\n"
    assert fill_keys(note, {"email": "a@b.c"}, frontmatter_yaml) == "---\nEmail: a@b.c\n---\n"
    # Written twice, the last is the one YAML reads: the one to fill.
    note = "---\nemail: x@y.z\nEmail:\n---\n"
    assert fill_keys(note, {"email": "a@b.c"}, frontmatter_yaml) == (
        "---\nemail: x@y.z\nEmail: a@b.c\n---\n")


@pytest.mark.parametrize("yaml_text, added", [
    # A CRM template's keys: a key added to them reads like them in the note and its diff.
    ("Name: Thomas Neu\naliases:\nCompany: ETA Group\n'Phone Number':\nBirthday:",
     "Email: a@b.c\nNext: 2026-12-07"),
    ("role: peer\nCompany: Acme", "email: a@b.c\nnext: 2026-12-07"),  # mixed: as SPEC 1 spells it
    ("aliases: [Tom]\ntags: [work]", "email: a@b.c\nnext: 2026-12-07"),  # Obsidian's own keys only
    ("Role: peer\nmilestones:\n  - date: 2026-01-01", "email: a@b.c\nnext: 2026-12-07"),
])
def test_a_key_added_is_spelled_as_the_notes_keys_are(yaml_text, added):
    from vaultnet.create import frontmatter_yaml
    from vaultnet.parse.frontmatter import fill_keys, note_properties

    note = f"---\n{yaml_text}\n---\nBody.\n"
    filled = fill_keys(note, {"email": "a@b.c", "next": date(2026, 12, 7)}, frontmatter_yaml,
                       replace={"next"})
    assert filled == f"---\n{yaml_text}\n{added}\n---\nBody.\n"
    assert note_properties(filled)["next"] == date(2026, 12, 7)  # read whatever its case


def test_a_frontmatter_with_old_mac_line_ends_is_not_taken_for_none():
    """Lone CRs end lines for the parser: a new frontmatter put on top would leave
    the note's own properties in its body."""
    from vaultnet.create import frontmatter_yaml
    from vaultnet.parse.frontmatter import UneditableFrontmatter, fill_keys

    with pytest.raises(UneditableFrontmatter):
        fill_keys("---\rrole: peer\r---\rBody.\r", {"next": date(2026, 12, 7)}, frontmatter_yaml,
                  replace={"next"})


def test_a_frontmatter_not_closed_is_left_to_the_person():
    """A frontmatter put on top would hide it in the body, and `check`'s word on it."""
    from vaultnet.create import frontmatter_yaml
    from vaultnet.parse.frontmatter import UneditableFrontmatter, fill_keys

    with pytest.raises(UneditableFrontmatter) as raised:
        fill_keys("---\nrole: peer\n# Ann\n", {"next": date(2026, 12, 7)}, frontmatter_yaml,
                  replace={"next"})
    assert str(raised.value) == ("its frontmatter opens with '---' but no line closes it; add a "
                                 "'---' line after the last property, then run this again")
    # A thematic break first, with no property after it, is no frontmatter.
    assert fill_keys("---\nText.\n", {"next": date(2026, 12, 7)}, frontmatter_yaml) == (
        "---\nnext: 2026-12-07\n---\n---\nText.\n")


def test_a_property_linking_many_notes_looks_for_its_line_once(monkeypatch):
    """A meeting's `people:` linking 2,000 attendees looked for its key's line once
    per link, through all the frontmatter before it: a note with properties of
    1 MB and 30,000 links took 136 s to index (now 1 s)."""
    from vaultnet.parse import properties

    looked = []
    real = properties.key_line
    monkeypatch.setattr(properties, "key_line", lambda *a: looked.append(a[1]) or real(*a))
    attendees = ", ".join(f'"[[P{i}]]"' for i in range(2000))
    note = parse("Meetings/All hands.md", f"---\ndate: 2026-11-20\nagenda: \"{'x' * 10_000}\"\n"
                                          f"people: [{attendees}]\n---\n")
    assert len(note.links) == 2000 and {link.line for link in note.links} == {4}
    assert looked == ["people"]


@pytest.mark.parametrize("written, read", [
    ("0612345670", "0612345670"),  # octal to YAML 1.1: 103402424
    ("+14155551234", "+14155551234"), ("10:30", "10:30"),  # base 60 to YAML 1.1: 630
    ("0", 0), ("42", 42), ("-3", -3), ("1_000", 1000),
])
def test_numbers_yaml_would_change_stay_as_written(written, read):
    assert load(f"phone: {written}") == {"phone": read}


@pytest.mark.parametrize("written, read", [
    ("Yes", "Yes"), ("No", "No"), ("off", "off"), ("ON", "ON"),  # YAML 1.1's booleans: words
    ("true", True), ("False", False),  # YAML 1.2's, and Obsidian's checkbox properties
])
def test_yes_and_no_stay_words_true_and_false_are_booleans(written, read):
    assert load(f"company: {written}") == {"company": read}


def test_a_company_called_yes_is_not_true_and_private_yes_is_still_private():
    """YAML 1.1 made `company: Yes` True (a card's ORG:True) and an alias No False."""
    note = parse("People/Ann.md", "---\ncompany: Yes\naliases: [No]\nprivate: yes\n---\n")
    assert (note.person.company, note.aliases, note.person.private) == ("Yes", ("No",), True)
    assert parse("People/Bo.md", "---\nprivate: off\n---\n").person.private is False


@pytest.mark.parametrize("written, problems", [
    ("role: #mentor", [(2, "role: the # makes #mentor a comment to YAML, so it is read as empty; "
                           "write role: mentor")]),
    ("tags: #work #oncall", [(2, "tags: the # makes #work #oncall a comment to YAML, so it is read "
                                 "as empty; write tags: [work, oncall]")]),
    ("tags:\n  - oncall\n  - #work", [(4, "tags: the # makes #work a comment to YAML, so it is "
                                          "read as empty; write - work")]),
    ("company: #1 Agency", [(2, 'company: the # makes #1 Agency a comment to YAML, so it is read '
                                'as empty; write company: "#1 Agency"')]),
    # Comments meant as comments; a # in quotes; keys vaultnet does not read.
    ("cadence: # 2w or 1m\nrole:   # mentor, peer", []),
    ('role: "#mentor"\ntags: ["#work"]', []),
    ("cadence: 2w # every other week\nstatus: #active", []),
])
def test_a_value_yaml_reads_as_a_comment_is_named(written, problems):
    """`role: #mentor` is `role:` and a comment to YAML (and to Obsidian): the role
    was lost without a word."""
    note = parse("People/Ann.md", f"---\n{written}\n---\n")
    assert [(p.line, p.message) for p in note.problems] == problems


@pytest.mark.parametrize("yaml_text, line, message", [
    # No space after a colon: text to YAML, not a key (the note is a str, or broken).
    ("role:mentor\ncadence:2w", 2, "role:mentor needs a space after the colon to be a key and "
                                   "its value; write role: mentor"),
    ("role: mentor\ncadence:2w\nmet: 2026-11-01", 3, "cadence:2w needs a space after the colon "
                                                     "to be a key and its value; write cadence: 2w"),
    # A colon and a space in a value without quotes: a second key to YAML.
    ("role: mentor\ncompany: Acme: the company", 3,
     'company: Acme: the company: a value with a colon and a space in it needs quotes; write '
     'company: "Acme: the company"'),
    ('title: say "hi": twice', 2, "title: say \"hi\": twice: a value with a colon and a space in "
                                  "it needs quotes; write title: 'say \"hi\": twice'"),
    ("role: mentor\n\tcadence: 2w", 3, "broken YAML in frontmatter: found a tab character that "
                                       "violates indentation (YAML indents with spaces, never a "
                                       "tab: replace the tab with spaces)"),
])
def test_broken_yaml_people_write_says_what_to_write(yaml_text, line, message):
    note = parse("People/Ann.md", f"---\n{yaml_text}\n---\n")
    assert [(p.line, p.message) for p in note.problems] == [
        (line, f"{message}; the note is read from its body and folder until this is fixed")]


def test_a_milestone_with_a_colon_in_its_text_is_all_of_it():
    """YAML makes a map of `- 2026-11-01 promoted: to staff`; "promoted" was lost."""
    note = parse("People/Ann.md", "---\nmilestones:\n  - 2026-11-01 promoted: to staff\n"
                                  "  - 2026-11-05T10:00: launched\n---\n")
    assert [(m.date, m.what) for m in note.person.milestones] == [
        (date(2026, 11, 1), "promoted: to staff"), (date(2026, 11, 5), "launched")]


@pytest.mark.parametrize("text, problems", [
    # A template inserted twice: the second block is text to Obsidian, and was lost.
    ("---\nrole: peer\n---\n---\ncadence: 2w\nmet: 2026-11-01\n---\n# Ann\n",
     [(4, "cadence, met: a second block of properties after the frontmatter, which Obsidian and "
          "vaultnet read as text; move its lines into the frontmatter above")]),
    # Frontmatter is only ever on the first line.
    ("\n\n---\nrole: peer\n---\n# Ann\n",
     [(3, "role: properties after 2 blank lines, which Obsidian and vaultnet read as text "
          "(frontmatter starts on a note's first line); remove the 2 blank lines above")]),
    # Rules around prose, and around keys vaultnet reads nowhere: no properties of its.
    ("---\nrole: peer\n---\n---\nNote: the call moved\n---\n", []),
    ("# Ann\n\n---\n\nSome text after a rule.\n\n---\n", []),
])
def test_properties_where_no_note_reads_them_are_named(text, problems):
    note = parse("People/Ann.md", text)
    assert [(p.line, p.message) for p in note.problems] == problems


def test_values_in_curly_quotes_are_read_as_quoted_and_named():
    """A phone's smart punctuation types “mentor”: YAML's text with its quotes, so
    the role was unknown, the skill a link to “[[Go]]”, the tag “work”."""
    note = parse("People/Ann.md", "---\nstatus: “x”\nrole: “mentor”\ncadence: ‘2w’\n"
                                  "skills: “[[Go]]”\ntags: [“work”]\nmet: „2026-10-01“\n---\n")
    person = note.person
    assert (person.roles, str(person.cadence), person.skills, person.tags, person.met) == (
        ("mentor",), "2w", ("go",), ("work",), date(2026, 10, 1))
    assert [(p.line, p.message) for p in note.problems] == [
        (3, "role, cadence, skills, tags, met: in curly quotes (“ ”), which are text to YAML and "
            "to Obsidian; vaultnet reads them as quotes, but write straight ones (\"), as a "
            "phone's smart punctuation does not")]
    goal = parse("Goals/G.md", "---\nskills:\n  “[[Go]]”: 3\n---\n")
    assert goal.goal.skills == {"Go": 3}
