"""`vaultnet search`: the full-text index, ranked, with snippets."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from vaultnet.cli import cli

NOTES = {
    "People/Kubernetes Kim.md": "---\nrole: peer\n---\nRuns the platform team.\n",
    "Skills/Go.md": "---\nlevel: 1\n---\nKubernetes operators are written in Go.\n",
    "Daily/2026-11-20.md": "Talked about pipelines and kubernetes upgrades with [[Kubernetes Kim]].\n",
    "Follow-ups.md": ("---\ngenerated_by: vaultnet\n---\n<!-- vaultnet:begin -->\nkubernetes\n"
                      "<!-- vaultnet:end -->\n"),
}


def search(run, root, *args):
    return run("search", *args, "--vault", root)


def test_search_ranks_titles_first_and_leaves_out_generated_pages(run, vault):
    result = search(run, vault(NOTES), "kubernetes", "--json")
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    assert [(f["path"], f["type"]) for f in found] == [
        ("People/Kubernetes Kim.md", "person"), ("Daily/2026-11-20.md", "note"), ("Skills/Go.md", "skill")]
    assert found[2]["title"] == "Go" and "**Kubernetes** operators" in found[2]["snippet"]
    assert set(found[0]) == {"path", "title", "type", "snippet", "score"}


def test_words_are_prefixes_and_fts_syntax_passes(run, vault):
    root = vault(NOTES)
    def paths(query: str) -> list[str]:
        return [f["path"] for f in json.loads(search(run, root, query, "--json").stdout)]

    assert paths("pipe") == ["Daily/2026-11-20.md"]
    # several words, quoted as one argument or not (as --help shows): all of them must match
    both = search(run, root, "kubernetes", "upgrades", "--json")
    assert both.exit_code == 0, both.output
    assert [f["path"] for f in json.loads(both.stdout)] == paths("kubernetes upgrades") == [
        "Daily/2026-11-20.md"]
    assert paths("kubernetes NOT operators") == ["People/Kubernetes Kim.md", "Daily/2026-11-20.md"]
    # FTS5's NOT is "and not": "AND NOT", which FTS5 cannot read, means the same
    assert paths("kubernetes AND NOT operators") == paths("kubernetes NOT operators")
    assert paths('"operators are" AND NOT pipelines') == ["Skills/Go.md"]


def test_a_word_with_a_minus_is_left_out(run, vault):
    """As web searches have it. It was searched for: "kubernetes -operators"
    listed the one note with "operators" in it, and unquoted the shell handed
    "-operators" over as an option Click did not know ("No such option '-o'")."""
    root = vault(NOTES)

    def paths(*query: str) -> list[str]:
        result = search(run, root, *query, "--json")
        assert result.exit_code == 0, result.output
        return [f["path"] for f in json.loads(result.stdout)]

    kim_and_day = ["People/Kubernetes Kim.md", "Daily/2026-11-20.md"]
    assert paths("kubernetes -operators") == paths("kubernetes NOT operators") == kim_and_day
    assert paths("kubernetes -oper -platform") == ["Daily/2026-11-20.md"]  # prefixes, as words are
    assert paths('"kubernetes" -operators') == kim_and_day  # with FTS5 syntax too
    assert paths("kubernetes: -operators") == kim_and_day  # and searched for by its words
    assert paths("talked 2026-11-20") == ["Daily/2026-11-20.md"]  # a hyphen inside a word is no minus
    first = run("search", "--vault", root, "--json", "--", "-operators kubernetes")
    assert [f["path"] for f in json.loads(first.stdout)] == kim_and_day  # was "what they lack alone"
    alone = run("search", "--vault", root, "--", "-operators")
    assert alone.exit_code == 1 and alone.stderr == (
        "Error: cannot search for '-operators': no search finds notes by what they lack alone; "
        "give a word to find too, as in 'design -draft'\n")
    unquoted = run("search", "--vault", root, "kubernetes", "-operators", "--limit", "5")
    assert unquoted.exit_code == 2
    assert unquoted.stderr.endswith(
        "Error: No such option: -operators. To leave out the notes with 'operators', put the "
        "words in quotes: vaultnet search 'kubernetes -operators'\n")
    # The words to find first in what to type: a quoted query that starts with a minus is
    # still taken for an option.
    for typed in (["-operators", "kubernetes"], ["-operators kubernetes"]):
        assert run("search", *typed, "--vault", root).stderr.endswith(
            "To leave out the notes with 'operators', put the words in quotes: vaultnet search "
            "'kubernetes -operators'\n")
    assert run("search", "-draft", "kubernetes", "-operators", "--limit", "3", "--vault",
               root).stderr.endswith("vaultnet search 'kubernetes -draft -operators'\n")
    one_letter = search(run, root, "kubernetes", "-x").stderr  # one letter: an option, which
    assert re.search(r"No such option:? '?-x'?", one_letter)  # Click words as its version does


def test_words_with_signs_are_found_as_typed(run, vault):
    """The index keeps a word's letters alone: "C++" was "c", every note with a word
    starting with c (all of them, in the example vault)."""
    root = vault({"Skills/Cpp.md": "---\nlevel: 2\n---\nTemplates in C++ and some Go.\n",
                  "Skills/Csharp.md": "---\nlevel: 1\n---\nLINQ in C#, on .NET 8.\n",
                  "Notes/Web.md": "Node.js services; the network; a cat.\n",
                  "Notes/Tags.md": "coffee #gave, and gave a talk\n",
                  "Notes/Gave.md": "she gave me a lead\n"})

    def paths(query: str) -> list[str]:
        result = search(run, root, query, "--json")
        assert result.exit_code == 0, result.output
        return sorted(f["path"] for f in json.loads(result.stdout))

    assert paths("C++") == paths("c++,") == paths("C++ templates") == ["Skills/Cpp.md"]
    assert paths("C#") == paths(".NET") == ["Skills/Csharp.md"]
    assert paths("node.js") == paths("node.j") == ["Notes/Web.md"]  # a phrase: next to each other
    assert paths("#gave") == ["Notes/Tags.md"]  # the tag
    assert paths("gave") == ["Notes/Gave.md", "Notes/Tags.md"]  # the word
    assert paths("net") == ["Notes/Web.md", "Skills/Csharp.md"]  # a word's start, as ever


@pytest.mark.parametrize("query, operator", [
    ("NOT operators", "NOT"), ("kubernetes NOT", "NOT"), ("AND NOT operators", "NOT"),
    ("kubernetes OR OR go", "OR"), ("(OR go) kubernetes", "OR"), ('"in Go" AND', "AND")])
def test_an_operator_without_a_word_on_each_side_says_so(run, vault, query, operator):
    """Searched for by its words, as other queries FTS5 cannot read are, "NOT
    operators" found the very note with "operators" in it."""
    result = search(run, vault(NOTES), query)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"Error: cannot search for {query!r}: {operator} goes "
                                    f"between words, as in 'design {operator} draft'")
    assert result.stderr.endswith(f"write it in lower case ({operator.lower()})\n")
    assert ("lack" in result.stderr) == (operator == "NOT")


