"""RSS and Atom feeds, read back with feedparser as a feed reader would."""

from __future__ import annotations

import feedparser
import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(article_factory, author_factory, section_factory):
    ada = author_factory("Ada Writer")
    bo = author_factory("Bo Reporter")
    tech = section_factory("Technology", slug="technology")
    older = article_factory(
        "Older & wiser", authors=[ada], tags=["history"], days_ago=10, lede="An older lede."
    )
    newer = article_factory(
        "Newer <news>", authors=[ada, bo], tags=["history", "today"], days_ago=1
    )
    gadget = article_factory("Gadgets", parent=tech, authors=[bo], tags=["today"], days_ago=3)
    draft = article_factory("Draft", authors=[ada], tags=["history"], live=False)
    return {
        "ada": ada,
        "bo": bo,
        "tech": tech,
        "older": older,
        "newer": newer,
        "gadget": gadget,
        "draft": draft,
    }


def parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, f"{url}: {feed.bozo_exception}"
    return response, feed


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_site_feed_lists_every_live_article_newest_first(client, published, kind):
    response, feed = parse(client, f"/feed/{kind}/")
    expected_type = "application/rss+xml" if kind == "rss" else "application/atom+xml"
    assert response["Content-Type"].startswith(expected_type)
    assert feed.version == ("rss20" if kind == "rss" else "atom10")
    assert feed.feed.title == "Masthead"
    assert [entry.title for entry in feed.entries] == ["Newer <news>", "Gadgets", "Older & wiser"]
    newer = feed.entries[0]
    assert newer.link == published["newer"].get_full_url()
    assert newer.published_parsed is not None
    assert "Ada Writer" in newer.author and "Bo Reporter" in newer.author
    assert {tag.term for tag in newer.tags} == {"history", "today"}
    older = feed.entries[2]
    assert older.summary == "An older lede."


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_section_feed_has_only_that_section(client, published, kind):
    _, feed = parse(client, f"{published['tech'].url}feed/{kind}/")
    assert [entry.title for entry in feed.entries] == ["Gadgets"]
    assert "Technology" in feed.feed.title


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_author_feed_has_only_their_articles(client, published, kind):
    _, feed = parse(client, f"{published['bo'].url}feed/{kind}/")
    assert [entry.title for entry in feed.entries] == ["Newer <news>", "Gadgets"]
    assert "Bo Reporter" in feed.feed.title


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_tag_feed_has_only_tagged_live_articles(client, published, kind):
    _, feed = parse(client, f"/tags/history/feed/{kind}/")
    assert [entry.title for entry in feed.entries] == ["Newer <news>", "Older & wiser"]
    assert "history" in feed.feed.title


def test_unknown_feed_kind_and_tag_are_404(client, published):
    assert client.get("/feed/json/").status_code == 404
    assert client.get("/tags/no-such-tag/feed/rss/").status_code == 404
    assert client.get(f"{published['tech'].url}feed/json/").status_code == 404


def test_empty_site_feed_is_still_valid(client, db):
    _, feed = parse(client, "/feed/atom/")
    assert feed.entries == []


def test_feeds_are_linked_from_pages(client, published):
    html = client.get(published["tech"].url).content.decode()
    assert f'href="{published["tech"].url}feed/rss/"' in html
    assert 'type="application/atom+xml"' in html
