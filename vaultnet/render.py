"""Render the generated pages (SPEC 4) from Jinja2 templates.

Templates come from the vault's ``.vaultnet/templates/`` first, then from the
ones packaged with vaultnet (``templates/`` in the repository). A vault may be
cloned from someone else, so templates run in Jinja2's immutable sandbox.

Every ``{{ value }}`` is escaped for Markdown unless it is :class:`Markdown`
already (what the ``link`` filter returns): a ``|`` in a name cannot break a
table, a ``#`` cannot become a tag, a ``[[`` cannot become a link.

Links are wikilinks, or Markdown links to the notes' files in a vault whose
Obsidian writes those (:class:`MarkdownLinks`, set for the page being rendered).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import logging
import os
import posixpath
import re
import signal
import threading
from collections.abc import Callable, Container
from datetime import date
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from vaultnet import __version__, template_files
from vaultnet.config import STATE_DIR
from vaultnet.errors import VaultnetError
from vaultnet.parse import title_of
from vaultnet.template_files import TEMPLATE_NAMES
from vaultnet.words import count, day, hours, left, some, when
from vaultnet.write import BEGIN, END, first_block

log = logging.getLogger(__name__)



class TemplateError(VaultnetError):
    pass


class Markdown(str):
    """Text that is Markdown already: printed as it is."""

    __slots__ = ()


_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~$])")
_LINK_BREAKING = re.compile(r"[\[\]|#^\n\r]")


_LINE_BREAKS = re.compile(r"[ \t]*[\r\n]+[ \t]*")
_WIKILINK = re.compile(r"(\[\[[^\[\]\n]+?\]\])")


@functools.cache  # text with a Markdown link is rare: the parser's patterns are not imported
def _links() -> re.Pattern[str]:
    """A wikilink (group 1), or a Markdown link (embed mark, text, destination)."""
    from vaultnet.parse.inline import MARKDOWN_LINK

    return re.compile(rf"{_WIKILINK.pattern}|{MARKDOWN_LINK.pattern}")


_NEEDS_ESCAPE = re.compile(r"[\\`*_\[\]<>|#~$\r\n]|%%")
_PERCENTS = re.compile(r"%{2,}")


class MarkdownLinks:
    """The links of one page as Markdown links to the notes' files (``[Ann
    Lee](People/Ann%20Lee.md)``), for a vault whose Obsidian writes links so: "Use
    [[Wikilinks]]" off, in its "New link format" (Settings → Files and links):
    ``shortest`` (the file name when no other note has it, else the path from the
    vault's root), ``relative`` (from the page's folder) or ``absolute`` (from the
    vault's root). Links open in Obsidian and in any other Markdown viewer.

    ``names()``: each name a note answers to (its link key) -> its path, and the
    file names more than one note has -> those notes' paths (``index.read.note_paths``);
    asked once, when a link names a note rather than giving its path."""

    def __init__(self, page: str, form: str,
                 names: Callable[[], tuple[dict[str, str], dict[str, list[str]]]]) -> None:
        self.folder = posixpath.dirname(page)
        self.form = form
        self._names = names

    @functools.cached_property
    def _known(self) -> tuple[dict[str, str], dict[str, list[str]]]:
        return self._names()

    def path_of(self, name: str) -> str | None:
        """The path of the note a link names: with folders (``Globex/Alex Kim``), the
        one of that name in them, as for the link's interactions."""
        from vaultnet.parse.values import link_key

        key = link_key(name)
        if "/" in name and (paths := self._known[1].get(key)):
            from vaultnet.parse.values import note_at

            found = note_at(_from_anywhere(name), "", paths)
            if found is not None:
                return paths[found]
        return self._known[0].get(key)

    def shared(self) -> Container[str]:
        return self._known[1]

    def destination(self, path: str, heading: str = "") -> str:
        """Where a link to the note at ``path`` (vault-relative) points from this page."""
        if self.form == "relative":
            target = posixpath.relpath(path, self.folder or ".")
        elif self.form == "shortest" and not self._shared(path):
            target = path.rsplit("/", 1)[-1]
        else:
            target = path
        unsafe, in_fragment = _unsafe()
        target = unsafe.sub(_percent, target)
        if _SCHEME.match(target):  # a note named `javascript:x.md` is a file, not an address
            target = "./" + target
        return f"{target}#{in_fragment.sub(_percent, heading)}" if heading else target

    def _shared(self, path: str) -> bool:
        from vaultnet.parse.values import name_key

        return name_key(path.rsplit("/", 1)[-1].removesuffix(".md")) in self._known[1]


@functools.cache  # compiled for a vault with Markdown links only
def _unsafe() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What a link's destination cannot hold as it is (spaces and brackets would end
    it, `|` a table's cell, `#` and `?` start a heading or a query, `%` an escape),
    in a path and in a heading (where `#^block` keeps its ^)."""
    return (re.compile(r"[\x00-\x20\x7f()<>\[\]{}|\\^#?%\"`]"),
            re.compile(r"[\x00-\x20\x7f()<>\[\]{}|\\#?%\"`]"))


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


def _percent(match: re.Match) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8"))


# The page being rendered links this way (None: with wikilinks); see render_page.
_MARKDOWN_LINKS: contextvars.ContextVar[MarkdownLinks | None] = contextvars.ContextVar(
    "markdown_links", default=None)
# The file names more than one note has, for the page being rendered; see render_page.
_SHARED_NAMES: contextvars.ContextVar[frozenset[str]] = contextvars.ContextVar(
    "shared_names", default=frozenset())


def escape(value: object) -> Markdown:
    """User text as literal Markdown on one line: special characters backslashed,
    except that its ``[[links]]`` stay links, and so do its Markdown links to notes,
    as wikilinks (``[Ann](../People/Ann%20Lee.md)``: ``[[Ann Lee|Ann]]``, which
    finds the note from any folder); or all of them as Markdown links from the
    page being rendered, when it has :class:`MarkdownLinks`. An embed (``![[...]]``)
    becomes a plain link: it would otherwise pull another note's text into the page.
    A ``%%`` (a property's "grew 50%%") is ``\\%\\%``: on the page it would begin
    an Obsidian comment that hides the rest. (In a note's text, the parser leaves
    its comments out.)"""
    if type(value) is Markdown:
        return value
    text = str(value)
    if not _NEEDS_ESCAPE.search(text):
        return Markdown(text)
    text = _LINE_BREAKS.sub(" ", text)
    parts, start = [], 0
    style = _MARKDOWN_LINKS.get()
    for match in (_links() if "](" in text else _WIKILINK).finditer(text):
        kept = match.group(1) or _as_wikilink(match)
        if kept:
            parts.append(_literal(text[start:match.start()]))
            parts.append(kept if style is None else _as_markdown_link(kept, style))
            start = match.end()
    parts.append(_literal(text[start:]))
    if style is None:
        return Markdown("".join(parts).replace("![[", "\\![["))
    return Markdown("".join(parts).replace("![", "\\!["))  # an embed, as a plain link


def _literal(text: str) -> str:
    """Text with no link in it, backslashed to show as it is; ``%%`` too, which on
    a page would begin an Obsidian comment hiding the rest of it."""
    text = _SPECIAL.sub(r"\\\1", text)
    return _PERCENTS.sub(lambda m: "\\%" * len(m[0]), text) if "%%" in text else text


def _as_markdown_link(wikilink: str, style: MarkdownLinks) -> str:
    """``[[Ann Lee#Log|Ann]]`` as ``[Ann](People/Ann%20Lee.md#Log)``, by the note the
    name means (a name no note has: its would-be file, as Obsidian writes it)."""
    target, _, label = wikilink[2:-2].partition("|")
    name, _, heading = target.partition("#")
    name = name.strip()
    path = style.path_of(name) or name.rsplit("/", 1)[-1] + ".md"
    shown = escape(" ".join(label.split()) or target.strip())
    return f"[{shown}]({style.destination(path, heading.strip())})"


def _as_wikilink(match: re.Match) -> str | None:
    """A Markdown link to a note as a wikilink; None for an embed, an address or a
    name a wikilink cannot hold (those are escaped as text). Its folders are kept
    when another note has the name (``../People/Globex/Alex%20Kim.md``:
    ``[[People/Globex/Alex Kim]]``, which Obsidian finds from any folder)."""
    from vaultnet.parse.inline import note_path

    _, embed, label, destination = match.groups()
    path = None if embed else note_path(destination)
    if not path:
        return None
    target = name = path.rsplit("/", 1)[-1]
    if "/" in path and _shared_names():
        from vaultnet.parse.values import link_key

        if link_key(name) in _shared_names():
            target = _LEADING_DOTS.sub("", path.lstrip("/")) or name
    if _LINK_BREAKING.search(target):
        return None
    label = " ".join(label.split())
    if label and label != name and not _LINK_BREAKING.search(label):
        return f"[[{target}|{label}]]"
    return f"[[{target}]]" if target == name else f"[[{target}|{name}]]"


_LEADING_DOTS = re.compile(r"^(?:\.{1,2}/)+")  # ./ and ../ before a path


def _from_anywhere(name: str) -> str:
    """A link's folders and name as the end of a path (``../People/Alex Kim``:
    ``people/alex kim``): a page is in another folder than the note it quotes."""
    from vaultnet.parse.values import folder_path

    return _LEADING_DOTS.sub("", folder_path(name).lstrip("/"))


def _shared_names() -> Container[str]:
    """The file names more than one note has, for the page being rendered."""
    style = _MARKDOWN_LINKS.get()
    return style.shared() if style is not None else _SHARED_NAMES.get()


def _finalize(value: object) -> object:
    kind = type(value)
    if kind is Markdown:
        return value
    if value is None:
        return ""
    if kind in (int, float, date):
        return value
    return escape(value)


def link(target: object, label: object = None) -> Markdown:
    """``[[Title]]`` for a note, by its path (``People/Ann.md``) or title; or a
    Markdown link to its file, in a vault that writes those (:class:`MarkdownLinks`).

    A title a wikilink cannot hold (it holds ``[ ] | # ^``) is printed as text."""
    name = str(getattr(target, "name", target))
    if (style := _MARKDOWN_LINKS.get()) is not None:
        return _markdown_link(target, name, label, style)
    path = None
    if name.endswith(".md"):
        path, name = name, title_of(name)
    if _LINK_BREAKING.search(name):
        return escape(name)
    if shared := _SHARED_NAMES.get():  # only in a vault with a file name twice
        from vaultnet.parse.values import name_key

        path = str(path or getattr(target, "path", None) or "")
        if "/" in path and name_key(name) in shared and not _LINK_BREAKING.search(path):
            # Another note has this file name: the folders say which (Obsidian's
            # own way), and the link shows the name alone.
            shown = name if label is None else label
            return Markdown(f"[[{path[:-3]}\\|{escape(shown)}]]")
    if label is not None and str(label) != name:
        # Inside a table a bare | would end the cell; Obsidian reads \| as the alias bar.
        return Markdown(f"[[{name}\\|{escape(label)}]]")
    return Markdown(f"[[{name}]]")


def _markdown_link(target: object, name: str, label: object, style: MarkdownLinks) -> Markdown:
    path = getattr(target, "path", None)
    if name.endswith(".md"):
        path, name = name, title_of(name)
    path = path or style.path_of(name) or f"{name}.md"
    shown = escape(name if label is None else label)
    return Markdown(f"[{shown}]({style.destination(str(path))})")


def links(notes, limit: int = 8) -> Markdown:
    """``[[A]], [[B]] and 3 more``: a list of notes that stays short."""
    notes = list(notes)
    return Markdown(some([link(n) for n in notes[:limit]], limit, len(notes)))


def line(value) -> Markdown:
    """A dated line (``vaultnet.pages.Line``): ``2026-11-20 coffee (in [[2026-11-20]])``."""
    parts = [value.date.isoformat()] if value.date else []
    parts.append(escape(value.text) if value.text is not None else "(private)")
    if value.source:
        parts.append(f"(in {link(value.source)})")
    return Markdown(" ".join(parts))


def promise(value) -> Markdown:
    """An open promise (``vaultnet.pages.PromiseLine``): ``send the RFC, due 2026-11-24``."""
    text = escape(value.text)
    if value.due:
        text += f", due {value.due.isoformat()}"
    if value.source:
        text += f" (in {link(value.source)})"
    return Markdown(text)


def quote(value: object) -> Markdown:
    """A string for a Mermaid label: no quotes or line breaks."""
    return Markdown(re.sub(r'["\n\r`]', "'", str(value)).replace("'", "’"))


class _PackagedLoader(jinja2.BaseLoader):
    def get_source(self, environment, template):
        resource = template_files.packaged_templates().joinpath(template)
        if template not in TEMPLATE_NAMES or not resource.is_file():
            raise jinja2.TemplateNotFound(template)
        # With its file's name, the compiled template's cache entry is this install's
        # own: two installs of one version whose templates differ (a checkout and a
        # wheel of another commit) would otherwise replace each other's entry, and
        # compile the three pages again on every run.
        return resource.read_text(encoding="utf-8"), str(resource), lambda: True


@functools.cache
def _data_fields(cls: type) -> frozenset[str]:
    """The fields and properties of vaultnet's own plain data types; nothing for others."""
    if not cls.__module__.startswith("vaultnet."):
        return frozenset()
    names = set(getattr(cls, "__dataclass_fields__", ())) | set(getattr(cls, "_fields", ()))
    names |= {n for k in cls.__mro__ for n, v in vars(k).items() if isinstance(v, property)}
    return frozenset(n for n in names if not n.startswith("_"))


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, with a fast path for reading the fields of
    vaultnet's own frozen data (the bulk of what a page reads); every other
    attribute goes through the sandbox's checks."""

    def getattr(self, obj, attribute):
        if attribute in _data_fields(type(obj)):
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)


def environment(vault: Path) -> jinja2.Environment:
    env = _Sandbox(
        bytecode_cache=_bytecode_cache(),
        loader=jinja2.ChoiceLoader([
            jinja2.FileSystemLoader(vault / STATE_DIR / "templates", encoding="utf-8"),
            _PackagedLoader(),
        ]),
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(link=link, links=links, md=escape, line=line, promise=promise, quote=quote,
                       when=when, hours=hours, day=day, left=left, count=count)
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates, kept in the user's cache folder: compiling the three
    pages costs more than rendering them. Never in the vault, which may come from
    someone else; compiled code is run as it is found. Entries are keyed by the
    template's source, and the folder by vaultnet's and Jinja2's versions."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # unset, or relative (which the XDG spec says to ignore)
        base = os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None  # no home folder known: never a folder relative to where we run
    folder = Path(base) / "vaultnet" / f"templates-{__version__}-jinja2-{jinja2.__version__}"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None  # no cache folder: templates are compiled every time
    return _BytecodeCache(str(folder))


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """A cache that is never a reason to fail: an unreadable entry is compiled
    again, and one that cannot be written (a full disk, a read-only home) is not kept."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001  (any damage: compile it again)
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError as exc:
            log.debug("template cache not written: %s", exc)


# A page of a 100,000-person vault renders in about a second; a template that
# takes this long loops without end (the sandbox bounds each range(), not
# their product), and a watcher would wait on it for ever.
RENDER_SECONDS = 60.0


class _TooLong(Exception):
    pass


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Raise :class:`_TooLong` in the block after ``seconds``: where SIGALRM
    exists (not on Windows) and in the main thread, which alone takes signals."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise _TooLong

    previous = signal.signal(signal.SIGALRM, expired)
    timer = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, *timer)  # (0, 0) unless a caller had one set
        signal.signal(signal.SIGALRM, previous)


def _render(env: jinja2.Environment, template: str, context: dict) -> str:
    """The template rendered, within :data:`RENDER_SECONDS`. Python's own error
    in a vault's template (``{{ 1 / 0 }}``, ``{{ "a" + 1 }}``) is the template's,
    named with its line; in vaultnet's own templates, vaultnet's (a bug)."""
    try:
        with _time_limit(RENDER_SECONDS):
            return env.get_template(template).render(context)
    except _TooLong:
        raise TemplateError(f"{_template_origin(env, template)}: still rendering after "
                            f"{RENDER_SECONDS:g} s: does a loop never end? Fix the template or "
                            "delete it to use vaultnet's own") from None
    except (jinja2.TemplateError, RecursionError):
        raise
    except Exception as exc:
        origin = _template_origin(env, template)
        line = _template_line(exc, origin)
        if line is None:  # not in a vault's template
            raise
        why = str(exc).rstrip(".") or type(exc).__name__
        raise TemplateError(f"{origin}, line {line}: {why}; fix the template or delete it to "
                            "use vaultnet's own") from exc


def _template_line(exc: BaseException, filename: str) -> int | None:
    """The line of the template ``filename`` where ``exc`` was raised: Jinja2
    gives the template's frames its file and lines. None when no frame is the
    template's."""
    import traceback

    lines = [frame.lineno for frame in traceback.extract_tb(exc.__traceback__)
             if frame.filename == filename]
    return lines[-1] if lines else None


def render_page(env: jinja2.Environment, template: str, context: dict,
                links: MarkdownLinks | None = None, shared: frozenset[str] = frozenset()) -> str:
    """The whole page; it must hold the markers and ``generated_by: vaultnet``.
    ``links``: the page's links as Markdown links (default: wikilinks); ``shared``:
    the file names (link keys) that more than one note has, which its wikilinks to
    those notes give with their folders."""
    token = _MARKDOWN_LINKS.set(links)
    shared_token = _SHARED_NAMES.set(shared)
    try:
        text = _render(env, template, context)
    except jinja2.TemplateError as exc:
        where = _template_origin(env, template)
        number = getattr(exc, "lineno", None) or _template_line(exc, where)
        line = f", line {number}" if number else ""
        why = str(exc).rstrip(".")  # Jinja2's sandbox ends its messages with a full stop
        raise TemplateError(f"{where}{line}: {why}; fix the template or delete it to use "
                            "vaultnet's own") from exc
    except RecursionError as exc:
        raise _endless(env, template) from exc
    finally:
        _MARKDOWN_LINKS.reset(token)
        _SHARED_NAMES.reset(shared_token)
    if -1 in first_block(text) or "generated_by: vaultnet" not in text:
        raise TemplateError(f"{_template_origin(env, template)}: a page template must write "
                            f"`generated_by: vaultnet` in its frontmatter and {BEGIN} ... {END}, "
                            "each at the start of a line")
    return re.sub(r"\n{3,}", "\n\n", text)


def render_note(env: jinja2.Environment, template: str, context: dict) -> str:
    """A new note for `vaultnet add`; ``context["frontmatter"]`` is YAML already."""
    context = {**context, "frontmatter": Markdown(context.get("frontmatter") or "")}
    try:
        return _render(env, template, context)
    except jinja2.TemplateError as exc:
        where = _template_origin(env, template)
        number = getattr(exc, "lineno", None) or _template_line(exc, where)
        line = f", line {number}" if number else ""
        raise TemplateError(f"{where}{line}: {exc}; fix the template or delete it to use "
                            "vaultnet's own") from exc
    except RecursionError as exc:
        raise _endless(env, template) from exc


def _endless(env: jinja2.Environment, template: str) -> TemplateError:
    """A template whose macros call each other without end (Python's recursion limit)."""
    return TemplateError(f"{_template_origin(env, template)}: a macro calls itself without end; "
                         "fix the template or delete it to use vaultnet's own")


def _template_origin(env: jinja2.Environment, template: str) -> str:
    try:
        _, filename, _ = env.loader.loaders[0].get_source(env, template)
        return filename
    except jinja2.TemplateNotFound:
        return f"vaultnet's template {template}"
