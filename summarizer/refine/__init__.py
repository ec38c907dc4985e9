"""Refine: the optional abstractive stage, Summary -> rewritten and guarded Summary.

``refine_summaries(summaries, cfg, units)`` rewrites each extract with the model that
``load_generator(cfg)`` loads (:mod:`.refine`), then checks the rewrite against its
sources. The modules, one concern each:

- :mod:`.refine`: which sentences the model reads, batching, tidying the output;
- :mod:`.generation`: a loaded model with the input conventions of its family;
- :mod:`.loading`: loading transformers models by hub id or local directory, offline-safe;
- :mod:`.guard`: names, numbers and dates in a rewrite that no source states;
- :mod:`.smollm2`: SmolLM2-135M-Instruct made a local model directory
  (``python -m summarizer.refine.smollm2``).

Importing this package imports neither torch nor transformers: they load with the model.
"""

from .refine import input_sentences, load_generator, refine_summaries, tidy

__all__ = ["load_generator", "refine_summaries", "input_sentences", "tidy"]
