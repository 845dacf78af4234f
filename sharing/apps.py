from django.apps import AppConfig


class SharingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sharing"
    verbose_name = "Sharing"

    def ready(self) -> None:
        from . import signal_handlers

        signal_handlers.connect()
