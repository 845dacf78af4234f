"""Sections, articles and authors."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model, get_image_model_string
from wagtail.images.models import SourceImageIOError
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtailmarkdown.fields import MarkdownField

from home.page_cache import refuse_query, vouch_for_query
from masthead.conf import masthead_setting

from .blocks import ArticleBodyBlock
from .forms import ArticlePageForm
from .text import body_text, markdown_to_text, reading_minutes, shorten

if TYPE_CHECKING:
    from django.http import HttpRequest

IMAGE_MODEL = get_image_model_string()
logger = logging.getLogger(__name__)

# Renditions the templates ask for; prefetched together so a list of cards or
# authors costs one query for all its images, not one per image.
CARD_RENDITION = "fill-640x400"
HERO_RENDITIONS = ("fill-800x450", "fill-1600x900")
SHARE_RENDITION = "fill-1200x630"
AUTHOR_PHOTO_RENDITION = "fill-160x160"
BODY_IMAGE_RENDITIONS = ("width-640", "width-1280")


IMAGES_GENERATION_KEY = "masthead:images-generation"


def images_generation() -> int:
    """A number that changes whenever an image is edited or deleted (see signal_handlers)."""
    generation = cache.get(IMAGES_GENERATION_KEY)
    if generation is None:
        generation = int(time.time() * 1000)
        cache.add(IMAGES_GENERATION_KEY, generation, timeout=None)
    return generation


def bump_images_generation() -> None:
    """Make every cached article body that shows images render afresh."""
    cache.set(IMAGES_GENERATION_KEY, int(time.time() * 1000), timeout=None)


def paginate(request: HttpRequest, items, per_page: int):
    """The requested page of ``items``; out-of-range or malformed numbers give the nearest page."""
    paginator = Paginator(items, per_page)
    number = request.GET.get("page", "1")
    try:
        page = paginator.page(number)
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    if str(page.number) == number:
        vouch_for_query(request)
    else:
        refuse_query(request)  # ?page=junk shows page 1 but must not be cached as a variant
    return page


def article_cards(queryset):
    """Articles ready for list cards (image, renditions, authors) in a fixed number of queries."""
    # Cards never show the body; leaving it out spares parsing every article's stream.
    return (
        queryset.defer("body")
        .select_related("hero_image")
        .prefetch_related(
            Prefetch("hero_image__renditions"),
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.filter(author__live=True)
                .select_related("author")
                .order_by("sort_order"),
            ),
        )
    )


class ArticleIndexPage(RoutablePageMixin, Page):
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
        context["tag"] = tag
        context["tag_slug"] = tag_slug
        context["articles"] = paginate(
            request, article_cards(articles), masthead_setting("ARTICLES_PER_PAGE")
        )
        context["section_tags"] = (
            Tag.objects.filter(articles_articlepagetag_items__content_object__in=self.articles())
            .annotate(uses=Count("articles_articlepagetag_items"))
            .order_by("-uses", "name")[:20]
        )
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        from .feeds import SectionFeed

        return SectionFeed(self, "rss")(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        from .feeds import SectionFeed

        return SectionFeed(self, "atom")(request)


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


class AuthorPage(RoutablePageMixin, Page):
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
        return (
            ArticlePage.objects.readable()
            .filter(article_authors__author=self)
            .distinct()
            .order_by("-published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = paginate(
            request, article_cards(self.articles()), masthead_setting("ARTICLES_PER_PAGE")
        )
        context["social_links"] = list(self.social_links.all())
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        from .feeds import AuthorFeed

        return AuthorFeed(self, "rss")(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        from .feeds import AuthorFeed

        return AuthorFeed(self, "atom")(request)


class AuthorSocialLink(Orderable):
    """A link to one of an author's profiles elsewhere."""

    author = ParentalKey(AuthorPage, on_delete=models.CASCADE, related_name="social_links")
    label = models.CharField(max_length=60, help_text="e.g. Mastodon, LinkedIn")
    url = models.URLField()

    panels = [FieldPanel("label"), FieldPanel("url")]

    def __str__(self) -> str:
        return f"{self.label}: {self.url}"


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
        return [by_id[pk] for pk in ids if pk in by_id]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from home.context_processors import site_name_for_request

        from .seo import article_json_ld

        authors = self.ordered_authors()
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
