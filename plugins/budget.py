"""The time budget of plugin calls: plugin code runs on a small pool of worker threads,
and the host stops waiting for a call once its budget is spent.

Python cannot stop a thread, so an abandoned call runs on in its worker until it
returns. The pool is bounded and never queues: when every worker is busy (stuck
calls of plugins that are switched off by then), a call is refused at once rather
than waiting behind them. Workers are daemon threads, so a call that never returns
cannot hold up the process's exit either.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Callable
from typing import Any

from django.db import connections
from django.utils import translation

logger = logging.getLogger(__name__)

# Enough for every request thread of a gunicorn worker to be in a plugin at once,
# plus the calls left running by plugins that overran (a plugin is switched off
# after a few, so their number is bounded too).
POOL_SIZE = 32


class Abandoned(Exception):
    """The host stopped waiting for a plugin call: it overran its budget."""


class Busy(Exception):
    """No worker was free to run a plugin call, so it was not run at all."""


class _Job:
    """One plugin call, handed to a worker; its outcome is read once ``done`` is set."""

    __slots__ = ("arguments", "done", "error", "function", "language", "result")

    def __init__(self, function: Callable[..., Any], arguments: dict[str, Any]) -> None:
        self.function = function
        self.arguments = arguments
        # Plugin code sees the request's language, as it would in the request's thread.
        self.language = translation.get_language()
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            if self.language:
                translation.activate(self.language)
            else:
                translation.deactivate_all()
            self.result = self.function(**self.arguments)
        except BaseException as error:  # carried back to the dispatcher, which isolates it
            self.error = error
        finally:
            # A worker's database connections are its own: a call must not leave
            # one open (or a transaction half done) for the next call.
            connections.close_all()
            self.done.set()


class _Pool:
    """Daemon worker threads, started on demand up to ``size``; a job never waits in line."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.pid = os.getpid()
        self._jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._idle = 0
        self.started = 0

    def submit(self, job: _Job) -> bool:
        """Hand ``job`` to a worker; False when every worker is busy."""
        with self._lock:
            if self._idle:
                self._idle -= 1  # that worker is spoken for
            elif self.started < self.size:
                self.started += 1
                threading.Thread(
                    target=self._work, name=f"masthead-plugin-{self.started}", daemon=True
                ).start()
            else:
                return False
        self._jobs.put(job)
        return True

    def _work(self) -> None:
        while True:
            self._jobs.get().run()
            with self._lock:
                self._idle += 1


class TimeBudget:
    """Runs plugin calls with at most ``milliseconds`` each; 0 runs them inline, unbounded."""

    def __init__(self, milliseconds: int, pool_size: int = POOL_SIZE) -> None:
        self.milliseconds = milliseconds
        self.seconds = milliseconds / 1000
        self.pool_size = pool_size
        self._pool: _Pool | None = None
        self._lock = threading.Lock()

    def run(self, function: Callable[..., Any], arguments: dict[str, Any]) -> Any:
        """``function(**arguments)``'s result, or its exception re-raised here.

        Raises :class:`Abandoned` when it has not returned within the budget, and
        :class:`Busy` when no worker was free to start it.
        """
        if self.seconds <= 0:
            return function(**arguments)
        job = _Job(function, arguments)
        if not self._pool_here().submit(job):
            raise Busy(f"all {self.pool_size} plugin workers are busy")
        if not job.done.wait(self.seconds):
            raise Abandoned(f"no answer within {self.milliseconds} ms")
        if job.error is not None:
            raise job.error
        return job.result

    @property
    def workers(self) -> int:
        """How many worker threads this process has started (busy, stuck or idle)."""
        return self._pool.started if self._pool and self._pool.pid == os.getpid() else 0

    def _pool_here(self) -> _Pool:
        pool = self._pool
        # A forked child (gunicorn --preload) inherits the pool but none of its threads.
        if pool is None or pool.pid != os.getpid():
            with self._lock:
                pool = self._pool
                if pool is None or pool.pid != os.getpid():
                    pool = self._pool = _Pool(self.pool_size)
        return pool
