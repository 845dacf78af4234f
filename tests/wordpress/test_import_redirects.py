"""Every old WordPress address answers 301 to a page that answers 200."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect

from articles.models import ArticlePage

from .exports import author, category, export, item, tag, write

pytestmark = pytest.mark.django_db


def run(path):
    out = io.StringIO()
    call_command("import_wordpress", str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def the_site():
    extra = (
        '<category domain="category" nicename="mind"><![CDATA[Mind]]></category>'
        '<category domain="post_tag" nicename="caf%c3%a9"><![CDATA[Café]]></category>'
        "<wp:postmeta><wp:meta_key><![CDATA[_wp_old_slug]]></wp:meta_key>"
        "<wp:meta_value><![CDATA[old-title]]></wp:meta_value></wp:postmeta>"
    )
    post = item(12, "Sleep well", slug="sleep-well", extra=extra).replace(
        "<link>https://old.example.org/?p=12</link>",
        "<link>https://old.example.org/2024/01/05/sleep-well/</link>",
    )
    return export(
        author(2, "ann", "Ann Smith"),
        category(5, "health", "Health"),
        category(6, "mind", "Mind", parent="health"),
        tag(8, "caf%c3%a9", "Café"),
        post,
    )


OLD_ADDRESSES = [
    "/2024/01/05/sleep-well/",
    "/2024/01/05/old-title/",
    "/?p=12",
    "/category/health/",
    "/category/health/mind/",
    "/category/health/mind/feed/",
    "/tag/café/",
    "/tag/café/feed/",
    "/author/ann/",
    "/author/ann/feed/",
    "/feed/",
]


@pytest.mark.parametrize("old", OLD_ADDRESSES)
def test_an_old_address_answers_301_to_a_page_that_answers_200(tmp_path, home_page, client, old):
    run(write(tmp_path, "site.xml", the_site()))
    response = client.get(old)
    assert response.status_code == 301, old
    landing = client.get(response["Location"])
    assert landing.status_code == 200, (old, response["Location"])


def test_the_post_addresses_lead_to_the_article(tmp_path, home_page, client):
    run(write(tmp_path, "site.xml", the_site()))
    article = ArticlePage.objects.get(slug="sleep-well")
    for old in ("/2024/01/05/sleep-well/", "/2024/01/05/old-title/", "/?p=12"):
        assert client.get(old)["Location"] == article.url


def test_redirects_are_made_once(tmp_path, home_page):
    path = write(tmp_path, "site.xml", the_site())
    first = run(path)
    count = Redirect.objects.count()
    run(path)
    assert Redirect.objects.count() == count
    assert all(redirect.is_permanent for redirect in Redirect.objects.all())
    assert "redirects" in first


def test_a_query_the_import_does_not_know_shows_the_home_page(tmp_path, home_page, client):
    run(write(tmp_path, "site.xml", the_site()))
    assert client.get("/?p=999").status_code == 200


def test_a_page_gets_no_redirect_from_its_own_final_address(tmp_path, home_page, client):
    def page(wp_id, title, slug, parent, link):
        text = item(wp_id, title, post_type="page", slug=slug)
        return text.replace(
            "<wp:post_parent>0</wp:post_parent>", f"<wp:post_parent>{parent}</wp:post_parent>"
        ).replace(
            f"<link>https://old.example.org/?p={wp_id}</link>",
            f"<link>https://old.example.org{link}</link>",
        )

    text = export(
        author(2, "ann", "Ann Smith"),
        # The subpage comes first: it waits under the home page until its parent is in.
        page(31, "Team", "team", 30, "/about/team/"),
        page(30, "About", "about", 0, "/about/"),
    )
    run(write(tmp_path, "site.xml", text))
    team = client.get("/about/team/")
    assert team.status_code == 200
    assert not Redirect.objects.filter(old_path="/about/team").exists()
    moved = client.get("/?page_id=31")
    assert (moved.status_code, moved["Location"]) == (301, "/about/team/")


def test_every_redirect_the_import_writes_lands_on_a_page_readers_can_open(
    tmp_path, home_page, client
):
    scheduled = item(40, "Soon", slug="soon", status="future").replace(
        "2024-01-05 09:00:00", "2999-01-05 09:00:00"
    )
    text = the_site().replace(
        "</channel>",
        item(41, "Unfinished", slug="unfinished", status="draft")
        + scheduled
        + tag(9, "unused", "Unused")
        + "</channel>",
    )
    output = run(write(tmp_path, "site.xml", text))
    assert "redirects: to drafts and scheduled items: 2" in output
    assert "redirects: to tags no published article has: 1" in output
    assert not Redirect.objects.filter(old_path__in=["/?p=40", "/?p=41", "/tag/unused"]).exists()
    for redirect in Redirect.objects.all():
        answer = client.get(redirect.old_path)
        assert answer.status_code == 301, redirect.old_path
        assert client.get(answer["Location"]).status_code == 200, redirect.old_path
