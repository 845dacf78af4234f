from django.apps import AppConfig


class SentimentConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sentiment"
    verbose_name = "Sentiment badges"

    def ready(self) -> None:
        from . import signal_handlers

        signal_handlers.connect()
