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
    article_factory("Tagged two", tags=["y"])
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


def test_saving_a_draft_or_uploading_an_image_keeps_the_cache(
    client, article_factory, image_factory
):
    article = article_factory("Live title")
    client.get(article.url)
    article.title = "Draft title"
    article.save_revision()
    image_factory("A new upload")
    response = client.get(article.url)
    assert response["X-Masthead-Cache"] == "hit"
    assert "Live title" in response.content.decode()


@pytest.mark.parametrize("query", [{"page": "junk"}, {"page": "99"}, {"tag": "made-up"}])
def test_made_up_query_strings_are_not_cached(client, section, article_factory, query):
    article_factory("Only one", tags=["real"])
    for _ in range(2):
        response = client.get(section.url, query)
    assert response.status_code == 200
    assert "X-Masthead-Cache" not in response


def test_query_strings_on_pages_that_ignore_them_are_not_cached(client, article_factory):
    article = article_factory("Not a listing")
    for _ in range(2):
        response = client.get(article.url, {"page": "2"})
    assert "X-Masthead-Cache" not in response


def test_pages_with_a_csrf_token_or_session_data_are_never_shared(rf, db):
    from django.contrib.sessions.backends.cache import SessionStore
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from masthead.page_cache import AnonymousPageCacheMiddleware

    def form_page(request):
        return HttpResponse(f"<form>{get_token(request)}</form>", content_type="text/html")

    def session_page(request):
        request.session["seen"] = True
        return HttpResponse("<p>hello</p>", content_type="text/html")

    for view, path in [(form_page, "/form/"), (session_page, "/session/")]:
        middleware = AnonymousPageCacheMiddleware(view)
        for _ in range(2):
            request = rf.get(path)
            request.session = SessionStore()
            response = middleware(request)
        assert "X-Masthead-Cache" not in response, path
