"""Boilerplate removal by general rules.

Web and wire articles carry text that is not part of the story: share/print/comment
widgets, teasers for other stories, photo captions and credits, datelines, newsletter and
cookie prompts, copyright and syndication notes, crawler notes. The cleaner removes them
by *shape* (regex families and line-level heuristics), never by a list of one data set's
phrases, and records every removed piece as a :class:`~summarizer.documents.Dropped`
with a short rule name, so a run can show what was cut and why.

It works line by line (a line is a paragraph). Rules that look at a line's start or
vocabulary only fire on short lines, so one long paragraph (or a whole article on one
line, as in DUC) is never dropped because of its first words. Datelines are cut from the
first lines only, keeping the rest of the sentence. Two rules look beyond one line: a
short line right above a photo credit is that photo's caption, and a run of four or more
link-like lines (short, capitalised, unpunctuated, about other things than the article's
sentences) is a menu or a list of other stories. Finally an article with fewer than
``min_article_words`` words is dropped as ``short-article``, with a warning naming it.

Languages (``language``, a :class:`~summarizer.language.Language` profile; English by
default). Every rule is one function that reads the facts and switches of the profile
(``spaced``, ``cyrillic``, ``line_ends``, ``english_rules``...), none keeps a list of
languages. Under the English rules every rule is exactly as it always was. Elsewhere:

* script-general rules run unchanged: markup and wire codes, separators, e-mail
  addresses and contacts, share widgets by their symbols and platform names, glued menus,
  crawler notes, the photo-credit/caption shapes, title copies;
* English-wording rules also run unchanged, and are English-only in effect: teasers
  ("More news", "Read more"), comment and newsletter prompts, cookie/consent notices (a
  few French and German words too), captions ("(AP Photo/...)", "In this photo"),
  credits and bylines, copyright and syndication notes, app/site/media/advertising UI,
  timestamps of English month and time words. They match English phrases only (which
  pages in other languages carry too), so they cannot fire on another language's
  sentences, and they find no boilerplate written in that language;
* the rules that read the profile: sentence ends are the language's ``line_ends`` (those
  of every script: ``؟ ۔ । ॥ 。 ！ ？ ։ ። ။``, the Greek question mark, closing
  guillemets) for ``fragment``, link lists and wire slugs; word counts count each
  ideograph or kana in languages written without spaces (``fragment``, truncated
  teasers, link lists, ``short-article``); ``heading`` needs capitals of a cased script,
  so an Arabic, Hebrew, Devanagari or CJK line is never one; ``date`` also recognises
  date-only lines by shape (a day number and a year with at most a few words around
  them, or all digits, or ``2005年1月8日``) besides English month names; ``mixed-script``
  is off for languages written in Cyrillic (Russian, Serbian, ...), where a word mixing
  scripts is a typing slip, and elsewhere needs a mostly Latin line; datelines take a
  place and an agency in any script ("МОСКВА (РИА Новости) —", "القاهرة (رويترز) -") and
  capitals of any cased script; link lists take the language's stop words as words that
  need more.

Modules: :mod:`.markup`, the line rules by concern (:mod:`.furniture`, :mod:`.credits`,
:mod:`.notices`, :mod:`.shapes`) in the order :mod:`.rules` tries them, :mod:`.datelines`,
:mod:`.links`, and the drivers in :mod:`.articles`.
"""

from .articles import clean_article, clean_cluster, clean_text
from .rules import LINE_RULES, line_rule

__all__ = ["clean_cluster", "clean_article", "clean_text", "line_rule", "LINE_RULES"]
