"""Threads for work that waits on a server: results in input order, a bounded window.

Clusters refined by a remote model spend their time waiting for its answers, so a few
threads keep ``refine.concurrency`` requests in flight while the GIL-bound extraction of
the next clusters goes on. At most ``2 * workers`` items are taken from the input ahead
of the one being yielded, so a long (lazy) input is never all in memory. On Ctrl-C the
items not yet started are dropped; a server request in flight ends with its timeout (the
CLI stops its retries: ``summarizer.refine.client.STOP``).
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def map_ordered(fn: Callable[[T], R], items: Iterable[T], workers: int) -> Iterator[R]:
    """``fn(item)`` for each item, in order, computed in ``workers`` threads."""
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
