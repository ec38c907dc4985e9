"""What the guard does with a summary's unsupported facts (``refine.guard``: off, flag,
drop, fallback), and the rates evaluation reports."""

from __future__ import annotations

import dataclasses

from ..language import Language
from .check import SentenceCheck, check
from .facts import Facts, source_facts
from .rules import as_language

ACTIONS = ("off", "flag", "drop", "fallback")


def summary_sources(summary) -> list[str]:
    """The texts a summary may draw facts from: its articles' bodies, titles and dates."""
    out = []
    for a in summary.articles:
        out.extend([a.text, a.title, a.date or ""])
    return out


def extract_text(summary) -> str:
    return "\n".join(s.unit.text for s in summary.sentences)


def _entry(c: SentenceCheck, action: str) -> dict:
    return {"sentence": c.index, "text": c.text, "action": action,
            "items": [{"text": i.text, "type": i.type} for i in c.items]}


def _language_of(summary, language) -> Language:
    """``language`` if given, else the one the summary was written in (English for a
    summary built by hand without one)."""
    return as_language(language if language is not None else summary.language)


def apply_guard(summary, action: str, facts: Facts | None = None, language=None):
    """A copy of ``summary`` (which has ``refined`` text) with ``action`` applied.

    off: nothing checked. flag: the text stays, ``unsupported`` lists what no source
    states. drop: sentences with such facts are removed (the extract is used if none is
    left). fallback: the extract replaces the whole rewrite if any sentence has one.
    ``language``: the summary's language (None: the summary's own ``language`` if it has
    one, else English)."""
    if action not in ACTIONS:
        raise ValueError(f"guard action {action!r} is not one of {', '.join(ACTIONS)}")
    if action == "off" or summary.refined is None:
        return dataclasses.replace(summary, unsupported=[])
    lang = _language_of(summary, language)
    checks = check(summary.refined, facts or source_facts(summary_sources(summary), lang))
    bad = [c for c in checks if c.items]
    if not bad or action == "flag":
        return dataclasses.replace(summary, unsupported=[_entry(c, "flagged") for c in bad])
    kept = [c.text for c in checks if not c.items]
    if action == "drop" and kept:
        return dataclasses.replace(summary, refined=" ".join(kept),
                                   unsupported=[_entry(c, "dropped") for c in bad])
    return dataclasses.replace(summary, refined=extract_text(summary),
                               unsupported=[_entry(c, "fallback") for c in bad])


def guard_stats(summary, language=None) -> dict:
    """Unsupported facts in the summary's final text, recomputed from its articles, so the
    number is the same whatever guard action produced the text."""
    text = summary.text
    words = len(text.split())
    if not words:
        return {"words": 0, "sentences": 0, "items": 0, "sentences_with_items": 0,
                "per_100_words": 0.0, "sentence_share": 0.0}
    checks = check(text, summary_sources(summary), _language_of(summary, language))
    items = sum(len(c.items) for c in checks)
    flagged = sum(1 for c in checks if c.items)
    return {"words": words, "sentences": len(checks), "items": items,
            "sentences_with_items": flagged,
            "per_100_words": 100.0 * items / words,
            "sentence_share": flagged / len(checks) if checks else 0.0}


def unsupported_rate(summary, language=None) -> float:
    """Unsupported names, numbers and dates per 100 words of the summary's final text."""
    return guard_stats(summary, language)["per_100_words"]


def unsupported_sentence_share(summary, language=None) -> float:
    """Share of the summary's sentences that state at least one unsupported fact."""
    return guard_stats(summary, language)["sentence_share"]
