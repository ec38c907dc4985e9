"""summarizer.language: the language table, config values, detection and resolution."""

from __future__ import annotations


import conftest
import pytest

from summarizer.config import load_config
from summarizer.errors import ConfigError
from summarizer.language import AUTO, check_language, detect, get_language, languages, resolve

FIXTURES = conftest.FIXTURES / "languages"
SCRIPTS = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def test_codes_and_english_names_name_the_same_language():
    assert get_language("fr") is get_language("French") is get_language("FRENCH")
    assert get_language("el").name == "greek"
    assert get_language("pt-BR").code == "pt"
    assert get_language("slovenian").code == "sl"


def test_table_resources():
    table = languages()
    assert table["en"].punkt == "english" and table["en"].is_english
    assert table["el"].punkt == "greek" and table["el"].snowball == "greek"
    assert table["ar"].punkt is None and table["ar"].snowball == "arabic"
    assert table["hi"].snowball == "hindi" and table["he"].snowball is None
    assert not table["zh"].spaced and table["ru"].spaced
    assert table["ar"].stop_words and table["el"].stop_words


def test_profile_facts():
    """The facts every stage reads from the profile, for languages in the table and out."""
    en, fr, el, ar, zh, ru, de, kk = (get_language(c) for c in "en fr el ar zh ru de kk".split())
    assert en.english_rules and not any(x.english_rules for x in (fr, el, ar, zh, ru))
    assert en.cased and fr.cased and ru.cased and not ar.cased and not zh.cased
    assert de.capitalises_nouns and not fr.capitalises_nouns
    assert ru.cyrillic and kk.cyrillic and not fr.cyrillic and not el.cyrillic
    # Punkt's ends where it has parameters (the Greek question mark too), else every script's
    assert en.sentence_ends == fr.sentence_ends == (".", "?", "!")
    assert ";" in el.sentence_ends and "\u037e" in el.sentence_ends
    assert "؟" in ar.sentence_ends and "。" in zh.sentence_ends
    assert "»" not in en.line_ends and "»" in fr.line_ends and ":" in en.line_ends


def test_a_code_outside_the_table_gets_generic_resources():
    lang = get_language("sw")  # in the table without a stemmer
    assert lang.snowball is None
    other = get_language("xh")  # not in the table at all
    assert (other.code, other.punkt, other.snowball) == ("xh", None, None)


@pytest.mark.parametrize("value", ["klingon", "english2", "", "f", "xx", "gr"])
def test_unknown_language_is_a_config_error(value):
    with pytest.raises(ConfigError):
        get_language(value)


def test_config_key_language():
    assert load_config().language == AUTO
    assert load_config(None, ["language=Greek"]).language == "el"
    with pytest.raises(ConfigError, match="config key language: language 'gr' is not"):
        load_config(None, ["language=gr"])
    with pytest.raises(ConfigError, match="did you mean 'el' \\(greek\\)"):
        load_config(None, ["language=greeek"])
    assert check_language(" AUTO ") == AUTO


@pytest.mark.parametrize("code", SCRIPTS)
def test_detects_every_fixture_language(code):
    texts = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / code).glob("*.txt"))]
    found, prob = detect(texts)
    assert found == code and prob > 0.8


def test_detects_english():
    assert detect(["The council approved the new bridge on Tuesday, officials said."])[0] == "en"


def test_resolution_order_config_then_input_then_detection():
    greek = ["Το δημοτικό συμβούλιο ενέκρινε την Τρίτη την κατασκευή νέας γέφυρας."]
    assert resolve("fr", greek).to_dict() == {"code": "fr", "name": "french", "source": "config"}
    assert resolve(AUTO, greek, "greek").source == "input"
    got = resolve(AUTO, greek, "not a language")
    assert got.source == "detected" and got.language.code == "el" and 0 < got.confidence <= 1
    assert resolve(AUTO, greek).to_dict()["code"] == "el"


def test_the_detector_model_is_kept_unpacked_and_a_broken_copy_is_skipped(tmp_path, monkeypatch):
    import summarizer.language as language

    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path))
    texts = ["Le conseil municipal a voté mardi la construction d'un nouveau pont."]

    def fresh():
        language._identifier.cache_clear()
        return detect(texts)

    try:
        first = fresh()
        cache = language.model_cache_dir()
        assert cache.parent == tmp_path and len(list(cache.glob("*.npy"))) == 6
        assert fresh() == first  # read back from the unpacked copy
        (cache / "ptc.npy").write_bytes(b"not an array")
        assert fresh() == first  # unreadable: unpacked from the wheel again, and replaced
        assert fresh() == first and (cache / "ptc.npy").stat().st_size > 1000
    finally:
        language._identifier.cache_clear()
