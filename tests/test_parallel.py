"""The one pool helper (summarizer.parallel): never more workers than tasks, results in
input order, a pool stopped at once on an error, workers that die with their parent."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import kill_parent_and_check_workers

from summarizer.parallel import map_ordered, parallel_map, process_pool


def _pid(_=None) -> int:
    time.sleep(0.2)
    return os.getpid()


def test_a_pool_never_has_more_workers_than_tasks():
    with process_pool(8, 2) as pool:
        pids = set(pool.map(_pid, range(6)))
        alive = multiprocessing.active_children()
    assert 1 <= len(pids) <= 2 and len(alive) <= 2, (pids, alive)
    assert os.getpid() not in pids


def test_an_error_in_the_parent_stops_the_pool_at_once():
    start = time.monotonic()
    with pytest.raises(RuntimeError, match="the parent failed"):
        with process_pool(2, 4) as pool:
            futures = [pool.submit(time.sleep, 30) for _ in range(4)]
            time.sleep(0.3)  # the workers are busy
            raise RuntimeError("the parent failed")
    assert time.monotonic() - start < 5
    assert not multiprocessing.active_children()
    assert all(f.cancelled() or f.done() for f in futures)


def test_results_come_in_input_order():
    assert parallel_map(str, range(10), 3) == [str(i) for i in range(10)]

    def slow_first(i: int) -> int:  # the first items finish last
        time.sleep(0.05 * (5 - i))
        return i * i

    assert list(map_ordered(slow_first, range(6), 3)) == [i * i for i in range(6)]
    assert list(map_ordered(slow_first, iter(range(3)), 1)) == [0, 1, 4]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_workers_of_parallel_map_die_with_a_parent_killed_outright(tmp_path):
    """clean/split's pool: the parent killed with SIGKILL mid-map takes its workers along."""
    # each worker says its pid in one write(2) under PIPE_BUF: print() writes the number and
    # the newline apart, so two workers' lines could interleave ("123456", "")
    script = tmp_path / "parent.py"
    script.write_text(textwrap.dedent("""
        import os, sys, time
        from summarizer.parallel import parallel_map

        def work(_):
            os.write(1, f"{os.getpid()}\\n".encode())
            time.sleep(60)

        parallel_map(work, range(2), 2)
    """))
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    workers: list[int] = []
    try:
        while len(workers) < 2:
            line = proc.stdout.readline()
            assert line, "the workers never started"
            workers.append(int(line))
        kill_parent_and_check_workers(proc, workers)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
