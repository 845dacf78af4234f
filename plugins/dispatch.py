"""The plugin host's hook calls: each implementation in turn, each on the time budget,
each failure isolated, so that a broken or slow plugin costs only its own contribution.

A call that raises or returns the wrong type (``RESULT_CHECKS``) is logged and
skipped; one that overruns ``PLUGIN_TIME_BUDGET_MS`` is abandoned (plugins/budget.py
runs the calls), and a plugin that overruns it ``PLUGIN_MAX_OVERRUNS`` times is
switched off until the process restarts (recorded for the listings by
plugins/switched_off.py). :class:`HookDispatch` is one part of
:class:`plugins.manager.PluginHost`, which sets the attributes it uses.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import pluggy

from . import switched_off
from .budget import Abandoned, Busy, TimeBudget
from .info import PluginInfo, Status
from .types import Badge, SentimentAnalyzer, ShareProvider, Verdict

# The host's messages keep the logger name they have always had (operators may route
# it), whichever of the host's modules logs them.
logger = logging.getLogger("plugins.manager")


def _list_of(kind: type) -> Callable[[Any], None]:
    def check(result: Any) -> None:
        if not isinstance(result, list | tuple) or not all(isinstance(i, kind) for i in result):
            raise TypeError(f"expected a list of {kind.__name__}, got {result!r:.200}")

    return check


def _verdict_or_none(result: Any) -> None:
    if result is not None and not isinstance(result, Verdict):
        raise TypeError(f"expected a Verdict or None, got {result!r:.200}")


RESULT_CHECKS: dict[str, Callable[[Any], None]] = {
    "register_share_providers": _list_of(ShareProvider),
    "register_sentiment_analyzers": _list_of(SentimentAnalyzer),
    "badges_for_article": _list_of(Badge),
    "moderate_comment": _verdict_or_none,
}


@dataclass
class HookResults:
    """What one hook call gathered: (plugin name, result) pairs, who failed (raised,
    returned the wrong type or ran out of time) and who was not asked, being switched off."""

    results: list[tuple[str, Any]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    switched_off: list[str] = field(default_factory=list)

    def values(self) -> list[Any]:
        return [value for _, value in self.results]


@dataclass
class _SwitchOff:
    reason: str
    since: datetime
    recorded: float  # time.monotonic() of the last write to the shared record


# What a call that was abandoned, or never started, gives back in place of a result.
_SKIPPED = object()


class HookDispatch:
    """Calling the plugins' hooks in order, and switching off the ones that keep
    overrunning their time budget."""

    manager: pluggy.PluginManager
    raise_errors: bool
    budget: TimeBudget
    max_overruns: int
    plugins: list[PluginInfo]
    _order: dict[str, int]
    _share_providers: dict[str, ShareProvider] | None
    _overruns: dict[str, int]
    _switched_off: dict[str, _SwitchOff]
    _state_lock: threading.Lock

    # --- Calling --------------------------------------------------------------------

    def _ordered(self, caller) -> list:
        def position(impl) -> tuple[int, int]:
            group = 0 if impl.tryfirst else 2 if impl.trylast else 1
            return group, self._order.get(impl.plugin_name, len(self._order))

        return sorted(caller.get_hookimpls(), key=position)

    def call(self, hook: str, **kwargs: Any) -> HookResults:
        """Call every implementation of ``hook`` in order, each on the time budget.

        One that raises or returns the wrong type is logged and skipped (or, with
        ``raise_errors``, raises: development and tests want to see it). One that
        overruns the budget is logged and skipped whatever ``raise_errors`` says: it
        may still be running, and the page cannot wait for it.
        """
        check = RESULT_CHECKS[hook]
        gathered = HookResults()
        for impl in self._ordered(getattr(self.manager.hook, hook)):
            plugin = impl.plugin_name
            if self._is_switched_off(plugin):
                gathered.switched_off.append(plugin)
                continue
            arguments = {name: kwargs[name] for name in impl.argnames}
            try:
                result = self._run(plugin, hook, impl.function, arguments)
                if result is _SKIPPED:
                    gathered.failed.append(plugin)
                    continue
                check(result)
            except Exception:  # isolating one failing plugin is the host's purpose
                if self.raise_errors:
                    raise
                logger.exception("Plugin %r failed in %s; skipped", plugin, hook)
                gathered.failed.append(plugin)
                continue
            gathered.results.append((plugin, result))
        return gathered

    def _run(self, plugin: str, where: str, function: Callable[..., Any], arguments: dict) -> Any:
        """``function(**arguments)`` on the budget; ``_SKIPPED`` when it was abandoned."""
        try:
            return self.budget.run(function, arguments)
        except Abandoned:
            self._overran(plugin, where)
        except Busy as busy:
            logger.error("Plugin %r was not called in %s: %s; skipped", plugin, where, busy)
        return _SKIPPED

    # --- The time budget ------------------------------------------------------------

    def _overran(self, plugin: str, where: str) -> None:
        with self._state_lock:
            count = self._overruns[plugin] = self._overruns.get(plugin, 0) + 1
        logger.warning(
            "Plugin %r overran its time budget of %d ms in %s (overrun %d of %d allowed); "
            "abandoned for this call",
            plugin,
            self.budget.milliseconds,
            where,
            count,
            self.max_overruns,
        )
        if count >= self.max_overruns:
            reason = (
                f"timed out: overran its time budget of {self.budget.milliseconds} ms "
                f"{count} times, last in {where}"
            )
            self._switch_off(plugin, reason)

    def _switch_off(self, plugin: str, reason: str) -> None:
        since = datetime.now(UTC)
        with self._state_lock:
            if plugin in self._switched_off:
                return  # another thread's overrun got here first
            self._switched_off[plugin] = _SwitchOff(reason, since, time.monotonic())
            self.plugins = [
                replace(info, status=Status.SWITCHED_OFF, error=reason)
                if info.name == plugin
                else info
                for info in self.plugins
            ]
            self._share_providers = None  # its buttons go from the row
        logger.error("Plugin %r is switched off until the server restarts: %s", plugin, reason)
        switched_off.record(plugin, reason, since)

    def _is_switched_off(self, plugin: str) -> bool:
        off = self._switched_off.get(plugin)
        if off is None:
            return False
        # While this process runs, its record for the listings is kept fresh.
        if time.monotonic() - off.recorded > switched_off.REFRESH_SECONDS:
            off.recorded = time.monotonic()
            switched_off.record(plugin, off.reason, off.since)
        return True

    def forgive_overruns(self) -> None:
        """Forget every overrun and switch-off in this process, as a restart would
        (the test suite does this between tests, so one slow moment on a loaded
        machine can't switch a plugin off for every test after it)."""
        with self._state_lock:
            self._overruns.clear()
            self._switched_off.clear()

    def report(self) -> list[PluginInfo]:
        """The plugins as operators see them: with the ones any running server process
        switched off (recorded in the shared cache) shown so."""
        recorded = switched_off.read(
            info.name for info in self.plugins if info.status == Status.LOADED
        )
        return [
            replace(
                info, status=Status.SWITCHED_OFF, error=switched_off.describe(recorded[info.name])
            )
            if info.name in recorded and info.status == Status.LOADED
            else info
            for info in self.plugins
        ]
