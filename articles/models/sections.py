"""Sections (article indexes) and the author index."""

from __future__ import annotations

from django.db.models import Count
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index
from wagtailmarkdown.fields import MarkdownField

from masthead.conf import masthead_setting
from masthead.page_cache import refuse_query, vouch_for_query
from masthead.pagination import paginate

from .article import ArticlePage
from .author import AuthorPage
from .common import FeedRoutesMixin, article_cards, paginate_cards


class ArticleIndexPage(FeedRoutesMixin, Page):
    """A section of the publication: its articles, newest first, filterable by tag."""

    intro = MarkdownField(blank=True, help_text="Shown above the list of articles.")

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ArticlePage"]

    class Meta:
        verbose_name = "section"

    def articles(self):
        """This section's live articles, newest first."""
        return ArticlePage.objects.readable().descendant_of(self).order_by("-published_at", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles()
        tag = None
        tag_slug = request.GET.get("tag", "").strip()
        if tag_slug:
            tag = Tag.objects.filter(slug=tag_slug).first()
            articles = articles.filter(tags=tag) if tag else articles.none()
            if tag is None:
                refuse_query(request)
            else:
                vouch_for_query(request)
        context["tag"] = tag
        context["tag_slug"] = tag_slug
        context["articles"] = paginate_cards(
            request, article_cards(articles), masthead_setting("ARTICLES_PER_PAGE")
        )
        context["section_tags"] = (
            Tag.objects.filter(articles_articlepagetag_items__content_object__in=self.articles())
            .annotate(uses=Count("articles_articlepagetag_items"))
            .order_by("-uses", "name")[:20]
        )
        return context

    feed_class_name = "SectionFeed"


class AuthorIndexPage(Page):
    """The list of the publication's authors."""

    intro = MarkdownField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.AuthorPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "author index"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        authors = (
            AuthorPage.objects.live()
            .child_of(self)
            .select_related("photo")
            .prefetch_related("photo__renditions")
            .order_by("title")
        )
        context["authors"] = paginate(request, authors, masthead_setting("AUTHORS_PER_PAGE"))
        return context
