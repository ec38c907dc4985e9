"""Sentence vectors for similarity: sparse TF-IDF or dense sentence embeddings.

Every backend returns L2-normalised row vectors, so cosine similarity is a plain dot
product (``X @ X.T``) whether X is a scipy sparse matrix or a numpy array.

One file per backend (:mod:`.tfidf`, :mod:`.embeddings`), the graph over the vectors in
:mod:`.graph`, and the name -> backend table below, which the config validator and the
CLI read. Adding a backend is one file and one row::

    X = make_backend(SimilarityConfig(backend="tfidf")).vectors(sentences, language)
    W = similarity_graph(X, threshold=0.1, max_neighbors=50)
"""

from __future__ import annotations

from typing import Protocol, Sequence

from ..language import Language
from ..tables import SIMILARITY as BACKENDS
from ..text import tokenize as text_tokenize
from .embeddings import EmbeddingBackend, resolve_embedding_model
from .graph import GRAPH_BLOCK_BYTES, cosine_rows, similarity_graph
from .tfidf import TfidfBackend

__all__ = ["BACKENDS", "Backend", "TfidfBackend", "EmbeddingBackend", "make_backend",
           "resolve_embedding_model", "tokenize", "cosine_rows", "similarity_graph",
           "GRAPH_BLOCK_BYTES"]


class Backend(Protocol):
    def vectors(self, texts: Sequence[str], language: Language | None = None):
        """Return an (n, d) matrix of L2-normalised rows, sparse or dense."""




def make_backend(config) -> Backend:
    """Build the backend a :class:`SimilarityConfig` names."""
    cls = BACKENDS.get(config.backend)
    return cls(**getattr(config, config.backend).model_dump())


def tokenize(text: str, stop_words: bool = True, stem: bool = True,
             language: Language | str = "en") -> list[str]:
    """Lowercased word tokens, stop words removed, stemmed (see :mod:`summarizer.text`)."""
    return text_tokenize(text, language, stop_words, stem)
