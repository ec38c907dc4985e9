"""Refine: the optional abstractive stage, Summary -> rewritten and guarded Summary.

``refine_summaries(summaries, cfg, units)`` rewrites each extract with the backend that
``load_generator(cfg)`` loads (:mod:`.refine`), then checks the rewrite against its
sources. The modules, one concern each:

- :mod:`.refine`: the backends table, the guard applied to what they write;
- :mod:`.prompt`: which sentences a model reads, fitted by whole sentences; tidying;
- :mod:`.generation`: a transformers model in this process, with its family's conventions;
- :mod:`.loading`: loading transformers models by hub id or local directory, offline-safe;
- :mod:`.server`: a model behind an OpenAI-compatible server (``refine.backend: openai``);
- :mod:`.client`: JSON over HTTP with timeouts and retries; :mod:`.cache`: its answers;
- :mod:`.guard`: names, numbers and dates in a rewrite that no source states;
- :mod:`.smollm2`: SmolLM2-135M-Instruct made a local model directory
  (``python -m summarizer.refine.smollm2``).

Importing this package imports neither torch nor transformers: they load with the model.
"""

from .prompt import input_sentences, tidy
from .refine import BACKENDS, load_generator, refine_each, refine_summaries

__all__ = ["BACKENDS", "load_generator", "refine_each", "refine_summaries", "input_sentences",
           "tidy"]
