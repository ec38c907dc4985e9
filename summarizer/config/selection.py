"""The sections of the selection: the budget every method chooses under, the fragment
rules, and MMR, which a scorer's scores go through."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import ConfigDict, Field, model_validator

from .bounds import Amount, Count, Share, _Strict


class MmrConfig(_Strict):
    """``select.mmr``: maximal marginal relevance (Carbonell & Goldstein 1998), the
    selection step a scorer's scores go through with ``select.method: mmr``. ``lambda``
    weighs relevance against similarity to what is already chosen."""

    model_config = ConfigDict(serialize_by_alias=True)  # the key is ``lambda``, a keyword

    lambda_: Share = Field(0.7, alias="lambda")
    redundancy_threshold: Share = 0.5  # a cosine: 1 turns redundancy control off


class SelectConfig(_Strict):
    """The budget every method chooses under (every limit that is set holds), the
    fragment rules, and how a scorer's scores are taken (``method``: mmr, with its
    section ``mmr``, or topk)."""

    method: str = "mmr"
    # A budget of 0 or less can only give an empty summary, so it is a config error.
    words: Optional[Count] = 100
    sentences: Optional[Count] = None
    bytes: Optional[Count] = None
    ratio: Optional[float] = Field(None, gt=0, le=1)
    mmr: MmrConfig = MmrConfig()
    min_words: Amount = 6
    max_words: Count = 80
    skip_questions: bool = True
    # Sentences that do not end like one (cut off mid-way, headings): "skip" them, use them
    # only if the rest cannot fill the budget ("last"), or treat them like any other.
    unterminated: Literal["skip", "last", "allow"] = "last"
    order: Literal["position", "score"] = "position"
    truncate: bool = False


    @model_validator(mode="after")
    def _some_budget(self) -> "SelectConfig":
        if all(getattr(self, k) is None for k in ("words", "sentences", "bytes", "ratio")):
            raise ValueError("select needs at least one of words, sentences, bytes, ratio")
        return self


# The keys that sat flat in ``select`` before it had a section for MMR, old -> new.
SELECT_MOVED = {"select.mmr_lambda": "select.mmr.lambda",
                "select.redundancy_threshold": "select.mmr.redundancy_threshold"}
