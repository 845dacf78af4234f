"""A plugin that returns the wrong types: dicts where dataclasses belong."""

from __future__ import annotations

from plugins import hookimpl


@hookimpl
def badges_for_article(article):
    return [{"key": "not-a-badge", "label": "Not a badge"}]


@hookimpl
def register_share_providers():
    return {"key": "not-a-provider"}


@hookimpl
def moderate_comment(comment):
    return "hold"
