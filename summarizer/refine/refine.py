"""Abstractive refinement: rewrite each extract with a model, then guard it.

``refine_each(summaries, cfg, units)`` takes the pipeline's extractive summaries and
each cluster's units best-first; the backend ``refine.backend`` names in
:data:`summarizer.tables.REFINE_BACKENDS` reads the extract (plus
``cfg.extra_sentences`` next-best units) and writes the rewrite, and the faithfulness
guard (:mod:`summarizer.faithfulness`) applies ``cfg.guard`` to it.
A backend is loaded once per process and config.
"""

from __future__ import annotations

import dataclasses
import logging

from ..config import RefineConfig
from ..documents import Summary, Unit
from ..errors import SummarizerError
from ..faithfulness import apply_guard, extract_text
from .prompt import _SENTENCE_END, input_sentences, tidy

log = logging.getLogger("summarizer")

# Each backend of REFINE_BACKENDS is a class built from a RefineConfig, with
# ``refine_each(inputs, cfg, languages) -> list[str | None | SummarizerError]`` (None:
# nothing fits; languages: each extract's ISO code).
_LOADED: dict[tuple, object] = {}


def _key(cfg: RefineConfig) -> tuple:
    if cfg.backend == "transformers":
        from ..models import resolve_device

        own = cfg.transformers
        return (cfg.backend, cfg.model, own.kind,
                resolve_device(own.device, "refine.transformers.device"), own.dtype,
                own.local_files_only, own.trust_remote_code)
    return (cfg.backend, cfg.model_dump_json())


def load_generator(cfg: RefineConfig):
    """The backend for ``cfg``, loaded (or connected and checked) on first use and kept
    for the process; a model or server that is not available fails here, before any work."""
    from ..tables import REFINE_BACKENDS

    key = _key(cfg)
    if key not in _LOADED:
        _LOADED[key] = REFINE_BACKENDS.get(cfg.backend)(cfg)
    return _LOADED[key]


def refine_each(summaries: list[Summary], cfg: RefineConfig,
                units: list[list[Unit]]) -> list[Summary | SummarizerError]:
    """A refined copy of each summary (``units[i]``: cluster i's units, best first), or the
    error that cluster met (a server that failed for it), in order."""
    gen = load_generator(cfg)
    inputs = [input_sentences(s, u, cfg.extra_sentences) for s, u in zip(summaries, units)]
    languages = [s.language.language.code if s.language else None for s in summaries]
    outputs = gen.refine_each(inputs, cfg, languages)
    result: list[Summary | SummarizerError] = []
    for summary, out, its_units in zip(summaries, outputs, units):
        if isinstance(out, SummarizerError):
            result.append(out)
            continue
        text = _within_budget(tidy(out), summary, its_units) if out is not None else ""
        if not text:
            why = "generated nothing" if out is not None else "no sentence fits its input"
            log.warning("refine: cluster %s: the model %s; keeping the extract",
                        summary.cluster_id, why)
            text = extract_text(summary)
        result.append(apply_guard(dataclasses.replace(summary, refined=text), cfg.guard))
    return result


def _within_budget(text: str, summary: Summary, units: list[Unit]) -> str:
    """``text`` cut to every limit of the extract's budget (``select.words`` or its
    ``ratio`` of the cluster, ``select.sentences``, ``select.bytes``): a rewrite is never
    longer than the summary asked for, and a sentence cut short is dropped when a whole
    one precedes it (:func:`tidy`)."""
    from ..config import SelectConfig
    from ..budget import Budget
    from ..text import cut_words, word_count

    if "select" not in summary.config:
        return text
    budget = Budget.from_config(SelectConfig(**summary.config["select"]),
                                sum(word_count(u.text) for u in units))
    cut = cut_words(text, budget.words)
    ends = [m.end() for m in _SENTENCE_END.finditer(cut)] if budget.sentences else []
    if len(ends) > (budget.sentences or 0):
        cut = cut[:ends[budget.sentences - 1]]
    if budget.bytes is not None and len(cut.encode("utf-8")) > budget.bytes:
        head = cut.encode("utf-8")[:budget.bytes + 1].decode("utf-8", "ignore")
        cut = head.rsplit(" ", 1)[0] if " " in head else head[:-1]
    return text if cut == text else tidy(cut)


def refine_summaries(summaries: list[Summary], cfg: RefineConfig,
                     units: list[list[Unit]]) -> list[Summary]:
    """Refined copies of ``summaries``; the first cluster's error, if any, is raised."""
    result = refine_each(summaries, cfg, units)
    for r in result:
        if isinstance(r, SummarizerError):
            raise r
    return result
