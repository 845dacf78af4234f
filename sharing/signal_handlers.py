"""Cached pages show the share row: they start afresh when its settings change."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from masthead.page_cache import invalidate_all

from .models import ShareSettings, ShareSettingsProvider


def forget_cached_pages(sender, instance=None, created: bool = False, **kwargs) -> None:
    """Anonymous readers' cached articles show the old share row: start afresh."""
    if created and isinstance(instance, ShareSettings):
        return  # a new settings row holds the defaults already shown
    invalidate_all()


def connect() -> None:
    for model in (ShareSettings, ShareSettingsProvider):
        for signal in (post_save, post_delete):
            signal.connect(
                forget_cached_pages,
                sender=model,
                dispatch_uid=f"share-{model.__name__}-{signal is post_save}",
            )
