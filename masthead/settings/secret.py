"""The development secret key: random for each checkout, never a constant in the code."""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path


def checkout_secret_key(path: Path) -> str:
    """Read the key kept in ``path``, creating it (readable only by its owner) on first use.

    Several processes may start at once (gunicorn workers, a test run beside a
    server): the first to create the file wins and the others read what it wrote.
    """
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = _read_key(path)
        if key:
            return key
        path.unlink(missing_ok=True)  # an empty file left by a crash: start again
        return checkout_secret_key(path)
    key = secrets.token_urlsafe(50)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(key + "\n")
    return key


def _read_key(path: Path) -> str:
    for _ in range(50):  # another process is between creating the file and writing it
        key = path.read_text().strip()
        if key:
            return key
        time.sleep(0.01)
    return ""
