"""Order-keeping parallel map for chunked generation (numpy releases the GIL, so two threads use two cores)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
WORKERS = 2


def ordered_map(fn: Callable[[T], R], items: Iterable[T], ahead: int = WORKERS) -> Iterator[R]:
    """``map(fn, items)`` computed by a few threads, at most ``ahead`` results waiting, in input order."""
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        pending: deque[Future[R]] = deque()
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) > ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
