"""Work spread over worker processes, one per core: parsing and rendering."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

SHARED: dict[str, Any] = {}  # set before the workers fork; they read it, never write it
FEWEST = 64  # fewer items than this are done in-process: forking would cost more


def in_workers(
    function: Callable, items: list, jobs: int, renew_every: int | None = None
) -> Iterator:
    """`function` over `items`, in order, in `jobs` forked workers (in-process when 1).

    A worker's error, interruption or death stops the build with that error: the executor
    sends exceptions back and notices a worker that died, where a bare pool would wait.
    `renew_every`: fresh workers after that many items. A forked worker shares its parent's
    memory until it writes to it, and reading an object writes to it (its reference count),
    so a worker reading the whole collection ends up with a copy of much of it; fresh ones
    start sharing again (docs/benchmarks.md).
    """
    if jobs <= 1 or len(items) < FEWEST:
        yield from map(function, items)
        return
    step = renew_every or len(items)
    for start in range(0, len(items), step):
        yield from _in_pool(function, items[start : start + step], jobs)


def _in_pool(function: Callable, items: list, jobs: int) -> Iterator:
    context = multiprocessing.get_context("fork")
    chunk = max(1, min(256, len(items) // (jobs * 8)))
    pool = ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_end_with, initargs=(os.getpid(),)
    )
    try:
        yield from pool.map(function, items, chunksize=chunk)
    except BaseException:
        # Drop the queued work and wait for the running chunks, so that no worker writes into
        # the staging folder after the build has removed it.
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()


def _end_with(parent: int) -> None:
    """In a worker: exit once the process that started it is gone. A worker waits for work
    on a pipe the other workers also hold open, so a main process killed outright would
    otherwise leave it waiting for ever."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
