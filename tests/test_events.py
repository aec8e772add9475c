"""SPEC 2: what counts as an event, and what never does."""

from __future__ import annotations

import random
import re
import unicodedata
from datetime import date, timedelta

import pytest

from tests.conftest import parse
from vaultnet.config import Config
from vaultnet.parse import own_page
from vaultnet.parse.daily import date_of_path
from vaultnet.parse.values import note_at

D = date(2026, 11, 20)


def events(path: str, text: str):
    return [(e.date, e.target, e.minutes, e.tags) for e in parse(path, text).events]


def test_dated_list_item_in_a_person_note_is_an_interaction_with_them():
    assert events("People/Ann.md", "- 2026-11-20 coffee: pipelines #gave\n") == [
        (D, None, 30, ("gave",))]


@pytest.mark.parametrize("item", [
    "2026-11-20 coffee", "2026-11-20: coffee", "2026-11-20 – coffee", "2026-11-20 - coffee",
    # As Obsidian shows it, the item's text starts with the date: bold, italic, or a
    # link to that day's note, in any of the forms Obsidian writes one.
    "**2026-11-20**: coffee", "*2026-11-20* coffee", "__2026-11-20__ coffee",
    "[[2026-11-20]] coffee", "[[Daily/2026-11-20|Fri]] — coffee", "[[2026-11-20#Log]] coffee",
    "[[2026-11-20 Friday]] coffee", "[2026-11-20](../Daily/2026-11-20.md) coffee",
    "[x] [[2026-11-20]] coffee",
    # A full-width keyboard's digits (Japanese, Chinese): told "not a real date:
    # November 2026 has 30 days", as if the 20th were no day.
    "２０２６-１１-２０ coffee",
])
def test_the_date_an_item_starts_with(item):
    note = parse("People/Ann.md", f"- {item}\n")
    assert [(e.date, e.text) for e in note.events] == [(D, "coffee")]


@pytest.mark.parametrize("item", [
    "[2026-11-20] coffee", "**2026-11-20 coffee", "[[2026-11-20x]] coffee", "coffee 2026-11-20",
    "**bold** 2026-11-20", "[[Ann]] 2026-11-20",
])
def test_no_date_an_item_does_not_start_with(item):
    assert parse("People/Ann.md", f"- {item}\n").events == []


@pytest.mark.parametrize("item, problem", [
    ("2026/11/20 coffee", "2026/11/20"), ("20.11.2026: coffee", "20.11.2026"),
    ("11/20/26 coffee", "11/20/26"), ("2026-11-5 coffee", "2026-11-5"),
    ("2026/11/19 lunch", "2026/11/19"),  # was told "(2026-11-20)", as if that were meant
    ("3.5 years at Acme", None), ("1/2 day workshop", None), ("2026-11-20 coffee", None),
    ("1.10.12 upgrade drill", None),  # a version, more likely
    # A month's English name, with a day: how many logs are written by hand.
    ("Nov 21 coffee", "Nov 21"), ("nov 21: coffee", "nov 21"), ("Sept 5th call", "Sept 5th"),
    ("November 21st, 2026 lunch", "November 21st, 2026"), ("21 Nov 2026 lunch", "21 Nov 2026"),
    ("3 march: coffee", "3 march"), ("Dec. 2 dinner", "Dec. 2"),
    ("May 2026 plans", None), ("Nov. planning", None), ("May we talk", None),
    ("11 novels read", None), ("Jun 1-3 offsite", None), ("Marching band", None),
    # A day and a month's name in the languages daily notes are named in, written in
    # full or shortened with a dot: logs kept in the user's own language.
    ("20 novembre : café", "20 novembre"), ("20 novembre 2026 café", "20 novembre 2026"),
    ("2 de noviembre, café", "2 de noviembre"), ("20 févr. déjeuner", "20 févr."),
    ("20 ноября кофе", "20 ноября"), ("२० नवंबर कॉफी", "२० नवंबर"),
    ("20 พ.ย. 2026 กาแฟ", "20 พ.ย. 2026"),
    ("5 set of slides", None), ("20 novembres", None), ("3 mart", "3 mart"),
    ("20ste november koffie", "20ste november"), ("20-го ноября", "20-го ноября"),
    # Chinese, Japanese and Korean, often with no space after the day.
    ("11月20日ランチ", "11月20日"), ("2026年11月20日 午餐", "2026年11月20日"),
    ("11월 20일 점심", "11월 20일"), ("2026년 11월 20일: 점심", "2026년 11월 20일"),
    ("２０２６－１１－２０ ランチ", "２０２６－１１－２０"),  # full-width, its dashes too
    ("3月の目標", None), ("12 月", None),
])
def test_a_log_item_dated_another_way_is_a_problem(item, problem):
    """Not counted, as SPEC 2 reads dates: but said, since it was meant as one; with
    the date to write when it has its year (the example date, 2026-11-20, read as
    the one meant for 2026/11/19)."""
    note = parse("People/Ann.md", f"# Ann\n- {item}\n")
    write = f"write it as {_MEANT[problem]}" if problem in _MEANT else (
        "write the date as YYYY-MM-DD (2026-11-20)")
    assert [(p.line, p.message) for p in note.problems] == ([] if problem is None else [
        (2, f"{problem!r} is not read as a date, so this item counts for nothing; {write}")])


_MEANT = {"2026/11/20": "2026-11-20", "20.11.2026": "2026-11-20", "2026-11-5": "2026-11-05",
          "November 21st, 2026": "2026-11-21", "21 Nov 2026": "2026-11-21",
          "20 novembre 2026": "2026-11-20", "2026年11月20日": "2026-11-20",
          "2026년 11월 20일": "2026-11-20", "2026/11/19": "2026-11-19",
          "２０２６－１１－２０": "2026-11-20"}


CONFLICT = ("a merge conflict git left unresolved: vaultnet reads both sides, so a line "
            "changed on both counts twice; keep what is right and remove the <<<<<<<, ======= "
            "and >>>>>>> lines")


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_merge_conflict_git_left_in_a_note_is_a_problem_where_it_starts(newline):
    """A vault kept in git and merged from two machines: both sides are read (the
    line changed on both counts twice), and markers in frontmatter break it."""
    text = ("---\n<<<<<<< HEAD\nrole: mentor\n=======\nrole: peer\n>>>>>>> laptop\n---\n"
            "# Ann\n<<<<<<< HEAD\n- 2026-11-20 coffee\n=======\n- 2026-11-20 coffee 1h\n"
            ">>>>>>> laptop\n")
    note = parse("People/Ann.md", text.replace("\n", newline))
    assert [(p.line, p.message) for p in note.problems if "merge" in p.message] == [
        (2, CONFLICT), (9, CONFLICT)]
    assert any("YAML" in p.message for p in note.problems)  # and the broken YAML
    assert len(note.events) == 2


def test_a_merge_conflict_shown_in_fenced_code_is_no_problem():
    """A note about git, with an example of a conflict: only one outside code counts."""
    example = "<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> branch\n"
    text = (f"# Git\n```diff\n{example}```\n~~~~\n```\n{example}~~~~~\n"
            f"    <<<<<<< indented, code too\n<<<<<<<< eight, no marker\n\n{example}")
    note = parse("Notes/Git.md", text)
    assert [(p.line, p.message) for p in note.problems] == [(20, CONFLICT)]


def test_a_dataview_field_for_a_property_is_a_problem():
    """Dataview users write `role:: mentor` in the body; vaultnet reads properties
    only from the frontmatter, so the person had "no role or cadence", with the
    role plainly written in the note."""
    text = ("---\ntags: [friend]\ncompany: Initech\n---\nrole:: mentor\n"
            "Last Contact:: 2026-11-01\n- cadence:: 2w\n\nAt [company:: Acme] as (title:: CTO)."
            "\n\n```\nrole:: peer\n```\nnotes:: whatever\n- [ ] send it [due:: 2026-11-20]\n"
            "Dataview reads `[role:: x]` as a field.\n")
    note = parse("People/Ann.md", text.replace("\n", "\r\n"))

    def field(written, key, value):
        return (f"{written}:: is a Dataview field, which vaultnet does not read; write it in "
                f"the frontmatter as {key}: {value}")

    assert [(p.line, p.message) for p in note.problems] == [
        (5, field("role", "role", "mentor")),
        (6, field("Last Contact", "last_contact", "2026-11-01")),
        (7, field("cadence", "cadence", "2w")),
        (9, field("title", "title", "CTO")),  # company: the frontmatter has it
    ]
    assert note.person.roles == () and len(note.commitments) == 1
    # A link in brackets, written as Obsidian writes a link in a property.
    linked = parse("People/Ann.md", "Works at [company:: [[Acme|ACME]]] now, (title:: [[CTO]]).\n")
    assert [p.message for p in linked.problems] == [
        field("company", "company", '"[[Acme|ACME]]"'), field("title", "title", '"[[CTO]]"')]
    # in an ordinary note, such fields are the note's own business
    assert parse("Notes/Ann.md", "role:: mentor\n").problems == []


def test_a_heading_with_a_day_and_a_month_in_another_language_is_a_problem():
    """("- 20. November" is a list in a list, numbered 20, to Markdown: a heading shows it.)"""
    note = parse("People/Ann.md", "# Ann\n## 20. November 2026\nKaffee.\n")
    assert [(p.line, p.message[:40]) for p in note.problems] == [
        (2, "'20. November 2026' starts a heading or ")]


def test_a_heading_or_paragraph_that_starts_with_a_date_is_a_problem():
    """A log kept in headings is no log to SPEC 2: said, not counted."""
    note = parse("People/Ann.md", "# Ann\n\n## 2026-11-20\nCoffee, pipelines.\n\n"
                                  "20.11.2026: lunch\n\nHiking since 2019.\n## 2026 plans\n##\n"
                                  "## Nov 21\nMay was quiet.\n")
    assert note.events == []
    assert [(p.line, p.message) for p in note.problems] == [
        (3, "'2026-11-20' starts a heading or paragraph, which counts for nothing: an "
            "interaction is a list item that starts with its date, '- 2026-11-20 ...'"),
        (6, "'20.11.2026' starts a heading or paragraph, which counts for nothing: an "
            "interaction is a list item that starts with its date, '- YYYY-MM-DD ...'"),
        (11, "'Nov 21' starts a heading or paragraph, which counts for nothing: an "
             "interaction is a list item that starts with its date, '- YYYY-MM-DD ...'")]
    skill = parse("Skills/Go.md", "### 2026-11-20\n")
    assert [p.message.split(": ", 1)[1][:8] for p in skill.problems] == ["practice"]
    assert parse("Daily/2026-11-20.md", "# 2026-11-20\nmet [[Ann]]\n").problems == []
    # The note's own name as its title, as `vaultnet add` writes it: no log entry.
    named = parse("People/2026-01-01 Cohort.md", "# 2026-01-01 Cohort\n## 2026-11-20\n")
    assert [p.line for p in named.problems] == [2]


