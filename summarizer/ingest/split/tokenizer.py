"""Punkt with news conventions: the parameters (the English news model with its word
lists, training on a cluster, another language's model) and the tokenizer classes that
add the dotted-initials, capitalised-only, numeric-only and case-folded rules."""

from __future__ import annotations

import re
from functools import lru_cache

import punkt

from ...text import HONORIFICS


# Stored as Punkt stores abbreviation types: lower case, without the final period.
NEWS_ABBREVIATIONS = HONORIFICS | frozenset("""
    fr sr jr esq st ste mt ft ave blvd rd hwy dept univ assn corp inc co cos ltd bros
    jan feb apr aug sep sept oct nov dec
    vs etc approx
    a.m p.m u.s u.n u.k e.u d.c u.s.a
    ala ariz calif colo conn fla ga kan kans ky md mich minn mont neb nev okla tenn tex
    va vt wis wyo n.h n.j n.m n.y n.c n.d s.c s.d r.i w.va
""".split())

# Abbreviations that are also common English words: abbreviations only when capitalised.
CAPITALISED_ABBREVIATIONS = frozenset("ark del ill ind la mass miss mo ore pa wash mar wed".split())

# Abbreviations only when a number follows ("No. 5", "Vol. 2").
NUMERIC_ABBREVIATIONS = frozenset("no nos vol fig".split())

# Words that start a sentence when capitalised after an abbreviation (added to the
# model's learned starters, which are few because its training text had headlines).
EXTRA_SENT_STARTERS = frozenset("""
    he she it we they i you the a an this that these those his her its our their my
    there then but and or so yet however after before when while if as at on in for with
""".split())

# After an abbreviation in case-folded text, only these words start a sentence.
FOLDED_SENT_STARTERS = frozenset("""
    the a an he she it we they i you this these those there his her its their my our
""".split())


_DOTTED = re.compile(r"[^\W\d_](?:\.[^\W\d_])+")  # u.s, j.r.r, e.g (without final period)
_ORTHO_LC = int(punkt.OrthoContext.LC)  # seen in lower case somewhere


def normalise_abbreviation(word: str) -> str:
    return word.strip().rstrip(".").lower()


def _punkt():
    from ...nltk_parts import load

    return load("nltk.tokenize.punkt")


class Ortho(dict):
    """``ortho_context`` that answers 0 for an unseen type without inserting it (NLTK's
    defaultdict grows on every lookup), so one table can be shared read-only."""

    def __missing__(self, key: str) -> int:
        return 0


@lru_cache(maxsize=1)
def _english():
    """The bundled English model as plain containers, with the news additions."""
    src = punkt.load_model("english")
    abbrevs = (set(src.abbrev_types) | NEWS_ABBREVIATIONS) - CAPITALISED_ABBREVIATIONS
    abbrevs -= NUMERIC_ABBREVIATIONS
    return (frozenset(abbrevs), frozenset(src.collocations),
            frozenset(src.sent_starters) | EXTRA_SENT_STARTERS, Ortho(src.ortho_context))


def nltk_params(abbrevs, collocations, starters, ortho):
    params = _punkt().PunktParameters()
    params.abbrev_types = set(abbrevs)
    params.collocations = set(collocations)
    params.sent_starters = set(starters)
    params.ortho_context = ortho
    return params


def _train(text: str, abbrevs: frozenset):
    """Punkt parameters learned from ``text`` (paragraph per line), seeded with the known
    abbreviations so the orthographic statistics read them right."""
    paragraphs = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    trainer = _punkt().PunktTrainer()
    trainer._params.abbrev_types = set(abbrevs)  # NLTK has no public way to seed them
    trainer.train(paragraphs, finalize=True)
    return trainer.get_params()


