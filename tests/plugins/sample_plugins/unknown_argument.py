"""A plugin whose hook asks for an argument the hook does not have."""

from __future__ import annotations

from plugins import hookimpl


@hookimpl
def badges_for_article(article, reader):
    return []
