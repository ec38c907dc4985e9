import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings, strategies as st

from summarizer.config import SimilarityConfig
from summarizer.errors import ModelUnavailable
from summarizer.similarity import (EmbeddingBackend, TfidfBackend, make_backend,
                                   resolve_embedding_model, tokenize)


def test_tokenize_stems_and_drops_stop_words():
    assert tokenize("The bridges were closed by the officials") == ["bridg", "close", "offici"]


def test_tfidf_rows_are_unit_length():
    X = TfidfBackend().vectors(["The storm closed the bridge.", "Bridge closed by storm.", "the and of"])
    assert sp.issparse(X)
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    assert np.allclose(norms[:2], 1.0) and norms[2] == 0


def test_registry_builds_backends():
    assert isinstance(make_backend(SimilarityConfig()), TfidfBackend)
    assert isinstance(make_backend(SimilarityConfig(backend="embeddings")), EmbeddingBackend)


def test_bundled_minilm_is_used_offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    path = resolve_embedding_model("sentence-transformers/all-MiniLM-L6-v2")
    assert path.endswith("model")
    vecs = EmbeddingBackend().vectors([
        "The mayor resigned on Friday.",
        "On Friday the town's mayor stepped down.",
        "Heavy rain is expected all weekend.",
    ])
    assert vecs.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    sims = vecs @ vecs.T
    assert sims[0, 1] > 0.7 > sims[0, 2]


def test_missing_model_directory_is_clear(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelUnavailable, match="no such directory"):
        EmbeddingBackend(model=str(tmp_path / "absent")).vectors(["x"])
    with pytest.raises(ModelUnavailable, match="not available offline"):
        EmbeddingBackend(model="someone/unknown-model").vectors(["x"])


def test_cli_embeddings_hub_id_without_a_route_to_the_hub_is_one_line_and_fast(tmp_path):
    import os
    import subprocess
    import sys
    import time

    from conftest import EXAMPLE, REPO

    env = {**os.environ, "HF_HUB_OFFLINE": "", "HF_ENDPOINT": "http://127.0.0.1:9",
           "HF_HUB_CACHE": str(tmp_path)}
    start = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "summarizer.cli", "summarize", str(EXAMPLE),
                        "--config", str(REPO / "configs" / "embeddings.yaml"),
                        "--set", "similarity.embeddings.model=some-org/some-model"],
                       capture_output=True, text=True, timeout=120, env=env)
    elapsed = time.monotonic() - start
    assert r.returncode == 2, r.stderr
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        "summarizer: error: model 'some-org/some-model' is not in the Hugging Face cache and "
        "the hub cannot be reached (http://127.0.0.1:9:"), r.stderr
    assert elapsed < 20, elapsed  # was ~26 s of retries; 13 s seen at load 6 on 2 cores


_TERMS = ["bridge", "river", "mayor", "closed", "the", "storm", "a", "é", "東京", "x y"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_TERMS), max_size=12), min_size=1, max_size=8),
       st.booleans())
def test_tfidf_matrix_is_scikit_learns_bit_for_bit(docs, sublinear):
    """Our TF-IDF (no scikit-learn import at run time) equals TfidfVectorizer's matrix:
    same entries in the same order, same float32 bits, so products match too."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from summarizer.similarity.tfidf import tfidf_matrix

    ours = tfidf_matrix(docs, sublinear)
    try:
        ref = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=sublinear, norm="l2",
                              dtype=np.float32).fit_transform(docs).tocsr()
    except ValueError:  # no term at all: both give a zero column
        assert ours.shape == (len(docs), 1) and ours.nnz == 0
        return
    assert ours.shape == ref.shape
    assert np.array_equal(ours.indptr, ref.indptr) and np.array_equal(ours.indices, ref.indices)
    assert ours.data.tobytes() == ref.data.tobytes()
    assert (ours @ ours.T).toarray().tobytes() == (ref @ ref.T).toarray().tobytes()


def test_summarize_imports_neither_scikit_learn_nor_the_nltk_package(tmp_path):
    """Start-up: summarizing imports Punkt and Porter alone, not the NLTK package nor
    scikit-learn (together over a second); a later ``import nltk`` is the real one."""
    import subprocess
    import sys

    from conftest import EXAMPLE

    code = ("import sys\n"
            "from summarizer.api import summarize\n"
            f"s = summarize({str(EXAMPLE)!r}, words=60)\n"
            "assert s.sentences, s\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('nltk', 'sklearn')))\n"
            "import nltk\n"
            "from nltk.stem.porter import PorterStemmer\n"
            "print(hasattr(nltk, 'word_tokenize'), PorterStemmer().stem('bridges'))\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       cwd=tmp_path, timeout=120)
    assert r.returncode == 0, r.stderr
    loaded, real = r.stdout.splitlines()
    assert loaded == "[]"
    assert real == "True bridg"
