"""The sections of what leaves a run: how the evaluation harness scores summaries
(``evaluate``) and how they are written (``output``)."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from .bounds import RESAMPLES, Count, Seed, _Strict


class EvaluateConfig(_Strict):
    """ROUGE protocol and resampling for the evaluation harness.

    Named protocols (duc, tac, multinews, multiling) fix every setting; metrics, measure,
    the length limits, truncate_references, stemming and tokenizer apply to ``custom``
    only."""

    protocol: Literal["duc", "tac", "multinews", "multiling", "duc-1.5.5", "tac-1.5.5",
                      "multinews-1.5.5", "multiling-1.5.5", "custom"] = "duc"
    metrics: list[str] = ["rouge1", "rouge2"]
    measure: Literal["precision", "recall", "fmeasure"] = "recall"
    limit_words: Optional[Count] = 100
    limit_bytes: Optional[Count] = None
    truncate_references: bool = False
    stemming: bool = True
    # custom only: a name in tables.ROUGE_TOKENIZERS: rouge-score's [a-z0-9] tokens, or
    # Unicode words (any script; multiling)
    tokenizer: str = "rouge_score"
    bootstrap: int = Field(1000, ge=RESAMPLES[0], le=RESAMPLES[1])
    seed: Seed = 0


class OutputConfig(_Strict):
    """How summaries are written. Timings vary run to run, so they appear in JSON (and
    the HTML page) only when asked for; everything else is byte-identical for the same
    input and config."""

    format: Literal["text", "markdown", "json", "html"] = "text"
    timings: bool = False
