"""Build the demo publication in the default site, leaving whatever is already there alone.

What to build comes from demo.specs (read from demo/content/); the pictures are drawn by
demo.images.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.utils.file import hash_filelike

from articles.models import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    AuthorIndexPage,
    AuthorPage,
    AuthorSocialLink,
    RelatedArticle,
)
from home.models import HomePage, ThemeSettings

from . import specs
from .images import render_jpeg, size_of

if TYPE_CHECKING:
    from wagtail.images.models import AbstractImage

# The name the home page migration gives the default site; the demo replaces only that.
MIGRATION_SITE_NAME = "Masthead"

Log = Callable[[str], None]


class DemoError(Exception):
    """The site is not in a state the demo can be built in."""


@dataclass
class DemoReport:
    """What one run created, and which site settings it filled in."""

    created: Counter[str] = field(default_factory=Counter)
    settings: list[str] = field(default_factory=list)
    tags: int = 0
    lead_url: str = ""

    @property
    def changed_anything(self) -> bool:
        """Whether the run created or filled in anything at all."""
        return bool(self.created or self.settings or self.tags)


KINDS = (
    ("section", "sections"),
    ("author index", "author indexes"),
    ("author", "authors"),
    ("article", "articles"),
    ("image", "images"),
)


def describe(report: DemoReport) -> list[str]:
    """Lines that tell a person what ``report``'s run did."""
    if not report.changed_anything:
        return [f"The {specs.SITE_NAME} demo is already in place: nothing was created."]
    lines: list[str] = []
    counts = [
        f"{count} {singular if count == 1 else plural}"
        for singular, plural in KINDS
        if (count := report.created[singular])
    ]
    if report.tags:
        counts.append(f"{report.tags} tag{'s' if report.tags != 1 else ''}")
    if counts:
        lines.append(f"Created the {specs.SITE_NAME} demo: {', '.join(counts)}.")
    else:
        lines.append(f"The {specs.SITE_NAME} demo pages were already in place.")
    if report.settings:
        lines.append(f"Filled in: {', '.join(report.settings)}.")
    if report.lead_url:
        lines.append(f"Lead article: {report.lead_url}")
    return lines


