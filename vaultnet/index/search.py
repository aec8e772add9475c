"""`vaultnet search`: notes by their words, through the index's full-text table.

Part of the one place that knows SQL. Plain words are matched as the start of
a note's words; FTS5 syntax is passed on; what FTS5 cannot read is searched
for by its words.
"""

from __future__ import annotations

import logging
import re
import sqlite3

from vaultnet.errors import VaultnetError
from vaultnet.index.store import Index
from vaultnet.words import MATCH_END, MATCH_START, UNSPACED_LETTER, clipped

log = logging.getLogger(__name__)

_NO_WORD = 'it has no word to look for; use words, "a phrase", OR, NOT, or title:word'


def search(index: Index, query: str, limit: int = 20) -> list[dict]:
    """Notes matching an FTS5 query, best first: path, title, type, snippet (its
    matches between the marks :data:`vaultnet.words.MATCH_START` and ``MATCH_END``).

    Plain words are matched as typed (each word a prefix of a word in the note);
    FTS5 syntax (``"a phrase"``, ``OR``, ``NOT``, ``title:``) is passed on as it is.
    A query FTS5 cannot read (``10:30``, ``re: budget``, ``"unclosed``) is
    searched for by its words; ``a AND NOT b`` as ``a NOT b``; an AND, OR or NOT
    without a word on each side is an error (as words, ``NOT draft`` would find
    the notes with "draft").
    """
    if any(m[1] is None for m in _MINUS.finditer(query)) and (
            _stranded_operator(_minus_as_not(query)) if _FTS_SYNTAX.search(query)
            else not any(re.search(r"\w", w) for w in query.split() if not _is_minus(w))):
        # (Plain words are wanted or not in any order: "-draft design" is "design -draft".)
        raise VaultnetError(f"cannot search for {clipped(query)}: no search finds notes by what "
                            "they lack alone; give a word to find too, as in 'design -draft'")
    if not re.search(r"\w", query):  # "-", "'", an emoji: none of them is a word the index keeps
        raise VaultnetError(f"cannot search for {clipped(query)}: {_NO_WORD}")
    # C++, C#, .NET: the index's words are their letters alone ("c"), which every
    # note with a "C" has; the notes found must have them as typed too.
    literals = [] if _FTS_SYNTAX.search(query) else _literal_words(query)
    if not _FTS_SYNTAX.search(query) and _unspaced(query):
        rows = _text_matches(index, query, limit)
    else:
        try:
            rows = _matches(index, fts_query(query), limit, literals)
        except sqlite3.OperationalError as exc:
            if stranded := _stranded_operator(_and_not(query)):
                raise VaultnetError(f"cannot search for {clipped(query)}: {stranded}") from exc
            words = _plain_query(query)
            if words is None:
                raise VaultnetError(f"cannot search for {clipped(query)}: {_NO_WORD}") from exc
            log.debug("%r is not FTS5 syntax (%s): searching for its words", query, exc)
            rows = (_text_matches(index, query, limit) if _unspaced(query)
                    else _matches(index, words, limit, _literal_words(query)))
    return [{"path": path, "title": title, "type": kind, "snippet": " ".join(snippet.split()),
             "score": round(-score, 3)} for path, title, kind, snippet, score in rows]


def spelled_like(index: Index, query: str) -> str | None:
    """``query`` with each word no note has a word beginning with replaced by the
    closest word the notes have (``kubernets``: ``kubernetes``), when that finds
    a note; None when there is none, or the query is more than words (FTS5
    syntax, a minus, punctuation)."""
    words = query.split()
    if (not words or any(not word.isalnum() for word in words) or _FTS_SYNTAX.search(query)
            or _unspaced(query)):  # (found as text, not by the index's words)
        return None
    import difflib
    import unicodedata

    # The words as the index's tokenizer keeps them: lower case, accents aside.
    index.db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vaultnet_terms "
                     "USING fts5vocab(main, notes_fts, 'row')")
    terms = "SELECT term FROM temp.vaultnet_terms WHERE term >= ? AND term < ?"
    fixed, changed = [], False
    for word in words:
        key = "".join(c for c in unicodedata.normalize("NFKD", word.lower())
                      if not unicodedata.combining(c))
        if index.db.execute(terms + " LIMIT 1", (key, key + "\U0010ffff")).fetchone():
            fixed.append(word)
            continue
        # A slip rarely falls on the first letter: only those words are compared.
        known = [term for (term,) in index.db.execute(terms, (key[0], key[0] + "\U0010ffff"))]
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.75)
        if not close:
            return None
        fixed.append(close[0])
        changed = True
    suggestion = " ".join(fixed)
    return suggestion if changed and _matches(index, fts_query(suggestion), 1) else None


