"""What a summary file reads as: ``readText`` and ``readText_LCS`` (SEE, SPL and ISI
units, the ``-l``/``-b`` cuts counted before punctuation is removed) and
``tokenizeText``'s tokens.

Text is read as bytes: each non-ASCII byte is a separator, as in Perl without ``use
utf8``. With ``unicode`` (this package's extension) text is UTF-8, tokens are runs of
Unicode letters and digits, lowercased, and ``-b`` counts UTF-8 bytes.
"""

from __future__ import annotations

import re

from ...errors import InputError
from .options import Options
from .perl import ASCII_LOWER, SPACE, UNICODE_SPACE, perl_lines, perl_split
from .stemmer import morph_stem, stop_words

FILE_LIMIT = 64 * 2**20  # bytes read from any one summary or model file
CONFIG_LIMIT = 16 * 2**20  # bytes of an XML config or a -z file list


_SEE = (re.compile(r'<a size="[0-9]+" name="[0-9]+">\[([0-9]+)\]</a>[ \t\n\r\f\v]+'
                   r'<a href="#[0-9]+" id=[0-9]+>([^<]+)'),
        re.compile(r'<a name="[0-9]+">\[([0-9]+)\]</a>[ \t\n\r\f\v]+'
                   r'<a href="#[0-9]+" id=[0-9]+>([^<]+)'))
_ISI = re.compile(r'<S SNTNO="[0-9a-z,]+">([^<]+)</S>')


def units(text: str, fmt: str, unicode: bool = False) -> list[str]:
    """The sentences (units) of a summary file in format ``fmt``, lowercased."""
    kind = fmt.upper()
    out = []
    if kind == "SEE":
        for line in perl_lines(text):
            m = _SEE[0].match(line) or _SEE[1].match(line)
            if m:
                out.append(m.group(2))
    elif kind == "ISI":
        for line in perl_lines(text):
            if m := _ISI.match(line):
                out.append(m.group(1))
    elif kind == "SPL":
        for line in perl_lines(text):
            line = line[:-1] if line.endswith("\n") else line
            if line:
                out.append(line)
    else:
        raise InputError(f"Unknown input format: {fmt}")
    return [u.lower() if unicode else u.translate(ASCII_LOWER) for u in out]


def _size(text: str, unicode: bool) -> int:
    return len(text.encode("utf-8", "surrogatepass")) if unicode else len(text)


def _head_bytes(text: str, n: int, unicode: bool) -> str:
    """Perl's ``substr($s, 0, n)`` in bytes (a negative n leaves -n off the end)."""
    if not unicode:
        return text[:n]
    data = text.encode("utf-8", "surrogatepass")
    return data[:n].decode("utf-8", "ignore")


def _head_words(tokens: list[str], n: float) -> str:
    end = int(n)
    return " ".join(tokens[:end]) if end > 0 else ""


def cut_joined(sents: list[str], o: Options) -> str | None:
    """``readText``: the units joined with spaces, cut to ``-l`` words or ``-b`` bytes
    (counted before punctuation is removed); None where the script's text is undefined."""
    space = UNICODE_SPACE if o.unicode else SPACE
    if not o.words and not o.bytes:
        return " ".join(sents)
    kept, count = "", 0
    for s in sents:
        if o.words:
            tokens = perl_split(s, space)
            size = len(tokens)
            limit = o.words
        else:
            size = _size(s, o.unicode)
            limit = o.bytes
        if count + size < limit:
            kept += f" {s}" if count else s
            count += size
            continue
        if count > 0:
            kept += " "
        kept += (_head_words(tokens, limit - count) if o.words
                 else _head_bytes(s, int(limit - count), o.unicode))
        break
    return kept or None


def cut_units(sents: list[str], o: Options) -> list[str]:
    """``readText_LCS``: the units cut to ``-l`` words; with ``-b`` every unit shorter
    than the limit is kept whole and the first longer one is cut (the script never adds
    up what it kept)."""
    space = UNICODE_SPACE if o.unicode else SPACE
    if not o.words and not o.bytes:
        return list(sents)
    out, count = [], 0
    for s in sents:
        if o.words:
            tokens = perl_split(s, space)
            if count + len(tokens) < o.words:
                count += len(tokens)
                out.append(s)
                continue
            out.append(_head_words(tokens, o.words - count))
            break
        if _size(s, o.unicode) < o.bytes:
            out.append(s)
            continue
        out.append(_head_bytes(s, int(o.bytes), o.unicode))
        break
    return out


_HYPHEN = re.compile("-")
_NOT_WORD = re.compile(r"[^A-Za-z0-9\-]")
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def normalize(text: str, unicode: bool = False) -> str:
    """Hyphens as their own token, everything but letters, digits and hyphens a space,
    spaces squeezed: the script's clean-up after the cut."""
    if unicode:
        from ...text import unicode_words

        return " ".join(unicode_words(text))
    text = _HYPHEN.sub(" - ", text)
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", text)).strip(" ")


def tokens(text: str | None, o: Options, stem: bool) -> list[str]:
    """``tokenizeText``: the normalized text's tokens that start with a letter or digit,
    stop words removed (``-s``), tokens over 3 characters stemmed (``-m``)."""
    if not text:
        return []
    words = text.split(" ")
    if o.remove_stopwords:
        stops = stop_words()
        words = [t for t in words if t not in stops]
    if not o.unicode:  # normalized: runs of [a-z0-9], and hyphens
        words = [t for t in words if t != "-"]
    if not stem:
        return words
    if o.unicode:
        return [morph_stem(t) if len(t) > 3 and t.isascii() else t for t in words]
    return [morph_stem(t) if len(t) > 3 else t for t in words]


def read_file(path: str, limit: int) -> bytes:
    """A summary, model or config file (a regular file, at most ``limit`` bytes)."""
    from ...fileio import Unreadable, read_regular

    try:
        return read_regular(path, limit)
    except Unreadable as e:
        raise InputError(f"Cannot open {path}: {e}") from None
