"""Sections, authors, tags and the home page list articles, newest first and paginated."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def titles(html: str) -> list[str]:
    return re.findall(r'class="card__title"><a href="[^"]*">([^<]*)</a>', html)


def test_section_lists_newest_first_and_paginates(client, settings, section, article_factory):
    settings.MASTHEAD = {**settings.MASTHEAD, "ARTICLES_PER_PAGE": 3}
    for day in range(7):
        article_factory(f"Day {day}", days_ago=day)
    first = client.get(section.url).content.decode()
    assert titles(first) == ["Day 0", "Day 1", "Day 2"]
    assert "Page 1 of 3" in first and 'rel="next"' in first
    last = client.get(section.url, {"page": 3}).content.decode()
    assert titles(last) == ["Day 6"]
    assert 'rel="prev"' in last


@pytest.mark.parametrize("page", ["0", "99", "abc", "-1"])
def test_bad_page_numbers_show_a_real_page(client, section, article_factory, page):
    article_factory("Only one")
    response = client.get(section.url, {"page": page})
    assert response.status_code == 200
    assert titles(response.content.decode()) == ["Only one"]


def test_section_filters_by_tag(client, section, article_factory):
    article_factory("Tagged", tags=["mental health"])
    article_factory("Untagged", tags=["other"])
    html = client.get(section.url, {"tag": "mental-health"}).content.decode()
    assert titles(html) == ["Tagged"]
    assert "tagged “mental health”" in html
    missing = client.get(section.url, {"tag": "nope"})
    assert missing.status_code == 200
    assert titles(missing.content.decode()) == []


def test_tag_filter_keeps_the_tag_in_pagination_links(client, settings, section, article_factory):
    settings.MASTHEAD = {**settings.MASTHEAD, "ARTICLES_PER_PAGE": 1}
    article_factory("A", tags=["x"], days_ago=1)
    article_factory("B", tags=["x"], days_ago=2)
    html = client.get(section.url, {"tag": "x"}).content.decode()
    assert 'href="?tag=x&amp;page=2"' in html


def test_section_omits_drafts_and_other_sections(client, section, section_factory, article_factory):
    other = section_factory("Other")
    article_factory("Here")
    article_factory("There", parent=other)
    article_factory("Draft", live=False)
    assert titles(client.get(section.url).content.decode()) == ["Here"]


def test_author_page_lists_their_articles(client, author_factory, article_factory):
    kevin = author_factory(
        "Kevin Naruse",
        role="Social media director",
        bio="Writes about **communities**.",
        website_url="https://kevin.example/blog/",
    )
    kevin.social_links.create(label="Mastodon", url="https://social.example/@kevin")
    kevin.save_revision().publish()
    other = author_factory("Someone Else")
    article_factory("By Kevin", authors=[kevin], days_ago=2)
    article_factory("Together", authors=[other, kevin], days_ago=1)
    article_factory("Not Kevin", authors=[other])
    html = client.get(kevin.url).content.decode()
    assert titles(html) == ["Together", "By Kevin"]
    assert "Social media director" in html
    assert "<strong>communities</strong>" in html
    assert 'href="https://kevin.example/blog/"' in html and "kevin.example/blog" in html
    assert 'href="https://social.example/@kevin"' in html


def test_author_index_lists_authors(client, author_factory, author_index):
    author_factory("Zed Last")
    author_factory("Amy First")
    html = client.get(author_index.url).content.decode()
    assert html.index("Amy First") < html.index("Zed Last")


def test_tag_page(client, article_factory):
    article_factory("Tagged", tags=["wellbeing"])
    article_factory("Not", tags=["other"])
    response = client.get("/tags/wellbeing/")
    assert response.status_code == 200
    assert titles(response.content.decode()) == ["Tagged"]
    assert client.get("/tags/nothing/").status_code == 404


def test_home_page_features_and_lists_latest(client, home_page, section, article_factory):
    old = article_factory("Old favourite", days_ago=30)
    article_factory("Fresh", days_ago=0)
    article_factory("Yesterday", days_ago=1)
    home_page.featured_article = old
    home_page.save_revision().publish()
    html = client.get("/").content.decode()
    featured = html.split('id="featured-title"', 1)[1].split("</section>", 1)[0]
    assert "Old favourite" in featured
    latest = html.split('id="latest-title"', 1)[1]
    assert titles(latest)[:2] == ["Fresh", "Yesterday"]
    assert "Old favourite" not in titles(latest)
    assert f'href="{section.url}"' in html


def test_home_page_without_articles(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert "Nothing has been published yet." in response.content.decode()


def test_search_finds_articles_and_authors(client, article_factory, author_factory):
    author_factory("Kevin Naruse", role="Social media director")
    article_factory("Benefits of social media", lede="Connection matters.")
    article_factory("Gardening tips", body=[("text", "Tomatoes need sun.")])
    article_factory("Unpublished social draft", live=False)
    html = client.get("/search/", {"q": "social"}).content.decode()
    assert "Benefits of social media" in html
    assert "Kevin Naruse" in html
    assert "Gardening tips" not in html
    assert "Unpublished social draft" not in html
    body_hit = client.get("/search/", {"q": "tomatoes"}).content.decode()
    assert "Gardening tips" in body_hit


def test_search_finds_plain_pages_too(client, home_page):
    from home.models import ContentPage

    about = ContentPage(
        title="About the paper",
        search_description="Who we are.",
        body=[{"type": "text", "value": "Founded by fishermen in 1921."}],
    )
    home_page.add_child(instance=about)
    about.save_revision().publish()
    html = client.get("/search/", {"q": "fishermen"}).content.decode()
    assert "About the paper" in html
    assert "Who we are." in html


def test_search_handles_empty_and_hostile_queries(client, article_factory):
    article_factory("Anything")
    assert client.get("/search/").status_code == 200
    hostile = client.get("/search/", {"q": '<script>alert(1)</script> " OR 1=1 --' * 20})
    assert hostile.status_code == 200
    assert "<script>alert(1)</script>" not in hostile.content.decode()
    assert client.post("/search/", {"q": "x"}).status_code == 405


def test_private_articles_stay_out_of_every_list(client, home_page, section, article_factory):
    from wagtail.models import PageViewRestriction

    public = article_factory("Open to all", tags=["shared"], days_ago=2)
    private = article_factory("Members only", tags=["shared"], days_ago=1)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert client.get(private.url).status_code == 302
    pages = [
        "/",
        section.url,
        "/tags/shared/",
        "/feed/rss/",
        "/tags/shared/feed/atom/",
        f"{section.url}feed/rss/",
        public.url,
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "Members only" not in html, url


def test_unpublished_authors_are_not_credited_in_lists_or_feeds(
    client, section, author_factory, article_factory
):
    gone = author_factory("Departed Writer")
    stays = author_factory("Staying Writer")
    article_factory("Shared byline", authors=[gone, stays])
    gone.unpublish()
    for url in [section.url, "/feed/rss/"]:
        html = client.get(url).content.decode()
        assert "Staying Writer" in html, url
        assert "Departed Writer" not in html, url


def test_accented_tags_have_working_pages_and_feeds(client, article_factory):
    article = article_factory("Coffee culture", tags=["café"])
    html = client.get(article.url).content.decode()
    assert client.get(article.url).status_code == 200
    tag_url = "/tags/café/"
    assert 'href="/tags/caf%C3%A9/"' in html or f'href="{tag_url}"' in html
    assert "Coffee culture" in client.get(tag_url).content.decode()
    assert client.get("/tags/café/feed/rss/").status_code == 200


def test_tags_added_in_an_edit_become_searchable(
    client, article_factory, django_capture_on_commit_callbacks
):
    article = article_factory("Later tagged", tags=["first"])
    article.tags.add("qwertytag")
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert "Later tagged" in client.get("/search/", {"q": "qwertytag"}).content.decode()
