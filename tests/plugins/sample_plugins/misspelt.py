"""A plugin with a misspelt hook name, which must fail loudly rather than never run."""

from __future__ import annotations

from plugins import hookimpl


@hookimpl
def badges_for_artcle(article):
    return []
