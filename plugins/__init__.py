"""Masthead's plugin host: pluggy hooks, discovered through the ``masthead`` entry points.

A plugin is a module with functions named after hooks and marked ``@hookimpl``::

    from plugins import hookimpl
    from plugins.types import Badge

    @hookimpl
    def badges_for_article(article):
        return [Badge(key="long-read", label="Long read")] if article.reading_time > 10 else []

See docs/plugins.md for every hook, packaging and testing.
"""

from __future__ import annotations

import pluggy

PROJECT = "masthead"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)

__all__ = ["PROJECT", "hookimpl", "hookspec"]
