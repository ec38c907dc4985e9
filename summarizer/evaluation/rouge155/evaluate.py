"""One run of the script: each file read and tokenized once, each evaluation scored
under each metric the options ask for, and the models' totals combined (``-f A|B``)
into ``computeXScore``'s results."""

from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import dataclass

from ...errors import InputError
from ..rouge import positions
from .bootstrap import Averages, averages
from .config import Eval
from .metrics import (be_counts, clipped_hits, lcs_hits, ngrams, skip_bigrams,
                      wlcs_hits)
from .options import Options
from .perl import f5, perl_lines, perl_number
from .text import FILE_LIMIT, cut_joined, cut_units, normalize, read_file, tokens, units


@dataclass
class Result:
    """One evaluation's totals (``computeXScore``'s six results)."""

    count: float
    hit: float
    recall: str
    count_p: float
    precision: str
    fscore: str


def _result(count: float, hit: float, count_p: float, alpha: float,
            inverse: float | None = None) -> Result:
    def ratio(a: float, b: float) -> str:
        if b == 0:
            return f5(0)
        x = a / b
        return f5(x ** (1 / inverse) if inverse else x)

    r, p = ratio(hit, count), ratio(hit, count_p)
    rv, pv = float(r), float(p)
    den = (1 - alpha) * pv + alpha * rv
    f = f5((pv * rv) / den) if den > 0 else f5(0)
    return Result(count, hit, r, count_p, p, f)


def _rounded(x: float) -> float:
    """A model's score as ``-f B`` compares it: rounded to the five printed decimals."""
    return float(f5(x))