def _matches(index: Index, fts: str, limit: int, literals: list[str] = ()) -> list[tuple]:
    """The notes ``fts`` finds, best first, of those whose title or text holds each
    of ``literals`` (lower case; SQLite's lower() folds ASCII alone, as they are)."""
    holds = " AND instr(lower(notes_fts.title || char(10) || notes_fts.body), ?)" * len(literals)
    return index.db.execute(f"""
        SELECT n.path, n.title, n.type,
               snippet(notes_fts, 1, ?, ?, '…', 12), bm25(notes_fts, 5.0, 1.0)
        FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid
        WHERE notes_fts MATCH ? AND n.generated = 0{holds}
        ORDER BY bm25(notes_fts, 5.0, 1.0), n.path LIMIT ?""",
        (MATCH_START, MATCH_END, fts, *literals, limit)).fetchall()


def _unspaced(text: str) -> bool:
    """Whether ``text`` has a letter of a script written without spaces between
    words: Chinese, Japanese, Thai, Lao, Khmer, Myanmar. FTS5's tokenizer takes a
    whole run of them for one word, so a word inside it ("咖啡" in "我和王小明喝咖啡")
    starts none of the index's words: a query word in them is looked for as
    text, anywhere (:func:`_text_matches`). (The pattern, 2 ms to compile, is
    compiled for a query that is not all ASCII alone.)"""
    return not text.isascii() and re.search(UNSPACED_LETTER, text) is not None


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _text_matches(index: Index, query: str, limit: int) -> list[tuple]:
    """The notes a plain query with words in a script written without spaces finds
    (:func:`_unspaced`): those words anywhere in the title or text (ASCII letters
    in any case, as SQLite's ``lower`` folds them), the query's other words as
    :func:`_matches` finds them; a word with a minus before it, of either kind,
    left out. Best first: by the other words' rank when there are some, else by
    how often the words come (a title's count five times, as its rank weighs).
    The snippet is made here, around the first of the words in the text."""
    words = query.split()
    wanted = [w for w in words if not _is_minus(w)]
    unwanted = [w[1:] for w in words if _is_minus(w)]
    as_text = [t for w in wanted if _unspaced(w) and (t := _folded(w))]
    lacking = [t for w in unwanted if _unspaced(w) and (t := _folded(w))]
    others = _words_query(" ".join(w for w in wanted if not _unspaced(w)))
    left_out = [q for w in unwanted if not _unspaced(w) and (q := _words_query(w))]
    text = "lower(notes_fts.title || char(10) || notes_fts.body)"
    held = [*as_text, *_literal_words(" ".join(wanted))]
    where = [f"instr({text}, ?)"] * len(held) + [f"NOT instr({text}, ?)"] * len(lacking)
    args: list = [*held, *lacking]
    if left_out:
        where.append("notes_fts.rowid NOT IN (SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?)")
        args.append(" OR ".join(f"({q})" for q in left_out))
    if others:
        where.append("notes_fts MATCH ?")
        args.append(others)
    rank = "bm25(notes_fts, 5.0, 1.0)" if others else "0"
    rows = index.db.execute(f"""
        SELECT n.path, n.title, n.type, notes_fts.body, {rank}
        FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid
        WHERE n.generated = 0 AND {" AND ".join(where)}
        ORDER BY {f"{rank}, n.path LIMIT ?" if others else "n.path"}""",
        (*args, limit) if others else args).fetchall()
    if not others:  # by how often the words come
        def often(row: tuple) -> int:
            title, body = _folded(row[1]), _folded(row[3])
            return sum(5 * title.count(t) + body.count(t) for t in as_text)

        counted = sorted((-often(row), row[0], row) for row in rows)[:limit]
        rows = [(*row[:4], float(count)) for count, _, row in counted]
    marks = [*as_text, *(_folded(w) for w in wanted if not _unspaced(w))]
    return [(path, title, kind, _snippet(body, marks), score)
            for path, title, kind, body, score in rows]


def _folded(text: str) -> str:
    """``text`` with its ASCII letters in lower case, as SQLite's ``lower`` has it;
    a query word without the punctuation its ends may carry."""
    return text.translate(_ASCII_LOWER).strip(_EDGES)


def _snippet(body: str, marks: list[str], before: int = 20, after: int = 60) -> str:
    """Some of ``body`` around the first of ``marks`` in it (lower-case text, as
    :func:`_folded` has it), each of them marked where it comes (a word of a
    spaced script only at a word's start); the body's start when none is in it."""
    folded = body.translate(_ASCII_LOWER)
    starts = [at for mark in marks if mark and (at := folded.find(mark)) >= 0]
    first = min(starts, default=0)
    start, end = max(0, first - before), min(len(body), first + after)
    found = []
    for mark in filter(None, marks):
        pattern = re.escape(mark) if _unspaced(mark) else r"(?<!\w)" + re.escape(mark)
        found += [m.span() for m in re.finditer(pattern, folded[start:end])]
    pieces, at = [], 0
    for begin, stop in sorted(found):
        if begin >= at:  # (not inside one marked already)
            pieces += [body[start + at : start + begin], MATCH_START,
                       body[start + begin : start + stop], MATCH_END]
            at = stop
    pieces.append(body[start + at : end])
    return ("…" if start else "") + "".join(pieces) + ("…" if end < len(body) else "")


