"""The near pass: pairs of sentences whose shingle sets have Jaccard >= the threshold,
exactly (:mod:`.jaccard`) for small clusters and by MinHash LSH (:mod:`.minhash`) for
large ones."""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np

from ...config import DedupConfig
from .groups import _Components
from .jaccard import _jaccard_pairs
from .minhash import _minhash_pairs
from .normal_form import normalize
from .shingle_keys import _Shingles, _sorted_unique


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
