"""The plugin host: finds plugins through entry points, registers them with pluggy, and
calls them one by one so that a broken plugin costs only its own contribution.

Every call of plugin code (each hook implementation, and the share links a share
provider builds) has a time budget (``PLUGIN_TIME_BUDGET_MS``): one that overruns
it is abandoned for that call, and a plugin that overruns it ``PLUGIN_MAX_OVERRUNS``
times is switched off until the process restarts (plugins/budget.py runs the calls).

Order (documented in docs/plugins.md): plugins load sorted by entry-point name;
a hook's implementations are called ``tryfirst`` ones first, ``trylast`` ones
last, and otherwise in that load order.

This module is the host's public API: :class:`PluginHost` with what the site asks
of it, the site's host (:func:`get_host`), and :class:`Status` and
:class:`PluginInfo` (from plugins/info.py). The host's loading is in
plugins/loading.py, its hook calls and time budget in plugins/dispatch.py.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Sequence
from importlib.metadata import EntryPoint

import pluggy

from masthead.conf import DEFAULTS

from . import PROJECT, hookspecs
from .budget import TimeBudget
from .dispatch import _SKIPPED, HookDispatch, HookResults, _SwitchOff
from .info import PluginInfo, Status
from .loading import PluginLoading
from .types import Badge, SentimentAnalyzer, ShareProvider, ShareTarget

__all__ = [
    "HookResults",
    "PluginHost",
    "PluginInfo",
    "Status",
    "connect_setting_changes",
    "get_host",
    "set_host",
]

logger = logging.getLogger(__name__)


class PluginHost(PluginLoading, HookDispatch):
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
        self._load_entry_points(points)

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
