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

Modules: :mod:`.normal_form` (the normalised key, shingles as strings), :mod:`.shingle_keys`
(integer shingle keys), :mod:`.jaccard` (exact Jaccard), :mod:`.minhash` (LSH candidates),
:mod:`.near` (the near pass), :mod:`.paraphrase`, :mod:`.groups` (union-find and its numpy
counterpart) and :mod:`.stage` (:func:`deduplicate`).
"""

from .near import near_duplicate_pairs
from .normal_form import normalize, shingles
from .stage import deduplicate

__all__ = ["deduplicate", "near_duplicate_pairs", "normalize", "shingles"]

