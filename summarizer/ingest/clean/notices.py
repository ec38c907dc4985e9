"""Notices addressed to the reader, not the story: contacts, social links, copyright
and legal footers, syndication notes, newsletter, cookie and consent prompts, comment
policies, feedback forms, and crawler notes. Their words are English (a few French and
German ones in consent notices)."""

from __future__ import annotations

import re

from .base import ends_like_sentence, line_re


# The first alternative is one token holding an address ("^\S+@\S+\.\w+$" written so that
# its first "@" is the one tried: a token of 100,000 "@" is not tried from each).
contact = line_re(
    r"^(?=\S+$)\S[^@]*@.+\.\w+$"
    r"|^(?:to\s+contact|contact|write\s+to|e-?mail|reach)\b.{0,120}@"
    r"|^(?:twitter|instagram|facebook)\s*:?\s*@\w+$",
    25,
)
# An e-mail address anywhere in a line of up to 60 words: "write to x@y.com", "Email my
# colleagues at ...", a directory of addresses. A story paragraph rarely carries one; a
# whole article on one line (DUC) is far longer.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
email_line = line_re(_EMAIL.pattern, 60, flags=0)
social = line_re(
    r"^follow\s+(?:us|me|@\w+|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+(?:on|at)\s+"
    r"(?:twitter|facebook|instagram|google|linkedin|tiktok|threads|bluesky)"
    r"|^(?:like|find)\s+us\s+on\s+facebook",
    30,
)
copyright = line_re(
    r"^(?:(?:copyright|\(c\))\s*(?:©\s*)?(?:\d{4}|by\b)|©)|\ball\s+rights\s+reserved\b"
    r"|\bmay\s+not\s+be\s+(?:published|reproduced|redistributed|rewritten)",
    40,
)
# Legal footers run long (one paragraph of owner, address, trademark and reuse terms), so
# the marks no story sentence uses are looked for anywhere in up to 100 words: the ©
# sign, "Copyright <year>", "subject to copyright", "registered trade mark", "unauthorised
# use/reproduction". "Copyright law" or "a copyright case" is not one of them.
legal = line_re(
    r"©|\bcopyright\s*(?:©|\(c\)|\d{4})|\ball\s+rights\s+reserved\b"
    r"|\bsubject\s+to\s+copyright\b|\bregistered\s+trade\s*marks?\s+of\b"
    r"|\bunauthori[sz]ed\s+(?:use|reproduction|copying|distribution|redistribution)\s+"
    r"(?:is|of|includes)\b|\bfor\s+(?:general\s+)?information(?:al)?\s+purposes\s+only\b",
    100,
)
syndication = line_re(
    r"^(?:this|the)\s+(?:article|story|post|piece|report|content)\s+(?:was\s+|is\s+)?"
    r"(?:originally|first)\s+(?:published|appeared|posted|ran)"
    r"|^(?:originally|first)\s+(?:published|appeared|posted)\s+(?:on|in|at|by)\b"
    r"|^a\s+version\s+of\s+this\s+(?:article|story)\s+(?:appeared|was\s+published)"
    r"|\boriginally\s+published\s+(?:on|in|at)\s+[\w.]+\.?\s*$"
    r"|^\(?distributed\s+by\b",
    40,
)
_newsletter_start = line_re(
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


def newsletter(line: str, words: list[str], cfg, _language) -> bool:
    if _newsletter_start(line, words, cfg, _language):
        return True
    # "Get the newsletter everyone reads", "our free weekly newsletter lets you ..."
    if len(words) <= 30 and _NEWSLETTER.search(line) and _NEWSLETTER_PITCH.search(line):
        return True
    # "sign up ... newsletter/inbox" addressed to the reader, not a report about sign-ups
    return (
        len(words) <= 40
        and bool(_NEWS_VERB.search(line) and _NEWS_NOUN.search(line))
        and (_YOU.search(line) is not None or not ends_like_sentence(line))
    )


cookie = line_re(
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


def consent(line: str, words: list[str], _cfg, _language) -> bool:
    n = len(words)
    if n > 150:
        return False
    marks = len(_CONSENT.findall(line)) + (
        1 if _site_cookie(line) and _READER.search(line) else 0)
    if marks >= 2:
        return True
    return marks == 1 and n <= 40 and (
        _READER.search(line) is not None or not ends_like_sentence(line))


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


def comment_policy(line: str, words: list[str], _cfg, _language) -> bool:
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
form = line_re(_FORM.pattern, 30)


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


def crawler_note(line: str, words: list[str], _cfg, _language) -> bool:
    if len(words) > 200:
        return False
    terms = {m.group(1).lower().split()[0] for m in _CRAWL_TERMS.finditer(line)}
    return len(terms) >= 2 and _CRAWL_SELF.search(line) is not None