@pytest.mark.parametrize("body, dated", [
    # A log of lines with no "- ", and nothing else in the note: no interaction, and
    # nothing said, until `check` read such notes too.
    ("2026-11-20 coffee\n", "2026-11-20"),
    ("Nov 21 coffee\n", "Nov 21"), ("20.11.2026: lunch\n", "20.11.2026"),
    ("20 novembre café\n", "20 novembre"),
    # A date in bold, or a link to its day's note, as a heading or paragraph.
    ("**2026-11-20** coffee\n", "2026-11-20"), ("### [[2026-11-20]]\nCoffee.\n", "2026-11-20"),
    ("[2026-11-20](../Daily/2026-11-20.md) lunch\n", "2026-11-20"),
])
def test_a_log_written_without_list_items_is_a_problem(body, dated):
    note = parse("People/Ann.md", body)
    assert note.events == []
    assert [(p.line, p.message.split(" starts")[0]) for p in note.problems] == [(1, repr(dated))]


def test_each_line_of_a_log_kept_in_a_paragraph_or_a_table_is_a_problem():
    """Lines with no "- " are one paragraph to Markdown, and a table's rows too, but
    Obsidian shows each on its own line: each dated one is named, not the first alone."""
    note = parse("People/Ann.md", "2026-11-20 coffee\n2026-11-25: lunch\nand a walk\n\n"
                                  "| Date | What |\n| --- | --- |\n| 2026-11-02 | 1:1 |\n"
                                  "|**2026-11-03**| call |\n| [[Acme]] | 2026-11-04 |\n")
    assert note.events == []
    assert [(p.line, p.message.split(", which")[0]) for p in note.problems] == [
        (1, "'2026-11-20' starts a heading or paragraph"),
        (2, "'2026-11-25' starts a line of a paragraph"),
        (7, "'2026-11-02' starts a table row"), (8, "'2026-11-03' starts a table row")]
    assert note.problems[2].message.endswith(
        "an interaction is a list item that starts with its date, '- 2026-11-02 ...'")
    # A table of a daily note links people on its day: no log of its own.
    assert parse("Daily/2026-11-20.md", "| 2026-11-20 | [[Ann]] |\n").problems == []


@pytest.mark.parametrize("body", ["[[Acme]] colleague\n", "*met at PyCon*\n", "3 kids\n",
                                  "Decided 3 things\n", "##\n"])
def test_a_paragraph_that_starts_with_no_date_is_no_problem(body):
    assert parse("People/Ann.md", body).problems == []


def test_each_link_of_a_paragraph_is_quoted_with_its_own_line():
    """A paragraph's lines are its sentences (soft line breaks) or a table's rows: the
    pages quote the one that holds the link, not the first."""
    note = parse("Daily/2026-11-20.md", "Met [[Ann]] at the conference.\n"
                                        "Later, dinner with [[Bo]].\n\n"
                                        "| who | what |\n| --- | --- |\n| [[Cy\\|C]] | coffee |\n"
                                        "- lunch with [[Dee]]\n  and [[Eve]]\n")
    assert [(e.line, e.target, e.text) for e in note.events] == [
        (1, "ann", "Met [[Ann]] at the conference."), (2, "bo", "Later, dinner with [[Bo]]."),
        (6, "cy", "| [[Cy\\|C]] | coffee |"),
        (7, "dee", "lunch with [[Dee]]"), (8, "eve", "lunch with [[Dee]]")]  # an item is one


def test_a_long_line_is_kept_to_quote_in_part():
    """Every link of a line is an event that keeps the line, to quote: a meeting's
    line of attendees kept whole by each made a 100 MB index. A line is kept whole
    up to 500 characters, else cut at a space, never inside a link."""
    names = [f"Person Number{i:04d}" for i in range(2000)]
    attendees = "Attendees: " + ", ".join(f"[[{name}]]" for name in names)
    note = parse("Meetings/All hands.md", f"---\ndate: 2026-11-20\n---\n{attendees}\n"
                                          f"- [ ] send the slides to {attendees[11:]}\n")
    assert len(note.events) == len(note.commitments) == 2000
    kept = attendees[:attendees.rindex("[[", 0, 500)].rstrip() + " …"
    assert {e.text for e in note.events} == {kept}  # cut before the link at 500
    assert len(kept) <= 502 and kept.endswith("]], …")
    (promise,) = {c.text for c in note.commitments}
    assert promise.startswith("send the slides to [[Person Number0000]], ")
    assert len(promise) <= 502 and promise.endswith("]], …")
    assert {e.target for e in note.events} == {name.lower() for name in names}  # all counted
    words = "- 2026-11-20 " + "word " * 200 + "[[Ann]] " + "#gave 45m"
    (only,) = parse("People/Ann.md", words + "\n").events
    assert only.text == ("word " * 100).strip() + " …" and (only.tags, only.minutes) == (
        ("gave",), 45)  # read from the whole line
    markdown = "- " + "x" * 480 + " [Ann Lee](People/Ann%20Lee.md) met"
    assert parse("Daily/2026-11-20.md", markdown + "\n").events[0].text == "x" * 480 + " …"
    address = ("- " + "x " * 240 + "[[Ann]] and [the notes of the offsite](https://example.com/"
               + "a" * 900 + ")")
    assert parse("Daily/2026-11-20.md", address + "\n").events[0].text == (
        "x " * 240 + "[[Ann]] and …")  # the link the cut would split, however long
    short = "- coffee with [[Ann]] " + "y" * 470
    assert parse("Daily/2026-11-20.md", short + "\n").events[0].text == short[2:]


def test_dated_list_item_in_a_skill_note_is_practice():
    note = parse("Skills/Go.md", "## Practice\n* [x] 2026-11-20 kata 1h30m\n")
    assert [(e.date, e.target, e.minutes) for e in note.events] == [(D, None, 90)]


@pytest.mark.parametrize("text, minutes", [
    ("45m", 45), ("2h", 120), ("1.5h", 90), ("1h30m", 90), ("20min", 20), ("none", 30),
    # In words, as people write them (after a space, or not): never a lone "m".
    ("2 hours", 120), ("1 Hour", 60), ("1.5 hours", 90), ("2hrs", 120), ("1 hr", 60),
    ("45 mins", 45), ("5 minutes.", 5), ("1 hour 30 minutes", 90), ("1h 30m", 90),
    ("about 3 m users", 30), ("1h 5 mentors", 60), ("2 hours/week", 30), ("2 houring", 30),
    # A decimal comma, as much of Europe writes it: 1,5h was read as 5 hours.
    ("1,5h", 90), ("2,25 hours", 135), ("coffee,45m", 45), ("1,500m run", 30), ("2,45m", 30),
    # As Chinese, Japanese and Korean write them, often with no space on either side.
    ("开会1小时讨论预算", 60), ("1个小时", 60), ("ランチ1時間", 60), ("1時間15分の会議", 75),
    ("面试45分钟", 45), ("45分", 45), ("회의 45분", 45), ("1시간 15분", 75), ("1.5小时", 90),
    ("会议45m", 45), ("第2轮", 30), ("2026年", 30),
    ("99999h", 5_999_940),  # the most
    # More digits are no duration (nor a number the index could hold): the default.
    ("99999999999999999999h", 30), ("100000m", 30), ("1h123456m", 30), ("1.1234567h", 30),
    # What a link points to names a note, not a length (%20M: " M", as in Müller).
    ("with [Jörg](People/J%C3%B6rg%20M%C3%BCller.md) 15 mins", 15),
    ("with [Jörg](<People/Jörg 20m.md>)", 30), ("prep for [[Q3 2h review]]", 30),
    ("prep for [[Q3 2h review]] 45m", 45), ("[[Ann|1h call]]", 60),
    # A time range, without a duration token: its length (Day Planner's time blocks).
    ("10:00-11:30", 90), ("10:00 – 11:30", 90), ("9am-10:30am", 90), ("2-3pm", 60),
    ("11pm-1am", 120), ("3 - 4 P.M.", 60), ("12pm-1pm", 60),
    # One am or pm for both, unless the start would come after the end.
    ("11-1pm", 120), ("1:30-3pm", 90), ("11:45-12:15pm", 30), ("9am-10", 60),
    ("11am-1:00", 120),
    ("10:00-12:00 45m", 45),  # the token says how long
    # A wave dash or a tilde, as Chinese, Japanese and Korean join clocks (with them).
    ("10:00〜11:30 会議", 90), ("14:00～15:00", 60), ("9:00~9:45 회의", 45), ("9:00~9:45", 30),
    ("9:00~9:45 🎉", 30), ("🎉 45m", 45), ("🎉 45分", 45),  # an emoji is none of their letters
    # No time of day: the default.
    ("1-2 pages", 30), ("10:00-11", 30), ("10:00-10:00", 30), ("10.00-11.00", 30),
    ("moved from 9am to 2pm", 30),  # "to" joins no range: a meeting moved as often
    ("13:00-14:00pm", 30), ("08:00-00:30", 30),  # 16 hours and more: a typo
    ("[[10-11am standup]]", 30), ("v1.2-3pm", 30),
])
def test_durations(text, minutes):
    assert events("People/Ann.md", f"- 2026-11-20 call {text}\n")[0][2] == minutes


def test_a_time_block_in_a_daily_note_counts_its_length():
    """Day Planner writes a daily note's plan as time blocks; done, each is an event."""
    note = parse("Daily/2026-11-20.md", "# Day planner\n- [x] 09:30 - 10:15 1:1 with [[Ann]]\n"
                                        "- [ ] 14:00 - 15:00 review with [[Bo]]\n")
    assert [(e.date, e.target, e.minutes) for e in note.events] == [(D, "ann", 45)]


def test_default_minutes_come_from_config():
    note = parse("People/Ann.md", "- 2026-11-20 call\n", Config(default_minutes=15))
    assert note.events[0].minutes == 15


def test_tags_classify_items():
    found = events("People/Ann.md", "- 2026-11-20 asked for an intro #asked #Referral #private\n")
    assert found[0][3] == ("asked", "referral", "private")


@pytest.mark.parametrize("text, expected", [
    ("#gave/intro", ("gave/intro", "gave")),  # a nested tag is its root's too, as in Obsidian
    ("#Private/Health/x #private", ("private/health/x", "private")),
    ("#asked/intro #gave", ("asked/intro", "asked", "gave")),
    ("#work/private", ("work/private", "work")),  # not #private: nested under #work
])
def test_a_nested_tag_counts_as_its_root(text, expected):
    assert events("People/Ann.md", f"- 2026-11-20 lunch {text}\n")[0][3] == expected


