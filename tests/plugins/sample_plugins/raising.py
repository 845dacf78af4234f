"""A plugin whose every hook raises, as one with a bug or a dead service would."""

from __future__ import annotations

from plugins import hookimpl


@hookimpl
def badges_for_article(article, request):
    raise RuntimeError("the badge service is down")


@hookimpl
def register_share_providers():
    raise RuntimeError("the share service is down")


@hookimpl
def register_sentiment_analyzers():
    raise RuntimeError("the model failed to load")


@hookimpl
def moderate_comment(comment, request):
    raise RuntimeError("the spam service is down")