# What a word's ends may carry that is no part of it: a sentence's punctuation.
_EDGES = ",;:!?'\"()[]{}<>…"
# A word with a sign the index leaves out (C++, C#, F#, #gave, .NET): its letters
# alone would be the index's word, which many notes hold ("c").
_SIGNED = re.compile(r"\w[+#]|[+#]\w|^\.\w", re.ASCII)


def _literal_words(query: str) -> list[str]:
    """The words of a plain query (none with a minus before it) with a sign the
    index leaves out, lower case: only notes holding them as typed are found."""
    words = (w.strip(_EDGES) for w in query.split() if not _is_minus(w))
    return [w.lower() for w in words if _SIGNED.search(w) and w.isascii()]


_FTS_SYNTAX = re.compile(r'["*()^:]|\b(?:AND|OR|NOT|NEAR)\b')


_QUOTED = r'"[^"]*"?'  # a phrase, its closing quote perhaps not typed yet
_PHRASE = re.compile(_QUOTED)
_OPERATOR = re.compile(r"\(|\)|\b(?:AND|OR|NOT)\b|[^\s()]+")
_OPERATORS = ("AND", "OR", "NOT")
_AND_NOT = re.compile(rf"({_QUOTED})|\bAND\s+NOT\b")


def _and_not(query: str) -> str:
    """``a AND NOT b`` as FTS5 reads it: ``a NOT b`` (its NOT is "and not"); a
    phrase in quotes as it is."""
    return _AND_NOT.sub(lambda m: m[1] or "NOT", query)


def _stranded_operator(query: str) -> str | None:
    """What to write instead when AND, OR or NOT in ``query`` lacks a word on
    either side (``NOT draft``, ``design OR``, ``(OR draft)``), or None.

    FTS5 cannot read such a query; searched by its words instead, ``NOT draft``
    would find the very notes with "draft" in them."""
    tokens = _OPERATOR.findall(_PHRASE.sub(" phrase ", query))
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else "("
        after = tokens[i + 1] if i + 1 < len(tokens) else ")"
        if token in _OPERATORS and (before in _OPERATORS or before == "("
                                    or after in _OPERATORS or after == ")"):
            lacks = (" for notes with \"design\" that lack \"draft\" (no search finds notes by what "
                     "they lack alone)") if token == "NOT" else ""
            return (f"{token} goes between words, as in 'design {token} draft'{lacks}; for the "
                    f"word itself, write it in lower case ({token.lower()})")
    return None


# A word with a minus before it, as web searches leave a word out: "-draft".
_MINUS = re.compile(rf"({_QUOTED})|(?<!\S)-(?=\w)")


def _minus_as_not(query: str) -> str:
    """``-word`` (not in a phrase) as FTS5 writes it: ``NOT word``."""
    return _MINUS.sub(lambda m: m[1] or "NOT ", query)


def fts_query(query: str) -> str:
    """Words become prefix terms (``pipe`` finds "pipelines"), those with a minus
    before them words to leave out (``-draft``); a query that already uses FTS5
    syntax is left as written, but for its ``-word`` and ``AND NOT``: each
    ``NOT``."""
    if _FTS_SYNTAX.search(query):
        return _and_not(_minus_as_not(query))
    return _plain_query(query) or '""'


def _plain_query(query: str) -> str | None:
    """Each word of ``query`` as a prefix term, all of them to match but those
    with a minus before them, to be left out; None: no word to find."""
    words = query.split()
    unwanted = [f"({q})" for w in words if _is_minus(w) and (q := _words_query(w))]
    wanted = _words_query(" ".join(w for w in words if not _is_minus(w)))
    if wanted is None or not unwanted:
        return wanted
    return " NOT ".join([f"({wanted})", *unwanted])


def _is_minus(word: str) -> bool:
    """A word with a minus before it, as :data:`_MINUS` finds in a query."""
    return _MINUS.match(word) is not None and word[0] == "-"


def _words_query(query: str) -> str | None:
    """Each word of ``query`` as a prefix term, all of them to match; None: no word.
    A word of several (``node.js``, ``2026-11-20``) is their phrase; one that ends
    in a sign (``C++``, ``C#``) is whole, not the start of a longer one."""
    terms = []
    for word in query.split():
        parts = re.findall(r"\w+", word)
        if parts:
            whole = word.strip(_EDGES)[-1:] in ("+", "#")
            terms.append(f'"{" ".join(parts)}"' + ("" if whole else "*"))
    return " ".join(terms) or None
