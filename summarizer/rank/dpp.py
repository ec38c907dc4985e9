"""Determinantal point process summaries, greedy MAP (Kulesza & Taskar, 2011, "Learning
determinantal point processes", UAI; Kulesza & Taskar, 2012, "Determinantal point
processes for machine learning", section 4).

A DPP gives a set of sentences Y the probability P(Y) ∝ det(L_Y) with the kernel

    L = diag(q) S diag(q),

where q_i is sentence i's quality and S the similarity of the sentences: here the Gram
matrix of the L2-normalised rows of the sentence vectors (``ctx.X``), that is their
cosines. A Gram matrix is positive semi-definite by construction, so no clipping or jitter
is needed (clipping negative cosines of dense embeddings would break that; non-negative
TF-IDF rows have none). det(L_Y) = prod(q_i^2) * det(S_Y): quality times the squared
volume the sentences span, so near-duplicates (det(S_Y) near 0) are avoided.

Kulesza & Taskar's summariser (2011; 2012, section 4), which SumRepo's "DPP"
is (Hong et al., LREC 2014: produced by Kulesza, trained on DUC 2003, run on DUC 2004),
has S the cosine of tf-idf sentence vectors and a **learned** quality, q_i =
exp(theta . f_i / 2), theta fitted by maximum likelihood on DUC 2003's oracle summaries,
f_i features of length, position in the article, personal pronouns and similarity to the
cluster; it decodes greedily, each step adding the sentence of largest gain in probability
per unit of length, and keeps the best single sentence instead when that alone is more
probable.

Quality here is unsupervised, standing in for the learned one: the ``rank.dpp.quality``
scores (``centroid``: cosine with the cluster centroid, for their similarity-to-the-cluster
features; ``lexrank``: LexRank, generic) times the priors (``ctx.priors``: the position
prior for their position features, the support prior), with a query also times ``1 +
query.weight * rel / max rel`` (our extension: the relevance of :mod:`.query`, so the
kernel favours sentences on the query), all raised to ``rank.dpp.alpha`` and normalised
to a maximum of 1.

Greedy MAP under the budget. Starting from the empty set, add the eligible sentence that
fits the budget (``ctx.fits``) with the largest gain in log det(L_Y), until none fits.

Where this differs from the paper:

* **No learned quality**, so no length or pronoun features (a pronoun list is one
  language's; the shared length prior, ``rank.priors.length``, is off by default). A
  model trained on references is ``rank.method: learned`` (summarizer/learn/).
* **Plain gain, no division by length, no best-single-sentence step.** The gain of
  adding i is log(q_i^2) + log(r_i), r_i the share of S_ii outside the span of the
  chosen sentences (Chen, Zhang & Zhou, 2018, "Fast greedy MAP inference for
  determinantal point process", NeurIPS: the squared pivot of an incremental Cholesky
  factorisation). Its argmax does not change when q is scaled, which matters because an
  unsupervised quality has no scale, where a learned one has (maximum likelihood sets it
  so the expected summary size matches the training summaries'). Their decode, with q
  scaled so that the DPP's expected size is the number of sentences the budget holds,
  scored R-1 / R-2 29.50 / 7.65 on duc2003 (``configs/duc.yaml``; the single sentence
  won in all 30 clusters) and 35.28 / 7.73 without the single-sentence step, against
  40.27 / 10.64 for this module: the ratio of a negative gain to the length favours
  long sentences.
* **Stop when nothing fits, not when the gain turns negative.** With q normalised to at
  most 1 and S_ii = 1 every gain is <= 0: "stop when log det would drop" would stop
  before the first sentence. The budget plays the part the kernel's scale (or a k-DPP's
  k) would: the summary is the (approximate) most probable set that fills it. The one
  other stop is a unit already in the span of the chosen (r_i <= 1e-9: a duplicate, or
  an empty vector), which would make det(L_Y) zero.
* S is the cosine of the pipeline's vectors (``ctx.X``: TF-IDF by default, embeddings
  with ``similarity.backend: embeddings``); the budget is in words (theirs: 665 bytes),
  and with ``select.truncate`` one more sentence is cut to fill it.

Cost O(N k^2 + k nnz(X)) for N sentences and k chosen: one sparse product per chosen
sentence for its similarity row, and the Cholesky update of every remaining pivot.
Deterministic: ties go to the earlier sentence.

Scores (``Choice.scores``): each unit's ratio det(L_{Y+i}) / det(L_Y) = q_i^2 r_i, for a
chosen unit when it was chosen, for the others against the final summary (how much a
unit would still add: the best of them is the one ``select.truncate`` cuts).
"""

from __future__ import annotations

import numpy as np

from ..budget import fill, first_fit
from . import Choice, Context