@pytest.mark.parametrize("tags, private", [
    ("[private]", True), ("[Work, private/health]", True), ('"#private"', True),
    ("[work/private]", False), ("[work]", False), ("{a: 1}", False),
])
def test_all_of_a_note_tagged_private_is_private(tags, private):
    note = parse("Meetings/1-1.md", f"---\ndate: 2026-11-20\ntags: {tags}\n---\n"
                                    "- talked with [[Ann]] #gave\n- [ ] send [[Ann]] the deck\n")
    assert [("private" in e.tags) for e in note.events] == [private]
    assert [c.private for c in note.commitments] == [private]


@pytest.mark.parametrize("text, expected", [
    ("#café #Ünï-code/sub #日本語 #x_1", ("café", "ünï-code/sub", "日本語", "x_1")),
    ("#\u00bfno #\u00c0yes #\uffffyes", ("\u00e0yes", "\uffffyes")),  # U+00C0..U+FFFF start one
    ("#🚀 #go🚀 #1st #-x a#b [[N#h]] &#39;", ("go",)),  # beyond U+FFFF: neither starts nor goes on
    ("#𝐀 #a𝐀b", ("a𝐀b",)),  # a word character beyond U+FFFF goes on, never starts
])
def test_which_characters_make_a_tag(text, expected):
    from vaultnet.parse.inline import tags

    assert tags(text) == expected


