from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Articles"

    def ready(self) -> None:
        from . import checks, signal_handlers  # noqa: F401 - checks register themselves

        signal_handlers.connect()
