from hypothesis import given, settings, strategies as st

from summarizer.config import DedupConfig
from summarizer.dedup import deduplicate, near_duplicate_pairs, normalize, shingles
from summarizer.documents import Sentence

BASE = "The council approved a budget of nine million dollars for the new library on Tuesday."


def test_normalize_ignores_case_punctuation_space():
    assert normalize("  Hello,   WORLD!  ") == normalize("hello world") == "hello world"


def test_shingles_short_text_is_itself():
    assert shingles("Two words", size=3) == {"two words"}
    assert len(shingles(BASE, size=3)) == len(normalize(BASE).split()) - 2


def test_exact_copies_collapse_with_support():
    s = [Sentence(BASE, 0, 2), Sentence("Something different happened in another town.", 1, 0),
         Sentence(BASE.upper(), 1, 4)]
    units = deduplicate(s)
    assert len(units) == 2
    assert units[0].text == BASE and units[0].support == ((0, 2), (1, 4))


def test_near_copies_collapse_across_three_articles():
    s = [Sentence(BASE, 0, 0),
         Sentence(BASE.replace("on Tuesday", "Tuesday"), 1, 3),
         Sentence(BASE.replace("nine million", "9 million"), 2, 1),
         Sentence("A different sentence about the weather in the valley today.", 2, 0)]
    units = deduplicate(s)
    assert [u.support for u in units] == [((0, 0), (1, 3), (2, 1)), ((2, 0),)]
    assert units[0].n_articles == 3


def test_near_off_keeps_near_copies_apart():
    s = [Sentence(BASE, 0, 0), Sentence(BASE.replace("on Tuesday", "Tuesday"), 1, 0)]
    assert len(deduplicate(s, DedupConfig(near=False))) == 2
    assert len(deduplicate(s, DedupConfig(enabled=False))) == 2


def test_minhash_agrees_with_exact_jaccard():
    import random

    rng = random.Random(3)
    vocab = [f"w{i}" for i in range(300)]
    texts = []
    for _ in range(150):
        words = rng.sample(vocab, 20)
        texts.append(" ".join(words))
        if rng.random() < 0.3:
            words = list(words)
            words[rng.randrange(20)] = "edit"
            texts.append(" ".join(words))
    exact = set(near_duplicate_pairs(texts, DedupConfig(method="jaccard", threshold=0.6)))
    approx = set(near_duplicate_pairs(texts, DedupConfig(method="minhash", threshold=0.6)))
    assert approx <= exact
    assert len(approx) >= 0.9 * len(exact) > 0


def test_paraphrase_pass_uses_embeddings():
    import numpy as np

    s = [Sentence("The mayor resigned on Friday.", 0, 0),
         Sentence("On Friday the town's leader quit her post.", 1, 0),
         Sentence("Rain is expected all weekend.", 1, 1)]

    def embed(texts):
        vecs = {"The mayor resigned on Friday.": [1, 0], "On Friday the town's leader quit her post.": [0.96, 0.28],
                "Rain is expected all weekend.": [0, 1]}
        return np.array([vecs[t] for t in texts], dtype=float)

    units = deduplicate(s, DedupConfig(paraphrase=True, paraphrase_threshold=0.9), embed=embed)
    assert [u.support for u in units] == [((0, 0), (1, 0)), ((1, 1),)]


words = st.text(alphabet="abcde ", min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(words, st.integers(0, 3)), min_size=1, max_size=25))
def test_every_sentence_is_supported_exactly_once(items):
    sents = []
    counters = {}
    for text, art in items:
        pos = counters.get(art, 0)
        counters[art] = pos + 1
        sents.append(Sentence(text, art, pos))
    units = deduplicate(sents)
    support = [p for u in units for p in u.support]
    assert sorted(support) == sorted((s.article, s.position) for s in sents)
    origin = {(s.article, s.position): s.text for s in sents}
    for u in units:
        assert origin[u.support[0]] == u.text
