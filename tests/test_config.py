import os
from pathlib import Path

import pytest
from conftest import REPO

from summarizer.config import Config, load_config
from summarizer.errors import ConfigError


def test_defaults_are_valid():
    c = Config()
    assert c.rank.method == "lexrank" and c.select.words == 100
    assert c.hash() == Config().hash()


def test_override_with_type_conversion():
    c = load_config(None, ["select.words=250", "rank.method=textrank", "dedup.near=false",
                           "select.sentences=null", "select.mmr.lambda=0.5"])
    assert c.select.words == 250 and c.rank.method == "textrank"
    assert c.dedup.near is False and c.select.mmr.lambda_ == 0.5


def test_unknown_key_suggests_nearest():
    with pytest.raises(ConfigError, match=r"unknown config key 'select.word'.*'select.words'"):
        load_config(None, ["select.word=3"])


def test_unknown_key_in_file(tmp_path):
    f = tmp_path / "c.yaml"
    f.write_text("rank:\n  methd: lexrank\n")
    with pytest.raises(ConfigError, match=r"'rank.methd'.*did you mean 'rank.method'"):
        load_config(f)


def test_wrong_type_names_key_value_and_type():
    with pytest.raises(ConfigError, match=r"select.words.*'many'.*integer"):
        load_config(None, ["select.words=many"])


def test_unknown_registered_name():
    with pytest.raises(ConfigError, match=r"config key rank.method: unknown method 'pagerank'; known: lexrank"):
        load_config(None, ["rank.method=pagerank"])


def test_extends_merges_sections(tmp_path):
    (tmp_path / "base.yaml").write_text("select:\n  words: 50\n  mmr:\n    lambda: 0.3\n")
    (tmp_path / "child.yaml").write_text("extends: base.yaml\nselect:\n  words: 80\n")
    c = load_config(tmp_path / "child.yaml")
    assert c.select.words == 80 and c.select.mmr.lambda_ == 0.3


def test_a_model_path_in_a_file_is_relative_to_that_file(tmp_path, monkeypatch):
    """A config and its model travel together: a relative ``rank.learned.model`` in a
    file is read from that file's folder (a parent's from the parent's), while ``--set``
    and absolute paths are taken as given."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "shared").mkdir()
    (tmp_path / "mine").mkdir()
    (tmp_path / "shared" / "base.yaml").write_text(
        "rank:\n  method: learned\n  learned:\n    model: ../models/news.json\n")
    (tmp_path / "mine" / "child.yaml").write_text("extends: ../shared/base.yaml\n")
    (tmp_path / "mine" / "own.yaml").write_text(
        "extends: ../shared/base.yaml\nrank:\n  learned:\n    model: m.json\n")
    (tmp_path / "mine" / "abs.yaml").write_text(
        f"rank:\n  method: learned\n  learned:\n    model: {tmp_path / 'x.json'}\n")
    inherited = load_config(tmp_path / "mine" / "child.yaml").rank.learned.model
    assert Path(inherited).resolve() == (tmp_path / "models" / "news.json").resolve()
    own = load_config("mine/own.yaml").rank.learned.model
    assert Path(own).resolve() == (tmp_path / "mine" / "m.json").resolve()
    assert load_config("mine/own.yaml", ["rank.learned.model=cli.json"]).rank.learned.model \
        == "cli.json"
    assert load_config("mine/abs.yaml").rank.learned.model == str(tmp_path / "x.json")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "mine" / "home.yaml").write_text(
        "rank:\n  method: learned\n  learned:\n    model: ~/m.json\n")
    assert load_config("mine/home.yaml").rank.learned.model == str(tmp_path / "home" / "m.json")
    (tmp_path / "mine" / "nobody.yaml").write_text(
        "rank:\n  method: learned\n  learned:\n    model: ~nosuchuser9/m.json\n")
    assert load_config("mine/nobody.yaml").rank.learned.model == "~nosuchuser9/m.json"
    # a config read from a pipe has no folder: its paths are the current folder's
    read, write = os.pipe()
    os.write(write, b"rank:\n  method: learned\n  learned:\n    model: m.json\n")
    os.close(write)
    try:
        assert load_config(f"/dev/fd/{read}").rank.learned.model == "m.json"
    finally:
        os.close(read)


def test_extends_cycle_is_an_error(tmp_path):
    (tmp_path / "a.yaml").write_text("extends: b.yaml\n")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\n")
    with pytest.raises(ConfigError, match="cycle"):
        load_config(tmp_path / "a.yaml")


def test_missing_file_and_bad_yaml(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("rank: [unclosed\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(bad)


def test_no_budget_is_an_error():
    with pytest.raises(ConfigError, match="at least one of words"):
        load_config(None, ["select.words=null"])


def test_shipped_configs_load():
    paths = sorted((REPO / "configs").glob("*.yaml"))
    assert len(paths) >= 5, paths  # the folder moved: this test would check nothing
    for path in paths:
        load_config(path)


def test_builtin_defaults_equal_configs_default_yaml():
    path = REPO / "configs" / "default.yaml"
    assert load_config(path).hash() == Config().hash()


def test_unknown_splitter_is_an_error():
    with pytest.raises(ConfigError, match=r"split.method.*unknown"):
        load_config(None, ["split.method=spacy"])


def test_each_method_has_its_own_section():
    """A parameter lives in its method's section; the old flat key is refused with the
    new one suggested, and a section cannot take another method's parameter."""
    assert load_config(None, ["rank.lexrank.threshold=0.2"]).rank.lexrank.threshold == 0.2
    with pytest.raises(ConfigError, match="did you mean 'rank.lexrank.threshold'"):
        load_config(None, ["rank.threshold=0.2"])
    with pytest.raises(ConfigError, match="rank.textrank.threshold"):
        load_config(None, ["rank.textrank.threshold=0.2"])


