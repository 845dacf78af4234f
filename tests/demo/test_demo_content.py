"""``manage.py load_demo``: the demo publication built from the reference article page."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from articles.models import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    AuthorIndexPage,
    AuthorPage,
    AuthorSocialLink,
    RelatedArticle,
)
from articles.text import body_text
from home.models import HomePage, ThemeSettings

LEAD_SLUG = "7-ways-social-media-can-benefit-mental-health"
LEAD_TITLE = "7 Ways Social Media Can Benefit Mental Health"
RELATED_TITLE = "Facebook Causes Depression New Study Says"
SEED_HEADINGS = (
    "Relieve social isolation and loneliness by opening up new communication pathways",
    "Inspire healthy lifestyle changes",
    "Aid medical research for mental health professionals",
    "Make social support and interventions possible",
    "Build community by Joining Local Meetups",
    "Strengthen existing relationships",
    "Provide teens with opportunities to develop technical and other skills needed to "
    "function in society",
)
PULL_QUOTE = (
    "Concerns about the negative impacts of social media have dominated public debate. However "
    "recent studies show there are clear health benefits to being online and connected."
)
ARTICLES_PER_PAGE = 10


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    """Generated images and renditions go to a temporary directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def load_demo() -> str:
    """Run the command and return what it printed."""
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def lead_article() -> ArticlePage:
    """The demo's article made from the reference page."""
    return ArticlePage.objects.get(slug=LEAD_SLUG)


def snapshot() -> dict:
    """Counts of everything the command makes, and every page's content and revision."""
    pages = {
        page.pk: (page.live, page.latest_revision_id, page.live_revision_id, page.title)
        for page in Page.objects.all()
    }
    bodies = {
        article.pk: (json.dumps(list(article.body.raw_data), sort_keys=True), article.lede)
        for article in ArticlePage.objects.all()
    }
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "tags": Tag.objects.count(),
        "tagged items": ArticlePage.tags.through.objects.count(),
        "article authors": ArticleAuthor.objects.count(),
        "related picks": RelatedArticle.objects.count(),
        "social links": AuthorSocialLink.objects.count(),
        "page content": pages,
        "article content": bodies,
    }


@pytest.mark.django_db
def test_lead_article_follows_the_reference_page(media_root):
    output = load_demo()

    assert "Created the Masthead Review demo" in output
    article = lead_article()
    assert article.title == LEAD_TITLE
    assert article.live
    assert article.live_revision_id is not None
    assert article.get_parent().specific.title == "Health"

    assert "make social media work for mental health" in article.lede.lower()
    assert "emotionally contagious" in article.lede

    markdown = "\n".join(str(block.value) for block in article.body if block.block_type == "text")
    for heading in SEED_HEADINGS:
        assert f"## {heading}\n" in markdown
    assert markdown.count("\n## ") + markdown.startswith("## ") == len(SEED_HEADINGS)

    quotes = [block.value for block in article.body if block.block_type == "pull_quote"]
    assert [(quote["quote"], quote["attribution"]) for quote in quotes] == [
        (PULL_QUOTE, "Joanna Egan, Women’s Health")
    ]
    assert not [block for block in article.body if block.block_type == "embed"]

    assert article.source_name == "The Painted Brain"
    assert article.source_url.startswith("https://paintedbrain.example/")
    assert {"social media", "mental health", "wellbeing"} <= set(
        article.tags.values_list("name", flat=True)
    )
    assert article.hero_image is not None
    assert article.hero_alt

    [author] = article.ordered_authors()
    assert author.title == "Kevin Naruse"
    assert author.role == "Social media director, The Painted Brain"
    assert "social media director at the Painted Brain" in author.bio
    assert "nonprofits and social enterprises" in author.bio
    assert author.website_url.startswith("https://") and ".example/" in author.website_url
    assert author.website_name
    assert author.social_links.count() >= 2
    assert all(".example/" in link.url for link in author.social_links.all())
    assert author.photo is not None and author.photo.width == author.photo.height

    first_pick = article.related_picks.order_by("sort_order").first()
    assert first_pick.target.title == RELATED_TITLE
    assert first_pick.target.live
    assert set(first_pick.target.tags.names()) & set(article.tags.names())

    home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(home, HomePage)
    assert home.featured_article_id == article.pk


