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

Languages (``language``, a :class:`~summarizer.language.Language`; English by default).
For English every rule is exactly as it always was. For other languages:

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
* language-aware variants replace these: sentence ends are those of every script (``؟ ۔
  । ॥ 。 ！ ？ ։ ። ။``, the Greek question mark, closing guillemets) for ``fragment``
  and link lists; word counts count each ideograph or kana in languages written without
  spaces (``fragment``, truncated teasers, link lists, ``short-article``); ``heading``
  needs capitals in a cased script, so an Arabic, Hebrew, Devanagari or CJK line is never
  one; ``date`` recognises date-only lines by shape (a day number and a year with at most
  a few words around them, or all digits, or ``2005年1月8日``) rather than English month
  names; ``mixed-script`` is off for languages written in Cyrillic (Russian, Serbian,
  ...), where a word mixing scripts is a typing slip, and elsewhere needs a mostly Latin
  line; datelines take a place and an agency in any script ("МОСКВА (РИА Новости) —",
  "القاهرة (رويترز) -") and capitals of any cased script; link lists take the language's
  stop words as words that need more.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import replace
from functools import cache
from html.entities import html5
from typing import Callable

import regex as _regex

from .config import CleanConfig
from .documents import Article, Cluster, Dropped
from .ingest.formats import parse_date_line
from .language import Language, get_language
from .text import MONTH_PATTERN, MONTHS, ends_like_a_sentence, is_stop_word
from .text import word_count as _word_count

log = logging.getLogger("summarizer")

# ----------------------------------------------------------------------------- helpers

_WORD_CHARS = re.compile(r"\w", re.UNICODE)
# Scripts written without spaces between words (as in summarizer.text).
_UNSPACED = _regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def _words(line: str) -> list[str]:
    return line.split()


def _ends_like_sentence(line: str) -> bool:
    """The last character ends an English sentence or clause (``text.ends_like_a_sentence``
    with ``clause_marks``)."""
    return ends_like_a_sentence(line, clause_marks=True)


def _has_lower(line: str) -> bool:
    return any(c.islower() for c in line)


ENGLISH = get_language("en")


def _ends_like_sentence_in(line: str, language: Language) -> bool:
    """As :func:`_ends_like_sentence`, with the sentence ends of every script outside
    English (Arabic ؟, Devanagari । ॥, CJK 。！？．, guillemets, CJK brackets...)."""
    return ends_like_a_sentence(line, clause_marks=True, language=language)


def _count(line: str, words: list[str], language: Language) -> int:
    """Words in ``line``: the spaced pieces, except that in a language written without
    spaces a piece holding ideographs or kana counts as its words there (each ideograph or
    kana one: :func:`summarizer.text.word_count`); a URL or Latin word stays one."""
    if language.spaced:
        return len(words)
    return sum(_word_count(w, language) if _UNSPACED.search(w) else 1 for w in words)


# ----------------------------------------------------------------------------- markup

# Block tags become line breaks; SGML wire codes (&QL; &UR; ...) that are not HTML
# entities are removed; <ANNOTATION> blocks are editorial notes: an opening tag
# (``<note ...>``) to the nearest closing tag of its name, in any case.
_ANNOTATION_OPEN = re.compile(r"<(annotation|note|comment)\b", re.I)
_ANNOTATION_CLOSE = {name: re.compile(rf"</{name}\s*>", re.I)
                     for name in ("annotation", "note", "comment")}
_BLOCK_TAG = re.compile(
    r"</?(?:p|br|div|section|article|blockquote|li|ul|ol|h[1-6]|tr|table|text|body"
    r"|headline|hl|dateline|graphic)\b[^>]{0,200}>",
    re.I,
)
_INLINE_TAG = re.compile(r"</?(?:span|a|b|i|em|strong|font|u|sup|sub|small|img)\b[^>]{0,300}>", re.I)
_CODE = re.compile(r"&([A-Z]{2,4});")
# wire-service slugs closing an article: "(scl)", "(vs/krt)", "(tc-pfg-dkt)"
_WIRE_SLUG = re.compile(r"\s*\((?:[a-z]{2,3}|[a-z]{1,5}(?:[-/][a-z]{1,5}){1,4})\)\s*$")


