"""The peers we compare against, driven on the same pre-split sentences as our pipeline.

sumy (LexRank, TextRank) and the `lexrank` package are optional (`pip install -e '.[bench]'`;
the test extra installs them too). Both would tokenize with NLTK data that cannot be
downloaded here, so they get our sentences and a plain regex word tokenizer; their
ranking code runs unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..budget import Budget

_WORDS = re.compile(r"\w+")


class _RegexWords:
    """Stands in for sumy's NLTK word tokenizer (which needs a Punkt download)."""

    language = "english"

    @staticmethod
    def to_words(text):
        return _WORDS.findall(text)

    @staticmethod
    def to_sentences(text):
        return [text]


def require(package: str, system: str) -> None:
    """One clear error when a peer's package is missing."""
    import importlib.util

    from ..errors import UsageError

    if importlib.util.find_spec(package) is None:
        raise UsageError(f"system {system!r} needs the {package!r} package: "
                         f"pip install -e '.[bench]'")


def _sumy_document(sentences):
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    tok = _RegexWords()
    return ObjectDocumentModel([Paragraph([Sentence(s, tok) for s in sentences])])


@lru_cache(maxsize=1)
def _english_stop_words():
    from sumy.utils import get_stop_words

    return frozenset(get_stop_words("english"))


def sumy_scores(sentences: list[str], algorithm: str = "lexrank") -> list[float]:
    """sumy's own rating of each sentence (its __call__ keeps only the top ones, in
    document order; the ratings are captured on the way out)."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    cls = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer}[algorithm]
    summarizer = cls(Stemmer("english"))
    summarizer.stop_words = _english_stop_words()
    captured = {}

    def capture(doc_sentences, count, rating, *args, **kwargs):
        captured["rating"] = rating
        return ()

    summarizer._get_best_sentences = capture
    doc = _sumy_document(sentences)
    summarizer(doc, len(sentences))
    rating = captured.get("rating", {})
    get = rating if callable(rating) else rating.get
    return [float(get(s) or 0.0) for s in doc.sentences]


def lexrank_scores(sentences: list[str], documents: list[list[str]] | None = None,
                   threshold: float = 0.1) -> list[float]:
    """Scores from the `lexrank` package.

    The package takes idf from a background corpus. By default each sentence is one
    idf document, as sumy does: with the cluster's own articles as the corpus, the topic
    words that every article shares get idf 0 and the package ranks below random
    (duc2003 R-2 4.6 against 7.9 this way)."""
    from lexrank import LexRank
    from lexrank.mappings.stopwords import STOPWORDS

    lxr = LexRank(documents or [[s] for s in sentences], stopwords=STOPWORDS["en"])
    return list(lxr.rank_sentences(sentences, threshold=threshold))


def top_sentences(texts: list[str], scores: list[float], budget: Budget) -> list[str]:
    """How the peers pick a summary: best-rated sentences that fit the budget, shown in
    document order (what sumy's ``__call__`` does with a sentence count)."""
    order = sorted(range(len(texts)), key=lambda i: (-scores[i], i))
    return [texts[i] for i in sorted(budget.take(texts, order))]
