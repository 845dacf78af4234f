"""Admin wiring for the share row: Settings → Sharing's address from before it had its app."""

from __future__ import annotations

from wagtail import hooks

from masthead.moved_settings import settings_moved


@hooks.register("register_admin_urls")
def register_moved_settings_urls():
    """/admin/settings/plugins/sharesettings/ (the plugin host held it once) still opens it."""
    return settings_moved("plugins", "sharesettings", "sharing")
