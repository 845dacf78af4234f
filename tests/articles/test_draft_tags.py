"""A tag no reader can see an article for has no public page and no feeds."""

from __future__ import annotations

import pytest
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

ADDRESSES = ["/tags/{}/", "/tags/{}/feed/rss/", "/tags/{}/feed/atom/"]


def test_a_tag_used_only_by_drafts_is_404_with_its_feeds(client, article_factory):
    article_factory("Embargoed merger", tags=["merger"], live=False)
    for address in ADDRESSES:
        response = client.get(address.format("merger"))
        assert response.status_code == 404, address
        assert "Embargoed merger" not in response.content.decode()


def test_a_tag_used_only_by_private_articles_is_404(client, article_factory):
    article = article_factory("Board minutes", tags=["board"])
    PageViewRestriction.objects.create(page=article, restriction_type="login")
    for address in ADDRESSES:
        assert client.get(address.format("board")).status_code == 404, address


def test_a_tag_with_a_published_article_shows_only_that_one(client, article_factory):
    article_factory("Public merger news", tags=["merger"])
    article_factory("Embargoed merger", tags=["merger"], live=False)
    for address in ADDRESSES:
        response = client.get(address.format("merger"))
        assert response.status_code == 200, address
        body = response.content.decode()
        assert "Public merger news" in body and "Embargoed merger" not in body
