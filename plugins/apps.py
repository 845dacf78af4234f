from django.apps import AppConfig


class PluginsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "plugins"
    verbose_name = "Plugins"

    def ready(self) -> None:
        # The host itself is built lazily, on first use: importing plugins here
        # would run third-party code before every app is ready.
        from . import checks  # noqa: F401 - checks register themselves
        from .manager import connect_setting_changes

        connect_setting_changes()
