"""The drivers: one article's text line by line (markup, line rules, glued pieces,
captions, title copies, link lists, datelines, wire slugs), an article, a cluster."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from functools import cache

from ...config import CleanConfig
from ...documents import Article, Cluster, Dropped
from ...language import Language
from ...text import word_count
from .base import ENGLISH, ends_like_sentence
from .credits import INLINE_CREDIT, before_photo_credit
from .datelines import dateline
from .furniture import EMBED_LINK, EMBED_SIGNATURE, INLINE_SHARE
from .links import drop_link_lists
from .markup import INVISIBLE, WIRE_SLUG, strip_markup
from .rules import line_rule

log = logging.getLogger("summarizer")


# Pieces cut from inside lines that are otherwise kept.
_INLINE = (
    (INLINE_SHARE, "share-ui"),
    (INLINE_CREDIT, "credit"),
    (EMBED_LINK, "embed"),
    (EMBED_SIGNATURE, "embed"),
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


def clean_text(text: str, article_id: str = "", title: str = "",
               config: CleanConfig = CleanConfig(), language: Language = ENGLISH
               ) -> tuple[str, list[Dropped]]:
    """Clean one article's text (written in ``language``); returns the kept text and what
    was dropped."""
    dropped: list[Dropped] = []
    markup: list[str] = []
    text = strip_markup(text, markup)
    dropped.extend(Dropped(article_id, m, "markup") for m in markup)
    text = INVISIBLE.sub("", text)

    title_keys = _title_keys(title)
    kept: list[str] = []
    lines = [" ".join(raw.split()) for raw in text.split("\n")]
    credit_next = before_photo_credit(lines)
    # A line's rule depends on the line alone: a line repeated 100,000 times is judged
    # once. The cache lives for this article only: no state is kept across articles.
    judge = cache(lambda line: line_rule(line, config, language))

    for i, line in enumerate(lines):
        if not line:
            if kept and kept[-1]:
                kept.append("")
            continue
        rule = judge(line)
        if rule is None and credit_next[i] and len(line.split()) <= config.max_caption_words:
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
    kept = drop_link_lists(kept, article_id, dropped, language)
    while kept and not kept[-1]:
        kept.pop()

    # Datelines: the first content line may carry any dateline; the next one only an
    # agency dateline (an in-text headline often precedes the dateline paragraph).
    content = [i for i, line in enumerate(kept) if line]
    for n, i in enumerate(content[:2]):
        prefix = dateline(kept[i], strong_only=n > 0, language=language)
        if prefix:
            dropped.append(Dropped(article_id, prefix.strip(), "dateline"))
            kept[i] = kept[i][len(prefix):].strip()
            break
    kept = [line for k, line in enumerate(kept) if line or (k and kept[k - 1])]

    out = "\n".join(kept).strip()
    m = WIRE_SLUG.search(out)
    if m and ends_like_sentence(out[: m.start()], language):
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

    from ...parallel import parallel_map

    articles: list[Article] = []
    dropped: list[Dropped] = []
    short: list[tuple[Article, int]] = []
    results = parallel_map(partial(clean_article, config=config, language=language),
                           cluster.articles, workers)
    for article, (cleaned, removed) in zip(cluster.articles, results):
        dropped.extend(removed)
        left = (len(cleaned.text.split()) if language.english_rules
                else word_count(cleaned.text))
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
