"""What the splitter does around the sentence boundaries: long lines cut into blocks
first, pieces that are not sentences joined back, long sentences cut at clause marks."""

from __future__ import annotations

import re
from typing import Iterable


# A piece ending like this is continued by a next piece that starts in lower case:
# '"Is it safe?" she asked.', '"It is over.\'\' he said.', 'Yahoo! said', '. . . and then'.
_CONTINUED = re.compile(
    r"""(?:[?!]["'\u201d\u2019)\]]*|[.?!\u2026]["'\u201d\u2019]+[)\]]*|(?:\.\s*){3,}|\u2026)$""")
_WORD_CHAR = re.compile(r"[^\W_]")


# Punkt's regular expressions run under a time limit (NLTK raises TimeoutError after 5 s),
# which a paragraph of megabytes exceeds; lines longer than this are cut into blocks first.
BLOCK_CHARS = 100_000
_BLOCK_END = re.compile(r"""[.!?]["'”’)\]]*\s+(?=["'“‘(\[]?[^\W\d_])""")


def blocks(line: str, size: int = BLOCK_CHARS) -> list[str]:
    """``line`` in pieces of at most ``size`` characters, each cut after the last likely
    sentence end (a full stop, question or exclamation mark before a space and a letter)
    in its second half, else at the last space, else hard. A line under ``size`` is
    itself, so ordinary text is split exactly as before."""
    out = []
    while len(line) > size:
        window = line[size // 2:size]
        ends = [m.end() for m in _BLOCK_END.finditer(window)]
        cut = size // 2 + ends[-1] if ends else line.rfind(" ", size // 2, size) + 1 or size
        out.append(line[:cut])
        line = line[cut:]
    out.append(line)
    return [b for b in out if b.strip()]


# Clause marks, strongest first: a token ending in one of these closes a clause.
# The Arabic semicolon and comma (؛ ،) and the ideographic comma (、) count as theirs.
_CLAUSE_MARKS = (re.compile(r"[;:\u2014\u2013\u061b]$|^(?:-{1,2}|\u2014|\u2013)$"),
                 re.compile(r"[,\u060c\u3001\uff0c]$"))


def cut_long(sentence: str, max_words: int) -> list[str]:
    """``sentence`` (whitespace-normalised) as pieces of at most ``max_words`` words:
    itself when short enough; else cut after clause marks (``;`` ``:`` dashes, then
    commas), clauses packed greedily into pieces; a clause still too long is cut into
    even word windows. Joining the pieces with spaces gives the sentence back."""
    words = sentence.split()
    if len(words) <= max_words:
        return [sentence]
    return [" ".join(piece) for piece in _cut(words, max_words, 0)]


def _cut(words: list[str], limit: int, level: int) -> list[list[str]]:
    if len(words) <= limit:
        return [words]
    if level == len(_CLAUSE_MARKS):  # no marks left: even windows
        n = -(-len(words) // limit)
        size = -(-len(words) // n)
        return [words[i:i + size] for i in range(0, len(words), size)]
    mark = _CLAUSE_MARKS[level]
    clauses: list[list[str]] = [[]]
    for i, word in enumerate(words):
        clauses[-1].append(word)
        if mark.search(word) and i + 1 < len(words):
            clauses.append([])
    if len(clauses) == 1:
        return _cut(words, limit, level + 1)
    pieces: list[list[str]] = []
    for clause in clauses:
        for part in _cut(clause, limit, level + 1):
            if pieces and len(pieces[-1]) + len(part) <= limit:
                pieces[-1] = pieces[-1] + part
            else:
                pieces.append(part)
    return pieces


def _last_chars(line: str, start: int, end: int, n: int) -> str:
    """``line[start:end].rstrip()[-n:]`` without copying the whole piece (a piece that
    grows with every joined one would be copied again for each)."""
    while end > start and line[end - 1].isspace():
        end -= 1
    return line[max(start, end - n):end]


# A straight double quote standing alone at the end of a piece (tokenized text:
# 'he said . " we will'): whether it opens or closes follows from the quotes before it.
_LONE_QUOTE = re.compile(r'\s"\s*$')


def _opening_quotes_forward(line: str, spans: Iterable[tuple[int, int]]
                            ) -> list[tuple[int, int]]:
    """``spans`` with a lone straight quote that ends a piece but opens a quotation (an
    even number of straight quotes before it in ``line``) moved to the piece after it,
    where it belongs: tokenized text spaces every quote, so Punkt cannot tell."""
    out = [list(span) for span in spans]
    seen, counted = 0, 0  # straight quotes in line[:counted], counted once (linear)
    for this, after in zip(out, out[1:]):
        lone = _LONE_QUOTE.search(line, this[0], this[1])
        if lone:
            quote = lone.start() + 1
            seen += line.count('"', counted, quote)
            counted = quote
            if seen % 2 == 0:
                this[1] = after[0] = quote
    return [(start, end) for start, end in out]


def repair(line: str, spans: Iterable[tuple[int, int]]) -> list[str]:
    """The sentences of ``line`` from Punkt's spans, joining pieces that are not sentences
    of their own: punctuation alone (the dots of a spaced ellipsis ". . .") goes with the
    piece before it, and a lower-case piece continues one that ends in a quoted question
    or exclamation, a closing quote or an ellipsis. A lone quote that opens the next
    sentence goes with it (:func:`_opening_quotes_forward`)."""
    kept: list[list[int]] = []
    for start, end in _opening_quotes_forward(line, spans):
        piece = line[start:end].strip()
        if not piece:
            continue
        if kept and (not _WORD_CHAR.search(piece) or (
                piece[0].islower() and _CONTINUED.search(_last_chars(line, *kept[-1], 24)))):
            kept[-1][1] = end
        else:
            kept.append([start, end])
    return [" ".join(line[start:end].split()) for start, end in kept]
