"""Articles: the page, its tags, authors and related picks."""

from __future__ import annotations

import hashlib
import json

from django.core.validators import MaxValueValidator, MinValueValidator
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

from home.page_cache import refuse_query, vouch_for_query
from masthead.conf import masthead_setting
from plugins.types import SentimentLabel

from ..blocks import ArticleBodyBlock
from ..forms import ArticlePageForm
from ..text import body_text, reading_minutes, shorten
from .author import AuthorPage
from .common import (
    HERO_RENDITIONS,
    IMAGE_MODEL,
    SHARE_RENDITION,
    article_cards,
    images_generation,
    logger,
    paginate,
)
from .discussion import (
    CommentOrder,
    CommentPolicy,
    DiscussionSettings,
    comments_open,
    edit_window_start,
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


STORED_SENTIMENT_FIELDS = (
    "sentiment_score",
    "sentiment_label",
    "sentiment_analyzer",
    "sentiment_scored_at",
)


class ArticlePage(Page):
    """An article: the lede, the body, its authors, tags and source."""

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
    comment_policy = models.CharField(
        "comments",
        max_length=8,
        choices=CommentPolicy.choices,
        default=CommentPolicy.SITE_DEFAULT,
    )
    comments_close_after_days = models.PositiveSmallIntegerField(
        "close comments after (days)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text="When comments close automatically. Empty: the site's setting.",
    )

    show_share_row = models.BooleanField(
        "show the share row",
        default=True,
        help_text="Off: no share buttons under this article.",
    )
    sentiment_label_override = models.CharField(
        "sentiment badge says",
        max_length=12,
        blank=True,
        choices=SentimentLabel.choices(),
        help_text="Empty: what the analyzer found when the article was published.",
    )
    show_sentiment_badge = models.BooleanField("show the sentiment badge", default=True)

    # Scored once when the article is published (plugins/sentiment.py), never per request.
    sentiment_score = models.FloatField(null=True, blank=True, editable=False)
    sentiment_label = models.CharField(
        max_length=12, blank=True, default="", editable=False, choices=SentimentLabel.choices()
    )
    sentiment_analyzer = models.CharField(max_length=80, blank=True, default="", editable=False)
    sentiment_scored_at = models.DateTimeField(null=True, blank=True, editable=False)

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
        MultiFieldPanel(
            [FieldPanel("comment_policy"), FieldPanel("comments_close_after_days")],
            "Discussion",
        ),
    ]
    promote_panels = [
        *Page.promote_panels,
        FieldPanel("show_share_row"),
        MultiFieldPanel(
            [
                # What the analyzer found when the article was last published: shown,
                # never edited (the override below is the editor's say).
                FieldPanel("sentiment_label", heading="Analyzer's verdict", read_only=True),
                FieldPanel("sentiment_score", heading="Score (-1 to +1)", read_only=True),
                FieldPanel("sentiment_analyzer", heading="Scored by", read_only=True),
                FieldPanel("sentiment_scored_at", heading="Scored at", read_only=True),
                FieldPanel("sentiment_label_override"),
                FieldPanel("show_sentiment_badge"),
            ],
            "Sentiment badge",
        ),
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
        from ..comments import with_comment_counts

        cards = article_cards(ArticlePage.objects.filter(pk__in=ids))
        by_id = {article.pk: article for article in cards}
        return with_comment_counts([by_id[pk] for pk in ids if pk in by_id])

    def with_content_json(self, content):
        """A revision's version of this page, keeping the sentiment stored on the row.

        The sentiment is worked out when an article is published and written to the
        page row only; revisions never hold it. Wagtail rebuilds the page from a
        revision for the editor's form and when publishing, so without this the edit
        view would show no score and a publish whose scoring failed would erase it.
        """
        page = super().with_content_json(content)
        for name in STORED_SENTIMENT_FIELDS:
            setattr(page, name, getattr(self, name))
        return page

    def accepts_comments(self, request=None) -> bool:
        """Whether readers may comment here now (the site's settings and this article's)."""
        site_settings = (
            DiscussionSettings.for_request(request)
            if request is not None
            else DiscussionSettings.for_site(self.get_site())
        )
        return comments_open(self, site_settings)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from home.context_processors import site_name_for_request

        from ..comments import comment_form_for, discussion, masthead_max_thread_level
        from ..seo import article_json_ld

        authors = self.ordered_authors()
        discussion_settings = DiscussionSettings.for_request(request)
        order = request.GET.get("corder", discussion_settings.default_order)
        if order not in CommentOrder.values or {"page", "tag"} & set(request.GET):
            # ?corder=junk, or a listing's parameter, names no variant of this page.
            order = order if order in CommentOrder.values else discussion_settings.default_order
            refuse_query(request)
        elif "corder" in request.GET:
            vouch_for_query(request)
        threads, comment_count = discussion(self, newest_first=order == CommentOrder.NEWEST)
        comments = paginate(request, threads, discussion_settings.comments_per_page, "cpage")
        accepts = comments_open(self, discussion_settings)
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
            comments=comments,
            comment_order=order,
            comments_open=accepts,
            viewer_id=request.user.pk,
            edit_window_start=edit_window_start(discussion_settings),
            reply_form=(
                comment_form_for(self, request, discussion_settings.anonymous_comments)
                if accepts
                else None
            ),
            max_thread_level=masthead_max_thread_level(),
            comment_count=comment_count,
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
