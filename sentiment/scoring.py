"""Scoring pages' sentiment: once, when published (or by ``manage.py score_sentiment``).

The analyzer reads the page's ``sentiment_text()``; the verdict is stored on the page
row, so readers and the badge never run an analyzer. Which analyzer scores is the
site's choice (``MASTHEAD["SENTIMENT_ANALYZER"]``), else the first one installed.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from masthead.conf import masthead_setting
from masthead.page_cache import invalidate_all
from plugins.manager import get_host
from plugins.types import Sentiment, SentimentAnalyzer

if TYPE_CHECKING:
    from .models import ScoredPage

logger = logging.getLogger(__name__)


def signature(analyzer: SentimentAnalyzer) -> str:
    """How a score records its analyzer: ``"vader 3.3.2"``."""
    return f"{analyzer.name} {analyzer.version}".strip()


def chosen_analyzer() -> SentimentAnalyzer | None:
    """The analyzer the site names, else the first installed; None when there is none."""
    analyzers = get_host().sentiment_analyzers()
    name = masthead_setting("SENTIMENT_ANALYZER")
    if not name:
        return analyzers[0] if analyzers else None
    for analyzer in analyzers:
        if analyzer.name == name:
            return analyzer
    # Scoring with another analyzer than the one asked for would mislabel every badge.
    logger.warning(
        "SENTIMENT_ANALYZER is %r, but the installed analyzers are %s; nothing is scored",
        name,
        ", ".join(repr(analyzer.name) for analyzer in analyzers) or "none",
    )
    return None


def score_article(article: ScoredPage, analyzer: SentimentAnalyzer | None = None) -> bool:
    """Score ``article`` and store the verdict on its row; False when nothing was stored.

    Nothing is stored when no analyzer is installed, or when the analyzer fails:
    the failure is logged and the article keeps its previous score.
    """
    analyzer = analyzer or chosen_analyzer()
    if analyzer is None:
        return False
    try:
        sentiment = analyzer.analyze(article.sentiment_text())
        if not isinstance(sentiment, Sentiment):
            raise TypeError(f"expected a Sentiment, got {sentiment!r:.200}")
    except Exception:  # analyzers are plugin code: a broken one must not stop a publish
        logger.exception("Sentiment analyzer %r failed on article %s", analyzer.name, article.pk)
        return False
    _store(
        article,
        sentiment_score=sentiment.score,
        sentiment_label=sentiment.label.value,
        sentiment_analyzer=signature(analyzer),
        sentiment_scored_at=timezone.now(),
    )
    return True


def _store(article: ScoredPage, **values: Any) -> None:
    # An update, not save(): the verdict is derived data, not an edit worth a revision.
    type(article).objects.filter(pk=article.pk).update(**values)
    for name, value in values.items():
        setattr(article, name, value)
    invalidate_all()


def stale(articles: QuerySet, analyzer: SentimentAnalyzer) -> QuerySet:
    """Those of ``articles`` never scored, or scored by another analyzer or version."""
    return articles.filter(
        Q(sentiment_scored_at__isnull=True) | ~Q(sentiment_analyzer=signature(analyzer))
    )
