"""Pausing Python's cyclic garbage collector while a batch of JSON is read and merged.

Parsed packages, flattened releases and merged records are trees of dicts and lists: they
hold no reference cycles, so reference counting frees them and the cyclic collector finds
nothing. But every few hundred new containers it runs, and each full pass walks all the
live ones, so with a whole import in memory it took about as long as the merge itself
(bench/ocds_import.py: the merge step ran 3x slower inside the import than alone). The
pause is process-wide and short (one import); the collector is turned back on after,
whatever happens, if it was on.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
