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
                 stem: bool = True, ngram_max: int = 1):
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
        if not texts:
            return sp.csr_matrix((0, 0))
        lang = language or "en"
        return tfidf_matrix([self._analyze(t, lang) for t in texts], self.sublinear_tf)


def tfidf_matrix(docs: Sequence[Sequence[str]], sublinear_tf: bool = True) -> sp.csr_matrix:
    """``TfidfVectorizer(analyzer=..., sublinear_tf=..., norm="l2", dtype=np.float32)
    .fit_transform`` of already analysed documents, bit for bit (scikit-learn 1.x: the
    same float32 steps, each row's entries in the same order, so products of these
    matrices are the same to the last bit too), without importing scikit-learn, whose
    import alone took over half of a ``summarize`` run. A matrix with no term at all is
    a zero column."""
    vocabulary: dict[str, int] = {}
    indices: list[int] = []
    counts: list[int] = []
    indptr = [0]
    for doc in docs:
        counter: dict[int, int] = {}
        for term in doc:
            j = vocabulary.setdefault(term, len(vocabulary))
            counter[j] = counter.get(j, 0) + 1
        for j in sorted(counter):  # each row by first-seen term (sort_indices)
            indices.append(j)
            counts.append(counter[j])
        indptr.append(len(indices))
    n = len(indptr) - 1
    if not vocabulary:  # every text was only stop words
        return sp.csr_matrix((n, 1), dtype=np.float32)
    alphabetical = np.empty(len(vocabulary), dtype=np.int32)  # then renumbered by name
    for new, term in enumerate(sorted(vocabulary)):
        alphabetical[vocabulary[term]] = new
    cols = alphabetical[np.asarray(indices, dtype=np.int32)]
    data = np.asarray(counts, dtype=np.float32)
    df = np.bincount(cols, minlength=len(vocabulary)).astype(np.float32)
    df += np.float32(1.0)
    idf = np.full_like(df, fill_value=n + 1, dtype=np.float32)
    idf /= df
    np.log(idf, out=idf)
    idf += np.float32(1.0)
    if sublinear_tf:
        np.log(data, data)
        data += np.float32(1.0)
    data *= idf[cols]
    squares = (data * data).tolist()  # float32 products, summed in double per row
    for a, b in zip(indptr, indptr[1:]):
        total = 0.0
        for x in squares[a:b]:
            total += x
        if total != 0.0:
            data[a:b] = (data[a:b].astype(np.float64) / np.sqrt(total)).astype(np.float32)
    return sp.csr_matrix((data, cols, np.asarray(indptr, dtype=np.int32)),
                         shape=(n, len(vocabulary)))
