from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "discussion"
    verbose_name = "Comments on pages"

    def ready(self) -> None:
        from . import checks, signal_handlers  # noqa: F401 - checks register themselves

        signal_handlers.connect()
