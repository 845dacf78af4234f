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
