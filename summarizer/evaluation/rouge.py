"""ROUGE exactly as google-research ``rouge_score`` computes it, faster.

Scores equal ``rouge_scorer.RougeScorer(metrics, use_stemmer=...).score(target,
prediction)`` to the last bit (tested on random and real texts) with rouge-score's own
tokenizer (``tokenizer="rouge_score"``, the default). ``tokenizer="unicode"`` swaps in
:func:`summarizer.text.unicode_words` (NFKC, lowercased runs of letters, marks and
digits; one token per CJK character; no stemming), which sees the words of any script:
rouge-score keeps only ``[a-z0-9]`` and so scores Greek or Arabic text on its digits.
Everything after tokenization is the same code. Two things are faster:

* the tokenizer is rouge-score's own (``rouge_score.tokenize.tokenize``: lowercase, runs of
  ``[a-z0-9]``, Porter stems for tokens over 3 characters) with the stems memoised, since
  a corpus repeats its words;
* ROUGE-Lsum's summary-level LCS (Lin 2004, section 3.2; the union LCS of each reference
  sentence with every candidate sentence, counted without double counting as
  ROUGE-1.5.5 does) finds each LCS with a bit-parallel row recurrence (Allison & Dix
  1986; Crochemore et al. 2001) instead of a Python table, and reads it out with
  rouge-score's own back-tracking rule, so the same LCS is chosen among equals.

Usage::

    scorer = Scorer(("rouge1", "rouge2", "rougeLsum"), stemming=True)
    scorer.score(reference, summary)["rouge2"].recall
    Scorer(("rouge1", "rouge2"), stemming=False, tokenizer="unicode")
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache


class RougeScoreTokenizer:
    """rouge-score's default tokenizer with memoised stems."""

    def __init__(self, stemming: bool):
        self._stemmer = None
        if stemming:
            from nltk.stem import porter

            class _Memo:
                stem = staticmethod(lru_cache(maxsize=1 << 18)(porter.PorterStemmer().stem))

            self._stemmer = _Memo()

    def tokenize(self, text: str) -> list[str]:
        from rouge_score.tokenize import tokenize

        return tokenize(text, self._stemmer)


class UnicodeTokenizer:
    """Unicode word tokens (:func:`summarizer.text.unicode_words`), no stemming."""

    def __init__(self, stemming: bool = False):
        if stemming:
            raise ValueError("the unicode tokenizer has no stemmer (one per language would "
                             "make scores depend on which languages have one); use "
                             "stemming=False")

    @staticmethod
    def tokenize(text: str) -> list[str]:
        from ..text import unicode_words

        return unicode_words(text)


def make_tokenizer(name: str = "rouge_score", stemming: bool = True):
    """An object with ``tokenize(text) -> list[str]``: the tokenizer ``name`` names in
    :data:`summarizer.tables.ROUGE_TOKENIZERS` (what Protocol.tokenizer holds); an
    unknown name is a ValueError listing them."""
    from ..tables import ROUGE_TOKENIZERS

    return ROUGE_TOKENIZERS.get(name)(stemming)


def positions(tokens: list[str]) -> dict[str, int]:
    """Token -> bit mask of where it stands in ``tokens``."""
    where: dict[str, int] = {}
    for i, t in enumerate(tokens):
        where[t] = where.get(t, 0) | (1 << i)
    return where


def _lcs_rows(ref: list[str], can: list[str], where: dict[str, int] | None = None
              ) -> list[int]:
    """Row ``i`` of the LCS table of ``ref[:i]`` against ``can`` as a bit vector: bit ``j``
    is 0 exactly where the row steps up, so ``T[i][j]`` is the number of zero bits below
    bit ``j``. ``where``: each token of ``can`` -> the bit mask of its positions, if
    already built."""
    n = len(can)
    mask = (1 << n) - 1
    where = positions(can) if where is None else where
    v = mask
    rows = [v]
    for token in ref:
        m = where.get(token, 0)
        if m:
            v = ((v + (v & m)) | (v & ~m)) & mask
        rows.append(v)
    return rows


def lcs_indices(ref: list[str], can: list[str]) -> list[int]:
    """Indices into ``ref`` of the LCS that ``rouge_scorer.lcs_ind(ref, can)`` returns:
    its back-tracking rule (up-left on a match, else left when ``T[i][j-1] > T[i-1][j]``,
    else up), with ``T[i][j] = j - popcount(row_i & (2**j - 1))``."""
    if not ref or not can or set(ref).isdisjoint(can):
        return []
    rows = _lcs_rows(ref, can)
    i, j = len(ref), len(can)
    out = []
    while i > 0 and j > 0:
        if ref[i - 1] == can[j - 1]:
            out.append(i - 1)
            i -= 1
            j -= 1
            continue
        low = (1 << (j - 1)) - 1
        left = j - 1 - (rows[i] & low).bit_count()
        up = j - (rows[i - 1] & (low | (1 << (j - 1)))).bit_count()
        if left > up:
            j -= 1
        else:
            i -= 1
    out.reverse()
    return out


def summary_level_lcs(ref_sents: list[list[str]], can_sents: list[list[str]]):
    """ROUGE-Lsum of tokenized sentences, as ``rouge_scorer._summary_level_lcs``."""
    from rouge_score.scoring import Score, fmeasure

    m = sum(map(len, ref_sents))
    n = sum(map(len, can_sents))
    if not ref_sents or not can_sents or not m or not n:
        return Score(precision=0, recall=0, fmeasure=0)
    left_r = Counter(t for s in ref_sents for t in s)
    left_c = Counter(t for s in can_sents for t in s)
    hits = 0
    for r in ref_sents:
        union = sorted(set().union(*(lcs_indices(r, c) for c in can_sents)))
        for token in (r[i] for i in union):
            if left_c[token] > 0 and left_r[token] > 0:
                hits += 1
                left_c[token] -= 1
                left_r[token] -= 1
    precision, recall = hits / n, hits / m
    return Score(precision=precision, recall=recall, fmeasure=fmeasure(precision, recall))


class Scorer:
    """Drop-in for ``RougeScorer(metrics, use_stemmer=stemming)``: ``score(target,
    prediction)`` returns the same dict of ``Score`` tuples. ``tokenizer`` names one of
    :data:`summarizer.tables.ROUGE_TOKENIZERS` (default rouge-score's own)."""

    def __init__(self, metrics: tuple[str, ...] | list[str], stemming: bool = True,
                 tokenizer: str = "rouge_score"):
        from rouge_score import rouge_scorer

        self.metrics = tuple(metrics)
        self._tokenizer = make_tokenizer(tokenizer, stemming)
        others = [m for m in self.metrics if m != "rougeLsum"]
        self._others = (rouge_scorer.RougeScorer(others, tokenizer=self._tokenizer)
                        if others else None)

    def _sentences(self, text: str) -> list[list[str]]:
        return [self._tokenizer.tokenize(s) for s in text.split("\n") if len(s)]

    def score(self, target: str, prediction: str) -> dict:
        result = self._others.score(target, prediction) if self._others else {}
        if "rougeLsum" in self.metrics:
            result["rougeLsum"] = summary_level_lcs(self._sentences(target),
                                                    self._sentences(prediction))
        return {m: result[m] for m in self.metrics}
