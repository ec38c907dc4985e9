"""One copy of the benchmarks' process measurement: run a command, sample the resident
memory of it and all its descendants (worker pools, Ray workers), time it."""

from __future__ import annotations

import subprocess
import time


def tree_rss(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, in bytes (``ps``)."""
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid=,rss="], capture_output=True,
                         text=True).stdout
    rss, children = {}, {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            pid, ppid, kb = map(int, parts)
            rss[pid] = kb * 1024
            children.setdefault(ppid, []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def measure(cmd: list[str], every: float = 0.5) -> tuple[float, int, str, str, int]:
    """(wall seconds, peak RSS bytes of the process tree, stdout, stderr, exit status)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(every)
    wall = time.perf_counter() - start
    out, err = proc.communicate()
    return wall, peak, out, err, proc.returncode
