"""What the trained ranker learns to predict: each unit's value against the cluster's
reference summaries.

The label of a unit (:data:`LABEL`) is its ROUGE-1 recall plus its ROUGE-2 recall (x100,
as ROUGE is reported), the unit alone against each reference, averaged over the
references, **per word of the unit**. Why this one:

* ROUGE-1 + ROUGE-2 is the objective the extractive oracle maximises
  (:func:`summarizer.evaluation.baselines.oracle`), taken for one unit at a time.
  Regressing on a per-sentence ROUGE score is the supervised extractors' usual target
  (Ouyang, Li, Li & Lu 2011, "Applying regression models to query-focused
  multi-document summarization"; Cao et al. 2015's R2N2); Li, Qian & Liu (2013, "Using
  supervised bigram-based ILP for extractive summarization") regress instead on each
  bigram's reference frequency, the weights of an ILP's concepts, which a sentence
  ranker has no use for.
* Per word, because a summary is a budget of words: the selection step takes the best
  scored units while they fit, so a score must say what a unit gives for the words it
  takes (the cost-scaled greedy of Lin & Bilmes 2010 divides by length the same way).
  Recall alone grows with length, and a model trained on it chose long sentences:
  trained on duc2006, R-2 6.94 on duc2003 (LexRank 10.42) and 12.54 on
  multiling2011-english (19.14); per word, 9.54 and 19.41. On 500 held-out clusters of
  multinews-val (trained on 4,622 others) the two are within 0.2 R-2 (14.17 and 14.04),
  as are ROUGE-2 alone, an F1 and oracle membership (Nallapati et al. 2017's label).
* ROUGE-1 as well as ROUGE-2: ROUGE-2 alone is zero for most units of a cluster (they
  share no bigram with a reference), which leaves a regression little to learn from.

Tokens are the evaluation protocol's own (:mod:`summarizer.evaluation.protocols`: its
tokenizer and stemming, its cut of the references), so the model learns what the
protocol scores; words are counted as the budget counts them. When the protocol's
tokenizer cannot read the references (rouge-score keeps ``[a-z0-9]``: Greek or Arabic
references scored with an English protocol) the Unicode word tokenizer is used instead,
without stemming, as the ``multiling`` protocol does.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ..errors import InputError

LABEL = ("mean over references of ROUGE-1 + ROUGE-2 recall (x100) of the unit alone, "
         "per word of the unit")
ORDERS = (1, 2)


def unit_labels(texts: Sequence[str], references: Sequence[str], protocol) -> np.ndarray:
    """The :data:`LABEL` of each text (a unit of the cluster), under ``protocol``."""
    from ..text import word_count

    words = np.array([max(word_count(t), 1) for t in texts], dtype=np.float64)
    return 100.0 * rouge_recalls(texts, references, protocol).sum(axis=1) / words


def rouge_recalls(texts: Sequence[str], references: Sequence[str], protocol) -> np.ndarray:
    """(texts x :data:`ORDERS`): each text's ROUGE-n recall against each reference,
    averaged over the references; an InputError without a reference."""
    from ..evaluation.baselines import _ngrams  # the oracle's: the label is its objective
    from ..evaluation.protocols import cut
    from ..evaluation.rouge import make_tokenizer

    if not references:
        raise InputError("no reference summaries to learn from")
    refs = [cut(r, protocol) if protocol.cut_references else r for r in references]
    name, stemming = _tokenizer(refs, protocol)
    tok = make_tokenizer(name, stemming)
    out = np.zeros((len(texts), len(ORDERS)))
    grams = [[_ngrams(t, n) for n in ORDERS] for t in map(tok.tokenize, texts)]
    for ref in refs:
        tokens = tok.tokenize(ref)
        for k, n in enumerate(ORDERS):
            target = _ngrams(tokens, n)
            total = sum(target.values())
            if not total:
                continue
            for i, mine in enumerate(grams):
                hit = sum(min(c, target[g]) for g, c in mine[k].items() if g in target)
                out[i, k] += hit / total
    return out / len(refs)


def _tokenizer(references: Sequence[str], protocol) -> tuple[str, bool]:
    """The protocol's tokenizer and stemming, or Unicode words (no stemming) when the
    protocol's tokens miss most letters of a reference."""
    from ..evaluation.protocols import check_visible

    try:
        for ref in references:
            check_visible(ref, protocol)
    except InputError:
        return "unicode", False
    return protocol.tokenizer, protocol.stemming
