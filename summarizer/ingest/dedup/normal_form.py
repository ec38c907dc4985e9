"""The normalised form of a sentence: the key of the exact pass, and the text the
near pass shingles. ``shingles`` is the readable set-of-strings definition that the
integer shingle keys of :mod:`.shingle_keys` reproduce exactly."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\w+")


def normalize(text: str) -> str:
    """Case-, accent-, punctuation- and whitespace-insensitive key of a sentence."""
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(_WORD.findall(text))


def shingles(text: str, kind: str = "word", size: int = 3) -> set[str]:
    """Word n-grams or character n-grams of the normalised text. A text shorter than
    one shingle yields itself, so short sentences still compare."""
    norm = normalize(text)
    if kind == "char":
        if len(norm) <= size:
            return {norm} if norm else set()
        return {norm[i:i + size] for i in range(len(norm) - size + 1)}
    words = norm.split()
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}
