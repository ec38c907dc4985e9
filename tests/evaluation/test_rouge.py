"""Our faster ROUGE equals rouge-score's, score for score."""

import json

from hypothesis import given, settings, strategies as st
from rouge_score import rouge_scorer

from summarizer.evaluation.rouge import Scorer, lcs_indices

from conftest import require_shared

WORDS = ["the", "bridge", "closed", "bridges", "closing", "mayor", "said", "a", "on",
         "Monday", "2019", "repairs", "repair", "U.S.", "it's", "\u00e9t\u00e9"]
sentence = st.lists(st.sampled_from(WORDS), min_size=0, max_size=30).map(" ".join)
text = st.lists(sentence, min_size=0, max_size=8).map("\n".join)
METRICS = ("rouge1", "rouge2", "rougeL", "rougeLsum")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from("abcde"), max_size=25), st.lists(st.sampled_from("abcde"), max_size=25))
def test_lcs_indices_equal_rouge_score(ref, can):
    expected = rouge_scorer.lcs_ind(ref, can) if ref and can else []
    assert lcs_indices(ref, can) == expected


@settings(max_examples=200, deadline=None)
@given(text, text, st.booleans())
def test_scores_equal_rouge_score(target, prediction, stemming):
    ours = Scorer(METRICS, stemming).score(target, prediction)
    theirs = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=stemming).score(target, prediction)
    assert ours == theirs


def test_scores_equal_rouge_score_on_real_summaries():
    """Multi-News references against the first sentences of their own articles, one
    sentence per line, as the multinews protocol scores them."""
    from summarizer.ingest.split import split_text

    path = require_shared("multinews-dev") / "dev.jsonl"
    ours = Scorer(METRICS, True)
    theirs = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    with open(path, encoding="utf-8") as f:
        for _, line in zip(range(25), f):
            record = json.loads(line)
            reference = "\n".join(split_text(record["summary"].replace("NEWLINE_CHAR", " ")))
            system = "\n".join(split_text(record["document"].replace("NEWLINE_CHAR", " "))[:12])
            assert ours.score(reference, system) == theirs.score(reference, system)
