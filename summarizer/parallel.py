"""Per-article work of one very large cluster in worker processes.

Cleaning and splitting are pure functions of one article, so a cluster of thousands of
articles can be spread over the machine's cores with the same result, in the same
order, as in one process. Small clusters never pay for a pool: :func:`workers_for`
returns 1 below ``parallel.above_chars`` characters of text. A pool never has more
processes than chunks of work, and its workers exit when their parent dies
(:func:`watch_parent`, used by the evaluation runner's pool too).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_FN: Callable | None = None  # the function each worker applies (set by the initializer)


def _install(fn: Callable, parent: int) -> None:
    global _FN
    _FN = fn
    watch_parent(parent)


def watch_parent(parent: int, every: float = 0.5) -> None:
    """End this worker process when the process that started it (``parent``, the pool's
    owner) is gone: a parent killed outright (``kill -9``) cannot stop its workers, which
    would otherwise live on, holding their memory. On Linux the kernel kills it at once
    (``PR_SET_PDEATHSIG``); elsewhere, or when ``parent`` is not its own parent (a fork
    server's child), a thread notices the worker being handed to another parent."""
    start = os.getppid()
    if start == parent and _die_with_parent():
        if os.getppid() != start:  # it died before the kernel was told
            os._exit(1)
        return
    if not _alive(parent):  # it died before this worker started
        os._exit(1)

    def watch():
        while os.getppid() == start:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but not ours to signal
        return True
    return True


_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> bool:
    """Linux: SIGKILL this process when its parent exits; whether the kernel took it."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):  # no prctl here: the thread watches instead
        return False


def _run_chunk(items: list) -> list:
    return [_FN(item) for item in items]


def workers_for(config, total_chars: int) -> int:
    """How many processes a cluster of ``total_chars`` characters gets under a
    :class:`~summarizer.config.ParallelConfig`."""
    if total_chars < config.above_chars:
        return 1
    if threading.current_thread() is not threading.main_thread():
        return 1  # forking a pool from one of several threads can deadlock the children
    return max(1, config.workers or os.cpu_count() or 1)


def parallel_map(fn: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """``[fn(x) for x in items]``, in ``workers`` processes when that is more than one.
    ``fn`` reaches the workers once (inherited where processes fork, pickled elsewhere);
    items go in a few contiguous chunks per worker."""
    items = list(items)
    if workers <= 1 or len(items) < 2:
        return [fn(x) for x in items]
    n_chunks = min(len(items), workers * 4)
    step = -(-len(items) // n_chunks)
    chunks = [items[i:i + step] for i in range(0, len(items), step)]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=context,
                             initializer=_install, initargs=(fn, os.getpid())) as pool:
        return [y for part in pool.map(_run_chunk, chunks) for y in part]
