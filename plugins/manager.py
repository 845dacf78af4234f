"""The plugin host: finds plugins through entry points, registers them with pluggy, and
calls them one by one so that a broken plugin costs only its own contribution.

Every call of plugin code (each hook implementation, and the share links a share
provider builds) has a time budget (``PLUGIN_TIME_BUDGET_MS``): one that overruns
it is abandoned for that call, and a plugin that overruns it ``PLUGIN_MAX_OVERRUNS``
times is switched off until the process restarts (plugins/budget.py runs the calls).

Order (documented in docs/plugins.md): plugins load sorted by entry-point name;
a hook's implementations are called ``tryfirst`` ones first, ``trylast`` ones
last, and otherwise in that load order.
"""

from __future__ import annotations

import difflib
import enum
import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from importlib.metadata import EntryPoint, entry_points
from typing import Any

import pluggy

from masthead.conf import DEFAULTS

from . import PROJECT, hookspecs, switched_off
from .budget import Abandoned, Busy, TimeBudget
from .types import Badge, SentimentAnalyzer, ShareProvider, ShareTarget, Verdict

logger = logging.getLogger(__name__)


class Status(enum.StrEnum):
    LOADED = "loaded"
    DISABLED = "disabled"
    FAILED = "failed"  # the module could not be imported
    INVALID = "invalid"  # it imported, but implements a hook wrongly (a system check error)
    SWITCHED_OFF = "switched off"  # it kept overrunning its time budget; off until restart


@dataclass(frozen=True)
class PluginInfo:
    """One plugin as ``manage.py plugins`` and the admin report show it."""

    name: str
    module: str
    distribution: str
    version: str
    status: Status
    hooks: tuple[str, ...] = ()
    error: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "module": self.module,
            "distribution": self.distribution,
            "version": self.version,
            "status": str(self.status),
            "hooks": list(self.hooks),
            "error": self.error,
        }


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


