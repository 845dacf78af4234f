"""``manage.py plugins``: every installed plugin, its version, hooks and status."""

from __future__ import annotations

import json
from argparse import RawDescriptionHelpFormatter

from django.core.management.base import BaseCommand, DjangoHelpFormatter

from plugins.manager import PluginInfo, get_host

COLUMNS = ("name", "distribution", "version", "hooks", "status", "error")


class _HelpFormatter(DjangoHelpFormatter, RawDescriptionHelpFormatter):
    """Django's option order, with the description's line breaks kept."""


def rows(plugins: list[PluginInfo]) -> list[dict[str, str]]:
    """The plugins as the table shows them: one string per column."""
    return [
        {
            "name": info.name,
            "distribution": info.distribution or "-",
            "version": info.version or "-",
            "hooks": ", ".join(info.hooks) or "-",
            "status": str(info.status),
            "error": info.error,
        }
        for info in plugins
    ]


def table(plugins: list[PluginInfo]) -> str:
    """A plain-text table, columns padded to their widest cell; the error runs on."""
    lines = [dict(zip(COLUMNS, (column.upper() for column in COLUMNS), strict=True))]
    lines += rows(plugins)
    widths = {column: max(len(line[column]) for line in lines) for column in COLUMNS[:-1]}
    return "\n".join(
        "  ".join(
            [*(line[column].ljust(widths[column]) for column in COLUMNS[:-1]), line["error"]]
        ).rstrip()
        for line in lines
    )


class Command(BaseCommand):
    help = """\
List the plugins Masthead found: every entry point in the "masthead" group, in
the order they load (alphabetical by name), with the distribution that installed
it, its version, the hooks it implements and its status:

  loaded    running;
  disabled  installed but switched off by name in DISABLED_PLUGINS;
  failed    could not be imported (the site runs without it; the error says why);
  invalid   implements a hook wrongly (a misspelt hook or an unknown argument);
            `manage.py check` fails until it is fixed or disabled;
  switched off
            kept overrunning its time budget (PLUGIN_TIME_BUDGET_MS, PLUGIN_MAX_OVERRUNS)
            in a running server process, which no longer calls it until it restarts;
            the error says which process, when, and in which hook.

To switch a plugin off without uninstalling it, put its name (the first column)
in the DISABLED_PLUGINS environment variable, comma-separated, e.g.
DISABLED_PLUGINS=share_example,sentiment_vader, or in
MASTHEAD["DISABLED_PLUGINS"] in settings, and restart the server.

The listing is informational: it exits with status 0 whatever the statuses."""

    # The listing is how an operator finds the broken plugin, so it must run even
    # when that plugin makes the system checks fail.
    requires_system_checks: list[str] = []

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs["formatter_class"] = _HelpFormatter
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="Print a JSON list, one object per plugin: name, module, distribution, "
            "version, status, hooks and error.",
        )

    def handle(self, *args, as_json: bool = False, **options) -> None:
        # With the plugins running server processes switched off (the shared cache
        # says so): this command runs in a process of its own.
        plugins = get_host().report()
        if as_json:
            self.stdout.write(json.dumps([info.as_dict() for info in plugins], indent=2))
            return
        if not plugins:
            self.stdout.write("No plugins are installed.")
            return
        self.stdout.write(table(plugins))
