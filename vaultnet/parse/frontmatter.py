"""Split a note into frontmatter and body, and load the YAML (SPEC 1).

The split is our own rather than python-frontmatter's ``split()``: Obsidian's
rule is stricter (the very first line is ``---`` and a later line closes it;
``----`` is not a fence) and we need the body's exact line offset to report
file line numbers. The YAML itself goes through python-frontmatter's
``YAMLHandler``, which uses libyaml's ``CSafeLoader`` when PyYAML has it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import yaml
from frontmatter.default_handlers import SafeLoader, YAMLHandler

_OPEN = re.compile(r"---[ \t]*\n")
_CLOSE = re.compile(r"^---[ \t]*$", re.MULTILINE)
_LOOKS_LIKE_KEY = re.compile(r"^[A-Za-z_][\w -]*:", re.MULTILINE)
_HANDLER = YAMLHandler()


class _Loader(SafeLoader):  # libyaml's CSafeLoader where PyYAML has it
    """The safe loader, except that a date that is no real date (``2026-02-30``)
    stays text instead of failing the whole frontmatter: its key is then
    reported at its own line, and the note's other properties are still read."""


def _date_or_text(loader: _Loader, node: yaml.ScalarNode):
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


def _int_or_text(loader: _Loader, node: yaml.ScalarNode):
    """A number as written when YAML 1.1 would change what it says: a phone
    number with its ``+`` or its leading ``0`` (``0612345670`` is octal to
    YAML, 103402424), a time of day (``10:30`` is 630 in base 60). Every number
    vaultnet reads (a level, a target, a count) is read from text as well."""
    text = node.value
    if text[:1] == "+" or text[:1] == "0" and len(text) > 1 or ":" in text:
        return loader.construct_scalar(node)
    return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)


def _bool_or_text(loader: _Loader, node: yaml.ScalarNode):
    """``true`` and ``false`` as booleans, as YAML 1.2 and Obsidian's checkbox
    properties have them; YAML 1.1's other spellings (yes, no, on, off) as the
    words written, which are text as often as not (``company: Yes``, an alias
    ``No``, a tag ``on``) and which every yes-or-no vaultnet reads (``private:
    yes``, ``cadence: off``) reads as words too."""
    if node.value.lower() in ("true", "false"):
        return yaml.constructor.SafeConstructor.construct_yaml_bool(loader, node)
    return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _date_or_text)
_Loader.add_constructor("tag:yaml.org,2002:bool", _bool_or_text)
_Loader.add_constructor("tag:yaml.org,2002:int", _int_or_text)


@dataclass(slots=True)
class Split:
    yaml_text: str | None  # None: the note has no frontmatter
    body: str
    body_line: int  # file line number (1-based) of the body's first line
    unclosed: bool = False  # starts with --- and looks like YAML, but no closing ---


def decode(data: bytes) -> tuple[str, int]:
    """Bytes to text with ``\\n`` line ends and no BOM, and the line of the first
    byte that is not UTF-8 (0: none; those bytes are read as U+FFFD)."""
    bad = 0
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        bad = data.count(b"\n", 0, exc.start) + 1
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, bad


def split(text: str) -> Split:
    """Frontmatter is a ``---`` first line up to the next ``---`` line, nothing else."""
    opening = _OPEN.match(text)
    if not opening:
        return Split(None, text, 1)
    closing = _CLOSE.search(text, opening.end())
    if not closing:
        looks_like_yaml = bool(_LOOKS_LIKE_KEY.match(text, opening.end()))
        return Split(None, text, 1, unclosed=looks_like_yaml)
    yaml_text = text[opening.end() : closing.start()]
    body_start = closing.end() + 1  # past the closing line's newline
    body_line = 3 + yaml_text.count("\n")
    return Split(yaml_text, text[body_start:], body_line)