def _annotation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each annotation block, left to right, as one regular expression
    ``<(name)\\b[^>]*>.*?</\\1\\s*>`` would find them, in one pass: the next ``>`` and
    each name's next closing tag are looked up once and reused, so a text of 100,000
    unclosed ``<note>`` tags is not scanned to its end from each one (a hang)."""
    spans: list[tuple[int, int]] = []
    pos, gt = 0, -1  # gt: the first ">" at or after the last opening tag looked at
    closing: dict[str, re.Match | None] = {}  # name -> its next closing tag, None: none left
    while (m := _ANNOTATION_OPEN.search(text, pos)) is not None:
        if gt < m.end():
            gt = text.find(">", m.end())
            if gt < 0:  # no ">" left: no opening tag can be complete
                break
        name = m.group(1).lower()
        close = closing.get(name, False)
        if close is False or (close is not None and close.start() <= gt):
            close = closing[name] = _ANNOTATION_CLOSE[name].search(text, gt + 1)
        if close is None:
            pos = m.start() + 1
            continue
        spans.append((m.start(), close.end()))
        pos = close.end()
    return spans


def _strip_markup(text: str, dropped: list[str]) -> str:
    if "<" in text:
        pieces, last = [], 0
        for start, end in _annotation_spans(text):
            inner = " ".join(re.sub(r"<[^>]+>", " ", text[start:end]).split())
            if inner:
                dropped.append(inner)
            pieces += [text[last:start], "\n"]
            last = end
        text = "".join(pieces) + text[last:]
        text = _BLOCK_TAG.sub("\n", text)
        text = _INLINE_TAG.sub("", text)

    if "&" in text:
        def code(m: re.Match) -> str:
            if m.group(1) + ";" in html5:
                return m.group(0)  # a real entity, unescaped below
            dropped.append(m.group(0))
            return " "

        text = _CODE.sub(code, text)
        text = html.unescape(text)
    return text


# ----------------------------------------------------------------------------- line rules

# A line made only of these words (plus digits and punctuation) is a share/print/comment
# widget, provided at least one CORE word is present.
_UI_CORE = {
    "share", "shares", "shared", "sharing", "tweet", "tweets", "retweet", "email", "e-mail",
    "mail", "print", "printer", "comment", "comments", "reply", "replies", "facebook",
    "twitter", "linkedin", "pinterest", "whatsapp", "reddit", "tumblr", "messenger",
    "flipboard", "instagram", "youtube", "google", "google+", "sms", "copy", "link",
    "save", "saved", "bookmark", "like", "likes", "post", "adjust", "font", "send", "pin",
    "follow", "embed", "permalink", "gmail", "pocket", "digg", "telegram", "snapchat",
    "subscribe", "vk", "weibo", "wechat",
}
_UI_FILLER = {
    "this", "on", "to", "the", "a", "an", "via", "with", "article", "story", "page", "opens",
    "in", "new", "window", "tab", "friend", "friends", "loading", "related", "listen",
    "text", "size", "location", "your", "add", "us", "me", "click", "here", "and", "or",
    "more", "view", "options", "icon", "url", "of", "for", "by", "it", "now", "play",
    "video", "audio", "image", "photo", "close", "open", "menu", "larger", "smaller",
    "reset", "increase", "decrease", "aa", "a+", "a-", "+", "-", "x", "options",
}
_TOKEN_STRIP = ".,:;!?()[]{}|•·\"'“”‘’«»<>/\\*#@_–—…"


def _is_ui_words(line: str, words: list[str], _cfg) -> bool:
    if len(words) > 15:
        return False
    core = False
    for raw in words:
        tok = raw.strip(_TOKEN_STRIP).lower()
        if not tok or not _WORD_CHARS.search(tok) or re.fullmatch(r"[\d:.,]+[km]?", tok):
            continue
        if tok in _UI_CORE:
            core = True
        elif tok not in _UI_FILLER:
            return False
    return core


def _line_re(pattern: str, max_words: int, flags=re.I) -> Callable:
    rx = re.compile(pattern, flags)

    def rule(line: str, words: list[str], _cfg) -> bool:
        return len(words) <= max_words and rx.search(line) is not None

    return rule


_click_ui = _line_re(
    r"^(?:click|tap)\s+(?:here\s+)?to\s+(?:share|email|e-mail|print|comment|tweet|follow"
    r"|like|save|send|pin|post)\b",
    20,
)
_comment_ui = _line_re(
    r"^(?:leave|post|add|write|submit|view|show|hide|read|see|load)\s+(?:a|your|all|the"
    r"|\d+)?\s*(?:\d+\s+)?(?:reply|replies|comments?|responses?)\b"
    r"|your e-?mail address will not be published|required fields are marked"
    r"|^comments?\s+(?:are|is)\s+(?:closed|disabled|moderated|turned off)"
    r"|^\d+\s+(?:comments?|replies|responses)\s*$"
    r"|^join\s+the\s+(?:conversation|discussion)"
    r"|you must be (?:logged|signed) in to (?:post|comment|reply)"
    r"|^(?:log|sign)\s+in\s+to\s+(?:comment|reply|post)"
    r"|^notify me of (?:follow-up|new) (?:comments|posts)"
    r"|comments? (?:are )?powered by"
    r"|^be the first to comment"
    r"|^(?:cancel reply|have your say)\b"
    r"|^(?:read|see|view) our (?:comment(?:ing)?|community) (?:policy|guidelines)",
    25,
)

_TEASER_STRONG = (
    r"more\s+news|more\s+(?:stories|coverage|headlines|videos|photos)"
    r"|related(?:\s+(?:articles?|stories|story|content|coverage|news|links?|posts?|reading"
    r"|videos?|topics|items))?"
    r"|read\s+more(?:\s+about)?|read\s+(?:the\s+)?(?:full|original)\s+(?:story|article)"
    r"|also\s+read|also\s+see|see\s+also|must\s+read|recommended(?:\s+(?:for\s+you|stories"
    r"|reading|articles|videos))?|you\s+(?:may|might)\s+also\s+(?:like|enjoy|be\s+interested\s+in)"
    r"|don'?t\s+miss|editor'?s\s+picks?|top\s+stories|latest\s+(?:news|headlines|stories|videos)"
    r"|trending(?:\s+(?:now|stories))?|most\s+(?:read|popular|viewed|shared)"
    r"|popular\s+(?:stories|now)|up\s+next|sponsored\s+stories|more\s+from\s+[\w&.'’ -]{1,40}?"
)
_TEASER_WEAK = r"watch|videos?|photos|gallery|listen|read|more|next|previously|see"
_BULLET = re.compile(r"^[\s■•●▶►»>*·▪◆◇○◦–—-]+")
_TEASER_SEP = re.compile(
    r"^\(?(?:" + _TEASER_STRONG + "|" + _TEASER_WEAK + r")\s*(?::|\||»|›|>|–|—|-\s)", re.I
)
_TEASER_ALONE = re.compile(
    r"^\(?(?:" + _TEASER_STRONG + "|" + _TEASER_WEAK + r")\s*[:.»›>…]*\)?$", re.I
)
_TEASER_TITLE = re.compile(r"^(?:" + _TEASER_STRONG + r")\s+\S", re.I)
_TEASER_TRAIL = re.compile(
    r"\b(?:read\s+more|read\s+the\s+full\s+story|full\s+story|continue\s+reading)\s*[»›>…]*$",
    re.I,
)


def _teaser(line: str, words: list[str], _cfg) -> bool:
    if len(words) > 30:
        return False
    body = _BULLET.sub("", line)
    if _TEASER_SEP.match(body):
        return True
    # "Related Articles", "More from Example News"; not "More from X appears below."
    if _TEASER_ALONE.match(body) and (len(words) <= 3 or not body.endswith(".")):
        return True
    if len(words) <= 25 and not _ends_like_sentence(body):
        return bool(_TEASER_TITLE.match(body) or _TEASER_TRAIL.search(body))
    return False


# Captions and credits
_PHOTO = r"(?:photo(?:graph)?s?|images?|pictures?|video(?:\s+(?:image|still|grab))?|frame\s+grabs?|screen\s*(?:shot|grab)s?|handout|stills?|illustrations?|graphics?)"
# The words AP-style captions put between "In this" and "photo": dates and photo kinds.
_CAPTION_MID = (
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|" + MONTH_PATTERN + r"|\d{1,4}(?:st|nd|rd|th)?"
    r"|file|undated|handout|aerial|combination|family|booking|courtroom|police|selfie|video"
    r"|satellite|provided|released|distributed)\.?,?"
)
_IN_THIS_PHOTO = re.compile(
    r"^(?:file\s*(?:photo)?\s*[-–—:_]+\s*)?in\s+(?:this|these|a|an)\s+"
    r"(?:" + _CAPTION_MID + r"\s+){0,8}" + _PHOTO + r"\b,?\s*"
    r"(?:,|provided|released|taken|made|shot|obtained|from|posted|shared|distributed|by|of"
    r"|courtesy|shows?|showing|supplied|issued|$)",
    re.I,
)
_THIS_PHOTO = re.compile(
    r"^(?:file\s*(?:photo)?\s*[-–—:_]+\s*)?(?:this|these)\s+(?:"
    r"(?:(?:undated|handout|file|booking|police|family|aerial|combination)\s+)*"
    r"(?:" + _PHOTO + r"|mug\s*shots?)\s+(?:provided|released|taken|made\s+available|obtained"
    r"|supplied|distributed|courtesy|posted|shared|issued)\b"
    r"|(?:(?:undated|handout|file|booking|police|family|aerial|combination)\s+)+"
    r"(?:" + _PHOTO + r"|mug\s*shots?)\s+shows?\b)",
    re.I,
)
_FILE_LABEL = re.compile(r"^file\s*(?:photo)?\s*[-–—:_]+\s*\S", re.I)
_CAPTION_MARK = re.compile(
    r"(?i:\b(?:image|hide|toggle|enlarge|photo)\s+caption\b|\benlarge\s+this\s+image\b"
    r"|\|\s*(?:ap\s+photo|getty\s+images|reuters|afp|epa)\b|\bap\s+photo\s*/"
    r"|\b(?:photograph|photo|image|illustration|picture)\s*:\s*\S[^.]{0,60}$)"
    # "... REUTERS/Mike Segar/File Photo" at the end of a line. The space around a later
    # "/" belongs to the words ("[\w ]+"), never to an optional "\s?" too: two ways to
    # read each " / " made a line of 40 of them take hours.
    r"|\b[A-Z]{3,}/[A-Z][a-z]+\s[A-Z][\w.'’-]+"
    r"(?:\s?/[^\S ]?[\w ]+(?:[^\S ]?/[^\S ]?[\w ]+)*)?\s*$"
)
_CREDIT_START = re.compile(
    r"^\(?(?:" + _PHOTO + r"|picture|image)\s*(?:by\b|:|credit\b|courtesy\b|via\b|source\b|©)"
    r"|^(?:image|photo|picture)\s+copyright\b|^(?:getty\s+images|ap\s+photo|shutterstock"
    r"|istock(?:photo)?|afp\s+via\s+getty)\b|^courtesy(?:\s+of)?\s+(?-i:[A-Z])",
    re.I,
)
_CREDIT_PAREN = re.compile(
    r"\((?:(?-i:[A-Z][^()]{0,60}/\s?[A-Z][^()]{0,60})"
    r"|(?:ap|afp|reuters|epa|getty(?:\s+images)?|associated\s+press"
    r"|european\s+pressphoto\s+agency|file|file\s+photo|handout|pool)"
    r"(?:\s+photo)?(?:\s*/[^()]*)?|(?:photo|image|picture)s?(?:\s*:|\s+by|\s+courtesy)[^()]{0,80})"
    r"\)\.?\s*$",
    re.I,
)
# "(Photo: Jane Doe)" inside a line
_INLINE_CREDIT = re.compile(
    r"\s*\((?:photo|image|picture|video)s?\s*(?::|by\b|credit\b|courtesy\b)[^()]{0,80}\)", re.I
)
# "Facebook Twitter Pinterest An artist's impression ..." share buttons glued to a line
_INLINE_SHARE = re.compile(
    r"^(?:(?:facebook|twitter|pinterest|e-?mail|share|tweet|linkedin|whatsapp|reddit|print"
    r"|messenger|flipboard)\s+){2,}(?=\S)",
    re.I,
)


def _caption(line: str, words: list[str], cfg: CleanConfig) -> bool:
    n = len(words)
    limit = cfg.max_caption_words
    if n <= 2 * limit and (_IN_THIS_PHOTO.match(line) or _THIS_PHOTO.match(line)):
        return True
    if n <= 2 * limit and _FILE_LABEL.match(line) and _CREDIT_PAREN.search(line):
        return True
    if n <= limit and (_CAPTION_MARK.search(line) or _CREDIT_PAREN.search(line)):
        return True
    return False


_AP_PHOTO = re.compile(r"^\(?ap\s+photo\s*/", re.I)


def _short_credit(line: str, words: list[str], cfg: CleanConfig) -> bool:
    """A short line that is only a credit: "Photo: Jane Doe", "(Jane Doe/AP)"."""
    if len(words) > 8:
        return False
    if _CREDIT_START.search(line) or _AP_PHOTO.search(line):
        return True
    return line.startswith("(") and _CREDIT_PAREN.fullmatch(line) is not None


def _credit(line: str, words: list[str], cfg: CleanConfig) -> bool:
    return len(words) <= 15 and _CREDIT_START.search(line) is not None


_byline = _line_re(
    r"^[Bb]y\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"(?:\s*(?:,|and|&|of|for)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,5})*\s*\.?$"
    r"|^[Bb]y:?$",
    14,
    flags=0,
)
_reporting_credit = _line_re(
    r"^\(?(?:additional\s+)?(?:reporting|writing|editing|compiled|research)\s+by\b"
    r"|\bcontributed\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article)\b"
    r"|\bcontributed\s+reporting\b|^with\s+(?:files|reporting)\s+from\b"
    r"|^(?:information|material)\s+from\s*:?\s",
    40,
)
# The first alternative is one token holding an address ("^\S+@\S+\.\w+$" written so that
# its first "@" is the one tried: a token of 100,000 "@" is not tried from each).
_contact = _line_re(
    r"^(?=\S+$)\S[^@]*@.+\.\w+$"
    r"|^(?:to\s+contact|contact|write\s+to|e-?mail|reach)\b.{0,120}@"
    r"|^(?:twitter|instagram|facebook)\s*:?\s*@\w+$",
    25,
)
# An e-mail address anywhere in a line of up to 60 words: "write to x@y.com", "Email my
# colleagues at ...", a directory of addresses. A story paragraph rarely carries one; a
# whole article on one line (DUC) is far longer.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
_email_line = _line_re(_EMAIL.pattern, 60, flags=0)
_social = _line_re(
    r"^follow\s+(?:us|me|@\w+|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+(?:on|at)\s+"
    r"(?:twitter|facebook|instagram|google|linkedin|tiktok|threads|bluesky)"
    r"|^(?:like|find)\s+us\s+on\s+facebook",
    30,
)
_copyright = _line_re(
    r"^(?:(?:copyright|\(c\))\s*(?:©\s*)?(?:\d{4}|by\b)|©)|\ball\s+rights\s+reserved\b"
    r"|\bmay\s+not\s+be\s+(?:published|reproduced|redistributed|rewritten)",
    40,
)
# Legal footers run long (one paragraph of owner, address, trademark and reuse terms), so
# the marks no story sentence uses are looked for anywhere in up to 100 words: the ©
# sign, "Copyright <year>", "subject to copyright", "registered trade mark", "unauthorised
# use/reproduction". "Copyright law" or "a copyright case" is not one of them.
_legal = _line_re(
    r"©|\bcopyright\s*(?:©|\(c\)|\d{4})|\ball\s+rights\s+reserved\b"
    r"|\bsubject\s+to\s+copyright\b|\bregistered\s+trade\s*marks?\s+of\b"
    r"|\bunauthori[sz]ed\s+(?:use|reproduction|copying|distribution|redistribution)\s+"
    r"(?:is|of|includes)\b|\bfor\s+(?:general\s+)?information(?:al)?\s+purposes\s+only\b",
    100,
)
_syndication = _line_re(
    r"^(?:this|the)\s+(?:article|story|post|piece|report|content)\s+(?:was\s+|is\s+)?"
    r"(?:originally|first)\s+(?:published|appeared|posted|ran)"
    r"|^(?:originally|first)\s+(?:published|appeared|posted)\s+(?:on|in|at|by)\b"
    r"|^a\s+version\s+of\s+this\s+(?:article|story)\s+(?:appeared|was\s+published)"
    r"|\boriginally\s+published\s+(?:on|in|at)\s+[\w.]+\.?\s*$"
    r"|^\(?distributed\s+by\b",
    40,
)
_newsletter_start = _line_re(
    r"^(?:sign\s+up|subscribe|get\s+(?:our|the\s+latest|daily|weekly|breaking)|join\s+our"
    r"|enter\s+your\s+e-?mail|receive\s+(?:our|daily|the\s+latest))\b"
    r"|thanks?\s+(?:you\s+)?for\s+(?:subscribing|signing\s+up)|\bunsubscribe\s+at\s+any\s+time"
    r"|\bby\s+(?:signing\s+up|subscribing)\b|\binvalid\s+e-?mail\b",
    40,
)
_NEWS_VERB = re.compile(r"\b(?:sign(?:ing|ed)?\s+up|subscrib(?:e|ed|ing))\b", re.I)
_NEWS_NOUN = re.compile(r"\b(?:newsletters?|inbox|e-?mails?|alerts)\b", re.I)
_YOU = re.compile(r"\b(?:you|your|our)\b", re.I)


_NEWSLETTER = re.compile(r"\bnewsletters?\b|\bmailing\s+list\b", re.I)
_NEWSLETTER_PITCH = re.compile(
    r"\b(?:you|your|our|get|sign|subscribe|free|daily|weekly|inbox|receive|join|consent)\b",
    re.I)


def _newsletter(line: str, words: list[str], cfg) -> bool:
    if _newsletter_start(line, words, cfg):
        return True
    # "Get the newsletter everyone reads", "our free weekly newsletter lets you ..."
    if len(words) <= 30 and _NEWSLETTER.search(line) and _NEWSLETTER_PITCH.search(line):
        return True
    # "sign up ... newsletter/inbox" addressed to the reader, not a report about sign-ups
    return (
        len(words) <= 40
        and bool(_NEWS_VERB.search(line) and _NEWS_NOUN.search(line))
        and (_YOU.search(line) is not None or not _ends_like_sentence(line))
    )


_cookie = _line_re(
    r"\bwe\s+(?:use|place|serve)\s+cookies|\bcookies?\s+(?:policy|settings|preferences|consent"
    r"|notice|banner)|\baccept\s+(?:all\s+)?cookies|\buse\s+of\s+cookies"
    r"|(?:site|website|page)\s+uses\s+cookies|\bby\s+continuing\s+to\s+(?:use|browse)",
    60,
)

# Consent and privacy notices: a site's legal vocabulary. One mark is enough in a line of
# up to 40 words that addresses the reader or is not a sentence (a footer menu); two
# marks are needed in a longer paragraph (up to 150 words), so a report that mentions a
# company's privacy policy once stays. A cookie line counts when it speaks to the reader
# about the site ("we use cookies to improve your experience", in any of a few languages'
# pronouns), never for cookies that are food.
_CONSENT = re.compile(
    r"\bcookies?\s+(?:policy|settings|preferences|consent|notice|banner|statement)"
    r"|\bwe\s+(?:use|place|serve)\s+cookies|\baccept\s+(?:all\s+)?cookies"
    r"|\bprivacy\s+(?:policy|notice|statement|settings|preferences|center|centre)"
    r"|\bopt(?:ing)?[-\s]out\b|\bterms\s+(?:of\s+(?:use|service)|and\s+conditions)"
    r"|\bconsent\s+(?:terms|management|preferences|settings)"
    r"|\bpersonali[sz]ed\s+(?:content|ads|advertising)|\btargeted\s+(?:ads|advertising)"
    r"|\btracking\s+technologies|\bby\s+using\s+(?:our|this)\s+(?:site|website|service)"
    r"|\bdo\s+not\s+sell\s+my\b|\bdata\s+protection\s+(?:declaration|statement|policy|notice)"
    r"|\bprotection\s+des\s+donn[ée]es\b|\bdatenschutz",
    re.I,
)
_READER = re.compile(
    r"\b(?:you|your|we|our|us|please|nous|vous|notre|votre|wir|ihre|unsere)\b", re.I)
_COOKIE = re.compile(r"\bcookies?\b", re.I)
_SITE_WORD = re.compile(
    r"\b(?:site|website|browser|brows\w*|experience|offer|offre|am[ée]lior\w*"
    r"|improve|analy[sz]\w*|traffic|ads|advertis\w*|tracking|technolog\w*|consent|accept"
    r"|settings|personali[sz]\w*|navigat\w*|donn[ée]es|data)\b",
    re.I,
)


def _site_cookie(line: str) -> bool:
    """"cookie(s)" with a word about the site after it: looked for after the first
    "cookie" only (a later one has fewer words after it), so a token of 100,000 cookies
    is read once, not once from each."""
    cookie = _COOKIE.search(line)
    return cookie is not None and _SITE_WORD.search(line, cookie.end()) is not None


def _consent(line: str, words: list[str], _cfg) -> bool:
    n = len(words)
    if n > 150:
        return False
    marks = len(_CONSENT.findall(line)) + (
        1 if _site_cookie(line) and _READER.search(line) else 0)
    if marks >= 2:
        return True
    return marks == 1 and n <= 40 and (
        _READER.search(line) is not None or not _ends_like_sentence(line))


# Comment-section rules: "keep your comments relevant and respectful", "read our
# community guidelines", "we reserve the right to delete posts"; addressed to the reader,
# so a report on a platform's community standards stays.
_COMMENT_POLICY = re.compile(
    r"\bcomments?\b.{0,40}\b(?:relevant|respectful|civil|courteous|on[-\s]topic|moderated"
    r"|abusive|offensive)\b"
    r"|\b(?:community|commenting|comment|house|discussion)\s+(?:guidelines|standards|rules"
    r"|policy)\b"
    r"|\breserve\s+the\s+right\s+to\s+(?:delete|remove|edit|ban)"
    r"|\b(?:inappropriate|offensive|abusive)\s+(?:posts|comments|content)\b"
    r"|\bfreedom\s+of\s+(?:speech|expression)\s+is\s+(?:our|a)\b",
    re.I,
)


def _comment_policy(line: str, words: list[str], _cfg) -> bool:
    return (len(words) <= 40 and _COMMENT_POLICY.search(line) is not None
            and _READER.search(line) is not None)


# Reader feedback and share-by-email forms: "your feedback will go to our editors",
# "your e-mail address is used only to ...", "check your email addresses!".
_FORM = re.compile(
    r"\byour\s+(?:[\w-]+\s+)?(?:feedback|opinions?|e-?mail\s+address(?:es)?|message)\b"
    r"(?=.*\b(?:editors?|us|we|our|recipient|sent|send|important|used|published|shared"
    r"|retained|stored)\b)"
    r"|\b(?:check|enter|verify|confirm)\s+your\s+e-?mail\b|\bsave\s+my\s+name\b"
    r"|\bnext\s+time\s+i\s+comment\b|\bcharacters?\s+(?:remaining|left)\b"
    r"|^please\s+enter\s+(?:a|an|your)\b"
    r"|\bcontact\s+(?:the|our)\s+(?:webmaster|online\s+editor|news\s*room|editors?)\b"
    r"|\bthank\s+you\s+for\s+(?:your\s+)?(?:feedback|taking\s+(?:the|your)\s+time)",
    re.I,
)
_form = _line_re(_FORM.pattern, 30)

# App and alert promotions: "Get the new Example News app today!", "News app: Google
# Play", "breaking news sent straight to your phone".
_app_promo = _line_re(
    r"\b(?:download|get|install|try|using)\s+(?:the|our)\b.{0,40}\bapps?\b"
    r"|\bapps?\b\s*(?::|for|on)\s*(?:apple|ios|iphone|ipad|android|google\s+play)"
    r"|\b(?:app\s+store|google\s+play)\b"
    r"|\b(?:sent|delivered)\s+(?:straight|directly|right)\s+to\s+your\s+(?:device|phone|inbox)"
    r"|\b(?:turn\s+on|enable|allow)\s+(?:push\s+)?notifications\b"
    r"|^you\s+(?:don'?t|do\s+not)\s+have\s+any\s+notifications",
    30,
)

# Site furniture addressed to the reader: language and edition pickers, account and
# editing notices ("You have permission to edit this article.", "You are not logged in.").
_site_ui = _line_re(
    r"\blanguage\s+settings?\b|\bwrong\s+language\b|\bin\s+\d+\s+languages\b"
    r"|^(?:choose|select|change)\s+(?:from\s+\d+\s+|your\s+|the\s+)?(?:languages?|edition|region)\b"
    r"|^you\s+(?:have|do\s+not\s+have|don'?t\s+have)\s+permission\s+to\b"
    r"|^you\s+are\s+(?:not\s+)?(?:logged|signed)\s+(?:in|out)\b"
    r"|^(?:proudly\s+)?powered\s+by\b",
    15,
)

# Timestamp lines: "PUBLISHED: May 3, 2021 at 4:56 p.m. | UPDATED: ...", "May 3, 2021 |
# 6:03 pm": digits plus only date, time and label words.
_TIME_WORDS = frozenset(MONTHS) | frozenset("""
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur
    thurs fri sat sun am pm a m p
    published updated posted modified last first on at by edt est cdt cst mdt mst pdt pst
    gmt utc bst cet cest et pt ist hrs h st nd rd th