def test_search_output_for_people(run, vault):
    result = search(run, vault(NOTES), "operators")
    assert result.stdout == "Skills/Go.md  (skill)\n    Kubernetes operators are written in Go.\n"
    assert search(run, vault(NOTES), "nothingmatches").stderr == "No note matches 'nothingmatches'.\n"
    pasted = "a paragraph pasted whole instead of a few words to look for, " * 20
    assert search(run, vault(NOTES), pasted).stderr == (
        "No note matches 'a paragraph pasted whole instead of a few words to look for…'.\n")



@pytest.mark.parametrize("query, meant", [
    ("kubernets", "kubernetes"),
    ("Kubernets UPGARDES", "kubernetes upgrades"),  # each word its own
    ("pipelines upgardes", "pipelines upgrades"),  # one word found as typed
    ("opertors", "operators"),
    ("ubernetes", None),  # the first letter is not guessed
    ("kubernets zzzzqqq", None),  # a word like none: no guess for the query
    ("kubernets -draft", None),  # more than words
    ("operators pipelines", None),  # words notes have, not one note: no slip to mend
])
def test_a_query_that_finds_nothing_gets_the_words_the_notes_have(run, vault, query, meant):
    """A slip in a word finds nothing; the closest words the notes have are offered
    when they find a note (not only a generated page's words: Follow-ups.md has
    "kubernetes" too)."""
    result = search(run, vault(NOTES), query)
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == (f"No note matches '{query}'"
                             + (f"; did you mean '{meant}'?\n" if meant else ".\n"))
    assert search(run, vault(NOTES), query, "--json").stdout == "[]\n"

