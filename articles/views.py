"""Views outside the page tree: the tag page and the site-wide and per-tag feeds."""

from __future__ import annotations

from django.http import Http404
from django.template.response import TemplateResponse
from taggit.models import Tag
from wagtail.models import Site

from masthead.conf import masthead_setting

from .feeds import SiteFeed, TagFeed
from .models import ArticlePage, article_cards, paginate_cards


def _readable_tagged(request, slug: str):
    """The tag and the articles any reader may see with it on this site; 404 when
    there are none, so a tag used only by drafts or private articles stays unknown."""
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        raise Http404("No such tag.")
    site = Site.find_for_request(request)
    articles = ArticlePage.objects.readable().filter(tags=tag)
    if site is not None:
        articles = articles.descendant_of(site.root_page)
    if not articles.exists():
        raise Http404("No such tag.")
    return tag, articles


def tag_page(request, slug: str):
    """Every live article with this tag, newest first."""
    tag, articles = _readable_tagged(request, slug)
    page = paginate_cards(
        request,
        article_cards(articles.order_by("-published_at", "-pk")),
        masthead_setting("ARTICLES_PER_PAGE"),
    )
    return TemplateResponse(request, "articles/tag_page.html", {"tag": tag, "articles": page})


def site_feed(request, kind: str):
    """Every article on this site, as RSS (``kind="rss"``) or Atom (``"atom"``)."""
    return SiteFeed(kind)(request)


def tag_feed(request, slug: str, kind: str):
    """Articles with one tag, as RSS or Atom."""
    _readable_tagged(request, slug)
    return TagFeed(kind)(request, slug=slug)
