"""Photo captions and credits, bylines and reporting credits, and the caption that
stands on the line above a photo credit."""

from __future__ import annotations

import re

from ...config import CleanConfig
from ...text import MONTH_PATTERN, WEEKDAY_PATTERN
from .base import line_re

_PHOTO = r"(?:photo(?:graph)?s?|images?|pictures?|video(?:\s+(?:image|still|grab))?|frame\s+grabs?|screen\s*(?:shot|grab)s?|handout|stills?|illustrations?|graphics?)"
# The words AP-style captions put between "In this" and "photo": dates and photo kinds.
_CAPTION_MID = (
    r"(?:" + WEEKDAY_PATTERN + "|" + MONTH_PATTERN + r"|\d{1,4}(?:st|nd|rd|th)?"
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
INLINE_CREDIT = re.compile(
    r"\s*\((?:photo|image|picture|video)s?\s*(?::|by\b|credit\b|courtesy\b)[^()]{0,80}\)", re.I
)


def caption(line: str, words: list[str], cfg: CleanConfig, _language) -> bool:
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


def short_credit(line: str, words: list[str], cfg: CleanConfig, _language) -> bool:
    """A short line that is only a credit: "Photo: Jane Doe", "(Jane Doe/AP)"."""
    if len(words) > 8:
        return False
    if _CREDIT_START.search(line) or _AP_PHOTO.search(line):
        return True
    return line.startswith("(") and _CREDIT_PAREN.fullmatch(line) is not None


def credit(line: str, words: list[str], cfg: CleanConfig, _language) -> bool:
    return len(words) <= 15 and _CREDIT_START.search(line) is not None


byline = line_re(
    r"^[Bb]y\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"(?:\s*(?:,|and|&|of|for)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,5})*\s*\.?$"
    r"|^[Bb]y:?$",
    14,
    flags=0,
)
reporting_credit = line_re(
    r"^\(?(?:additional\s+)?(?:reporting|writing|editing|compiled|research)\s+by\b"
    r"|\bcontributed\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article)\b"
    r"|\bcontributed\s+reporting\b|^with\s+(?:files|reporting)\s+from\b"
    r"|^(?:information|material)\s+from\s*:?\s",
    40,
)


# A credit line proper ("Photograph by Jane Doe", "Courtesy of the museum"), not a
# labelled caption ("Image: Crowds at the port"). A parenthesised credit "(Jane Doe/AP)"
# also closes story paragraphs on some sites, so it does not make the line above a caption.
_CREDIT_LINE = re.compile(
    r"^\(?(?:" + _PHOTO + r"|picture)\s+(?:by|courtesy(?:\s+of)?|credit)\b"
    r"|^(?:photo|image|picture)\s+credits?\s*:|^courtesy(?:\s+of)?\s+(?-i:[A-Z])",
    re.I,
)


def _is_photo_credit(line: str) -> bool:
    return len(line.split()) <= 10 and _CREDIT_LINE.search(line) is not None


def before_photo_credit(lines: list[str]) -> list[bool]:
    """For each line, whether the next non-empty line is a photo credit ("Photograph by
    Jane Doe", "(Jane Doe / Example Times)"): a short line there is the photo's caption."""
    out = [False] * len(lines)
    following = False
    for i in range(len(lines) - 1, -1, -1):
        out[i] = following
        if lines[i]:
            following = _is_photo_credit(lines[i])
    return out
