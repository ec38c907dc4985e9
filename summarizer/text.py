"""Word-level helpers every stage shares, per language: tokens, stems, stop words,
word counts, sentence ends, month and weekday names, honorifics. One copy of each.

English keeps exactly the behaviour the pipeline always had: tokens ``[a-z0-9]+('[a-z]+)?``
of the lowercased text, scikit-learn's English stop words and NLTK's Porter stemmer.
Every other language uses Unicode words: the NFKC-normalised, lowercased text's runs of
letters, combining marks and digits (so Arabic vowel marks and Devanagari vowel signs
stay inside their word), the stopwords-iso list where it has one, and the Snowball
stemmer where one exists (see :mod:`summarizer.language`). In scripts written without
spaces (Chinese, Japanese, Thai) each ideograph, kana or letter is a word of its own:
the usual ROUGE convention for such text, with no segmenter to download.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import regex

from .language import SENTENCE_CLOSERS, SENTENCE_FINAL, Language, get_language

_ENDS_SENTENCE = re.compile(f"[{re.escape(SENTENCE_FINAL)}][{re.escape(SENTENCE_CLOSERS)}]*$")

# English month names and the abbreviations news text writes, -> month number: the one
# month list (date lines, captions and timestamps in cleaning, the guard).
MONTHS: dict[str, int] = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for name in names}
# A regular expression alternation (no group) matching each name of ``MONTHS``; compile
# it with ``re.IGNORECASE``. It also takes the misspelling "sepember". The first three
# letters of any match are a key of ``MONTHS``.
MONTH_PATTERN = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)

# English weekday names and the abbreviations news text writes, -> ISO weekday number.
WEEKDAYS: dict[str, int] = {name: number for number, names in enumerate((
    ("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"),
    ("thursday", "thu", "thur", "thurs"), ("friday", "fri"), ("saturday", "sat"),
    ("sunday", "sun")), start=1) for name in names}
# A regular expression alternation (no group) matching each full weekday name.
WEEKDAY_PATTERN = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"

# English titles before a name (lower case, no period): never the end of a sentence
# before a capitalised word ("Ms. Slaughter"), nor a name of their own.
HONORIFICS = frozenset("""
    mr mrs ms messrs mmes dr gov govs sen sens rep reps gen lt col maj capt cmdr cmdt adm
    sgt cpl pvt brig insp supt det atty rev msgr hon prof pres
""".split())

_ENGLISH_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
UNICODE_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
# The scripts written without spaces between words (a character class's contents): there
# every character is a word.
UNSPACED_SCRIPTS = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
_UNSPACED_CHAR = regex.compile(f"[{UNSPACED_SCRIPTS}][\\p{{M}}]*")


def unicode_words(text: str) -> list[str]:
    """NFKC-normalised, lowercased runs of letters, marks and digits; a character of a
    script written without spaces is a word alone. The token rule of the ``multiling``
    ROUGE protocol and of every non-English language."""
    text = unicodedata.normalize("NFKC", text).lower()
    out: list[str] = []
    for word in UNICODE_WORD.findall(text):
        if _UNSPACED_CHAR.search(word):
            out.extend(_split_unspaced(word))
        else:
            out.append(word)
    return out


def _split_unspaced(word: str) -> list[str]:
    pieces, last = [], 0
    for m in _UNSPACED_CHAR.finditer(word):
        if m.start() > last:
            pieces.append(word[last:m.start()])
        pieces.append(m.group())
        last = m.end()
    if last < len(word):
        pieces.append(word[last:])
    return pieces


def words(text: str, language: Language | str = "en") -> list[str]:
    """The word tokens of ``text`` in ``language`` (lowercased; see the module docstring)."""
    lang = _lang(language)
    if lang.is_english:
        return _ENGLISH_TOKEN.findall(text.lower())
    return unicode_words(text)


def word_count(text: str, language: Language | str = "en") -> int:
    """Words as budgets and length cuts count them: whitespace-separated pieces, except
    that in scripts written without spaces each ideograph, kana or letter is a word (a
    piece ``北京2029年`` is four). ``language`` is accepted for symmetry: the script
    decides, so mixed text counts the same whatever the cluster's language."""
    if not _UNSPACED_CHAR.search(text):
        return len(text.split())
    return sum(_piece_words(p) for p in text.split())


