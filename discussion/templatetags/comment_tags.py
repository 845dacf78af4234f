"""Template helpers for comment screens."""

from __future__ import annotations

from django import template

from ..comments import public_name

register = template.Library()


@register.filter
def byline(comment) -> str:
    """The name shown with a comment: a reader's chosen name, never their username."""
    return public_name(comment)
