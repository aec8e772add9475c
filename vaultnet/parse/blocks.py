"""The block structure of a note's body: which lines are list items, which are code.

Events depend on structure (a list item vs. a paragraph, code vs. text), but a
full CommonMark parse of every note costs several times more than reading the
vault. So the structure is read by the cheapest of three readers that is sure
of the body:

- a *flat* body - every line blank, a heading, a ``-``, ``*`` or ``+`` item
  at the margin, or plain text - is cut into blocks by one regular expression
  (most notes: a person's or skill's log);
- a line scanner handles the other unambiguous shapes - nested lists, fenced
  code, quotes, HTML blocks;
- anything else (indented code, paragraphs indented inside loose lists, ...)
  goes to markdown-it-py's block parser.

Tests compare each reader with the next on every note where it answers, so
they stay in agreement.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from vaultnet.parse.values import MONTHS

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_ITEM = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])(?=[ \t]|$)")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)")
_HEADING_END = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
# Repeated groups are possessive (`{3,}+`, `*+`) where giving back could never
# match: a long line of them is read without a way back kept for each character.
_RULE = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}+|(?:-[ \t]*){3,}+|(?:_[ \t]*){3,}+)$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_RULE_NEXT = " \t-*_"  # after "- ", only these may go on a thematic break
_BULLETS = ("- ", "* ", "+ ")
# What may start a link reference definition ("[label]: destination"), whose
# label may go on to the next line: only markdown-it-py reads those. (A backslash
# always takes the character after it: a run of them is read one way only.)
_DEFINITION = r"\[(?:[^\[\]\\\n]|\\(?:.|$))*+(?:\]:|$)"
# Item text that opens a block of its own: code, a quote, a heading, HTML, a list,
# a link definition, a rule.
_OPENS_BLOCK = re.compile(
    r"`{3}|~{3}|>|#{1,6}(?:[ \t]|$)|<|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)"
    rf"|{_DEFINITION}"
    r"|[-*_][ \t]*[-*_][ \t]*[-*_]"  # a rule, or close enough to be unsure
)
# A line starting with none of these characters is plain paragraph text.
_SYNTAX_START = frozenset(" \t`~<>#*-_+=[0123456789")
_QUOTE = re.compile(r"^ {0,3}> ?")
_HTML_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|"
    "details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|"
    "h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|"
    "noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|"
    "thead|title|tr|track|ul"
)
# A whole tag alone on its line (CommonMark's kind 7), as markdown-it-py reads one:
# not `<https://zoom.us/j/1>` or `<ann@example.com>`, which are links.
_ATTRIBUTE = r"""(?:\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\s*=\s*(?:[^"'=<>`\x00-\x20]+|'[^']*'|"[^"]*"))?)"""
_WHOLE_TAG = rf"(?-i:(?:<[A-Za-z][A-Za-z0-9-]*{_ATTRIBUTE}*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)\s*$)"
_HTML_START = re.compile(
    rf"^ {{0,3}}(?:<!--|<\?|<![A-Za-z]|(?-i:<!\[CDATA\[)|<(?:script|pre|style|textarea)(?:[\s>]|$)"
    rf"|</?(?:{_HTML_BLOCK_TAGS})(?=\s|/?>|$)|{_WHOLE_TAG})",
    re.IGNORECASE,
)
_LINK_DEFINITION = re.compile(rf"^ {{0,3}}{_DEFINITION}")
_NESTED_START = re.compile(r"^(?:```|~~~|[>#<|])")
# The HTML blocks that end at a closing sequence rather than at a blank line
# (CommonMark's kinds 1 to 5): what opens each, and what closes it.
_HTML_CLOSED_BY = [
    (re.compile(opening, re.IGNORECASE), re.compile(closing, re.IGNORECASE))
    for opening, closing in [
        (r"<(?:script|pre|style|textarea)(?:[\s>]|$)", r"</(?:script|pre|style|textarea)>"),
        ("<!--", "-->"),
        (r"<\?", r"\?>"),
        (r"(?-i:<!\[CDATA\[)", r"\]\]>"),
        ("<![A-Za-z]", ">"),
    ]
]
_BLANK = re.compile(r"^\s*$")
# What starts a line that may be dated: a task's box, a date (in bold, a link), or one
# written another way (`vaultnet check` says so). A comment after the box reads as spaces.
_DATED = r"\[.\](?:[ \t]|%%|<!--)|(?:\*\*?|__?|\[)?\d{4}-|\d{1,4}[/.／．－]\d{1,2}[/.／．－]\d"
# Only notes that hold one of these need their structure read at all: a wikilink
# or a Markdown link, a task, an item or paragraph that starts with a date (which
# `check` names in a log when it is no item), ...
_CANDIDATE = re.compile(
    # (list markers and quotes nested on one line: `- - [ ] send it`, `> 1. - 2026-`)
    r"\[\[|\]\(|^(?:[ \t>]++|(?:[-*+]|\d{1,9}[.)])[ \t]+)*+(?:\|[ \t]*)?(?:" + _DATED + ")"
    # A type tag; a heading "## 2026-", "## [x] 2026-", "## **2026-" (looked for at a #,
    # which few lines hold, rather than at every line's start).
    r"|#(?:(?:person|people|skill|goal)\b|#{0,5}[ \t]+(?:" + _DATED + "))",
    re.MULTILINE | re.IGNORECASE,
)
# A log item, heading or paragraph that may start with a date named by its month ("-
# Nov 21 coffee", "1. 20 Nov lunch", "## 3 March", "- 20 novembre", "- 2 de noviembre",
# "- २० नवंबर", "- 11月20日"), which
# `check` names as not read: looked for only in a body that holds none of the above
# (compiled when first needed, ~1 ms); a day's ending (20., 1er, 20ste) and whether
# the word is a month's are for the parser.
_MONTH = f"(?:{'|'.join(month[:3] for month in MONTHS)})"
_MONTH_DATED = (rf"(?im)^[ \t>]*(?:(?:[-*+]|\d{{1,9}}[.)])[ \t]+)*(?:\|[ \t]*)?"  # (| a table row)
                rf"(?:#{{1,6}}[ \t]+)?"
                rf"(?:{_MONTH}[a-z]*\.? \d|\d{{1,2}}[^\s\d]{{0,3}} (?:de |d[’'])?[^\W\d_]"
                r"|\d{1,4}[年月년월])")


class Block(NamedTuple):
    """A paragraph, heading or list item's first paragraph; code is never a block.

    ``line`` is the 0-based body line the block starts on; ``text`` is its inline
    content with list markers and indentation removed, lines joined by ``\\n``.
    """

    line: int
    text: str
    is_item: bool


def body_blocks(body: str) -> list[Block]:
    """The blocks of a body, by the cheapest reader that is sure of it.

    A body without links, tasks, dated items or type tags yields nothing to read.
    """
    if not _CANDIDATE.search(body) and not re.search(_MONTH_DATED, body):
        return []
    blocks = flat_blocks(body)
    if blocks is None:
        blocks = scan_blocks(body)
    return blocks if blocks is not None else parse_blocks(body)


# A line that a flat body cannot hold: "\n" and then neither the end of the line,
# nor a heading, nor "- " with text that opens no block of its own (see
# _OPENS_BLOCK; a digit only as long as it is no ordered list marker), nor text
# starting with a character that starts no block syntax. The pattern starts with
# a literal so that the regex engine skips from line to line.
_NOT_FLAT = re.compile(
    r"\n(?!$|#{1,6}(?:[ \t]|$)|[-*+] (?=\S)(?![`~>#<*+\-_]|\d{1,9}[.)](?:[ \t]|$)"
    rf"|{_DEFINITION})|[^\s`~<>#*\-_+=\[0-9])",
    re.MULTILINE,
)
# A block of a flat body: a heading (its text), or a paragraph or item (its
# marker) with the lines that continue it - in a flat body every line that
# starts with "-", "*", "+" or "#" opens a block of its own.
_FLAT_BLOCK = re.compile(
    r"^(?:#{1,6}(?:[ \t]+(.*))?$|(?:([-*+]) )?(.+(?:\n[^\n#*+\-].*)*))", re.MULTILINE
)


def flat_blocks(body: str) -> list[Block] | None:
    """The blocks of a flat body (see the module's docstring); ``None`` for any other.

    Gives what :func:`scan_blocks` gives, for a fraction of its cost per line."""
    if _NOT_FLAT.search("\n" + body):
        return None
    blocks = []
    line = position = 0
    for match in _FLAT_BLOCK.finditer(body):
        start = match.start()
        line += body.count("\n", position, start)
        position = start
        heading, bullet, text = match.groups()
        if text is None:
            blocks.append(Block(line, _HEADING_END.sub("", heading or "").strip(), False))
        else:
            text = "\n".join([part.strip() for part in text.split("\n")]) if "\n" in text \
                else text.strip()
            blocks.append(Block(line, text, bullet is not None))
    return blocks


# Quotes nested deeper than this, or lists, go to markdown-it-py, which reads nested
# blocks up to its own limit (see _markdown) and drops what is deeper and after;
# the scanner would go on.
_QUOTE_DEPTH = 8
_LIST_DEPTH = 32


def scan_blocks(body: str, first_line: int = 0, depth: int = 0) -> list[Block] | None:
    """The fast scanner; ``None`` when the body holds a shape it does not model."""
    blocks: list[Block] = []
    all_lines = body.split("\n")
    quote: list[str] = []  # the lines of a block quote (markers removed) being collected
    quote_start = 0
    html_end: re.Pattern[str] | None = None  # while inside an HTML block: what ends it
    start = -1  # line of the open block, -1 when none is open
    lines: list[str] = []
    is_item = False
    columns: list[int] = []  # where the text of each open list item starts, outermost first
    prev_blank = True
    # While inside fenced code: the fence's character and length, and the column of
    # the list item's text that holds it (0 outside lists).
    fence: tuple[str, int, int] | None = None

    def close() -> None:
        nonlocal start, lines
        while lines and not lines[0]:  # an item whose text starts on its next line
            start, lines = start + 1, lines[1:]
        if start >= 0 and lines:
            blocks.append(Block(start, "\n".join(lines), is_item))
        start, lines = -1, []

    def open_item(line: str, indent: int, marker: str) -> bool:
        """Start the list item ``line`` opens (its ``marker`` after ``indent``
        characters); False when the scanner does not model it: an item in
        indented code, an empty one (its text may come from the lines that
        follow), one whose text opens a block of its own or is indented code
        (five spaces, or a tab), or an ordered item other than 1 interrupting a
        paragraph (CommonMark makes that a line of the paragraph)."""
        nonlocal start, lines, is_item
        at = len(line[:indent].expandtabs(4)) if indent else 0
        # The paragraph open on the line before, if any, is the innermost item's
        # text (or at the margin): a marker at or right of that text's column
        # would interrupt it.
        interrupts = start >= 0 and not prev_blank and (
            not is_item or at >= (columns[-1] if columns else 0))
        leave(at)
        if at >= (columns[-1] if columns else 0) + 4:
            return False
        after = line[indent + len(marker):]
        text = after.lstrip(" ")
        gap = len(after) - len(text)
        if gap > 4 or not text.strip() or text[0] == "\t" or _OPENS_BLOCK.match(text):
            return False
        if marker[-1] in ".)" and int(marker[:-1]) != 1 and interrupts:
            return False
        if len(columns) >= _LIST_DEPTH:
            return False
        close()
        columns.append(at + len(marker) + gap)
        start, lines, is_item = number, [text.strip()], True
        return True

    def leave(column: int) -> None:
        """Close the list items whose text starts right of ``column``."""
        while columns and columns[-1] > column:
            columns.pop()

    def close_quote() -> bool:
        nonlocal quote
        if quote:
            if depth >= _QUOTE_DEPTH:
                return False
            inner = scan_blocks("\n".join(quote), quote_start, depth + 1)
            if inner is None:
                return False
            blocks.extend(inner)
            quote = []
        return True

    for index, line in enumerate(all_lines):
        number = first_line + index
        if not (quote or fence or html_end) and line and line[0] not in _SYNTAX_START:
            # The common case, cheaply: text at the margin that starts no block syntax.
            if start >= 0 and not prev_blank:
                lines.append(line.strip())
            else:
                close()
                start, lines, is_item = number, [line.strip()], False
                columns.clear()
            prev_blank = False
            continue
        if (line[:2] in _BULLETS and not (quote or fence or html_end)
                and (line[2:3] not in _RULE_NEXT or not _RULE.match(line))):
            # The next most common case: "- text" at the margin starts a list item
            # (unless it is a thematic break such as "- - -"); nothing else starts so.
            if not open_item(line, 0, line[0]):
                return None
            prev_blank = False
            continue
        if html_end is not None:
            if html_end.search(line):
                html_end = None
                prev_blank = not line.strip()
            continue
        if quote or (not fence and ">" in line[:4] and _QUOTE.match(line)):
            marker = _QUOTE.match(line)
            if marker:
                if not quote:
                    close()
                    leave(line.index(">"))
                    if columns:
                        return None  # a quote inside a list item: not modelled
                    quote_start = number
                text = line[marker.end():]
                if "\t" in text[:len(text) - len(text.lstrip(" \t"))]:
                    return None  # a tab after ">" counts from the marker's column: unsure
                quote.append(text)
                continue
            if line.strip():
                return None  # lazy continuation of a quoted paragraph
            if not close_quote():
                return None
        if fence:
            inside = fence[2]
            if inside and line.strip():
                if line[:inside].strip(" ") or "\t" in line[:inside]:
                    return None  # the item ends, and its code with it (or tabs: unsure)
                line = line[inside:]
                text = line.lstrip(" \t")
                if "\t" in line[:len(line) - len(text)] and text.startswith(fence[0] * fence[1]):
                    # A fence after a tab, which counts to a multiple of 4 from the
                    # line's start, not from the item's text: it may close the code.
                    return None
            match = _FENCE.match(line)
            if match and match.group(2)[0] == fence[0] and len(match.group(2)) >= fence[1] \
                    and not match.group(3).strip():
                fence = None
            continue
        stripped = line.strip()
        if not stripped:
            close()
            prev_blank = True
            continue
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent] or indent >= 4:
            item = _ITEM.match(line)
            if columns and (_SETEXT.match(stripped) or _RULE.match(stripped)):
                # In a list item it may underline the item's text, or end it; a rule
                # that looks like an item (`- --`, `* **`) is a rule.
                return None
            if item and columns:
                if not open_item(line, len(item.group(1)), item.group(2)):
                    return None
            elif start >= 0 and not prev_blank and not _NESTED_START.match(stripped):
                lines.append(stripped)  # paragraph continuation, never code
            else:
                return None  # indented code, or a loose list item's later paragraph
            prev_blank = False
            continue
        match = _FENCE.match(line)
        if match and not (match.group(2)[0] == "`" and "`" in match.group(3)):
            close()
            leave(indent)
            fence = (match.group(2)[0], len(match.group(2)), columns[-1] if columns else 0)
            prev_blank = False
            continue
        if _HTML_START.match(line):
            if start >= 0 and not prev_blank:
                return None  # HTML that may or may not interrupt a paragraph
            close()
            leave(indent)
            if columns:
                return None  # HTML in a list item ends where the item does: not modelled
            html_end = _BLANK
            for opening, closing in _HTML_CLOSED_BY:
                if opening.match(stripped):
                    html_end = closing
                    if closing.search(stripped, 1):
                        html_end = None  # opened and closed on one line
                    break
            prev_blank = False
            continue
        if (start < 0 or prev_blank) and _LINK_DEFINITION.match(line):
            return None  # a link reference definition, or text that only looks like one
        if columns and start >= 0 and not prev_blank and _SETEXT.match(line):
            return None  # in a list: a lazy line, a heading's underline, or a break
        is_rule = line.lstrip(" ")[:1] in "-*_" and _RULE.match(line)
        if is_rule or (start >= 0 and not prev_blank and _SETEXT.match(line)):
            close()  # a thematic break, or the underline of a setext heading
            leave(indent)
            prev_blank = False
            continue
        if _HEADING.match(line):
            close()
            text = _HEADING_END.sub("", _HEADING.sub("", line, count=1)).strip()
            blocks.append(Block(number, text, False))
            leave(indent)
            prev_blank = False
            continue
        item = _ITEM.match(line)
        if item:
            if not open_item(line, len(item.group(1)), item.group(2)):
                return None
        elif start >= 0 and not prev_blank:
            lines.append(stripped)
        else:
            close()
            start, lines, is_item = number, [stripped], False
            leave(indent)
        prev_blank = False
    close()
    if not close_quote():
        return None
    return blocks


@cache
def _markdown():  # imported on first use: most vaults never need it
    from markdown_it import MarkdownIt

    # Nested blocks past maxNesting (the preset's 20: a list ten deep) end its reading
    # of the note, and all that follows is lost; 100 is its other presets' limit,
    # far under Python's recursion limit, and the scanner hands it no deeper list.
    md = MarkdownIt("commonmark", {"maxNesting": 100})
    md.disable(["inline", "text_join"])  # block structure only; inline rules are ours
    return md


def parse_blocks(body: str) -> list[Block]:
    """Blocks by markdown-it-py's CommonMark block parser (the exact, slower path)."""
    tokens = _markdown().parse(body)
    blocks: list[Block] = []
    for index, token in enumerate(tokens):
        if token.type != "inline" or token.map is None:
            continue
        is_item = (
            index >= 2
            and tokens[index - 1].type == "paragraph_open"
            and tokens[index - 2].type == "list_item_open"
        )
        text = "\n".join(part.strip() for part in token.content.split("\n"))
        blocks.append(Block(token.map[0], text, is_item))
    return blocks
