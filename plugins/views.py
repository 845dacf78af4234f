"""The admin's Reports → Plugins: what ``manage.py plugins`` shows, for superusers.

Only superusers see it: the list names every installed package and version, which
is an operator's concern and a map for an attacker, not an editor's business.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from .manager import PluginInfo, get_host


def can_see_plugins(user) -> bool:
    """Whether ``user`` may see the plugins report (superusers only)."""
    return user.is_active and user.is_superuser


class PluginsReportView(ReportView):
    """Every plugin in the host's order: name, distribution, version, hooks, status, error."""

    page_title = "Plugins"
    header_icon = "cogs"
    index_url_name = "plugins_report"
    results_template_name = "plugins/admin/report_results.html"
    verbose_name = "plugin"
    verbose_name_plural = "plugins"
    # A site has a handful of plugins; one page holds them all, in load order.
    paginate_by = None
    columns = [
        Column("name", label="Name"),
        Column("distribution", label="Distribution"),
        Column("version", label="Version"),
        Column("hooks", label="Hooks", accessor=lambda info: ", ".join(info.hooks)),
        Column("status", label="Status", accessor=lambda info: str(info.status)),
        Column("error", label="Error"),
    ]

    # "Download CSV / XLSX" in the header menu, for pasting into a support ticket.
    list_export = ["name", "distribution", "version", "hooks", "status", "error"]
    export_headings = {field: field.capitalize() for field in list_export}
    custom_field_preprocess = {
        "hooks": {format: ", ".join for format in ReportView.FORMATS},
    }
    export_filename = "plugins"

    def dispatch(self, request, *args, **kwargs):
        # The admin turns this into its "Sorry, you do not have permission" redirect.
        if not can_see_plugins(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self) -> list[PluginInfo]:
        return get_host().report()
