"""Collapse copies of a sentence across (and within) articles into one Unit.

Three passes, each merging groups with a union-find:
1. exact: identical text after normalisation (case, punctuation, whitespace);
2. near: Jaccard similarity of word or character shingles >= ``threshold``. The
   shingles are exact integer keys computed with numpy over the normalised texts' code
   points (or word ids), never Python sets of strings. ``method``: ``jaccard`` is exact
   (a sparse shingle matrix times its transpose: every pair sharing a shingle, so
   quadratic, for small clusters); ``minhash`` proposes candidate pairs by MinHash LSH
   (one-permutation hashing with densification, banded as datasketch would band it;
   a bucket's candidates are capped so their number stays under bands x n x 32),
   screens them by signature agreement and keeps those whose exact Jaccard reaches the
   threshold: no false pair, a pair near the threshold may be missed (about 5% of the
   exact pairs on 30,000 Multi-News sentences, as with datasketch before); ``auto`` is
   ``jaccard`` up to ``minhash_above`` texts and ``minhash`` above;
3. paraphrase (optional): cosine of sentence embeddings >= ``paraphrase_threshold``.

The kept Unit's text is the group's first sentence in (article, position) order, and its
``support`` lists every (article, position) the group stands in, the representative first.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable, Iterable, Iterator, Sequence

import numpy as np
import scipy.sparse as sp

from ..config import DedupConfig
from ..documents import Sentence, Unit

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


_U64 = np.uint64
_PROBES = 24  # densification probes per empty bin before the circular fallback
_WINDOWS = 1 << 21  # shingle windows handled at once (~50 bytes each while in flight)


def _splitmix64(x: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser, elementwise with wrap-around: a fixed 64-bit mixer."""
    x = x.astype(_U64, copy=True)
    with np.errstate(over="ignore"):
        x += _U64(0x9E3779B97F4A7C15)
        x ^= x >> _U64(30)
        x *= _U64(0xBF58476D1CE4E5B9)
        x ^= x >> _U64(27)
        x *= _U64(0x94D049BB133111EB)
        x ^= x >> _U64(31)
    return x


def _token_ids(norms: Sequence[str], kind: str) -> tuple[np.ndarray, np.ndarray, int]:
    """The normalised texts as one flat array of token ids (>= 1), each text's length in
    tokens and the id base (largest id + 1): characters (numpy over the UTF-32 code
    points) for ``char`` shingles, words for ``word``."""
    if kind == "char":
        lengths = np.fromiter(map(len, norms), dtype=np.int64, count=len(norms))
        cp = np.frombuffer("".join(norms).encode("utf-32-le"), dtype=np.uint32)
        if not cp.size:
            return np.zeros(0, np.int64), lengths, 1
        present = np.zeros(int(cp.max()) + 1, dtype=np.int64)
        present[cp] = 1
        dense = np.cumsum(present)  # code point -> 1..A over the characters present
        return dense[cp], lengths, int(dense[-1]) + 1
    vocab: dict[str, int] = {}
    words = [t.split() for t in norms]
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    ids = np.fromiter((vocab.setdefault(w, len(vocab) + 1) for ws in words for w in ws),
                      dtype=np.int64, count=int(lengths.sum()))
    return ids, lengths, len(vocab) + 1


def _ranks(x: np.ndarray) -> np.ndarray:
    """Dense ranks of the values of x (equal values, equal rank), by one sort (numpy's
    hash-based ``unique`` is far slower on millions of int64)."""
    if not len(x):
        return np.zeros(0, dtype=np.int64)
    order = np.argsort(x, kind="stable")
    xs = x[order]
    step = np.empty(len(x), dtype=np.int64)
    step[0] = 0
    np.not_equal(xs[1:], xs[:-1], out=step[1:])
    out = np.empty(len(x), dtype=np.int64)
    out[order] = np.cumsum(step)
    return out


def _sorted_unique(x: np.ndarray) -> np.ndarray:
    x = np.sort(x)
    keep = np.ones(len(x), dtype=bool)
    keep[1:] = x[1:] != x[:-1]
    return x[keep]