# One word inside a whitespace-free piece: a character of an unspaced script, or a run of
# other letters, marks and digits.
_PIECE_WORD = regex.compile(
    f"[{UNSPACED_SCRIPTS}]\\p{{M}}*|(?:(?![{UNSPACED_SCRIPTS}])[\\p{{L}}\\p{{M}}\\p{{N}}])+")


def _piece_words(piece: str) -> int:
    if not _UNSPACED_CHAR.search(piece):
        return 1
    return max(1, sum(1 for _ in _PIECE_WORD.finditer(piece)))


def cut_words(text: str, limit: int | None) -> str:
    """The first ``limit`` words of ``text`` as :func:`word_count` counts them, keeping
    line breaks (pieces of a line joined by one space; empty lines dropped); a piece of
    an unspaced script is cut after its ``limit``-th character. No limit: ``text``."""
    if not limit:
        return text
    out, left = [], limit
    for line in text.splitlines():
        kept = []
        for piece in line.split():
            n = _piece_words(piece)
            if n <= left:
                kept.append(piece)
                left -= n
            else:
                ends = [m.end() for m in _PIECE_WORD.finditer(piece)]
                kept.append(piece[:ends[left - 1]])
                left = 0
            if left == 0:
                break
        if kept:
            out.append(" ".join(kept))
        if left == 0:
            break
    return "\n".join(out)


@lru_cache(maxsize=1)
def _english_stop_words() -> frozenset[str]:
    """scikit-learn's English list (the Glasgow IR group's), read from its own module
    file: importing scikit-learn takes over a second, for one constant."""
    import importlib.util
    from pathlib import Path

    package = importlib.util.find_spec("sklearn")
    if package is None or not package.submodule_search_locations:
        raise ImportError("scikit-learn is not installed")
    path = Path(list(package.submodule_search_locations)[0], "feature_extraction",
                "_stop_words.py")
    spec = importlib.util.spec_from_file_location("summarizer_sklearn_stop_words", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.ENGLISH_STOP_WORDS)


# Optional diacritics: Latin and Greek accents (the Greek list of stopwords-iso is mostly
# written without them, news text with them), Arabic vowel marks, Hebrew points. Marks
# that are letters' own vowels (Devanagari and other Indic signs) are not in these ranges.
_OPTIONAL_MARKS = regex.compile(r"[\u0300-\u036f\u064b-\u065f\u0670\u0591-\u05c7]")


@lru_cache(maxsize=200_000)
def fold_marks(token: str) -> str:
    """``token`` without optional diacritics (``είναι`` -> ``ειναι``, ``كَتَبَ`` -> ``كتب``)."""
    if token.isascii():
        return token
    return unicodedata.normalize(
        "NFC", _OPTIONAL_MARKS.sub("", unicodedata.normalize("NFD", token)))


@lru_cache(maxsize=64)
def stop_words(language: Language | str = "en") -> frozenset[str]:
    """The stop words of ``language`` (empty where no list exists), in the form
    :func:`words` returns tokens. Outside English, matched without optional diacritics:
    the set holds each word's folded form (:func:`fold_marks`), and :func:`tokenize`
    folds a token before looking it up."""
    lang = _lang(language)
    if lang.is_english:
        return _english_stop_words()
    if not lang.stop_words:
        return frozenset()
    import stopwordsiso

    out: set[str] = set()
    for w in stopwordsiso.stopwords(lang.code):
        out.update(fold_marks(t) for t in unicode_words(w))
    return frozenset(out)


def is_stop_word(token: str, language: Language | str = "en") -> bool:
    """Whether a lowercased token is one of ``language``'s stop words."""
    lang = _lang(language)
    stops = stop_words(lang)
    return token in stops if lang.is_english else fold_marks(token) in stops


@lru_cache(maxsize=64)
def _stemmer(code: str):
    lang = _lang(code)
    if lang.is_english:
        from .nltk_parts import load

        return load("nltk.stem.porter").PorterStemmer().stem
    if lang.snowball is None:
        return None
    import snowballstemmer

    # A Snowball stemmer keeps its working state on itself: one call at a time (threads
    # of the server backend stem at once; the results are memoised by stem()).
    word, lock = snowballstemmer.stemmer(lang.snowball).stemWord, threading.Lock()

    def locked(token: str) -> str:
        with lock:
            return word(token)

    return locked


