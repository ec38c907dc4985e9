"""Refine: the optional abstractive stage, Summary -> rewritten and guarded Summary.

``refine_summaries(summaries, cfg, units)`` rewrites each extract with the backend that
``load_generator(cfg)`` loads (:mod:`.refine`), then checks the rewrite against its
sources. The modules, one concern each:

- :mod:`.refine`: the backend ``refine.backend`` names in
  :data:`summarizer.tables.REFINE_BACKENDS`, the guard applied to what it writes;
- :mod:`.prompt`: which sentences a model reads, fitted by whole sentences; tidying;
- :mod:`.generation`: a transformers model in this process (loaded by
  :mod:`summarizer.models`), with its family's conventions;
- :mod:`.server`: a model behind an OpenAI-compatible server (``refine.backend: openai``);
- :mod:`.client`: JSON over HTTP with timeouts and retries; :mod:`.cache`: its answers;
- the guard (:mod:`summarizer.faithfulness`): names, numbers and dates no source states;
- :mod:`.smollm2`: SmolLM2-135M-Instruct made a local model directory
  (``python -m summarizer.refine.smollm2``).

Importing this package imports neither torch nor transformers: they load with the model.
"""

from .prompt import input_sentences, tidy
from .refine import load_generator, refine_each, refine_summaries

__all__ = ["load_generator", "refine_each", "refine_summaries", "input_sentences", "tidy"]