""".split())
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


_TIME_LABELS = frozenset("published updated posted modified last first on at by".split())


def _timestamp(line: str, words: list[str], _cfg) -> bool:
    if len(words) > 25 or not any(c.isdigit() for c in line):
        return False
    runs = [w.lower() for r in _LETTER_RUN.findall(line) for w in _CAMEL.split(r)]
    return (all(w in _TIME_WORDS for w in runs)
            and any(w not in _TIME_LABELS for w in runs))  # a month, a day or am/pm


# Teasers cut off by the site: a short line ending in an ellipsis right after a word
# ("Minister urges calm over the...", "Storm damage costs top…", "... over the …"); a
# quotation that trails off ends with its closing quote instead.
_truncated = _line_re(r"[^\W_](?:\.\.\.|\s?…)$", 30, flags=0)

# Latin and Cyrillic letters inside one word ("Cоntact" with a Cyrillic "о"): text
# disguised from filters, i.e. advertising, in two or more words. (Greek is left out:
# science writes "TNFα".)
_MIXED_SCRIPT = re.compile(r"\b(?=\w*[A-Za-z])(?=\w*[\u0400-\u04ff])\w+\b")


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _mixed_script(line: str, words: list[str], _cfg) -> bool:
    # the word-by-word look-aheads are slow on long lines; most lines have no Cyrillic
    return _CYRILLIC.search(line) is not None and len(_MIXED_SCRIPT.findall(line)) >= 2


# Menus dumped as text glue their links together ("HomeNewsSportsWeather"): three or
# more lower-to-upper joins in a line that is not a sentence.
_GLUED = re.compile(r"[a-z][A-Z]")


def _glued_menu(line: str, words: list[str], _cfg) -> bool:
    if len(words) > 40 or _ends_like_sentence(line):
        return False
    # words only: a link or a code ("pic.twitter.com/pJVt7gExAy") has joins of its own
    joins = sum(len(_GLUED.findall(w)) for w in words
                if not any(c.isdigit() or c in "/.@#_=" for c in w))
    return joins >= 3


_advertisement = _line_re(
    r"^(?:(?:the\s+)?(?:story|article|content|text)\s+)?continues?\s+(?:below|after)"
    r"(?:\s+(?:the\s+)?(?:advertisement|ad|video))?\W*$"
    r"|^(?:story|article)\s+continued\s+below\W*$"
    r"|^continue\s+reading\s+(?:the\s+)?(?:main\s+)?(?:story|article)\W*$"
    r"|^(?:advertisement|advertising|ad|sponsored(?:\s+(?:content|links?|post))?|paid\s+(?:post|content)"
    r"|promoted(?:\s+(?:stories|content))?|skip\s+ad|scroll\s+to\s+continue(?:\s+with\s+content)?)\W*$",
    8,
)
_nav = _line_re(
    r"^(?:(?:back\s+to|top\s+of(?:\s+the)?)\s+(?:top|page)|skip\s+to\s+(?:main\s+)?content"
    r"|home|menu|search|close|previous|next|show\s+more|load\s+more|view\s+gallery"
    r"|text\s+size|print\s+this\s+(?:page|article)|(?:previous|next)\s+(?:story|article|page)"
    r"|\d+\s+of\s+\d+|page\s+\d+(?:\s+of\s+\d+)?)\W*$",
    8,
)
_media_ui = _line_re(
    r"please\s+enable\s+javascript|your\s+browser\s+does\s+not\s+support"
    r"|javascript\s+(?:is\s+)?(?:required|disabled)|\bclick\s+here\s+to\s+(?:watch|view|see|listen|play)"
    r"|^(?:on\s+a\s+mobile\s+device|can'?t\s+see\s+the\s+video)\b"
    r"|^(?:watch|play|listen\s+to)\s+(?:the\s+)?(?:video|audio|clip|article|podcast)\b"
    r"|^(?:embed|replay)\s+more\s+(?:news\s+)?videos\b|^(?:video|audio)\s+(?:player|unavailable)"
    r"|^to\s+see\b.{0,80}\bclick\s+here\W*$|^click\s+here\b",
    25,
)
# Embedded tweets: keep the tweet's words, cut its links and its signature
# ("— Jane Doe (@jdoe) May 10, 2016").
_EMBED_LINK = re.compile(r"\s*(?:https?://)?(?:pic\.twitter\.com|t\.co)/\w+", re.I)
# It starts only where a run of white space or of dashes starts (a line of 100,000 dashes
# is not tried from each).
_EMBED_SIGNATURE = re.compile(
    r"(?<!\s)\s*(?<![—–-])[—–-]+\s*[^—–()]{1,60}\(\s*@\s?\w{1,30}\s*\)\s*(?:" + MONTH_PATTERN + r")\.?\s+\d{1,2},\s+\d{4}\s*$",
    re.I,
)


_CRAWL_TERMS = re.compile(
    r"\b(crawl\s+data|crawls?\b|crawled|crawler|wayback\s+machine|internet\s+archive|archive-?it"
    r"|web\s+captures?|warcs?\b|embargo\s+period|web\s+collections?|no\s+more\s+404"
    r"|broken\s+links?)",
    re.I,
)
_CRAWL_SELF = re.compile(
    r"\b(?:these\s+(?:data|crawls|captures|web\s+captures)|this\s+(?:collection|crawl)"
    r"|crawl\s+data|web\s+captures|web\s+collections|embargo\s+period|donating"
    r"|curated|are\s+being\s+kept|archive\s+pages|wayback\s+team)\b",
    re.I,
)


def _crawler_note(line: str, words: list[str], _cfg) -> bool:
    if len(words) > 200:
        return False
    terms = {m.group(1).lower().split()[0] for m in _CRAWL_TERMS.finditer(line)}
    return len(terms) >= 2 and _CRAWL_SELF.search(line) is not None


_ALNUM = re.compile(r"[^\W_]")


def _separator(line: str, words: list[str], _cfg) -> bool:
    return not _ALNUM.search(line)


def _heading(line: str, words: list[str], _cfg) -> bool:
    """An all-capitals label: "UPDATE:", "LATEST HEADLINES", "NATIONAL FORECAST"."""
    if len(words) > 10:  # before counting letters: most lines are long paragraphs
        return False
    return sum(c.isalpha() for c in line) >= 2 and not _has_lower(line)


def _date_only(line: str, words: list[str], _cfg) -> bool:
    return len(words) <= 8 and parse_date_line(line) is not None


def _fragment(line: str, words: list[str], _cfg) -> bool:
    """One to three words without sentence punctuation: a label, a source name, a
    section head ("Bloomberg", "Abstract"), never a sentence."""
    return len(words) <= 3 and not _ends_like_sentence(line)


def _cased_heading(line: str, words: list[str], _cfg) -> bool:
    """An all-capitals label in a language other than English: at least two capitals, no
    lower-case letter, and the capitals at least as many as the letters without case.
    Arabic, Hebrew, Devanagari or CJK letters have no case, so a line in those scripts is
    never a heading (it has no lower-case letters because it cannot have any)."""
    if len(words) > 10:
        return False
    upper = caseless = 0
    for c in line:
        if c.islower():
            return False
        if c.isupper():
            upper += 1
        elif c.isalpha():
            caseless += 1
    return upper >= 2 and upper >= caseless


# Date-only lines by shape, in any language, digits of any script and no month names: a
# day number (1-31, "1er", "1st") and a year (1000-2100) last, with at most four words
# around them (weekday, month of one or two words, "de", "Le") and no other number:
# "Samedi 1er janvier 2005", "Σάββατο, 8 Ιανουαρίου 2005", "8 января 2005 г.", "sábado, 8
# de enero de 2005", "الخميس 27 كانون الأول 2005", "Saturday, January 8, 2005"; or all
# digits ("08/01/2005", "2005-01-08"); or "2005年1月8日 星期六".
_DATE_TOKEN = re.compile(r"(\d+)([^\W\d_]{0,3})|([^\W\d_]+)|(\S)")
_DATE_PUNCT = frozenset(",،./-()")
_NUMERIC_DATE = re.compile(r"^(?:[^\W\d_]+[,،]?\s+)?(\d{1,4})([/.\-])(\d{1,2})\2(\d{1,4})\.?$")
_CJK_DATE = re.compile(
    r"^(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]"
    r"(?:\s*[(（]?\s*[^\W\d_]{1,4}\s*[)）]?)?$")


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and 1000 <= int(digits) <= 2100


def _any_date_line(line: str) -> bool:
    line = line.strip()
    m = _NUMERIC_DATE.match(line)
    if m:  # a year at one end, day and month numbers
        a, _, b, c = m.groups()
        if _is_year(a) and len(c) <= 2:
            return 1 <= int(b) <= 12 and 1 <= int(c) <= 31
        return _is_year(c) and len(a) <= 2 and 1 <= int(a) <= 31 and 1 <= int(b) <= 31
    m = _CJK_DATE.match(line)
    if m:
        return _is_year(m.group(1)) and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31
    kinds = []  # "d" a day, "y" a year, "w" a word
    for m in _DATE_TOKEN.finditer(line):  # one at a time: most lines fail at once
        number, suffix, word, punct = m.groups(default="")
        if punct:
            if punct not in _DATE_PUNCT:
                return False
        elif word:
            if len(word) > 15:
                return False
            kinds.append("w")
        elif _is_year(number) and not suffix:
            kinds.append("y")
        elif len(number) <= 2 and 1 <= int(number) <= 31:
            kinds.append("d")
        else:
            return False
    if kinds.count("y") != 1 or kinds.count("d") != 1 or kinds.count("w") > 5:
        return False
    y, d = kinds.index("y"), kinds.index("d")
    # the year last, or before one short word ("г.", "года"); the day before it
    return d < y and y >= len(kinds) - 2 and 1 <= kinds.count("w") and y - d <= 3


def _date_only_any(line: str, words: list[str], _cfg) -> bool:
    return len(words) <= 8 and (parse_date_line(line) is not None or _any_date_line(line))


# Languages written in Cyrillic: there a word that mixes scripts is a typing slip (a
# Latin "c" or "o" typed for its Cyrillic twin) or a Latin brand with a Cyrillic ending,
# not text disguised from filters.
_CYRILLIC_LANGUAGES = frozenset("ru uk bg sr mk be kk ky mn tg tt ba cv ce os sah".split())
_LATIN = re.compile(r"[A-Za-z]")


def _latin_mixed_script(line: str, words: list[str], cfg) -> bool:
    """``_mixed_script`` for a language other than English: only in a line written mostly
    in Latin letters (a Russian quotation in a French article is not disguised text)."""
    return (_mixed_script(line, words, cfg)
            and len(_LATIN.findall(line)) > len(_CYRILLIC.findall(line)))


def _language_rules(language: Language) -> list[tuple[str, Callable]]:
    """``LINE_RULES`` for a language other than English (see the module docstring)."""
    def fragment(line: str, words: list[str], _cfg) -> bool:
        return (_count(line, words, language) <= 3
                and not _ends_like_sentence_in(line, language))

    def truncated(line: str, words: list[str], cfg) -> bool:
        return _count(line, words, language) <= 30 and _truncated(line, [], cfg)

    swap = {_heading: _cased_heading, _date_only: _date_only_any, _fragment: fragment,
            _truncated: truncated,
            _mixed_script: None if language.code in _CYRILLIC_LANGUAGES else _latin_mixed_script}
    out = []
    for name, test in LINE_RULES:
        test = swap.get(test, test)
        if test is not None:
            out.append((name, test))
    return out


_RULES_BY_LANGUAGE: dict[Language, list] = {}


def _rules(language: Language) -> list[tuple[str, Callable]]:
    if language.is_english:
        return LINE_RULES
    if language not in _RULES_BY_LANGUAGE:
        _RULES_BY_LANGUAGE[language] = _language_rules(language)
    return _RULES_BY_LANGUAGE[language]


# (rule name, test). The first rule that fires names the removal.
LINE_RULES: list[tuple[str, Callable[[str, list[str], CleanConfig], bool]]] = [
    ("separator", _separator),
    ("crawler-note", _crawler_note),
    ("comment-ui", _comment_ui),
    ("share-ui", _is_ui_words),
    ("share-ui", _click_ui),
    ("teaser", _teaser),
    ("credit", _short_credit),
    ("caption", _caption),
    ("credit", _credit),
    ("credit", _byline),
    ("credit", _reporting_credit),
    ("contact", _contact),
    ("social", _social),
    ("contact", _email_line),
    ("copyright", _copyright),
    ("copyright", _legal),
    ("syndication", _syndication),
    ("newsletter", _newsletter),
    ("cookie", _cookie),
    ("consent", _consent),
    ("comment-policy", _comment_policy),
    ("form", _form),
    ("app-promo", _app_promo),
    ("site-ui", _site_ui),
    ("date", _timestamp),
    ("teaser", _truncated),
    ("mixed-script", _mixed_script),
    ("nav", _glued_menu),
    ("advertisement", _advertisement),
    ("nav", _nav),
    ("media-ui", _media_ui),
    ("heading", _heading),
    ("date", _date_only),
    ("fragment", _fragment),
]


def line_rule(line: str, config: CleanConfig = CleanConfig(),
              language: Language = ENGLISH) -> str | None:
    """The name of the first rule that drops ``line`` (already stripped), or None."""
    words = _words(line)
    for name, test in _rules(language):
        if test(line, words, config):
            return name
    return None


# ----------------------------------------------------------------------------- datelines

_AGENCIES = (
    r"ap|reuters|afp|upi|cnn|xinhua|dpa|ians|pti|bloomberg|kyodo|yonhap|tass|efe|ansa"
    r"|anadolu|bernama|cbs|nbc|abc|bbc|ktla|wabc|nyt|nytimes|the\s+associated\s+press"
    r"|associated\s+press|ny\s+times"
)
# "LONDON (AP) _ ", "WASHINGTON (Reuters) - ", "BEIJING, Jan. 8 (Xinhua) -- ",
# "Sycamore, Illinois (CNN) ", "(CNN) -- ", "LANCASTER (CBSLA) — ".
_PLACE = r"[A-Za-z][\w.'’/&-]*(?:,?\s+[A-Za-z0-9][\w.'’/&-]*){0,6}?"
_DASH = r"(?:_|--+|—|–|-)"
_AGENCY_DATELINE = re.compile(
    r"^(?:" + _PLACE + r"\s*,?\s*)?"
    r"\(\s*(?:(?P<known>" + _AGENCIES + r")|(?P<other>[A-Z][A-Za-z0-9&.]{1,11}(?:\s+[A-Z][A-Za-z0-9&.]{1,11}){0,2}))\s*\)"
    r"\s*(?P<dash>" + _DASH + r")?\s*",
    re.I,
)
_CAPS_WORD = r"[A-Z][A-Z.'’/&-]*[A-Z.]"
_WIRE_DATELINE = re.compile(
    r"^(?:" + _CAPS_WORD + r"(?:\s+" + _CAPS_WORD + r"){0,3})"
    r"(?:,\s+[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,2})?"
    r"(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"(?:\s*(?:_|--+|—|–)|\s+-)\s*(?=[A-Z0-9\"“‘'])"
)


# The same shapes in any script, for languages other than English: a place in any letters
# ("МОСКВА, 8 января (РИА Новости) — ", "القاهرة (رويترز) - "), an agency in parentheses
# (known by the English list above, or any one to three words followed by a dash), or a
# place in capitals of any cased script before a dash ("ΑΘΗΝΑ — ").
_PLACE_ANY = r"[^\W\d_][\w.'’/&-]*(?:,?\s+[^\W_][\w.'’/&-]*){0,6}?"
_AGENCY_DATELINE_ANY = re.compile(
    r"^(?:" + _PLACE_ANY + r"\s*,?\s*)?"
    r"\(\s*(?:(?P<known>" + _AGENCIES + r")|(?P<other>[^\W\d_][\w&.]{0,15}(?:\s+[\w&.]{1,15}){0,2}))\s*\)"
    r"\s*(?P<dash>" + _DASH + r")?\s*",
    re.I,
)
_CAPS_WORD_ANY = r"\p{Lu}[\p{Lu}.'’/&-]*[\p{Lu}.]"
_WIRE_DATELINE_ANY = _regex.compile(
    r"^(?:" + _CAPS_WORD_ANY + r"(?:\s+" + _CAPS_WORD_ANY + r"){0,3})"
    r"(?:,\s+\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,2})?"
    r"(?:,\s+\d{1,2}\.?\s+\p{L}{2,12}\.?|,\s+\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2})?"
    r"(?:\s*(?:_|--+|—|–)|\s+-)\s*(?=[\p{Lu}\p{Lo}\d\"“‘'«„])"
)
_QUOTES_ANY = "\"“‘'«„「『"
_DATELINE_CHARS = 1000


def _dateline_any(line: str, strong_only: bool) -> str | None:
    m = _AGENCY_DATELINE_ANY.match(line)
    if m:
        other = m.group("other")
        agency_ok = m.group("known") or (other and not other[0].islower())
        if agency_ok and (m.group("known") or m.group("dash")):
            rest = line[m.end():]
            if rest[:1].isalnum() or rest[:1] in _QUOTES_ANY or not rest:
                return line[: m.end()]
    if strong_only:
        return None
    # The regex module backtracks through a long run of capitals and hyphens in time
    # quadratic in its length; a dateline is a few short words, well inside this prefix.
    m = _WIRE_DATELINE_ANY.match(line, 0, _DATELINE_CHARS)
    if m and len(m.group(0).split()) <= 8:
        return m.group(0)
    return None


def _dateline(line: str, strong_only: bool, language: Language = ENGLISH) -> str | None:
    """The dateline prefix of ``line`` or None."""
    if not language.is_english:
        return _dateline_any(line, strong_only)
    m = _AGENCY_DATELINE.match(line)
    if m:
        other = m.group("other")
        agency_ok = m.group("known") or (other and other[0].isupper())
        # an unknown parenthesized acronym ("Apple Inc (AAPL) said") needs a dash after it
        if agency_ok and (m.group("known") or m.group("dash")):
            rest = line[m.end():]
            if rest[:1].isalnum() or rest[:1] in "\"“‘'" or not rest:
                return line[: m.end()]
    if strong_only:
        return None
    m = _WIRE_DATELINE.match(line)
    if m and len(m.group(0).split()) <= 8:
        return m.group(0)
    return None


# ----------------------------------------------------------------------------- articles

# Pieces cut from inside lines that are otherwise kept.
_INLINE = (
    (_INLINE_SHARE, "share-ui"),
    (_INLINE_CREDIT, "credit"),
    (_EMBED_LINK, "embed"),
    (_EMBED_SIGNATURE, "embed"),
)


def _norm(s: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", s.lower()).split())


# "Storm closes harbor - Example News": a page title often ends with the site's name.
_TITLE_SUFFIX = re.compile(r"(?<!\s)\s+(?:[-|–—:•]|::)\s+")  # from a run's start only


def _title_keys(title: str) -> set[str]:
    """The normalised title, and its head before a " - Site name" / " | Site" suffix when
    that head has at least three words (an in-text copy of the headline is dropped)."""
    if not title:
        return set()
    keys = {_norm(title)}
    head = _TITLE_SUFFIX.split(title.strip())[0]
    if len(head.split()) >= 3:
        keys.add(_norm(head))
    return keys - {""}


LINK_LIST_RUN = 4
_LINK_ITEM_WORDS = 20
# Hard-wrapped prose is not a list: its lines start in lower case, end on a word that
# needs a continuation, or hold a sentence end inside.
_OPEN_END = frozenset("""
    the a an of to and or in on for with by at from that this his her their its our is
    was are were be been as than but who which whose if
