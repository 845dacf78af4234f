"""Links between imported posts, pages and sections point at what they became, whichever
order the export has them in; links elsewhere are left as they are."""

from __future__ import annotations

import io
import json

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from articles.models import ArticleIndexPage, ArticlePage
from home.models import ContentPage

from .exports import author, category, export, item, tag, write

pytestmark = pytest.mark.django_db


def run(path, **options):
    out = io.StringIO()
    call_command("import_wordpress", str(path), stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def post(wp_id, title, slug, content, post_type="post", extra=""):
    made = item(wp_id, title, slug=slug, content=content, post_type=post_type, extra=extra)
    return made.replace(
        f"<link>https://old.example.org/?p={wp_id}</link>",
        f"<link>https://old.example.org/2024/01/05/{slug}/</link>"
        if post_type == "post"
        else f"<link>https://old.example.org/{slug}/</link>",
    )


FIRST = (
    "<p>See <a href='https://old.example.org/2024/01/05/second/'>the second post</a>, "
    "<a href='http://www.old.example.org/?p=51'>the same by number</a>, "
    "<a href='/2024/01/05/second/#tides'>a part of it</a>, "
    "<a href='https://old.example.org/category/health/'>the section</a>, "
    "<a href='/tag/rain/'>the tag</a>, <a href='/about/'>the page</a>, "
    "<a href='https://example.com/elsewhere'>another site</a> and "
    "<a href='https://old.example.org/contact-us/'>a form</a>.</p>"
)
SECOND = "<p>Back to <a href='/?p=50'>the first</a>.</p>"
RAIN = '<category domain="post_tag" nicename="rain"><![CDATA[Rain]]></category>'
HEALTH = '<category domain="category" nicename="health"><![CDATA[Health]]></category>'


def the_site():
    return export(
        author(2, "ann", "Ann Smith"),
        category(5, "health", "Health"),
        tag(8, "rain", "Rain"),
        post(50, "First", "first", FIRST, extra=HEALTH),
        post(51, "Second", "second", SECOND, extra=HEALTH + RAIN),
        post(60, "About", "about", "<p>Read <a href='/2024/01/05/first/'>this</a>.</p>", "page"),
    )


def links_of(client, page) -> dict[str, str]:
    html = client.get(page.url).content.decode()
    body = BeautifulSoup(html, "html.parser").select_one(".article-body, .page-body, main")
    return {a.get_text(): a["href"] for a in body.find_all("a") if a.get_text()}


def test_links_between_imported_things_point_at_their_new_pages(tmp_path, home_page, client):
    run(write(tmp_path, "site.xml", the_site()))
    first = ArticlePage.objects.get(slug="first")
    second = ArticlePage.objects.get(slug="second")
    links = links_of(client, first)
    assert links["the second post"] == second.url
    assert links["the same by number"] == second.url
    assert links["a part of it"] == second.url + "#tides"
    assert links["the section"] == ArticleIndexPage.objects.get(slug="health").url
    assert links["the tag"] == "/tags/rain/"
    assert links["the page"] == ContentPage.objects.get(slug="about").url
    assert links["another site"] == "https://example.com/elsewhere"
    assert links_of(client, second)["the first"] == first.url
    assert links_of(client, ContentPage.objects.get(slug="about"))["this"] == first.url


def test_a_link_nothing_imported_answers_is_kept_and_reported(tmp_path, home_page, client):
    report = tmp_path / "report.json"
    run(write(tmp_path, "site.xml", the_site()), report=str(report))
    first = ArticlePage.objects.get(slug="first")
    assert links_of(client, first)["a form"] == "https://old.example.org/contact-us/"
    messages = [w["message"] for w in json.loads(report.read_text())["warnings"]]
    assert messages == [
        "links to https://old.example.org/contact-us/ on the old site, which nothing imported "
        "answers; kept as it was"
    ]


def test_importing_again_rewrites_nothing(tmp_path, home_page):
    path = write(tmp_path, "site.xml", the_site())
    run(path)
    revisions = {page.slug: page.revisions.count() for page in ArticlePage.objects.all()}
    report = tmp_path / "again.json"
    run(path, report=str(report))
    counts = json.loads(report.read_text())["counts"]
    assert counts["posts"] == {"created": 0, "updated": 0, "unchanged": 2, "skipped": 0}
    assert counts["pages"]["unchanged"] == 1
    assert revisions == {page.slug: page.revisions.count() for page in ArticlePage.objects.all()}
