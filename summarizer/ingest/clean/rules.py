"""The line rules in the order they are tried; the first that fires names the removal."""

from __future__ import annotations

from ...config import CleanConfig
from ...language import Language
from .base import ENGLISH, Rule
from .credits import byline, caption, credit, reporting_credit, short_credit
from .furniture import (
    advertisement,
    app_promo,
    click_ui,
    comment_ui,
    glued_menu,
    is_ui_words,
    media_ui,
    nav,
    site_ui,
    teaser,
)
from .notices import (
    comment_policy,
    consent,
    contact,
    cookie,
    copyright,
    crawler_note,
    email_line,
    form,
    legal,
    newsletter,
    social,
    syndication,
)
from .shapes import date_only, fragment, heading, mixed_script, separator, timestamp, truncated


# (rule name, test(line, words, config, language)). The first rule that fires names the
# removal.
LINE_RULES: list[tuple[str, Rule]] = [
    ("separator", separator),
    ("crawler-note", crawler_note),
    ("comment-ui", comment_ui),
    ("share-ui", is_ui_words),
    ("share-ui", click_ui),
    ("teaser", teaser),
    ("credit", short_credit),
    ("caption", caption),
    ("credit", credit),
    ("credit", byline),
    ("credit", reporting_credit),
    ("contact", contact),
    ("social", social),
    ("contact", email_line),
    ("copyright", copyright),
    ("copyright", legal),
    ("syndication", syndication),
    ("newsletter", newsletter),
    ("cookie", cookie),
    ("consent", consent),
    ("comment-policy", comment_policy),
    ("form", form),
    ("app-promo", app_promo),
    ("site-ui", site_ui),
    ("date", timestamp),
    ("teaser", truncated),
    ("mixed-script", mixed_script),
    ("nav", glued_menu),
    ("advertisement", advertisement),
    ("nav", nav),
    ("media-ui", media_ui),
    ("heading", heading),
    ("date", date_only),
    ("fragment", fragment),
]


def line_rule(line: str, config: CleanConfig = CleanConfig(),
              language: Language = ENGLISH) -> str | None:
    """The name of the first rule that drops ``line`` (already stripped), or None."""
    words = line.split()
    for name, test in LINE_RULES:
        if test(line, words, config, language):
            return name
    return None
