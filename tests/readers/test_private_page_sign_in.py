"""Pages private to signed-in readers use the one door, not Wagtail's own sign-in view."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def test_a_private_page_sends_visitors_to_the_door(client, article_factory):
    article = article_factory("Members only")
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(article.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_wagtails_page_sign_in_takes_no_password(article_factory):
    unverified = get_user_model().objects.create_user("nova", "nova@example.org", "pw-123456789")
    for _ in range(12):
        response = Client().post("/_util/login/?next=/", {"username": "nova", "password": "wrong"})
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    visitor = Client()
    response = visitor.post("/_util/login/", {"username": "nova", "password": "pw-123456789"})
    assert response.status_code == 302 and "_auth_user_id" not in visitor.session
    assert visitor.get("/_util/login/?next=//evil.example/")["Location"] == (
        "/accounts/login/?next=%2F"
    )
    assert unverified.last_login is None


def test_guesses_at_a_page_password_are_limited(article_factory):
    article = article_factory("Password protected")
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="sesame"
    )
    form = Client().get(article.url).content.decode()
    action = f"/_util/authenticate_with_password/{restriction.pk}/{article.pk}/"
    assert action in form
    guesser = Client()
    statuses = [
        guesser.post(action, {"password": f"guess-{n}", "return_url": article.url}).status_code
        for n in range(11)
    ]
    assert 429 not in statuses[:10] and statuses[10] == 429
    # The right password from another reader still works.
    reader = Client(REMOTE_ADDR="10.9.9.9")
    response = reader.post(action, {"password": "sesame", "return_url": article.url})
    assert response.status_code == 302
    assert "Password protected" in reader.get(article.url).content.decode()
