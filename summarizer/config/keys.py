"""The config's dotted keys: which exist, which moved and where to, and the one line a
wrong key or value gets (the name of a moved key, a close match for a typo)."""

from __future__ import annotations

import difflib
import functools

from pydantic import BaseModel, ValidationError

from .messages import _moved, _one_line, excerpt
from .refinement import REFINE_MOVED
from .root import Config
from .scoring import SIMILARITY_MOVED
from .selection import SELECT_MOVED

# Keys that moved, old -> new: a config that still has one is told where it went.
MOVED_KEYS = {**SIMILARITY_MOVED, **SELECT_MOVED, **REFINE_MOVED}


def _valid_keys(model: type[BaseModel], prefix: str = "") -> list[str]:
    keys = []
    for name, field in model.model_fields.items():
        key = prefix + (field.alias or name)
        keys.append(key)
        ann = field.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            keys.extend(_valid_keys(ann, key + "."))
    return keys


@functools.cache
def _config_keys() -> dict[str, bool]:
    """Every dotted key of :class:`Config` -> whether it is a section."""
    keys = _valid_keys(Config)
    return {k: any(other.startswith(k + ".") for other in keys) for k in keys}


def _unknown_key_message(key: str) -> str:
    if key in MOVED_KEYS:
        return _moved(key, MOVED_KEYS[key])
    valid = _valid_keys(Config)
    near = difflib.get_close_matches(key, valid, n=1, cutoff=0.5) if len(key) < 100 else []
    hint = f"; did you mean {near[0]!r}?" if near else ""
    return f"unknown config key {excerpt(key)}{hint}"


_MAX_ERRORS = 3  # a file of 10,000 wrong keys is not 10,000 messages


def _error_line(e: dict) -> str:
    loc = ".".join(str(p) for p in e["loc"])
    if e["type"] == "extra_forbidden":
        return _unknown_key_message(loc)
    value = e.get("input")
    expected = e["msg"]
    if e["type"] in ("value_error", "assertion_error"):
        expected = expected.removeprefix("Value error, ")
        if isinstance(value, str) and len(value) > 80:  # a validator that quotes it whole
            expected = expected.replace(repr(value), excerpt(value))
        line = (expected if expected.startswith("config key ")
                else f"config key {_one_line(loc, 100) or '(root)'}: {expected}")
    else:
        line = f"config key {excerpt(loc)} has value {excerpt(value)}: {expected.lower()}"
    return _one_line(line, 400)


def _format_validation_error(err: ValidationError) -> str:
    errors = err.errors(include_url=False)
    lines = [_error_line(e) for e in errors[:_MAX_ERRORS]]
    if len(errors) > _MAX_ERRORS:
        lines.append(f"and {len(errors) - _MAX_ERRORS} more")
    return "; ".join(lines)
