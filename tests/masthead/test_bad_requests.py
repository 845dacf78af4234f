"""Requests refused at the door: NUL characters in the address (400), TRACE and friends (405).

PostgreSQL cannot store or compare a NUL character: these answered 500 there.
The suite runs on SQLite and, with DATABASE_URL set, on PostgreSQL.
"""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PROBES = [
    "/tags/a%00/",
    "/tags/a%00/feed/rss/",
    "/tags/%00/feed/atom/",
    "/health/?tag=%00",
    "/health/?tag=storm%00",
    "/?page=%00",
    "/?%00=1",
    "/search/?q=%00",
    "/search/?q=storm&q=%00",
    "/%00/",
    "/health/%00/",
    "/feed/rss/?x=%00",
    "/accounts/login/?next=/%00",
    "/comments/post/?c=%00",
    "/admin/?q=%00",
]


@pytest.mark.parametrize("path", PROBES)
def test_a_nul_character_in_the_address_is_a_plain_400(client, article_factory, path):
    article_factory("Storm warning", tags=["storm"])
    response = client.get(path)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "NUL character" in response.content.decode()


@pytest.mark.parametrize("cookie", ['sessionid="abcdefghij\\000klmnop"', 'csrftoken="a\\000b"'])
def test_a_nul_character_in_a_cookie_is_a_plain_400(client, section, cookie):
    # Django unquotes a quoted cookie value, so "\000" in the header becomes a NUL.
    response = client.get("/health/", HTTP_COOKIE=cookie)
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


def test_the_same_addresses_without_the_nul_still_answer(client, article_factory):
    article_factory("Storm warning", tags=["storm"])
    for path in ["/tags/storm/", "/tags/storm/feed/rss/", "/health/?tag=storm", "/search/?q=storm"]:
        assert client.get(path).status_code == 200, path


def test_nul_in_posted_fields_is_refused_by_the_forms(client, article_factory):
    from django.contrib.auth import get_user_model
    from django_comments_xtd.models import XtdComment

    from tests.discussion.comment_helpers import post_comment

    article = article_factory("Storm warning")
    reader = get_user_model().objects.create_user("ada", "ada@example.org", "pw-123456789")
    signed_in = Client()
    signed_in.force_login(reader)
    assert post_comment(signed_in, article, "nul \x00 here").status_code == 400
    assert not XtdComment.objects.filter(comment__contains="nul").exists()
    login = client.post("/accounts/login/", {"login": "ada\x00", "password": "x\x00"})
    assert login.status_code == 200
    assert "Null characters are not allowed" in login.content.decode()


@pytest.mark.parametrize("method", ["TRACE", "TRACK", "CONNECT"])
@pytest.mark.parametrize("path", ["/", "/health/", "/accounts/login/", "/admin/", "/healthz"])
def test_trace_track_and_connect_are_refused_everywhere(client, section, method, path):
    response = client.generic(method, path, HTTP_X_PROBE="echo-me")
    assert response.status_code == 405
    assert "TRACE" not in response["Allow"] and "GET" in response["Allow"]
    assert "echo-me" not in response.content.decode()  # nothing of the request echoed


def test_ordinary_methods_still_work(client, section):
    assert client.get("/health/").status_code == 200
    assert client.head("/health/").status_code == 200
    assert client.post("/accounts/login/", {"login": "nobody", "password": "x"}).status_code == 200
