from hypothesis import given, settings, strategies as st

from summarizer.config import DedupConfig
from summarizer.ingest.dedup import deduplicate, near_duplicate_pairs, normalize, shingles
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


# --- the vectorised shingles and pair finding against brute force -------------------

def brute_pairs(texts, kind, size, threshold):
    """Every pair (i < j) whose shingle sets (the reference :func:`shingles`) reach the
    Jaccard threshold, by comparing all pairs."""
    sets = [shingles(t, kind, size) for t in texts]
    out = []
    for i in range(len(sets)):
        for j in range(i + 1, len(sets)):
            inter = len(sets[i] & sets[j])
            union = len(sets[i]) + len(sets[j]) - inter
            if union and inter / union >= threshold:
                out.append((i, j))
    return out


# Invented sentences over a few short words (with accents and digits) so that shingles
# collide often, near-duplicates and short texts (shorter than one shingle) included.
token = st.sampled_from(["a", "ab", "abc", "the", "bridge", "café", "9", "x1", "Ünï", "of"])
sentence = st.lists(token, min_size=0, max_size=9).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(sentence, min_size=2, max_size=30), st.sampled_from(["char", "word"]),
       st.integers(1, 5), st.sampled_from([0.2, 0.45, 0.7, 1.0]))
def test_exact_jaccard_equals_brute_force(texts, kind, size, threshold):
    cfg = DedupConfig(method="jaccard", shingle=kind, shingle_size=size, threshold=threshold)
    assert near_duplicate_pairs(texts, cfg) == brute_pairs(texts, kind, size, threshold)


@settings(max_examples=40, deadline=None)
@given(st.lists(sentence, min_size=2, max_size=30), st.sampled_from([0.3, 0.45]))
def test_minhash_pairs_are_true_pairs(texts, threshold):
    cfg = DedupConfig(method="minhash", threshold=threshold)
    assert set(near_duplicate_pairs(texts, cfg)) <= set(brute_pairs(texts, "char", 4, threshold))


def test_keys_too_wide_to_pack_are_ranked_exactly():
    """Word 12-grams over 40 words do not fit 62 bits packed (41**12 > 2**62): the keys
    are built by ranking, and pairs still equal brute force."""
    import random

    rng = random.Random(5)
    vocab = [f"v{i}" for i in range(40)]
    texts = []
    for _ in range(60):
        words = [rng.choice(vocab) for _ in range(rng.randint(0, 20))]
        texts.append(" ".join(words))
        if words and rng.random() < 0.5:
            words[rng.randrange(len(words))] = "changed"
            texts.append(" ".join(words))
    cfg = DedupConfig(method="jaccard", shingle="word", shingle_size=12, threshold=0.3)
    want = brute_pairs(texts, "word", 12, 0.3)
    assert want and near_duplicate_pairs(texts, cfg) == want


def planted(n, seed=0):
    """n invented sentences of 12 words from 2,000, with edited copies planted."""
    import random

    rng = random.Random(seed)
    vocab = [f"word{i}" for i in range(2000)]
    texts = []
    while len(texts) < n:
        words = rng.sample(vocab, 12)
        texts.append(" ".join(words))
        for _ in range(rng.choice([0, 0, 1, 2])):
            copy = list(words)
            for _ in range(rng.randint(1, 3)):
                copy[rng.randrange(12)] = rng.choice(vocab)
            texts.append(" ".join(copy))
    return texts[:n]


def test_minhash_above_the_auto_limit_matches_exact_pairs():
    texts = planted(4000)
    exact = set(near_duplicate_pairs(texts, DedupConfig(method="jaccard")))
    auto = set(near_duplicate_pairs(texts, DedupConfig()))  # 4,000 > minhash_above: LSH
    assert auto <= exact
    assert len(auto) >= 0.95 * len(exact) > 500


def test_minhash_is_deterministic_and_seeded():
    texts = planted(1500, seed=2)
    a = near_duplicate_pairs(texts, DedupConfig(method="minhash"))
    assert a == near_duplicate_pairs(texts, DedupConfig(method="minhash"))
    b = near_duplicate_pairs(texts, DedupConfig(method="minhash", seed=9))
    exact = set(near_duplicate_pairs(texts, DedupConfig(method="jaccard")))
    assert set(b) <= exact and len(b) >= 0.9 * len(exact)


def test_deduplicate_large_cluster_collapses_planted_copies():
    texts = planted(5000, seed=4)
    sents = [Sentence(t, i % 7, i // 7) for i, t in enumerate(texts)]
    exact_units = deduplicate(sents, DedupConfig(method="jaccard"))
    lsh_units = deduplicate(sents, DedupConfig())
    # Never more merging than exact Jaccard; at most a few exact pairs missed.
    assert len(exact_units) <= len(lsh_units) <= len(exact_units) * 1.02
