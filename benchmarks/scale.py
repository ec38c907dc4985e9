"""Scale benchmarks (issue 11): dense and large clusters end to end, and dedup alone.

Every measurement runs in a fresh subprocess; its wall time and peak RSS are the
child's own (``os.wait4``), and a child that passes ``--rss-limit-gb`` or ``--timeout``
is killed and reported as such (the code before issue 11 grew past 24 GB on the dense
text). Cases:

- ``dense``: a 10 MB text of 70,000 sentences of 25 words drawn (``random.Random(0)``)
  from one article (``examples/harbor-bridge/03-coastal-wire.txt``), a paragraph break
  after every 10 sentences, generated at run time (never committed), summarized by the
  CLI (``python -m summarizer summarize FILE --format json --timings``);
- ``dense-one-paragraph``: the same sentences with no paragraph break (one 10 MB line);
- ``e2e``: one cluster of ~100,000 sentences (12,818 Multi-News validation articles,
  as ``lexrank_speed.py --e2e 100000``) through ``Pipeline``;
- ``dedup``: the dedup stage alone on that cluster's split sentences (clean and split are
  done first and not timed).

``--root`` runs the children against another checkout (``PYTHONPATH``), e.g. a
``git worktree add /tmp/before <commit>`` of the code before, for before/after tables::

    python benchmarks/scale.py --repeats 3 --out /tmp/scale-after.json
    python benchmarks/scale.py --root /tmp/before --repeats 1 --out /tmp/scale-before.json
    python benchmarks/scale.py --cases e2e --set rank.max_sentences=null   # no pre-filter
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = Path(os.environ.get("SUMMARIZER_DATA", REPO.parent / "shared" / "data"))
VAL = DATA / "multinews-validation-truncated" / "validation.jsonl"
ARTICLE = REPO / "examples" / "harbor-bridge" / "03-coastal-wire.txt"


def dense_text(sentences: int = 70_000, words: int = 25, paragraph: int | None = 10) -> str:
    """Sentences of ``words`` words drawn from one article; a blank line after every
    ``paragraph`` sentences (None: one paragraph)."""
    vocab = re.findall(r"[A-Za-z']+", ARTICLE.read_text(encoding="utf-8"))
    rng = random.Random(0)
    out = []
    for i in range(sentences):
        s = " ".join(rng.choice(vocab) for _ in range(words))
        out.append(s[0].upper() + s[1:] + ".")
        out.append("\n\n" if paragraph and i % paragraph == paragraph - 1 else " ")
    return "".join(out)


def _articles(path: Path):
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f):
            row = json.loads(line)
            docs = [d.replace("NEWLINE_CHAR", "\n").strip() for d in row["document"].split("|||||")]
            yield row.get("id", str(n)), [d for d in docs if d]


def big_cluster(n: int = 100_000):
    """The ~n-sentence Multi-News cluster of ``lexrank_speed.py --e2e``."""
    from summarizer.documents import Article, Cluster

    arts, count = [], 0
    for cid, docs in _articles(VAL):
        for j, d in enumerate(docs):
            arts.append(Article(f"{cid}-{j}", d))
            count += d.count(". ") + 1
        if count >= n:
            break
    return Cluster("big", arts)


def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- children ---------------------------------------------------------------------

def child_e2e(n: int, overrides: list[str]) -> dict:
    from summarizer.config import load_config
    from summarizer.pipeline import Pipeline

    cluster = big_cluster(n)
    pipe = Pipeline(load_config(None, overrides))
    start = time.perf_counter()
    summary = pipe.summarize(cluster)
    wall = time.perf_counter() - start
    return {"articles": len(cluster.articles), "pipeline_s": round(wall, 3),
            "timings": summary.timings, "words": len(summary.text.split())}


def child_dedup(n: int, overrides: list[str]) -> dict:
    from summarizer.ingest.clean import clean_cluster
    from summarizer.config import load_config
    from summarizer.ingest.dedup import deduplicate
    from summarizer.ingest.split import split_articles

    cfg = load_config(None, overrides)
    cleaned, _ = clean_cluster(big_cluster(n), cfg.clean)
    sentences = split_articles(cleaned.articles, cfg.split)
    before = _rss_mb()
    start = time.perf_counter()
    units = deduplicate(sentences, cfg.dedup)
    wall = time.perf_counter() - start
    return {"sentences": len(sentences), "units": len(units), "dedup_s": round(wall, 3),
            "rss_before_dedup_mb": round(before, 1)}


# --- parent -----------------------------------------------------------------------

def run_child(cmd: list[str], env: dict, timeout: float, rss_limit_gb: float, cwd: Path) -> dict:
    """Run cmd in ``cwd`` (never the checkout: ``python -m`` would put the current
    directory before PYTHONPATH); its own wall time and peak RSS, killed past the limits."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=cwd,
                                start_new_session=True)
        killed, peak_seen = None, 0.0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            try:
                rss = int(re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{proc.pid}/status").read_text())[1]) / 2**20
            except (OSError, TypeError):
                rss = 0.0
            peak_seen = max(peak_seen, rss)
            elapsed = time.perf_counter() - start
            if rss > rss_limit_gb or elapsed > timeout:
                killed = f"killed at {rss:.1f} GB RSS after {elapsed:.0f} s"
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.2)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    row = {"wall_s": round(wall, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
           "exit": os.waitstatus_to_exitcode(status)}
    if killed:
        row["killed"] = killed
        row["peak_rss_mb"] = round(max(row["peak_rss_mb"], peak_seen * 1024), 1)
    elif row["exit"] != 0:
        row["error"] = stderr.strip().splitlines()[-1:] if stderr.strip() else ["(no stderr)"]
    row["warnings"] = [line for line in stderr.splitlines() if "WARNING" in line][:3]
    row.update({"summarizer": line.split(" ", 2)[2] for line in stderr.splitlines()
                if line.startswith("summarizer from ")})
    row["_stdout"] = stdout
    return row


def measure(case: str, args, env: dict, workdir: Path) -> dict:
    py = sys.executable
    if case in ("dense", "dense-one-paragraph"):
        path = workdir / f"{case}.txt"
        if not path.exists():
            path.write_text(dense_text(paragraph=10 if case == "dense" else None), encoding="utf-8")
        out = workdir / f"{case}.json"
        # python -m summarizer, saying on stderr which checkout it imported.
        boot = ("import runpy, sys, summarizer; print('summarizer from', summarizer.__path__[0], "
                "file=sys.stderr); runpy.run_module('summarizer', run_name='__main__', alter_sys=True)")
        cmd = [py, "-c", boot, "summarize", str(path), "--format", "json", "--timings", "-o", str(out)]
        for s in args.set:
            cmd += ["--set", s]
        row = run_child(cmd, env, args.timeout, args.rss_limit_gb, workdir)
        if row["exit"] == 0 and out.exists():
            data = json.loads(out.read_text())
            data = data[0] if isinstance(data, list) else data
            row.update(timings=data.get("timings"), words=data.get("words"),
                       size_mb=round(path.stat().st_size / 1e6, 2))
            out.unlink()
    else:
        cmd = [py, str(Path(__file__).resolve()), "--child", case, "--n", str(args.n)]
        for s in args.set:
            cmd += ["--set", s]
        row = run_child(cmd, env, args.timeout, args.rss_limit_gb, workdir)
        if row["exit"] == 0:
            row.update(json.loads(row["_stdout"].strip().splitlines()[-1]))
    row.pop("_stdout", None)
    return row


def summarize_runs(runs: list[dict]) -> dict:
    ok = [r for r in runs if r["exit"] == 0 and "killed" not in r]
    out = {"runs": len(runs), "ok": len(ok)}
    if ok:
        out["wall_s_median"] = statistics.median(r["wall_s"] for r in ok)
        out["peak_rss_mb_median"] = statistics.median(r["peak_rss_mb"] for r in ok)
        out["peak_rss_mb_max"] = max(r["peak_rss_mb"] for r in ok)
        if all(r.get("timings") for r in ok):
            stages = ok[0]["timings"].keys()
            out["stages_median"] = {s: round(statistics.median(r["timings"].get(s, 0) for r in ok), 2)
                                    for s in stages}
        if all("dedup_s" in r for r in ok):
            out["dedup_s_median"] = statistics.median(r["dedup_s"] for r in ok)
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cases", nargs="*", default=["dedup", "e2e", "dense", "dense-one-paragraph"])
    p.add_argument("--root", type=Path, help="checkout whose summarizer the children import")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--n", type=int, default=100_000, help="sentences of the Multi-News cluster")
    p.add_argument("--set", action="append", default=[], help="config override for every case")
    p.add_argument("--timeout", type=float, default=300)
    p.add_argument("--rss-limit-gb", type=float, default=6.0)
    p.add_argument("--out", type=Path)
    p.add_argument("--child", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        fn = {"e2e": child_e2e, "dedup": child_dedup}[args.child]
        row = fn(args.n, args.set)
        row["child_peak_rss_mb"] = round(_rss_mb(), 1)
        import summarizer

        row["summarizer"] = str(Path(summarizer.__file__).parent)
        print(json.dumps(row))
        return
    env = dict(os.environ, SUMMARIZER_DATA=str(DATA))
    root = (args.root or REPO).resolve()
    env["PYTHONPATH"] = str(root) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    results = {"root": str(root), "overrides": args.set, "cpus": os.cpu_count(),
               "loadavg_at_start": os.getloadavg(), "cases": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for case in args.cases:
            runs = []
            for i in range(args.repeats):
                row = measure(case, args, env, Path(tmp))
                runs.append(row)
                print(f"{case} run {i + 1}: " + json.dumps(row), file=sys.stderr, flush=True)
                if "killed" in row or row["exit"] != 0:
                    break  # a killed or failed case is not repeated
            results["cases"][case] = {"summary": summarize_runs(runs), "runs": runs}
    results["loadavg_at_end"] = os.getloadavg()
    text = json.dumps(results, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