""".split())
_INNER_STOP = re.compile(r"[a-z)][.?!]\s+[A-Z]")


_INNER_STOP_ANY = _regex.compile(r"[\p{L})][.?!؟।。！？]\s+[\p{Lu}\p{Lo}]")


def _drop_link_lists(kept: list[str], article_id: str, dropped: list[Dropped],
                     language: Language = ENGLISH) -> list[str]:
    """Drop runs of ``LINK_LIST_RUN`` or more consecutive lines (blank lines between them
    do not break a run) that all look like link text: short, starting with a capital or
    a digit, no sentence end inside or at the end, not ending on a word that needs more
    (hard-wrapped prose). That is a menu or a list of other stories' headlines. A run
    where half the lines or more share most of their words with the article's sentences
    is the story's own highlights or list, and stays.

    In other languages than English the sentence ends are those of every script, the words
    that need more are the language's stop words, and a line in a script without case
    counts only when it starts with a digit."""
    if language.is_english:
        open_end, inner_stop = _OPEN_END, _INNER_STOP
    else:
        open_end, inner_stop = _OPEN_END, _INNER_STOP_ANY

    def item(line: str) -> bool:
        words = line.split()
        return (bool(words) and _count(line, words, language) <= _LINK_ITEM_WORDS
                and not _ends_like_sentence_in(line, language)
                and (line[0].isupper() or line[0].isdigit())
                and words[-1].lower() not in open_end
                and (language.is_english or not is_stop_word(words[-1].lower(), language))
                and not inner_stop.search(line))

    out: list[str] = []
    run: list[int] = []  # indexes into ``out`` of the current run's lines

    body = {w for line in kept if line and not item(line) for w in _content_words(line)}

    def close() -> None:
        if len(run) >= LINK_LIST_RUN:
            on_topic = sum(_on_topic(out[k], body) for k in run)
            if 2 * on_topic < len(run):
                for k in run:
                    dropped.append(Dropped(article_id, out[k], "link-list"))
                    out[k] = ""
        run.clear()

    for line in kept:
        if not line:
            out.append(line)
            continue
        is_item = item(line)
        if not is_item:
            close()
        out.append(line)
        if is_item:
            run.append(len(out) - 1)
    close()
    return [line for k, line in enumerate(out) if line or (k and out[k - 1])]


def _content_words(line: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]{4,}", line.lower())}


def _on_topic(line: str, body: set[str]) -> bool:
    """Half or more of the line's longer words occur in the article's sentences: a
    story's own highlights or list, not another story's headline."""
    words = _content_words(line)
    return bool(words) and 2 * len(words & body) >= len(words)


# A credit line proper ("Photograph by Jane Doe", "Courtesy of the museum"), not a
# labelled caption ("Image: Crowds at the port"). A parenthesised credit "(Jane Doe/AP)"
# also closes story paragraphs on some sites, so it does not make the line above a caption.
_CREDIT_LINE = re.compile(
    r"^\(?(?:" + _PHOTO + r"|picture)\s+(?:by|courtesy(?:\s+of)?|credit)\b"
    r"|^(?:photo|image|picture)\s+credits?\s*:|^courtesy(?:\s+of)?\s+(?-i:[A-Z])",
    re.I,
)


def _is_photo_credit(line: str) -> bool:
    return len(_words(line)) <= 10 and _CREDIT_LINE.search(line) is not None


def _before_photo_credit(lines: list[str]) -> list[bool]:
    """For each line, whether the next non-empty line is a photo credit ("Photograph by
    Jane Doe", "(Jane Doe / Example Times)"): a short line there is the photo's caption."""
    out = [False] * len(lines)
    following = False
    for i in range(len(lines) - 1, -1, -1):
        out[i] = following
        if lines[i]:
            following = _is_photo_credit(lines[i])
    return out


def clean_text(text: str, article_id: str = "", title: str = "",
               config: CleanConfig = CleanConfig(), language: Language = ENGLISH
               ) -> tuple[str, list[Dropped]]:
    """Clean one article's text (written in ``language``); returns the kept text and what
    was dropped."""
    dropped: list[Dropped] = []
    markup: list[str] = []
    text = _strip_markup(text, markup)
    dropped.extend(Dropped(article_id, m, "markup") for m in markup)
    text = _INVISIBLE.sub("", text)

    title_keys = _title_keys(title)
    kept: list[str] = []
    lines = [" ".join(raw.split()) for raw in text.split("\n")]
    credit_next = _before_photo_credit(lines)
    # A line's rule depends on the line alone: a line repeated 100,000 times is judged
    # once. The cache lives for this article only: no state is kept across articles.
    judge = cache(lambda line: line_rule(line, config, language))

    for i, line in enumerate(lines):
        if not line:
            if kept and kept[-1]:
                kept.append("")
            continue
        rule = judge(line)
        if rule is None and credit_next[i] and len(_words(line)) <= config.max_caption_words:
            rule = "caption"
        if rule is None:
            # widgets and credits glued to a real line: cut them, then judge the rest
            for rx, name in _INLINE:
                def cut(m: re.Match, name: str = name) -> str:
                    dropped.append(Dropped(article_id, m.group(0).strip(), name))
                    return " "

                line = " ".join(rx.sub(cut, line).split())
            if not line:
                continue
            rule = judge(line)  # an uncut line is already known
        if rule is None and _norm(line) in title_keys:
            rule = "title"
        if rule:
            dropped.append(Dropped(article_id, line, rule))
        else:
            kept.append(line)
    kept = _drop_link_lists(kept, article_id, dropped, language)
    while kept and not kept[-1]:
        kept.pop()

    # Datelines: the first content line may carry any dateline; the next one only an
    # agency dateline (an in-text headline often precedes the dateline paragraph).
    content = [i for i, line in enumerate(kept) if line]
    for n, i in enumerate(content[:2]):
        prefix = _dateline(kept[i], strong_only=n > 0, language=language)
        if prefix:
            dropped.append(Dropped(article_id, prefix.strip(), "dateline"))
            kept[i] = kept[i][len(prefix):].strip()
            break
    kept = [line for k, line in enumerate(kept) if line or (k and kept[k - 1])]

    out = "\n".join(kept).strip()
    m = _WIRE_SLUG.search(out)
    if m and _ends_like_sentence_in(out[: m.start()], language):
        dropped.append(Dropped(article_id, m.group(0).strip(), "markup"))
        out = out[: m.start()].rstrip()
    return out, dropped


def clean_article(article: Article, config: CleanConfig = CleanConfig(),
                  language: Language = ENGLISH) -> tuple[Article, list[Dropped]]:
    """Remove boilerplate from one article. The returned article may have empty text;
    :func:`clean_cluster` is what drops short articles."""
    if not config.enabled:
        return article, []
    text, dropped = clean_text(article.text, article.id, article.title, config, language)
    return replace(article, text=text), dropped


def _article_name(cluster: Cluster, article: Article) -> str:
    if article.source and article.source != article.id:
        return f"{article.source} (article {article.id!r})"
    return f"article {article.id!r} of cluster {cluster.id!r}"


def clean_cluster(cluster: Cluster, config: CleanConfig = CleanConfig(), workers: int = 1,
                  language: Language = ENGLISH) -> tuple[Cluster, list[Dropped]]:
    """Clean every article of a cluster written in ``language`` (in ``workers`` processes
    when more than one: the same result), then drop articles under ``min_article_words``
    words (ideographs and kana count one each in scripts written without spaces)."""
    if not config.enabled:
        return cluster, []
    from functools import partial

    from .parallel import parallel_map

    articles: list[Article] = []
    dropped: list[Dropped] = []
    short: list[tuple[Article, int]] = []
    results = parallel_map(partial(clean_article, config=config, language=language),
                           cluster.articles, workers)
    for article, (cleaned, removed) in zip(cluster.articles, results):
        dropped.extend(removed)
        left = (len(cleaned.text.split()) if language.is_english
                else _word_count(cleaned.text, language))
        if left < config.min_article_words:
            dropped.append(Dropped(article.id, cleaned.text, "short-article"))
            short.append((article, left))
            continue
        articles.append(cleaned)
    # An input that loses everything (a page cleaned to nothing) names each article in a
    # warning; a cluster that keeps other articles reports them at INFO level (and in
    # ``dropped``), since large clusters routinely carry empty and crawler-note articles.
    loud = not articles or len(cluster.articles) == 1
    for article, left in short:
        if article.text.strip():
            log.log(logging.WARNING if loud else logging.INFO,
                    "%s: dropped: %d word(s) left after cleaning (clean.min_article_words=%d)",
                    _article_name(cluster, article), left, config.min_article_words)
    return replace(cluster, articles=articles, references=list(cluster.references),
                   meta=dict(cluster.meta)), dropped
