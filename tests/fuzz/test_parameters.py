"""Fuzzed addresses and query parameters: search, tags and their feeds, paging, comment order.

Whatever a reader puts in the address bar, the site answers without a server
error and shows none of it as markup.
"""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st
from taggit.models import Tag

from articles.models import ArticlePage

from ..discussion.comment_helpers import add_comment
from .support import (
    assert_clean_feed,
    assert_escaped,
    editor_text,
    examples,
    hostile_text,
    one_example,
    page_number,
    path_segment,
)

pytestmark = pytest.mark.django_db

PARAMETER_NAMES = ("q", "page", "tag", "cpage", "corder", "c", "next", "utm_source")


@pytest.fixture
def publication(home_page, section, author_index, author_factory, article_factory):
    """A small publication: a section, an author, two tagged articles, a comment."""
    author = author_factory("Grace Hopper", slug="grace-hopper")
    article = article_factory(
        "Hello fuzz world", slug="hello", authors=[author], tags=["health", "café"]
    )
    article_factory("Second article", authors=[author], tags=["health"])
    comment = add_comment(article, "A first comment, http://example.org/")
    return SimpleNamespace(
        article=article,
        comment=comment,
        pages=[home_page.url, section.url, author_index.url, author.url, article.url],
        content_type=ContentType.objects.get_for_model(ArticlePage).pk,
    )


def _no_nul(*values: str | None) -> bool:
    return not any("\x00" in (value or "") for value in values)


def test_search_never_fails_or_shows_the_query_as_markup(publication):
    client = Client()

    @settings(max_examples=examples(30))
    @given(
        query=st.one_of(hostile_text, hostile_text.map(lambda text: f"Hello {text}")),
        page=st.one_of(st.none(), page_number),
    )
    def check(query, page):
        with one_example():
            params = {"q": query, **({"page": page} if page is not None else {})}
            response = client.get("/search/", params)
            assert_escaped(response, f"/search/ with {params!r}")
            if _no_nul(query, page):
                assert response.status_code == 200

    check()


def _query_string(pairs: list[tuple[str, str]], junk: str) -> str:
    encoded = "&".join(f"{quote(name, safe='')}={quote(value, safe='')}" for name, value in pairs)
    return f"{encoded}{junk}"


# Raw bytes in the query string that no form would send: broken percent escapes,
# invalid UTF-8, separators with nothing between.
raw_junk = st.sampled_from(["", "%", "%f", "%ff%fe", "&&=&", "=%00", "&page", ";tag=a", "%C0%AF"])
query_pairs = st.lists(
    st.tuples(st.one_of(st.sampled_from(PARAMETER_NAMES), hostile_text), hostile_text),
    max_size=4,
)


def test_every_listing_survives_any_query_string(publication):
    """The home page, section, author list, author and article, with any parameters."""
    client = Client()

    @settings(max_examples=examples(20))
    @given(pairs=query_pairs, junk=raw_junk)
    def check(pairs, junk):
        with one_example():
            for path in publication.pages:
                address = f"{path}?{_query_string(pairs, junk)}"
                response = client.get(address)
                assert_escaped(response, address)
                if _no_nul(*(value for pair in pairs for value in pair)) and "%00" not in junk:
                    assert response.status_code == 200, address

    check()


def test_paging_and_tag_filters_are_never_a_server_error(publication, section):
    client = Client()

    @settings(max_examples=examples(30))
    @given(
        tag=st.one_of(st.sampled_from(["health", "caf%C3%A9", "café", ""]), hostile_text),
        page=page_number,
        cpage=page_number,
        corder=st.one_of(st.sampled_from(["oldest", "newest"]), hostile_text),
    )
    def check(tag, page, cpage, corder):
        with one_example():
            listing = client.get(section.url, {"tag": tag, "page": page})
            assert_escaped(listing, f"{section.url} with tag={tag!r} page={page!r}")
            article = client.get(publication.article.url, {"cpage": cpage, "corder": corder})
            assert_escaped(article, f"the article with cpage={cpage!r} corder={corder!r}")
            if _no_nul(tag, page):
                assert listing.status_code == 200
            if _no_nul(cpage, corder):
                assert article.status_code == 200

    check()


def _path_templates(publication) -> list[str]:
    return [
        "/tags/{}/",
        "/tags/{}/feed/rss/",
        "/tags/{}/feed/atom/",
        "/tags/health/feed/{}/",
        "/feed/{}/",
        "/health/{}/",
        "/health/feed/{}/",
        "/authors/{}/",
        "/authors/grace-hopper/feed/{}/",
        "/comments/confirm/{}/",
        "/comments/mute/{}/",
        f"/comments/cr/{publication.content_type}/{{}}/",
        "/comments/posted/?c={}",
        "/comments/flagged/?c={}",
    ]


def test_any_path_segment_is_a_clean_answer(publication):
    """Tag slugs, feed kinds, page slugs and signed-link keys, as any text: each example
    goes to every one of these addresses."""
    client = Client()
    templates = _path_templates(publication)

    @settings(max_examples=examples(20))
    @given(segment=hostile_text)
    def check(segment):
        with one_example():
            for template in templates:
                address = template.format(path_segment(segment))
                response = client.get(address)
                if response["Content-Type"].startswith(("application/rss", "application/atom")):
                    assert_clean_feed(response, address)
                else:
                    assert_escaped(response, address)

    check()


def test_any_tag_an_editor_types_has_clean_pages_and_feeds(publication, section):
    """A tag named with anything: its page, its feeds, the section filtered by it, the
    article that carries it."""
    client = Client()
    article = publication.article

    @settings(max_examples=examples(20))
    @given(name=editor_text.map(lambda text: text.strip()[:100]).filter(bool))
    def check(name):
        with one_example():
            before = {tag.pk for tag in article.tags.all()}
            article.tags.add(name)
            article.save()
            # Tags are case-insensitive: a name like an existing tag's is that tag.
            (tag,) = [tag for tag in article.tags.all() if tag.pk not in before] or [
                Tag.objects.get(name__iexact=name)
            ]
            pages = [article.url, f"{section.url}?tag={path_segment(tag.slug)}"]
            if tag.slug:
                pages.append(f"/tags/{path_segment(tag.slug)}/")
            for address in pages:
                response = client.get(address)
                assert_escaped(response, address)
                assert response.status_code == 200, address
            for kind in ("rss", "atom") if tag.slug else ():
                address = f"/tags/{path_segment(tag.slug)}/feed/{kind}/"
                assert_clean_feed(client.get(address), address)

    check()
