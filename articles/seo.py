"""Structured data for search engines and link previews."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.http import HttpRequest

    from .models import ArticlePage, AuthorPage


def article_json_ld(
    article: ArticlePage,
    request: HttpRequest,
    authors: list[AuthorPage],
    tags: list,
    image_url: str,
    site_name: str,
) -> dict:
    """A schema.org ``Article`` for ``article``: headline, authors, dates, image, source."""
    url = article.get_full_url(request)
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": article.title[:110],
        "description": article.summary,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": article.get_canonical_url(request)},
        "author": [
            {
                "@type": "Person",
                "name": author.title,
                "url": author.get_full_url(request),
                **({"jobTitle": author.role} if author.role else {}),
                **({"sameAs": [author.website_url]} if author.website_url else {}),
            }
            for author in authors
        ],
        "publisher": {"@type": "Organization", "name": site_name},
        "timeRequired": f"PT{article.reading_time}M" if article.reading_time else None,
        "keywords": [tag.name for tag in tags] or None,
    }
    if article.display_date:
        data["datePublished"] = article.display_date.isoformat()
    modified = article.last_published_at or article.display_date
    if modified:
        data["dateModified"] = modified.isoformat()
    if image_url:
        data["image"] = [image_url]
    if article.source_url:
        data["isBasedOn"] = {
            "@type": "CreativeWork",
            "url": article.source_url,
            **({"name": article.source_name} if article.source_name else {}),
        }
    return {key: value for key, value in data.items() if value is not None}
