"""Numbers readers send to the comment views (``?c=``, a permalink's object, the form's
timestamp) that are not plain ASCII digits answer cleanly: "²" passes str.isdigit() but
not int(), and int() refuses more than 4300 digits; each was a 500. (Found by tests/fuzz.)"""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from articles.models import ArticlePage

from .comment_helpers import comment_form

pytestmark = pytest.mark.django_db

NOT_NUMBERS = ["²", "١٢", "9" * 5000, "12345678901234567890123"]


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_comment_links_with_odd_numbers_are_not_found(client, article_factory, value):
    article = article_factory("Numbers")
    content_type = ContentType.objects.get_for_model(ArticlePage).pk
    assert client.get(f"/comments/cr/{content_type}/{value}/").status_code == 404
    for screen in ("posted", "flagged"):
        response = client.get(f"/comments/{screen}/", {"c": value})
        assert response.status_code == 200
        assert article.title not in response.content.decode()


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_a_comment_form_with_an_odd_timestamp_is_refused(signed_in, article_factory, value):
    article = article_factory("Numbers")
    data = {**comment_form(signed_in, article), "comment": "Hello", "timestamp": value}
    data.pop("csrfmiddlewaretoken")
    assert signed_in.post("/comments/post/", data).status_code == 400
