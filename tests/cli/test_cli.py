"""The CLI through a subprocess, including every bad input a user can cause."""

import json
import os
import subprocess
import sys

import pytest

from conftest import EXAMPLE, require_shared


def run(*args, stdin=None, env=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "summarizer.cli", *args], input=stdin,
                          capture_output=True, text=True, timeout=300, cwd=cwd,
                          env={**os.environ, **(env or {})})


def test_help_is_fast_and_imports_no_torch():
    code = ("import sys, summarizer.cli as c\n"
            "try:\n    c.main(['--help'])\nexcept SystemExit:\n    pass\n"
            "assert 'torch' not in sys.modules and 'transformers' not in sys.modules\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "summarize" in r.stdout


def test_summarize_example_text():
    r = run("summarize", str(EXAMPLE), "--words", "60")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert lines and len(r.stdout.split()) <= 60


def test_json_output_has_support_dropped_config(tmp_path):
    out = tmp_path / "out.json"
    r = run("summarize", str(EXAMPLE), "--words", "100", "--format", "json", "-o", str(out),
            "--timings")
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text())
    assert data["words"] <= 100 and data["sentences"]
    assert all(s["support"] and "article" in s["support"][0] for s in data["sentences"])
    assert data["dropped"] and data["config"]["select"]["words"] == 100
    assert set(data["timings"]) >= {"clean", "split", "dedup", "similarity", "select"}


def test_same_input_same_bytes():
    a = run("summarize", str(EXAMPLE), "--format", "json")
    b = run("summarize", str(EXAMPLE), "--format", "json")
    assert a.returncode == 0 and a.stdout == b.stdout


def test_markdown_and_set_override():
    r = run("summarize", str(EXAMPLE), "--format", "markdown", "--set", "rank.method=textrank")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("# Summary of") and "## Sources" in r.stdout


def test_format_md_is_markdown(tmp_path):
    md = run("summarize", str(EXAMPLE), "--format", "md")
    assert md.returncode == 0, md.stderr
    assert md.stdout.startswith("# Summary of") and "## Sources" in md.stdout
    assert md.stdout == run("summarize", str(EXAMPLE), "--format", "markdown").stdout
    out = run("summarize", str(EXAMPLE), "-f", "md", "--out-dir", str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert [p.suffix for p in tmp_path.iterdir()] == [".md"]


def test_out_dir_many_clusters_with_one_failure(tmp_path):
    lines = [
        {"id": "good", "documents": [{"id": "d1", "text": "The river rose fast on Monday night after heavy rain fell. "
                                      "Crews closed two bridges and moved forty families to the school gym for safety."}]},
        {"id": "empty", "documents": [{"id": "d1", "text": "Share this:"}]},
        {"id": "good2", "document": "The council voted to build a new library downtown on Tuesday. "
                                    "The project will cost twelve million dollars and open in two years. ||||| "
                                    "Residents welcomed the council vote on the library at a packed meeting on Tuesday night."},
    ]
    src = tmp_path / "clusters.jsonl"
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    out = tmp_path / "summaries"
    r = run("summarize", str(src), "--out-dir", str(out), "--set", "clean.min_article_words=5")
    assert r.returncode == 1
    assert "empty" in r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["good.txt", "good2.txt"]


def test_stdin():
    text = ("The city opened a new ferry line on Monday to relieve traffic on the bridge. "
            "Officials said the ferry would carry up to four hundred passengers every hour. "
            "Commuters said the first crossings ran on time despite strong winds in the bay.")
    r = run("summarize", "-", "--sentences", "1", stdin=text)
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.strip().splitlines()) == 1


@pytest.mark.parametrize("setup,args,message", [
    ("empty", [], "empty"),
    ("missing", [], "not"),
    ("binary", [], "no"),
])
def test_bad_inputs_exit_2_with_one_message(tmp_path, setup, args, message):
    target = tmp_path / "in"
    if setup == "empty":
        target.mkdir()
    elif setup == "binary":
        target.mkdir()
        (target / "a.txt").write_bytes(b"\x00\x01\x02" * 100)
    r = run("summarize", str(target), *args)
    assert r.returncode == 2
    assert "error:" in r.stderr and "Traceback" not in r.stderr
    assert message in r.stderr.lower()


