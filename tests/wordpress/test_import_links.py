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


def cdata_of(text: str) -> str:
    return f"<![CDATA[{text}]]>"


def links_of(client, page) -> dict[str, str]:
    html = client.get(page.url).content.decode()
    body = BeautifulSoup(html, "html.parser").select_one(".article__body")
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


def test_addresses_python_cannot_read_are_kept_and_cost_nothing(tmp_path, home_page, client):
    body = '<p><a href="http://[oops/x">odd</a> and <img src="http://[oops/a.jpg" alt="odd"></p>'
    site = export(author(2, "ann"), post(70, "Odd", "odd", body)).replace(
        "<link>https://old.example.org</link>", "<link>https://old.example.org]</link>"
    )
    report = tmp_path / "report.json"
    run(write(tmp_path, "site.xml", site), report=str(report))
    assert json.loads(report.read_text())["failed"] == []
    assert client.get(ArticlePage.objects.get(slug="odd").url).status_code == 200


def test_links_in_a_post_with_brackets_are_not_reported_after_they_were_rewritten(
    tmp_path, home_page
):
    first = "<p>Footnote [1]. <a href='/tag/rain/'>rain</a> <a href='/?p=51#tides'>tides</a></p>"
    site = the_site().replace(cdata_of(FIRST), cdata_of(first))
    report = tmp_path / "report.json"
    run(write(tmp_path, "site.xml", site), report=str(report))
    assert json.loads(report.read_text())["warnings"] == []


def test_a_root_address_counts_only_wordpress_keys(tmp_path, home_page, client):
    first = (
        "<p><a href='/?p=51&amp;utm_source=news'>tracked</a> <a href='/?s=tides'>a search</a></p>"
    )
    run(write(tmp_path, "site.xml", the_site().replace(cdata_of(FIRST), cdata_of(first))))
    second = ArticlePage.objects.get(slug="second")
    links = links_of(client, ArticlePage.objects.get(slug="first"))
    assert links == {"tracked": second.url, "a search": "/?s=tides"}
    answer = client.get("/?p=51&utm_source=news")
    assert (answer.status_code, answer["Location"]) == (301, second.url)


def test_a_link_to_a_part_of_a_page_placed_later_is_stable(tmp_path, home_page, client):
    def page(wp_id, title, slug, parent, link, content=""):
        text = item(wp_id, title, post_type="page", slug=slug, content=content)
        return text.replace(
            "<wp:post_parent>0</wp:post_parent>", f"<wp:post_parent>{parent}</wp:post_parent>"
        ).replace(
            f"<link>https://old.example.org/?p={wp_id}</link>",
            f"<link>https://old.example.org{link}</link>",
        )

    path = write(
        tmp_path,
        "site.xml",
        export(
            author(2, "ann"),
            page(61, "Child", "child", 62, "/parent/child/"),
            post(50, "First", "first", "<p><a href='/parent/child/#sec'>there</a></p>"),
            page(62, "Parent", "parent", 0, "/parent/"),
        ),
    )
    run(path)
    assert links_of(client, ArticlePage.objects.get(slug="first"))["there"] == "/parent/child/#sec"
    report = tmp_path / "again.json"
    run(path, report=str(report))
    assert json.loads(report.read_text())["counts"]["posts"]["unchanged"] == 1