def test_tag_and_duration_patterns_match_their_plain_spelling():
    """The inline patterns are written to let the regex engine skip ahead (the
    token's first character first, what may precede it checked after). On random
    text they find exactly what the plain spelling, lookbehind first, finds."""
    import random
    import re

    from vaultnet.parse import inline

    plain_tag = re.compile(rf"(?<![\w/#&\]\[])#((?:[A-Za-z_]|{inline._WIDE})(?:[\w/\-]|{inline._WIDE})*)")
    hours, mins = r"(?:h|hours?|hrs?| hours?| hrs?)", r"(?:m|mins?|minutes?| mins?| minutes?)"
    cjk_hours, cjk_mins = r"(?:時間|[个個]?小[时時]|시간)", r"(?:分[钟鐘]?|분)"
    plain_duration = re.compile(  # at most five digits (six after a decimal point)
        rf"(?:(?<![\w.:/-])|(?<={inline._CJK_LETTER}))(?<!\d,)"
        rf"(?:(\d{{1,5}}(?:[.,]\d{{1,6}})?)(?:{hours}(?: ?(\d{{1,5}}){mins})?(?![\w/])"
        rf"|{cjk_hours}(?: ?(\d{{1,5}}) ?{cjk_mins})?)"
        rf"|(\d{{1,5}}){mins}(?![\w/])|(\d{{1,5}}) ?{cjk_mins})",
        re.IGNORECASE)

    link_target = re.compile(r"\[\[[^\[\]|\n]*|\]\([^)\n]*\)")

    half = r"(?:[ \t]?([ap])\.?m\b\.?)?"
    def plain_range(joins):
        return re.compile(rf"(?<![\w.:/-])(\d{{1,2}})(?::(\d\d))?{half}[ \t]*{joins}[ \t]*"
                          rf"(\d{{1,2}})(?::(\d\d))?{half}(?![\w:/])", re.IGNORECASE)

    # A wave dash or a tilde joins clocks in a text of Chinese, Japanese or Korean.
    dashes, wide_dashes = plain_range("[-–—]"), plain_range("[-–—~〜～]")

    def plain_minutes(text):  # (what a link points to is no duration: blanked)
        if "[" in text:  # (no link without one)
            text = link_target.sub(lambda m: "\0" * len(m[0]), text)
        match = plain_duration.search(text)
        if not match:
            wide = any("\u3000" <= c <= "\udfff" or "\uf000" <= c <= "\uffff" for c in text)
            joined = wide_dashes if wide else dashes
            ranges = (inline._range_minutes(*m.groups()) for m in joined.finditer(text))
            return next(filter(None, ranges), None)
        hours, extra, cjk_extra, mins, cjk_mins = match.groups()
        if mins is not None or cjk_mins is not None:
            return int(mins or cjk_mins)
        return round(float(hours.replace(",", ".")) * 60) + int(extra or cjk_extra or 0)

    rng = random.Random(20261123)
    alphabet = "0123456789hHmMiInN.,:/-_ #&[]abé日\U0001F600\u00bf"
    pieces = [*alphabet, *"  ", "our", "ours", "r", "rs", "ute", "utes", "s", "in", "min",
              "分", "分钟", "小时", "个小时", "時間", "시간", "분", "开会", "ランチ",
              "10:30", ":00", "am", "pm", "P.M.", "a.m", "–", " to ", "\t",
              "[[", "](", *"()|\n"]
    for _ in range(80_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        assert inline.minutes(text) == plain_minutes(text), text
        assert inline.tags(text) == tuple(t.lower() for t in plain_tag.findall(text)), text
    clocks = ["1", "10", "12", "23", "0", "9", ":00", ":30", ":75", "am", "pm", "a.m.", " PM",
              "-", "–", "〜", "~", " to ", " ", "x", ".", "/", "[[", "](", ")", "45m"]
    for _ in range(20_000):
        text = "".join(rng.choice(clocks) for _ in range(rng.randint(0, 12)))
        assert inline.minutes(text) == plain_minutes(text), text


def test_comments_are_found_as_their_pattern_finds_them():
    """HTML comments are found by a scan that stops at the first ``<!--`` with no
    ``-->`` after it (the pattern searched to the end again from every later one:
    a line of 8,000 took 1.2 s); on random text, the same spans as the pattern, and
    the same text blanked."""
    import random
    import re

    from vaultnet.parse import inline

    pattern = re.compile(r"<!--.*?-->", re.DOTALL)
    rng = random.Random(20261202)
    pieces = ["<!--", "-->", "<!-->", "<!", "--", "-", ">", "<", "a", " ", "\n"]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        spans = [m.span() for m in pattern.finditer(text)]
        assert inline._html_comments(text) == spans, text
        # and blanked in one pass (it was one pass per span), overlapping spans too
        spans += [(a, max(a, b)) for a, b in ((rng.randint(0, len(text)),
                                               rng.randint(0, len(text))) for _ in range(3))]
        blanked = text
        for begin, end in spans:
            blanked = blanked[:begin] + re.sub(r"[^\n]", " ", blanked[begin:end]) + blanked[end:]
        assert inline._blank(text, spans) == blanked, (text, spans)


def test_dated_note_by_file_name_links_every_person_and_skill():
    found = events("Daily/2026-11-20.md", "Met [[Ann]] and [[bob|Bob B]].\n- [[Go]] kata 45m\n")
    assert found == [(D, "ann", 30, ()), (D, "bob", 30, ()), (D, "go", 45, ())]


def test_a_note_named_with_a_full_width_keyboards_date_is_dated():
    """２０２６-１１-２０.md was "no real date, so it is not dated"."""
    note = parse("Daily/２０２６-１１-２０.md", "Met [[Ann]].\n- [ ] send [[Ann]] it 📅 ２０２６-１２-０１\n")
    assert note.problems == [] and [(e.date, e.target) for e in note.events] == [(D, "ann")]
    assert [c.due for c in note.commitments] == [date(2026, 12, 1)]


def test_dated_note_by_frontmatter_date():
    found = events("Meetings/Sync.md", "---\ndate: 2026-11-20\n---\nWith [[Ann#Log]].\n")
    assert found == [(D, "ann", 30, ())]


def test_links_in_a_dated_notes_properties_count_too():
    """SPEC 2: every link in a dated note, those in its properties too, as a meeting
    template writes its people (kepano's: ``people: ["[[Steph Ango]]"]``). One the
    body links already counts from there: a property adds nothing for it."""
    note = parse("Notes/2026-11-19 Sync with Bo.md", (
        '---\ndate: 2026-11-20\ncategory: ["[[Meetings]]"]\n'
        'people:\n  - "[[Ann]]"\n  - "[[Bo]]"\n  - "[[Acme/Cy]]"\n  - "[[Globex/Cy]]"\n'
        'skills: ["[[Go]]"]\ntags: [private]\n---\nAsked [[Bo]] about the launch.\n'))
    assert [(e.line, e.date, e.target, e.minutes, e.tags, e.text) for e in note.events] == [
        (12, D, "bo", 30, ("private",), "Asked [[Bo]] about the launch."),
        (3, D, "meetings", 30, ("private",), "Sync with Bo"),
        (4, D, "ann", 30, ("private",), "Sync with Bo"),
        (4, D, "cy", 30, ("private",), "Sync with Bo"),
        (4, D, "cy", 30, ("private",), "Sync with Bo"),
        (9, D, "go", 30, ("private",), "Sync with Bo"),  # skills: is no typed key here
    ]
    assert note.folder_links == [("events", 4, "cy", 0, "acme/cy"), ("events", 4, "cy", 1, "globex/cy")]
    # Not dated: its properties' links are links, not events.
    assert parse("Notes/Sync.md", '---\npeople: ["[[Ann]]"]\n---\n').events == []
    # One of two people of one name in the body is not the other in the properties.
    note = parse("Meetings/x.md", '---\ndate: 2026-11-20\npeople: ["[[Globex/Alex Kim]]"]\n---\n'
                                  "met [[Acme/Alex Kim]]\n")
    assert note.folder_links == [("events", 5, "alex kim", 0, "acme/alex kim"),
                                 ("events", 3, "alex kim", 0, "globex/alex kim")]


@pytest.mark.parametrize("moment_format, path, day", [
    ("YYYY-MM-DD dddd", "Daily/2026-11-20 Friday.md", D),
    ("YYYY-MM-DD dddd", "Daily/2026-11-20 Freitag.md", D),  # weekday names in any language
    ("YYYY-MM-DD ddd", "2026-11-20 Fri.md", D),
    ("YYYY/MM/YYYY-MM-DD", "Journal/2026/11/2026-11-20.md", D),  # a folder per year and month
    ("YYYY/MM/YYYY-MM-DD", "Journal/2025/11/2026-11-20.md", D),  # SPEC 2's name, wherever it is
    ("dddd, MMMM Do YYYY", "Friday, November 20th 2026.md", D),
    ("MMM D, YYYY", "nov 20, 2026.md", D),
    ("DD.MM.YYYY", "20.11.2026.md", D),
    ("YYYYMMDD", "Daily/20261120.md", D),
    ("[Journal] YY-M-D", "Journal 26-11-20.md", D),
    ("YYYY-DDDD", "2026-324.md", D),  # the day of the year
    ("YYYY-MM-DD dddd", "Daily/2026-11-20 Friday notes.md", None),  # more than the format
    ("YYYY-MM-DD dddd", "Daily/2026-02-30 Monday.md", None),  # no such day
    ("DD.MM.YYYY", "11.20.2026.md", None),
    ("YYYY-DDDD", "2025-366.md", None),
    ("gggg-[W]ww", "2026-W47.md", None),  # a weekly note's format dates nothing
])
def test_a_daily_note_named_in_the_vaults_own_format_is_dated(moment_format, path, day):
    config = Config(daily_formats=(moment_format,))
    note = parse(path, "Met [[Ann]].\n", config)
    assert note.date == day
    assert [(e.date, e.target) for e in note.events] == ([(day, "ann")] if day else [])
    if not path.endswith("/2026-11-20.md"):  # (SPEC 2's own name is dated anyway)
        assert parse(path, "Met [[Ann]].\n").date is None  # without the format, undated


def _moment(day: date, moment_format: str) -> str:
    """``day`` written in a moment.js format, as Obsidian names a daily note (English)."""
    ordinal = {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10 if day.day not in (11, 12, 13) else 0, "th")
    words = {"YYYY": f"{day.year}", "YY": f"{day.year % 100:02}", "MMMM": day.strftime("%B"),
             "MMM": day.strftime("%b"), "MM": f"{day.month:02}", "M": f"{day.month}",
             "DDDD": f"{day.timetuple().tm_yday:03}", "DD": f"{day.day:02}",
             "Do": f"{day.day}{ordinal}", "D": f"{day.day}", "dddd": day.strftime("%A"),
             "ddd": day.strftime("%a")}
    token = re.compile(r"\[[^\]]*\]|" + "|".join(sorted(words, key=len, reverse=True)))
    return token.sub(lambda m: m.group()[1:-1] if m.group()[0] == "[" else words[m.group()],
                     moment_format)


@pytest.mark.parametrize("moment_format", [
    "YYYY-MM-DD dddd", "dddd, MMMM Do YYYY", "DD.MM.YYYY", "YYYY/MMMM/D", "MMM D YY",
    "[Day] YYYY-DDDD", "YYYY/MM/[week of] YYYY-MM-DD ddd", "M-D-YYYY"])
def test_every_day_of_a_leap_year_reads_back_from_its_name(moment_format):
    config = Config(daily_formats=(moment_format,))
    for offset in range(366):
        day = date(2024, 1, 1) + timedelta(days=offset)
        path = f"Journal/{_moment(day, moment_format)}.md"
        assert date_of_path(path, config.daily_formats) == day, path


# Each month's short form (MMM) as moment.js writes it in a language Obsidian can be
# set to, January to December (copied from moment's locales, not from vaultnet's
# table: most are no full name, and some no name's first letters).
MOMENT_SHORT_MONTHS = {
    "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    "de": "Jan. Feb. März Apr. Mai Juni Juli Aug. Sep. Okt. Nov. Dez.",
    "de (moment before 2.17)": "Jan. Febr. Mrz. Apr. Mai Jun. Jul. Aug. Sept. Okt. Nov. Dez.",
    "de-at": "Jän. Feb. März Apr. Mai Juni Juli Aug. Sep. Okt. Nov. Dez.",
    "fr": "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.",
    "es": "ene. feb. mar. abr. may. jun. jul. ago. sep. oct. nov. dic.",
    "it": "gen feb mar apr mag giu lug ago set ott nov dic",
    "pt": "jan fev mar abr mai jun jul ago set out nov dez",
    "nl": "jan. feb. mrt. apr. mei jun. jul. aug. sep. okt. nov. dec.",
    "sv": "jan feb mar apr maj jun jul aug sep okt nov dec",
    "nb": "jan. feb. mars apr. mai juni juli aug. sep. okt. nov. des.",
    "ro": "ian. feb. mart. apr. mai iun. iul. aug. sept. oct. nov. dec.",
    "id": "Jan Feb Mar Apr Mei Jun Jul Agt Sep Okt Nov Des",
    "tr": "Oca Şub Mar Nis May Haz Tem Ağu Eyl Eki Kas Ara",
    "hu": "jan. feb. márc. ápr. máj. jún. júl. aug. szept. okt. nov. dec.",
    "fi": "tammi helmi maalis huhti touko kesä heinä elo syys loka marras joulu",
    "sq": "Jan Shk Mar Pri Maj Qer Kor Gus Sht Tet Nën Dhj",
    "el": "Ιαν Φεβ Μαρ Απρ Μαΐ Ιουν Ιουλ Αυγ Σεπ Οκτ Νοε Δεκ",
    "pl": "sty lut mar kwi maj cze lip sie wrz paź lis gru",
    "cs": "led úno bře dub kvě čvn čvc srp zář říj lis pro",
    "ru": "янв. февр. мар. апр. мая июня июля авг. сент. окт. нояб. дек.",
    "ru, standing alone": "янв. февр. март апр. май июнь июль авг. сент. окт. нояб. дек.",
    "uk": "січ лют бер квіт трав черв лип серп вер жовт лист груд",
    "be": "студ лют сак крас трав чэрв ліп жнів вер каст ліст снеж",
    "ms": "Jan Feb Mac Apr Mei Jun Jul Ogs Sep Okt Nov Dis",
    "ca": "gen. febr. març abr. maig juny jul. ag. set. oct. nov. des.",
    "ca, after a day": "de gener_de febrer_de març_d’abril_de maig_de juny_de juliol_d’agost"
                       "_de setembre_d’octubre_de novembre_de desembre",
    "vi": "Thg 01_Thg 02_Thg 03_Thg 04_Thg 05_Thg 06_Thg 07_Thg 08_Thg 09_Thg 10_Thg 11_Thg 12",
    "vi, in full": "tháng 1_tháng 2_tháng 3_tháng 4_tháng 5_tháng 6_tháng 7_tháng 8_tháng 9"
                   "_tháng 10_tháng 11_tháng 12",
    "ar": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "fa": "ژانویه فوریه مارس آوریل مه ژوئن ژوئیه اوت سپتامبر اکتبر نوامبر دسامبر",
    "he": "ינו׳ פבר׳ מרץ אפר׳ מאי יוני יולי אוג׳ ספט׳ אוק׳ נוב׳ דצמ׳",
    "zh, ja": "1月 2月 3月 4月 5月 6月 7月 8月 9月 10月 11月 12月",
    "ko": "1월 2월 3월 4월 5월 6월 7월 8월 9월 10월 11월 12월",
    "af": "Jan Feb Mrt Apr Mei Jun Jul Aug Sep Okt Nov Des",
    "eu": "urt. ots. mar. api. mai. eka. uzt. abu. ira. urr. aza. abe.",
    "gl": "xan. feb. mar. abr. mai. xuñ. xul. ago. set. out. nov. dec.",
    "eo": "jan feb mart apr maj jun jul aŭg sept okt nov dec",
    "lv": "jan feb mar apr mai jūn jūl aug sep okt nov dec",
    "sk": "jan feb mar apr máj jún júl aug sep okt nov dec",
    "sr": "jan. feb. mar. apr. maj jun jul avg. sep. okt. nov. dec.",
    "bg": "яну фев мар апр май юни юли авг сеп окт ное дек",
    "ur": "جنوری فروری مارچ اپریل مئی جون جولائی اگست ستمبر اکتوبر نومبر دسمبر",
    "th": "ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค.",
    "hi": "जन. फ़र. मार्च अप्रै. मई जून जुल. अग. सित. अक्टू. नव. दिस.",
    "ne": "जन. फेब्रु. मार्च अप्रि. मई जुन जुलाई. अग. सेप्ट. अक्टो. नोभे. डिसे.",
    "bn": "জানু ফেব মার্চ এপ্র মে জুন জুল আগ সেপ্ট অক্টো নভে ডিসে",
    "bn (later moment)": "জানু ফেব্রু মার্চ এপ্রিল মে জুন জুলাই আগস্ট সেপ্ট অক্টো নভে ডিসে",
    "ta": "ஜனவரி பிப்ரவரி மார்ச் ஏப்ரல் மே ஜூன் ஜூலை ஆகஸ்ட் செப்டெம்பர் அக்டோபர் நவம்பர் டிசம்பர்",
    "te": "జన. ఫిబ్ర. మార్చి ఏప్రి. మే జూన్ జులై ఆగ. సెప్. అక్టో. నవ. డిసె.",
    "ml": "ജനു. ഫെബ്രു. മാർ. ഏപ്രി. മേയ് ജൂൺ ജൂലൈ. ഓഗ. സെപ്റ്റ. ഒക്ടോ. നവം. ഡിസം.",
    "dv": "ޖެނުއަރީ ފެބްރުއަރީ މާރިޗު އޭޕްރީލު މޭ ޖޫން ޖުލައި އޯގަސްޓު ސެޕްޓެމްބަރު އޮކްޓޯބަރު"
          " ނޮވެމްބަރު ޑިސެމްބަރު",
}


@pytest.mark.parametrize("language", MOMENT_SHORT_MONTHS)
def test_a_months_short_form_is_read_in_obsidians_languages(language):
    from vaultnet.parse.daily import month_number

    months = MOMENT_SHORT_MONTHS[language]
    months = months.split("_") if "_" in months else months.split()  # (some are two words)
    assert [month_number(m) for m in months] == list(range(1, 13))


def test_every_months_name_is_of_its_own_month_alone():
    """No name of one language is another month's in another (Croatian's listopad,
    October, would be Czech and Polish November: Croatian is not among them)."""
    from vaultnet.parse.daily import _MONTHS_BY_LANGUAGE, month_number

    for language, months in _MONTHS_BY_LANGUAGE.items():
        for number, forms in enumerate(months.split(" "), 1):
            for name in forms.split("|"):
                assert month_number(name) == number, (language, name)
                assert month_number(name.capitalize() + ".") == number, (language, name)
    assert month_number("čer") is None  # červen (June) or červenec (July)
    # Hindi's फ़ written as one character, as a keyboard may, or as फ and a nukta.
    assert month_number("\u095eरवरी") == month_number("\u092b\u093cरवरी") == 2
    assert month_number("jui") is None  # juin or juillet


@pytest.mark.parametrize("moment_format, path", [
    ("D MMMM YYYY", "Journal/20 novembre 2026.md"),
    ("dddd D MMMM YYYY", "Journal/vendredi 20 novembre 2026.md"),
    ("dddd, Do MMMM YYYY", "Journal/Freitag, 20. November 2026.md"),
    ("D. MMMM YYYY", "Journal/20. listopadu 2026.md"),  # Czech, in the genitive
    ("D MMMM YYYY", "Journal/20 ноября 2026.md"),  # Russian, in the genitive
    ("Do MMMM[ta] YYYY", "Journal/20. marraskuuta 2026.md"),  # Finnish, as moment's LL writes it
    ("D MMMM YYYY", "Journal/20 Νοεμβρίου 2026.md"),
    ("D MMMM YYYY", "Journal/٢٠ نوفمبر ٢٠٢٦.md"),  # Arabic, with its own digits, as moment writes
    ("D [ב]MMMM YYYY", "Journal/20 בנובמבר 2026.md"),  # Hebrew, as moment's LL writes it
    ("dddd, D MMMM [de] YYYY", "Journal/divendres, 20 de novembre de 2026.md"),  # Catalan
    ("dddd, D MMMM [năm] YYYY", "Journal/thứ sáu, 20 tháng 11 năm 2026.md"),  # Vietnamese
    ("ddd DD MMM YYYY", "Journal/T6 20 Thg 11 2026.md"),
    ("Do [de] MMMM [de] YYYY", "Journal/20º de noviembre de 2026.md"),
    ("YYYY-MM-DD, dddd D MMM", "Journal/2026-11-20, piątek 20 lis.md"),
    ("YYYY年MMMD日", "Journal/2026年11月20日.md"),
    ("YYYY년 MMMM D일 dddd", "Journal/2026년 11월 20일 금요일.md"),
    # Scripts whose vowels are marks, which re's \w leaves out; moment writes some of
    # them with their own digits.
    ("D MMMM YYYY", "Journal/२० नवंबर २०२६.md"),  # Hindi
    ("dddd, D MMMM YYYY", "Journal/शुक्रवार, २० नवम्बर २०२६.md"),
    ("[วัน]dddd[ที่] D MMMM YYYY", "Journal/วันศุกร์ที่ 20 พฤศจิกายน 2026.md"),  # Thai, as LLLL
    ("D MMM YYYY", "Journal/20 พ.ย. 2026.md"),  # Thai's short form, with dots inside
    ("D MMMM YYYY", "Journal/௨௦ நவம்பர் ௨௦௨௬.md"),  # Tamil
    ("D MMMM YYYY, dddd", "Journal/20 నవంబర్ 2026, శుక్రవారం.md"),  # Telugu
    ("D MMMM YYYY", "Journal/২০ নভেম্বর ২০২৬.md"),  # Bengali
    ("D MMMM YYYY", "Journal/20 നവംബർ 2026.md"),  # Malayalam
    ("D MMMM YYYY", "Journal/20 ނޮވެމްބަރު 2026.md"),  # Dhivehi
    ("YYYY-MM-DD dddd", "Journal/2026-11-20 جمعه.md"),  # Persian
    ("YYYY-MM-DD ddd", "Journal/2026-11-17 سه‌شنبه.md"),  # a zero-width non-joiner inside
    ("YYYY-MM-DD dddd", "Journal/2026-11-20 ថ្ងៃសុក្រ.md"),  # Khmer's weekday (its months are
    ("YYYY-MM-DD dddd", "Journal/2026-11-20 သောကြာ.md"),  # not read), and Burmese's
    ("Do MMMM YYYY", "Journal/20-ти ноември 2026.md"),  # Bulgarian's ordinal
    ("Do [de] MMMM YYYY", "Journal/20a de novembro 2026.md"),  # Esperanto's
    ("D. MMMM YYYY", "Journal/20. novembris 2026.md"),  # Latvian
    # Synced from a Mac, é stored as e and an accent.
    ("YYYY-MM-DD dddd", unicodedata.normalize("NFD", "Journal/2026-11-20 piątek.md")),
    ("D MMM YYYY", unicodedata.normalize("NFD", "Journal/20 déc. 2026.md")),
])
def test_a_daily_note_named_in_another_language_is_dated(moment_format, path):
    expected = date(2026, 12, 20) if "déc" in unicodedata.normalize("NFC", path) else D
    expected = date(2026, 11, 17) if "سه" in path else expected
    assert date_of_path(path, (moment_format,)) == expected


def test_a_word_where_a_format_has_its_month_is_no_date_and_no_problem():
    """As any name the format does not give: not dated, and not named as no real date."""
    assert date_of_path("Journal/20 Notes 2026.md", ("D MMMM YYYY",)) is None
    note = parse("Journal/20 Notes 2026.md", "Met [[Ann]].\n", Config(daily_formats=("D MMMM YYYY",)))
    assert note.date is None and note.problems == []


@pytest.mark.parametrize("path, formats", [
    ("Daily/2026-02-30.md", ()),
    ("Daily/2026-11-31 Monday.md", ("YYYY-MM-DD dddd",)),
])
def test_a_daily_note_named_as_no_real_date_is_a_problem(path, formats):
    # Its links counted for no day, and nothing said so.
    title = path.rsplit("/", 1)[1][:-3]
    note = parse(path, "Lunch with [[Ann]].\n", Config(daily_formats=formats))
    assert note.date is None and note.events == []
    assert [(p.line, p.message) for p in note.problems] == [
        (1, f"the note's name {title!r} is no real date, so it is not dated; rename it, or "
            "give it date: YYYY-MM-DD")]
    dated = parse(path, "---\ndate: 2026-11-30\n---\nLunch with [[Ann]].\n", Config(daily_formats=formats))
    assert dated.problems == [] and [e.date for e in dated.events] == [date(2026, 11, 30)]


def test_item_date_overrides_the_note_date():
    found = events("Daily/2026-11-20.md", "- 2026-11-18 call with [[Ann]] 20m\n")
    assert found == [(date(2026, 11, 18), "ann", 20, ())]


def test_dated_list_item_in_an_ordinary_note_counts_its_links():
    assert events("Career.md", "- 2026-11-20 lunch with [[Ann]]\n") == [(D, "ann", 30, ())]


def test_undated_ordinary_note_has_no_events():
    assert events("Ideas.md", "Ask [[Ann]] about Go.\n- [[Bob]] knows\n") == []


def test_event_lines_are_file_lines():
    note = parse("Daily/2026-11-20.md", "---\ntags: [daily]\n---\n# Day\n\nSaw\n[[Ann]] today\n")
    assert [e.line for e in note.events] == [7]


def test_each_link_of_a_long_paragraph_is_on_its_own_line():
    lines = "".join(f"met [[P{n}]] and [[Q{n}]] today\n" for n in range(300))
    note = parse("Daily/2026-11-20.md", "# Day\n" + lines + "\n- x [[Ann]]\n  and [[Bo]]\n")
    assert [link.line for link in note.links] == [
        *(line for n in range(300) for line in (2 + n, 2 + n)), 303, 304]
    assert [e.line for e in note.events] == [link.line for link in note.links]


@pytest.mark.parametrize("body", [
    "Code `[[Ann]]` span.\n",
    "Double ``x [[Ann]] x`` span.\n",
    "A backslash escaped, then code: \\\\`[[Ann]]`\n",
    "Ticks of one run close it: ``a ` [[Ann]] ``\n",
    "```\n[[Ann]]\n```\n",
    "~~~md\n- 2026-11-20 [[Ann]]\n~~~\n",
    "Text.\n\n    [[Ann]] indented code\n",
    "![[Ann]]\n",
    "- [ ] call [[Ann]]\n",
    "> ```\n> [[Ann]]\n> ```\n",
    "<!-- [[Ann]] -->\n",
    "- notes:\n  ```\n  - 2026-11-20 [[Ann]]\n  ```\n",  # code inside a list item
    "- ```\n  - 2026-11-20 [[Ann]]\n  ```\n",  # code that opens on the item's line
])
def test_never_events(body):
    assert events("Daily/2026-11-20.md", body) == []


@pytest.mark.parametrize("body", [
    # List markers (and quotes) nested on one line: the quick look for anything to
    # read at all saw no item there, and the promise or the log item counted nothing.
    "- - [ ] send her the deck 📅 2026-11-24\n",
    "- > - [ ] send the deck 📅 2026-11-24\n",
    "> - 1. [ ] send the deck 📅 2026-11-24\n",
    "* + 2026-11-20 coffee 45m\n",
    "1. - [x] 2026-11-19 sent it\n",
    "- - 20.11.2026 coffee\n",  # named by check
    "- [ ]%%for Q1%% send the deck 📅 2026-11-24\n",  # a comment right after the box
    # A date with its month's name in a table row, or nested: check says why it counts for
    # nothing, in a note with a link as in one without.
    "| 20 Nov | coffee |\n",
    "- - 20 novembre café\n",
    "  ## 20 Nov\n",  # a heading indented, as CommonMark allows up to three spaces
])
def test_the_quick_look_finds_what_the_whole_reading_does(body, monkeypatch):
    import vaultnet.parse.note as note_module
    from vaultnet.parse.blocks import parse_blocks

    text = "---\nrole: peer\n---\n" + body
    quick = parse("People/Ann.md", text)
    monkeypatch.setattr(note_module, "body_blocks", parse_blocks)
    whole = parse("People/Ann.md", text)
    assert (quick.events, quick.commitments, quick.problems) == (
        whole.events, whole.commitments, whole.problems)
    assert whole.events or whole.commitments or whole.problems


@pytest.mark.parametrize("body, found", [
    # Each of these the quick block readers once read otherwise than CommonMark does.
    ("[Note]: called [[Ann]] about the job\n", [(D, "ann")]),  # no link definition
    ("- standup\n\n  <div>\nlunch with [[Ann]]\n", [(D, "ann")]),  # HTML ends with its item
    ("<?php\n\n[[Ann]]\n?>\n", []),  # HTML that ends at "?>", not at a blank line
    ("<![CDATA[\n\n[[Ann]]\n]]>\n", []),
    # A link in angle brackets is no HTML: the lines under it were taken for an HTML
    # block, and the meeting with Ann was not counted.
    ("<https://zoom.us/j/123>\nMet [[Ann]] about the migration\n", [(D, "ann")]),
    ("<ann@example.com>\nEmailed [[Ann]]\n", [(D, "ann")]),
    ("<span class='x' data-a=1>\n[[Ann]]\n", []),  # a whole tag: HTML to the blank line
    # An outline ten deep, in a note read by markdown-it-py (indented code below): all
    # that came after it was dropped.
    ("".join(f"{'  ' * i}- point {i}\n" for i in range(10)) + "\n    code\n\nMet [[Ann]]\n",
     [(D, "ann")]),
    # An ordered item other than 1 cannot interrupt a paragraph: the item's own text.
    ("- 2026-11-18 lunch\n  2. 2026-11-19 call [[Ann]]\n", [(date(2026, 11, 18), "ann")]),
    # "---" under an item's text makes it a heading, no longer a dated item.
    ("- 2026-11-18 lunch [[Ann]]\n    ---\n", [(D, "ann")]),
    # A tab after ">" counts from the marker's column: a list item in the quote.
    ("> met\n>\t- 2026-11-19 [[Ann]]\n", [(date(2026, 11, 19), "ann")]),
])
def test_block_structure_as_commonmark_reads_it(body, found):
    assert [(e.date, e.target) for e in parse("Daily/2026-11-20.md", body).events] == found


@pytest.mark.parametrize("body", [
    "An escaped backtick opens no code: \\`[[Ann]]\\` here\n",
    "Nor half of one: \\`[[Ann]]` here\n",
    "Ticks no run of as many closes are text: `` [[Ann]] `\n",
])
def test_backticks_that_open_no_code(body):
    assert events("Daily/2026-11-20.md", body) == [(D, "ann", 30, ())]


def test_code_spans_are_where_markdown_it_finds_them():
    """Random paragraphs of backticks, escapes and links, the same each run: a link
    counts where markdown-it-py reads it as text, not as code."""
    from markdown_it import MarkdownIt

    from vaultnet.parse.inline import mask_code, wikilinks

    md = MarkdownIt("commonmark")
    parts = ["`", "``", "```", " `", "` ", "\\`", "\\\\", "\\", " ", "a", "*", "[[A]]", "[[B]]"]
    rng = random.Random(20261202)
    for _ in range(2000):
        text = "p " + "".join(rng.choice(parts) for _ in range(rng.randint(1, 9)))
        read = "".join(child.content if child.type == "text" else "\0"
                       for token in md.parse(text) if token.type == "inline"
                       for child in token.children)
        expected = re.findall(r"\[\[([AB])\]\]", read)
        assert [link.name for link in wikilinks(mask_code(text))] == expected, repr(text)


# Lines of every kind the rules read, or must not: logs, tasks, links of both kinds,
# code, quotes, HTML, comments, headings, dates written other ways.
NOTE_LINES = [
    "- 2026-11-20 coffee with [[Ann]] 45m #gave", "- 2026-11-19 call [Bo](People/Bo.md)",
    "- [ ] send [[Ann]] the deck 📅 2026-11-30", "- [x] 2026-11-18 sent it", "2026-11-20 lunch",
    "Nov 21 coffee", "## 2026-11-20", "## [[2026-11-20]]", "# Log", "", "", "",
    "Met [[Ann]] at the meetup", "See [docs](https://x.org)", "[Ann](Ann.md) was there",
    "`[[Ann]]`", "\\`[[Bo]]\\`", "```", "~~~", "    indented [[Ann]]", "  - 2026-11-17 nested [[Bo]]",
    "> quoted [[Ann]]", "> - 2026-11-16 [[Bo]]", "<div>", "</div>", "<!-- [[Ann]] -->",
    "%% hidden [[Bo]] %%", "%%", "- **2026-11-15** bold", "- plain item", "* star [[Ann]]",
    "1. one [[Bo]]", "2. two", "  2. nested two", "---", "***", "===", "[Note]: met [[Ann]]",
    "[a]: http://x", "<?php", "?>", "- [ ] 2026-11-10 plan [[Bo]]", "#person", "text #private",
    "| a | [[Ann]] |", "|---|---|", "\t- tab [[Bo]]", "- ", "1)", "2026/11/20 x",
    "**2026-11-20** lunch", "- 20 novembre café", "- Nov 3 walk", "[[Ann|A]] and [[Bo#Log]]",
    "![[Ann]]", "- [ ] ask [[Bo]] due:: 2026-11-30", "- 2026-11-20 x ^e3f1", "- [-] cancelled [[Ann]]",
    "- 2030-01-01 plan [[Ann]]", "Title", "  text [[Bo]]", "<details>", "</details>",
    "- [2026-11-20](2026-11-20.md) lunch [[Bo]]", "1. 2026-11-20 [[Ann]]", "   - 2026-11-19 [[Ann]]",
    "> [!note]", "> ```", "- > q", "- ```", "  ```", "- 2026-11-20 1h30m run", "- 2026-02-30 bad",
    # Shapes found by fuzzing the quick path against markdown-it-py (atheris): nested
    # markers, a comment after a box, code first in an item, dates by a month's name in a
    # table or an indented heading, links in angle brackets, a rule as a nested item, a
    # tab before a fence in an item, an outline past the old nesting limit, a heading
    # that starts with a box, bold or another way of writing a day, a numbered item
    # dated by a month's name (`check` names them), code right after a box.
    "- - [ ] nested task 📅 2026-11-25", "* + 2026-11-18 nested log", "> - 1. [ ] quoted",
    "- [ ]%%c%% send it", "- [ ] %%only a comment%%", "- [ ] `make deploy` 📅 2026-11-27",
    "- 2026-11-17 `kubectl` session 1h", "| 20 Nov | coffee |", "- - 20 novembre café",
    "  ## 20 Nov", "<https://zoom.us/j/1>", "<ann@example.com>", "<span class='x'>", "</div*l>",
    "    - --", "\t* **", "  ~~~", "  \t~~~", "talked about it #gave", "7. 2026-11-12 seven",
    "## [x] 2026-11-20 coffee", "# **2026-11-19** call", "> # Nov 21 lunch", "## 20/11/2026 walk",
    "1. 20 Nov coffee", "- [/]`b0` 82", "- [x] `a` 2026-11-19 with [[Ann]]",
    "".join(f"{'  ' * i}- point {i}\n" for i in range(11)).rstrip("\n"),
]


def test_the_quick_readers_change_nothing_a_note_yields(monkeypatch):
    """Random notes of the lines above, the same each run, parsed as vaultnet does
    (a body with nothing to read skipped, the flat reader, the scanner) and with
    markdown-it-py reading every body: the same type, events, promises, links and
    problems."""
    import vaultnet.parse.note
    from vaultnet.parse.blocks import body_blocks, parse_blocks

    def yields(path, text):
        note = parse(path, text)
        return note.type, note.events, note.commitments, note.links, note.problems

    rng = random.Random(20261202)
    for _ in range(2000):
        body = "\n".join(rng.choice(NOTE_LINES) for _ in range(rng.randint(1, 12))) + "\n"
        path = rng.choice(["People/Ann.md", "Skills/Go.md", "Daily/2026-11-20.md", "Ideas.md"])
        monkeypatch.setattr(vaultnet.parse.note, "body_blocks", body_blocks)
        quick = yields(path, body)
        monkeypatch.setattr(vaultnet.parse.note, "body_blocks", parse_blocks)
        assert quick == yields(path, body), (path, body)


def test_unchecked_task_in_a_person_note_is_not_an_interaction():
    assert events("People/Ann.md", "- [ ] 2026-11-20 send the deck\n") == []


def test_future_dates_are_stored_and_left_to_today_to_filter():
    # Plans are kept in the index and never counted once dated after --today.
    assert events("People/Ann.md", "- 2030-01-01 plan\n")[0][0] == date(2030, 1, 1)


def test_generated_pages_hold_nothing():
    note = parse("Follow-ups.md", "---\ngenerated_by: vaultnet\n---\n- 2026-11-20 [[Ann]]\n")
    assert note.generated and note.events == [] and note.links == []


def test_links_in_quotes_and_callouts_count():
    found = events("Daily/2026-11-20.md", "> [!note] Met\n> [[Ann]] at the meetup\n")
    assert found == [(D, "ann", 30, ())]


def test_non_ascii_names_and_case_insensitive_keys():
    found = events("Daily/2026-11-20.md", "Lunch with [[Zoë Brandt]] and [[SOFÍA Núñez]].\n")
    assert [t for _, t, _, _ in found] == ["zoë brandt", "sofía núñez"]


def test_the_links_of_one_item_or_paragraph_share_its_block():
    """By which the index counts a note linked twice in one block once (test_index)."""
    note = parse("Daily/2026-11-20.md",
                 "- lunch with [[Ann]] and [[ann#Log|her]] team\n\n"
                 "Met [[Bo]] and later\n[[Bo|him]] again; [[Cy]] too.\n")
    assert [(e.line, e.target, e.block) for e in note.events] == [
        (1, "ann", 1), (1, "ann", 1), (3, "bo", 3), (4, "bo", 3), (4, "cy", 3)]
    meeting = parse("Meetings/Sync.md", '---\ndate: 2026-11-20\npeople: ["[[Ann]]"]\n---\n- [[Bo]]\n')
    assert [(e.target, e.block) for e in meeting.events] == [("bo", 5), ("ann", 0)]


def test_accents_written_decomposed_are_the_same_name():
    """macOS writes file names decomposed (e + a combining accent); links are typed composed."""
    decomposed = unicodedata.normalize("NFD", "Sofía Núñez")
    found = events("Daily/2026-11-20.md", f"Lunch with [[{decomposed}]] and [[Sofía  Núñez]].\n")
    assert [t for _, t, _, _ in found] == ["sofía núñez", "sofía núñez"]  # (the index: one)


@pytest.mark.parametrize("page", [
    "---\ngenerated_by: vaultnet\n---\n<!-- vaultnet:begin -->\n- 2026-11-20 [[Ann]]\n",
    "---\ngenerated_by: vaultnet\nweek: 2026-W48\n---\n## Reflection\n[[Ann]] helped\n",
])
def test_a_page_as_vaultnet_writes_it_is_known_without_the_parser(page):
    """The first command after a report meets the pages it wrote: told apart by their
    frontmatter alone, without importing the parser, and read exactly as it reads them."""
    data = page.encode("utf-8")
    assert own_page("Reviews/2026-W48.md", data) == parse("Reviews/2026-W48.md", data)
    assert own_page("Reviews/2026-W48.md", data).generated


@pytest.mark.parametrize("data", [
    b"---\ngenerated_by: vaultnet\n---\n\xff\n",  # not UTF-8: the parser names the line
    b"---\ngenerated_by: vaultnet\ntags: [x]\n---\n",  # edited: the parser reads it
    b"\xef\xbb\xbf---\ngenerated_by: vaultnet\n---\n",
    b"---\r\ngenerated_by: vaultnet\r\n---\r\n",
    b"generated_by: vaultnet\n",
    b"- 2026-11-20 [[Ann]]\n",
])
def test_anything_else_is_left_to_the_parser(data):
    assert own_page("Follow-ups.md", data) is None


def test_last_contact_is_an_interaction():
    note = parse("People/Ann.md", "---\nlast_contact: 2026-11-20\n---\n")
    assert [(e.date, e.target, e.line) for e in note.events] == [(D, None, 2)]


def test_invalid_item_date_is_a_problem():
    note = parse("People/Ann.md", "text\n- 2026-02-30 call\n")
    assert note.events == [] and note.problems[0].line == 2


def commitments(path: str, text: str):
    return [(c.due, c.done, c.target, c.text) for c in parse(path, text).commitments]


@pytest.mark.parametrize("item, due", [
    ("- [ ] send deck 📅 2026-11-25", date(2026, 11, 25)),
    ("- [ ] send deck 📆 2026-11-25", date(2026, 11, 25)),  # the Tasks plugin reads these two
    ("- [ ] send deck 🗓️ 2026-11-25", date(2026, 11, 25)),  # (with its emoji form: U+FE0F)
    ("- [ ] send deck 🗓2026-11-25", date(2026, 11, 25)),
    ("- [ ] send deck [due:: 2026-11-25]", date(2026, 11, 25)),
    ("- [ ] send deck (due:: 2026-11-25)", date(2026, 11, 25)),  # Dataview shows no key
    ("- [ ] send deck due:: 2026-11-25", date(2026, 11, 25)),
    ("- [ ] 2026-11-25 send deck", date(2026, 11, 25)),
    ("- [ ] 2026-11-01 send deck 📅 2026-11-25", date(2026, 11, 25)),
    ("- [ ] send  deck", None),
])
def test_commitment_due_dates(item, due):
    """The text is kept without its due-date markers (pages and `due` show the date
    beside it) and with its spaces evened."""
    assert commitments("People/Ann.md", item + "\n")[0] == (due, False, None, "send deck")


def test_a_due_marker_inside_the_text_leaves_the_words_around_it():
    assert commitments("People/Ann.md", "- [ ] send 📅 2026-11-25 the deck #gave\n")[0][3] == (
        "send the deck #gave")


@pytest.mark.parametrize("item, text", [
    # The Tasks plugin's other fields, at the task's end in any order: they used to be
    # quoted on the pages as if they were the promise's words.
    ("send deck 🔁 every week 📅 2026-11-25 ⏫", "send deck"),
    ("send deck ➕ 2026-11-01 🛫 2026-11-20 ⏳ 2026-11-24 🔼", "send deck"),
    ("send deck ⏰ 2026-11-24 09:00 🆔 a1b2c3 ⛔ x1, y-2 🏁 delete", "send deck"),
    ("send deck ⏫ #work 📅 2026-11-25 #gave", "send deck #work #gave"),  # tags stay
    ("send deck  [priority:: high]  [created:: 2026-11-01] (repeat:: every month)", "send deck"),
    ("send deck 🔁 every month on the 1st when done", "send deck"),
    # Only at the end, as Tasks reads them: not words that merely follow one.
    ("pick ⏫ or 🔽 options, then send deck", "pick ⏫ or 🔽 options, then send deck"),
    ("send deck: note:: draft", "send deck: note:: draft"),
])
def test_a_promise_is_quoted_without_the_tasks_plugins_fields(item, text):
    assert commitments("People/Ann.md", f"- [ ] {item}\n")[0][3] == text


def test_a_task_done_is_quoted_without_its_done_date():
    note = parse("People/Ann.md", "- [x] 2026-11-20 sent the deck 📅 2026-11-20 ✅ 2026-11-21\n")
    assert [e.text for e in note.events] == ["sent the deck"]
    assert [(c.done, c.text) for c in note.commitments] == [(True, "sent the deck")]


@pytest.mark.parametrize("item, text", [
    # Code first in the text was taken for the spaces after the box or the date (it is
    # blanked for the rules) and left out of the words quoted: "deploy`", "session".
    ("- [ ] `make deploy` for the release 📅 2026-11-24", "`make deploy` for the release"),
    ("- [ ] 2026-11-24 `terraform plan` review", "`terraform plan` review"),
    ("- [x] 2026-11-20 `kubectl` session 1h", "`kubectl` session 1h"),
    ("- 2026-11-20 `kubectl` session 1h", "`kubectl` session 1h"),
    ("- 2026-11-20 %%private%% `k9s` demo", "`k9s` demo"),
])
def test_code_first_in_an_item_is_quoted(item, text):
    note = parse("People/Ann.md", item + "\n")
    assert {c.text for c in note.commitments} | {e.text for e in note.events} == {text}


@pytest.mark.parametrize("item, done", [
    ("- [ ]`make` deploy 📅 2026-11-24", []), ("- [x]`a` 2026-11-20 coffee", []),
    ("- [/]`b0` 82", []),
    ("- [x] `a` 2026-11-20 coffee", [True]),  # a task done, but not on that day
])
def test_code_right_after_a_box_or_before_a_date_leaves_the_item_as_written(item, done):
    """Obsidian shows `- [ ]`make`` as an item that starts with "[ ]", no task,
    and `- [x] `a` 2026-11-20` as one that starts with code, no date: blanking the
    code (for the rules) made a space after the box, and the date the item's. They
    were a promise or an interaction, and only in a note with a link somewhere."""
    for body in (f"{item}\n", f"{item}\n\nMet at [[Acme]].\n"):
        note = parse("People/Ann.md", body)
        assert ([c.done for c in note.commitments], note.events) == (done, []), body
    daily = parse("Daily/2026-11-19.md", f"{item} with [[Ann]]\n")
    assert [(e.date, e.target) for e in daily.events] == [(date(2026, 11, 19), "ann")]
    assert [c.done for c in daily.commitments] == done


@pytest.mark.parametrize("item", ["- [ ]%%later%%", "- [ ] %%later%%", "- [ ]<!-- later -->",
                                  "- [x] %%done%%", "- [ ]"])
def test_a_box_with_nothing_shown_after_it_is_no_task(item):
    # As `- [ ]` alone is none; a comment after the box made an empty promise, and only
    # in a note whose body was read (one with a link somewhere).
    for body in (f"{item}\n", f"{item}\n\nMet at [[Acme]].\n"):
        note = parse("People/Ann.md", body)
        assert (note.commitments, note.events) == ([], [])


def test_commitments_elsewhere_are_to_each_linked_note():
    found = commitments("Notes.md", "- [ ] intro [[Ann]] to [[Bob]] 📅 2026-11-25\n- [x] done for [[Ann]]\n")
    assert [(t, done) for _, done, t, _ in found] == [("ann", False), ("bob", False), ("ann", True)]


def test_task_without_link_outside_person_notes_is_no_commitment():
    assert commitments("Notes.md", "- [ ] buy milk\n") == []


def test_cancelled_tasks_are_neither():
    note = parse("People/Ann.md", "- [-] 2026-11-20 cancelled call\n")
    assert note.events == [] and note.commitments == []


@pytest.mark.parametrize("mark, promise, event", [
    (" ", "open", False),
    ("x", "done", True),
    ("X", "done", True),
    ("/", "open", False),  # in progress (Tasks plugin, Minimal and Things themes): still owed
    ("-", None, False),  # cancelled
    ("?", None, False),  # a mark vaultnet cannot read: neither, without the Tasks plugin
    (">", None, False),
])
def test_what_the_mark_in_a_tasks_box_means(mark, promise, event):
    note = parse("People/Ann.md", f"- [{mark}] 2026-11-20 send the deck\n")
    assert [("done" if c.done else "open") for c in note.commitments] == (
        [promise] if promise else [])
    assert [e.date for e in note.events] == ([D] if event else [])


def test_the_tasks_plugins_statuses_say_what_a_mark_means():
    from vaultnet.obsidian import TaskMarks

    config = Config(task_marks=TaskMarks(open=" /!", done="xd", other_open=True, closed="-~"))
    text = "".join(f"- [{mark}] 2026-11-20 call [[Ann]]\n" for mark in " /!xd-~?X")
    note = parse("Daily/2026-11-20.md", text, config)
    # A mark it has no status for (? and X here) is one to do, as Tasks reads it.
    assert [(c.line, c.done) for c in note.commitments] == [
        (1, False), (2, False), (3, False), (4, True), (5, True), (8, False), (9, False)]
    assert [e.line for e in note.events] == [4, 5]  # done: an interaction that day


def test_type_from_frontmatter_folder_and_tag():
    assert parse("Misc/Ann.md", "---\ntype: Person\n---\n").type == "person"
    assert parse("People/Org.md", "---\ntype: company\n---\n").type == "note"
    assert parse("people/sub/Ann.md", "").type == "person"
    assert parse("Misc/Go.md", "---\ntags: [skill]\n---\n").type == "skill"
    assert parse("Misc/G.md", "Career goal #goal\n").type == "goal"
    assert parse("Misc/N.md", "`#person` in code\n").type == "note"
    # "people", as widely copied templates (kepano's) tag every person note.
    assert parse("References/Steph.md", "---\ntags:\n  - people\n  - authors\n---\n").type == "person"
    assert parse("Misc/Bo.md", "Met at the meetup. #people\n").type == "person"
    # type: as people write it: a plural, a CRM's word.
    assert [parse("Misc/P.md", f"---\ntype: {word}\n---\n").type
            for word in ("people", "Persons", "contact", "skills", "goals", "[person]",
                         '["[[People]]", author]', "[[Skill]]", "[company]", "{a: 1}")] == [
        "person", "person", "person", "skill", "goal", "person", "person", "skill", "note",
        "note"]


@pytest.mark.parametrize("path, text, said", [
    ("Notes/Grace.md", "---\nrole: mentor\ncadence: 1m\n---\n",
     "role: mentor is a person's, but it is not in People/, and has no type: person or "
     "#person tag, so vaultnet reads no person here; write type: person if it is one"),
    ("People/Acme.md", "---\ntype: company\nrole: [Sponsors, peer]\n---\n",
     "role: sponsor, peer is a person's, but its type: company makes it an ordinary note, so "
     "vaultnet reads no person here; write type: person if it is one"),
    ("Notes/Job.md", "---\nrole: Staff Engineer\n---\n", None),  # no person's role: a job's
    ("Notes/Mix.md", "---\nrole: [mentor, Staff Engineer]\n---\n", None),
    ("Notes/Bo.md", "---\nrole: mentor\n---\n#person\n", None),  # a person
])
def test_a_persons_role_in_a_note_that_is_no_persons_is_named(path, text, said):
    note = parse(path, text)
    assert [p.message for p in note.problems] == ([said] if said else [])


def test_aliases_string_or_list():
    assert parse("People/Ann.md", "---\naliases: Annie\n---\n").aliases == ("Annie",)
    assert parse("People/Ann.md", "---\naliases: [A, B]\n---\n").aliases == ("A", "B")


def test_markdown_links_to_notes_count_as_wikilinks_do():
    """Obsidian writes `[Ann Lee](Ann%20Lee.md)` when "Use [[Wikilinks]]" is off,
    and treats it as the same link: its interactions and promises count."""
    text = ("- 2026-11-20 coffee with [Ann](Ann%20Lee.md) 45m #gave\n"
            "- 2026-11-19 call with [Bo](<../People/Bo Ray.md#Log> \"Bo\") and [[Cy]]\n"
            "- [ ] send [Ann](People/Ann%20Lee) the deck 📅 2026-11-30\n")
    note = parse("Daily/2026-11-20.md", text)
    assert sorted((e.date, e.target, e.minutes) for e in note.events) == [
        (D - timedelta(days=1), "bo ray", 30), (D - timedelta(days=1), "cy", 30), (D, "ann lee", 45)]
    assert [(c.target, c.due) for c in note.commitments] == [("ann lee", date(2026, 11, 30))]
    assert sorted((link.line, link.target) for link in note.links) == [
        (1, "ann lee"), (2, "bo ray"), (2, "cy"), (3, "ann lee")]


@pytest.mark.parametrize("body", [
    "Lunch with [Ann](Ann%20Lee.md)\n",
    "- lunch with [Ann](People/Ann%20Lee.md)\n",
    "## Meeting\nwith [Ann Lee](<People/Ann Lee.md>), 45m\n",
])
def test_a_days_note_whose_only_links_are_markdown_links(body):
    # Such a note, with no [[...]], no task and no dated item, was not read at all.
    note = parse("Daily/2026-11-20.md", body)
    assert [(e.date, e.target) for e in note.events] == [(D, "ann lee")]
    assert [link.target for link in parse("Ideas.md", body).links] == ["ann lee"]


@pytest.mark.parametrize("text", [
    "![Ann](Ann%20Lee.md)",                       # an embed
    "`[Ann](Ann%20Lee.md)`",                      # code
    "[Ann](https://example.com/Ann%20Lee.md)",    # the web
    "[Ann](mailto:ann@example.com)", "[Ann](obsidian://open?file=Ann%20Lee)",
    "[Ann](#Ann%20Lee)",                          # a heading of this note
    "[Ann](Ann%20Lee.pdf)", "[Ann](example.com)", # files that are not notes
    "[Ann] (Ann%20Lee.md)",                       # not a link
])
def test_markdown_links_that_are_not_to_a_note(text):
    note = parse("Daily/2026-11-20.md", f"- 2026-11-20 {text}\n")
    assert note.events == [] and note.links == []


def test_links_with_folders_keep_them_for_telling_notes_of_one_name_apart():
    text = ("- 2026-11-20 met [[Globex/Alex Kim|Alex]], [Alex](<../People/Acme/Alex Kim.md#Log>)"
            " and [[Alex Kim]]\n"
            "- [ ] send [[ /People/ACME/Alex  Kim.md ]] the deck\n")
    note = parse("Daily/2026-11-20.md", text)
    assert [(e.line, e.target) for e in note.events] == [(1, "alex kim")] * 3
    assert note.folder_links == [  # the row made on that line for that name: 1st, 3rd
        ("events", 1, "alex kim", 0, "globex/alex kim"),
        ("events", 1, "alex kim", 2, "../people/acme/alex kim"),
        ("commitments", 2, "alex kim", 0, "/people/acme/alex kim")]


PATHS = ["Acme/Alex Kim.md", "People/Acme/Alex Kim.md", "People/Globex/Alex Kim.md"]


@pytest.mark.parametrize(("link", "source", "found"), [
    ("globex/alex kim", "Daily/2026-11-20.md", 2),           # the end of a path
    ("acme/alex kim", "Daily/2026-11-20.md", 0),             # from the root before an ending
    ("acme/alex kim", "People/Note.md", 1),                  # from the note's folder first
    ("people/acme/alex kim", "Daily/2026-11-20.md", 1),      # a whole path
    ("../people/globex/alex kim", "Daily/2026-11-20.md", 2),  # relative
    ("./acme/alex kim", "People/Note.md", 1),
    ("../acme/alex kim", "Daily/2026-11-20.md", 0),
    ("/acme/alex kim", "People/Note.md", 0),                 # from the root only
    ("/globex/alex kim", "People/Note.md", None),
    ("../../acme/alex kim", "Daily/2026-11-20.md", None),    # above the vault
    ("initech/alex kim", "Daily/2026-11-20.md", None),       # no note in that folder
    ("me/alex kim", "Daily/2026-11-20.md", None),            # a folder's name ends with it
])
def test_the_note_a_link_with_folders_means(link, source, found):
    assert note_at(link, source, PATHS) == found


@pytest.mark.parametrize(("text", "events", "promises"), [
    # An HTML comment within a line, or over two, hides its links: never counted.
    ("- 2026-11-20 coffee <!-- with [[Ann]] -->\n", [], []),
    ("- 2026-11-20 coffee <!-- with\n  [[Ann]] -->\n", [], []),
    # Obsidian's comments: within a line, or from a %% line to the next.
    ("- 2026-11-20 coffee %%with [[Ann]]%%\n", [], []),
    ("Met:\n\n%%\nnot yet [[Bo]]\n\n- 2026-11-20 lunch [[Bo]]\n%%\n\n- 2026-11-20 call [[Cy]] 1h\n",
     [(9, "cy", 60, "call [[Cy]] 1h")], []),
    ("- 2026-11-20 x [[Ann]]\n- 2026-11-20 y %% never closed [[Bo]]\n- 2026-11-20 z [[Cy]]\n",
     [(1, "ann", 30, "x [[Ann]]")], []),
    # What a comment says is not quoted with the link outside it, and no gap is left.
    ("- 2026-11-20 coffee %%she is job hunting%% with [[Ann]] 45m #gave\n",
     [(1, "ann", 45, "coffee with [[Ann]] 45m #gave")], []),
    ("- [ ] send [[Ann]] the deck <!-- she asked twice --> 📅 2026-11-30\n",
     [], [("ann", "send [[Ann]] the deck")]),
    # %% or <!-- in code is code; four % are no comment mark.
    ("- 2026-11-20 with [[Ann]] on `a %% b` and `<!-- c -->` 45m\n",
     [(1, "ann", 45, "with [[Ann]] on `a %% b` and `<!-- c -->` 45m")], []),
    ("- 2026-11-20 a %%%% b [[Ann]]\n", [(1, "ann", 30, "a %%%% b [[Ann]]")], []),
    # A block ID ends its line, and Obsidian does not show it either.
    ("- 2026-11-20 coffee with [[Ann]] 45m ^e3f1-a\n", [(1, "ann", 45, "coffee with [[Ann]] 45m")],
     []),
    ("- 2026-11-20 see [[Ann#^e3f1]]: x^2 ^b2\n", [(1, "ann", 30, "see [[Ann#^e3f1]]: x^2")], []),
])
def test_what_obsidian_does_not_show_is_not_read(text, events, promises):
    note = parse("Daily/2026-11-21.md", text)
    assert [(e.line, e.target, e.minutes, e.text) for e in note.events] == events
    assert [(c.target, c.text) for c in note.commitments] == promises


def test_nothing_in_a_comment_is_counted_or_quoted_on_random_notes():
    """500 notes of dated items, with comments of every kind around and within them
    (the same notes each run): what is in a comment ([[Secret]], SECRET) never
    counts nor is quoted, and every item outside one counts."""
    rng = random.Random(20261130)
    hidden = ["%%SECRET [[Secret]]%%", "<!-- SECRET [[Secret]] -->", "%%SECRET\n  [[Secret]]%%",
              "<!-- SECRET\n  [[Secret]] -->"]  # HTML comments at odd places
    code = ["`%% not a comment`", "`<!--`", "`a ^b`"]
    for _ in range(500):
        lines, expected, inside = [], 0, False
        for _ in range(rng.randint(1, 8)):
            kind = rng.random()
            if kind < 0.15:  # an Obsidian comment over whole lines begins or ends
                lines.append("%%")
                inside = not inside
                continue
            # Within a comment over lines, a %% would end it: only HTML comments there.
            parts = ["- 2026-11-20 met [[Ann]]"]
            parts.insert(rng.randint(0, 1), rng.choice(hidden[1::2] if inside else hidden))
            if rng.random() < 0.3:
                parts.append(rng.choice(code[1:] if inside else code))
            if rng.random() < 0.2:
                parts.append("^b1")
            line = " ".join(parts)
            if not line.startswith("- "):  # the comment first: dated all the same
                line = "- 2026-11-20 " + line
            expected += not inside
            lines.append(line)
        note = parse("Daily/2026-11-21.md", "\n".join(lines) + "\n")
        assert all(e.target == "ann" for e in note.events), lines
        assert len(note.events) == expected, lines
        assert not any("SECRET" in e.text or "Secret" in e.text or e.text.endswith("^b1")
                       for e in note.events), lines


def test_a_tag_in_a_comment_does_not_type_a_note():
    assert parse("Misc/Ann.md", "Someone %%#person%%\n").type == "note"
    assert parse("Misc/Ann.md", "Someone #person\n").type == "person"


def test_the_text_quoted_keeps_its_code():
    """Code is blanked for finding links and durations in it, not in what is quoted."""
    note = parse("Daily/2026-11-21.md", "- 2026-11-20 paired with [[Ann]] on `make 2h` 45m\n"
                                        "- [x] sent [[Bo]] the `deploy.sh` fix\n")
    assert [(e.target, e.minutes, e.text) for e in note.events] == [
        ("ann", 45, "paired with [[Ann]] on `make 2h` 45m"),
        ("bo", 30, "sent [[Bo]] the `deploy.sh` fix")]
    assert [c.text for c in note.commitments] == ["sent [[Bo]] the `deploy.sh` fix"]


NAMES = [("Ana Silva", "Ana Silva (People/Ana Silva.md)"), ("Ana Costa", "Ana Costa (People/Ana Costa.md)"),
         ("Sofía Núñez", "Sofía Núñez"), ("Go", "Go (Skills/Go.md)"), ("Lena Fischer", "Lena Fischer")]


@pytest.mark.parametrize("written, meant, alias", [
    ("Sofia Nunez", ["Sofía Núñez"], True),  # accents aside: an alias makes it a link
    ("núñez", ["Sofía Núñez"], True),  # one of the name's words
    ("ana", ["Ana Silva (People/Ana Silva.md)", "Ana Costa (People/Ana Costa.md)"], True),
    ("Lena Fisher", ["Lena Fischer"], False),  # a slip: the link is to be corrected
    ("Ana Slva", ["Ana Silva (People/Ana Silva.md)"], False),
    ("Golang", [], False), ("Project X", [], False), ("", [], False),  # like no one's name
    ("Ana Lena", [], False),  # two names' words are no one's name
])
def test_the_name_a_link_to_no_note_was_meant_for(written, meant, alias):
    from vaultnet.parse.values import NamesMeant

    assert NamesMeant(NAMES).meant(written) == (meant, alias)



@pytest.mark.parametrize("line", [
    "![chart](data:image/png;base64," + "iVBORw0KGgo" * 50_000 + ")",  # an image pasted inline
    "#" + "a/" * 250_000,  # a run Markdown reads as one tag
    "- " + "-" * 100_000,  # a rule drawn long, in a list
    "- [" + "label\\" * 100_000,  # what might open a link definition
])
def test_a_long_line_is_read_in_memory_of_its_own_size(line):
    """Regular expressions that kept a way back for every character of a long link
    destination or tag took some 200 bytes a character: 470 MB for a 2 MB image."""
    import tracemalloc

    text = f"Lunch with [[Ann]].\n\n{line} [[Bo]]\n"
    tracemalloc.start()
    try:
        note = parse("Daily/2026-11-20.md", text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [e.target for e in note.events] == ["ann", "bo"]
    assert peak < 20 * len(text)  # ~200 × before


def test_a_day_that_is_no_date_says_why():
    """'is not a real date; write YYYY-MM-DD' of a date written as YYYY-MM-DD said
    nothing of what was wrong with it."""
    note = parse("People/Ann.md", "---\nrole: peer\n---\n- 2026-02-29 lunch\n"
                                  "- [ ] send the deck 📅 2026-04-31\n- [ ] call [due:: 2026-13-01]\n")
    assert [(p.line, p.message) for p in note.problems] == [
        (4, "'2026-02-29' is not a real date: February 2026 has 28 days"),
        (5, "due date '2026-04-31' is not a real date: April 2026 has 30 days"),
        (6, "due date '2026-13-01' is not a real date: there is no month 13")]
