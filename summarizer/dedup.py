"""Collapse copies of a sentence across (and within) articles into one Unit.

Three passes, each merging groups with a union-find:
1. exact: identical text after normalisation (case, punctuation, whitespace);
2. near: Jaccard similarity of word or character shingles >= ``threshold``. Exact
   Jaccard over a sparse shingle matrix for small clusters; MinHash LSH (datasketch)
   proposes candidate pairs for large ones, which are then verified exactly;
3. paraphrase (optional): cosine of sentence embeddings >= ``paraphrase_threshold``.

The kept Unit's text is the group's first sentence in (article, position) order, and its
``support`` lists every (article, position) the group stands in, the representative first.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable, Sequence

import numpy as np
import scipy.sparse as sp

from .config import DedupConfig
from .documents import Sentence, Unit

_WORD = re.compile(r"\w+")


def normalize(text: str) -> str:
    """Case-, accent-, punctuation- and whitespace-insensitive key of a sentence."""
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(_WORD.findall(text))


def shingles(text: str, kind: str = "word", size: int = 3) -> set[str]:
    """Word n-grams or character n-grams of the normalised text. A text shorter than
    one shingle yields itself, so short sentences still compare."""
    norm = normalize(text)
    if kind == "char":
        if len(norm) <= size:
            return {norm} if norm else set()
        return {norm[i:i + size] for i in range(len(norm) - size + 1)}
    words = norm.split()
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def _shingle_matrix(sets: Sequence[set[str]]) -> sp.csr_matrix:
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, s in enumerate(sets):
        for g in s:
            rows.append(i)
            cols.append(vocab.setdefault(g, len(vocab)))
    data = np.ones(len(rows), dtype=np.float32)
    return sp.csr_matrix((data, (rows, cols)), shape=(len(sets), max(len(vocab), 1)))


def _jaccard_pairs(sets: Sequence[set[str]], threshold: float,
                   chunk: int = 4096) -> list[tuple[int, int]]:
    """All pairs (i < j) with Jaccard >= threshold, from a sparse shingle matrix."""
    A = _shingle_matrix(sets)
    sizes = np.asarray(A.sum(axis=1)).ravel()
    pairs: list[tuple[int, int]] = []
    for start in range(0, A.shape[0], chunk):
        inter = (A[start:start + chunk] @ A.T).tocoo()
        r = inter.row + start
        c = inter.col
        upper = c > r
        r, c, v = r[upper], c[upper], inter.data[upper]
        union = sizes[r] + sizes[c] - v
        keep = v / np.maximum(union, 1) >= threshold
        pairs.extend(zip(r[keep].tolist(), c[keep].tolist()))
    return pairs


def _minhash_pairs(sets: Sequence[set[str]], threshold: float, num_perm: int,
                   seed: int) -> list[tuple[int, int]]:
    """Near-duplicate pairs found by MinHash LSH and verified with exact Jaccard as they
    come, so memory stays proportional to the verified pairs, not the candidates."""
    from datasketch import MinHash, MinHashLSH
    from datasketch.hashfunc import sha1_hash32

    # LSH is probabilistic: query a little below the target so pairs just above it are
    # rarely missed (too far below, background overlap floods the buckets).
    lsh = MinHashLSH(threshold=max(0.1, threshold - 0.1), num_perm=num_perm)
    encoded = [[g.encode("utf-8") for g in s] for s in sets]
    hashes_of: dict[bytes, int] = {}
    for e in encoded:
        for g in e:
            if g not in hashes_of:
                hashes_of[g] = sha1_hash32(g)
    signatures = MinHash.bulk(encoded, num_perm=num_perm, seed=seed, hashfunc=hashes_of.__getitem__)
    pairs = []
    for i, m in enumerate(signatures):
        if not encoded[i]:
            continue
        for j in lsh.query(m):
            inter = len(sets[i] & sets[j])
            if inter / (len(sets[i]) + len(sets[j]) - inter) >= threshold:
                pairs.append((j, i))
        lsh.insert(i, m, check_duplication=False)
    return sorted(pairs)


def near_duplicate_pairs(texts: Sequence[str], config: DedupConfig) -> list[tuple[int, int]]:
    """Index pairs of near-duplicate texts under the config's shingles and threshold."""
    sets = [shingles(t, config.shingle, config.shingle_size) for t in texts]
    method = config.method
    if method == "auto":
        method = "minhash" if len(texts) > config.minhash_above else "jaccard"
    if method == "minhash":
        return _minhash_pairs(sets, config.threshold, config.num_perm, config.seed)
    return _jaccard_pairs(sets, config.threshold)


def deduplicate(sentences: Sequence[Sentence], config: DedupConfig = DedupConfig(),
                embed: Callable[[list[str]], np.ndarray] | None = None) -> list[Unit]:
    """Group copies and return one Unit per group, ordered by the representative's
    (article, position). ``embed`` maps texts to L2-normalised vectors and is needed only
    when ``config.paraphrase`` is on."""
    order = sorted(range(len(sentences)), key=lambda i: (sentences[i].article, sentences[i].position))
    sents = [sentences[i] for i in order]
    n = len(sents)
    uf = _UnionFind(n)
    if config.enabled and n:
        first_of: dict[str, int] = {}
        for i, s in enumerate(sents):
            key = normalize(s.text)
            if key in first_of:
                uf.union(first_of[key], i)
            else:
                first_of[key] = i
        reps = sorted(set(first_of.values()))
        if config.near and len(reps) > 1:
            for a, b in near_duplicate_pairs([sents[i].text for i in reps], config):
                uf.union(reps[a], reps[b])
        if config.paraphrase and len(reps) > 1:
            if embed is None:
                raise ValueError("paraphrase dedup needs an embedding function")
            vecs = embed([sents[i].text for i in reps])
            sims = vecs @ vecs.T
            ii, jj = np.nonzero(np.triu(sims >= config.paraphrase_threshold, k=1))
            for a, b in zip(ii.tolist(), jj.tolist()):
                uf.union(reps[a], reps[b])
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(uf.find(i), []).append(i)
    units = []
    for root in sorted(groups):
        members = groups[root]
        support = tuple((sents[i].article, sents[i].position) for i in members)
        units.append(Unit(text=sents[members[0]].text, support=support))
    return units
