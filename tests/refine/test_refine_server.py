"""refine.backend=openai against a real OpenAI-compatible server process: `transformers
serve` on 127.0.0.1 with the tiny LLaMA the tests build (tests/openai_server.py adds hooks
to count requests server-side and to inject a 429, a 503 or a slow answer).

Never skipped: the server and its model are built here, offline.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLE
from servers import OpenAIServer, free_port
from summarizer.config import load_config
from summarizer.ingest import read_path

import tiny_models

pytestmark = pytest.mark.slow

FAST = ["refine.max_new_tokens=16", "refine.openai.context_tokens=512",
        "refine.openai.retries=2", "refine.openai.backoff=0.05"]


@pytest.fixture(scope="module")
def llama(tmp_path_factory):
    return tiny_models.build(tmp_path_factory.mktemp("tiny-models"))["llama"]


@pytest.fixture(scope="module")
def server(llama):
    with OpenAIServer().start(llama) as s:
        yield s


@pytest.fixture
def fresh(server):
    """The module's server with its counters, failures and delay cleared."""
    server.reset()
    yield server
    server.reset()


def settings(server, cache_dir, *more):
    items = ["refine.enabled=true", "refine.backend=openai",
             f"refine.openai.base_url={server.url}", f"refine.model={server.model}",
             f"refine.openai.cache_dir={cache_dir}", *FAST, *more]
    return [a for item in items for a in ("--set", item)]


def _command() -> list[str]:
    exe = Path(sys.executable).with_name("summarizer")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "summarizer.cli"]


