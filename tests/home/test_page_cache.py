"""The anonymous page cache: hits cost no queries, and any change readers would see empties it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import ThemeSettings

pytestmark = pytest.mark.django_db


def fetch(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    return response, len(queries)


def test_second_anonymous_read_is_a_hit_with_no_queries(client, article_factory):
    article = article_factory("Cached read")
    first, _ = fetch(client, article.url)
    assert first["X-Masthead-Cache"] == "miss"
    second, queries = fetch(client, article.url)
    assert second["X-Masthead-Cache"] == "hit"
    assert queries == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_publishing_anything_empties_the_cache(client, article_factory):
    article_factory("Before")
    client.get("/")
    article_factory("A newer article")
    response, _ = fetch(client, "/")
    assert response["X-Masthead-Cache"] == "miss"
    assert "A newer article" in response.content.decode()


def test_unpublishing_empties_the_cache(client, article_factory):
    article = article_factory("Going away")
    client.get(article.url)
    article.unpublish()
    assert client.get(article.url).status_code == 404


def test_theme_change_empties_the_cache(client, site):
    client.get("/")
    theme = ThemeSettings.for_site(site)
    theme.menu_background = "light"
    theme.save()
    assert "menu-light" in client.get("/").content.decode()


def test_listing_pages_are_cached_per_page_and_tag(client, section, article_factory):
    article_factory("Tagged one", tags=["x"])
    client.get(section.url, {"tag": "x"})
    response, _ = fetch(client, section.url, tag="x")
    assert response["X-Masthead-Cache"] == "hit"
    other, _ = fetch(client, section.url, tag="y")
    assert other["X-Masthead-Cache"] == "miss"


def test_other_query_parameters_bypass_the_cache(client, section):
    client.get(section.url, {"utm_source": "x"})
    response, _ = fetch(client, section.url, utm_source="x")
    assert "X-Masthead-Cache" not in response


def test_signed_in_users_always_get_a_fresh_page(client, article_factory):
    article = article_factory("Fresh for members")
    client.get(article.url)
    user = get_user_model().objects.create_user("reader", "r@example.org", "pw-123456789")
    client.force_login(user)
    response = client.get(article.url)
    assert "X-Masthead-Cache" not in response


def test_search_admin_and_errors_are_never_cached(client, article_factory):
    article_factory("Findable")
    for _ in range(2):
        search = client.get("/search/", {"q": "findable"})
        missing = client.get("/no-such-page/")
    assert "X-Masthead-Cache" not in search
    assert "X-Masthead-Cache" not in missing
    assert missing.status_code == 404


def test_cache_can_be_turned_off(client, settings, article_factory):
    settings.MASTHEAD = {**settings.MASTHEAD, "PAGE_CACHE_SECONDS": 0}
    article = article_factory("Uncached")
    client.get(article.url)
    assert "X-Masthead-Cache" not in client.get(article.url)
