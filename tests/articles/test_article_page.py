"""The article page: what a reader sees, what it costs, and what bad input does to it."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from articles.models import ArticlePage

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "the page has no JSON-LD"
    return json.loads(match.group(1))


def test_article_shows_title_lede_authors_source_and_body(client, article_factory, author_factory):
    kevin = author_factory(
        "Kevin Naruse",
        role="Social media director",
        bio="Kevin writes about *online communities*.",
        website_url="https://blog.example.org/",
        website_name="Kevin's notebook",
    )
    article = article_factory(
        "7 Ways Social Media Can Benefit Mental Health",
        lede="Make social media work for mental health.",
        authors=[kevin],
        tags=["social media", "mental health"],
        source_name="The Painted Brain",
        source_url="https://paintedbrain.example/7-ways",
        body=[
            ("text", "Intro paragraph.\n\n## Inspire healthy lifestyle changes\n\nMore text."),
            ("pull_quote", {"quote": "Clear health benefits.", "attribution": "Joanna Egan"}),
        ],
    )
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "7 Ways Social Media Can Benefit Mental Health" in html
    assert "Make social media work for mental health." in html
    assert "<h2>Inspire healthy lifestyle changes</h2>" in html
    assert 'class="pull-quote"' in html and "Clear health benefits." in html
    assert "Joanna Egan" in html
    assert "Originally published on" in html
    assert 'href="https://paintedbrain.example/7-ways"' in html and "The Painted Brain" in html
    assert '<link rel="canonical" href="https://paintedbrain.example/7-ways">' in html
    # The author bio box links to the author's page and their blog.
    assert 'class="author-box"' in html
    assert f'href="{kevin.url}"' in html
    text = unescape(html)
    assert "You can visit Kevin Naruse's blog at" in text and "Kevin's notebook" in text
    assert "<em>online communities</em>" in html
    assert "1 min read" in html


def test_lede_is_derived_from_the_body_when_left_empty(article_factory):
    article = article_factory(
        body=[("text", "## A heading\n\nThe **first** sentence is here. " + "More words. " * 80)]
    )
    assert article.lede == ""
    assert article.summary.startswith("A heading The first sentence is here.")
    assert "**" not in article.summary and "##" not in article.summary
    assert len(article.summary) <= 221


def test_reading_time_counts_the_words(article_factory):
    article = article_factory(body=[("text", "word " * 1000)])
    assert article.reading_time == 5  # 1000 words at 230 a minute, rounded up


def test_canonical_is_the_page_itself_without_a_source(client, article_factory):
    article = article_factory("Our own story")
    html = client.get(article.url).content.decode()
    assert f'<link rel="canonical" href="{article.get_full_url()}">' in html
    assert "Originally published on" not in html


def test_meta_description_opengraph_twitter_and_json_ld(
    client, article_factory, author_factory, image_factory
):
    author = author_factory("Ada Writer")
    hero = image_factory("Crowd", description="A crowd of people looking at phones")
    article = article_factory(
        "Structured",
        lede="A lede for previews.",
        authors=[author],
        tags=["alpha"],
        hero_image=hero,
        source_name="Origin Weekly",
        source_url="https://origin.example/story?id=1&x=2",
    )
    html = client.get(article.url).content.decode()
    assert '<meta name="description" content="A lede for previews.">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Structured">' in html
    assert '<meta property="og:image" content="http://testserver/media/' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert 'content="A crowd of people looking at phones"' in html
    data = json_ld(html)
    assert data["@type"] == "Article"
    assert data["headline"] == "Structured"
    assert data["author"] == [
        {"@type": "Person", "name": "Ada Writer", "url": author.get_full_url()}
    ]
    assert data["datePublished"].startswith(str(article.published_at.date()))
    assert "dateModified" in data
    assert data["image"][0].startswith("http://testserver/media/images/")
    assert data["isBasedOn"] == {
        "@type": "CreativeWork",
        "url": "https://origin.example/story?id=1&x=2",
        "name": "Origin Weekly",
    }
    assert data["keywords"] == ["alpha"]


def test_json_ld_cannot_be_broken_out_of(client, article_factory):
    article = article_factory("Evil </script><script>alert(1)</script>")
    html = client.get(article.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert json_ld(html)["headline"].startswith("Evil </script>")


def test_related_articles_picks_first_then_shared_tags_never_self_or_unpublished(
    client, article_factory
):
    pick = article_factory("The editors pick", tags=["unrelated"])
    article_factory("Two shared tags", tags=["a", "b"], days_ago=30)
    article_factory("One shared tag", tags=["a"], days_ago=1)
    draft = article_factory("Draft sharing tags", tags=["a", "b"], live=False)
    article = article_factory("Main", tags=["a", "b"], related=[pick])
    article.related_picks.create(target=article)  # an editor picking the article itself
    article.related_picks.create(target=draft)
    article.save()

    related = article.related_articles([tag.pk for tag in article.tags.all()])
    assert [a.title for a in related] == ["The editors pick", "Two shared tags", "One shared tag"]
    html = client.get(article.url).content.decode()
    related_html = html.split('id="related-title"', 1)[1]
    assert "Draft sharing tags" not in related_html
    assert related_html.index("The editors pick") < related_html.index("Two shared tags")


# Routing (5), view restrictions, authors and their photos' renditions, tags, the
# hero image and its renditions, private sections and ranking related articles,
# fetching them as cards (with renditions and bylines), theme settings, menu,
# breadcrumbs, section, the whole discussion and its settings, the related
# cards' comment counts, and the share settings with their buttons (2, however
# many buttons).
ARTICLE_PAGE_QUERIES = 26


def _queries_for(client, url: str) -> int:
    client.get(url)  # warm: renditions are generated once, then reused
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_authors_tags_and_related(
    client, settings, article_factory, author_factory, image_factory
):
    # Measure rendering itself, not the anonymous page cache in front of it.
    settings.MASTHEAD = {**settings.MASTHEAD, "PAGE_CACHE_SECONDS": 0}

    def build(n: int, prefix: str) -> ArticlePage:
        authors = [
            author_factory(f"{prefix} author {i}", photo=image_factory(), bio="A *bio*.")
            for i in range(n)
        ]
        tags = [f"{prefix}-tag-{i}" for i in range(n)]
        related = [
            article_factory(f"{prefix} related {i}", hero_image=image_factory(), authors=authors)
            for i in range(n)
        ]
        return article_factory(
            f"{prefix} main",
            authors=authors,
            tags=tags,
            related=related,
            hero_image=image_factory(),
        )

    one = build(1, "one")
    ten = build(10, "ten")
    assert len(ten.ordered_authors()) == 10
    count_one = _queries_for(client, one.url)
    count_ten = _queries_for(client, ten.url)
    assert count_one == count_ten
    assert count_ten == ARTICLE_PAGE_QUERIES


def test_empty_body_renders(client, article_factory):
    article = article_factory("Nothing yet", body=[])
    response = client.get(article.url)
    assert response.status_code == 200
    assert article.reading_time == 0
    assert "min read" not in response.content.decode()


def test_missing_hero_renders_without_image_tags(client, article_factory):
    article = article_factory("No hero")
    html = client.get(article.url).content.decode()
    assert 'class="article__hero"' not in html
    assert 'property="og:image"' not in html
    assert '<meta name="twitter:card" content="summary">' in html


def test_deleted_hero_image_falls_back_cleanly(client, article_factory, image_factory):
    hero = image_factory("Soon gone")
    article = article_factory("Lost hero", hero_image=hero)
    hero.delete()
    assert client.get(article.url).status_code == 200


def test_dangerous_markdown_is_neutralised(client, article_factory):
    article = article_factory(
        "Hostile",
        body=[
            (
                "text",
                "[click me](javascript:alert(1)) <script>alert(2)</script> "
                '<img src=x onerror="alert(3)"> [ok](https://example.org/)',
            )
        ],
        lede='"><script>alert(4)</script>',
    )
    html = client.get(article.url).content.decode()
    assert "javascript:" not in html
    assert "<script>alert" not in html
    assert "onerror" not in html
    assert 'href="https://example.org/"' in html
    assert "&lt;script&gt;alert(4)" in html


def test_unknown_slug_is_a_404(client, section):
    response = client.get(f"{section.url}no-such-article/")
    assert response.status_code == 404
    assert "couldn't find that page" in response.content.decode()


def test_unpublished_article_is_a_404(client, article_factory):
    article = article_factory("Secret", live=False)
    assert client.get(f"{article.get_parent().url}{article.slug}/").status_code == 404


def test_body_render_is_cached_and_follows_edits(client, article_factory):
    article = article_factory("Cached", body=[("text", "First version.")])
    assert "First version." in client.get(article.url).content.decode()
    article.body = [("text", "Second version.")]
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert "Second version." in html and "First version." not in html


def test_publishing_prepares_every_image_size_so_the_first_reader_does_not_wait(
    client, article_factory, author_factory, image_factory
):
    hero, inline, photo = image_factory("Hero"), image_factory("Inline"), image_factory("Photo")
    author = author_factory("Pictured Author", photo=photo)
    article = article_factory(
        "Pictures",
        authors=[author],
        hero_image=hero,
        body=[("image", {"image": inline, "alt_text": "x", "caption": "", "credit": ""})],
    )
    assert hero.renditions.count() == 4
    assert inline.renditions.count() == 2
    assert photo.renditions.count() == 1
    settings_off = {**django_settings.MASTHEAD, "PAGE_CACHE_SECONDS": 0}
    with override_settings(MASTHEAD=settings_off), CaptureQueriesContext(connection) as queries:
        assert client.get(article.url).status_code == 200
    rendition_writes = [
        q["sql"]
        for q in queries.captured_queries
        if 'INSERT INTO "wagtailimages_rendition' in q["sql"]
    ]
    assert rendition_writes == []


def test_editing_an_image_refreshes_cached_bodies(client, article_factory, image_factory):
    picture = image_factory("Lake", description="A calm lake")
    article = article_factory(
        "Scenery", body=[("image", {"image": picture, "alt_text": "", "caption": "", "credit": ""})]
    )
    assert 'alt="A calm lake"' in client.get(article.url).content.decode()
    picture.description = "A stormy lake"
    picture.save()
    assert 'alt="A stormy lake"' in client.get(article.url).content.decode()


def test_an_embed_that_cannot_be_fetched_becomes_a_plain_link(client, article_factory):
    article = article_factory(
        "Embedded",
        body=[("embed", {"embed": "https://video.invalid/watch?v=1&t=2", "caption": "The talk"})],
    )
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="https://video.invalid/watch?v=1&amp;t=2" rel="noopener">The talk</a>' in html


def test_a_hero_image_whose_file_is_missing_does_not_break_the_page(
    client, article_factory, image_factory
):
    hero = image_factory("Vanishing")
    article = article_factory("Missing file", hero_image=hero)
    hero.renditions.all().delete()
    hero.file.storage.delete(hero.file.name)
    response = client.get(article.url)
    assert response.status_code == 200
    assert "Missing file" in response.content.decode()


def test_markdown_cannot_load_remote_images_or_set_ids_or_styles(client, article_factory):
    article = article_factory(
        "Markup",
        body=[
            (
                "text",
                "![tracker](https://tracker.example/pixel.gif)\n\n"
                '<p id="main" style="position:fixed;top:0">Overlay</p>\n\n'
                "| Left | Right |\n|:-----|------:|\n| a | b |\n\n"
                '[a link](https://example.org/ "Title")',
            )
        ],
    )
    html = client.get(article.url).content.decode()
    body = html.split('class="article__body prose"', 1)[1].split("</div>", 1)[0]
    assert "tracker.example" not in body and "<img" not in body
    assert 'id="main"' not in body and "position" not in body
    assert 'style="text-align:right"' in body
    assert '<a href="https://example.org/" title="Title">a link</a>' in body


def test_an_unsaved_article_gets_related_articles_by_tag(article_factory):
    from taggit.models import Tag

    article_factory("Already out", tags=["shared"])
    draft = ArticlePage(title="Being previewed")
    related = draft.related_articles([Tag.objects.get(name="shared").pk])
    assert [a.title for a in related] == ["Already out"]