class Run:
    """One invocation: options, the evaluations, a cache of what each file reads as,
    and the warnings the script writes on stderr."""

    def __init__(self, options: Options, evals: list[Eval], file_list: bool = False,
                 warn=None, read=None, exists=None):
        self.o = options
        self.evals = evals
        self.file_list = file_list
        self.warn = warn or (lambda line: print(line, file=sys.stderr))
        self._read = read or read_file
        self._exists = exists or os.path.exists
        self._units: dict[tuple[str, str], list[str]] = {}
        self._tokens: dict[tuple, list] = {}
        self._memo: dict[tuple, object] = {}
        self._found: set[str] = set()
        self._missing: set[tuple[str, str]] = set()
        self._stem_state = options.stem

    # -- reading, memoised per file

    def text(self, path: str) -> str:
        data = self._read(path, FILE_LIMIT)
        return data.decode("utf-8", "replace") if self.o.unicode else data.decode("latin-1")

    def file_units(self, path: str, fmt: str) -> list[str]:
        key = (path, fmt.upper())
        if key not in self._units:
            self._units[key] = units(self.text(path), fmt, self.o.unicode)
        return self._units[key]

    def joined(self, path: str, fmt: str, stem: bool) -> list[str]:
        """``readText`` + ``createNGram``'s tokens (memoised: every metric reads them)."""
        key = ("joined", path, fmt, stem)
        if key not in self._tokens:
            text = cut_joined(self.file_units(path, fmt), self.o)
            self._tokens[key] = (tokens(normalize(text, self.o.unicode), self.o, stem)
                                 if text is not None else None)
        toks = self._tokens[key]
        if toks is None:
            self.warn(f"readText: {path} -> empty text")
            return []
        return toks

    def unit_tokens(self, path: str, fmt: str, stem: bool) -> list[list[str]]:
        """``readText_LCS`` + ``tokenizeText_LCS``: tokens unit by unit."""
        key = ("units", path, fmt, stem)
        if key not in self._tokens:
            self._tokens[key] = [tokens(normalize(u, self.o.unicode), self.o, stem)
                                 for u in cut_units(self.file_units(path, fmt), self.o)]
        return self._tokens[key]

    # -- one evaluation

    def score(self, metric: str, e: Eval, peer: str, n: int = 0,
              unigrams: bool = False) -> Result | None:
        if peer not in e.peers:
            if (e.id, peer) not in self._missing:
                self._missing.add((e.id, peer))
                self.warn(f"*ROUGE Warning: test instance for peer {peer} does not exist "
                          f"for evaluation {e.id}")
            return None
        fmt = e.format if e.format is not None else ""
        peer_path = e.peer_path(peer, self.file_list)
        model_paths = e.model_paths(self.file_list)
        for path in model_paths:
            if path not in self._found:
                if not self._exists(path):
                    raise InputError(f"Cannot find model summary: {path}")
                self._found.add(path)
        if metric == "BE":
            return self._be(peer_path, model_paths, fmt)
        if metric == "N":
            return self._ngram(peer_path, model_paths, fmt, n)
        if metric == "S":
            return self._skip(peer_path, model_paths, fmt, unigrams)
        return self._lcs(peer_path, model_paths, fmt, weighted=metric == "W")

    def _combine(self, per_model, alpha: float, weight: float | None = None) -> Result:
        """Totals over the models: summed (``-f A``) or those of the model with the best
        score (``-f B``, the first among equals)."""
        hit = count = count_p = 0.0
        best = -1.0
        for m_hit, m_count, p_count, m_score in per_model:
            if self.o.formula == "B":
                if m_score > best:
                    best, hit, count, count_p = m_score, m_hit, m_count, p_count
            else:
                hit += m_hit
                count += m_count
                count_p += p_count
        return _result(count, hit, count_p, alpha, weight)

    def memo(self, key: tuple, make):
        """What ``make()`` returns, once per ``key`` in this run (a model's n-grams are
        the same for every system)."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def _ngram(self, peer_path, model_paths, fmt, n) -> Result:
        stem = self._stem_state
        peer, p_count = ngrams(self.joined(peer_path, fmt, stem), n)
        per_model = []
        for path in model_paths:
            model, m_count = self.memo(
                ("N", path, fmt, stem, n), lambda: ngrams(self.joined(path, fmt, stem), n))
            hit = clipped_hits(model, peer)
            per_model.append((hit, m_count, p_count, _rounded(hit / m_count) if m_count else 0))
        return self._combine(per_model, self.o.alpha)

    def _model_stem(self) -> bool:
        """``-M`` sets the script's stemming flag for a model and then clears it: from
        then on nothing is stemmed, even with ``-m``."""
        if self.o.stem_models:
            self._stem_state = False
            return True
        return self._stem_state

    def _skip(self, peer_path, model_paths, fmt, unigrams) -> Result:
        distance = perl_number(self.o.skip or "0")
        peer, p_count = skip_bigrams(self.joined(peer_path, fmt, self._stem_state),
                                     distance, unigrams)
        per_model = []
        for path in model_paths:
            stem = self._model_stem()
            model, m_count = skip_bigrams(self.joined(path, fmt, stem), distance, unigrams)
            hit = clipped_hits(model, peer)
            per_model.append((hit, m_count, p_count, _rounded(hit / m_count) if m_count else 0))
        return self._combine(per_model, self.o.alpha)

    def _lcs(self, peer_path, model_paths, fmt, weighted: bool) -> Result:
        w = perl_number(self.o.weight) if weighted else None
        peer_units = self.unit_tokens(peer_path, fmt, self._stem_state)
        peer_words = self.joined(peer_path, fmt, self._stem_state)
        peer_counts, p_count = Counter(peer_words), len(peer_words)
        per_model = []
        for path in model_paths:
            unit_stem = True if self.o.stem_models and not weighted else self._stem_state
            model_units = self.unit_tokens(path, fmt, unit_stem)
            model_counts = Counter(self.joined(path, fmt, self._model_stem()))
            if weighted:
                hit, base = wlcs_hits(model_units, peer_units, model_counts, peer_counts, w)
                if base == 0:
                    raise InputError(f"ROUGE-W of a model with no words ({path}): the "
                                     f"script stops here (illegal division by zero)")
                score = (hit / base) ** (1 / w)
                per_model.append((hit, base ** w, float(p_count) ** w, score))
            else:
                wheres = self.memo(("where", path, fmt, unit_stem),
                                   lambda: [positions(u) for u in model_units])
                hit, base = lcs_hits(model_units, peer_units, model_counts, peer_counts,
                                     wheres)
                per_model.append((hit, base, p_count, hit / base if base else 0))
        return self._combine(per_model, self.o.alpha, w)

    def _be(self, peer_path, model_paths, fmt) -> Result:
        peer, p_count = be_counts(self._be_lines(peer_path, fmt), self.o.be_mode,
                                  self._stem_state)
        per_model = []
        for path in model_paths:
            model, m_count = be_counts(self._be_lines(path, fmt), self.o.be_mode,
                                       self._model_stem())
            hit = clipped_hits(model, peer)
            per_model.append((hit, m_count, p_count, _rounded(hit / m_count) if m_count else 0))
        return self._combine(per_model, self.o.alpha)

    def _be_lines(self, path: str, fmt: str) -> list[str]:
        kind = fmt.upper()
        text = self.text(path)
        if kind == "SIMPLE":
            lines = [line[:-1] if line.endswith("\n") else line for line in perl_lines(text)]
        elif kind == "ISI":
            lines = []
        else:
            raise InputError(f"Unknown input format: {fmt}")
        if not lines:
            self.warn(f"readBE: {path} -> empty text")
        return lines


def metric_plan(o: Options) -> list[tuple[str, str, dict]]:
    """(tag, metric, arguments) in the order the script computes and prints them."""
    plan = [(f"ROUGE-{n}", "N", {"n": n}) for n in range(1, int(o.ngram) + 1)]
    if o.lcs and o.be_mode is None:
        plan.append(("ROUGE-L", "L", {}))
    if o.weight is not None:
        plan.append((f"ROUGE-W-{o.weight}", "W", {}))
    if o.skip is not None:
        d = o.skip
        name = d if perl_number(d) >= 0 else "*"
        if o.unigrams:
            plan.append((f"ROUGE-SU{name}", "S", {"unigrams": True}))
        else:
            plan.append((f"ROUGE-S{name}", "S", {"unigrams": False}))
            if o.both_skip:
                plan.append((f"ROUGE-SU{name}", "S", {"unigrams": True}))
    if o.be_mode is not None:
        plan.append((f"ROUGE-BE-{o.be_mode}", "BE", {}))
    return plan


@dataclass
class MetricScores:
    """One metric for one system: per-evaluation results and their averages."""

    system: str
    tag: str
    per_eval: dict[str, Result]
    averages: Averages

    def values(self, counting: int) -> dict[str, tuple[float, float, float]]:
        if counting == 0:
            return {k: (float(r.recall), float(r.precision), float(r.fscore))
                    for k, r in self.per_eval.items()}
        return {k: (r.count, r.count_p, r.hit) for k, r in self.per_eval.items()}


def evaluate_system(run: Run, system: str) -> list[MetricScores]:
    """Every metric the options ask for, for one system, in the script's order."""
    out = []
    for tag, metric, kwargs in metric_plan(run.o):
        per_eval = {}
        for e in run.evals:
            result = run.score(metric, e, system, **kwargs)
            if result is not None:
                per_eval[f"{e.id}.{system}"] = result
        scores = MetricScores(system, tag, per_eval, Averages())
        scores.averages = averages(scores.values(run.o.counting), run.o)
        out.append(scores)
    return out
