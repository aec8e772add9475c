"""The fast block readers must agree with markdown-it-py wherever they answer."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.conftest import CORPORA, EXAMPLE_VAULT
from vaultnet.parse.blocks import Block, body_blocks, flat_blocks, parse_blocks, scan_blocks
from vaultnet.parse.frontmatter import decode, split

SHAPES = {
    "flat list": "- 2026-01-01 a\n- b\n",
    "nested list": "- a\n    - 2026-01-01 nested\n  - b\n",
    "ordered": "1. one\n2) two\n",
    "continuation": "- item\n  continues [[A]]\nlazy\n",
    "heading": "# Title #tag\n## Sub ##\ntext\n",
    "setext": "Title\n=====\nPara\n---\n",
    "rule": "a\n\n***\n- b\n",
    "fence": "```\n- 2026-01-01 x\n```\n- after\n",
    "long fence": "````\n```\n[[A]]\n````\n",
    "tilde fence": "~~~ py\n[[A]]\n~~~\n",
    "quote": "> quoted [[A]]\n> - item\n\nafter\n",
    "callout": "> [!note] Title\n> body [[A]]\n",
    "html block": "<div>\n[[A]]\n</div>\n\ntext\n",
    "html comment": "<!-- a\n[[A]]\n-->\ntext\n",
    "inline html": "<small>small [[A]]</small>\n",
    "declaration": "<!DOCTYPE html>\n[[A]]\n",
    "links in angle brackets": "<https://zoom.us/j/1>\n[[A]]\n\n<a@b.example>\n[[A]]\n",
    "a whole tag": "<span class=\"x\" data-a=1 hidden>\n[[A]]\n\n</Span >\n[[A]]\n",
    "no tag": "</div*l>\n[[A]]\n\n<div/x\n[[A]]\n",
    # markdown-it-py's commonmark preset read lists nine deep and dropped the rest of
    # the note: an outliner's notes go deeper
    "an outline twelve deep": "".join(f"{'  ' * i}- level {i}\n" for i in range(12)) + "- [[A]]\n",
    "processing instruction": "<?php\n\n[[A]]\n?>\nafter [[B]]\n",
    "cdata": "<![CDATA[\n\n[[A]]\n]]>\nafter [[B]]\n",
    "no html": "<! not a declaration [[A]]\n",
    "table": "| a | [[A]] |\n|---|---|\n| 1 | 2 |\n",
    "task list": "- [ ] open\n- [x] done\n",
    "unclosed fence": "```\n[[A]]\n",
    "bullets of each kind": "* star [[A]]\n+ plus\n- dash\n",
    "item interrupts a paragraph": "para [[A]]\n- 2026-01-01 item\n",
    "spaced rules": "- a\n- - -\ntext\n* * *\n+ b\n",
    "rule after a paragraph": "para\n- - -\n",
    # More flat bodies (FLAT names every shape the flat reader must read).
    "a person's log": "# Ann\n\nHow we met.\n\n## Log\n- 2026-01-01 coffee [[B]] 30m #gave\n"
                      "- [ ] send it 📅 2026-02-01\n* star\n+ plus\n",
    "lazy continuation": "- item\ncontinues [[A]]\npara\n\npara\nagain\n",
    "headings of every kind": "# a #\n## b ##\n###\tc\n#\n# \n###### six\ntext\n",
    "a digit that is no list marker": "- 2026-01-01 x\n- 12 apples\n- 1.5h walk\n",
    "no final newline": "- a\n- b",
}
FLAT = {"flat list", "heading", "table", "task list", "bullets of each kind",
        "item interrupts a paragraph", "a person's log", "lazy continuation",
        "headings of every kind", "a digit that is no list marker", "no final newline"}


@pytest.mark.parametrize("name", SHAPES)
def test_readers_agree_with_markdown_it(name):
    body = SHAPES[name]
    fast = scan_blocks(body)
    assert fast is not None, "the scanner should handle this shape"
    assert fast == parse_blocks(body)
    flat = flat_blocks(body)
    assert (flat is not None) == (name in FLAT), "a flat body, and only a flat one"
    assert flat is None or flat == fast


@pytest.mark.parametrize("line", [
    "  indented", "\ttab", "- - -", "-  two spaces", "- ", "-", "- 1. ordered inside",
    "- # heading inside", "- > quote inside", "- ```", "1. ordered", "#tag", "####### seven",
    "```", "> quote", "<div>", "[a]: http://x", "---", "===", "* * *", "- *emph* first",
])
def test_flat_reader_declines_every_other_line(line):
    body = f"- 2026-01-01 [[A]]\n{line}\ntext\n"
    assert flat_blocks(body) is None
    assert body_blocks(body) == parse_blocks(body)


@pytest.mark.parametrize("body", [
    "text\n\n    indented code [[A]]\n",
    "- item\n\n    second paragraph [[A]]\n",
    "> quote [[A]]\nlazy continuation\n",
    "- item [[A]]\n\t```\n\tcode\n\t```\n",
    "- \n\n## Notes [[A]]\n-\n  text\n",  # empty items: their text may come later
    "- ```\n  - 2026-01-01 [[A]]\n  ```\n",  # code that opens on the item's line
    "- > quoted [[A]]\n",
    "text\n10. lazy, not an item [[A]]\n",
    "- item [[A]]\n===\n",
    "- item\n  ```\n- the item and its code end [[A]]\n",
    "- item\n\n  <div>\ntext [[A]]\n",  # HTML in a list item
    "[a]: http://x\n\ntext [[A]]\n",  # link definitions, and text that only looks like one
    "[Note]: called [[B]] about the job\n",
    "[a\nb]: /x\n[[A]]\n",
    "- [a]: <[[B]]>\n",
    "- a [[A]]\n  2. two\n",  # an ordered item other than 1 after the item's text
    "- [x] d [[B]]\n    ===\n",  # an underline, or a rule, inside an item
    "> q\n>\t- tab [[A]]\n",  # a tab after the quote's marker
    "- a [[A]]\n    - --\n",  # a rule in the item, where a nested item would be
    "- a [[A]]\n\t* **\n",
    "- a\n  ~~~\n  code\n  \t~~~\n  [[A]]\n",  # a tab before the fence that closes it
    "".join(f"{'  ' * i}- level {i}\n" for i in range(40)) + "- [[A]]\n",  # past the scanner's depth
])
def test_scanner_hands_unsure_shapes_to_markdown_it(body):
    assert scan_blocks(body) is None
    assert body_blocks(body) == parse_blocks(body)


# Lines that start or continue every kind of block, alone, nested, with tabs.
FRAGMENTS = [
    "- a [[A]]", "- - -", "* * *", "+ b", "-", "- ", "* x", "text", "", "  - nested",
    "    code", "> q", "```", "~~~", "# h", "---", "===", "1. one", "<div>", "- [ ] t",
    "\t- tab", "-  two spaces", "- \t", "*\tx", "+ ", "- > quote", "- # heading", "- ```",
    "-- not", "-a", "  text", "   - three", "2) two", "10. ten", "\t\t- deep", "\ttext",
    "  > q", "1) x", "<!-- c -->", "[a]: http://x", "    - four", "      - six", "\t",
    "   ```", "  ```", "  1. n", "- [x] d [[B]]", "  ===", "  ---",
    "<?php", "?>", "<![CDATA[", "]]>", "<!DOCTYPE html>", "<! x", "-->", "  <div>", "  3. three",
    "[a]: /x", "[a]:", "[Note]: met [[B]]", "[[B]]: x", "- [b]: /y", "[a", "b]: /z", "\"title\"",
    "<https://x.example/y>", "<a@b.example>", "<span a='1'>", "</b>", "<b/x", "</div*l>",
    "    - --", "\t* **",
]


def test_scanner_agrees_on_random_shapes():
    """Thousands of small bodies made of the fragments above, the same each run:
    wherever the scanner answers, it answers as markdown-it-py does."""
    rng = random.Random(20261123)
    answered = flat = 0
    for _ in range(3000):
        body = "\n".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 6))) + "\n"
        fast = scan_blocks(body)
        if fast is not None:
            assert fast == parse_blocks(body), repr(body)
            answered += 1
        if flat_blocks(body) is not None:
            assert flat_blocks(body) == fast, repr(body)
            flat += 1
    assert answered > 1000  # most shapes stay on the fast path
    assert flat > 50  # the shapes a flat body may hold are few among these


def test_scanner_agrees_on_random_shapes_inside_quotes_and_lists():
    """The same, with lines put inside quotes, list items and indentation."""
    rng = random.Random(20261202)
    prefixes = ["", "", "> ", ">", "  ", "> > ", "   ", "\t", "- ", "1. ", "    ", "* > "]
    answered = 0
    for _ in range(3000):
        body = "\n".join(rng.choice(prefixes) + rng.choice(FRAGMENTS)
                         for _ in range(rng.randint(1, 8))) + "\n"
        fast = scan_blocks(body)
        if fast is not None:
            assert fast == parse_blocks(body), repr(body)
            answered += 1
        if flat_blocks(body) is not None:
            assert flat_blocks(body) == parse_blocks(body), repr(body)
    assert answered > 250


@pytest.mark.parametrize("line", ["[" + "\\" * 64 + "]]", "- [" + "\\" * 64 + "][x", "[" + "\\" * 63 + "]]"])
def test_a_run_of_backslashes_in_brackets_is_read_one_way(line):
    # Read as a backslash alone or with the character after it, each one doubled
    # the ways the pattern for a link definition's start could fail: a line of
    # sixty backslashes between brackets would have taken hours.
    body = f"{line}\n- 2026-11-20 [[A]]\n"
    assert body_blocks(body) == parse_blocks(body)


@pytest.mark.parametrize("depth", [1, 8, 9, 19, 20, 99, 100, 600, 5000])
@pytest.mark.parametrize("end", ["", "\n", "\n\nafter [[B]]\n"])
def test_quotes_nested_deep_are_read_as_markdown_it_reads_them(depth, end):
    # A note ending in a line of 600 ">" stopped every command with Python's
    # "maximum recursion depth exceeded": the scanner read each level by calling
    # itself. Past a few levels markdown-it-py reads the body (its limit: 100).
    body = ">" * depth + " [[A]]" + end
    fast = scan_blocks(body)
    assert fast is None or fast == parse_blocks(body)
    assert body_blocks(body) == parse_blocks(body)
    assert (Block(0, "[[A]]", False) in body_blocks(body)) == (depth < 100)


def test_indented_code_is_not_a_block():
    assert body_blocks("text\n\n    [[A]]\n") == [Block(0, "text", False)]


def _bodies(root: Path):
    for path in sorted(root.rglob("*.md")):
        text, _ = decode(path.read_bytes())
        yield path, split(text).body


def _assert_agreement(root: Path) -> int:
    checked = 0
    for path, body in _bodies(root):
        fast = scan_blocks(body)
        if fast is not None:
            assert fast == parse_blocks(body), path
            checked += 1
        flat = flat_blocks(body)
        assert flat is None or flat == fast, path
    return checked


def test_agreement_on_the_example_vault():
    assert _assert_agreement(EXAMPLE_VAULT) >= 25


@pytest.mark.skipif(not CORPORA.is_dir(), reason="shared/corpora is not beside the repository")
def test_agreement_on_real_vaults():
    assert _assert_agreement(CORPORA) > 300
