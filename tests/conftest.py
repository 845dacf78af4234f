"""Factories that build just the page tree a test needs; each test starts with an empty
cache and no plugin switched off for overrunning its time budget."""

from __future__ import annotations

import io
import itertools
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Site

from articles.models import ArticleIndexPage, ArticlePage, AuthorIndexPage, AuthorPage
from home.models import HomePage
from plugins.manager import get_host

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    """Uploaded images go to a temporary folder; every test starts with an empty cache."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    cache.clear()
    yield
    cache.clear()
    get_host().forgive_overruns()


@pytest.fixture
def site(db) -> Site:
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(site) -> HomePage:
    return site.root_page.specific


def publish(page):
    """Publish ``page`` the way the admin does: through a revision."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def image_factory(db):
    def make(title: str = "", description: str = "", size=(1200, 800), colour=(40, 90, 140)):
        buffer = io.BytesIO()
        PILImage.new("RGB", size, colour).save(buffer, format="JPEG")
        title = title or f"Image {next(_counter)}"
        return get_image_model().objects.create(
            title=title,
            description=description,
            file=ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.jpg"),
        )

    return make


@pytest.fixture
def section_factory(home_page):
    def make(title: str = "", **fields) -> ArticleIndexPage:
        title = title or f"Section {next(_counter)}"
        fields.setdefault("show_in_menus", True)
        section = ArticleIndexPage(title=title, **fields)
        home_page.add_child(instance=section)
        return publish(section)

    return make


@pytest.fixture
def section(section_factory) -> ArticleIndexPage:
    return section_factory("Health", slug="health")


@pytest.fixture
def author_index(home_page) -> AuthorIndexPage:
    index = AuthorIndexPage(title="Authors", slug="authors", show_in_menus=True)
    home_page.add_child(instance=index)
    return publish(index)


@pytest.fixture
def author_factory(author_index):
    def make(title: str = "", **fields) -> AuthorPage:
        title = title or f"Author {next(_counter)}"
        author = AuthorPage(title=title, **fields)
        author_index.add_child(instance=author)
        return publish(author)

    return make


@pytest.fixture
def article_factory(section):
    """Build and publish an article; ``authors``, ``tags`` and ``related`` are lists."""

    def make(
        title: str = "",
        *,
        parent=None,
        authors=(),
        tags=(),
        related=(),
        body=None,
        days_ago: int | None = None,
        live: bool = True,
        **fields,
    ) -> ArticlePage:
        title = title or f"Article {next(_counter)}"
        if body is None:
            body = [("text", f"An article called {title}. " * 20)]
        if days_ago is not None:
            fields["published_at"] = timezone.now() - timedelta(days=days_ago)
        article = ArticlePage(title=title, body=body, live=live, **fields)
        (parent or section).add_child(instance=article)
        for author in authors:
            article.article_authors.create(author=author)
        if tags:
            article.tags.add(*tags)
        for target in related:
            article.related_picks.create(target=target)
        if live:
            return publish(article)
        article.save()
        article.save_revision()
        article.refresh_from_db()
        return article

    return make
