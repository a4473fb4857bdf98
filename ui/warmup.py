"""Once per server process, after the first run: the objects then alive — modules, the shipped
scenarios, the caches — are moved out of the garbage collector's reach (:func:`gc.freeze`).

Streamlit collects garbage after every script run (``runner.postScriptGC``), which keeps a
busy server's memory flat; with pandas, matplotlib and Arrow loaded a full collection scans
some 130,000 objects and takes 130–190 ms on a 2-core machine, on the path from one slider
move to the next (the run a slider's callback stops, :mod:`ui.live`, is collected before the
results rerun). Frozen, the long-lived objects are no longer scanned: the collection looks at
what the runs create, in about a millisecond, and still frees it.
"""
from __future__ import annotations

import gc
import threading

__all__ = ["freeze_once"]

_done = threading.Event()
_lock = threading.Lock()


def freeze_once() -> None:
    """Freeze the objects alive now, the first time this is called in the process."""
    if _done.is_set():
        return
    with _lock:
        if not _done.is_set():
            gc.collect()
            gc.freeze()
            _done.set()
