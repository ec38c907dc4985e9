"""TF-IDF sentence vectors fitted on the cluster's own sentences (the LexRank setting).

Tokens, stop words and stems are those of :func:`summarizer.text.tokenize` for the
cluster's language; rows are L2-normalised, so cosine similarity is ``X @ X.T``.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import scipy.sparse as sp

from ..language import Language
from ..text import tokenize as text_tokenize


class TfidfBackend:
    """TF-IDF fitted on the cluster's own sentences (the LexRank setting): sublinear tf,
    stop words and stems of the cluster's language (English: scikit-learn's list and
    Porter; ``stop_words: null`` keeps every word), optional n-grams."""

    def __init__(self, stop_words: str | None = "auto", sublinear_tf: bool = True,
                 stem: bool = True, ngram_max: int = 1, **_: object):
        self.stop_words = stop_words is not None
        self.stop_language = "en" if stop_words == "english" else None
        self.sublinear_tf = sublinear_tf
        self.stem = stem
        self.ngram_max = ngram_max

    def _analyze(self, text: str, language: Language | str = "en") -> list[str]:
        tokens = text_tokenize(text, language, self.stop_words, self.stem,
                               stop_language=self.stop_language)
        if self.ngram_max == 1:
            return tokens
        grams = list(tokens)
        for n in range(2, self.ngram_max + 1):
            grams += [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
        return grams

    def vectors(self, texts: Sequence[str], language: Language | None = None) -> sp.csr_matrix:
        from functools import partial

        from sklearn.feature_extraction.text import TfidfVectorizer

        if not texts:
            return sp.csr_matrix((0, 0))
        analyzer = partial(self._analyze, language=language or "en")
        vec = TfidfVectorizer(analyzer=analyzer, sublinear_tf=self.sublinear_tf,
                              norm="l2", dtype=np.float32)
        try:
            return vec.fit_transform(texts).tocsr()
        except ValueError:  # every text was only stop words
            return sp.csr_matrix((len(texts), 1), dtype=np.float32)
