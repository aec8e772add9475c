"""Pausing Python's cyclic garbage collector around bulk work.

Loading or indexing a large vault creates hundreds of thousands of small
objects that form no cycles; the collector would rescan all of them, again
and again, as they pile up (measured: a third of a 10,000-person report).
Reference counting still frees everything as usual while it is paused.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused_gc():
    """Pause the cyclic collector for the block (nested pauses are fine)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
