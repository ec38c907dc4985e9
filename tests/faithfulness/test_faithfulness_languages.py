"""The faithfulness guard in languages other than English. Texts written for these tests."""

from __future__ import annotations

from summarizer.faithfulness import check, check_sentence, source_facts
from summarizer.language import get_language


def _items(text, sources, language):
    return [(i.text, i.type) for c in check(text, sources, language=language) for i in c.items]


def test_arabic_indic_digits_match_ascii_both_ways():
    assert _items("قتل ٣٠ شخصا في الانفجار.", ["قتل 30 شخصا في الانفجار."], "ar") == []
    assert _items("قتل 30 شخصا في الانفجار.", ["قتل ٣٠ شخصا في الانفجار."], "ar") == []
    # Persian digits and the Arabic decimal separator
    assert _items("نرخ تورم ۱۲٫۵ درصد بود.", ["نرخ تورم 12.5 درصد بود."], "fa") == []
    assert _items("قتل ٤٠ شخصا.", ["قتل 30 شخصا."], "ar") == [("٤٠", "number")]


def test_devanagari_digits():
    assert _items("बाढ़ में ३० लोग मारे गए।", ["बाढ़ में 30 लोग मारे गए।"], "hi") == []
    assert _items("बाढ़ में ४५ लोग मारे गए।", ["बाढ़ में 30 लोग मारे गए।"], "hi") == [("४५", "number")]
    # a year in Devanagari digits is a date
    assert _items("यह २०२४ में हुआ।", ["यह 2023 में हुआ।"], "hi") == [("२०२४", "date")]


def test_invented_numbers_flagged_in_french_and_greek():
    src = ["Le séisme a fait 40 morts à Lyon, selon le préfet Jean Martin."]
    assert _items("Le séisme a fait 45 morts à Lyon.", src, "fr") == [("45", "number")]
    assert _items("Le séisme a fait 40 morts à Lyon.", src, "fr") == []
    # decimal comma vs point, no-break-space thousands
    assert _items("Il a reçu 2.5 millions d'euros.", ["Il a reçu 2,5 millions d'euros."], "fr") == []
    assert _items("Ils étaient 1\u00a0000.", ["Ils étaient 1000."], "fr") == []
    el = ["Ο σεισμός σκότωσε 10 ανθρώπους στην Πάτρα το 2021."]
    assert _items("Ο σεισμός σκότωσε 12 ανθρώπους στην Πάτρα.", el, "el") == [("12", "number")]
    assert _items("Ο σεισμός του 2022 στην Πάτρα.", el, "el") == [("2022", "date")]


def test_names_use_the_languages_stop_words_and_stems():
    src = ["Le préfet Jean Martin a visité Lyon mercredi."]
    assert _items("Selon Jean Dupont, la ville est calme.", src, "fr") == [("Dupont", "name")]
    # a French function word that is capitalised after a full stop is not a name
    assert _items("La ville est calme. Depuis mercredi, Lyon attend.", src, "fr") == []
    # Greek: accents and inflection (Snowball Greek) on both sides
    el = ["Ο πρωθυπουργός Κυριάκος Παπαδόπουλος επισκέφθηκε την Πάτρα."]
    assert _items("Ο Παπαδόπουλος μίλησε στην Πάτρα.", el, "el") == []
    assert _items("Ο Γεωργίου μίλησε στην Πάτρα.", el, "el") == [("Γεωργίου", "name")]


def test_caseless_scripts_check_numbers_only():
    src = ["أعلنت الحكومة أن 30 شخصا أصيبوا في الحادث."]
    # an Arabic sentence with a supported number passes, whatever its words
    assert _items("قالت وزارة الصحة إن ٣٠ شخصا أصيبوا.", src, "ar") == []
    # a Latin name inside a caseless-script sentence is not checked either
    assert _items("وقال Ahmed إن 30 شخصا أصيبوا.", src, "ar") == []
    zh = ["市政府表示，大桥将关闭30天。"]
    # number words and scale characters are not read: "30万" is 30, stated
    assert _items("市长说费用为30万元。", zh, "zh") == []
    assert _items("大桥将关闭30天。", zh, "zh") == []
    assert _items("大桥将关闭45天。", zh, "zh") == [("45", "number")]
    # Chinese sentences split at 。
    assert len(check("大桥将关闭30天。市长视察了现场。", zh, language="zh")) == 2


def test_names_are_checked_only_where_a_capital_marks_one():
    # German capitalises every noun: an unstated noun is no invented name, a number is
    de = ["Die Brücke in Hamburg wird am Montag für 30 Tage geschlossen."]
    assert _items("Die Reparatur der Brücke dauert 30 Tage.", de, "de") == []
    assert _items("Die Reparatur der Brücke dauert 45 Tage.", de, "de") == [("45", "number")]
    # Dutch has case and capitalises names only: an unstated name is flagged
    nl = ["De brug in Rotterdam gaat maandag 30 dagen dicht."]
    assert _items("Burgemeester Jansen sloot de brug in Rotterdam.", nl, "nl") == [("Jansen", "name")]
    # the same in Hebrew script: no capital, so no name is checked
    assert _items("ראש העיר כהן סגר את הגשר.", ["הגשר ייסגר ל-30 יום."], "he") == []


def test_english_default_is_unchanged():
    src = ["The storm killed 30 people in Ohio on Monday, officials said."]
    facts = source_facts(src)
    assert facts == source_facts(src, language=None) == source_facts(src, language="en")
    assert [i.text for i in check_sentence("It killed 45 people in Texas on Friday.", facts)] \
        == ["45", "Texas", "Friday"]
    assert check("It killed thirty people in Ohio.", src) == check(
        "It killed thirty people in Ohio.", src, language=get_language("en"))
