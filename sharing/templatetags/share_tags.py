"""The share row under an article: one plain link per chosen network, built on the server."""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlencode, urlsplit, urlunsplit

from django import template
from django.utils.safestring import SafeString, mark_safe

from plugins.manager import get_host
from plugins.types import ShareTarget

from ..models import ShareSettings

register = template.Library()


@dataclass(frozen=True)
class ShareButton:
    """One button as the template draws it."""

    key: str
    label: str
    icon: SafeString
    kind: str
    href: str

    @property
    def new_tab(self) -> bool:
        """Web addresses open in a new tab; mailto: and other apps' links do not, as a
        new tab would stay behind empty."""
        return self.href.startswith(("https://", "http://"))


def with_parameters(url: str, parameters: dict[str, str]) -> str:
    """``url`` with ``parameters`` added to its query, before any fragment."""
    if not parameters:
        return url
    parts = urlsplit(url)
    # The existing query is kept byte for byte; only the new pairs are encoded.
    query = "&".join(filter(None, (parts.query, urlencode(parameters))))
    return urlunsplit(parts._replace(query=query))


def share_buttons(article, request, context=None) -> list[ShareButton]:
    """The site's chosen share buttons for ``article``, each with its finished address."""
    context = context or {}
    share_settings = ShareSettings.for_request(request)
    providers = share_settings.chosen_providers()
    if not providers:
        return []
    canonical_url = context.get("canonical_url") or article.get_canonical_url(request)
    tags = context.get("article_tags")
    if tags is None:
        tags = article.tags.all()
    target = ShareTarget(
        url=canonical_url,
        title=article.title,
        lede=article.summary,
        image_url=context.get("share_image_url") or "",
        tags=tuple(tag.name for tag in tags),
        fediverse_server=share_settings.mastodon_instance or ShareTarget.fediverse_server,
    )
    # A republished article's canonical address is the original site's: its
    # traffic is not ours to tag.
    tag_links = not article.source_url
    links = []
    for provider in providers:
        url = with_parameters(canonical_url, share_settings.utm_parameters(provider.key))
        links.append((provider, replace(target, url=url) if tag_links else target))
    # build_url is plugin code: the host runs it isolated and on its time budget, and
    # gives None for a button whose link could not be built in time.
    hrefs = get_host().share_urls(links)
    return [
        ShareButton(
            key=provider.key,
            label=provider.label,
            icon=mark_safe(provider.icon),  # noqa: S308 - plugin markup is trusted, as its code is
            kind=str(provider.kind),
            href=href,
        )
        for (provider, _), href in zip(links, hrefs, strict=True)
        if href is not None
    ]


@register.inclusion_tag("sharing/share_row.html", takes_context=True)
def share_row(context, article) -> dict:
    """The share row for ``article``: nothing when the article turns it off."""
    request = context.get("request")
    if request is None or not getattr(article, "show_share_row", False):
        return {"buttons": []}
    return {
        "buttons": share_buttons(article, request, context),
        "title": article.title,
        "text": article.summary,
    }
