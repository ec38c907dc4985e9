"""Command-line interface: a thin layer over the pipeline, the executors and the
evaluation, one module per command group:

- :mod:`.main`: the parser, logging, and one ``summarizer: error:`` line per user error;
- :mod:`.summarize`: ``summarize`` (through :mod:`summarizer.executors`, as the API);
- :mod:`.evaluate`: ``evaluate``, ``compare``, ``experiment``, ``runs``;
- :mod:`.rouge`: ``rouge155`` (ROUGE-1.5.5.pl's options) and ``rouge``;
- :mod:`.config`: ``config show``;
- :mod:`.common`: the config flags as overrides, stdout, messages, lists from the tables.

Heavy libraries are imported inside the command handlers, so ``summarizer --help`` is
instant. Choices and help lists are read from the tables (methods, systems, executors,
refine backends) and the config's own choices, never written out here.
"""

from .main import build_parser, main

__all__ = ["build_parser", "main"]
