"""The hooks plugins implement. Each is called once per plugin, in the host's order
(docs/plugins.md, "Order"); a plugin may accept only the arguments it needs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import hookspec
from .types import Badge, SentimentAnalyzer, ShareProvider, Verdict

if TYPE_CHECKING:
    from django.http import HttpRequest


@hookspec
def register_share_providers() -> list[ShareProvider]:
    """Share providers this plugin adds; every plugin's are collected, and the first
    with a given key wins."""


@hookspec
def register_sentiment_analyzers() -> list[SentimentAnalyzer]:
    """Sentiment analyzers this plugin adds; every plugin's are collected. Articles are
    scored by the one the site names, or else the first."""


@hookspec
def badges_for_article(article, request: HttpRequest | None) -> list[Badge]:
    """Badges to show with ``article``; every plugin's are shown, in order. Called on
    each render: read what was stored at publish time, never analyse here."""


@hookspec
def moderate_comment(comment, request: HttpRequest) -> Verdict | None:
    """Whether a new or edited comment is approved, held for an editor or rejected; None
    for no opinion. Every plugin is asked, and the strictest answer wins."""
