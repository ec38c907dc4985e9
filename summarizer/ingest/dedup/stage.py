"""The dedup stage: the exact, near and paraphrase passes join groups of one
union-find, and each group becomes one Unit whose support lists every place it stands."""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from ...config import DedupConfig
from ...documents import Sentence, Unit
from .groups import _Components, _UnionFind
from .near import _near_codes
from .normal_form import normalize
from .paraphrase import paraphrase_pairs


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
            for a, b in paraphrase_pairs([sents[i].text for i in reps], embed,
                                         config.paraphrase_threshold):
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
