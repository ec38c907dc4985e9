"""ROUGE-1.5.5 speed and memory: the Perl script vs ``summarizer rouge155`` vs
``rouge155.run`` in process, on the issue's job: 13 systems x 50 topics x 4 references,
``-n 4 -m -l 100 -r 1000 -a``.

Topics are the 50 DUC 2006 clusters in ../shared/data (4 references each, one sentence
per line); system k's summary of a topic is the first whole sentences of the topic's
document k, to at least 120 words (the -l 100 cut falls inside a sentence). The Perl
script is the real one with its exceptions database rebuilt and checked
(tests/rouge155_oracle.py). Each command runs in its own process (the in-process run in a
child Python that imports the engine, then times it), median of ``--repeats`` runs; peak
RSS is that process's (``wait4``). Both outputs must be equal, byte for byte. Prints a
Markdown table; ``--profile`` adds where the in-process time goes (cProfile).

    python benchmarks/rouge155_speed.py
    python benchmarks/rouge155_speed.py --repeats 1 --profile
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = Path(os.environ.get("SUMMARIZER_DATA", REPO.parent / "shared" / "data"))
DUC2006 = DATA / "duc2006" / "clusters.jsonl"
FLAGS = ["-n", "4", "-m", "-l", "100", "-r", "1000", "-a"]
SYSTEMS, WORDS = 13, 120
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))


def lead(text: str, words: int) -> str:
    """Whole sentences from the start of ``text`` to at least ``words`` words."""
    from summarizer.ingest.split import split_text

    out, count = [], 0
    for sentence in split_text(text):
        if count >= words:
            break
        out.append(sentence)
        count += len(sentence.split())
    return "\n".join(out)


def topics() -> dict:
    """50 topics: 4 references and 13 systems each (system k: the lead of document k)."""
    from summarizer.ingest.split import split_text

    out = {}
    with open(DUC2006, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            docs = record["documents"][:SYSTEMS]
            out[record["id"]] = {
                "models": {r["id"]: "\n".join(split_text(r["text"])) for r in record["references"]},
                "peers": {f"S{k:02d}": lead(d["text"], WORDS) for k, d in enumerate(docs, 1)}}
    return out


# A small launcher between this process and each measured one: Linux carries the peak RSS
# over fork and exec, so a command started straight from this (large) process would
# report this process's peak as its own.
LAUNCHER = """import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
sys.stderr.write(f"\\nmaxrss_kb={usage.ru_maxrss}\\n")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def timed(cmd: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB of the command's process, its stdout); fails loudly."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-I", "-S", "-c", LAUNCHER, *cmd],
                          capture_output=True)
    wall = time.perf_counter() - start
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}: {err[-2000:]}")
    rss_kb = int(err.rsplit("maxrss_kb=", 1)[1])
    return wall, rss_kb / 1024, proc.stdout.decode("utf-8")


def in_process(argv: list[str], repeats: int, profile: bool) -> dict:
    """Child process: time ``rouge155.run`` ``repeats`` times after importing it."""
    from summarizer.evaluation import rouge155

    times, out = [], ""
    for _ in range(repeats):
        start = time.perf_counter()
        out = rouge155.run(argv, warn=lambda line: None)
        times.append(time.perf_counter() - start)
    report = ""
    if profile:
        import cProfile
        import io
        import pstats

        prof = cProfile.Profile()
        prof.runcall(rouge155.run, argv, warn=lambda line: None)
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(15)
        report = buf.getvalue()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"times": times, "peak_rss_mb": rss, "output": out, "profile": report}


def row(name: str, times: list[float], rss: float, perl: float | None) -> str:
    median = statistics.median(times)
    ratio = f"{perl / median:.1f}x" if perl else "1x"
    return f"| {name} | {median:.2f} | {min(times):.2f} | {rss:.0f} | {ratio} |"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--profile", action="store_true", help="cProfile of one in-process run")
    p.add_argument("--child", help=argparse.SUPPRESS)  # the argv, as JSON
    args = p.parse_args()
    if args.child:
        print(json.dumps(in_process(json.loads(args.child), args.repeats, args.profile)))
        return
    if not DUC2006.exists():
        raise SystemExit(f"{DUC2006} is absent: the benchmark reads DUC 2006 from ../shared/data")
    from rouge155_oracle import default_oracle, write_config

    oracle = default_oracle()
    job = topics()
    n_topics = len(job)
    with tempfile.TemporaryDirectory(prefix="rouge155-bench-") as tmp:
        argv = [*FLAGS, str(write_config(Path(tmp), job))]
        perl_cmd = ["perl", str(oracle.script), "-e", str(oracle.data_dir), *argv]
        cli_cmd = [sys.executable, "-m", "summarizer", "rouge155", *argv]
        one_cmd = [*cli_cmd[:4], "--jobs", "1", *argv]
        runs = {"perl": [timed(perl_cmd) for _ in range(args.repeats)],
                "cli": [timed(cli_cmd) for _ in range(args.repeats)],
                "one": [timed(one_cmd) for _ in range(args.repeats)]}
        child = [sys.executable, str(Path(__file__).resolve()), "--repeats", str(args.repeats),
                 *(["--profile"] if args.profile else []), "--child", json.dumps(argv)]
        child_out = timed(child)[2]
    inproc = json.loads(child_out.strip().splitlines()[-1])
    perl_out = runs["perl"][0][2]
    outputs = {r[2] for rs in runs.values() for r in rs} | {inproc["output"]}
    perl_median = statistics.median(r[0] for r in runs["perl"])
    print(f"{SYSTEMS} systems x {n_topics} topics x 4 references, "
          f"`{' '.join(FLAGS)}`, median of {args.repeats} ({os.cpu_count()} CPUs)\n")
    print("| command | median (s) | best (s) | peak RSS (MB) | speed-up vs Perl |")
    print("|---|---:|---:|---:|---:|")
    print(row("ROUGE-1.5.5.pl", [r[0] for r in runs["perl"]], max(r[1] for r in runs["perl"]),
              None))
    print(row("summarizer rouge155 (CLI, start-up included; a process per core)",
              [r[0] for r in runs["cli"]], max(r[1] for r in runs["cli"]), perl_median))
    print(row("summarizer rouge155 --jobs 1 (one process)", [r[0] for r in runs["one"]],
              max(r[1] for r in runs["one"]), perl_median))
    print(row("rouge155.run (in process; forks only with --jobs, like the CLI's default)",
              inproc["times"], inproc["peak_rss_mb"], perl_median))
    print(f"\noutputs equal: {'yes' if len(outputs) == 1 else 'NO'} "
          f"({len(perl_out.splitlines())} lines)")
    if inproc["profile"]:
        print("\n" + inproc["profile"])
    if len(outputs) != 1:
        raise SystemExit("the outputs differ")


if __name__ == "__main__":
    main()
