"""summarizer: multi-document news summarization.

Files -> Articles -> cleaned Articles -> Sentences -> deduplicated Units (with support)
-> centrality scores -> selected Summary -> (refined Summary) -> ROUGE against references.

Every stage is a small module that can be called alone from Python; ``pipeline.summarize``
wires them together from one typed :class:`summarizer.config.Config`.
"""

__version__ = "0.1.0"
