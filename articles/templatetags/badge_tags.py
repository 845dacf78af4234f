"""``{% article_badges article %}``: the badges plugins give an article."""

from __future__ import annotations

from typing import Any

from django import template

from plugins.manager import get_host

register = template.Library()


@register.inclusion_tag("articles/includes/badges.html", takes_context=True)
def article_badges(context: template.Context, article) -> dict[str, Any]:
    """Every plugin's badges for ``article``, in the host's order; nothing when there are none."""
    return {"badges": get_host().badges_for_article(article, context.get("request"))}
