"""Admin wiring for plugins: Reports → Plugins, for superusers."""

from __future__ import annotations

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem

from .views import PluginsReportView


@hooks.register("register_admin_urls")
def register_plugins_report_url():
    """The report at /admin/reports/plugins/."""
    return [path("reports/plugins/", PluginsReportView.as_view(), name="plugins_report")]


@hooks.register("register_reports_menu_item")
def register_plugins_report_menu_item():
    """Plugins, last in the Reports menu, shown to superusers only."""
    return AdminOnlyMenuItem(
        "Plugins", reverse("plugins_report"), name="plugins", icon_name="cogs", order=1200
    )
