"""A tag whose name makes no slug (punctuation, an emoji, a zero-width space) still has
working links and a page; it used to break every article that showed it with a 500.
(Found by tests/fuzz.)"""

from __future__ import annotations

import pytest
from taggit.models import Tag

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["?", "—", "🎉", "\u200b", "!!!"])
def test_a_tag_without_letters_links_to_its_own_page(client, section, article_factory, name):
    article = article_factory("Tagged oddly", tags=[name, "plain"])
    tag = Tag.objects.get(name=name)
    assert tag.slug.startswith("tag-")
    assert client.get(article.url).status_code == 200
    assert f'href="/tags/{tag.slug}/"' in client.get(article.url).content.decode()
    assert client.get(section.url).status_code == 200
    page = client.get(f"/tags/{tag.slug}/")
    assert page.status_code == 200 and "Tagged oddly" in page.content.decode()
    for kind in ("rss", "atom"):
        assert client.get(f"/tags/{tag.slug}/feed/{kind}/").status_code == 200


def test_two_such_tags_get_different_slugs(article_factory):
    article_factory("Two", tags=["?", "!"])
    slugs = set(Tag.objects.filter(name__in=["?", "!"]).values_list("slug", flat=True))
    assert len(slugs) == 2 and "" not in slugs


def test_the_migration_mends_tags_stored_with_an_empty_slug(db):
    import importlib

    from django.apps import apps
    from taggit.models import Tag

    Tag.objects.bulk_create([Tag(name="?", slug="")])  # bulk_create skips the save signal
    migration = importlib.import_module("articles.migrations.0006_repair_empty_tag_slugs")
    migration.give_empty_slugs_one(apps, None)
    assert Tag.objects.get(name="?").slug.startswith("tag-")
