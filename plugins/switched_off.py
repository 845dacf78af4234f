"""Which plugins the servers switched off, kept in the shared cache for the listings.

A server process switches a plugin off in its own memory; ``manage.py plugins``
and the admin report run in other processes, so each switch-off is also written
here, one key per plugin. A process that is still serving rewrites its entries
now and then; an entry expires when nobody has for a while, and one left by a
process of this machine that no longer runs (the servers restarted) is ignored.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Iterable
from datetime import UTC, datetime

from django.core.cache import cache
from django.db import DatabaseError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What the cache backends Masthead configures raise when their store is unreachable:
# Redis, the database table, a file.
CACHE_ERRORS = (RedisError, DatabaseError, OSError)
PREFIX = "masthead:plugins:switched-off:"
# A running process rewrites its entries every REFRESH_SECONDS; they outlive that.
REFRESH_SECONDS = 600
EXPIRES_SECONDS = 3 * REFRESH_SECONDS


def this_process() -> str:
    """The process as the listing names it: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


def record(name: str, reason: str, since: datetime) -> None:
    """Say, for other processes to read, that this one switched ``name`` off."""
    entry = {"reason": reason, "process": this_process(), "since": since.isoformat()}
    try:
        cache.set(PREFIX + name, entry, timeout=EXPIRES_SECONDS)
    except CACHE_ERRORS:  # the record is a report: a cache outage must not fail a render
        logger.warning("Could not record that plugin %r is switched off", name, exc_info=True)


def read(names: Iterable[str]) -> dict[str, dict[str, str]]:
    """The switch-offs recorded for ``names`` by processes that may still be running."""
    names = list(names)
    try:
        found = cache.get_many([PREFIX + name for name in names])
    except CACHE_ERRORS:  # the listing still shows what this process knows
        logger.warning("Could not read which plugins are switched off", exc_info=True)
        return {}
    entries = {key.removeprefix(PREFIX): entry for key, entry in found.items()}
    return {name: entry for name, entry in entries.items() if _may_run(entry.get("process", ""))}


def describe(entry: dict[str, str]) -> str:
    """``entry`` as the listing's error column shows it."""
    since = datetime.fromisoformat(entry["since"]).astimezone(UTC)
    return f"{entry['reason']} (server process {entry['process']}, {since:%Y-%m-%d %H:%M} UTC)"


def _may_run(process: str) -> bool:
    host, _, pid = process.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine's process: its entry expires unless it is refreshed
    if int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it runs, as another user
    return True