def test_unreadable_file_is_skipped_with_warning(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad.txt").write_bytes(b"\x00\xff" * 50)
    (folder / "good.txt").write_text("Ferry opens\n\n" + "The city opened a new ferry line on Monday to relieve "
                                     "traffic on the crowded harbor bridge, officials said. " * 3)
    r = run("summarize", str(folder))
    assert r.returncode == 0, r.stderr
    assert "bad.txt" in r.stderr and "ferry" in r.stdout


def test_latin1_file_is_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    body = ("Le café de la gare a rouvert lundi après trois mois de travaux, a dit le maire. "
            "Les habitants étaient nombreux à fêter la réouverture du café près du quai. ") * 2
    (folder / "a.txt").write_bytes(("Café rouvert\n\n" + body).encode("latin-1"))
    r = run("summarize", str(folder))
    assert r.returncode == 0, r.stderr
    assert "café" in r.stdout


@pytest.mark.parametrize("args,message", [
    (["--set", "rank.methd=lexrank"], "did you mean 'rank.method'"),
    (["--set", "select.words=many"], "select.words"),
    (["--set", "rank.method=pagerank"], "unknown method"),
    (["--config", "nope.yaml"], "not found"),
])
def test_bad_config_exit_2(args, message):
    r = run("summarize", str(EXAMPLE), *args)
    assert r.returncode == 2 and message in r.stderr and "Traceback" not in r.stderr


def test_config_show_resolves_overrides():
    r = run("config", "show", "configs/multinews.yaml", "--set", "select.words=250",
            cwd=str(EXAMPLE.parents[1]))
    assert r.returncode == 0, r.stderr
    assert "words: 250" in r.stdout and "config hash" in r.stdout


def test_missing_model_is_one_clear_error(tmp_path):
    r = run("summarize", str(EXAMPLE), "--set", "similarity.backend=embeddings",
            "--set", f"similarity.embeddings.model={tmp_path}/no-model", env={"HF_HUB_OFFLINE": "1"})
    assert r.returncode == 2 and "no-model" in r.stderr and "Traceback" not in r.stderr


def test_seed_cluster_100_words_clean_and_no_near_duplicates():
    seed = require_shared("seed-cluster")
    r = run("summarize", str(seed), "--words", "100", "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    text = data["summary"]
    assert data["words"] <= 100
    for boiler in ("More news", "Leave a Reply", "Adjust Comment Print", "Send this to a friend"):
        assert boiler not in text
    from summarizer.ingest.dedup import shingles

    sents = [s["text"] for s in data["sentences"]]
    for i in range(len(sents)):
        for j in range(i + 1, len(sents)):
            a, b = shingles(sents[i]), shingles(sents[j])
            assert len(a & b) / len(a | b) < 0.5


def test_seed_cluster_known_copies_collapse():
    seed = require_shared("seed-cluster")
    from summarizer.config import Config
    from summarizer.ingest.dedup import deduplicate
    from summarizer.ingest.clean import clean_cluster
    from summarizer.ingest import read_path
    from summarizer.ingest.split import split_articles

    (cluster,) = read_path(seed)
    cleaned, _ = clean_cluster(cluster)
    units = deduplicate(split_articles(cleaned.articles, Config().split))
    xinhua = [u for u in units if u.text.startswith("China's official Xinhua News Agency issued a nearly-identical")]
    ties = [u for u in units if u.text.startswith("Ties between China and North Korea, which had frayed")]
    assert len(xinhua) == 1 and xinhua[0].n_articles >= 2
    assert len(ties) == 1 and ties[0].n_articles >= 3


def test_embeddings_config_with_paraphrase_dedup():
    r = run("summarize", str(EXAMPLE), "--config", str(EXAMPLE.parents[1] / "configs" / "embeddings.yaml"),
            "--format", "json", env={"HF_HUB_OFFLINE": "1"})
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["config"]["similarity"]["backend"] == "embeddings" and data["words"] <= 100
    assert any(len({s["article"] for s in x["support"]}) >= 2 for x in data["sentences"])


def test_refine_with_a_missing_model_directory_is_a_clear_error(tmp_path):
    # End-to-end refinement with real (tiny) models is in test_refine.py.
    missing = tmp_path / "no-such-model"
    r = run("summarize", str(EXAMPLE), "--set", "refine.enabled=true",
            "--set", f"refine.model={missing}")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr == f"summarizer: error: model {str(missing)!r}: no such directory; " \
        "pass a local directory saved with save_pretrained(), or pre-download it into the " \
        "Hugging Face cache on a machine with network access\n"
