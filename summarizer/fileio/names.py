"""File names for ids that come from data: names, never paths, never two alike."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable


def safe_name(name: str) -> str:
    """A cluster id made safe as a file name."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", str(name)).strip("._")
    return cleaned or "cluster"


NAME_LIMIT = 80


def unique_names(ids: Iterable[str], limit: int = NAME_LIMIT) -> list[str]:
    """One file name stem per id, in order, never two alike (even ignoring case).

    An id is a name, never a path: each becomes :func:`safe_name` of itself. A stem
    longer than ``limit`` characters, or one that two ids share (``a/b`` and ``a_b``, the
    same id twice, ``X`` and ``x``), is cut to ``limit`` and given ``-`` and 8 hex digits
    of the id's SHA-256 (and its repeat number for a repeated id), so the names depend
    only on the ids given, in their order."""
    ids = [str(i) for i in ids]
    stems = [safe_name(i) for i in ids]
    shared = Counter(s.casefold() for s in stems)
    seen: Counter[str] = Counter()
    names = []
    for raw, stem in zip(ids, stems):
        repeat = seen[raw]
        seen[raw] += 1
        if len(stem) > limit or shared[stem.casefold()] > 1:
            key = raw if repeat == 0 else f"{raw}\0{repeat}"
            digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
            stem = f"{stem[:limit]}-{digest[:8]}"
        names.append(stem)
    taken = Counter(n.casefold() for n in names)
    if len(taken) < len(names):  # a cut stem plus hash met another id's own stem
        for i, n in enumerate(names):
            if taken[n.casefold()] > 1:
                names[i] = f"{n}-{i}"
    return names