class FrontmatterError(ValueError):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def load(yaml_text: str) -> dict[str, Any]:
    """The frontmatter mapping with lower-cased keys; FrontmatterError with a file line."""
    try:
        data = _HANDLER.load(yaml_text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 1
        problem = exc.problem or "invalid YAML"
        if slip := _key_without_space(yaml_text) or _colon_in_value(yaml_text, mark, problem):
            raise FrontmatterError(*slip) from exc
        hint = ""
        if "\t" in problem or "tab" in problem:
            hint = " (YAML indents with spaces, never a tab: replace the tab with spaces)"
        elif "{" in yaml_text and "{{" in yaml_text:
            hint = " (template placeholders like {{date}} are not YAML; quote them)"
        elif "[[" in yaml_text:
            hint = ' (quote links: "[[Name]]")'
        raise FrontmatterError(f"broken YAML in frontmatter: {problem}{hint}", line) from exc
    except (yaml.YAMLError, TypeError, ValueError) as exc:
        # e.g. libyaml's "found unhashable key" for an unquoted {{date}} placeholder
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise FrontmatterError(f"broken YAML in frontmatter: {first}", 2) from exc
    if data is None:
        return {}
    if "&" in yaml_text and "*" in yaml_text:  # YAML anchors and aliases: may repeat values
        _check_aliases(data, yaml_text)
    if not isinstance(data, dict):
        if isinstance(data, str) and (slip := _key_without_space(yaml_text)):
            raise FrontmatterError(*slip)
        raise FrontmatterError(
            f"frontmatter is a {type(data).__name__}, not a mapping of key: value lines", 2
        )
    return {str(key).lower(): value for key, value in data.items()}


# `role:mentor`: no space after the colon, which makes the line text, not a key.
# (Not a web address's `https://`, nor a time's 10:30.)
# (Patterns as text, for broken YAML alone: `re` compiles them when first used.)
_KEY_WITHOUT_SPACE = r"(?m)^([A-Za-z_][\w -]*?):(?!//)([^\s:].*)$"


def _key_without_space(yaml_text: str) -> tuple[str, int] | None:
    """What to say of the first line at the margin written ``key:value``."""
    found = re.search(_KEY_WITHOUT_SPACE, yaml_text)
    if found is None or found.group(1)[:1].isdigit():
        return None
    key, value = found.group(1), found.group(2).rstrip()
    return (f"{key}:{value} needs a space after the colon to be a key and its value; write "
            f"{key}: {value}", 2 + yaml_text.count("\n", 0, found.start()))


_VALUE_WITH_COLON = r"^([ \t]*(?:-[ \t]+)?[^\s:#\-\[{\"'][^:#]*?:[ \t]+)([^\"'\[{|>&*!].*?:[ \t].*)$"


def _colon_in_value(yaml_text: str, mark, problem: str) -> tuple[str, int] | None:
    """What to say of ``company: Acme: the company``: a colon and a space in a value
    written without quotes, which YAML takes for a second key."""
    if mark is None or "mapping values are not allowed" not in problem:
        return None
    lines = yaml_text.split("\n")
    if mark.line >= len(lines) or not (found := re.match(_VALUE_WITH_COLON, lines[mark.line].rstrip())):
        return None
    head, value = found.groups()
    quoted = f"'{value}'" if '"' in value else f'"{value}"'
    return (f"{head.strip()} {value}: a value with a colon and a space in it needs quotes; write "
            f"{head.strip()} {quoted}", mark.line + 2)


# Quotes as a phone or a word processor types them (iOS's Smart Punctuation, macOS's
# smart quotes): text to YAML, which has only the straight ones.
_CURLY = {"“": "”", "‘": "’", "„": "“”", "«": "»", "‚": "‘’"}


def without_curly_quotes(meta: dict[str, Any], yaml_text: str) -> tuple[dict[str, Any], list[str]]:
    """``meta`` with each value (and each item, key and value one level down)
    written between curly quotes (``“mentor”``, ``[“work”]``, ``“[[Go]]”: 3``) read
    as if the quotes were YAML's; and the keys that had them."""
    if not any(mark in yaml_text for mark in _CURLY):  # (almost every note: C-speed tests)
        return meta, []
    found = []
    unquoted = {}
    for key, value in meta.items():
        unquoted[key] = new = _unquoted(value)
        if new is not value:
            found.append(key)
    return unquoted, found


def _unquoted(value: Any) -> Any:
    """The value without curly quotes around it, or itself when it has none."""
    if isinstance(value, str):
        text = value.strip()
        if len(text) > 1 and text[-1] in _CURLY.get(text[0], ""):
            return text[1:-1].strip()
        return value
    if isinstance(value, list):
        items = [_unquoted(item) if isinstance(item, str) else item for item in value]
        return items if items != value else value
    if isinstance(value, dict):
        pairs = {_unquoted(k) if isinstance(k, str) else k: _unquoted(v) if isinstance(v, str)
                 else v for k, v in value.items()}
        return pairs if pairs != value else value
    return value


def repeated_keys(yaml_text: str, keys: int) -> list[tuple[str, int, str, int]]:
    """Top-level keys written twice, alike or but for case (keys are read whatever
    their case), which YAML settles silently by keeping the last value: as (key
    as written, its file line, the key whose value is read, its line). ``keys``
    is how many keys the loaded mapping has; the YAML is composed again only when
    more lines than that are at the margin, neither blank, a comment nor a list
    item (almost never)."""
    margin = yaml_text.count("\n") - sum(map(yaml_text.count, ("\n ", "\n\t", "\n-", "\n#", "\n\n")))
    if margin <= keys:
        return []
    node = yaml.compose(yaml_text, Loader=_Loader)
    if not isinstance(node, yaml.MappingNode):
        return []
    last: dict[str, tuple[str, int]] = {}
    written = []
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value != "<<":
            name, line = str(key.value), key.start_mark.line + 2
            written.append((name, line, _unset_node(value)))
            last[name.lower()] = (name, line)
    # A value left empty that another replaces is no loss (``cadence:`` blank from a
    # template, then ``cadence: 2w`` added below).
    return [(name, line, *last[name.lower()]) for name, line, unset in written
            if last[name.lower()][1] != line and not unset]


def _unset_node(node: yaml.Node) -> bool:
    """A value read as unset: empty, null, or an empty list (``note._unset``)."""
    if isinstance(node, yaml.ScalarNode):
        return node.value == "" or node.tag == "tag:yaml.org,2002:null"
    return isinstance(node, yaml.SequenceNode) and not node.value


MOST_VALUES = 10_000  # a note's properties hold a few dozen values


def _check_aliases(data: Any, yaml_text: str) -> None:
    """FrontmatterError when YAML aliases (``&a`` ... ``*a``) make a list or map
    hold itself, or repeat values into more than :data:`MOST_VALUES` (nine
    aliases of nine aliases ... written out are billions: reading them would never
    end). Each list or map is sized once, however often it is used."""
    sizes: dict[int, int] = {}
    open_ids: set[int] = set()  # being sized: met again inside itself, it holds itself
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        node, children_done = stack.pop()
        children = [*node.keys(), *node.values()] if isinstance(node, dict) else node
        if children_done:
            open_ids.discard(id(node))
            sizes[id(node)] = size = 1 + sum(sizes.get(id(child), 1) for child in children)
            if size > MOST_VALUES:
                raise FrontmatterError(f"YAML aliases (*name) repeat values here into more than "
                                       f"{MOST_VALUES:,}; write the values out instead",
                                       _anchor_line(yaml_text))
            continue
        open_ids.add(id(node))
        stack.append((node, True))
        for child in children:
            if isinstance(child, (list, dict)) and id(child) not in sizes:
                if id(child) in open_ids:
                    raise FrontmatterError("a YAML alias (*name) puts a list or map inside "
                                           "itself; write the values out instead",
                                           _anchor_line(yaml_text))
                stack.append((child, False))


def _anchor_line(yaml_text: str) -> int:
    """The file line of the first YAML anchor (``&name``)."""
    found = re.search(r"(?:^|[\s\[{,:])&[^\s\[\]{},]", yaml_text)
    return 2 + yaml_text.count("\n", 0, found.start() + 1) if found else 2


def key_line(yaml_text: str, key: str) -> int:
    """The file line of a top-level frontmatter key (case-insensitive), or 1."""
    match = _key_pattern(key).search(yaml_text) or _key_pattern(key, quoted=True).search(yaml_text)
    return 2 + yaml_text.count("\n", 0, match.start()) if match else 1


@functools.cache  # a few keys, asked of every note
def _key_pattern(key: str, quoted: bool = False) -> re.Pattern[str]:
    name = f"([\"']){re.escape(key)}\\1" if quoted else re.escape(key)
    return re.compile(rf"^{name}[ \t]*:", re.IGNORECASE | re.MULTILINE)


def fill_keys(text: str, values: dict[str, Any], dump, replace: Collection[str] = ()) -> str:
    """``text`` (a whole note, BOM and line endings as on disk) with ``values`` set
    in its frontmatter: a key that is absent is added before the closing ``---``,
    a key that is present with an empty value gets the value, and so does one of
    ``replace`` whatever its value (one line of it: a value of several lines, or a
    key written twice, is :class:`UneditableFrontmatter`); nothing else in the
    note changes, the key keeps its case and a comment after the value stays.
    ``dump`` turns a mapping into YAML lines (``key: value``). A note without
    frontmatter gets one at the top.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    opening = re.match(r"---[ \t]*\r?\n", body)
    closing = _CLOSE_ANY.search(body, opening.end()) if opening else None
    if not closing:
        if split(decode(body.encode("utf-8"))[0]).unclosed:  # a frontmatter meant, not closed
            raise UneditableFrontmatter("its frontmatter opens with '---' but no line closes it; "
                                        "add a '---' line after the last property, then run "
                                        "this again")
        block = dump(values).replace("\n", newline)
        filled = f"{bom}---{newline}{block}{newline}---{newline}{body}"
        # The parser may find a frontmatter where this did not (lines ended by a lone
        # CR, as on old Macs): its properties must not become body text.
        _check_filled(body, filled[len(bom):], values, dump, replace)
        return filled
    head, rest = body[: closing.start()], body[closing.start():]
    added = {}
    for key, value in values.items():
        present = re.compile(rf"^((['\"]?){re.escape(key)}\2)[ \t]*:(.*)$",
                             re.IGNORECASE | re.MULTILINE)
        found = list(present.finditer(head, opening.end()))
        if not found:
            added[key] = value
            continue
        match = found[-1]  # the one YAML reads
        following = head[match.end():].split("\n", 2)[1:2]
        nested = bool(following) and following[0][:1] in (" ", "\t", "-")
        written, comment = _COMMENT.match(match.group(3).rstrip("\r")).groups()
        if key in replace:
            lines = [2 + head.count("\n", opening.end(), m.start()) for m in found]
            if len(found) > 1:
                raise UneditableFrontmatter(f"`{key}:` is written more than once (lines "
                                            f"{', '.join(map(str, lines))}); keep one, then run "
                                            "this again")
            if nested:
                raise UneditableFrontmatter(f"`{key}:` (line {lines[0]}) holds more than one "
                                            f"line; write {_one_line(dump, key, value)} by hand")
        elif nested or not _empty(written):
            continue  # the person wrote a value: it is theirs
        first, *more = dump({key: value}).split("\n")
        first = match.group(1) + first[len(key):]  # the key as the person wrote it
        # A comment the person wrote after the value stays on the key's line.
        line = newline.join([first + (f"  {comment}" if comment else ""), *more])
        end = match.end() - (1 if match.group(0).endswith("\r") else 0)
        head = head[: match.start()] + line + head[end:]
    if added:
        if not head.endswith("\n"):
            head += newline
        if _capitalized_keys(head[opening.end():]):  # `Next:` among `Birthday:`, `Company:`
            added = {key[:1].upper() + key[1:]: value for key, value in added.items()}
        head += dump(added).replace("\n", newline) + newline
    filled = bom + head + rest
    _check_filled(body, filled[len(bom):], values, dump, replace)
    return filled


class UneditableFrontmatter(ValueError):
    """Frontmatter that :func:`fill_keys` cannot add to without changing what it says."""


def note_properties(text: str) -> dict[str, Any]:
    """A whole note's frontmatter, loaded (:func:`load`; empty without one)."""
    yaml_text = split(decode(text.encode("utf-8"))[0]).yaml_text
    return load(yaml_text) if yaml_text is not None else {}


def _check_filled(before: str, after: str, values: dict[str, Any], dump,
                  replace: Collection[str]) -> None:
    """That ``after``'s frontmatter says what ``before``'s did, with ``values`` in
    the keys they fill or replace, and nothing else: lines added to a frontmatter
    written in YAML's { } form, say, would break it."""
    try:
        old = note_properties(before)
    except FrontmatterError as exc:
        raise UneditableFrontmatter(f"its frontmatter does not read as YAML (line {exc.line}: "
                                    f"{exc}); fix it first (`vaultnet check` shows it)") from exc
    # A key the person gave a value keeps it, unless it is one to replace; an
    # empty or missing one gets ours.
    wanted = {**old, **{key: value for key, value in load(dump(values)).items()
                        if key in replace or old.get(key) in (None, "", [], {})}}
    try:
        same = note_properties(after) == wanted
    except FrontmatterError:
        same = False
    if not same:
        lines = "; ".join(_one_line(dump, key, value) for key, value in values.items())
        raise UneditableFrontmatter("its frontmatter is written in a form vaultnet cannot add to "
                                    f"without changing it (YAML's {{ }} form?); write {lines} "
                                    "by hand")


def _one_line(dump, key: str, value: Any) -> str:
    return dump({key: value}).replace("\n", " ")


def _empty(written: str) -> bool:
    """Whether a value as written is empty as YAML reads it (``~``, ``Null``,
    ``""``, ``[]``): the same judgement as the import's plan, made on the parsed note."""
    if not written.strip():
        return True
    try:
        return yaml.load(written, Loader=_Loader) in (None, "", [], {})
    except (yaml.YAMLError, TypeError, ValueError):
        return False


def _capitalized_keys(yaml_text: str) -> bool:
    """Whether the note writes its own keys capitalized (``Company:``, ``Birthday:``,
    as some CRM templates do), so that a key added to it should be too. Obsidian's
    own ``aliases``, ``tags`` and ``cssclasses`` are lower-case in every vault: they
    say nothing of the person's style. Keys are read whatever their case (SPEC 1):
    this is a matter of how the note looks, and of its diff."""
    keys = [key for key in _TOP_KEY.findall(yaml_text)
            if key.lower() not in _OBSIDIAN_KEYS]
    return bool(keys) and all(key[:1].isupper() for key in keys)


_TOP_KEY = re.compile(r"^['\"]?([^\W\d_][^:\n'\"]*?)['\"]?[ \t]*:", re.MULTILINE)
_OBSIDIAN_KEYS = frozenset({"aliases", "alias", "tags", "tag", "cssclasses", "cssclass"})
_CLOSE_ANY = re.compile(r"^---[ \t]*\r?$", re.MULTILINE)
# What follows a key's colon: a value, then maybe a comment (`#` after a space;
# `a#b` is a value).
_COMMENT = re.compile(r"(.*?)(?:(?:^|[ \t]+)(#.*))?$")
