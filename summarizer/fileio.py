"""Small file helpers shared by the CLI, evaluation and experiments."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path


def atomic_write(path: str | Path, text: str) -> None:
    """Write via a temp file in the same folder and rename, so a killed run never
    leaves a half-written file behind."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def safe_name(name: str) -> str:
    """A cluster id made safe as a file name."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", str(name)).strip("._")
    return cleaned or "cluster"
