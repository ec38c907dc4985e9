"""One root for what is kept between runs (a downloaded model, the language
identifier's arrays, refine's generations), which one variable moves."""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    """Where downloaded or derived assets are kept between runs: ``$SUMMARIZER_CACHE``,
    else ``~/.cache/summarizer``."""
    return Path(os.environ.get("SUMMARIZER_CACHE") or "~/.cache/summarizer").expanduser()
