"""A well-behaved plugin: a badge, a share provider and no opinion on comments."""

from __future__ import annotations

from urllib.parse import urlencode

from plugins import hookimpl
from plugins.types import Badge, BadgeTone, ShareProvider, ShareTarget

ICON = '<svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="10"/></svg>'


def build_url(target: ShareTarget) -> str:
    return "https://share.example.org/new?" + urlencode({"url": target.url, "text": target.title})


@hookimpl
def badges_for_article(article):
    return [Badge(key="sample-good", label="Sampled", tone=BadgeTone.POSITIVE)]


@hookimpl
def register_share_providers():
    return [ShareProvider(key="sample", label="Share on Sample", icon=ICON, build_url=build_url)]


@hookimpl
def moderate_comment(comment, request):
    return None
