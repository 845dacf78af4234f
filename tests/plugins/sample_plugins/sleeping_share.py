"""A share provider whose links take 30 s to build, in the default row beside the others."""

from __future__ import annotations

from urllib.parse import urlencode

from plugins import hookimpl
from plugins.types import ShareProvider, ShareTarget

from .sleep import nap

ICON = '<svg viewBox="0 0 24 24" aria-hidden="true"><rect width="20" height="20"/></svg>'


def build_url(target: ShareTarget) -> str:
    nap()
    return "https://slow.example.org/share?" + urlencode({"url": target.url})


@hookimpl
def register_share_providers():
    return [
        ShareProvider(
            key="slow", label="Share on Slow", icon=ICON, build_url=build_url, shown_by_default=True
        )
    ]
