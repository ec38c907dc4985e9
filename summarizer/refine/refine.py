"""Abstractive refinement: rewrite each extract with a transformers model, then guard it.

``refine_summaries(summaries, cfg, units)`` takes the pipeline's extractive summaries and
each cluster's units best-first; it feeds the model the extract (plus
``cfg.extra_sentences`` next-best units), generates in batches of ``cfg.batch_size``,
and applies the faithfulness guard (:mod:`summarizer.refine.guard`) with ``cfg.guard``. The
model is loaded once per process and config.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from typing import TYPE_CHECKING

from ..config import RefineConfig
from ..documents import Summary, Unit
from .guard import apply_guard, extract_text

if TYPE_CHECKING:
    from .generation import Generator

log = logging.getLogger("summarizer")

_CACHE: dict[tuple, Generator] = {}
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s|$)")


def load_generator(cfg: RefineConfig) -> Generator:
    """The Generator for ``cfg``, loaded on first use and kept for the process."""
    from .generation import Generator, resolve_device

    key = (cfg.model, cfg.kind, resolve_device(cfg.device), cfg.dtype, cfg.local_files_only,
           cfg.trust_remote_code)
    if key not in _CACHE:
        _CACHE[key] = Generator(cfg)
    return _CACHE[key]


def input_sentences(summary: Summary, ranked: list[Unit], extra: int) -> list[tuple[int, str]]:
    """(article index, text) of the extract in its order, then the ``extra`` best units
    that are not in it (dropped first when the input is too long)."""
    chosen = [s.unit for s in summary.sentences]
    taken = {u.text for u in chosen}
    more = [u for u in ranked if u.text not in taken][:extra]
    return [(u.article, u.text) for u in chosen + more]


def tidy(text: str) -> str:
    """Whitespace normalised, without a trailing fragment cut off by the token limit
    (when at least one whole sentence precedes it)."""
    text = " ".join(text.split())
    ends = list(_SENTENCE_END.finditer(text))
    if ends and ends[-1].end() < len(text):
        text = text[:ends[-1].end()]
    return text


def refine_summaries(summaries: list[Summary], cfg: RefineConfig,
                     units: list[list[Unit]]) -> list[Summary]:
    """Refined copies of ``summaries``; ``units[i]`` are cluster i's units, best first."""
    gen = load_generator(cfg)
    inputs = [gen.fit(input_sentences(s, u, cfg.extra_sentences), cfg) for s, u in zip(summaries, units)]
    todo = [i for i, text in enumerate(inputs) if text is not None]
    outputs: dict[int, str] = {}
    for start in range(0, len(todo), cfg.batch_size):
        batch = todo[start:start + cfg.batch_size]
        for i, out in zip(batch, gen.generate([inputs[i] for i in batch], cfg)):
            outputs[i] = tidy(out)
    result = []
    for i, summary in enumerate(summaries):
        text = outputs.get(i, "")
        if not text:
            why = "generated nothing" if i in outputs else "no sentence fits its input"
            log.warning("refine: cluster %s: the model %s; keeping the extract",
                        summary.cluster_id, why)
            text = extract_text(summary)
        refined = dataclasses.replace(summary, refined=text)
        result.append(apply_guard(refined, cfg.guard))
    return result
