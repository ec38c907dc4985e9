"""Reference points every system is judged against: lead, round-robin lead, random and
the greedy ROUGE oracle.

All of them see the same cleaned, split sentences as the pipeline, so differences come
from choosing, not from preprocessing, and are held to the same
:class:`~summarizer.budget.Budget` (words, sentences, bytes, a ratio). ``lead`` and
``lead-rr`` fill the word budget exactly, cutting their last sentence (the classic "first
N words" baseline); ``random`` and ``oracle`` add whole sentences that fit. Pure
functions of (sentences, budget).
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

import numpy as np

from ..budget import Budget, Used
from ..documents import Article, Sentence


def _fill_cut(texts: Sequence[str], budget: Budget) -> list[str]:
    """``texts`` in order while they fit; the first that does not is cut to fill the word
    budget (when words and a sentence are left), and ends the summary."""
    out, used = [], Used()
    for text in texts:
        if not budget.fits(used, text):
            cut = budget.cut(text, used) if budget.can_cut(used) else ""
            if cut:
                out.append(cut)
            break
        out.append(" ".join(text.split()))
        used = used.plus(text)
    return out


def _by_article(sentences: Sequence[Sentence]) -> dict[int, list[Sentence]]:
    groups: dict[int, list[Sentence]] = {}
    for s in sentences:
        groups.setdefault(s.article, []).append(s)
    return groups


def most_recent(articles: Sequence[Article]) -> int:
    """Index of the latest-dated article; the first article when none has a date."""
    dated = [(a.date, -i) for i, a in enumerate(articles) if a.date]
    if not dated:
        return 0
    return -max(dated)[1]


def lead(sentences: Sequence[Sentence], articles: Sequence[Article], budget: Budget) -> list[str]:
    """The start of the most recent article that fills the budget (then the next articles,
    in order, if it is shorter than the budget)."""
    groups = _by_article(sentences)
    first = most_recent(articles)
    order = [first] + [a for a in sorted(groups) if a != first]
    return _fill_cut([s.text for a in order for s in groups.get(a, [])], budget)


def lead_round_robin(sentences: Sequence[Sentence], budget: Budget) -> list[str]:
    """Sentence 1 of every article, then sentence 2 of every article, ... (articles in
    cluster order), skipping exact repeats, until the budget is full."""
    groups = _by_article(sentences)
    depth = max((len(g) for g in groups.values()), default=0)
    seen, texts = set(), []
    for i in range(depth):
        for a in sorted(groups):
            if i < len(groups[a]):
                text = groups[a][i].text
                key = " ".join(text.lower().split())
                if key not in seen:
                    seen.add(key)
                    texts.append(text)
    return _fill_cut(texts, budget)


def random_baseline(sentences: Sequence[Sentence], budget: Budget, seed: int = 0) -> list[str]:
    """Sentences in a seeded random order, whole ones that fit, shown in document order."""
    texts = [s.text for s in sentences]
    order = np.random.default_rng(seed).permutation(len(texts)).tolist()
    return [texts[i] for i in sorted(budget.take(texts, order))]


def _ngrams(tokens: Sequence[str], n: int) -> Counter:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def _prf(overlap: int, sys_total: int, ref_total: int, measure: str) -> float:
    p = overlap / sys_total if sys_total else 0.0
    r = overlap / ref_total if ref_total else 0.0
    if measure == "precision":
        return p
    if measure == "recall":
        return r
    return 2 * p * r / (p + r) if p + r else 0.0


def oracle(sentences: Sequence[Sentence], references: Sequence[str], budget: Budget,
           measure: str = "recall", stemming: bool = True, orders=(1, 2),
           tokenizer: str = "rouge_score") -> list[str]:
    """Greedy extractive oracle: repeatedly add the sentence that most raises the mean
    over references of ROUGE-1 + ROUGE-2 (``measure``), until nothing raises it or the
    budget is full. Tokens come from the protocol's own tokenizer (``tokenizer``, a name
    in :data:`summarizer.tables.ROUGE_TOKENIZERS`: rouge-score's for the English
    protocols, Unicode words for ``multiling``), so the oracle optimises what the protocol measures, in any
    script. An upper bound for extraction, not a system."""
    from .rouge import make_tokenizer

    tok = make_tokenizer(tokenizer, stemming)
    ref_grams = [{n: _ngrams(tok.tokenize(r), n) for n in orders} for r in references]
    ref_tot = [{n: sum(g[n].values()) for n in orders} for g in ref_grams]
    sent_tokens = [tok.tokenize(s.text) for s in sentences]
    sent_grams = [{n: _ngrams(t, n) for n in orders} for t in sent_tokens]

    current = {n: Counter() for n in orders}
    overlap = [{n: 0 for n in orders} for _ in ref_grams]  # per reference, per order
    sys_tot = {n: 0 for n in orders}
    chosen: set[int] = set()
    used, best_score = Used(), 0.0

    def gain(i: int) -> tuple[float, list[dict[int, int]]]:
        """Objective after adding sentence i, and the overlaps it would give."""
        total, new_overlap = 0.0, []
        for grams, tots, ov in zip(ref_grams, ref_tot, overlap):
            row = {}
            for n in orders:
                ref = grams[n]
                extra = 0
                for g, c in sent_grams[i][n].items():
                    r = ref.get(g)
                    if r:
                        have = current[n][g]
                        extra += min(have + c, r) - min(have, r)
                row[n] = ov[n] + extra
                total += _prf(row[n], sys_tot[n] + sum(sent_grams[i][n].values()), tots[n],
                              measure)
            new_overlap.append(row)
        return total / max(len(ref_grams), 1), new_overlap

    while True:
        best, best_i, best_overlap = best_score, None, None
        for i in range(len(sentences)):
            if i in chosen or not sent_tokens[i] or not budget.fits(used, sentences[i].text):
                continue
            v, ov = gain(i)
            if v > best + 1e-12:
                best, best_i, best_overlap = v, i, ov
        if best_i is None:
            break
        chosen.add(best_i)
        used = used.plus(sentences[best_i].text)
        best_score, overlap = best, best_overlap
        for n in orders:
            current[n].update(sent_grams[best_i][n])
            sys_tot[n] += sum(sent_grams[best_i][n].values())
    return [sentences[i].text for i in sorted(chosen, key=lambda i: (sentences[i].article,
                                                                      sentences[i].position))]
