"""Perl's little rules that the script leans on everywhere: ``split(/\\s+/)``, ``<FILE>``
lines, a string read as a number, a number printed, ``%7.5f``, ``lc`` on bytes."""

from __future__ import annotations

import re

SPACE = re.compile(r"[ \t\n\r\f\v]+")  # Perl's \s on a byte string
UNICODE_SPACE = re.compile(r"\s+")
ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def perl_split(text: str, space: re.Pattern[str] = SPACE) -> list[str]:
    """Perl's ``split(/\\s+/, $text)``: a leading empty field is kept, trailing ones
    are dropped."""
    fields = space.split(text)
    while fields and not fields[-1]:
        fields.pop()
    return fields


_LINE = re.compile(r"[^\n]*\n|[^\n]+")


def perl_lines(text: str) -> list[str]:
    """Perl's ``<FILE>`` lines, each with its newline (only ``\\n`` ends a line)."""
    return _LINE.findall(text)


_NUMBER = re.compile(r"[ \t\n\r\f\v]*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")


def perl_number(text: str) -> float:
    """A string as Perl reads it as a number: its leading numeric part, else 0."""
    m = _NUMBER.match(text)
    return float(m.group(1)) if m else 0.0


def perl_str(x: float) -> str:
    """A number as Perl prints it (``%.15g``; whole numbers without a point)."""
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.15g}"


def f5(x: float) -> str:
    """``sprintf("%7.5f")``: how the script prints, and rounds, every score."""
    return f"{x:7.5f}"
