"""Plain data records shared by every stage.

They carry no behaviour beyond trivial derived values, so any stage can be called alone
with data built by hand (in tests, notebooks or other tools).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .language import Detected


@dataclass(frozen=True)
class Article:
    """One news article as read from disk or from a cluster file."""

    id: str
    text: str
    title: str = ""
    date: str | None = None
    url: str | None = None
    source: str = ""


@dataclass(frozen=True)
class Reference:
    """A handwritten reference summary of a cluster."""

    id: str
    text: str


@dataclass
class Cluster:
    """Articles about one event, optionally with reference summaries."""

    id: str
    articles: list[Article]
    references: list[Reference] = field(default_factory=list)
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Dropped:
    """A piece of text the cleaner removed, and the rule that removed it."""

    article_id: str
    text: str
    rule: str


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: ``article`` indexes ``Cluster.articles``, ``position`` the
    sentence inside that article (0-based, after cleaning)."""

    text: str
    article: int
    position: int


@dataclass(frozen=True)
class Unit:
    """A deduplicated sentence: one representative text standing for every
    (article, position) in ``support``. ``support[0]`` is the representative's own origin."""

    text: str
    support: tuple[tuple[int, int], ...]

    @property
    def article(self) -> int:
        return self.support[0][0]

    @property
    def position(self) -> int:
        return self.support[0][1]

    @property
    def n_articles(self) -> int:
        return len({a for a, _ in self.support})


@dataclass(frozen=True)
class Selected:
    """A unit chosen for the summary with the score that chose it."""

    unit: Unit
    score: float
    index: int


@dataclass(frozen=True)
class Support:
    """One place a selected sentence (or a near copy of it) stands in the input: the
    article's id, its index in ``Summary.articles`` and the sentence's position in it.
    The JSON output's ``support`` entries have exactly these fields."""

    article: str
    article_index: int
    position: int


@dataclass
class Summary:
    """The output of the pipeline for one cluster.

    ``text`` is the summary; ``sentences`` the selected sentences with their scores;
    ``support_of(s)`` where each one appears; ``to_dict()`` the CLI's JSON output;
    ``article_sentences`` the cleaned, split sentences the units were built from (so a
    view can show each article as its sentences; never in the JSON output)."""

    cluster_id: str
    sentences: list[Selected]
    articles: list[Article]
    dropped: list[Dropped] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    refined: str | None = None
    unsupported: list[dict] = field(default_factory=list)
    config: dict = field(default_factory=dict)
    # the language it was summarized in and how that was decided (None: not known, as in
    # a summary built by hand, which the guard reads as English)
    language: Detected | None = None
    # what the method reports about this run (an ILP that fell back to its greedy)
    notes: list[str] = field(default_factory=list)
    # every sentence of the cleaned articles (Sentence.article indexes ``articles``);
    # empty in a summary built by hand
    article_sentences: list[Sentence] = field(default_factory=list, repr=False)

    @property
    def text(self) -> str:
        """The summary as plain text: the refined text if there is one, else one sentence
        per line."""
        if self.refined is not None:
            return self.refined
        return "\n".join(s.unit.text for s in self.sentences)

    def support_of(self, selected: Selected) -> list[Support]:
        """Every article and position ``selected`` stands for, first its own origin."""
        return [Support(self.articles[a].id, a, p) for a, p in selected.unit.support]

    def to_dict(self, timings: bool = False) -> dict:
        """Exactly what ``summarizer summarize --format json`` prints (timings only when
        asked for, as with ``--timings``)."""
        from .output import to_dict

        return to_dict(self, timings)
