"""Work the plugins do when the site changes: score an article's sentiment on publish,
and refresh cached pages when the share row's settings change."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published

from articles.models import ArticlePage
from home.page_cache import invalidate_all

from .models import ShareSettings, ShareSettingsProvider
from .sentiment import score_article


def score_published_article(sender, instance: ArticlePage, **kwargs) -> None:
    """Score the article just published, so readers never wait for the analyzer."""
    score_article(instance)


def forget_cached_pages(sender, instance=None, created: bool = False, **kwargs) -> None:
    """Anonymous readers' cached articles show the old share row: start afresh."""
    if created and isinstance(instance, ShareSettings):
        return  # a new settings row holds the defaults already shown
    invalidate_all()


def connect() -> None:
    page_published.connect(
        score_published_article, sender=ArticlePage, dispatch_uid="plugins-score-sentiment"
    )
    for model in (ShareSettings, ShareSettingsProvider):
        for signal in (post_save, post_delete):
            signal.connect(
                forget_cached_pages,
                sender=model,
                dispatch_uid=f"share-{model.__name__}-{signal is post_save}",
            )
