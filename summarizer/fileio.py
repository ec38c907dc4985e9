"""Small file helpers shared by the CLI, evaluation and experiments."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .errors import UsageError


def cache_root() -> Path:
    """Where downloaded or derived assets are kept between runs: ``$SUMMARIZER_CACHE``,
    else ``~/.cache/summarizer``."""
    return Path(os.environ.get("SUMMARIZER_CACHE") or "~/.cache/summarizer").expanduser()


def atomic_write(path: str | Path, text: str) -> None:
    """Write via a temp file in the same folder and rename, so a killed run never
    leaves a half-written file behind. The temp file's name is known before it exists,
    so an interrupt at any point (Ctrl-C) removes it; it is created with the
    permissions ``open()`` gives (0644 under umask 022), not mkstemp's private 0600."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{secrets.token_hex(8)}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except FileExistsError:  # another writer's temp file (a 64-bit name clash): not ours
        raise
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _writable_dir(folder: Path, what: str) -> None:
    """``folder`` (or its nearest existing parent, where it would be created) must be a
    folder we can write in."""
    probe = folder
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if not probe.is_dir():
        raise UsageError(f"{what}: {probe} is a file, not a folder")
    try:  # a real probe: permissions, read-only file systems and root alike
        tempfile.TemporaryFile(dir=probe).close()
    except OSError as e:
        raise UsageError(f"{what}: cannot write in {probe} ({e.strerror or e})") from None


def check_output_file(path: str | Path, what: str = "-o") -> None:
    """Fail before any work when ``path`` cannot be written as a file."""
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"{what} {path}: is a folder; name a file (or use --out-dir)")
    if path.exists():
        try:
            open(path, "a").close()
        except OSError as e:
            raise UsageError(f"{what} {path}: cannot write it ({e.strerror or e})") from None
    _writable_dir(path.parent, f"{what} {path}")


def check_output_dir(path: str | Path, what: str = "--out-dir") -> None:
    """Fail before any work when ``path`` cannot be used as an output folder."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise UsageError(f"{what} {path}: is a file, not a folder")
    _writable_dir(path, f"{what} {path}")


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