class PluginHost:
    """Masthead's plugins: loaded once, called with each failure isolated and each call
    on a time budget."""

    def __init__(
        self,
        points: Iterable[EntryPoint] | None = None,
        *,
        disabled: Iterable[str] = (),
        raise_errors: bool = False,
        time_budget_ms: int = DEFAULTS["PLUGIN_TIME_BUDGET_MS"],
        max_overruns: int = DEFAULTS["PLUGIN_MAX_OVERRUNS"],
    ) -> None:
        self.manager = pluggy.PluginManager(PROJECT)
        self.manager.add_hookspecs(hookspecs)
        self.disabled = frozenset(disabled)
        self.raise_errors = raise_errors
        self.budget = TimeBudget(time_budget_ms)
        self.max_overruns = max_overruns
        self.plugins: list[PluginInfo] = []
        self._order: dict[str, int] = {}
        self._share_providers: dict[str, ShareProvider] | None = None
        self._provider_plugins: dict[str, str] = {}  # share provider key -> plugin name
        self._overruns: dict[str, int] = {}
        self._switched_off: dict[str, _SwitchOff] = {}
        self._state_lock = threading.Lock()
        if points is None:
            points = entry_points(group=PROJECT)
        for point in sorted(points, key=lambda point: (point.name, point.value)):
            self._load(point)

    # --- Loading ------------------------------------------------------------------

    def _load(self, point: EntryPoint) -> None:
        distribution = point.dist.name if point.dist else ""
        version = point.dist.version if point.dist else ""
        details = {"module": point.value, "distribution": distribution, "version": version}
        if point.name in self.disabled:
            self.plugins.append(PluginInfo(point.name, status=Status.DISABLED, **details))
            return
        try:
            plugin = point.load()
        except Exception as error:  # a plugin's import may raise anything; the site starts
            logger.exception("Plugin %r (%s) failed to import", point.name, point.value)
            self.plugins.append(
                PluginInfo(point.name, status=Status.FAILED, error=_describe(error), **details)
            )
            return
        self.add(point.name, plugin, **details)

    def add(
        self,
        name: str,
        plugin: object,
        *,
        module: str = "",
        distribution: str = "",
        version: str = "",
    ) -> PluginInfo:
        """Register ``plugin`` (a module or object with hook functions) under ``name``."""
        module = module or getattr(plugin, "__name__", type(plugin).__name__)
        details = {"module": module, "distribution": distribution, "version": version}
        problems = self._unknown_hooks(plugin)
        if not problems:
            try:
                self.manager.register(plugin, name=name)
            except (pluggy.PluginValidationError, ValueError) as error:
                problems = [str(error).strip()]
        if problems:
            info = PluginInfo(name, status=Status.INVALID, error="; ".join(problems), **details)
            logger.error("Plugin %r is not valid: %s", name, info.error)
        else:
            hooks = tuple(
                sorted(caller.name for caller in self.manager.get_hookcallers(plugin) or ())
            )
            info = PluginInfo(name, status=Status.LOADED, hooks=hooks, **details)
            self._order[name] = len(self._order)
            self._share_providers = None
        self.plugins.append(info)
        return info

    def _unknown_hooks(self, plugin: object) -> list[str]:
        known = [name for name in dir(self.manager.hook) if not name.startswith("_")]
        problems = []
        for attribute in dir(plugin):
            if self.manager.parse_hookimpl_opts(plugin, attribute) is None:
                continue
            if attribute not in known:
                close = difflib.get_close_matches(attribute, known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                problems.append(f"{attribute!r} is not a Masthead hook{hint}")
        return problems

    def remove(self, name: str) -> None:
        """Unregister the plugin called ``name`` (tests use this to undo ``add``)."""
        plugin = self.manager.get_plugin(name)
        if plugin is not None:
            self.manager.unregister(plugin, name=name)
        self.plugins = [info for info in self.plugins if info.name != name]
        self._order.pop(name, None)
        self._share_providers = None
        with self._state_lock:
            self._overruns.pop(name, None)
            self._switched_off.pop(name, None)

    def forgive_overruns(self) -> None:
        """Forget every overrun and switch-off in this process, as a restart would
        (the test suite does this between tests, so one slow moment on a loaded
        machine can't switch a plugin off for every test after it)."""
        with self._state_lock:
            self._overruns.clear()
            self._switched_off.clear()

    def problems(self) -> list[PluginInfo]:
        return [info for info in self.plugins if info.status in (Status.FAILED, Status.INVALID)]

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

    # --- What the site asks for -------------------------------------------------------

    def share_providers(self) -> dict[str, ShareProvider]:
        """Every plugin's share providers by key, in order; the first with a key wins."""
        if self._share_providers is None:
            providers: dict[str, ShareProvider] = {}
            owners: dict[str, str] = {}
            gathered = self.call("register_share_providers")
            for plugin, offered in gathered.results:
                for provider in offered:
                    if provider.key in providers:
                        logger.warning(
                            "Share provider %r from %r ignored: the key is taken",
                            provider.key,
                            plugin,
                        )
                        continue
                    providers[provider.key] = provider
                    owners[provider.key] = plugin
            self._provider_plugins = owners
            if gathered.failed:
                return providers  # not kept: a plugin that failed now may answer next time
            self._share_providers = providers
        return self._share_providers

    def share_urls(self, links: Sequence[tuple[ShareProvider, ShareTarget]]) -> list[str | None]:
        """Each provider's share address for its target, in order; None for one whose
        ``build_url`` failed, or whose plugin overran its budget or is switched off.

        A provider's ``build_url`` is plugin code run on every render: each plugin's
        links are built in one call on the budget, so a slow network costs its own
        buttons only, and one thread hand-off per plugin keeps the row cheap.
        """
        by_plugin: dict[str, list[int]] = {}
        for index, (provider, _) in enumerate(links):
            plugin = self._provider_plugins.get(provider.key, provider.key)
            by_plugin.setdefault(plugin, []).append(index)
        urls: list[str | None] = [None] * len(links)
        for plugin, indexes in by_plugin.items():
            if self._is_switched_off(plugin):
                continue
            mine = [links[index] for index in indexes]
            built = self._run(plugin, "build_url", _build_urls, {"links": mine})
            if built is _SKIPPED:
                continue
            for index, (provider, _), url in zip(indexes, mine, built, strict=True):
                urls[index] = self._checked_url(provider, url)
        return urls

    def _checked_url(self, provider: ShareProvider, url: str | BaseException) -> str | None:
        try:
            if isinstance(url, BaseException):
                raise url
            if not isinstance(url, str):
                raise TypeError(f"build_url returned {url!r:.200}, not a str")
        except Exception:  # one provider's bug costs its own button only
            if self.raise_errors:
                raise
            logger.exception("Share provider %r failed to build its link; skipped", provider.key)
            return None
        return url

    def sentiment_analyzers(self) -> list[SentimentAnalyzer]:
        return [
            analyzer
            for offered in self.call("register_sentiment_analyzers").values()
            for analyzer in offered
        ]

    def badges_for_article(self, article, request=None) -> list[Badge]:
        gathered = self.call("badges_for_article", article=article, request=request)
        return [badge for badges in gathered.values() for badge in badges]

    def moderate_comment(self, comment, request) -> HookResults:
        """Every moderator's verdict; one that overran, failed or is switched off is in
        ``failed``, as it did not check the comment (and so the comment is held)."""
        gathered = self.call("moderate_comment", comment=comment, request=request)
        gathered.failed.extend(gathered.switched_off)
        return gathered


def _build_urls(links: Sequence[tuple[ShareProvider, ShareTarget]]) -> list[str | BaseException]:
    """One plugin's share addresses, run on the budget; a provider's error in its place."""
    built: list[str | BaseException] = []
    for provider, target in links:
        try:
            built.append(provider.build_url(target))
        except Exception as error:  # given back to the dispatcher, which isolates it
            built.append(error)
    return built


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


_host: PluginHost | None = None
_host_lock = threading.Lock()


def get_host() -> PluginHost:
    """The site's plugin host, built on first use from the installed entry points."""
    global _host
    if _host is None:
        with _host_lock:
            if _host is None:
                from masthead.conf import masthead_setting

                _host = PluginHost(
                    disabled=masthead_setting("DISABLED_PLUGINS"),
                    raise_errors=masthead_setting("PLUGINS_RAISE_ERRORS"),
                    time_budget_ms=masthead_setting("PLUGIN_TIME_BUDGET_MS"),
                    max_overruns=masthead_setting("PLUGIN_MAX_OVERRUNS"),
                )
    return _host


def set_host(host: PluginHost | None) -> None:
    """Replace the site's host (``None``: build it again on next use)."""
    global _host
    with _host_lock:
        _host = host


def _forget_host_when_settings_change(setting: str, **kwargs) -> None:
    if setting == "MASTHEAD":
        set_host(None)


def connect_setting_changes() -> None:
    from django.core.signals import setting_changed

    setting_changed.connect(_forget_host_when_settings_change, dispatch_uid="plugins-settings")
