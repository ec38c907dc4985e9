"""The name -> implementation tables of the stages: the config checks every name against
them (in one place, :meth:`summarizer.config.Config._known_names`), the CLI lists them,
the stages build from them. An entry is ``"module:attribute"``, imported when it is used,
so reading a table imports no stage. Adding an implementation is one module and one row.
The other tables of the same shape sit beside what they choose among:
``summarizer.rank.METHODS``, ``summarizer.executors.EXECUTORS``,
``summarizer.evaluation.systems.SYSTEMS``.
"""

from __future__ import annotations

from .registry import Entry, Table

SPLITTERS = Table("splitter", [
    Entry("punkt", "summarizer.ingest.split:PunktSplitter",
          "NLTK Punkt with the language's parameters, rules where it has none"),
])
SELECTORS = Table("selector", [
    Entry("mmr", "summarizer.select:mmr",
          "maximal marginal relevance (Carbonell & Goldstein 1998): select.mmr.*"),
    Entry("topk", "summarizer.select:topk", "the best-scored sentences that fit"),
])
SIMILARITY = Table("similarity backend", [
    Entry("embeddings", "summarizer.similarity.embeddings:EmbeddingBackend",
          "sentence embeddings, mean-pooled (similarity.embeddings.*)"),
    Entry("tfidf", "summarizer.similarity.tfidf:TfidfBackend",
          "sparse TF-IDF with the language's stop words and stems (similarity.tfidf.*)"),
])
REFINE_BACKENDS = Table("refine backend", [
    Entry("transformers", "summarizer.refine.generation:Generator",
          "the model loaded into this process (refine.transformers.*)"),
    Entry("openai", "summarizer.refine.server:ServerGenerator",
          "a model behind an OpenAI-compatible server: vLLM, llama.cpp, Ollama, TGI "
          "(refine.openai.*)"),
])
ROUGE_TOKENIZERS = Table("ROUGE tokenizer", [
    Entry("rouge_score", "summarizer.evaluation.rouge:RougeScoreTokenizer",
          "rouge-score's [a-z0-9] tokens, Porter stems optional"),
    Entry("unicode", "summarizer.evaluation.rouge:UnicodeTokenizer",
          "Unicode words of any script, one token per CJK character, no stemming"),
])
