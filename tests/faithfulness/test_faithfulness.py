"""The faithfulness guard on crafted rewrites: paraphrases pass, invented facts do not."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.documents import Article, Selected, Summary, Unit
from summarizer.language import Detected, get_language
from summarizer.faithfulness import (apply_guard, check, check_sentence, guard_stats, source_facts,
                                    unsupported_rate, unsupported_sentence_share)

SOURCES = [
    "Mayor Lena Ortiz said the Harbor Bridge in Port Alder will close on Monday, March 3, "
    "2024, for three weeks of repairs.",
    "The repairs will cost $1.5 million, about 5 percent of the city's yearly budget.",
    "Some 1,000 drivers cross the bridge each hour, the U.S. Coast Guard said.",
    "It is the second closure since the 1990s, and 12 workers will be on site.",
]
FACTS = source_facts(SOURCES)


def items(sentence):
    return [(i.text, i.type) for i in check_sentence(sentence, FACTS)]


def test_correct_paraphrase_is_not_flagged():
    text = ("Port Alder's Harbor Bridge closes from Monday for 3 weeks, Ortiz said. "
            "The work costs 1.5 million dollars, 5% of the budget. "
            "About one thousand drivers an hour use it, according to the Coast Guard. "
            "Twelve workers will repair it in its 2nd closure since the 1990s. "
            "Meanwhile Mr. Ortiz thanked the United States Coast Guard.")
    assert [c.items for c in check(text, SOURCES)] == [()] * 5


def test_made_up_name_is_flagged():
    assert items("The bridge will close, Mayor John Smith said.") == [("John Smith", "name")]
    assert items("Staff of Ortiz Holdings met Governor Ortiz.") == [("Holdings", "name"), ("Governor", "name")]
    assert items("Smith opened it.") == []  # a lone sentence opener is not checked (a known gap)


def test_letters_and_digits_in_one_word():
    facts = source_facts(["Kim Tobin reports for NBC4 News.", "Drivers took Route 9 north."])
    assert check_sentence("Tobin spoke on NBC4 and took Route9.", facts) == []  # as written, or split
    assert [i.text for i in check_sentence("Tobin spoke on NBC5.", facts)] == ["NBC5"]


def test_wrong_numbers_are_flagged():
    assert items("The repairs will cost $2.5 million.") == [("2.5 million", "number")]
    assert items("Some 1,200 drivers and four weeks.") == [("1,200", "number"), ("four", "number")]
    assert items("It costs 6 percent of the budget.") == [("6", "number")]


def test_number_forms_compare_by_value():
    facts = source_facts(["The plant employs 1,000 people and 25 engineers; sales rose 5%."])
    for ok in ("1000 people", "one thousand people", "twenty-five engineers",
               "sales rose 5 percent", "sales rose five per cent"):
        assert check_sentence(ok, facts) == [], ok
    assert [i.text for i in check_sentence("a 1,001-person plant", facts)] == ["1,001"]


def test_wrong_dates_are_flagged():
    assert items("It closes on Tuesday.") == [("Tuesday", "date")]
    assert items("Work ends in April 2025.") == [("April", "date"), ("2025", "date")]
    assert items("It reopened in the 1980s.") == [("1980s", "date")]
    assert items("It closes on March 3, 2024.") == []


def test_sentence_openers_and_modal_may_are_not_names():
    assert items("Officials said the bridge may close.") == []
    assert items("May the repairs go well.") == []
    assert items('Drivers said: "Traffic will be terrible."') == []


def _summary(refined, sources=SOURCES, language=None):
    unit = Unit(sources[0], ((0, 0),))
    articles = [Article(f"a{i}", text) for i, text in enumerate(sources)]
    return Summary("c", [Selected(unit, 1.0, 0)], articles, refined=refined, language=language)


REWRITE = ("The Harbor Bridge closes on Monday for three weeks. "
           "Mayor John Smith said it costs $9 million. "
           "About 1,000 drivers use it each hour.")


def test_flag_keeps_text_and_lists_items_per_sentence():
    s = apply_guard(_summary(REWRITE), "flag")
    assert s.refined == REWRITE
    assert s.unsupported == [{"sentence": 1, "text": "Mayor John Smith said it costs $9 million.",
                              "action": "flagged",
                              "items": [{"text": "John Smith", "type": "name"},
                                        {"text": "9 million", "type": "number"}]}]


def test_drop_removes_unsupported_sentences():
    s = apply_guard(_summary(REWRITE), "drop")
    assert s.refined == ("The Harbor Bridge closes on Monday for three weeks. "
                         "About 1,000 drivers use it each hour.")
    assert [e["action"] for e in s.unsupported] == ["dropped"]
    assert unsupported_rate(s) == 0.0


def test_drop_with_nothing_left_and_fallback_return_the_extract():
    extract = SOURCES[0]
    assert apply_guard(_summary("John Smith spoke."), "drop").refined == extract
    s = apply_guard(_summary(REWRITE), "fallback")
    assert s.refined == extract and s.unsupported[0]["action"] == "fallback"
    assert apply_guard(_summary("The bridge closes on Monday."), "fallback").refined == \
        "The bridge closes on Monday."


def test_off_checks_nothing_and_unknown_action_raises():
    assert apply_guard(_summary(REWRITE), "off").unsupported == []
    with pytest.raises(ValueError):
        apply_guard(_summary(REWRITE), "shout")


def test_rates_are_recomputed_from_the_final_text():
    s = _summary(REWRITE)
    stats = guard_stats(s)
    assert stats["items"] == 2 and stats["sentences"] == 3 and stats["sentences_with_items"] == 1
    assert unsupported_rate(s) == pytest.approx(100 * 2 / len(REWRITE.split()))
    assert unsupported_sentence_share(s) == pytest.approx(1 / 3)
    assert unsupported_rate(_summary(None)) == 0.0  # the extract
    assert unsupported_rate(_summary("")) == 0.0


def test_the_summarys_language_record_chooses_the_rules():
    french = ["Le maire Jean Martin a dit que la réparation coûtera 2,5 millions d'euros."]
    rewrite = "La réparation coûtera 2.5 millions, a dit Jean Martin."
    detected = Detected(get_language("fr"), "detected", 0.987654)
    # read as French, the source's "2,5" is 2.5 (or 25): nothing is unsupported
    assert apply_guard(_summary(rewrite, french, detected), "flag").unsupported == []
    assert guard_stats(_summary(rewrite, french, detected))["items"] == 0
    # a summary without a language record is English, where "2,5" is two numbers
    english = apply_guard(_summary(rewrite, french), "flag").unsupported
    assert [i["text"] for e in english for i in e["items"]] == ["2.5"]
    # an explicit language wins over the record
    assert apply_guard(_summary(rewrite, french, detected), "flag", language="en").unsupported \
        == english


def test_the_language_record_is_written_as_before():
    detected = Detected(get_language("fr"), "detected", 0.987654)
    assert _summary(None, language=detected).to_dict()["language"] == {
        "code": "fr", "name": "french", "source": "detected", "confidence": 0.9877}
    assert _summary(None, language=Detected(get_language("el"), "config")).to_dict()[
        "language"] == {"code": "el", "name": "greek", "source": "config"}
    assert _summary(None).to_dict()["language"] == {}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(SOURCES), min_size=1, max_size=4))
def test_source_sentences_are_never_flagged(picked):
    assert all(not c.items for c in check(" ".join(picked), FACTS))


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_comma_grouping_does_not_matter(n):
    facts = source_facts([f"They counted {n:,} votes."])
    assert check_sentence(f"They counted {n} votes.", facts) == []
    assert check_sentence(f"They counted {n + 1} votes.", facts) != []
