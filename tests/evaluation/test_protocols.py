"""ROUGE protocols: hand-computed tiny cases, equality with direct rouge-score calls on the
same strings, the length cuts (100 words, 300 words, bytes), multi-reference averaging."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from rouge_score import rouge_scorer

from evalkit import CLUSTERS
from summarizer.config import EvaluateConfig
from summarizer.errors import ConfigError, InputError
from summarizer.evaluation.protocols import (
    PROTOCOLS,
    cut_bytes,
    cut_words,
    get_protocol,
    score,
)

DUC, TAC, MULTINEWS = PROTOCOLS["duc"], PROTOCOLS["tac"], PROTOCOLS["multinews"]


def custom(**kw):
    return get_protocol("custom", EvaluateConfig(protocol="custom", **kw))


def sentences_of(record: dict) -> list[str]:
    return [s for d in record["documents"] for s in d["text"].split("\n")]


def first_words(text: str, n: int) -> str:
    return " ".join(text.split()[:n])


# --------------------------------------------------------------- hand-computed cases


def test_golden_identical_length_one_word_changed():
    # ref unigrams: the x2, cat, sat, on, mat; the summary shares 5 of its 6.
    # ref bigrams: the-cat cat-sat sat-on on-the the-mat; shared: the-cat on-the the-mat.
    ref, summ = "the cat sat on the mat", "the cat lay on the mat"
    assert score(summ, [ref], DUC) == pytest.approx({"rouge1": 500 / 6, "rouge2": 60.0})
    f = score(summ, [ref], custom(metrics=["rouge1", "rouge2"], measure="fmeasure"))
    assert f == pytest.approx({"rouge1": 500 / 6, "rouge2": 60.0})


def test_golden_precision_recall_f_differ():
    # 7 reference tokens, 4 summary tokens, all 4 in the reference.
    # Bigrams: reference 6, summary 3 (the-old old-bridge bridge-closed), 2 shared.
    ref = "Police closed the old bridge on Friday."
    summ = "The old bridge closed"
    args = dict(metrics=["rouge1", "rouge2"], limit_words=None)
    assert score(summ, [ref], custom(measure="recall", **args)) == pytest.approx(
        {"rouge1": 100 * 4 / 7, "rouge2": 100 * 2 / 6})
    assert score(summ, [ref], custom(measure="precision", **args)) == pytest.approx(
        {"rouge1": 100.0, "rouge2": 100 * 2 / 3})
    assert score(summ, [ref], custom(measure="fmeasure", **args)) == pytest.approx(
        {"rouge1": 100 * 8 / 11, "rouge2": 100 * 4 / 9})


def test_golden_clipped_counts():
    # "the" appears 3 times in the reference, twice in the summary: 2 count, not 3.
    r = score("the the dog", ["the the the cat"], custom(metrics=["rouge1"], measure="recall"))
    assert r == pytest.approx({"rouge1": 50.0})


def test_golden_stemming_on_and_off():
    # Porter stemming maps cats->cat and running/runs->run; without it nothing matches.
    assert score("cat runs", ["cats running"], DUC) == pytest.approx(
        {"rouge1": 100.0, "rouge2": 100.0})
    plain = custom(metrics=["rouge1"], measure="recall", stemming=False)
    assert score("cat runs", ["cats running"], plain) == {"rouge1": 0.0}


def test_golden_case_and_punctuation_ignored():
    assert score("THE BRIDGE, REOPENED!", ["the bridge reopened"], DUC) == pytest.approx(
        {"rouge1": 100.0, "rouge2": 100.0})


def test_multi_reference_is_the_mean_not_the_max():
    summ = "the dam was repaired in six weeks"
    same, disjoint = summ, "farmers fear a poor apple harvest"
    assert score(summ, [same], DUC)["rouge1"] == pytest.approx(100.0)
    assert score(summ, [disjoint], DUC)["rouge1"] == 0.0
    assert score(summ, [same, disjoint], DUC) == pytest.approx({"rouge1": 50.0, "rouge2": 50.0})
    # Three references: (100 + 0 + 4/7*100) / 3 for R-1 (4 of the 7 words in the third).
    third = "repairs to the dam took six months"
    r1 = score(summ, [same, disjoint, third], DUC)["rouge1"]
    # tokens of summ: the dam was repair in six week; third: repair to the dam took six month
    # shared with the third (stemmed): the, dam, repair, six -> 4 of the third's 7 tokens.
    assert r1 == pytest.approx((100 + 0 + 100 * 4 / 7) / 3)


def test_scoring_without_references_is_an_input_error():
    with pytest.raises(InputError, match="reference"):
        score("anything at all", [], DUC)


def test_empty_summary_scores_zero():
    assert score("", ["the bridge reopened on monday"], DUC) == {"rouge1": 0.0, "rouge2": 0.0}


# --------------------------------------------------------------- equality with rouge-score


def test_duc_equals_direct_rouge_score_with_both_sides_cut_to_100_words():
    rec = CLUSTERS[0]
    summary = "\n".join(sentences_of(rec))  # ~200 words, one sentence per line
    refs = [rec["references"][0]["text"] + " " + rec["references"][1]["text"],
            " ".join(sentences_of(CLUSTERS[1])[:9]),
            "A short reference about the Millbrook library fire and its wiring."]
    assert len(summary.split()) > 100 and all(len(r.split()) > 100 for r in refs[:2])
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    direct = [scorer.score(first_words(r, 100), first_words(summary, 100)) for r in refs]
    expected = {m: 100 * sum(d[m].recall for d in direct) / len(direct)
                for m in ("rouge1", "rouge2")}
    assert score(summary, refs, DUC) == pytest.approx(expected, abs=1e-9)
    # The reference cut matters: with whole references the numbers differ.
    uncut = [scorer.score(r, first_words(summary, 100)) for r in refs]
    assert 100 * sum(d["rouge1"].recall for d in uncut) / 3 != pytest.approx(expected["rouge1"])


def test_duc_ignores_words_after_the_100th():
    base = " ".join(f"w{i}" for i in range(100))
    ref = "flood bridge closed"
    assert score(base + " flood bridge closed", [ref], DUC) == {"rouge1": 0.0, "rouge2": 0.0}
    assert score(" ".join(base.split()[:97]) + " flood bridge closed", [ref], DUC) == \
        pytest.approx({"rouge1": 100.0, "rouge2": 100.0})


def test_duc_cuts_references_to_100_words_too():
    # The matching words sit after word 100 of the reference: cut away, so recall is 0;
    # a reference cut would also change the denominator to 100 tokens.
    filler = " ".join(f"z{i}" for i in range(100))
    ref = filler + " flood bridge closed"
    assert score("flood bridge closed", [ref], DUC)["rouge1"] == 0.0
    assert score("z0 z1", [ref], DUC)["rouge1"] == pytest.approx(2.0)  # 2 of 100


def test_tac_cuts_at_250_words():
    base = " ".join(f"w{i}" for i in range(250))
    assert score(base + " flood", ["flood"], TAC)["rouge1"] == 0.0
    assert score(" ".join(base.split()[:249]) + " flood", ["flood"], TAC)["rouge1"] == 100.0


def test_multinews_equals_direct_rouge_score_lsum_with_split_sentences():
    summary_sents = sentences_of(CLUSTERS[0]) + sentences_of(CLUSTERS[1]) + \
        sentences_of(CLUSTERS[2])
    summary = " ".join(summary_sents)  # one paragraph, ~420 words
    ref_sents = sentences_of(CLUSTERS[2]) + sentences_of(CLUSTERS[3]) + sentences_of(CLUSTERS[1])
    reference = " ".join(ref_sents)  # longer than 300 words: must not be cut
    assert len(summary.split()) > 300 and len(reference.split()) > 300
    # The first 300 words of the summary, one sentence per line (last one cut mid-way).
    lines, left = [], 300
    for s in summary_sents:
        words = s.split()
        lines.append(" ".join(words[:left]))
        left -= min(left, len(words))
        if not left:
            break
    assert sum(len(x.split()) for x in lines) == 300
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    direct = scorer.score("\n".join(ref_sents), "\n".join(lines))
    expected = {m: 100 * direct[m].fmeasure for m in ("rouge1", "rouge2", "rougeLsum")}
    assert score(summary, [reference], MULTINEWS) == pytest.approx(expected, abs=1e-9)
    # Sentence splitting matters for Lsum: without it rouge-score sees one long "sentence".
    unsplit = scorer.score(reference, first_words(summary, 300))
    assert 100 * unsplit["rougeLsum"].fmeasure != pytest.approx(expected["rougeLsum"])
    # ... and the reference was not cut: cutting it changes R-1.
    cut_ref = scorer.score("\n".join(ref_sents), "\n".join(lines))
    assert cut_ref["rouge1"].fmeasure * 100 == pytest.approx(expected["rouge1"])
    short_ref = scorer.score(first_words(reference, 300), "\n".join(lines))
    assert short_ref["rouge1"].fmeasure * 100 != pytest.approx(expected["rouge1"])


def test_custom_bytes_cut_and_precision_equal_direct_rouge_score():
    proto = custom(metrics=["rouge1", "rougeL"], measure="precision", limit_words=None,
                   limit_bytes=30)
    summary = "Flood water reached the café on Main Street, then the school."
    # "Flood water reached the caf" is 27 bytes, "é" takes bytes 28-29, " " is byte 30.
    assert cut_bytes(summary, 30) == "Flood water reached the café "
    assert cut_bytes(summary, 28) == "Flood water reached the caf"
    ref = "The school and the café were flooded."
    scorer = rouge_scorer.RougeScorer(["rouge1", "rougeL"], use_stemmer=True)
    direct = scorer.score(ref, "Flood water reached the café ")
    assert score(summary, [ref], proto) == pytest.approx(
        {"rouge1": 100 * direct["rouge1"].precision, "rougeL": 100 * direct["rougeL"].precision})
    # Hand count: summary tokens flood water reach the caf (5; the tokenizer drops "é");
    # the reference holds "flood" (flooded, stemmed), "the" and "caf": precision 3/5.
    assert score(summary, [ref], proto)["rouge1"] == pytest.approx(60.0)


def test_custom_truncate_references_flag():
    ref = "one two three four five six seven eight nine ten"
    cut_refs = custom(metrics=["rouge1"], measure="recall", limit_words=5,
                      truncate_references=True)
    whole_refs = custom(metrics=["rouge1"], measure="recall", limit_words=5)
    assert score("one two three four five", [ref], cut_refs)["rouge1"] == pytest.approx(100.0)
    assert score("one two three four five", [ref], whole_refs)["rouge1"] == pytest.approx(50.0)


# --------------------------------------------------------------- the cuts


def test_cut_words_keeps_line_breaks():
    text = "The dam cracked.\nWater was rationed at once.\n\nRepairs began."
    assert cut_words(text, 5) == "The dam cracked.\nWater was"
    assert cut_words(text, 7) == "The dam cracked.\nWater was rationed at"
    assert cut_words(text, 100) == "The dam cracked.\nWater was rationed at once.\nRepairs began."
    assert cut_words(text, None) == text


def test_cut_bytes_never_splits_a_character():
    text = "naïve 🚒 über"
    raw = text.encode("utf-8")
    for limit in range(1, len(raw) + 2):
        out = cut_bytes(text, limit)
        assert text.startswith(out)
        assert len(out.encode("utf-8")) <= limit
        assert len(out.encode("utf-8")) > min(limit, len(raw)) - 4  # at most one char lost
    assert cut_bytes(text, 3) == "na"  # "ï" is bytes 3-4
    assert cut_bytes(text, 9) == "naïve "  # the fire engine is 4 bytes (8-11)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab é\n\t\r\u2028\x0b")), max_size=60)
       | st.text(max_size=60), st.integers(min_value=1, max_value=30))
def test_cut_words_property(text, n):
    """Whitespace words, except that an ideograph or kana is a word of its own."""
    from summarizer.text import word_count

    out = cut_words(text, n)
    assert word_count(out) <= n
    assert "".join(text.split()).startswith("".join(out.split()))
    if word_count(text) <= n:  # nothing to cut
        assert "".join(out.split()) == "".join(text.split())
    from summarizer.text import _UNSPACED_CHAR

    if not _UNSPACED_CHAR.search(text):  # no ideograph, kana or Thai letter
        assert out.split() == text.split()[:n]


def test_cut_words_counts_each_ideograph():
    assert cut_words("北京今天下雨。\nabc def", 3) == "北京今"
    assert cut_words("東京2020年 ok", 4) == "東京2020年"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.integers(min_value=1, max_value=60))
def test_cut_bytes_property(text, n):
    out = cut_bytes(text, n)
    raw = out.encode("utf-8")
    assert len(raw) <= n and text.startswith(out)
    assert len(raw) >= min(n, len(text.encode("utf-8"))) - 3


# --------------------------------------------------------------- protocol lookup


def test_named_protocols_are_fixed():
    assert (DUC.metrics, DUC.measure, DUC.limit_words, DUC.cut_references) == (
        ("rouge1", "rouge2"), "recall", 100, True)
    assert (MULTINEWS.metrics, MULTINEWS.measure, MULTINEWS.limit_words,
            MULTINEWS.cut_references) == (("rouge1", "rouge2", "rougeLsum"), "fmeasure", 300, False)
    # A named protocol ignores the config: its numbers must compare across runs.
    assert get_protocol("duc", EvaluateConfig(metrics=["rougeL"], limit_words=7)) is DUC
    assert DUC.key() != TAC.key()


@pytest.mark.parametrize("metrics", [["rouge1", "rouge9"], ["bleu"], []])
def test_custom_with_bad_metrics_is_a_config_error(metrics):
    with pytest.raises(ConfigError, match="evaluate.metrics"):
        get_protocol("custom", EvaluateConfig(protocol="custom", metrics=metrics))


def test_unknown_protocol_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown protocol"):
        get_protocol("rouge-1.5.5")


@pytest.mark.parametrize("field", ["limit_words", "limit_bytes"])
@pytest.mark.parametrize("value", [0, -5])
def test_custom_with_a_non_positive_limit_is_a_config_error(field, value):
    from summarizer.config import load_config

    with pytest.raises(ConfigError, match=f"evaluate.{field}"):
        load_config(None, ["evaluate.protocol=custom", f"evaluate.{field}={value}"])