@lru_cache(maxsize=8)
def tokenizer_classes(english_rules: bool, sentence_ends: tuple[str, ...]):
    """Punkt with the general repairs, ending sentences at ``sentence_ends``; with the
    English rules also the English word lists, and a class for case-folded text."""
    punkt_module = _punkt()
    PunktSentenceTokenizer = punkt_module.PunktSentenceTokenizer
    _REASON_ORTHO = punkt_module.REASON_ABBR_WITH_ORTHOGRAPHIC_HEURISTIC

    class Vars(punkt_module.PunktLanguageVars):
        sent_end_chars = sentence_ends

    class NewsPunkt(PunktSentenceTokenizer):
        """Punkt with the dotted-initials, capitalised-only and numeric-only rules."""

        english = english_rules  # the English word lists apply

        def __init__(self, params):
            super().__init__(params, lang_vars=Vars())

        def _first_pass_annotation(self, aug_tok) -> None:
            super()._first_pass_annotation(aug_tok)
            if aug_tok.sentbreak and aug_tok.period_final and len(aug_tok.tok) > 1:
                last = aug_tok.tok[:-1].rsplit("-", 1)[-1]  # "D-Mass." -> "Mass"
                low = last.lower()
                if _DOTTED.fullmatch(low) or (self.english and last[:1].isupper()
                                              and low in CAPITALISED_ABBREVIATIONS):
                    aug_tok.sentbreak = False
                    aug_tok.abbr = True

        def text_contains_sentbreak(self, text: str) -> bool:
            # ``text`` is a candidate's word, the candidate, and the next token. NLTK
            # answers True for a break *inside* that next token when it is followed by
            # punctuation ('Mr. Smith."' breaks after "Mr."); only the tokens before the
            # next token may decide. The answer depends on the text alone, and news
            # repeats its contexts ("said. The"), so it is remembered.
            memo = self.__dict__.setdefault("_sentbreak_memo", {})
            answer = memo.get(text)
            if answer is None:
                if len(memo) > 200_000:
                    memo.clear()
                answer = memo[text] = self._contains_sentbreak(text)
            return answer

        def _contains_sentbreak(self, text: str) -> bool:
            parts = text.split()
            if len(parts) < 2:
                return super().text_contains_sentbreak(text)
            # Annotating a token is slow: stop at the first break (a context can be a
            # 100,000-character word); the tokens are counted by the cheap regex alone.
            total, n_next = self._count_words(text), self._count_words(parts[-1])
            before = len(range(total)[: total - n_next])  # as tokens[: total - n_next]
            for i, tok in enumerate(self._annotate_tokens(self._tokenize_words(text))):
                if i >= before:
                    return False
                if tok.sentbreak:
                    return True
            return False

        def _count_words(self, text: str) -> int:
            """How many tokens ``_tokenize_words(text)`` yields."""
            return sum(len(self._lang_vars.word_tokenize(line))
                       for line in text.split("\n") if line.strip())

        folded = False  # FoldedPunkt: the text's case carries no information

        def _second_pass_annotation(self, aug_tok1, aug_tok2):
            reason = super()._second_pass_annotation(aug_tok1, aug_tok2)
            if aug_tok2 is None or not aug_tok1.sentbreak or not aug_tok1.period_final:
                return reason
            typ = aug_tok1.type_no_period
            if (
                (self.english and typ in HONORIFICS and aug_tok1.abbr and aug_tok2.first_upper)
                or (self.english and typ in NUMERIC_ABBREVIATIONS and aug_tok2.tok[:1].isdigit())
                or ("." in typ and reason == _REASON_ORTHO
                    and aug_tok2.type_no_sentperiod not in self._params.sent_starters)
                or (self.folded and aug_tok1.abbr
                    and aug_tok2.type_no_sentperiod not in FOLDED_SENT_STARTERS)
            ):
                aug_tok1.sentbreak = False
                aug_tok1.abbr = True
            return reason

    class FoldedPunkt(NewsPunkt):
        folded = True

    return NewsPunkt, FoldedPunkt


# Case-folded text: at least this many words that do not open a sentence, and at most
# this share of them capitalised ("I" aside). Over a whole article, cased news has names:
# 1.2% of such words capitalised at the least (multinews-dev), 2.9% in DUC 2003; the
# lowercased Multi-News copy has none.
FOLDED_MIN_WORDS = 50
FOLDED_MAX_CAPS = 0.005
_SENTENCE_END = re.compile(r"""[.?!:;]["'\u201d\u2019)\]]*$""")


def is_case_folded(text: str) -> bool:
    """Whether ``text`` (an article) looks lowercased except after sentence punctuation."""
    words = text.split()
    # caps can only grow and inner never exceeds len(words) - 1: past this the answer is no
    hopeless = FOLDED_MAX_CAPS * (len(words) - 1)
    inner = caps = 0
    for prev, word in zip(words, words[1:]):
        if _SENTENCE_END.search(prev) or not word[:1].isalpha():
            continue
        inner += 1
        if word[:1].isupper() and word.rstrip(".,;:!?'\"’”)") not in ("I", "I'm", "I’m"):
            caps += 1
            if caps > hopeless:
                return False
    return inner >= FOLDED_MIN_WORDS and caps <= FOLDED_MAX_CAPS * inner


def english_params(extra: set[str], train_text: str | None):
    """The English news model's parameters, plus ``extra`` abbreviations and what
    training on ``train_text`` teaches."""
    abbrevs, collocations, starters, ortho = _english()
    abbrevs = abbrevs | extra
    if train_text and train_text.strip():
        learned = _train(train_text, abbrevs)
        abbrevs = abbrevs | {a for a in learned.abbrev_types if "." in a}
        collocations = collocations | {c for c in learned.collocations if c[0] != "##number##"}
        # names are not sentence starters, however often one opens a sentence here
        starters = starters | {w for w in learned.sent_starters if ortho[w] & _ORTHO_LC}
        merged = Ortho(ortho)
        for typ, flags in learned.ortho_context.items():
            merged[typ] = merged[typ] | flags
        ortho = merged
    return nltk_params(abbrevs, collocations, starters, ortho)
