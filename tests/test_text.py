"""summarizer.text: words, stems, stop words and word counts per language."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import text


def test_unicode_words_keep_marks_digits_and_split_unspaced_scripts():
    assert text.unicode_words("كَتَبَ الطالبُ الدرسَ") == ["كَتَبَ", "الطالبُ", "الدرسَ"]
    assert text.unicode_words("किसानों को लाभ होगा।") == ["किसानों", "को", "लाभ", "होगा"]
    assert text.unicode_words("Ο Δήμαρχος ΔΗΛΩΣΕ") == ["ο", "δήμαρχος", "δηλωσε"]
    assert text.unicode_words("北京下雨。２０２９年") == ["北", "京", "下", "雨", "2029", "年"]
    assert text.unicode_words("Élysée, l'été!") == ["élysée", "l", "été"]


def test_word_count_counts_ideographs_and_whitespace_words():
    assert text.word_count("The council met, again.") == 4
    assert text.word_count("杭州市议会。") == 5
    assert text.word_count("قال الوزير ذلك أمس.") == 4


def test_stems_and_stop_words_per_language():
    assert text.tokenize("Les ponts et les routes", "fr") == ["pont", "rout"]
    assert text.tokenize("Οι δωρεές για την ενίσχυση", "el") == ["δωρε", "ενισχυσ"]
    assert "في" in text.stop_words("ar") and "και" in text.stop_words("el")
    assert text.tokenize("מועצת העיר אישרה", "he") == ["מועצת", "העיר", "אישרה"]  # no stemmer
    assert not text.has_stemmer("he") and text.has_stemmer("hi")


_OLD_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdeXYZ019 '.,-é\n")), max_size=80))
def test_english_tokens_are_what_they_always_were(s):
    """English keeps the regex, scikit-learn's stop words and Porter stems."""
    from nltk.stem.porter import PorterStemmer
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    porter = PorterStemmer()
    old = [porter.stem(t) for t in _OLD_TOKEN.findall(s.lower()) if t not in ENGLISH_STOP_WORDS]
    assert text.tokenize(s, "en") == old


def test_letters_seen_by_a_tokenizer():
    ascii_only = re.compile(r"[a-z0-9]+")
    assert text.letters_seen("Οι δωρεές 2005", ascii_only) == (8, 0)
    assert text.letters_seen("Le pont coûtera", ascii_only) == (13, 12)


def test_stop_words_match_without_optional_diacritics():
    """stopwords-iso writes Greek mostly without accents; news text has them."""
    assert text.fold_marks("είναι") == "ειναι" and text.fold_marks("كَتَبَ") == "كتب"
    assert text.fold_marks("किसानों") == "किसानों"  # Devanagari vowel signs are letters' own
    assert text.is_stop_word("είναι", "el") and text.is_stop_word("ότι", "el")
    assert text.tokenize("Είναι σαφές ότι η γέφυρα", "el", stem_words=False) == ["σαφές", "γέφυρα"]


def test_months_table_names_and_abbreviations():
    assert len(set(text.MONTHS.values())) == 12
    assert text.MONTHS["january"] == text.MONTHS["jan"] == 1
    assert text.MONTHS["may"] == 5
    assert text.MONTHS["sept"] == text.MONTHS["sep"] == text.MONTHS["september"] == 9
    pattern = re.compile(f"(?:{text.MONTH_PATTERN})", re.IGNORECASE)
    for name, number in text.MONTHS.items():
        assert pattern.fullmatch(name) and pattern.fullmatch(name.title())
    # Whatever the pattern matches is read by its first three letters.
    for word in ("Sept", "JUNE", "Sepember", "dec"):
        assert pattern.fullmatch(word) and word[:3].lower() in text.MONTHS
    assert not pattern.fullmatch("mayday") and not pattern.fullmatch("sun")


def test_weekdays_table_and_pattern():
    assert sorted(set(text.WEEKDAYS.values())) == list(range(1, 8))
    assert text.WEEKDAYS["monday"] == text.WEEKDAYS["mon"] == 1
    assert text.WEEKDAYS["thurs"] == text.WEEKDAYS["thursday"] == 4
    pattern = re.compile(f"(?:{text.WEEKDAY_PATTERN})", re.IGNORECASE)
    full = [name for name in text.WEEKDAYS if name.endswith("day")]
    assert len(full) == 7 and all(pattern.fullmatch(name.title()) for name in full)
    assert not pattern.fullmatch("mon") and not pattern.fullmatch("someday")


def test_honorifics_are_titles_before_a_name():
    assert {"mr", "ms", "dr", "gov", "sen"} <= text.HONORIFICS
    assert not {"inc", "jan", "st"} & text.HONORIFICS


def test_ends_like_a_sentence_needs_a_final_mark_of_any_script():
    ends = text.ends_like_a_sentence
    for s in ("The bridge closed.", 'He said "no."  ', "Why?”", "Il a dit «oui!»",
              "أغلق الجسر؟", "पुल बंद हुआ।", "桥关闭了。", "(as planned.)", "「そうだ。」"):
        assert ends(s), s
    for s in ("The bridge closed", 'He said "no"', "Schedule:", "Items;", "", "(as planned)",
              "Done!:"):
        assert not ends(s), s


def test_ends_like_a_sentence_with_clause_marks_takes_the_last_character():
    def ends(s, language=None):
        return text.ends_like_a_sentence(s, clause_marks=True, language=language)

    # A closing quote or bracket alone, or ":" ";", ends a line for cleaning.
    for s in ("The bridge closed.", 'He said "no"', "Schedule:", "Items;", "(as planned)",
              "Why?”  "):
        assert ends(s) and ends(s, "fr"), s
    assert not ends("The bridge closed") and not ends("")
    # English takes the marks of English text only; other languages every script's.
    for s in ("أغلق الجسر؟", "पुल बंद हुआ।", "桥关闭了。", "Il a dit « oui »", "完了．", "「そうだ」"):
        assert not ends(s) and not ends(s, "en"), s
        assert ends(s, "ar") and ends(s, text.get_language("zh")), s
    # The strict rule reads every script's marks and ignores ``language``.
    assert text.ends_like_a_sentence("桥关闭了。", language="en")
