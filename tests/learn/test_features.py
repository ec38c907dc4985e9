"""The trained ranker's inputs: the pipeline's candidates (what every method sees), the
feature matrix read from them, and the labels read from the references."""

from __future__ import annotations

import numpy as np
import pytest

from summarizer.config import Config
from summarizer.documents import Article, Cluster
from summarizer.errors import InputError
from summarizer.evaluation.protocols import PROTOCOLS
from summarizer.learn import FEATURES, LABEL, feature_matrix, unit_labels
from summarizer.learn.features import DESCRIPTIONS
from summarizer.learn.labels import rouge_recalls
from summarizer.pipeline import Pipeline

COL = {name: i for i, name in enumerate(FEATURES)}


def _matrix(cluster, config=None):
    found = Pipeline(config or Config()).candidates(cluster)
    return found, feature_matrix(found.ctx)


def test_candidates_are_what_extract_chooses_from(tiny_cluster):
    pipe = Pipeline(Config())
    found = pipe.candidates(tiny_cluster)
    summary, ranked = pipe.extract(tiny_cluster)
    assert found.units and found.X.shape[0] == len(found.units) == len(found.ctx.lengths)
    assert sorted(u.text for u in ranked) == sorted(u.text for u in found.units)
    assert {s.unit.text for s in summary.sentences} <= {u.text for u in found.units}
    assert found.prepared.cluster is tiny_cluster and not found.dropped_units


def test_matrix_shape_finite_deterministic_and_documented(tiny_cluster):
    found, F = _matrix(tiny_cluster)
    assert F.shape == (len(found.units), len(FEATURES)) and F.dtype == np.float64
    assert np.isfinite(F).all()
    np.testing.assert_array_equal(F, _matrix(tiny_cluster)[1])
    assert list(DESCRIPTIONS) == list(FEATURES) and all(DESCRIPTIONS.values())
    # scores made comparable across clusters: each has a maximum of 1
    for name in ("lexrank", "textrank", "length_share", "term_sum"):
        assert F[:, COL[name]].max() == pytest.approx(1.0), name
    # the sentence in all three articles (deduplicated into one unit) has full support
    flood = next(i for i, u in enumerate(found.units) if u.text.startswith("Heavy rain"))
    assert F[flood, COL["support"]] == pytest.approx(1.0)
    assert F[:, COL["support"]].min() == pytest.approx(1 / 3)
    assert not F[:, COL["query"]].any()  # no query


def test_position_features_follow_the_sentence_order():
    text = "\n".join([
        "The council approved the new harbour plan on Monday evening.",
        "Fishermen had asked for a longer pier for many years.",
        "Builders expect the work to start before the summer season.",
        "A local bank will lend most of the money at a low rate.",
        "Several shops near the quay hope to attract more visitors."])
    other = ("Visitors to the old lighthouse will pay a small fee from next month.\n"
             "The money will repair the stairs and the lamp room.")
    cluster = Cluster("order", [Article("a", text), Article("b", other)])
    found, F = _matrix(cluster)
    first = [i for i, u in enumerate(found.units) if u.article == 0]
    assert [found.units[i].position for i in first] == [0, 1, 2, 3, 4]
    position = F[first, COL["position"]]
    assert (np.diff(position) < 0).all() and position[0] == 1.0
    assert (np.diff(F[first, COL["relative_position"]]) > 0).all()
    assert F[first, COL["first_sentence"]].tolist() == [1, 0, 0, 0, 0]
    other = next(i for i, u in enumerate(found.units) if u.article == 1)
    assert F[other, COL["article_order"]] == 0.5 and F[first[0], COL["article_order"]] == 0


def test_a_query_changes_only_the_query_feature(tiny_cluster):
    _, plain = _matrix(tiny_cluster)
    found, asked = _matrix(tiny_cluster, Config().with_overrides([("query.text",
                                                                   "insurance damage cost")]))
    q = COL["query"]
    assert found.ctx.query is not None and asked[:, q].max() == 1.0
    assert not plain[:, q].any()
    np.testing.assert_array_equal(np.delete(plain, q, axis=1), np.delete(asked, q, axis=1))


def test_one_sentence_cluster_is_finite():
    text = ("On Tuesday the council of the small coastal town met for 3 hours and agreed "
            "to repair the old harbour wall before the winter storms arrive.")
    found, F = _matrix(Cluster("one", [Article("a", text)]))
    assert len(found.units) == 1
    assert F.shape == (1, len(FEATURES)) and np.isfinite(F).all()
    assert F[0, COL["has_number"]] == 1 and F[0, COL["has_quote"]] == 0


def test_labels_by_hand():
    """Tokens (rouge-score, stemmed): reference 1 'the cat sat', reference 2 'a cat sat
    on a mat'. Unit 0 'the cat sat on the mat': ROUGE-1 recall 3/3 and 4/6, ROUGE-2 recall
    2/2 (the cat, cat sat) and 2/5 (cat sat, sat on); averaged over the references."""
    texts = ["The cat sat on the mat.", "Dogs bark."]
    refs = ["The cat sat.", "A cat sat on a mat."]
    got = rouge_recalls(texts, refs, PROTOCOLS["duc"])
    np.testing.assert_allclose(got, [[(1 + 4 / 6) / 2, (1 + 2 / 5) / 2], [0, 0]])
    # the label: their sum x100 per word of the unit (6 words and 2)
    np.testing.assert_allclose(unit_labels(texts, refs, PROTOCOLS["duc"]),
                               100 * got.sum(axis=1) / [6, 2])
    assert "ROUGE-1 + ROUGE-2 recall" in LABEL and "per word" in LABEL


def test_labels_in_a_script_the_protocol_cannot_read_use_unicode_words():
    """Greek under the English duc protocol (which keeps [a-z0-9] only): Unicode words.
    Reference 'η γάτα κάθεται εδώ': unit 'Η γάτα κάθεται.' has 3 of its 4 words and 2 of
    its 3 bigrams."""
    got = rouge_recalls(["Η γάτα κάθεται.", "Άλλο θέμα."], ["Η γάτα κάθεται εδώ."],
                        PROTOCOLS["duc"])
    np.testing.assert_allclose(got, [[3 / 4, 2 / 3], [0, 0]])


def test_labels_need_references():
    with pytest.raises(InputError, match="no reference"):
        unit_labels(["A sentence."], [], PROTOCOLS["duc"])
