"""A badge plugin that takes 30 s to answer, as one asking a dead service would."""

from __future__ import annotations

from plugins import hookimpl
from plugins.types import Badge

from .sleep import nap


@hookimpl
def badges_for_article(article):
    nap()
    return [Badge(key="sleepy", label="Sleepy badge")]
