"""What the script counts: n-grams (ROUGE-N), skip-bigrams (ROUGE-S/SU, ``-2``,
``-u``), the union LCS per model sentence (ROUGE-L) and the weighted LCS (ROUGE-W) of
Lin (2004), and Basic Elements (``-3``), each with the script's quirks."""

from __future__ import annotations

import math
import re
from collections import Counter

from ...errors import InputError
from ..rouge import _lcs_rows, positions
from .perl import ASCII_LOWER, perl_split
from .stemmer import morph_stem

MAX_PAIRS = 50_000_000  # skip-bigrams of one text, LCS cells of one pair of units


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
        be = line.translate(ASCII_LOWER)
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
    for t in perl_split(text):
        if re.search("[A-Za-z0-9]", t) and not _BRACKETS.search(t) and t:
            t = morph_stem(t)
        out.append(t)
    return " ".join(out)
