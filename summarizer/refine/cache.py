"""Server generations kept on disk, so a re-run or a resumed evaluation asks nothing.

The key is a SHA-256 of (the model id the server lists, the chat messages, the
generation settings), so the same model behind another address shares the entries, and
any change to the prompt, the instruction or a setting misses. Each entry is one small
JSON file, written atomically: a killed run leaves no half-written entry, and an entry
that cannot be read is treated as missing.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from ..fileio import Unreadable, atomic_write, cache_root, read_regular
from ..ingest.formats import load_json

log = logging.getLogger("summarizer")

MAX_ENTRY = 64 << 20  # bytes of an entry read: an answer is at most 8 MB, its JSON a few times that


def default_dir() -> Path:
    """``$SUMMARIZER_CACHE/generations`` (default ``~/.cache/summarizer/generations``)."""
    return cache_root() / "generations"


def generation_key(model: str, messages: list[dict], settings: dict) -> str:
    doc = {"model": model, "messages": messages, "settings": settings}
    return hashlib.sha256(json.dumps(doc, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


class GenerationCache:
    """``get``/``put`` of generated text by :func:`generation_key`."""

    def __init__(self, root: str | Path | None = None):
        self.root = Path(root).expanduser() if root else default_dir()
        self._warned = False

    def _file(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> str | None:
        """The text stored under ``key``, or None. An entry may be damaged or planted: one
        that is not a regular file (a FIFO, a link to ``/dev/zero``), is over
        :data:`MAX_ENTRY` bytes, is not UTF-8 JSON or is nested past the JSON depth bound
        is a miss (asked again and rewritten), never a hang or a crash."""
        try:
            raw = read_regular(self._file(key), MAX_ENTRY, follow=False)
            doc = load_json(raw.decode("utf-8"))
        except (Unreadable, ValueError):  # TooDeep is Unreadable; UnicodeDecodeError a ValueError
            return None
        text = doc.get("text") if isinstance(doc, dict) else None
        return text if isinstance(text, str) else None

    def put(self, key: str, text: str, **meta) -> None:
        """Store ``text``; a cache that cannot be written costs only the re-use (one
        warning per run)."""
        try:
            atomic_write(self._file(key), json.dumps({"text": text, **meta}, ensure_ascii=False))
        except OSError as e:
            if not self._warned:
                self._warned = True
                log.warning("refine: cannot write the generation cache in %s (%s); answers "
                            "will not be reused", self.root, e.strerror or e)
