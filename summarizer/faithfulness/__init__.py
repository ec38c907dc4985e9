"""Faithfulness: names, numbers and dates in a rewritten summary that no source article
states. Refine applies it to every rewrite (``refine.guard``); evaluation reports its
rates.

An extract copies source sentences, so it cannot invent a fact; a rewrite can (a name the
model saw in training, a figure rounded the wrong way, a weekday from nowhere). These are
plain string rules with no model, cheap enough to run on every summary and in evaluation.
The rules for a language are read from its :class:`~summarizer.language.Language`
profile (None is English):

- a *number* is compared by value, in the language's number grammar (:mod:`.numerals`:
  English digits and number words, "1,000" == "one thousand" and "5 percent" == "5%";
  elsewhere digits of any script, "٣٠" == "30", with every reading of "2,5");
- a *date* is a year (1000-2100) or an ISO date, and in English a decade ("1990s"), a
  month or a weekday;
- a *name* is a run of capitalised words each of which the sources state, in any case or
  by stem (:mod:`.names`); only where a capital marks a name: not in scripts without case
  (Arabic, Hebrew, Devanagari, Chinese ...), nor in German, which capitalises every noun.

The modules: :mod:`.numerals` (number and date grammars), :mod:`.names` (name runs and
their support), :mod:`.rules` (a language's rules), :mod:`.facts` (what the sources
state), :mod:`.check` (the sentence check), :mod:`.policy` (off, flag, drop, fallback,
and the rates).
"""

from .check import Item, SentenceCheck, check, check_sentence
from .facts import Facts, source_facts
from .numerals import MAX_NUMBER_WORDS
from .policy import (ACTIONS, apply_guard, extract_text, guard_stats, summary_sources,
                     unsupported_rate, unsupported_sentence_share)

__all__ = ["ACTIONS", "Facts", "Item", "MAX_NUMBER_WORDS", "SentenceCheck", "apply_guard",
           "check", "check_sentence", "extract_text", "guard_stats", "source_facts",
           "summary_sources", "unsupported_rate", "unsupported_sentence_share"]