@pytest.mark.parametrize("query", ["kubernetes: upgrades", "talked 2026-11-20: pipelines",
                                   '"pipelines', "pipelines (kubernetes", "upgrades:"])
def test_a_query_fts5_cannot_read_is_searched_by_its_words(run, vault, query):
    """A colon is FTS5's column filter, a quote its phrase: typed in passing, they
    used to stop the search with FTS5's own error ("no such column: re")."""
    result = search(run, vault(NOTES), query, "--json")
    assert result.exit_code == 0, result.output
    assert [f["path"] for f in json.loads(result.stdout)] == ["Daily/2026-11-20.md"]


@pytest.mark.parametrize("query", ['"', "*", "(", ":", "-", "'", "🎉", "— ·"])
def test_a_query_without_a_word_says_what_to_write(run, vault, query):
    result = search(run, vault(NOTES), query)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: cannot search for {query!r}: it has no word to look for; "
                             'use words, "a phrase", OR, NOT, or title:word\n')


def test_an_empty_query_is_a_usage_error(run, vault):
    result = search(run, vault(NOTES), "  ")
    assert result.exit_code == 2 and "give a word to look for" in result.stderr


def test_matches_are_bold_on_a_terminal_and_marked_in_markdown_in_json(vault):
    """The snippet's matches used to be shown between ``**`` on a terminal, and a
    note's own ``**bold**`` could not be told from a match."""
    root = vault({"Skills/Go.md": "---\nlevel: 1\n---\n**Always** write operators in Go.\n"})
    args = ["search", "operators", "--vault", str(root)]
    shown = CliRunner().invoke(cli, args, color=True)
    assert shown.stdout == "Skills/Go.md  (skill)\n    **Always** write \x1b[1moperators\x1b[22m in Go.\n"
    plain = CliRunner().invoke(cli, args, color=True, env={"NO_COLOR": "1"})
    assert plain.stdout == "Skills/Go.md  (skill)\n    **Always** write operators in Go.\n"
    found = json.loads(CliRunner().invoke(cli, [*args, "--json"]).stdout)
    assert found[0]["snippet"] == "**Always** write **operators** in Go."


def test_a_snippet_is_wrapped_to_a_terminal_under_its_indent():
    """A terminal wrapped a long snippet at its edge, under the note's path; piped,
    each snippet stays one line, for grep."""
    from vaultnet.output import search_text
    from vaultnet.words import MATCH_END, MATCH_START

    words = "Talked about the migration plan with the platform team and " * 2
    found = [{"path": "Daily/2026-11-20.md", "type": "note",
              "snippet": f"{words}the {MATCH_START}kubernetes{MATCH_END} upgrade window"}]
    lines = search_text(found, color=True, width=50).splitlines()
    assert lines[0] == "Daily/2026-11-20.md  (note)"
    assert len(lines) > 3 and all(line.startswith("    ") for line in lines[1:])
    assert all(len(line.replace("\x1b[1m", "").replace("\x1b[22m", "")) <= 50 for line in lines)
    assert "\x1b[1mkubernetes\x1b[22m" in lines[-1]
    assert " ".join(line.strip() for line in lines[1:]) == (
        words.strip() + " the \x1b[1mkubernetes\x1b[22m upgrade window")
    assert len(search_text(found, color=False).splitlines()) == 2



