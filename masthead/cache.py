"""A Redis cache that keeps the site up when Redis goes away, and the cache's health.

:class:`ResilientRedisCache` is Django's ``RedisCache`` with one difference: when
Redis cannot be reached (refused, timed out), the call is answered from this
process's memory instead of raising, and for ``RETRY_SECONDS`` afterwards reads
stay there without trying Redis, so a dead Redis costs one short timeout, not one
per call. Writes keep trying Redis, so the first write after Redis is back ends
the outage at once. While Redis is away:

- rate limits (allauth's, the comment limits) count in this process's memory:
  each server process enforces the limit on its own;
- keys under the ``NOT_KEPT_LOCALLY`` prefixes (the page cache) are not kept at
  all, so readers are served fresh pages, never a copy another process could not
  invalidate;
- every key written or deleted is remembered, and deleted from Redis when it
  comes back, since Redis's copy may be stale (an emptied page cache, say).

One log line says when Redis goes away and one when it is back.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

REDIS_AWAY = (RedisConnectionError, RedisTimeoutError)
OK = "ok"
DEGRADED = "degraded"
UNAVAILABLE = "unavailable"
# Keys remembered for deletion when Redis is back; beyond this the oldest are
# forgotten (and a warning says so), so a long outage cannot eat the memory.
MAX_REMEMBERED_KEYS = 10_000


def _describe(location: str) -> str:
    """Where Redis is, without the password a URL may carry."""
    first = location.split(",")[0].split(";")[0]
    parts = urlsplit(first)
    if not parts.hostname:
        return parts.path or "redis"
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.hostname}{port}{parts.path}"


class _Outage:
    """Whether one Redis is away, as seen by this process (shared by its threads)."""

    def __init__(self, where: str, retry_seconds: float) -> None:
        self.where = where
        self.retry_seconds = retry_seconds
        self.lock = threading.Lock()
        self.away = False
        self.retry_at = 0.0
        self.written: dict[tuple[str, int | None], None] = {}
        self.overflowed = False

    def backing_off(self) -> bool:
        return self.away and time.monotonic() < self.retry_at

    def went_away(self, error: Exception) -> None:
        with self.lock:
            self.retry_at = time.monotonic() + self.retry_seconds
            if self.away:
                return
            self.away = True
        logger.warning(
            "Redis cache at %s is unreachable (%s): serving without it, rate limits "
            "now count in each server process; retrying every %gs",
            self.where,
            error,
            self.retry_seconds,
        )

    def remember(self, keys: Iterable[str], version: int | None) -> None:
        with self.lock:
            for key in keys:
                self.written.pop((key, version), None)
                self.written[(key, version)] = None
            while len(self.written) > MAX_REMEMBERED_KEYS:
                self.written.pop(next(iter(self.written)))
                self.overflowed = True

    def take_back(self) -> tuple[list[tuple[str, int | None]], bool] | None:
        """Mark Redis as back: the keys to delete there, and whether some were forgotten;
        None when it was not away (or another thread already took it back)."""
        with self.lock:
            if not self.away:
                return None
            self.away = False
            written, overflowed = list(self.written), self.overflowed
            self.written, self.overflowed = {}, False
        return written, overflowed


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_for(name: str, where: str, retry_seconds: float) -> _Outage:
    with _outages_lock:
        if name not in _outages:
            _outages[name] = _Outage(where, retry_seconds)
        _outages[name].retry_seconds = retry_seconds
        return _outages[name]


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, answered from this process's memory while Redis is away.

    OPTIONS takes, besides redis-py's connection options, ``RETRY_SECONDS`` (how long
    reads skip Redis after it failed; 5) and ``NOT_KEPT_LOCALLY`` (key prefixes not
    stored in memory while Redis is away).
    """

    _READS = frozenset({"get", "get_many", "has_key"})
    # Calls that replace the whole value: Redis's copy is fresh after them.
    _SETS = frozenset({"set", "set_many"})

    def __init__(self, server, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS", {}))
        retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        self._not_kept_locally = tuple(options.pop("NOT_KEPT_LOCALLY", ()))
        super().__init__(server, {**params, "OPTIONS": options})
        name = f"{server}|{params.get('KEY_PREFIX', '')}"
        self._outage = _outage_for(name, _describe(str(server)), retry_seconds)
        local_params = {key: value for key, value in params.items() if key != "OPTIONS"}
        # LocMemCache instances of one name share their entries: every thread of
        # this process sees the same fallback.
        self._local = LocMemCache(f"masthead-redis-fallback|{name}", local_params)

    # --- the health of Redis, for /healthz and the logs ---------------------------

    def status(self) -> str:
        """``"ok"`` or ``"degraded"``, asking Redis unless this process is backing off."""
        if self._outage.backing_off():
            return DEGRADED
        try:
            self._cache.get_client(None, write=True).ping()
        except REDIS_AWAY as error:
            self._outage.went_away(error)
            return DEGRADED
        self._came_back()
        return OK

    def _came_back(self, just_set: frozenset[tuple[str, int | None]] = frozenset()) -> None:
        """Redis answers again: drop from it what was written while it was away, but
        the values ``just_set`` there by the call that found it back."""
        taken = self._outage.take_back()
        if taken is None:
            return
        written, overflowed = taken
        written = [pair for pair in written if pair not in just_set]
        by_version: dict[int | None, list[str]] = {}
        for key, version in written:
            by_version.setdefault(version, []).append(key)
        try:
            for version, keys in by_version.items():
                super().delete_many(keys, version=version)
        except REDIS_AWAY as error:
            for version, keys in by_version.items():
                self._outage.remember(keys, version)
            self._outage.went_away(error)
            return
        self._local.clear()
        logger.info(
            "Redis cache at %s is back: %d key(s) written during the outage dropped from it%s",
            self._outage.where,
            len(written),
            "; some were forgotten, so entries may be stale until they expire"
            if overflowed
            else "",
        )

    # --- every cache call goes through here -----------------------------------------

    def _kept(self, key: str) -> bool:
        return not (self._not_kept_locally and key.startswith(self._not_kept_locally))

    def _run(
        self,
        name: str,
        keys: list[str],
        version: int | None,
        remote: Callable[[], Any],
        local: Callable[[list[str]], Any],
    ) -> Any:
        """Call Redis (``remote``) or, while it is away, this process's memory
        (``local``, given the keys that may be kept there)."""
        kept = [key for key in keys if self._kept(key)]
        if self._outage.backing_off() and (name in self._READS or len(kept) < len(keys)):
            # Reads skip Redis until the retry time; so do writes of keys that would
            # not be kept anyway (a page for the page cache).
            return self._locally(name, kept, version, local)
        try:
            result = remote()
        except REDIS_AWAY as error:
            self._outage.went_away(error)
            return self._locally(name, kept, version, local)
        if self._outage.away:
            fresh = name in self._SETS
            self._came_back(frozenset((key, version) for key in keys) if fresh else frozenset())
        return result

    def _locally(self, name: str, kept: list[str], version: int | None, local) -> Any:
        if name not in self._READS:
            self._outage.remember(kept, version)
        return local(kept)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run(
            "add",
            [key],
            version,
            lambda: super(ResilientRedisCache, self).add(key, value, timeout, version),
            lambda kept: bool(kept) and self._local.add(key, value, timeout, version),
        )

    def get(self, key, default=None, version=None):
        return self._run(
            "get",
            [key],
            version,
            lambda: super(ResilientRedisCache, self).get(key, default, version),
            lambda kept: self._local.get(key, default, version) if kept else default,
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run(
            "set",
            [key],
            version,
            lambda: super(ResilientRedisCache, self).set(key, value, timeout, version),
            lambda kept: self._local.set(key, value, timeout, version) if kept else None,
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run(
            "touch",
            [key],
            version,
            lambda: super(ResilientRedisCache, self).touch(key, timeout, version),
            lambda kept: bool(kept) and self._local.touch(key, timeout, version),
        )

    def delete(self, key, version=None):
        return self._run(
            "delete",
            [key],
            version,
            lambda: super(ResilientRedisCache, self).delete(key, version),
            lambda kept: bool(kept) and self._local.delete(key, version),
        )

    def get_many(self, keys, version=None):
        keys = list(keys)
        return self._run(
            "get_many",
            keys,
            version,
            lambda: super(ResilientRedisCache, self).get_many(keys, version),
            lambda kept: self._local.get_many(kept, version),
        )

    def has_key(self, key, version=None):
        return self._run(
            "has_key",
            [key],
            version,
            lambda: super(ResilientRedisCache, self).has_key(key, version),
            lambda kept: bool(kept) and self._local.has_key(key, version),
        )

    def incr(self, key, delta=1, version=None):
        return self._run(
            "incr",
            [key],
            version,
            lambda: super(ResilientRedisCache, self).incr(key, delta, version),
            lambda kept: self._local.incr(key, delta, version),
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run(
            "set_many",
            list(data),
            version,
            lambda: super(ResilientRedisCache, self).set_many(data, timeout, version),
            lambda kept: self._local.set_many({key: data[key] for key in kept}, timeout, version),
        )

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._run(
            "delete_many",
            keys,
            version,
            lambda: super(ResilientRedisCache, self).delete_many(keys, version),
            lambda kept: self._local.delete_many(kept, version),
        )

    def clear(self):
        return self._run(
            "clear",
            [],
            None,
            lambda: super(ResilientRedisCache, self).clear(),
            lambda kept: self._local.clear(),
        )


def cache_status(alias: str = "default") -> str:
    """The health of one cache: ``"ok"``, ``"degraded"`` (Redis away, this process's
    memory standing in) or ``"unavailable"`` (a round trip failed)."""
    backend = caches[alias]
    if isinstance(backend, ResilientRedisCache):
        return backend.status()
    key = "masthead:health:probe"
    token = time.time_ns()
    try:
        backend.set(key, token, 30)
        return OK if backend.get(key) == token else UNAVAILABLE
    except (OSError, DatabaseError):
        return UNAVAILABLE