def cli(*args, env=None, timeout=300):
    return subprocess.run([*_command(), *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def cli_popen(*args):
    return subprocess.Popen([*_command(), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def write_clusters(path: Path, n: int) -> Path:
    """``n`` clusters (the example's articles, each cluster a different subset) as JSONL."""
    articles = [{"id": p.stem, "text": p.read_text(encoding="utf-8")}
                for p in sorted(EXAMPLE.glob("*.txt"))]
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            chosen = [a for j, a in enumerate(articles) if j != i % len(articles)]
            f.write(json.dumps({"id": f"c{i}", "documents": chosen}) + "\n")
    return path


def one_line_error(r) -> str:
    lines = r.stderr.strip().splitlines()
    assert "Traceback" not in r.stderr, r.stderr
    return lines[-1]


# ------------------------------------------------------------------ end to end


def test_summarize_through_the_server_then_from_the_cache(fresh, tmp_path):
    args = ["summarize", str(EXAMPLE), "--format", "json", *settings(fresh, tmp_path / "gen")]
    first = cli(*args)
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    assert data["summary"] and data["extract"] and "unsupported" in data
    assert data["config"]["refine"]["backend"] == "openai"
    assert fresh.count() == 1
    again = cli(*args)
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout
    assert fresh.count() == 1, "a cached re-run asks the server for no generation"
    forced = cli(*args, "--no-cache")
    assert forced.returncode == 0, forced.stderr
    assert fresh.count() == 2
    assert json.loads(forced.stdout)["summary"] == data["summary"], "temperature 0: same text"


def test_the_guard_applies_unchanged(fresh, tmp_path):
    """The tiny model writes random tokens: whatever it invents is flagged, dropped, or
    the extract comes back (fallback), exactly as with the in-process backend."""
    common = ["summarize", str(EXAMPLE), "--format", "json", *settings(fresh, tmp_path / "gen")]
    flag = json.loads(cli(*common, "--set", "refine.guard=flag").stdout)
    fallback = json.loads(cli(*common, "--set", "refine.guard=fallback").stdout)
    drop = json.loads(cli(*common, "--set", "refine.guard=drop").stdout)
    assert fresh.count() == 1, "the guard runs on the cached answer"
    assert flag["unsupported"], "the tiny model's random tokens name what no source names"
    if flag["unsupported"]:
        assert fallback["summary"] == fallback["extract"]
        # drop removes the sentences; with none left it falls back to the extract
        assert all(u["action"] in ("dropped", "fallback") for u in drop["unsupported"])
        assert all(u["action"] == "flagged" for u in flag["unsupported"])


def test_evaluate_through_the_server_reports_unsupported_per_100_words(fresh, tmp_path):
    refined = tmp_path / "served.yaml"
    refined.write_text("refine:\n  enabled: true\n  backend: openai\n"
                       f"  model: {fresh.model}\n  max_new_tokens: 16\n  openai:\n"
                       f"    base_url: {fresh.url}\n    cache_dir: {tmp_path / 'gen'}\n"
                       "    context_tokens: 512\n")
    args = ["evaluate", "-d", "harbor-bridge", "--systems", f"default,{refined}",
            "--bootstrap", "50", "--cache-dir", str(tmp_path / "eval")]
    r = cli(*args, "--report", str(tmp_path / "report"))
    assert r.returncode == 0, r.stderr
    doc = json.loads((tmp_path / "report" / "results.json").read_text())
    served = doc["systems"]["served"]
    assert served["unsupported_per_100_words"] is not None
    assert doc["systems"]["default"]["unsupported_per_100_words"] == 0
    assert "unsupported/100w" in (tmp_path / "report" / "results.md").read_text()
    assert fresh.count() == 1
    # A new result cache: every summary is recomputed, every answer comes from the cache.
    again = cli(*args[:-2], "--cache-dir", str(tmp_path / "eval2"), "--report",
                str(tmp_path / "report2"))
    assert again.returncode == 0, again.stderr
    assert fresh.count() == 1
    doc2 = json.loads((tmp_path / "report2" / "results.json").read_text())
    assert doc2["systems"]["served"]["metrics"] == served["metrics"]


def test_clusters_go_to_the_server_concurrency_at_a_time(fresh, tmp_path):
    data = write_clusters(tmp_path / "clusters.jsonl", 4)
    fresh.delay(0.6)
    r = cli("summarize", str(data), "--out-dir", str(tmp_path / "out"),
            *settings(fresh, tmp_path / "gen", "refine.openai.concurrency=2"))
    assert r.returncode == 0, r.stderr
    assert sorted(p.stem for p in (tmp_path / "out").iterdir()) == ["c0", "c1", "c2", "c3"]
    assert fresh.count() == 4
    assert fresh.max_in_flight() == 2
    fresh.reset()
    fresh.delay(0.3)
    r = cli("summarize", str(data), "--out-dir", str(tmp_path / "out1"), "--no-cache",
            *settings(fresh, tmp_path / "gen", "refine.openai.concurrency=1"))
    assert r.returncode == 0, r.stderr
    assert fresh.max_in_flight() == 1


def test_api_key_comes_from_the_environment_and_never_appears(fresh, tmp_path):
    secret = "sk-test-0123456789abcdef"
    report = tmp_path / "report"
    refined = tmp_path / "keyed.yaml"
    refined.write_text("refine:\n  enabled: true\n  backend: openai\n"
                       f"  model: {fresh.model}\n  max_new_tokens: 16\n  openai:\n"
                       f"    base_url: {fresh.url}\n    cache_dir: {tmp_path / 'gen'}\n"
                       "    context_tokens: 512\n    api_key_env: SUMMARIZER_TEST_KEY\n")
    missing = cli("summarize", str(EXAMPLE), "--config", str(refined))
    assert missing.returncode == 2
    assert "SUMMARIZER_TEST_KEY" in one_line_error(missing) and "not set" in missing.stderr
    env = {"SUMMARIZER_TEST_KEY": secret}
    r = cli("summarize", str(EXAMPLE), "--config", str(refined), "--format", "json", env=env)
    assert r.returncode == 0, r.stderr
    ev = cli("evaluate", "-d", "harbor-bridge", "--systems", str(refined), "--bootstrap", "20",
             "--no-cache", "--report", str(report), env=env)
    assert ev.returncode == 0, ev.stderr
    written = [p.read_text(errors="replace") for p in report.rglob("*") if p.is_file()]
    assert written and not any(secret in text for text in [r.stdout, r.stderr, ev.stdout,
                                                            ev.stderr, *written])
    shown = cli("config", "show", str(refined), env=env)
    assert secret not in shown.stdout and "SUMMARIZER_TEST_KEY" in shown.stdout


# ------------------------------------------------------------------ failures


def test_a_429_once_is_retried_then_succeeds(fresh, tmp_path):
    fresh.fail(429, times=1, retry_after=0)
    r = cli("summarize", str(EXAMPLE), "--format", "json", *settings(fresh, tmp_path / "gen"))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["summary"]
    assert fresh.count() == 2


def test_5xx_past_the_retries_is_one_line_naming_the_url(fresh, tmp_path):
    fresh.fail(503, times=3)
    r = cli("summarize", str(EXAMPLE),
            *settings(fresh, tmp_path / "gen", "refine.openai.retries=2"))
    assert r.returncode == 1
    line = one_line_error(r)
    assert fresh.url in line and "HTTP 503" in line and "after 3 attempts" in line
    assert fresh.count() == 3
    assert not list((tmp_path / "gen").rglob("*.json")), "a failure is never cached"


def test_a_timeout_is_one_line_and_not_retried(fresh, tmp_path):
    fresh.delay(3)
    start = time.monotonic()
    r = cli("summarize", str(EXAMPLE),
            *settings(fresh, tmp_path / "gen", "refine.openai.timeout=1"))
    assert r.returncode == 1
    line = one_line_error(r)
    assert "no answer within 1 s (refine.openai.timeout)" in line and fresh.url in line
    assert time.monotonic() - start < 30
    fresh.delay(0)
    time.sleep(3)  # let the abandoned request finish before the next test counts
    assert fresh.count() == 1


def test_a_wrong_model_name_is_exit_2_before_any_work(fresh, tmp_path):
    r = cli("summarize", str(EXAMPLE), *settings(fresh, tmp_path / "gen"),
            "--set", "refine.model=no-such-model")
    assert r.returncode == 2
    line = one_line_error(r)
    assert "'no-such-model' is not served by " + fresh.url in line
    assert fresh.model in line, "the error names what the server does serve"
    assert fresh.count() == 0


@pytest.mark.parametrize("command", ["summarize", "evaluate"])
def test_a_server_that_is_down_at_start_is_exit_2_before_any_work(tmp_path, command):
    url = f"http://127.0.0.1:{free_port()}/v1"
    sets = ["refine.enabled=true", "refine.backend=openai", f"refine.openai.base_url={url}",
            "refine.model=m"]
    target = [str(EXAMPLE)] if command == "summarize" else [
        "-d", "harbor-bridge", "--report", str(tmp_path / "report")]
    start = time.monotonic()
    r = cli(command, *target, *[a for s in sets for a in ("--set", s)])
    assert r.returncode == 2
    line = one_line_error(r)
    assert url in line and "cannot connect" in line
    assert time.monotonic() - start < 20
    assert not (tmp_path / "report").exists()


def test_the_server_killed_mid_run_costs_only_the_clusters_it_did_not_answer(llama, tmp_path):
    """Four clusters one at a time; the server dies after answering the first. The first
    summary is written, the other three are named as failed (exit 1). A server started
    again for the same model finishes the job, and the first answer comes from the cache."""
    data = write_clusters(tmp_path / "clusters.jsonl", 4)
    out = tmp_path / "out"
    with OpenAIServer().start(llama) as server:
        server.reset()
        server.delay(1.0)
        proc = cli_popen("summarize", str(data), "--out-dir", str(out),
                         *settings(server, tmp_path / "gen", "refine.openai.concurrency=1"))
        deadline = time.monotonic() + 120
        while server.count() < 2 and time.monotonic() < deadline:  # the 2nd request: 1st answered
            time.sleep(0.1)
        server.kill()
        _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 1, stderr
    assert "3 cluster(s) failed: c1, c2, c3" in stderr
    assert "Traceback" not in stderr
    assert [p.stem for p in out.iterdir()] == ["c0"]
    with OpenAIServer().start(llama) as again:
        again.reset()
        r = cli("summarize", str(data), "--out-dir", str(out),
                *settings(again, tmp_path / "gen", "refine.openai.concurrency=1"))
        assert r.returncode == 0, r.stderr
        assert again.count() == 3
    assert sorted(p.stem for p in out.iterdir()) == ["c0", "c1", "c2", "c3"]


def test_an_evaluation_that_meets_a_server_failure_resumes(fresh, tmp_path):
    """A summary the server failed for is not cached as a zero: the run ends with one line
    (exit 1), and the next run computes only what failed."""
    refined = tmp_path / "served.yaml"
    refined.write_text("refine:\n  enabled: true\n  backend: openai\n"
                       f"  model: {fresh.model}\n  max_new_tokens: 16\n  openai:\n"
                       f"    base_url: {fresh.url}\n    cache_dir: {tmp_path / 'gen'}\n"
                       "    context_tokens: 512\n    retries: 0\n")
    args = ["evaluate", "-d", "harbor-bridge", "--systems", f"lead,{refined}", "--bootstrap", "20",
            "--cache-dir", str(tmp_path / "eval"), "--report", str(tmp_path / "report")]
    fresh.fail(500, times=1)
    r = cli(*args)
    assert r.returncode == 1
    line = one_line_error(r)
    assert "1 of 2 summaries failed on the refine server" in line and "run again to resume" in line
    again = cli(*args)
    assert again.returncode == 0, again.stderr
    assert "1 computed, 1 from cache" in again.stderr
    assert fresh.count() == 2


# ------------------------------------------------------------------ the prompt


def _real_length(model_dir, prompt: str) -> int:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(model_dir)
    out = tok.apply_chat_template([{"role": "user", "content": prompt}], tokenize=True,
                                  add_generation_prompt=True)
    return len(out["input_ids"] if hasattr(out, "keys") else out)


def test_prompt_is_fitted_by_whole_sentences_with_the_servers_tokenizer(llama, tmp_path):
    """A server with a vLLM-style /tokenize: the prompt is the longest run of whole
    sentences whose chat-templated token count, by the server, fits the context."""
    from summarizer.pipeline import Pipeline
    from summarizer.refine import input_sentences, load_generator

    cluster = read_path(str(EXAMPLE))[0]
    with OpenAIServer().start(llama, tokenize=True) as server:
        cfg = load_config(None, ["refine.enabled=true", "refine.backend=openai",
                                 f"refine.openai.base_url={server.url}",
                                 f"refine.model={server.model}",
                                 f"refine.openai.cache_dir={tmp_path}", "refine.max_new_tokens=16",
                                 "refine.extra_sentences=20"])
        gen = load_generator(cfg.refine)
        assert gen.counter is not None and gen.context == 512, "the server's own numbers"
        summary, units = Pipeline(cfg).extract(cluster)
        sentences = input_sentences(summary, units, 20)
        budget = 200
        prompt = gen.fit(sentences, cfg.refine, budget)
        kept = prompt.count("\n[")
        assert 0 < kept < len(sentences)
        assert _real_length(llama, prompt) <= budget
        longer = gen.render(sentences[:kept + 1], cfg.refine)
        assert _real_length(llama, longer) > budget
        assert server.count("POST /tokenize") > 1


def test_prompt_numbers_each_sentence_by_its_article(fresh, tmp_path):
    from summarizer.refine import load_generator

    cfg = load_config(None, ["refine.enabled=true", "refine.backend=openai",
                             f"refine.openai.base_url={fresh.url}", f"refine.model={fresh.model}",
                             "refine.prompt=Summarize:\n{text}"])
    gen = load_generator(cfg.refine)
    assert gen.counter is None, "transformers serve has no tokenizer endpoint"
    prompt = gen.render([(0, "A bridge opened."), (2, "It cost 3 million.")], cfg.refine)
    assert prompt == "Summarize:\n[1] A bridge opened.\n[3] It cost 3 million."


def test_a_prompt_the_server_finds_too_long_is_sent_again_shorter(fresh, tmp_path):
    """vLLM answers 400 when prompt + max_tokens exceed the model's context; the prompt
    is fitted again with a quarter fewer tokens and the cluster is refined."""
    fresh.fail(400, times=1, message="This model's maximum context length is 512 tokens. "
               "However, you requested 900 tokens (740 in the messages, 160 in the completion).")
    r = cli("summarize", str(EXAMPLE), "--format", "json", *settings(fresh, tmp_path / "gen"))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["summary"] and fresh.count() == 2


def test_a_server_that_rejects_seed_is_asked_without_it(fresh, tmp_path):
    fresh.fail(422, times=1, message="Unexpected fields in the request: {'seed'}")
    r = cli("summarize", str(EXAMPLE), "--format", "json", *settings(fresh, tmp_path / "gen"))
    assert r.returncode == 0, r.stderr
    assert fresh.count() == 2


def test_another_4xx_fails_the_cluster_with_the_servers_words(fresh, tmp_path):
    fresh.fail(400, times=1, message="messages[0].content: bad request")
    r = cli("summarize", str(EXAMPLE), *settings(fresh, tmp_path / "gen"))
    assert r.returncode == 1
    assert "HTTP 400: messages[0].content: bad request" in one_line_error(r)
    assert fresh.count() == 1, "a client error is not retried"


def test_no_room_for_the_input_is_a_config_error_before_any_work(fresh, tmp_path):
    r = cli("summarize", str(EXAMPLE), *settings(fresh, tmp_path / "gen"),
            "--set", "refine.max_new_tokens=600")
    assert r.returncode == 2
    assert "leaves no room for the input in the 512-token context" in one_line_error(r)
    assert fresh.count() == 0


def test_without_a_tokenizer_endpoint_the_estimate_follows_the_language(fresh, tmp_path):
    """transformers serve has no /tokenize: the estimate counts 3 UTF-8 bytes a token in
    English and 1.5 in other languages, so the same sentences fit fewer in Greek."""
    from summarizer.refine import load_generator
    from summarizer.refine.server import estimate_tokens

    cfg = load_config(None, ["refine.enabled=true", "refine.backend=openai",
                             f"refine.openai.base_url={fresh.url}", f"refine.model={fresh.model}"])
    gen = load_generator(cfg.refine)
    sentences = [(i % 3, f"Η γέφυρα άνοιξε ξανά την ημέρα {i} μετά την επισκευή.") for i in range(40)]
    greek = gen.fit(sentences, cfg.refine, 400, "el")
    as_english = gen.fit(sentences, cfg.refine, 400, "en")
    assert estimate_tokens(greek, "el") <= 400 and estimate_tokens(as_english, "en") <= 400
    assert greek.count("\n[") < as_english.count("\n[")


def test_an_evaluation_scores_a_refusal_for_good_as_zero_and_needs_no_server_once_cached(
        fresh, tmp_path):
    """A 400 that asking again would not change: the summary scores zero with the reason
    and is cached like any failed summary. A run wholly from the cache asks nothing and
    needs neither the server nor its key (api_key_env names an unset variable)."""
    refined = tmp_path / "served.yaml"
    refined.write_text("refine:\n  enabled: true\n  backend: openai\n"
                       f"  model: {fresh.model}\n  max_new_tokens: 16\n  openai:\n"
                       f"    base_url: {fresh.url}\n    cache_dir: {tmp_path / 'gen'}\n"
                       "    context_tokens: 512\n")
    args = ["evaluate", "-d", "harbor-bridge", "--systems", str(refined), "--bootstrap", "20",
            "--cache-dir", str(tmp_path / "eval")]
    fresh.fail(400, times=1, message="content filter: this request was refused")
    r = cli(*args, "--report", str(tmp_path / "report"))
    assert r.returncode == 0, r.stderr
    assert "content filter: this request was refused" in r.stderr
    doc = json.loads((tmp_path / "report" / "results.json").read_text())
    assert doc["systems"]["served"]["metrics"]["rouge1"]["mean"] == 0
    before = dict(fresh.stats())
    keyless = cli(*args, "--report", str(tmp_path / "report2"), "--set",
                  "refine.openai.api_key_env=SUMMARIZER_UNSET_KEY",
                  env={"SUMMARIZER_UNSET_KEY": ""})
    assert keyless.returncode == 0, keyless.stderr
    assert "0 computed, 1 from cache" in keyless.stderr
    assert fresh.stats() == before, "no request at all, not even GET /models"
