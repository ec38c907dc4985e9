"""One NLTK module without ``import nltk``.

``import nltk`` runs the package's ``__init__``, which imports most of NLTK (scipy.stats,
and scikit-learn through ``nltk.classify``): 1.2 s of a 2.4 s ``summarizer summarize``,
for Punkt and Porter alone. :func:`load` imports just the module asked for and what it
imports itself, under stand-in parent packages; then the stand-ins and every NLTK module
loaded through them leave ``sys.modules`` again, so a later ``import nltk`` (rouge-score,
sumy) gets the real, whole package, while the module returned keeps working on its own.
Where the whole package is already imported, or another thread is running (it could
import NLTK itself meanwhile and meet the stand-ins: two imports of one module in two
threads can deadlock), the whole package is imported the usual way.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import threading
import types
from functools import cache

_LOCK = threading.Lock()


@cache
def load(name: str) -> types.ModuleType:
    """The module ``name`` (``"nltk.tokenize.punkt"``, ``"nltk.stem.porter"``)."""
    with _LOCK:
        if "nltk" in sys.modules or threading.active_count() > 1:
            return importlib.import_module(name)
        spec = importlib.util.find_spec("nltk")  # finds the package, runs nothing
        if spec is None or not spec.submodule_search_locations:
            raise ImportError("nltk is not installed")
        root = list(spec.submodule_search_locations)[0]
        before = set(sys.modules)
        parts = name.split(".")
        for k in range(1, len(parts)):
            package = types.ModuleType(".".join(parts[:k]))
            package.__path__ = [os.path.join(root, *parts[1:k])]
            sys.modules[package.__name__] = package
        try:
            return importlib.import_module(name)
        finally:
            for key in set(sys.modules) - before:
                if key == "nltk" or key.startswith("nltk."):
                    del sys.modules[key]