_DEPENDENT = 1e-9  # r_i at or below this: unit i lies in the span of the chosen ones


def quality(ctx: Context, config) -> np.ndarray:
    """q for every unit (see the module docstring): the quality scores times the priors
    (times the query factor with a query), to the power ``alpha``, normalised to max 1."""
    from .centroid import score as centroid
    from .lexrank import score as lexrank

    cfg = config.dpp
    if cfg.quality == "lexrank":
        base = lexrank(ctx.X, ctx.units, ctx.config if ctx.config is not None else config)
    else:
        base = centroid(ctx.X, ctx.units)
    q = np.clip(np.asarray(base, dtype=np.float64), 0, None) * np.asarray(ctx.priors)
    if ctx.query is not None and ctx.query.weight and np.max(ctx.query.relevance, initial=0) > 0:
        rel = np.asarray(ctx.query.relevance, dtype=np.float64)
        q = q * (1.0 + ctx.query.weight * rel / rel.max())
    q = q ** cfg.alpha
    top = q.max(initial=0.0)
    return q / top if top > 0 else np.ones_like(q)


def _unit_rows(X):
    """The rows of X scaled to unit length (zero rows stay zero), sparse or dense."""
    import scipy.sparse as sp

    if sp.issparse(X):
        X = sp.csr_matrix(X, dtype=np.float64)
        norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
        inv = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
        return sp.diags(inv) @ X
    X = np.asarray(X, dtype=np.float64)
    norms = np.linalg.norm(X, axis=1)
    inv = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return X * inv[:, None]


def _similarity_row(U, j: int) -> np.ndarray:
    """Cosines of unit j with every unit (one column of S = U U^T)."""
    row = U @ U[j].T
    if hasattr(row, "toarray"):
        row = row.toarray()
    return np.asarray(row, dtype=np.float64).ravel()


def greedy_map(ctx: Context, q: np.ndarray) -> tuple[list[int], np.ndarray]:
    """Greedy MAP of the DPP with kernel diag(q) S diag(q) under ``ctx``'s budget and
    eligibility, by the incremental Cholesky of Chen et al. (2018). Returns the chosen
    indices in the order chosen and every unit's last det ratio q_i^2 r_i."""
    n = len(ctx.units)
    U = _unit_rows(ctx.X)
    # r_i: the squared Cholesky pivot of S (share of unit i outside the chosen span);
    # C holds the rows of the Cholesky factor computed so far, one column per step.
    if hasattr(U, "multiply"):
        r = np.asarray(U.multiply(U).sum(axis=1), dtype=np.float64).ravel()
    else:
        r = np.einsum("ij,ij->i", U, U)
    C = np.zeros((n, 0))
    alive = np.asarray(ctx.eligible, dtype=bool).copy() & (q > 0)
    gains = q * q * r
    taken_gain = np.zeros(n)
    chosen: list[int] = []
    with np.errstate(divide="ignore"):
        logq2 = np.log(q * q)
    while alive.any():
        score = np.where(alive & (r > _DEPENDENT), logq2 + np.log(np.maximum(r, 1e-300)),
                         -np.inf)
        order = np.argsort(-score, kind="stable")[: int(np.count_nonzero(score > -np.inf))]
        pick = first_fit(order.tolist(), lambda i: ctx.fits(chosen, i), alive)
        if pick is None:
            break
        chosen.append(pick)
        taken_gain[pick] = q[pick] ** 2 * r[pick]
        # Cholesky update: e_i = (S_ji - <C_j, C_i>) / sqrt(r_j); r_i -= e_i^2.
        s = _similarity_row(U, pick)
        e = (s - C @ C[pick]) / np.sqrt(r[pick])
        C = np.column_stack([C, e])
        r = np.maximum(r - e * e, 0.0)
        r[pick] = 0.0
        gains = q * q * r
    scores = gains.copy()
    scores[chosen] = taken_gain[chosen]
    return chosen, scores


def choose(ctx: Context, config) -> Choice:
    """The DPP's greedy MAP summary of ``ctx`` (``config`` is the ``rank`` section)."""
    n = len(ctx.units)
    if n == 0:
        return Choice([], np.zeros(0))
    q = quality(ctx, config)
    chosen, scores = greedy_map(ctx, q)
    notes: list[str] = []
    if not chosen:
        # Every eligible unit has zero quality or an empty vector: take them by quality
        # while they fit, rather than nothing.
        chosen = fill([i for i in np.argsort(-q, kind="stable").tolist() if ctx.eligible[i]],
                      ctx.fits)
        if chosen:
            notes.append("dpp: no unit had a positive quality and a non-empty vector; "
                         "took units by quality while they fit")
        scores = q.copy()
    return Choice(chosen, scores, notes)
