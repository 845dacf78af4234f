"""The plugin host: finds plugins through entry points, registers them with pluggy, and
calls them one by one so that a broken plugin costs only its own contribution.

Order (documented in docs/plugins.md): plugins load sorted by entry-point name;
a hook's implementations are called ``tryfirst`` ones first, ``trylast`` ones
last, and otherwise in that load order.
"""

from __future__ import annotations

import difflib
import enum
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
from typing import Any

import pluggy

from . import PROJECT, hookspecs
from .types import Badge, SentimentAnalyzer, ShareProvider, Verdict

logger = logging.getLogger(__name__)


class Status(enum.StrEnum):
    LOADED = "loaded"
    DISABLED = "disabled"
    FAILED = "failed"  # the module could not be imported
    INVALID = "invalid"  # it imported, but implements a hook wrongly (a system check error)


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
    """What one hook call gathered: (plugin name, result) pairs, and who failed."""

    results: list[tuple[str, Any]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def values(self) -> list[Any]:
        return [value for _, value in self.results]


class PluginHost:
    """Masthead's plugins: loaded once, called with each failure isolated."""

    def __init__(
        self,
        points: Iterable[EntryPoint] | None = None,
        *,
        disabled: Iterable[str] = (),
        raise_errors: bool = False,
    ) -> None:
        self.manager = pluggy.PluginManager(PROJECT)
        self.manager.add_hookspecs(hookspecs)
        self.disabled = frozenset(disabled)
        self.raise_errors = raise_errors
        self.plugins: list[PluginInfo] = []
        self._order: dict[str, int] = {}
        self._share_providers: dict[str, ShareProvider] | None = None
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

    def problems(self) -> list[PluginInfo]:
        return [info for info in self.plugins if info.status in (Status.FAILED, Status.INVALID)]

    # --- Calling --------------------------------------------------------------------

    def _ordered(self, caller) -> list:
        def position(impl) -> tuple[int, int]:
            group = 0 if impl.tryfirst else 2 if impl.trylast else 1
            return group, self._order.get(impl.plugin_name, len(self._order))

        return sorted(caller.get_hookimpls(), key=position)

    def call(self, hook: str, **kwargs: Any) -> HookResults:
        """Call every implementation of ``hook`` in order.

        One that raises or returns the wrong type is logged and skipped (or, with
        ``raise_errors``, raises: development and tests want to see it).
        """
        check = RESULT_CHECKS[hook]
        gathered = HookResults()
        for impl in self._ordered(getattr(self.manager.hook, hook)):
            arguments = {name: kwargs[name] for name in impl.argnames}
            try:
                result = impl.function(**arguments)
                check(result)
            except Exception:  # isolating one failing plugin is the host's purpose
                if self.raise_errors:
                    raise
                logger.exception("Plugin %r failed in %s; skipped", impl.plugin_name, hook)
                gathered.failed.append(impl.plugin_name)
                continue
            gathered.results.append((impl.plugin_name, result))
        return gathered

    # --- What the site asks for -------------------------------------------------------

    def share_providers(self) -> dict[str, ShareProvider]:
        """Every plugin's share providers by key, in order; the first with a key wins."""
        if self._share_providers is None:
            providers: dict[str, ShareProvider] = {}
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
            if gathered.failed:
                return providers  # not kept: a plugin that failed now may answer next time
            self._share_providers = providers
        return self._share_providers

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
        return self.call("moderate_comment", comment=comment, request=request)


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
