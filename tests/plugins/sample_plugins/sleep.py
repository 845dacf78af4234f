"""What the sleeping sample plugins sleep on: a hung service, as far as the host can tell.

Each sleeps up to ``SECONDS`` (the probe's 30 s) unless a test sets ``wake`` first,
so the workers a test left stuck finish when it ends.
"""

from __future__ import annotations

import threading

SECONDS = 30.0
wake = threading.Event()


def nap() -> None:
    """Sleep as a plugin waiting on a dead service does."""
    wake.wait(SECONDS)