class DemoBuilder:
    """Creates the demo's pages, images and settings; existing ones are found and kept."""

    def __init__(self, log: Log | None = None, now: datetime | None = None) -> None:
        self.log = log or (lambda message: None)
        self.now = now or timezone.now()
        self.report = DemoReport()
        self._images: dict[str, AbstractImage] = {}
        self._articles: dict[str, ArticlePage] = {}
        self._sections: dict[str, ArticleIndexPage] = {}
        self._authors: dict[str, AuthorPage] = {}
        self._building: set[str] = set()
        self._specs = {spec.slug: spec for spec in specs.ARTICLES}

    # --- the whole run ---------------------------------------------------

    def build(self) -> DemoReport:
        """Build everything that is missing, in one transaction."""
        tags_before = Tag.objects.count()
        with transaction.atomic():
            site, home = self._site_and_home()
            for spec in specs.SECTIONS:
                self._sections[spec.slug] = self._section(home, spec)
            author_index = self._author_index(home)
            for spec in specs.AUTHORS:
                self._authors[spec.slug] = self._author(home, author_index, spec)
            for spec in specs.ARTICLES:
                self._article(home, spec)
            lead = self._articles[specs.LEAD_ARTICLE]
            self._fill_in_settings(site, home, lead)
        self.report.tags = Tag.objects.count() - tags_before
        self.report.lead_url = lead.get_url() or ""
        return self.report

    def _site_and_home(self) -> tuple[Site, HomePage]:
        """The default site and its home page, which the demo is built under."""
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise DemoError("There is no default site; run `manage.py migrate` first.")
        home = site.root_page.specific
        if not isinstance(home, HomePage):
            raise DemoError(
                f"The default site's root page, “{home.title}”, is a "
                f"{type(home).__name__}, not a home page; the demo needs a HomePage there."
            )
        return site, home

    # --- helpers -----------------------------------------------------------

    def _publish(self, parent: Page, page: Page, kind: str) -> Page:
        """Add ``page`` under ``parent`` and publish it, so it is live with a revision."""
        page.live = False  # never live without a revision; publishing makes it live
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.report.created[kind] += 1
        self.log(f"Created {kind} “{page.title}” at {page.url}")
        return page

    def _image(self, key: str) -> AbstractImage:
        """The demo image ``key``, found by title or drawn and stored now."""
        if key in self._images:
            return self._images[key]
        spec = specs.IMAGES[key]
        image_model = get_image_model()
        image = image_model.objects.filter(title=spec.title).order_by("pk").first()
        if image is None:
            data = render_jpeg(spec.art)
            width, height = size_of(spec.art)
            image = image_model(
                title=spec.title,
                description=spec.description,
                file=ImageFile(io.BytesIO(data), name=f"demo-{key}.jpg"),
                width=width,
                height=height,
                file_size=len(data),
                file_hash=hash_filelike(io.BytesIO(data)),
            )
            image.save()
            self.report.created["image"] += 1
            self.log(f"Created image “{spec.title}”")
        self._images[key] = image
        return image

    @staticmethod
    def _existing(queryset, slug: str, model: type[Page], where: str) -> Page | None:
        """The page with ``slug`` in ``queryset``, checked to be a ``model``; None if absent."""
        page = queryset.filter(slug=slug).first()
        if page is None:
            return None
        page = page.specific
        if not isinstance(page, model):
            raise DemoError(
                f"“{page.title}” at {page.url_path} uses the slug “{slug}” {where}, but it is a "
                f"{type(page).__name__}, not a {model.__name__}. Rename it, or remove it."
            )
        return page

    # --- pages -------------------------------------------------------------

    def _section(self, home: HomePage, spec: specs.SectionSpec) -> ArticleIndexPage:
        """The section ``spec`` describes, under the home page."""
        page = self._existing(home.get_children(), spec.slug, ArticleIndexPage, "under home")
        if page is not None:
            return page
        section = ArticleIndexPage(
            title=spec.title, slug=spec.slug, intro=spec.intro, show_in_menus=True
        )
        return self._publish(home, section, "section")

    def _author_index(self, home: HomePage) -> AuthorIndexPage:
        """The site's author index: the demo's, an editor's existing one, or a new one."""
        page = self._existing(
            home.get_children(), specs.AUTHOR_INDEX_SLUG, AuthorIndexPage, "under home"
        )
        if page is not None:
            return page
        existing = AuthorIndexPage.objects.child_of(home).first()
        if existing is not None:  # only one is allowed per parent; use the editor's
            return existing
        index = AuthorIndexPage(
            title=specs.AUTHOR_INDEX_TITLE,
            slug=specs.AUTHOR_INDEX_SLUG,
            intro=specs.AUTHOR_INDEX_INTRO,
            show_in_menus=True,
        )
        return self._publish(home, index, "author index")

    def _author(self, home: HomePage, index: AuthorIndexPage, spec: specs.AuthorSpec) -> AuthorPage:
        """The author ``spec`` describes, anywhere in the site."""
        found = self._existing(
            AuthorPage.objects.descendant_of(home), spec.slug, AuthorPage, "in this site"
        )
        if found is not None:
            return found
        author = AuthorPage(
            title=spec.name,
            slug=spec.slug,
            role=spec.role,
            bio=spec.bio,
            photo=self._image(spec.photo),
            website_url=spec.website_url,
            website_name=spec.website_name,
            social_links=[
                AuthorSocialLink(label=label, url=url, sort_order=order)
                for order, (label, url) in enumerate(spec.social_links)
            ],
        )
        return self._publish(index, author, "author")

    def _published_at(self, spec: specs.ArticleSpec) -> datetime:
        """A distinct morning time ``spec.days_ago`` days before now."""
        order = list(self._specs).index(spec.slug)
        day = self.now - timedelta(days=spec.days_ago)
        return day.replace(hour=6 + order % 5, minute=(order * 7) % 60, second=0, microsecond=0)

    def _body(self, blocks: tuple[specs.Block, ...]) -> list[specs.Block]:
        """The body's raw stream data, with image keys replaced by the images' ids."""
        body = []
        for block in blocks:
            if block["type"] == "image":
                value = {**block["value"], "image": self._image(block["value"]["image"]).pk}
                block = {**block, "value": value}
            body.append(block)
        return body

    def _article(self, home: HomePage, spec: specs.ArticleSpec) -> ArticlePage:
        """The article ``spec`` describes; its editor's picks are made first when missing."""
        if spec.slug in self._articles:
            return self._articles[spec.slug]
        found = self._existing(
            ArticlePage.objects.descendant_of(home), spec.slug, ArticlePage, "in this site"
        )
        if found is not None:
            self._articles[spec.slug] = found
            return found
        if spec.slug in self._building:
            raise DemoError(f"The demo's editor's picks loop back to “{spec.title}”.")
        self._building.add(spec.slug)
        picks = [self._article(home, self._specs[slug]) for slug in spec.related]
        hero = self._image(spec.hero)
        published_at = self._published_at(spec)
        article = ArticlePage(
            title=spec.title,
            slug=spec.slug,
            lede=spec.lede,
            published_at=published_at,
            first_published_at=published_at,
            hero_image=hero,
            hero_alt=spec.hero_alt or specs.IMAGES[spec.hero].description,
            hero_caption=spec.hero_caption,
            body=self._body(spec.body),
            source_name=spec.source_name,
            source_url=spec.source_url,
            article_authors=[
                ArticleAuthor(author=self._authors[slug], sort_order=order)
                for order, slug in enumerate(spec.authors)
            ],
            related_picks=[
                RelatedArticle(target=target, sort_order=order)
                for order, target in enumerate(picks)
            ],
        )
        article.tags.add(*spec.tags)
        self._publish(self._sections[spec.section], article, "article")
        self._building.discard(spec.slug)
        self._articles[spec.slug] = article
        return article

    # --- site-wide settings ------------------------------------------------

    def _fill_in_settings(self, site: Site, home: HomePage, lead: ArticlePage) -> None:
        """Fill in the site's name, theme and home page where they are still blank."""
        if site.site_name in ("", MIGRATION_SITE_NAME):
            site.site_name = specs.SITE_NAME
            site.save(update_fields=["site_name"])
            self._filled("the site's name")

        theme = ThemeSettings.for_site(site)
        blanks = [
            (name, value)
            for name, value in (
                ("site_name", specs.SITE_NAME),
                ("tagline", specs.TAGLINE),
                ("footer_text", specs.FOOTER_TEXT),
            )
            if not getattr(theme, name)
        ]
        for name, value in blanks:
            setattr(theme, name, value)
            self._filled(f"the theme's {name.replace('_', ' ')}")
        if blanks:
            theme.save(update_fields=[name for name, _ in blanks])

        home_changed = False
        if not home.intro.strip():
            home.intro = specs.HOME_INTRO
            home_changed = True
            self._filled("the home page's intro")
        if home.featured_article_id is None:
            home.featured_article = lead
            home_changed = True
            self._filled("the home page's featured article")
        if home_changed:
            home.save_revision().publish()

    def _filled(self, what: str) -> None:
        """Note that the run filled in ``what``."""
        self.report.settings.append(what)
        self.log(f"Filled in {what}")


def build_demo(log: Log | None = None) -> DemoReport:
    """Build the demo publication in the default site and say what was created."""
    return DemoBuilder(log=log).build()
