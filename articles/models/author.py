"""Author pages and their social links."""

from __future__ import annotations

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtailmarkdown.fields import MarkdownField

from masthead.conf import masthead_setting

from ..text import markdown_to_text
from .common import IMAGE_MODEL, FeedRoutesMixin, article_cards, paginate_cards


class AuthorPage(FeedRoutesMixin, Page):
    """A person who writes for the publication: bio, links and their articles."""

    role = models.CharField(max_length=160, blank=True, help_text="e.g. Social media director")
    photo = models.ForeignKey(
        IMAGE_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bio = MarkdownField(blank=True, help_text="A few sentences, in markdown.")
    website_url = models.URLField(
        "website or blog", blank=True, help_text="Shown as “You can visit their blog at …”."
    )
    website_name = models.CharField(
        max_length=120, blank=True, help_text="The blog's name; its address is shown when empty."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        MultiFieldPanel([FieldPanel("website_url"), FieldPanel("website_name")], "Website"),
        InlinePanel("social_links", label="Social profiles"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("role"),
        index.SearchField("bio"),
        index.AutocompleteField("title"),
    ]

    parent_page_types = ["articles.AuthorIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "author"

    @property
    def name(self) -> str:
        return self.title

    @property
    def bio_text(self) -> str:
        return markdown_to_text(self.bio)

    @property
    def website_label(self) -> str:
        if self.website_name:
            return self.website_name
        return self.website_url.split("://", 1)[-1].rstrip("/")

    def articles(self):
        """This author's live articles, newest first."""
        from .article import ArticlePage  # the article module imports this one

        return (
            ArticlePage.objects.readable()
            .filter(article_authors__author=self)
            .distinct()
            .order_by("-published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = paginate_cards(
            request, article_cards(self.articles()), masthead_setting("ARTICLES_PER_PAGE")
        )
        context["social_links"] = list(self.social_links.all())
        return context

    feed_class_name = "AuthorFeed"


class AuthorSocialLink(Orderable):
    """A link to one of an author's profiles elsewhere."""

    author = ParentalKey(AuthorPage, on_delete=models.CASCADE, related_name="social_links")
    label = models.CharField(max_length=60, help_text="e.g. Mastodon, LinkedIn")
    url = models.URLField()

    panels = [FieldPanel("label"), FieldPanel("url")]

    def __str__(self) -> str:
        return f"{self.label}: {self.url}"
