from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Home and theme"

    def ready(self) -> None:
        from . import signal_handlers

        signal_handlers.connect()
