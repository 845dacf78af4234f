"""Plugins that say where their badge goes: first, last, or wherever load order puts it."""

from __future__ import annotations

from plugins import hookimpl
from plugins.types import Badge


class Early:
    """Asks to run before everyone else."""

    @hookimpl(tryfirst=True)
    def badges_for_article(self, article):
        return [Badge(key="early", label="Early")]


class Late:
    """Asks to run after everyone else."""

    @hookimpl(trylast=True)
    def badges_for_article(self, article):
        return [Badge(key="late", label="Late")]


class Plain:
    """Runs in load order, labelled with the name it was given."""

    def __init__(self, key: str) -> None:
        self.key = key

    @hookimpl
    def badges_for_article(self, article):
        return [Badge(key=self.key, label=self.key.title())]


# Entry points name objects as "module:attribute"; these are what they load.
early = Early()
late = Late()
plain_a = Plain("plain-a")
plain_b = Plain("plain-b")
