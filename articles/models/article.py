"""Articles: the page, its tags, authors and related picks."""

from __future__ import annotations

import hashlib
import json

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from discussion.comments import with_comment_counts
from discussion.display import discussion_context
from discussion.models import DiscussedPage
from masthead.conf import masthead_setting
from masthead.site_name import site_name_for_request
from sentiment.models import ScoredPage

from ..blocks import ArticleBodyBlock
from ..forms import ArticlePageForm
from ..seo import article_json_ld
from ..text import article_text, body_text, reading_minutes, shorten
from .author import AuthorPage
from .common import (
    HERO_RENDITIONS,
    IMAGE_MODEL,
    SHARE_RENDITION,
    article_cards,
    images_generation,
    logger,
)


class ArticlePageQuerySet(PageQuerySet):
    def readable(self):
        """Articles any reader may see: live, and outside private (view-restricted) sections."""
        return self.live().public()


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class ArticlePageTag(TaggedItemBase):
    """The link between an article and one of its tags."""

    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(DiscussedPage, ScoredPage, Page):
    """An article: the lede, the body, its authors, tags and source.

    Readers comment on it (``DiscussedPage``) and it carries a sentiment verdict
    (``ScoredPage``); those apps own the fields they add.
    """

    lede = models.TextField(
        blank=True,
        max_length=600,
        help_text="One or two sentences shown under the title, in lists, feeds and link "
        "previews. Left empty, the start of the body is used.",
    )
    published_at = models.DateTimeField(
        "publication date",
        null=True,
        blank=True,
        db_index=True,
        help_text="Shown on the article and used to order lists. Set on first publish when empty.",
    )
    hero_image = models.ForeignKey(
        IMAGE_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_alt = models.CharField(
        "hero image alt text",
        max_length=255,
        blank=True,
        help_text="Describe the image. Left empty, the image's own description is used.",
    )
    hero_caption = models.CharField(max_length=300, blank=True)
    body = StreamField(ArticleBodyBlock(), blank=True)
    source_name = models.CharField(
        "originally published on",
        max_length=160,
        blank=True,
        help_text="Where this article first appeared, e.g. Psychology Today.",
    )
    source_url = models.URLField(
        "original URL",
        blank=True,
        help_text="The original's address; it becomes this page's canonical link.",
    )
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)
    show_share_row = models.BooleanField(
        "show the share row",
        default=True,
        help_text="Off: no share buttons under this article.",
    )
    objects = ArticlePageManager()

    # Worked out once on save, so readers never wait for it.
    excerpt = models.TextField(editable=False, blank=True, default="")
    reading_time = models.PositiveSmallIntegerField(editable=False, default=0)

    content_panels = [
        *Page.content_panels,
        FieldPanel("lede"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt"), FieldPanel("hero_caption")],
            "Hero image",
        ),
        FieldPanel("body"),
        InlinePanel("article_authors", label="Authors", min_num=0),
        MultiFieldPanel(
            [FieldPanel("published_at"), FieldPanel("tags")],
            "Publication",
        ),
        MultiFieldPanel(
            [FieldPanel("source_name"), FieldPanel("source_url")],
            "Originally published on",
        ),
        InlinePanel("related_picks", label="Related articles (editor's picks)"),
        *DiscussedPage.discussion_panels,
    ]
    promote_panels = [
        *Page.promote_panels,
        FieldPanel("show_share_row"),
        *ScoredPage.sentiment_panels,
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("lede"),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("published_at"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types: list[str] = []
    base_form_class = ArticlePageForm

    class Meta:
        verbose_name = "article"

    # --- derived values -------------------------------------------------

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"body", "lede"} & set(update_fields):
            self.refresh_derived_fields()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "excerpt", "reading_time"}
        if self.live and self.published_at is None:
            self.published_at = self.first_published_at or timezone.now()
            if update_fields is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "published_at"}
        return super().save(*args, **kwargs)

    def refresh_derived_fields(self) -> None:
        """Recompute the excerpt and reading time from the lede and body."""
        text = body_text(self.body)
        self.excerpt = self.lede.strip() or shorten(text)
        self.reading_time = reading_minutes(text, masthead_setting("WORDS_PER_MINUTE"))

    @property
    def summary(self) -> str:
        """The lede, or the start of the body when the editor left it empty."""
        return self.lede.strip() or self.excerpt

    @property
    def display_date(self):
        return self.published_at or self.first_published_at

    @property
    def hero_alt_text(self) -> str:
        if self.hero_alt:
            return self.hero_alt
        if self.hero_image is None:
            return ""
        return self.hero_image.description or self.hero_image.title

    @property
    def body_cache_key(self) -> str:
        """Changes whenever the body or any image changes, so a cached body is never stale."""
        raw = json.dumps(list(self.body.raw_data), sort_keys=True, default=str)
        digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
        return f"{digest}.{images_generation()}"

    def get_canonical_url(self, request=None) -> str:
        """The original's address when republished, else this page's own full URL."""
        return self.source_url or self.get_full_url(request)

    # --- what the page shows -------------------------------------------

    def ordered_authors(self) -> list[AuthorPage]:
        """The article's authors in the editor's order, with photos, in two queries."""
        links = (
            self.article_authors.select_related("author", "author__photo")
            .prefetch_related("author__photo__renditions")
            .order_by("sort_order")
        )
        authors = {link.author.pk: link.author for link in links if link.author.live}
        return list(authors.values())

    def related_articles(self, tag_ids: list[int], limit: int | None = None) -> list[ArticlePage]:
        """Editor's picks first, then articles sharing the most tags; live, never this one.

        One query ranks the candidates and one more fetches them as cards, however
        many picks and tags the article has. An article not saved yet (a preview)
        gets the articles sharing its tags.
        """
        limit = limit or masthead_setting("RELATED_ARTICLES")
        picked = RelatedArticle.objects.filter(page=self.pk).values("target")
        picks = RelatedArticle.objects.filter(page=self.pk, target=OuterRef("pk"))
        ranked = (
            ArticlePage.objects.readable()
            .exclude(pk=self.pk)
            # Only candidates: picks, and articles with at least one of the tags.
            .filter(Q(pk__in=picked) | Q(tags__in=tag_ids))
            .values("pk")
            .annotate(
                is_pick=Exists(picks),
                # Picks added in code rather than the admin may have no sort order yet.
                pick_order=Coalesce(Subquery(picks.values("sort_order")[:1]), 0),
                shared_tags=Count("tags", filter=Q(tags__in=tag_ids), distinct=True),
            )
            .filter(Q(is_pick=True) | Q(shared_tags__gt=0))
            .order_by("-is_pick", "pick_order", "-shared_tags", "-published_at", "-pk")
            .values_list("pk", flat=True)[:limit]
        )
        ids = list(ranked)
        if not ids:
            return []
        cards = article_cards(ArticlePage.objects.filter(pk__in=ids))
        by_id = {article.pk: article for article in cards}
        return with_comment_counts([by_id[pk] for pk in ids if pk in by_id])

    def sentiment_text(self) -> str:
        """Title, lede and body as plain text, for the sentiment analyzer."""
        return article_text(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        authors = self.ordered_authors()
        context.update(discussion_context(self, request))
        tags = list(self.tags.order_by("name"))
        share_image = None
        if self.hero_image_id:
            # One query for the image and one for all three of its renditions.
            self.hero_image = (
                get_image_model()
                .objects.prefetch_renditions(*HERO_RENDITIONS, SHARE_RENDITION)
                .filter(pk=self.hero_image_id)
                .first()
            )
        if self.hero_image is not None:
            try:
                share_image = self.hero_image.get_rendition(SHARE_RENDITION)
            except SourceImageIOError:
                # The original file is missing (e.g. a database restored without its
                # media): the page renders without the picture rather than failing.
                logger.warning("Hero image %s of %s has no file", self.hero_image_id, self)
        share_image_url = request.build_absolute_uri(share_image.url) if share_image else ""
        context.update(
            authors=authors,
            article_tags=tags,
            related_articles=self.related_articles([tag.pk for tag in tags if tag.pk]),
            share_image=share_image,
            share_image_url=share_image_url,
            canonical_url=self.get_canonical_url(request),
            section=self.get_parent().specific_deferred if self.depth > 2 else None,
            json_ld=article_json_ld(
                self, request, authors, tags, share_image_url, site_name_for_request(request)
            ),
        )
        return context


class ArticleAuthor(Orderable):
    """One of an article's authors, in the order the editor gave."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(AuthorPage, on_delete=models.CASCADE, related_name="author_links")

    panels = [PageChooserPanel("author", "articles.AuthorPage")]

    def __str__(self) -> str:
        return f"{self.author} on {self.page}"


class RelatedArticle(Orderable):
    """An article the editor recommends alongside this one."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_picks")
    target = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("target", "articles.ArticlePage")]

    def __str__(self) -> str:
        return f"{self.target} (related to {self.page})"
