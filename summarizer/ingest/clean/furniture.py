"""Page furniture: share, print and comment widgets, teasers for other stories, menus,
navigation, advertising, media-player, app and site notices. These rules read English
words (and platform names), so outside English they fire on English phrases only."""

from __future__ import annotations

import re

from ...text import MONTH_PATTERN
from .base import ends_like_sentence, line_re

_WORD_CHARS = re.compile(r"\w", re.UNICODE)

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


def is_ui_words(line: str, words: list[str], _cfg, _language) -> bool:
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


click_ui = line_re(
    r"^(?:click|tap)\s+(?:here\s+)?to\s+(?:share|email|e-mail|print|comment|tweet|follow"
    r"|like|save|send|pin|post)\b",
    20,
)
comment_ui = line_re(
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


def teaser(line: str, words: list[str], _cfg, _language) -> bool:
    if len(words) > 30:
        return False
    body = _BULLET.sub("", line)
    if _TEASER_SEP.match(body):
        return True
    # "Related Articles", "More from Example News"; not "More from X appears below."
    if _TEASER_ALONE.match(body) and (len(words) <= 3 or not body.endswith(".")):
        return True
    if len(words) <= 25 and not ends_like_sentence(body):
        return bool(_TEASER_TITLE.match(body) or _TEASER_TRAIL.search(body))
    return False


# App and alert promotions: "Get the new Example News app today!", "News app: Google
# Play", "breaking news sent straight to your phone".
app_promo = line_re(
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
site_ui = line_re(
    r"\blanguage\s+settings?\b|\bwrong\s+language\b|\bin\s+\d+\s+languages\b"
    r"|^(?:choose|select|change)\s+(?:from\s+\d+\s+|your\s+|the\s+)?(?:languages?|edition|region)\b"
    r"|^you\s+(?:have|do\s+not\s+have|don'?t\s+have)\s+permission\s+to\b"
    r"|^you\s+are\s+(?:not\s+)?(?:logged|signed)\s+(?:in|out)\b"
    r"|^(?:proudly\s+)?powered\s+by\b",
    15,
)


# Menus dumped as text glue their links together ("HomeNewsSportsWeather"): three or
# more lower-to-upper joins in a line that is not a sentence.
_GLUED = re.compile(r"[a-z][A-Z]")


def glued_menu(line: str, words: list[str], _cfg, _language) -> bool:
    if len(words) > 40 or ends_like_sentence(line):
        return False
    # words only: a link or a code ("pic.twitter.com/pJVt7gExAy") has joins of its own
    joins = sum(len(_GLUED.findall(w)) for w in words
                if not any(c.isdigit() or c in "/.@#_=" for c in w))
    return joins >= 3


advertisement = line_re(
    r"^(?:(?:the\s+)?(?:story|article|content|text)\s+)?continues?\s+(?:below|after)"
    r"(?:\s+(?:the\s+)?(?:advertisement|ad|video))?\W*$"
    r"|^(?:story|article)\s+continued\s+below\W*$"
    r"|^continue\s+reading\s+(?:the\s+)?(?:main\s+)?(?:story|article)\W*$"
    r"|^(?:advertisement|advertising|ad|sponsored(?:\s+(?:content|links?|post))?|paid\s+(?:post|content)"
    r"|promoted(?:\s+(?:stories|content))?|skip\s+ad|scroll\s+to\s+continue(?:\s+with\s+content)?)\W*$",
    8,
)
nav = line_re(
    r"^(?:(?:back\s+to|top\s+of(?:\s+the)?)\s+(?:top|page)|skip\s+to\s+(?:main\s+)?content"
    r"|home|menu|search|close|previous|next|show\s+more|load\s+more|view\s+gallery"
    r"|text\s+size|print\s+this\s+(?:page|article)|(?:previous|next)\s+(?:story|article|page)"
    r"|\d+\s+of\s+\d+|page\s+\d+(?:\s+of\s+\d+)?)\W*$",
    8,
)
media_ui = line_re(
    r"please\s+enable\s+javascript|your\s+browser\s+does\s+not\s+support"
    r"|javascript\s+(?:is\s+)?(?:required|disabled)|\bclick\s+here\s+to\s+(?:watch|view|see|listen|play)"
    r"|^(?:on\s+a\s+mobile\s+device|can'?t\s+see\s+the\s+video)\b"
    r"|^(?:watch|play|listen\s+to)\s+(?:the\s+)?(?:video|audio|clip|article|podcast)\b"
    r"|^(?:embed|replay)\s+more\s+(?:news\s+)?videos\b|^(?:video|audio)\s+(?:player|unavailable)"
    r"|^to\s+see\b.{0,80}\bclick\s+here\W*$|^click\s+here\b",
    25,
)


# "Facebook Twitter Pinterest An artist's impression ..." share buttons glued to a line
INLINE_SHARE = re.compile(
    r"^(?:(?:facebook|twitter|pinterest|e-?mail|share|tweet|linkedin|whatsapp|reddit|print"
    r"|messenger|flipboard)\s+){2,}(?=\S)",
    re.I,
)


# Embedded tweets: keep the tweet's words, cut its links and its signature
# ("— Jane Doe (@jdoe) May 10, 2016").
EMBED_LINK = re.compile(r"\s*(?:https?://)?(?:pic\.twitter\.com|t\.co)/\w+", re.I)
# It starts only where a run of white space or of dashes starts (a line of 100,000 dashes
# is not tried from each).
EMBED_SIGNATURE = re.compile(
    r"(?<!\s)\s*(?<![—–-])[—–-]+\s*[^—–()]{1,60}\(\s*@\s?\w{1,30}\s*\)\s*(?:" + MONTH_PATTERN + r")\.?\s+\d{1,2},\s+\d{4}\s*$",
    re.I,
)
