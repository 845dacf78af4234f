"""Embeds that the Content-Security-Policy lets through, and plain links for the rest.

Wagtail's oEmbed finder stores the HTML a provider sends: usually an ``<iframe>``
from the provider's own site, sometimes a ``<script>`` or an ``<img>``. The policy
frames only the origins in ``CSP_EMBED_ORIGINS`` and loads no script or picture
from another site, so anything else would show readers an empty, refused box.
Such an embed is stored as a link to the original instead, titled as the
provider titles it.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.html import format_html
from wagtail.embeds.finders.oembed import OEmbedFinder

logger = logging.getLogger(__name__)

IFRAME_SOURCE = re.compile(r"<iframe\b[^>]*?\ssrc=[\"']([^\"']+)[\"']", re.IGNORECASE)
# Elements that would load from the provider's site outside a frame, or run code.
LOADING_ELEMENTS = re.compile(
    r"<(?:script|img|picture|source|video|audio|object|embed|link|style)\b", re.IGNORECASE
)


def _origin(url: str) -> str:
    parts = urlsplit(url if "://" in url else f"https:{url}")
    return f"{parts.scheme}://{parts.netloc}".lower()


def allowed_by_policy(html: str) -> bool:
    """Whether the embed's HTML loads nothing but frames from ``CSP_EMBED_ORIGINS``."""
    allowed = {origin.rstrip("/").lower() for origin in settings.CSP_EMBED_ORIGINS}
    frames = IFRAME_SOURCE.findall(html)
    if not frames or LOADING_ELEMENTS.search(html):
        return False
    return all(_origin(source) in allowed for source in frames)


class PolicyEmbedFinder(OEmbedFinder):
    """Wagtail's oEmbed finder; an embed the policy would refuse becomes a link."""

    def find_embed(self, url, max_width=None, max_height=None):
        embed = super().find_embed(url, max_width, max_height)
        if allowed_by_policy(embed.get("html") or ""):
            return embed
        logger.info("embed of %s shown as a link: its origin is not in CSP_EMBED_ORIGINS", url)
        title = embed.get("title") or url
        provider = embed.get("provider_name")
        label = f"{title} ({provider})" if provider else title
        return {
            **embed,
            "type": "link",
            "width": None,
            "height": None,
            "html": format_html('<a href="{}" rel="noopener">{}</a>', url, label),
        }


embed_finder_class = PolicyEmbedFinder