@pytest.mark.django_db
def test_builds_a_whole_publication_once(media_root):
    first = load_demo()

    assert "Created the Masthead Review demo" in first

    site = Site.objects.get(is_default_site=True)
    assert site.site_name == "Masthead Review"
    theme = ThemeSettings.for_site(site)
    assert theme.site_name == "Masthead Review"
    assert theme.tagline
    home = site.root_page.specific
    assert home.intro.strip()

    sections = ArticleIndexPage.objects.child_of(home).live()
    assert {"Health", "Technology", "Culture"} <= set(sections.values_list("title", flat=True))
    for section in sections:
        assert section.show_in_menus
        assert section.articles().count() > ARTICLES_PER_PAGE  # every section paginates
    author_index = AuthorIndexPage.objects.child_of(home).live().get()
    assert author_index.title == "Authors"
    assert author_index.show_in_menus

    articles = ArticlePage.objects.live().descendant_of(home)
    assert articles.count() >= 24
    assert AuthorPage.objects.live().child_of(author_index).count() >= 4
    assert any(article.article_authors.count() == 2 for article in articles)
    dates = list(articles.values_list("published_at", flat=True))
    assert None not in dates
    assert len(set(dates)) == len(dates)
    assert max(dates) - min(dates) > timedelta(days=90)
    for article in articles:
        assert article.hero_image_id and article.hero_alt, article.title
        assert article.article_authors.exists(), article.title
        assert article.tags.count() >= 2, article.title
        words = len(body_text(article.body).split())
        assert 150 <= words <= (1000 if article.slug == LEAD_SLUG else 500), article.title
    assert not Page.objects.filter(live=False).exists()
    assert not Page.objects.filter(depth__gt=2, live_revision__isnull=True).exists()
    # A tag page that paginates, so related articles and tag listings have something to show.
    assert any(
        tag.articles_articlepagetag_items.count() > ARTICLES_PER_PAGE for tag in Tag.objects.all()
    )

    images = get_image_model().objects.all()
    assert all(image.description for image in images)
    assert all((media_root / image.file.name).is_file() for image in images)

    # An editor changes something; running the command again must leave everything alone.
    theme.tagline = "An editor's own tagline"
    theme.save()
    before = snapshot()

    second = load_demo()

    assert "nothing was created" in second
    assert snapshot() == before
    theme.refresh_from_db()
    assert theme.tagline == "An editor's own tagline"


@pytest.mark.django_db
def test_lead_article_page_renders(client, media_root):
    load_demo()
    cache.clear()  # the article body is cached by page id; ids repeat between tests

    response = client.get(lead_article().get_url(), HTTP_HOST="localhost")

    assert response.status_code == 200
    html = response.content.decode()
    for text in (LEAD_TITLE, "Originally published on", "Kevin Naruse", PULL_QUOTE, RELATED_TITLE):
        assert text in html
    for heading in SEED_HEADINGS:
        assert f"<h2>{heading}</h2>" in html

    home = client.get("/", HTTP_HOST="localhost")
    assert home.status_code == 200
    assert LEAD_TITLE in home.content.decode()
    second_page = client.get("/health/?page=2", HTTP_HOST="localhost")
    assert second_page.status_code == 200


@pytest.mark.django_db
def test_refuses_a_site_whose_root_is_not_a_home_page(media_root):
    site = Site.objects.get(is_default_site=True)
    plain = Page.get_first_root_node().add_child(instance=Page(title="Plain", slug="plain"))
    site.root_page = plain
    site.save()

    with pytest.raises(CommandError, match="not a home page"):
        load_demo()

    assert not ArticlePage.objects.exists()
    assert not get_image_model().objects.exists()