_STOP_WORDS = stop_words


def has_stemmer(language: Language | str) -> bool:
    return _stemmer(_lang(language).code) is not None


@lru_cache(maxsize=400_000)
def stem(token: str, code: str = "en") -> str:
    """The stem of a lowercased token (the token itself where ``code`` has no stemmer)."""
    fn = _stemmer(code)
    return token if fn is None else fn(token)


def tokenize(text: str, language: Language | str = "en", stop_words: bool = True,
             stem_words: bool = True, stop_language: Language | str | None = None) -> list[str]:
    """Word tokens with stop words removed and stems taken (each where ``language`` has
    them): what TF-IDF, the centroid and the guard compare. ``stop_language``: take the
    stop words of another language than ``language``."""
    lang = _lang(language)
    tokens = words(text, lang)
    if stop_words:
        stop_lang = _lang(stop_language) if stop_language else lang
        stops = _STOP_WORDS(stop_lang)
        if stops and stop_lang.is_english:
            tokens = [t for t in tokens if t not in stops]
        elif stops:
            tokens = [t for t in tokens if fold_marks(t) not in stops]
    if stem_words and _stemmer(lang.code) is not None:
        tokens = [stem(t, lang.code) for t in tokens]
    return tokens


def ends_like_a_sentence(text: str, clause_marks: bool = False,
                         language: Language | str | None = None) -> bool:
    """Whether ``text`` (trailing whitespace aside) ends like a sentence.

    Args:
      clause_marks: False (what selection asks of a sentence it may put in a summary): a
        sentence-final mark of any script (:data:`SENTENCE_FINAL`), possibly followed by
        closing quotes or brackets (:data:`SENTENCE_CLOSERS`); ``language`` is not read.
        True (what cleaning asks of a line before calling it a heading or boilerplate):
        the last character ends a sentence or a clause: a final mark, a closing quote or
        bracket on its own, or ":" or ";" (a line leading into a quotation or a list).
      language: with ``clause_marks``, the marks are the language's ``line_ends``:
        English (the default) takes those of English text only (``. ! ? … " ” ’ ' ) ] :
        ;``), any other language every script's.
    """
    if not clause_marks:
        return _ENDS_SENTENCE.search(text.rstrip()) is not None
    return text.rstrip().endswith(_lang(language or "en").line_ends)


def letters_seen(text: str, token_pattern: re.Pattern[str]) -> tuple[int, int]:
    """(letters in ``text``, letters inside matches of ``token_pattern`` on the lowercased
    text): how much of a text a tokenizer can see."""
    letters = sum(1 for ch in text if unicodedata.category(ch).startswith("L"))
    seen = sum(1 for m in token_pattern.finditer(text.lower()) for ch in m.group()
               if unicodedata.category(ch).startswith("L"))
    return letters, seen


# What must not reach a terminal as it is: C0 controls but tab and newline (ESC starts
# the sequences that clear a screen, set a window title or plant a link), DEL, C1
# controls (U+009B is a one-character ESC [), the bidi embeddings, overrides and
# isolates that reorder what a line shows (U+202A-U+202E, U+2066-U+2069; the marks
# U+200E, U+200F and U+061C stay: Arabic and Hebrew text needs them and they reorder
# nothing), and lone surrogates (the undecodable bytes of a file name, which no UTF-8
# output can hold).
UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` as it may be shown on a terminal or written to a text file: every
    :data:`UNSAFE_CHARACTERS` control character removed, and each byte that a file name
    could not decode (a surrogate escape, U+DC80-U+DCFF) written as ``\\xNN`` (any other
    lone surrogate as U+FFFD). Only what is shown changes, never the text itself."""
    return UNSAFE_CHARACTERS.sub(_printable_char, text)


def _printable_char(m: re.Match[str]) -> str:
    return surrogate_text(m.group()) if "\ud800" <= m.group() <= "\udfff" else ""


def surrogate_text(char: str) -> str:
    """A lone surrogate as text: ``\\xNN`` for the byte a surrogate escape stands for,
    else U+FFFD."""
    code = ord(char)
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"


def _lang(language: Language | str) -> Language:
    return language if isinstance(language, Language) else get_language(language)
