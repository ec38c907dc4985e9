"""The domains every number of the config is checked against, and the base of every
section: a value out of range is one error line, never a hang deep in a stage."""

from __future__ import annotations

import operator
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from ..errors import UsageError
from .messages import excerpt

# The largest count any setting needs (words, sentences, clusters): far above every real
# one, and it keeps an absurd number one error line instead of a hang deep in a stage.
MAX_COUNT = 10**9
# Weights multiply scores; above this their products could overflow to inf and NaN.
MAX_WEIGHT = 1e6
SEEDS = (0, 2**32 - 1)  # numpy's and transformers' seeds are unsigned 32-bit
# Bootstrap resamples: an interval's ends and a p-value are read off the resampled means,
# so a handful is no interval at all (0 or 1: zero width). 20 is a floor for quick checks
# (p-values in steps of 0.1), the default 1000 is for results; 100,000 is far past where
# the interval stops moving, and bounds time and memory.
RESAMPLES = (20, 100_000)

Count = Annotated[int, Field(ge=1, le=MAX_COUNT)]  # sizes and budgets: at least one
Amount = Annotated[int, Field(ge=0, le=MAX_COUNT)]  # counts where 0 means none
Share = Annotated[float, Field(ge=0, le=1)]  # probabilities, ratios, similarity thresholds
Weight = Annotated[float, Field(ge=0, le=MAX_WEIGHT)]  # 0 turns the term off
Damping = Annotated[float, Field(gt=0, lt=1)]  # a random walk that both moves and restarts
Seed = Annotated[int, Field(ge=SEEDS[0], le=SEEDS[1])]


class _Strict(BaseModel):
    # NaN and infinities are never a setting: NaN compares false with every bound.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)


def _changed(section: BaseModel) -> list[str]:
    """The fields of ``section`` whose value is not their default."""
    default = type(section)()
    return [k for k in type(section).model_fields if getattr(section, k) != getattr(default, k)]


def check_int(value: Any, what: str, low: int, high: int = MAX_COUNT) -> int:
    """``value`` if it is a whole number in [low, high], else a UsageError naming ``what``:
    the domain of a number given as a flag or an API argument instead of a config key."""
    try:
        number = operator.index(value) if not isinstance(value, bool) else None
    except TypeError:
        number = None
    if number is None or not low <= number <= high:
        raise UsageError(f"{what} must be a whole number from {low} to {high}, "
                         f"got {excerpt(value)}")
    return number
