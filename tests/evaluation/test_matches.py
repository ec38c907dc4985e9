"""summarizer.evaluation.matches: the n-grams a report highlights are the ones ROUGE
counts. Hits are checked against rouge-score (recall x the reference's n-gram count,
counted independently) and against the ROUGE-1.5.5 protocols' own scores, on random texts
with punctuation, case, repeats, accents, Greek and the protocols' length cuts."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rouge_score import rouge_scorer
from rouge_score.tokenize import tokenize as rs_tokenize

from summarizer.errors import InputError
from summarizer.evaluation.matches import highlight_note, match, match_cluster, tokens_of
from summarizer.evaluation.protocols import Protocol, cut, get_protocol, score
from summarizer.evaluation.rouge import UnicodeTokenizer
from summarizer.text import unicode_words

WORDS = ["The", "the", "cat", "CAT", "sat", "running", "runs", "ran", "don't", "U.S.",
         "state-of-the-art", "3.5", "42", "naïve", "café", "Café", "Ελλάδα", "ελλάδα",
         "straße", "İstanbul", "ﬁsh", "e\u0301te\u0301", "北京", "harbor", "bridge", "Bridge,",
         "(bridge)", "—", ".", "!", "were", "is"]
TEXTS = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)
# Lines of words (a ROUGE-1.5.5 line never starts with a space: the script counts a
# leading empty field as a word, which these texts leave out).
LINES = st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join),
                 max_size=4).map("\n".join)
PROPERTY = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def test_hits_and_marks_on_a_small_example():
    found = match_cluster("The cat sat. The cat ran, the CAT!", ["the cat sat on the mat"],
                          Protocol("p", ("rouge1", "rouge2"), "recall", stemming=False))
    uni, bi = found.matches[(0, 1)], found.matches[(0, 2)]
    # summary: the x3, cat x3, sat, ran; reference: the x2, cat, sat, on, mat
    assert (uni.hits, uni.reference_total, uni.summary_total) == (4, 6, 8)
    assert (bi.hits, bi.reference_total) == (2, 5)  # "the cat", "cat sat"
    shown = [found.summary.text[s:e] for s, e in found.summary.spans]
    assert shown == ["The", "cat", "sat", "The", "cat", "ran", "the", "CAT"]
    assert uni.summary_starts == (0, 1, 2, 3)  # the first k occurrences of each
    assert bi.summary_starts == (0, 1) and bi.reference_starts == (0, 1)
    assert found.note == ""


def test_the_cut_is_shown_as_not_scored():
    proto = Protocol("p", ("rouge1",), "recall", limit_words=3, cut_references=True)
    text = "Alpha  beta,\ngamma delta epsilon"
    toks = tokens_of(text, proto)
    assert toks.tokens == ("alpha", "beta", "gamma")
    assert text[toks.scored_end:] == " delta epsilon"
    assert tokens_of(text, proto, cut_it=False).scored_end == len(text)


def test_rouge155_marks_only_words_past_its_cut_as_not_scored():
    """Punctuation after the last word the script keeps is not "past the cut"."""
    text = "The bridge shut (after repairs)."
    assert tokens_of(text, get_protocol("duc-1.5.5")).scored_end == len(text)
    cut3 = Protocol("duc-1.5.5", ("rouge1",), "recall", engine="rouge155",
                    flags=get_protocol("duc-1.5.5").flags.replace("-l 100", "-l 3"))
    toks = tokens_of(text, cut3)
    assert len(toks.tokens) == 3 and text[toks.scored_end:] == "after repairs)."


def test_lowercasing_and_nfkc_that_change_lengths_still_place_tokens():
    text = "İstanbul ﬁsh café"
    rs = tokens_of(text, Protocol("p", ("rouge1",), "recall", stemming=False))
    assert rs.tokens == ("i", "stanbul", "sh", "caf")
    assert [text[s:e] for s, e in rs.spans] == ["İ", "stanbul", "sh", "caf"]
    uni = tokens_of(text, get_protocol("multiling"))
    assert uni.tokens == tuple(unicode_words(text))
    # "ﬁsh" is "fish" only after NFKC: the token highlights its whole word
    assert [text[s:e] for s, e in uni.spans] == ["İstanbul", "ﬁsh", "café"]


def _independent_total(text: str, n: int, tokenizer: str, stemming: bool) -> int:
    if tokenizer == "unicode":
        count = len(unicode_words(text))
    else:
        from nltk.stem import porter

        count = len(rs_tokenize(text, porter.PorterStemmer() if stemming else None))
    return max(0, count - n + 1)


def _rouge_score_hits(summary: str, reference: str, proto: Protocol, n: int) -> int:
    """rouge-score's recall x the reference's n-gram count, on the protocol's cuts."""
    ref = cut(reference, proto) if proto.cut_references else reference
    options = ({"tokenizer": UnicodeTokenizer()} if proto.tokenizer == "unicode"
               else {"use_stemmer": proto.stemming})
    scorer = rouge_scorer.RougeScorer([f"rouge{n}"], **options)
    recall = scorer.score(ref, cut(summary, proto))[f"rouge{n}"].recall
    return round(recall * _independent_total(ref, n, proto.tokenizer, proto.stemming))


