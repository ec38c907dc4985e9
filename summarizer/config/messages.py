"""One-line messages: a config is data from anyone, so an error quotes a value cut short
and a library's message on one line, never a traceback or a 50 MB value."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError


def excerpt(value: Any, limit: int = 80) -> str:
    """``repr(value)`` cut to ``limit`` characters: an error line quotes a value, it never
    copies a 50 MB one."""
    try:
        text = repr(value)
    except ValueError:  # an int past Python's 4300-digit str limit
        return f"<an integer of {value.bit_length()} bits>"
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


def first_error(err: ValidationError) -> str:
    """The first error of a document from a file (a sweep, a run.json, a results.json) on
    one short line: ``'where': what``."""
    e = err.errors(include_url=False)[0]
    where = ".".join(str(p) for p in e["loc"])
    return f"{excerpt(where, 60)}: {e['msg'].lower()}" if where else e["msg"].lower()


def _one_line(message: str, limit: int = 300) -> str:
    """A message from a library (YAML errors span lines) as one short line."""
    text = " ".join(message.split())
    return text if len(text) <= limit else text[:limit] + "..."


def _moved(key: str, new: str) -> str:
    """The line for a key that moved to ``new`` (MOVED_KEYS)."""
    return f"{key} is now {new} (a section per backend)"