def test_every_method_in_the_table_is_a_valid_config_and_has_a_section():
    from summarizer.config import RankConfig
    from summarizer.rank import METHODS

    needs = {"learned": ["rank.learned.model=model.json"]}  # a file the pipeline reads
    for method in METHODS:
        given = [f"rank.method={method.name}", *needs.get(method.name, [])]
        assert load_config(None, given).rank.method == method.name
        assert method.name in RankConfig.model_fields, method.name
        assert method.tag in ("scorer", "selector") and method.summary


def test_a_config_imports_no_stage():
    """The config is a leaf: building and validating one imports no stage and no numpy
    (the tables name their implementations; :mod:`summarizer.tables`)."""
    import subprocess
    import sys

    code = ("import sys\n"
            "from summarizer.config import Config, load_config\n"
            "Config(); load_config(None, ['rank.method=textrank', 'select.method=topk'])\n"
            "print([m for m in sys.modules if m.split('.')[0] in ('numpy', 'scipy', 'sklearn')"
            " or m in ('summarizer.ingest.split', 'summarizer.select', 'summarizer.similarity')])\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"


def test_each_similarity_backend_has_its_own_section():
    """A parameter of one backend cannot be given to the other, and a key that sat flat
    in ``similarity`` before says where it went."""
    cfg = load_config(None, ["similarity.embeddings.model=some/encoder",
                             "similarity.tfidf.ngram_max=2"])
    assert cfg.similarity.embeddings.model == "some/encoder"
    assert cfg.similarity.tfidf.ngram_max == 2
    with pytest.raises(ConfigError, match="similarity.model is now similarity.embeddings.model"):
        load_config(None, ["similarity.model=some/encoder"])
    with pytest.raises(ConfigError, match="similarity.ngram_max is now similarity.tfidf.ngram_max"):
        load_config(None, ["similarity.ngram_max=2"])
    with pytest.raises(ConfigError, match="similarity.tfidf"):
        load_config(None, ["similarity.tfidf.model=some/encoder"])


def test_each_refine_backend_has_its_own_section():
    """refine.openai.* and refine.transformers.* hold each backend's own parameters; an
    old flat key says where it went; with refinement on, a parameter of the backend not
    chosen is one error line; a dumped config (every default listed) loads again."""
    cfg = load_config("server", ["refine.openai.timeout=5", "refine.transformers.num_beams=2",
                                 "refine.enabled=false"])
    assert cfg.refine.openai.timeout == 5 and cfg.refine.transformers.num_beams == 2
    in_process = load_config(None, ["refine.transformers.batch_size=2"]).refine.transformers
    assert in_process.batch_size == 2
    for old, new in (("base_url", "openai"), ("cache_dir", "openai"), ("seed", "openai"),
                     ("num_beams", "transformers"), ("max_input_tokens", "transformers")):
        with pytest.raises(ConfigError, match=rf"^refine.{old} is now refine.{new}.{old} "):
            load_config(None, [f"refine.{old}=1"])
    with pytest.raises(ConfigError, match=r"^config key refine.openai.timeout: a setting of the "
                                          r"openai backend, but refine.backend is transformers"):
        load_config("abstractive", ["refine.openai.timeout=5"])
    with pytest.raises(ConfigError, match=r"^config key refine.transformers.num_beams: .* "
                                          r"refine.backend is openai"):
        load_config("server", ["refine.transformers.num_beams=2"])
    with pytest.raises(ConfigError, match="unknown refine backend 'vllm'; known: transformers, "
                                          "openai"):
        load_config(None, ["refine.backend=vllm"])
    for name in ("server", "abstractive", "abstractive-smollm2", "abstractive-server"):
        shipped = load_config(name)
        assert Config.model_validate(shipped.model_dump()).hash() == shipped.hash()


def test_refine_backends_and_rouge_tokenizers_are_tables_the_config_checks():
    from summarizer.evaluation.rouge import make_tokenizer
    from summarizer.registry import UnknownName
    from summarizer.tables import REFINE_BACKENDS, ROUGE_TOKENIZERS

    assert REFINE_BACKENDS.names() == ["transformers", "openai"]
    for backend in REFINE_BACKENDS:
        assert callable(backend.load()) and backend.summary, backend.name
        assert backend.name in type(Config().refine).model_fields  # its own section
    for tokenizer in ROUGE_TOKENIZERS:
        assert make_tokenizer(tokenizer.name, False).tokenize("The 2 Bridges") \
            and tokenizer.summary
    with pytest.raises(UnknownName, match="unknown ROUGE tokenizer 'nope'"):
        make_tokenizer("nope")
    with pytest.raises(ConfigError, match="evaluate.tokenizer: unknown ROUGE tokenizer 'nope'"):
        load_config(None, ["evaluate.tokenizer=nope"])


def test_mmr_has_its_own_section_and_says_when_it_is_not_read(tmp_path, caplog):
    """select.mmr.* is the MMR step's; the flat keys say where they went, and a setting
    that no MMR step reads (topk, or a method that chooses the summary itself) is named
    in one warning line rather than ignored in silence."""
    cfg = load_config(None, ["select.mmr.lambda=0.4", "select.mmr.redundancy_threshold=0.8"])
    assert (cfg.select.mmr.lambda_, cfg.select.mmr.redundancy_threshold) == (0.4, 0.8)
    assert cfg.shown()["select"]["mmr"] == {"lambda": 0.4, "redundancy_threshold": 0.8}
    assert Config(**cfg.model_dump(mode="json")) == cfg  # a dumped config loads again
    with pytest.raises(ConfigError, match="select.mmr_lambda is now select.mmr.lambda"):
        load_config(None, ["select.mmr_lambda=0.4"])
    old = tmp_path / "old.yaml"
    old.write_text("select:\n  redundancy_threshold: 0.8\n")
    with pytest.raises(ConfigError, match="select.redundancy_threshold is now "
                                          "select.mmr.redundancy_threshold"):
        load_config(old)
    with caplog.at_level("WARNING", logger="summarizer"):
        load_config(None, ["select.mmr.lambda=0.41", "rank.method=ilp"])
        load_config(None, ["select.mmr.redundancy_threshold=0.81", "select.method=topk"])
        load_config(None, ["select.mmr.lambda=0.42", "rank.method=centroid"])  # read
        load_config(None, ["rank.method=dpp", "select.method=topk"])  # nothing set
    assert [r.getMessage() for r in caplog.records] == [
        "select.mmr.lambda=0.41 is set but not used: rank.method ilp chooses the summary "
        "itself",
        "select.mmr.redundancy_threshold=0.81 is set but not used: select.method is topk"]


def test_a_yaml_boolean_for_the_language_says_how_to_write_norwegian():
    with pytest.raises(ConfigError, match=r"language: false is a YAML boolean.*'no' is Norwegian"):
        load_config(None, ["language=no"])
    assert load_config(None, ["language='no'"]).language == "no"