def test_a_snippet_in_chinese_is_wrapped_to_the_terminals_columns():
    """A Chinese character takes two columns, and a run of them has no space to
    break at: textwrap left the run whole, a line of 120 columns on an 80-column
    terminal, which wrapped it under the path."""
    from vaultnet.output import cells, search_text
    from vaultnet.words import MATCH_END, MATCH_START

    run = "我和王小明喝咖啡，讨论了晋升的申请材料和推荐信的草稿，还有项目总结报告和明年的计划"
    found = [{"path": "People/王小明.md", "type": "person",
              "snippet": f"… - 2026-11-20 {run.replace('咖啡', MATCH_START + '咖啡' + MATCH_END)} "
                         "#gave with the platform team"}]
    lines = search_text(found, color=True, width=40).splitlines()
    shown = [line.replace("\x1b[1m", "").replace("\x1b[22m", "") for line in lines[1:]]
    assert len(shown) > 2 and all(line.startswith("    ") and cells(line) <= 40 for line in shown)
    assert run in "".join(line.strip() for line in shown)  # broken inside the run, nothing lost
    assert "\x1b[1m咖啡\x1b[22m" in "".join(lines)


CJK = {
    "People/王小明.md": "---\nrole: peer\n---\n# 王小明\n- 2026-11-20 我和王小明喝咖啡，讨论了晋升 #gave\n",
    "Daily/2026-11-20.md": "- 山田さんとランチ [[山田太郎]]、東京の会議の話\n- Python講座の準備 1h\n",
    "Daily/2026-11-21.md": "- 咖啡 咖啡 with the team, about the Kubernetes upgrade\n",
    "Skills/タイ料理.md": "ต้มยำกุ้ง กับ ผัดไทย ที่ร้านอาหาร\n",
}


def test_words_of_scripts_written_without_spaces_are_found_inside_a_run(run, vault):
    """Chinese and Japanese write no spaces between words, so the index's words are
    whole runs ("我和王小明喝咖啡"), and a word was found only at a run's start:
    "咖啡" (coffee) found nothing."""
    root = vault(CJK)

    def found(*query: str) -> list[tuple[str, str]]:
        result = search(run, root, *query, "--json")
        assert result.exit_code in (0, 1), result.output
        return [(f["path"], f["snippet"]) for f in json.loads(result.stdout)]

    # Best first: a note with the word twice before one with it once.
    assert found("咖啡") == [
        ("Daily/2026-11-21.md", "- **咖啡** **咖啡** with the team, about the Kubernetes upgrade"),
        ("People/王小明.md", "… - 2026-11-20 我和王小明喝**咖啡**，讨论了晋升 #gave")]
    assert [p for p, _ in found("会議")] == [p for p, _ in found("ランチ")] == ["Daily/2026-11-20.md"]
    assert [p for p, _ in found("講座")] == ["Daily/2026-11-20.md"]
    assert [p for p, _ in found("python講座")] == ["Daily/2026-11-20.md"]  # ASCII in any case
    assert [p for p, _ in found("ผัดไทย")] == ["Skills/タイ料理.md"]
    # With words of other scripts (found as ever, as a word's start), and left out.
    assert found("咖啡 kube") == [
        ("Daily/2026-11-21.md", "- **咖啡** **咖啡** with the team, about the **Kube**rnetes upgrade")]
    assert [p for p, _ in found("咖啡 -晋升")] == ["Daily/2026-11-21.md"]
    assert [p for p, _ in found("咖啡 -kubernetes")] == ["People/王小明.md"]
    assert found("咖啡 team -upgrade") == []
    assert found("東京 咖啡") == []
    # The limit counts after the ranking.
    assert [p for p, _ in found("咖啡", "--limit", "1")] == ["Daily/2026-11-21.md"]


def test_a_word_of_a_script_without_spaces_that_finds_nothing_offers_no_spelling(run, vault):
    """The index's words in such a script are whole runs of a sentence: the closest
    to "我和王小明喝茶" was offered as a spelling, "did you mean '我和王小明喝咖啡'?"."""
    result = search(run, vault(CJK), "我和王小明喝茶")
    assert result.exit_code == 0 and result.stderr == "No note matches '我和王小明喝茶'.\n"
