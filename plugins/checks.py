"""System checks: a plugin that implements a hook wrongly stops the site from starting
(``manage.py check`` and every management command); one that fails to import is a
warning, and the site starts without it. The time budget's settings are checked too."""

from __future__ import annotations

from django.core.checks import Error, Warning, register

from masthead.conf import masthead_setting


@register()
def plugins_are_valid(app_configs, **kwargs) -> list:
    from .manager import Status, get_host

    host = get_host()
    messages = []
    for info in host.plugins:
        source = ", ".join(filter(None, (info.module, info.distribution)))
        where = f"plugin {info.name!r} ({source})"
        if info.status == Status.INVALID:
            messages.append(
                Error(
                    f"{where}: {info.error}",
                    hint="Fix the hook's name or arguments (docs/plugins.md lists every hook), "
                    "or disable the plugin with DISABLED_PLUGINS.",
                    id="plugins.E001",
                )
            )
        elif info.status == Status.FAILED:
            messages.append(
                Warning(
                    f"{where} failed to import and is not loaded: {info.error}",
                    hint="The site runs without it; `manage.py plugins` shows the error.",
                    id="plugins.W001",
                )
            )
    known = {info.name for info in host.plugins}
    for name in sorted(set(masthead_setting("DISABLED_PLUGINS")) - known):
        messages.append(
            Warning(
                f"DISABLED_PLUGINS names {name!r}, but no installed plugin has that name",
                hint="`manage.py plugins` lists the installed plugins' names.",
                id="plugins.W002",
            )
        )
    return messages


@register()
def time_budget_is_valid(app_configs, **kwargs) -> list:
    """PLUGIN_TIME_BUDGET_MS and PLUGIN_MAX_OVERRUNS are numbers the host can use."""
    budget = masthead_setting("PLUGIN_TIME_BUDGET_MS")
    overruns = masthead_setting("PLUGIN_MAX_OVERRUNS")
    messages = []
    if isinstance(budget, bool) or not isinstance(budget, int) or budget < 0:
        messages.append(
            Error(
                f"PLUGIN_TIME_BUDGET_MS is {budget!r}; it must be a whole number of "
                "milliseconds, 0 or more",
                hint="200 is the default; 0 waits for plugins however long they take.",
                id="plugins.E002",
            )
        )
    if isinstance(overruns, bool) or not isinstance(overruns, int) or overruns < 1:
        messages.append(
            Error(
                f"PLUGIN_MAX_OVERRUNS is {overruns!r}; it must be a whole number, 1 or more",
                hint="3 is the default: the third overrun switches a plugin off.",
                id="plugins.E003",
            )
        )
    return messages