PROTOCOLS = [get_protocol("duc"), get_protocol("multinews"), get_protocol("multiling"),
             Protocol("short", ("rouge1", "rouge2"), "recall", limit_words=7,
                      cut_references=True, stemming=False),
             Protocol("short-unicode", ("rouge1", "rouge2"), "recall", limit_words=9,
                      tokenizer="unicode", stemming=False),
             Protocol("bytes", ("rouge1", "rouge2"), "recall", limit_bytes=30)]


@pytest.mark.parametrize("proto", PROTOCOLS, ids=lambda p: p.name)
@PROPERTY
@given(summary=TEXTS, refs=st.lists(TEXTS, min_size=1, max_size=3))
def test_hits_equal_rouge_score_recall_times_reference_ngrams(proto, summary, refs):
    found = match_cluster(summary, refs, proto)
    for j, ref in enumerate(refs):
        for n in (1, 2):
            m = found.matches[(j, n)]
            assert m.hits == _rouge_score_hits(summary, ref, proto, n)
            assert m.reference_total == _independent_total(
                cut(ref, proto) if proto.cut_references else ref, n, proto.tokenizer,
                proto.stemming)
            assert len(m.summary_starts) == len(m.reference_starts) == m.hits
    _check_places(found.summary)


def _check_places(toks) -> None:
    """Spans lie inside the scored part, in order: each after the one before, or the
    same place (tokens of one word that could not be told apart)."""
    before = (0, 0)
    for span in toks.spans:
        assert 0 <= span[0] < span[1] <= toks.scored_end <= len(toks.text)
        assert span[0] >= before[1] or span == before
        before = span


@PROPERTY
@given(summary=TEXTS, refs=st.lists(TEXTS, min_size=1, max_size=3))
def test_protocol_scores_are_the_mean_of_hits_over_references(summary, refs):
    """protocols.score (what the report holds) against the hits, reference by reference."""
    proto = Protocol("short", ("rouge1", "rouge2"), "recall", limit_words=12,
                     cut_references=True)
    try:
        scores = score(summary, refs, proto)
    except InputError:  # a text the tokenizer cannot read is refused, not scored
        assume(False)
    found = match_cluster(summary, refs, proto)
    for n in (1, 2):
        recalls = [m.hits / m.reference_total if m.reference_total else 0.0
                   for (j, k), m in found.matches.items() if k == n]
        assert scores[f"rouge{n}"] == pytest.approx(100 * sum(recalls) / len(refs))


@pytest.mark.parametrize("name", ["duc-1.5.5", "multinews-1.5.5", "multiling-1.5.5"])
@PROPERTY
@given(summary=LINES, ref=LINES)
def test_hits_equal_rouge155_on_its_own_tokens(name, summary, ref):
    proto = get_protocol(name)
    if name == "duc-1.5.5":  # make the -l cut bite on these short texts
        proto = Protocol(proto.name, proto.metrics, proto.measure, engine="rouge155",
                         flags=proto.flags.replace("-l 100", "-l 9"))
    recall_of = Protocol(proto.name, proto.metrics, "recall", engine="rouge155",
                         flags=proto.flags)
    try:
        scores = score(summary, [ref], recall_of)
    except InputError:
        assume(False)
    found = match_cluster(summary, [ref], proto)
    assert found.note == ""
    words = int(re.search(r"-l (\d+)", proto.flags).group(1)) if "-l" in proto.flags else None
    for n in (1, 2):
        m = found.matches[(0, n)]
        runs = re.findall("[A-Za-z0-9]+", " ".join(
            ref.encode("utf-8").decode("latin-1").split()[:words]))
        assert m.reference_total == max(0, len(runs) - n + 1)
        assert m.hits == round(scores[f"rouge{n}"] / 100 * m.reference_total)
        assert len(m.summary_starts) == len(m.reference_starts) == m.hits


def test_rouge155_flags_it_cannot_read_are_stated():
    proto = Protocol("odd", ("rouge1",), "recall", engine="rouge155",
                     flags="-n 2 -s -m -l 100 -c 95 -r 1 -f A")
    note = highlight_note(proto)
    assert "follows rouge-score's tokens" in note
    assert match_cluster("The cat sat.", ["A cat sat."], proto).note == note
    assert all(highlight_note(get_protocol(p)) == "" for p in
               ("duc-1.5.5", "tac-1.5.5", "multinews-1.5.5", "multiling-1.5.5"))


def test_match_is_symmetric_in_its_hits():
    proto = Protocol("p", ("rouge1",), "recall")
    a, b = tokens_of("a b a c a", proto), tokens_of("a a b b", proto)
    ab, ba = match(a, b, 1), match(b, a, 1)
    assert ab.hits == ba.hits == 3
    assert ab.summary_starts == ba.reference_starts == (0, 1, 2)
