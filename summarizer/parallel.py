"""Worker pools, in one place: processes for work that computes, threads for work that waits.

* :func:`process_pool`: the one way a process pool is made (the evaluation runner's
  ``--jobs``, :func:`parallel_map`). It never has more workers than tasks; each worker
  exits when its parent dies, even by ``kill -9`` (:func:`watch_parent`), and leaves
  Ctrl-C to the parent, which stops the pool at once on any error (:func:`stop`).
* :func:`parallel_map`: per-article work of one very large cluster (cleaning, splitting:
  pure functions of one article) over the machine's cores, with the same result, in the
  same order, as in one process. Small clusters never pay for a pool: :func:`workers_for`
  returns 1 below ``parallel.above_chars`` characters of text.
* :func:`map_ordered`: threads for clusters refined by a remote model, results in input
  order, a bounded window.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# ----------------------------------------------------------------------------- processes


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


def _start_worker(parent: int, initializer: Callable | None, initargs: tuple) -> None:
    # Ctrl-C reaches the whole process group: only the parent handles it (it stops the
    # pool and reports one line); a worker that also raised would print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    watch_parent(parent)
    if initializer is not None:
        initializer(*initargs)


@contextmanager
def process_pool(workers: int, tasks: int, initializer: Callable | None = None,
                 initargs: tuple = (), method: str | None = None) -> Iterator[ProcessPoolExecutor]:
    """A process pool of ``min(workers, tasks)`` workers (at least one), each running
    ``initializer(*initargs)`` first; ``method`` is the start method (None: the
    platform's default). Leaving the block normally waits for the work submitted; an
    exception (Ctrl-C included) stops the pool at once (:func:`stop`) and goes on."""
    context = multiprocessing.get_context(method) if method else None
    pool = ProcessPoolExecutor(max_workers=max(1, min(workers, tasks)), mp_context=context,
                               initializer=_start_worker,
                               initargs=(os.getpid(), initializer, initargs))
    try:
        yield pool
    except BaseException:
        stop(pool)
        raise
    pool.shutdown(wait=True)


def stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now (Ctrl-C, or an error in the parent): drop the work not started and
    end the workers instead of waiting for the running ones. A caller that saves each
    result as it arrives (the evaluation cache) loses only the work cut short."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14+
    if terminate is not None:
        try:
            terminate()
        except Exception:  # the pool may already be shutting down on its own
            pass
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + 1.0
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
    # The pool's manager thread closes its wake-up pipe when it sees the workers gone;
    # exiting before it has done so races concurrent.futures' exit hook, which writes to
    # that pipe (Python 3.11: "OSError: [Errno 9] Bad file descriptor" printed at exit).
    if manager is not None:
        manager.join(0.5)


# ----------------------------------------------------------------------------- per article

_FN: Callable | None = None  # the function each parallel_map worker applies


def _install(fn: Callable) -> None:
    global _FN
    _FN = fn


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
    fork = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    with process_pool(workers, len(chunks), _install, (fn,), method=fork) as pool:
        return [y for part in pool.map(_run_chunk, chunks) for y in part]


# ----------------------------------------------------------------------------- threads


def map_ordered(fn: Callable[[T], R], items: Iterable[T], workers: int) -> Iterator[R]:
    """``fn(item)`` for each item, in order, computed in ``workers`` threads.

    For work that waits on a server: a few threads keep ``refine.openai.concurrency``
    requests in flight while the GIL-bound extraction of the next clusters goes on. At most
    ``2 * workers`` items are taken from the input ahead of the one being yielded, so a
    long (lazy) input is never all in memory. On Ctrl-C the items not yet started are
    dropped; a server request in flight ends with its timeout (the CLI stops its
    retries: ``summarizer.refine.client.STOP``)."""
    if workers <= 1:
        yield from map(fn, items)
        return
    pool = ThreadPoolExecutor(max_workers=workers)
    pending: deque = deque()
    try:
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BaseException:  # Ctrl-C, or the consumer stopped: start nothing more
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