class _Shingles:
    """Exact integer keys of the shingles of many normalised texts, vectorised.

    A shingle's key packs the ids of its ``size`` tokens in base A (A - 1 distinct
    tokens): no hashing, so equal keys are equal shingles. When A**size would not fit
    in 62 bits the keys are built one token at a time, ranking the partial keys. A text
    shorter than one shingle has a single window padded with id 0, so it equals only the
    same short text (as :func:`shingles` yields the text itself); an empty text has no
    shingle."""

    def __init__(self, norms: Sequence[str], kind: str, size: int):
        self.ids, self.lengths, self.base = _token_ids(norms, kind)
        self.size = size
        self.n = len(norms)
        self.starts = np.concatenate(([0], np.cumsum(self.lengths)[:-1])).astype(np.int64)
        self.nwin = np.where(self.lengths >= size, self.lengths - size + 1,
                             np.minimum(self.lengths, 1))
        self.packed = self.base ** size < 2**62
        self.space = self.base ** size if self.packed else None
        if not self.packed:  # rank once over everything, so keys agree across chunks
            sid, key = self._windows(0, self.n, rank=True)
            self._all = (sid, key)
            self.space = int(key.max()) + 1 if len(key) else 1

    def _windows(self, a: int, b: int, rank: bool = False) -> tuple[np.ndarray, np.ndarray]:
        if self.packed:
            return self._packed_windows(a, b)
        return self._general_windows(a, b, rank)

    def _packed_windows(self, a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
        """Keys of texts a..b-1 rolled over their flat token ids at once; texts shorter
        than one shingle are done apart (padded)."""
        size, base = self.size, self.base
        lo = int(self.starts[a]) if a < self.n else 0
        hi = int(self.starts[b - 1] + self.lengths[b - 1]) if b > a else lo
        ids = self.ids[lo:hi]
        length = max(len(ids) - size + 1, 0)
        key = np.zeros(length, dtype=np.int64)
        for q in range(size):
            key *= base
            key += ids[q:q + length]
        lengths = self.lengths[a:b]
        long = lengths >= size
        valid = np.zeros(length, dtype=bool)
        # Windows start at every position of a long text but its last size - 1.
        starts = self.starts[a:b][long] - lo
        delta = np.zeros(length + 1, dtype=np.int64)
        np.add.at(delta, starts, 1)
        np.add.at(delta, starts + lengths[long] - size + 1, -1)
        valid = np.cumsum(delta[:-1]) > 0
        sid = np.repeat(np.arange(a, b, dtype=np.int64)[long], self.nwin[a:b][long])
        key = key[valid]
        short = np.flatnonzero(~long & (lengths > 0)) + a
        if len(short):
            ssid, skey = self._general_windows_of(short)
            sid, key = np.concatenate([sid, ssid]), np.concatenate([key, skey])
        return sid, key

    def _general_windows(self, a: int, b: int, rank: bool = False) -> tuple[np.ndarray, np.ndarray]:
        return self._general_windows_of(np.arange(a, b, dtype=np.int64), rank)

    def _general_windows_of(self, texts: np.ndarray, rank: bool = False
                            ) -> tuple[np.ndarray, np.ndarray]:
        nwin = self.nwin[texts]
        total = int(nwin.sum())
        sid = np.repeat(texts, nwin)
        first = np.concatenate(([0], np.cumsum(nwin)[:-1]))
        pos = np.repeat(self.starts[texts] - first, nwin) + np.arange(total, dtype=np.int64)
        end = np.repeat(self.starts[texts] + self.lengths[texts], nwin)
        last = max(len(self.ids) - 1, 0)
        key = np.zeros(total, dtype=np.int64)
        for q in range(self.size):
            p = pos + q
            comp = np.where(p < end, self.ids[np.minimum(p, last)], 0) if len(self.ids) else 0
            if rank:
                key = _ranks(key * self.base + comp) if total else key
            else:
                key *= self.base
                key += comp
        return sid, key

    def chunks(self):
        """(text index, key) of every window, with repeats, a range of texts at a time."""
        if not self.packed:
            yield self._all
            return
        cum = np.cumsum(self.nwin)
        a = 0
        while a < self.n:
            base = cum[a - 1] if a else 0
            b = min(max(int(np.searchsorted(cum, base + _WINDOWS, side="right")), a + 1), self.n)
            yield self._windows(a, b)
            a = b

    def distinct(self, sid: np.ndarray, key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The (text, key) pairs without repeats, sorted by text then key."""
        if not len(sid):
            return sid, key
        if (int(sid.max()) + 1) * self.space < 2**62:
            comb = np.sort(sid * self.space + key)
            keep = np.ones(len(comb), dtype=bool)
            keep[1:] = comb[1:] != comb[:-1]
            comb = comb[keep]
            return comb // self.space, comb % self.space
        order = np.lexsort((key, sid))
        sid, key = sid[order], key[order]
        keep = np.ones(len(sid), dtype=bool)
        keep[1:] = (sid[1:] != sid[:-1]) | (key[1:] != key[:-1])
        return sid[keep], key[keep]

    def matrix(self, texts: np.ndarray | None = None) -> sp.csr_matrix:
        """Binary (texts x shingles) matrix, rows in the order of ``texts`` (default all),
        columns the distinct keys ranked so the matrix is no wider than they are."""
        rows = np.arange(self.n) if texts is None else np.asarray(texts, dtype=np.int64)
        want = np.zeros(self.n, dtype=bool)
        want[rows] = True
        sids, keys = [], []
        for sid, key in self.chunks():
            m = want[sid]
            s, k = self.distinct(sid[m], key[m])
            sids.append(s)
            keys.append(k)
        sid = np.concatenate(sids) if sids else np.zeros(0, np.int64)
        key = np.concatenate(keys) if keys else np.zeros(0, np.int64)
        cols = _ranks(key) if len(key) else key
        # Rows of ``texts`` in its order: relabel each text to its row.
        row_of = np.full(self.n, -1, dtype=np.int64)
        row_of[rows] = np.arange(len(rows))
        r = row_of[sid]
        order = np.argsort(r, kind="stable")
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(np.bincount(r, minlength=len(rows)), out=indptr[1:])
        width = int(cols.max()) + 1 if len(cols) else 1
        return sp.csr_matrix((np.ones(len(cols), dtype=np.float32), cols[order], indptr),
                             shape=(len(rows), width))


def _jaccard_pairs(sh: _Shingles, threshold: float, chunk: int = 4096) -> list[tuple[int, int]]:
    """All pairs (i < j) with Jaccard >= threshold, from the sparse shingle matrix
    (every pair sharing a shingle is computed: quadratic, for small clusters)."""
    A = sh.matrix()
    sizes = np.diff(A.indptr)
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
    return sorted(pairs)


def _signatures(sh: _Shingles, num_perm: int, seed: int) -> np.ndarray:
    """MinHash signatures (texts x num_perm, uint32) by one-permutation hashing (Li, Owen
    & Zhang 2012) with optimal densification (Shrivastava 2017).

    The bins are split into sketches of about 32; each shingle is hashed once per
    sketch, the hash picks a bin of that sketch and each bin keeps its smallest value. An
    empty bin copies the first non-empty bin of a probe sequence that depends only on the
    bin and the seed (so the same for every text). Two texts agree on a bin with
    probability about their Jaccard, as with ``num_perm`` independent MinHashes, at the
    cost of num_perm / 32 hashes per shingle instead of num_perm. A text with no shingle
    keeps every bin at the maximum."""
    P = num_perm
    top = np.uint32(0xFFFFFFFF)
    m = max(1, P // 32)
    edges = np.linspace(0, P, m + 1).astype(np.int64)  # sketch s owns bins edges[s]:edges[s+1]
    sig = np.full(sh.n * P, top, dtype=np.uint32)
    salts = _splitmix64(np.arange(seed * 1000 + 1, seed * 1000 + 2 + m, dtype=_U64))
    for sid, key in sh.chunks():
        base = sid * P
        k = key.astype(_U64)
        for s in range(m):
            h = _splitmix64(k ^ salts[s])
            width = _U64(edges[s + 1] - edges[s])
            slot = base + (((h >> _U64(32)) * width) >> _U64(32)).astype(np.int64) + edges[s]
            np.minimum.at(sig, slot, ((h & _U64(0xFFFFFFFF)) >> _U64(1)).astype(np.uint32))
    sig = sig.reshape(sh.n, P)
    has = sh.nwin > 0
    seq = np.arange(_PROBES * P, dtype=_U64).reshape(_PROBES, P)
    probes = (_splitmix64(seq ^ salts[m]) % _U64(P)).astype(np.int64)  # probe sequence per bin
    # A text reads donors from its own row only: rows are densified a block at a time, so
    # the empty bins of a million short sentences are never all held at once.
    for a in range(0, sh.n, _DENSIFY_ROWS):
        _densify(sig[a:a + _DENSIFY_ROWS], has[a:a + _DENSIFY_ROWS], probes, top)
    return sig


_DENSIFY_ROWS = 1 << 14


def _densify(sig: np.ndarray, has: np.ndarray, probes: np.ndarray, top) -> None:
    """Fill the empty bins of these rows of ``sig`` (a view) in place (see
    :func:`_signatures`)."""
    P = sig.shape[1]
    r, c = np.nonzero((sig == top) & has[:, None])
    done = []
    for attempt in range(_PROBES):
        if not len(r):
            break
        val = sig[r, probes[attempt, c]]
        ok = val != top
        done.append((r[ok], c[ok], val[ok]))
        r, c = r[~ok], c[~ok]
    if len(r):
        # Bins of texts with very few shingles still empty after _PROBES probes take the
        # next non-empty bin to the right instead (circularly; still text-independent).
        rows = np.unique(r)
        filled = sig[rows] != top
        idx = np.where(np.concatenate([filled, filled], axis=1), np.arange(2 * P), 2 * P)
        nxt = np.minimum.accumulate(idx[:, ::-1], axis=1)[:, ::-1][:, :P] % P
        where = np.searchsorted(rows, r)
        done.append((r, c, sig[r, nxt[where, c]]))
    # Donors are read from the undensified bins only, so the writes come last.
    for dr, dc, dv in done:
        sig[dr, dc] = dv


def _band_candidates(sig: np.ndarray, active: np.ndarray, bands: int, rows: int,
                     max_bucket: int):
    """Candidate pairs (as arrays of i * n + j, i < j) of texts whose signatures agree on
    all ``rows`` bins of at least one band, one band and distance at a time: fewer than
    n pairs each. A bucket of more than ``max_bucket`` + 1 texts gives only the pairs at
    most ``max_bucket`` apart in index order (union-find chains them), so candidates stay
    under bands x n x max_bucket (a pair may come from several bands)."""
    n = sig.shape[0]
    idx = np.flatnonzero(active)
    for band in range(bands):
        h = np.zeros(len(idx), dtype=_U64)
        for col in range(band * rows, (band + 1) * rows):
            h = _splitmix64(h ^ sig[idx, col].astype(_U64))
        order = np.argsort(h, kind="stable")
        hs, members = h[order], idx[order]
        for d in range(1, max_bucket + 1):
            same = np.flatnonzero(hs[d:] == hs[:-d])
            if not len(same):
                break
            yield members[same] * n + members[same + d]


def _lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) with bands * rows <= num_perm minimising the equally weighted areas
    of false positives (Jaccard below ``threshold`` yet colliding) and false negatives
    (above it, never colliding): the choice datasketch's MinHashLSH makes."""
    best, best_err = (1, 1), np.inf
    grid = np.linspace(0.0, 1.0, 4001)
    below, above = grid <= threshold, grid >= threshold
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            hit = 1.0 - (1.0 - grid ** r) ** b
            fp = np.trapezoid(hit[below], grid[below]) if below.sum() > 1 else 0.0
            fn = np.trapezoid(1.0 - hit[above], grid[above]) if above.sum() > 1 else 0.0
            if 0.5 * fp + 0.5 * fn < best_err:
                best, best_err = (b, r), 0.5 * fp + 0.5 * fn
    return best


class _Components:
    """Groups of texts joined by near-duplicate pairs, in numpy: each text's label is the
    smallest index of its group."""

    def __init__(self, n: int):
        self.label = np.arange(n, dtype=np.int64)

    def apart(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        return self.label[i] != self.label[j]

    def join(self, i: np.ndarray, j: np.ndarray) -> None:
        if not len(i):
            return
        from scipy.sparse.csgraph import connected_components

        touched, inv = np.unique(np.concatenate([self.label[i], self.label[j]]),
                                 return_inverse=True)
        k = len(touched)
        graph = sp.coo_matrix((np.ones(len(i)), (inv[:len(i)], inv[len(i):])), shape=(k, k))
        _, group = connected_components(graph, directed=False)
        smallest = np.full(group.max() + 1, len(self.label), dtype=np.int64)
        np.minimum.at(smallest, group, touched)
        relabel = np.arange(len(self.label), dtype=np.int64)
        relabel[touched] = smallest[group]
        self.label = relabel[self.label]


# Screened candidate pairs verified at once (the shingle matrix is built for their texts
# only): memory stays linear in the number of texts however many candidates a mass of
# near-copies proposes (up to bands x n x 32).
_VERIFY_AT_ONCE = 1 << 18


def _minhash_pairs(sh: _Shingles, threshold: float, num_perm: int, seed: int,
                   max_bucket: int = 32, screen: float = 0.2, batch: int = 1 << 16,
                   components: _Components | None = None) -> Iterator[np.ndarray]:
    """Near-duplicate pairs proposed by MinHash LSH, screened by their signatures and
    verified with the exact Jaccard of the shingle sets, all in numpy: arrays of
    i * n + j (i < j), a block at a time (a pair may come in several).

    The screen drops candidates whose signatures agree on fewer than (threshold -
    ``screen``) of the bins: at 128 bins the estimate's standard deviation is at most
    0.044, so a pair at the threshold fails the screen with probability about 1e-5, while
    the background pairs LSH proposes (Jaccard ~0.1 in news) go without an exact check.

    With ``components``, which the caller joins with each block before asking for the
    next, a candidate already inside one group is not checked: a mass of near-copies
    costs memory linear in their number."""
    # LSH is probabilistic: its banding aims a little below the target, so pairs just
    # above it are rarely missed.
    bands, rows = _lsh_bands(max(0.1, threshold - 0.1), num_perm)
    sig = _signatures(sh, num_perm, seed)
    need = max(threshold - screen, 0.0) * num_perm
    pending = np.zeros(0, np.int64)
    for codes in _band_candidates(sig, sh.nwin > 0, bands, rows, max_bucket):
        if components is not None:
            codes = codes[components.apart(codes // sh.n, codes % sh.n)]
        keep = np.zeros(len(codes), dtype=bool)
        for s in range(0, len(codes), batch):
            c = codes[s:s + batch]
            keep[s:s + batch] = np.count_nonzero(sig[c // sh.n] == sig[c % sh.n], axis=1) >= need
        pending = np.concatenate([pending, codes[keep]])
        while len(pending) >= _VERIFY_AT_ONCE:
            yield _verified(sh, pending[:_VERIFY_AT_ONCE], threshold, batch)
            pending = pending[_VERIFY_AT_ONCE:]
            if components is not None:
                pending = pending[components.apart(pending // sh.n, pending % sh.n)]
    del sig
    yield _verified(sh, pending, threshold, batch)


def _verified(sh: _Shingles, codes: np.ndarray, threshold: float, batch: int) -> np.ndarray:
    """The distinct pairs of ``codes`` (i * n + j) whose exact Jaccard reaches the
    threshold."""
    codes = _sorted_unique(codes)
    if not len(codes):
        return codes
    i, j = codes // sh.n, codes % sh.n
    texts = _sorted_unique(np.concatenate([i, j]))
    A = sh.matrix(texts)
    row = np.full(sh.n, -1, dtype=np.int64)
    row[texts] = np.arange(len(texts))
    ri, rj = row[i], row[j]
    sizes = np.diff(A.indptr).astype(np.float64)
    keep = np.zeros(len(i), dtype=bool)
    for s in range(0, len(i), batch):
        a, b = ri[s:s + batch], rj[s:s + batch]
        inter = np.asarray(A[a].multiply(A[b]).sum(axis=1)).ravel()
        keep[s:s + batch] = inter / np.maximum(sizes[a] + sizes[b] - inter, 1) >= threshold
    return codes[keep]


def _near_codes(norms: Sequence[str], config: DedupConfig,
                components: _Components | None = None) -> Iterable[np.ndarray]:
    """Near-duplicate pairs of ``norms`` as arrays of i * n + j, a block at a time (see
    :func:`_minhash_pairs` for ``components``)."""
    sh = _Shingles(norms, config.shingle, config.shingle_size)
    method = config.method
    if method == "auto":
        method = "minhash" if len(norms) > config.minhash_above else "jaccard"
    if method == "minhash":
        return _minhash_pairs(sh, config.threshold, config.num_perm, config.seed,
                              components=components)
    pairs = np.array(_jaccard_pairs(sh, config.threshold), dtype=np.int64).reshape(-1, 2)
    return [pairs[:, 0] * sh.n + pairs[:, 1]]


def near_duplicate_pairs(texts: Sequence[str], config: DedupConfig) -> list[tuple[int, int]]:
    """Index pairs (i < j, sorted) of near-duplicate texts under the config's shingles
    and threshold. ``jaccard`` (and ``auto`` up to ``minhash_above`` texts) is exact:
    every pair with Jaccard >= threshold. ``minhash`` finds candidates by LSH and keeps
    those whose exact Jaccard reaches the threshold: no false pair, a pair near the
    threshold may be missed."""
    n = len(texts)
    codes = _sorted_unique(np.concatenate(
        [np.zeros(0, np.int64), *_near_codes([normalize(t) for t in texts], config)]))
    return list(zip((codes // n).tolist(), (codes % n).tolist()))


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
        reps = sorted(first_of.values())
        if config.near and len(reps) > 1:
            norm_of = {i: k for k, i in first_of.items()}
            near = _Components(len(reps))
            for codes in _near_codes([norm_of[i] for i in reps], config, near):
                near.join(codes // len(reps), codes % len(reps))
            for a, b in enumerate(near.label.tolist()):
                if a != b:
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
