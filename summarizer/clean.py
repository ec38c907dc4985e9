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
first lines only, keeping the rest of the sentence. Finally an article with fewer than
``min_article_words`` words is dropped as ``short-article``.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from html.entities import html5
from typing import Callable

from .config import CleanConfig
from .documents import Article, Cluster, Dropped
from .ingest.formats import parse_date_line

# ----------------------------------------------------------------------------- helpers

_TERMINAL = tuple('.!?…"”’\')]:;')
_WORD_CHARS = re.compile(r"\w", re.UNICODE)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def _words(line: str) -> list[str]:
    return line.split()


def _ends_like_sentence(line: str) -> bool:
    return line.rstrip().endswith(_TERMINAL)


def _has_lower(line: str) -> bool:
    return any(c.islower() for c in line)


# ----------------------------------------------------------------------------- markup

# Block tags become line breaks; SGML wire codes (&QL; &UR; ...) that are not HTML
# entities are removed; <ANNOTATION> blocks are editorial notes.
_ANNOTATION = re.compile(r"<(annotation|note|comment)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_BLOCK_TAG = re.compile(
    r"</?(?:p|br|div|section|article|blockquote|li|ul|ol|h[1-6]|tr|table|text|body"
    r"|headline|hl|dateline|graphic)\b[^>]{0,200}>",
    re.I,
)
_INLINE_TAG = re.compile(r"</?(?:span|a|b|i|em|strong|font|u|sup|sub|small|img)\b[^>]{0,300}>", re.I)
_CODE = re.compile(r"&([A-Z]{2,4});")
# wire-service slugs closing an article: "(scl)", "(vs/krt)", "(tc-pfg-dkt)"
_WIRE_SLUG = re.compile(r"\s*\((?:[a-z]{2,3}|[a-z]{1,5}(?:[-/][a-z]{1,5}){1,4})\)\s*$")


def _strip_markup(text: str, dropped: list[str]) -> str:
    def annotation(m: re.Match) -> str:
        inner = " ".join(re.sub(r"<[^>]+>", " ", m.group(0)).split())
        if inner:
            dropped.append(inner)
        return "\n"

    if "<" in text:
        text = _ANNOTATION.sub(annotation, text)
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
_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# The words AP-style captions put between "In this" and "photo": dates and photo kinds.
_CAPTION_MID = (
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|" + _MONTH + r"|\d{1,4}(?:st|nd|rd|th)?"
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
    # "... REUTERS/Mike Segar/File Photo" at the end of a line
    r"|\b[A-Z]{3,}/[A-Z][a-z]+\s[A-Z][\w.'’-]+(?:\s?/\s?[\w ]+)*\s*$"
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
_contact = _line_re(
    r"^\S+@\S+\.\w+$"
    r"|^(?:to\s+contact|contact|write\s+to|e-?mail|reach)\b.{0,120}@"
    r"|^(?:twitter|instagram|facebook)\s*:?\s*@\w+$",
    25,
)
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


def _newsletter(line: str, words: list[str], cfg) -> bool:
    if _newsletter_start(line, words, cfg):
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
_EMBED_SIGNATURE = re.compile(
    r"\s*[—–-]+\s*[^—–()]{1,60}\(\s*@\s?\w{1,30}\s*\)\s*(?:" + _MONTH + r")\.?\s+\d{1,2},\s+\d{4}\s*$",
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
    letters = sum(c.isalpha() for c in line)
    return len(words) <= 10 and letters >= 2 and not _has_lower(line)


def _date_only(line: str, words: list[str], _cfg) -> bool:
    return len(words) <= 8 and parse_date_line(line) is not None


def _fragment(line: str, words: list[str], _cfg) -> bool:
    """One to three words without sentence punctuation: a label, a source name, a
    section head ("Bloomberg", "Abstract"), never a sentence."""
    return len(words) <= 3 and not _ends_like_sentence(line)


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
    ("copyright", _copyright),
    ("syndication", _syndication),
    ("newsletter", _newsletter),
    ("cookie", _cookie),
    ("advertisement", _advertisement),
    ("nav", _nav),
    ("media-ui", _media_ui),
    ("heading", _heading),
    ("date", _date_only),
    ("fragment", _fragment),
]


def line_rule(line: str, config: CleanConfig = CleanConfig()) -> str | None:
    """The name of the first rule that drops ``line`` (already stripped), or None."""
    words = _words(line)
    for name, test in LINE_RULES:
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


def _dateline(line: str, strong_only: bool) -> str | None:
    """The dateline prefix of ``line`` or None."""
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


def clean_text(text: str, article_id: str = "", title: str = "",
               config: CleanConfig = CleanConfig()) -> tuple[str, list[Dropped]]:
    """Clean one article's text; returns the kept text and what was dropped."""
    dropped: list[Dropped] = []
    markup: list[str] = []
    text = _strip_markup(text, markup)
    dropped.extend(Dropped(article_id, m, "markup") for m in markup)
    text = _INVISIBLE.sub("", text)

    title_key = _norm(title) if title else ""
    kept: list[str] = []
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            if kept and kept[-1]:
                kept.append("")
            continue
        rule = line_rule(line, config)
        if rule is None:
            # widgets and credits glued to a real line: cut them, then judge the rest
            for rx, name in _INLINE:
                def cut(m: re.Match, name: str = name) -> str:
                    dropped.append(Dropped(article_id, m.group(0).strip(), name))
                    return " "

                line = " ".join(rx.sub(cut, line).split())
            if not line:
                continue
            rule = line_rule(line, config)
        if rule is None and title_key and _norm(line) == title_key:
            rule = "title"
        if rule:
            dropped.append(Dropped(article_id, line, rule))
        else:
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()

    # Datelines: the first content line may carry any dateline; the next one only an
    # agency dateline (an in-text headline often precedes the dateline paragraph).
    content = [i for i, line in enumerate(kept) if line]
    for n, i in enumerate(content[:2]):
        prefix = _dateline(kept[i], strong_only=n > 0)
        if prefix:
            dropped.append(Dropped(article_id, prefix.strip(), "dateline"))
            kept[i] = kept[i][len(prefix):].strip()
            break
    kept = [line for k, line in enumerate(kept) if line or (k and kept[k - 1])]

    out = "\n".join(kept).strip()
    m = _WIRE_SLUG.search(out)
    if m and out[: m.start()].rstrip().endswith(_TERMINAL):
        dropped.append(Dropped(article_id, m.group(0).strip(), "markup"))
        out = out[: m.start()].rstrip()
    return out, dropped


def clean_article(article: Article, config: CleanConfig = CleanConfig()
                  ) -> tuple[Article, list[Dropped]]:
    """Remove boilerplate from one article. The returned article may have empty text;
    :func:`clean_cluster` is what drops short articles."""
    if not config.enabled:
        return article, []
    text, dropped = clean_text(article.text, article.id, article.title, config)
    return replace(article, text=text), dropped


def clean_cluster(cluster: Cluster, config: CleanConfig = CleanConfig()
                  ) -> tuple[Cluster, list[Dropped]]:
    """Clean every article, then drop articles under ``min_article_words`` words."""
    if not config.enabled:
        return cluster, []
    articles: list[Article] = []
    dropped: list[Dropped] = []
    for article in cluster.articles:
        cleaned, removed = clean_article(article, config)
        dropped.extend(removed)
        if len(cleaned.text.split()) < config.min_article_words:
            dropped.append(Dropped(article.id, cleaned.text, "short-article"))
            continue
        articles.append(cleaned)
    return replace(cluster, articles=articles, references=list(cluster.references),
                   meta=dict(cluster.meta)), dropped
