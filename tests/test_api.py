"""The public Python API, used only through the names ``summarizer`` exports."""

import json
import subprocess
import sys

import pytest

import summarizer
from summarizer import (Article, Cluster, Config, ConfigError, InputError, Pipeline,
                        Summary, Support, load_config, read_path, summarize)

from conftest import EXAMPLE, REPO

STORY = [
    "The city council voted on Tuesday to rebuild the old stone bridge over the Mill River, "
    "which has been closed since a flood cracked two of its arches in March.",
    "Engineers told the council the repairs would cost about four million dollars and take "
    "eighteen months.",
    "Shop owners on both banks said the closure had cut their trade by a third.",
    "The council will pay for the work with a state grant and a loan from the regional bank.",
]


def test_public_names_are_exported_and_documented():
    assert {"summarize", "Pipeline", "Config", "load_config", "read_path",
            "evaluate"} <= set(summarizer.__all__)
    for name in summarizer.__all__:
        if name == "__version__":
            continue
        obj = getattr(summarizer, name)
        assert obj.__doc__ and obj.__doc__.strip(), f"{name} has no docstring"
    with pytest.raises(AttributeError):
        summarizer.no_such_name


def test_import_is_lazy():
    code = ("import sys, summarizer\n"
            "heavy = [m for m in ('numpy', 'sklearn', 'torch', 'pydantic') if m in sys.modules]\n"
            "assert not heavy, heavy\n"
            "summarizer.summarize\n"
            "assert 'torch' not in sys.modules\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_summarize_a_folder_matches_the_cli_json(tmp_path):
    # the resolved config is part of the JSON, so ask for the same output format
    summary = summarize(EXAMPLE, words=60, output={"format": "json"})
    assert isinstance(summary, Summary) and summary.text
    assert len(summary.text.split()) <= 60
    out = tmp_path / "cli.json"
    r = subprocess.run([sys.executable, "-m", "summarizer", "summarize", str(EXAMPLE),
                        "--words", "60", "--format", "json", "-o", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert summary.to_dict() == json.loads(out.read_text())


def test_support_has_the_json_shape():
    summary = summarize(EXAMPLE, words=100)
    doc = summary.to_dict()
    for selected, sentence in zip(summary.sentences, doc["sentences"]):
        support = summary.support_of(selected)
        assert all(isinstance(s, Support) for s in support)
        assert [vars(s) for s in support] == sentence["support"]
        assert all(summary.articles[s.article_index].id == s.article for s in support)
    assert any(len(s["support"]) > 1 for s in doc["sentences"])  # the copies collapsed


def test_summarize_texts_and_articles():
    from_texts = summarize([" ".join(STORY[:2]), " ".join(STORY[2:]) + " " + STORY[0]],
                           words=50)
    assert from_texts.text and [a.id for a in from_texts.articles] == ["doc1", "doc2"]
    articles = [Article(id="river-1", text=" ".join(STORY), title="Bridge to be rebuilt")]
    from_articles = summarize(articles, words=30)
    assert from_articles.articles[0].id == "river-1"
    assert len(from_articles.text.split()) <= 30
    cluster = Cluster("mill-river", articles)
    assert summarize(cluster, words=30).text == from_articles.text


def test_config_names_paths_objects_and_overrides_agree():
    by_name = summarize(EXAMPLE, config="duc")
    by_path = summarize(EXAMPLE, config=REPO / "configs" / "duc.yaml")
    by_object = summarize(EXAMPLE, config=load_config("duc"))
    assert by_name.text == by_path.text == by_object.text
    textrank = summarize(EXAMPLE, words=50, rank={"method": "textrank"})
    dotted = summarize(EXAMPLE, words=50, **{"rank.method": "textrank"})
    assert textrank.config["rank"]["method"] == "textrank" and textrank.text == dotted.text
    assert textrank.config["select"]["words"] == 50
    # the config's own budget is kept unless words is given
    assert summarize(EXAMPLE, config="multinews").config["select"]["words"] == 280


def test_pipeline_and_read_path_are_the_same_door():
    config = Config()
    (cluster,) = read_path(EXAMPLE)
    assert Pipeline(config).summarize(cluster).text == summarize(EXAMPLE).text


def test_api_errors_are_clear():
    with pytest.raises(ConfigError, match="rank.metod"):
        summarize(EXAMPLE, rank={"metod": "textrank"})
    with pytest.raises(ConfigError, match=r"select.words.*greater than or equal to 1"):
        summarize(EXAMPLE, words=0)
    with pytest.raises(InputError, match="input not found.*list of strings"):
        summarize("no/such/folder")
    with pytest.raises(InputError, match="expected a string or an Article"):
        summarize([STORY[0], 42])
    with pytest.raises(InputError):
        summarize(["", "   "])


def test_evaluate_through_the_api(tmp_path):
    ev = summarizer.evaluate("harbor-bridge", systems="default,lead", report=tmp_path / "r")
    systems = ev.doc["systems"]
    assert set(systems) == {"default", "lead"}
    assert systems["default"]["metrics"]["rouge2"]["mean"] > 0
    assert (tmp_path / "r" / "results.json").exists()


def test_method_and_query_by_name():
    from summarizer import summarize
    from summarizer.rank import METHODS

    central = summarize(EXAMPLE, words=50, method="centroid")
    assert central.config["rank"]["method"] == "centroid"
    asked = summarize(EXAMPLE, words=50, query="How many vehicles use the bridge each day?")
    assert asked.config["query"]["text"].startswith("How many")
    assert "vehicles" in asked.text
    assert "centroid" in METHODS.names()


def _cli_error(*sets: str) -> str:
    r = subprocess.run([sys.executable, "-m", "summarizer", "config", "show",
                        *[a for s in sets for a in ("--set", s)]],
                       capture_output=True, text=True)
    assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr
    return r.stderr.strip().removeprefix("summarizer: error: ")


@pytest.mark.parametrize("sets, overrides", [
    (["refine.openai.timout=5"], {"refine.openai.timout": 5}),  # a typo
    (["refine.openai.timeout=-1"], {"refine.openai.timeout": -1}),  # out of range
    (["refine.timeout=5"], {"refine.timeout": 5}),  # the key before the sections
    (["refine.enabled=true", "refine.openai.timeout=5"],  # the backend not chosen
     {"refine": {"enabled": True, "openai": {"timeout": 5}}}),
    (["refine={openai: {timeot: 5}}"], {"refine": {"openai": {"timeot": 5}}}),
])
def test_set_and_api_overrides_give_the_same_error_line(sets, overrides):
    with pytest.raises(ConfigError) as err:
        summarize(STORY, **overrides)
    assert _cli_error(*sets) == str(err.value)


def test_set_and_api_overrides_give_the_same_config():
    """--set values are read as YAML, API values are taken as given: one override path,
    so the same settings make the same config."""
    import yaml

    sets = ["refine.backend=openai", "refine.openai.timeout=5", "select.words=40",
            "refine.openai.base_url=http://u:secret@h:1/v1"]
    r = subprocess.run([sys.executable, "-m", "summarizer", "config", "show",
                        *[a for s in sets for a in ("--set", s)], "--set", "language=fr"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    summary = summarize(STORY, words=40, language="fr", refine={"backend": "openai"},
                        **{"refine.openai.timeout": 5,
                           "refine.openai.base_url": "http://u:secret@h:1/v1"})
    shown = yaml.safe_load(r.stdout)
    assert shown == summary.config and "secret" not in r.stdout
    assert shown["refine"]["openai"]["timeout"] == 5 and shown["language"] == "fr"
