"""The plugin host's loading: finding plugins through the ``masthead`` entry points,
importing them (one that fails to import is recorded, and the site starts without it)
and registering them with pluggy, after checking that every hook they mark is one.

Plugins load sorted by entry-point name; that order is the order their hooks are
called in (docs/plugins.md). :class:`PluginLoading` is one part of
:class:`plugins.manager.PluginHost`, which sets the attributes it uses.
"""

from __future__ import annotations

import difflib
import logging
import threading
from collections.abc import Iterable
from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING

import pluggy

from . import PROJECT
from .info import PluginInfo, Status
from .types import ShareProvider

if TYPE_CHECKING:
    from .dispatch import _SwitchOff

# The host's messages keep the logger name they have always had (operators may route
# it), whichever of the host's modules logs them.
logger = logging.getLogger("plugins.manager")


class PluginLoading:
    """Loading, adding and removing plugins: the part of the host that fills ``plugins``."""

    manager: pluggy.PluginManager
    disabled: frozenset[str]
    plugins: list[PluginInfo]
    _order: dict[str, int]
    _share_providers: dict[str, ShareProvider] | None
    _overruns: dict[str, int]
    _switched_off: dict[str, _SwitchOff]
    _state_lock: threading.Lock

    def _load_entry_points(self, points: Iterable[EntryPoint] | None) -> None:
        """Load ``points`` (by default the installed ``masthead`` entry points) by name."""
        if points is None:
            points = entry_points(group=PROJECT)
        for point in sorted(points, key=lambda point: (point.name, point.value)):
            self._load(point)

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

    def problems(self) -> list[PluginInfo]:
        return [info for info in self.plugins if info.status in (Status.FAILED, Status.INVALID)]


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"
