"""RSS 2.0 and Atom feeds: site-wide, per section, per author and per tag."""

from __future__ import annotations

import re
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from taggit.models import Tag
from wagtail.models import Site

from masthead.conf import masthead_setting
from masthead.site_name import site_name as name_of_site

from .models import ArticleAuthor, ArticlePage

FEED_TYPES = {"rss": Rss201rev2Feed, "atom": Atom1Feed}

# Characters XML 1.0 cannot carry: the C0 controls but tab and line breaks, lone
# surrogates, U+FFFE and U+FFFF. Django's feed writer refuses the controls with an
# exception (one title with an ESC in it was a 500 for the whole feed) and writes
# the others, which no reader can parse.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value):
    """``value`` (a string, or a list or tuple of them) without what XML 1.0 cannot carry."""
    if isinstance(value, str):
        return NOT_IN_XML.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(part) for part in value)
    return value


def _xml_safe_fields(fields: dict) -> dict:
    return {name: xml_safe(value) for name, value in fields.items()}


class ArticleFeed(Feed):
    """The newest articles of one scope, with authors, dates and summaries."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        if kind not in FEED_TYPES:
            raise Http404("Unknown feed format.")
        self.kind = kind
        self.feed_type = FEED_TYPES[kind]

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.site = Site.find_for_request(request)
        return super().__call__(request, *args, **kwargs)

    # Subclasses say what the feed covers.
    def scope(self):
        return ArticlePage.objects.readable()

    def scope_title(self) -> str:
        raise NotImplementedError

    def scope_link(self) -> str:
        raise NotImplementedError

    def site_name(self) -> str:
        return name_of_site(self.site)

    def title(self) -> str:
        return self.scope_title()

    def link(self) -> str:
        return self.scope_link()

    def description(self) -> str:
        return f"The latest articles: {self.scope_title()}"

    def subtitle(self) -> str:
        return self.description()

    def feed_url(self) -> str:
        return self.request.build_absolute_uri(self.request.path)

    def items(self):
        articles = (
            self.scope()
            .filter(published_at__isnull=False)
            .order_by("-published_at", "-pk")
            .prefetch_related("tags")[: masthead_setting("FEED_ITEMS")]
        )
        articles = list(articles)
        links = ArticleAuthor.objects.filter(page__in=articles, author__live=True).select_related(
            "author"
        )
        names: dict[int, list[str]] = {}
        for link in links.order_by("sort_order"):
            names.setdefault(link.page_id, []).append(link.author.title)
        for article in articles:
            article.feed_author_names = names.get(article.pk, [])
        return articles

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        # Feed readers show an item's description as HTML (Atom's summary says
        # type="html"); the summary is plain text, so "<b>" in a lede stays text.
        return escape(item.summary)

    def item_link(self, item: ArticlePage) -> str:
        return item.get_full_url(self.request)

    def item_guid(self, item: ArticlePage) -> str:
        return item.get_full_url(self.request)

    def item_pubdate(self, item: ArticlePage) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: ArticlePage) -> datetime | None:
        return item.last_published_at or item.published_at

    def item_author_name(self, item: ArticlePage) -> str | None:
        return ", ".join(item.feed_author_names) or None

    def item_categories(self, item: ArticlePage) -> list[str]:
        return [tag.name for tag in item.tags.all()]

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed = _xml_safe_fields(feed.feed)
        feed.items = [_xml_safe_fields(item) for item in feed.items]
        if not feed.items:
            # An empty feed still needs an updated date for Atom validity.
            feed.feed["updateddate"] = timezone.now()
        return feed


class SiteFeed(ArticleFeed):
    """Every article on the site."""

    def scope(self):
        if self.site is None:
            return ArticlePage.objects.none()
        return ArticlePage.objects.readable().descendant_of(self.site.root_page)

    def scope_title(self) -> str:
        return self.site_name()

    def scope_link(self) -> str:
        return self.site.root_page.get_full_url(self.request) if self.site else "/"

    def description(self) -> str:
        return f"The latest articles from {self.site_name()}"


class PageFeed(ArticleFeed):
    """A feed about one page (a section or an author)."""

    def __init__(self, page, kind: str) -> None:
        super().__init__(kind)
        self.page = page

    def scope_link(self) -> str:
        return self.page.get_full_url(self.request)


class SectionFeed(PageFeed):
    """One section's articles."""

    def scope(self):
        return self.page.articles()

    def scope_title(self) -> str:
        return f"{self.page.title} — {self.site_name()}"


class AuthorFeed(PageFeed):
    """One author's articles."""

    def scope(self):
        return self.page.articles()

    def scope_title(self) -> str:
        return f"Articles by {self.page.title} — {self.site_name()}"


class TagFeed(ArticleFeed):
    """Articles with one tag."""

    def get_object(self, request, slug: str):
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404("No such tag.")
        self.tag = tag
        return tag

    def scope(self):
        articles = super().scope().filter(tags=self.tag)
        if self.site is None:
            return articles.none()
        return articles.descendant_of(self.site.root_page)

    def scope_title(self) -> str:
        return f"Tagged “{self.tag.name}” — {self.site_name()}"

    def scope_link(self) -> str:
        from django.urls import reverse

        return self.request.build_absolute_uri(reverse("articles:tag", args=[self.tag.slug]))
