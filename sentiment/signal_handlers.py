"""Score a page's sentiment when it is published, so readers never wait for the analyzer."""

from __future__ import annotations

from wagtail.signals import page_published

from .models import ScoredPage
from .scoring import score_article


def score_published_page(sender, instance, **kwargs) -> None:
    """Score the page just published, when its type carries a verdict."""
    if isinstance(instance, ScoredPage):
        score_article(instance)


def connect() -> None:
    # Wagtail sends page_published with the specific page type as sender: listen to all.
    page_published.connect(score_published_page, dispatch_uid="sentiment-score-on-publish")
