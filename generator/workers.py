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


def in_workers(function: Callable, items: list, jobs: int) -> Iterator:
    """`function` over `items`, in order, in `jobs` forked workers (in-process when 1).

    A worker's error, interruption or death stops the build with that error: the executor
    sends exceptions back and notices a worker that died, where a bare pool would wait.
    """
    if jobs <= 1 or len(items) < FEWEST:
        yield from map(function, items)
        return
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
