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
from vaultnet.words import MATCH_END, MATCH_START, clipped

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
    try:
        rows = _matches(index, fts_query(query), limit, literals)
    except sqlite3.OperationalError as exc:
        if stranded := _stranded_operator(_and_not(query)):
            raise VaultnetError(f"cannot search for {clipped(query)}: {stranded}") from exc
        words = _plain_query(query)
        if words is None:
            raise VaultnetError(f"cannot search for {clipped(query)}: {_NO_WORD}") from exc
        log.debug("%r is not FTS5 syntax (%s): searching for its words", query, exc)
        rows = _matches(index, words, limit, _literal_words(query))
    return [{"path": path, "title": title, "type": kind, "snippet": " ".join(snippet.split()),
             "score": round(-score, 3)} for path, title, kind, snippet, score in rows]


def spelled_like(index: Index, query: str) -> str | None:
    """``query`` with each word no note has a word beginning with replaced by the
    closest word the notes have (``kubernets``: ``kubernetes``), when that finds
    a note; None when there is none, or the query is more than words (FTS5
    syntax, a minus, punctuation)."""
    words = query.split()
    if not words or any(not word.isalnum() for word in words) or _FTS_SYNTAX.search(query):
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
