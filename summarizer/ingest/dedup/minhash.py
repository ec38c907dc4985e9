"""MinHash LSH candidate proposal for clusters too large to compare every pair:
one-permutation signatures with densification, banded as datasketch would band them,
screened by signature agreement, then verified by exact Jaccard (:mod:`.jaccard`)."""

from __future__ import annotations

from typing import Iterator

import numpy as np

from .groups import _Components
from .jaccard import _verified
from .shingle_keys import _Shingles

_U64 = np.uint64
_PROBES = 24  # densification probes per empty bin before the circular fallback


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
