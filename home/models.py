"""The home page, plain content pages and the site-wide theme an editor controls in the admin."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index
from wagtailmarkdown.fields import MarkdownField

from articles.blocks import ArticleBodyBlock


class HomePage(Page):
    """The front page: a featured article, the latest articles and the sections."""

    intro = MarkdownField(blank=True, help_text="A short welcome shown under the site name.")
    featured_article = models.ForeignKey(
        "articles.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown large at the top. Left empty, the newest article is featured.",
    )
    latest_count = models.PositiveSmallIntegerField(
        "number of latest articles",
        default=9,
        validators=[MinValueValidator(1), MaxValueValidator(48)],
        help_text="How many recent articles to list (1–48).",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        PageChooserPanel("featured_article", "articles.ArticlePage"),
        FieldPanel("latest_count"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.ArticleIndexPage", "articles.AuthorIndexPage", "home.ContentPage"]

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        from articles.models import (
            ArticleIndexPage,
            ArticlePage,
            article_cards,
            with_comment_counts,
        )

        context = super().get_context(request, *args, **kwargs)
        articles = article_cards(
            ArticlePage.objects.readable().descendant_of(self).order_by("-published_at", "-pk")
        )
        featured = None
        if self.featured_article_id:
            featured = articles.filter(pk=self.featured_article_id).first()
        latest = list(articles[: self.latest_count + 1])
        if featured is None and latest:
            featured = latest[0]
        with_comment_counts([*latest, *([featured] if featured and featured not in latest else [])])
        context["featured_article"] = featured
        context["latest_articles"] = [a for a in latest if a.pk != getattr(featured, "pk", None)][
            : self.latest_count
        ]
        context["sections"] = list(
            ArticleIndexPage.objects.live().public().child_of(self).order_by("path")
        )  # public(): a private section's name is not shown
        return context


class ContentPage(Page):
    """A plain page (about, contact, a policy): a title and a body, nested as deep as needed."""

    body = StreamField(ArticleBodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]

    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = "page"


class HeaderLayout(models.TextChoices):
    LOGO_LEFT_MENU_RIGHT = "logo-left-menu-right", "Logo left, menu right"
    CENTRED = "centred", "Logo and menu centred"


class MenuBackground(models.TextChoices):
    DARK = "dark", "Dark"
    LIGHT = "light", "Light"


class PageWidth(models.TextChoices):
    FULL = "full", "Full width"
    BOXED = "boxed", "Boxed"


@register_setting(icon="view")
class ThemeSettings(BaseSiteSetting):
    """How the site looks, changed by editors in Settings → Theme, no code needed."""

    site_name = models.CharField(
        max_length=80, blank=True, help_text="Left empty, the site's name from Settings → Sites."
    )
    tagline = models.CharField(max_length=160, blank=True)
    logo = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown in the header instead of the site name (which stays for screen readers).",
    )
    header_layout = models.CharField(
        max_length=32, choices=HeaderLayout.choices, default=HeaderLayout.LOGO_LEFT_MENU_RIGHT
    )
    menu_background = models.CharField(
        max_length=16, choices=MenuBackground.choices, default=MenuBackground.DARK
    )
    show_breadcrumbs = models.BooleanField("breadcrumbs visible", default=True)
    show_hero = models.BooleanField(
        "hero images shown", default=True, help_text="Show articles' hero images at the top."
    )
    page_width = models.CharField(max_length=16, choices=PageWidth.choices, default=PageWidth.FULL)
    footer_text = models.CharField(
        max_length=255, blank=True, help_text="A line in the footer, e.g. a copyright notice."
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("tagline"), FieldPanel("logo")], "Identity"
        ),
        MultiFieldPanel(
            [
                FieldPanel("header_layout"),
                FieldPanel("menu_background"),
                FieldPanel("show_breadcrumbs"),
                FieldPanel("show_hero"),
                FieldPanel("page_width"),
            ],
            "Layout",
        ),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = "theme"

    def body_classes(self) -> str:
        """The classes on ``<body>`` that switch the stylesheet's layout variants."""
        return " ".join(
            [
                f"header-{self.header_layout}",
                f"menu-{self.menu_background}",
                "breadcrumbs-visible" if self.show_breadcrumbs else "breadcrumbs-hidden",
                "hero-shown" if self.show_hero else "hero-hidden",
                f"width-{self.page_width}",
            ]
        )
