"""``manage.py import_wordpress``: WordPress pages become content pages, nested and ordered
as they were, with the posts' statuses."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Revision

from home.models import ContentPage
from wordpress.models import ImportedObject

from .exports import author, export, item, write

pytestmark = pytest.mark.django_db

WP_TREE_FIELDS = "<wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order>"


def run(*paths, **options) -> str:
    out = io.StringIO()
    call_command("import_wordpress", *map(str, paths), stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def page(wp_id: int, title: str, slug: str, *, parent: int = 0, order: int = 0, **fields) -> str:
    """A WordPress page under page ``parent`` (0: at the top) at menu position ``order``."""
    text = item(wp_id, title, post_type="page", slug=slug, **fields)
    return text.replace(
        WP_TREE_FIELDS,
        f"<wp:post_parent>{parent}</wp:post_parent><wp:menu_order>{order}</wp:menu_order>",
    )


def site(tmp_path, *items):
    return write(tmp_path, "site.xml", export(author(2, "ann", "Ann Smith"), *items))


def children(parent) -> list[str]:
    return [child.title for child in ContentPage.objects.child_of(parent).order_by("path")]


def test_nested_pages_keep_their_hierarchy_when_a_subpage_comes_first(tmp_path, home_page, client):
    path = site(
        tmp_path,
        page(3, "Ann", "ann", parent=2, content="<p>Ann edits the paper.</p>"),
        page(2, "Team", "team", parent=1),
        page(1, "About", "about"),
    )
    output = run(path, report=str(tmp_path / "report.json"))

    about = ContentPage.objects.get(slug="about")
    assert about.get_parent().pk == home_page.pk
    assert children(about) == ["Team"]
    assert children(ContentPage.objects.get(slug="team")) == ["Ann"]
    ann = ContentPage.objects.get(slug="ann")
    assert ann.url == "/about/team/ann/"
    response = client.get("/about/team/ann/")
    assert response.status_code == 200
    assert "Ann edits the paper." in response.content.decode()
    assert client.get("/about/team/").status_code == 200
    counts = json.loads((tmp_path / "report.json").read_text())["counts"]
    assert counts["pages"] == {"created": 3, "updated": 0, "unchanged": 0, "skipped": 0}
    assert "Warnings" not in output


def test_subpages_follow_menu_order_then_title(tmp_path, home_page):
    run(
        site(
            tmp_path,
            page(11, "Zeta", "zeta", parent=10, order=1),
            page(12, "Alpha", "alpha", parent=10, order=2),
            page(10, "Guide", "guide", order=2),
            page(13, "Beta", "beta", parent=10, order=1),
            page(14, "Gamma", "gamma", parent=10),
            page(15, "Contact", "contact", order=1),
        )
    )
    assert children(ContentPage.objects.get(slug="guide")) == ["Gamma", "Beta", "Zeta", "Alpha"]
    assert children(home_page) == ["Contact", "Guide"]


def test_page_statuses_are_the_posts_statuses(tmp_path, home_page, client):
    future = (timezone.now() + timedelta(days=30)).astimezone(UTC)
    scheduled = page(24, "Launch", "launch", status="future").replace(
        "2024-01-05 09:00:00", future.strftime("%Y-%m-%d %H:%M:%S")
    )
    protected = page(25, "Staff", "staff").replace(
        "<wp:post_password><![CDATA[]]>", "<wp:post_password><![CDATA[s3cret]]>"
    )
    output = run(
        site(
            tmp_path,
            page(20, "Imprint", "imprint"),
            page(21, "Half written", "", status="draft"),
            page(22, "Members only", "members", status="private"),
            page(23, "Old page", "old", status="trash"),
            scheduled,
            protected,
        )
    )
    imprint = ContentPage.objects.get(slug="imprint")
    assert imprint.live
    assert imprint.first_published_at == datetime(2024, 1, 5, 9, 0, tzinfo=UTC)

    draft = ContentPage.objects.get(title="Half written")
    assert (draft.live, draft.slug, draft.first_published_at) == (False, "half-written", None)
    assert client.get("/half-written/").status_code == 404

    private = ContentPage.objects.get(slug="members")
    assert private.live
    assert PageViewRestriction.objects.get(page=private).restriction_type == "login"
    assert client.get("/members/").status_code == 302

    launch = ContentPage.objects.get(slug="launch")
    assert not launch.live
    assert launch.go_live_at == future.replace(microsecond=0)
    staff = PageViewRestriction.objects.get(page=ContentPage.objects.get(slug="staff"))
    assert (staff.restriction_type, staff.password) == ("password", "s3cret")

    assert not ContentPage.objects.filter(slug="old").exists()
    assert "pages: in the trash: 1" in output


def test_importing_again_changes_nothing(tmp_path, home_page):
    path = site(
        tmp_path,
        page(32, "Ann", "ann", parent=31),
        page(31, "Team", "team", parent=30, order=2),
        page(33, "Jobs", "jobs", parent=30, order=1),
        page(30, "About", "about"),
    )
    run(path)
    before = (
        list(Page.objects.order_by("path").values_list("path", "slug", "url_path")),
        ImportedObject.objects.count(),
        Revision.objects.count(),
    )
    run(path, report=str(tmp_path / "again.json"))
    after = (
        list(Page.objects.order_by("path").values_list("path", "slug", "url_path")),
        ImportedObject.objects.count(),
        Revision.objects.count(),
    )
    assert after == before
    counts = json.loads((tmp_path / "again.json").read_text())["counts"]
    assert counts["pages"] == {"created": 0, "updated": 0, "unchanged": 4, "skipped": 0}

    write(tmp_path, "site.xml", export(page(33, "Careers", "jobs", parent=31)))
    run(path)
    careers = ContentPage.objects.get(title="Careers")
    assert careers.url == "/about/team/jobs/"
    assert ImportedObject.objects.count() == before[1]


def test_subpages_waiting_for_their_parents_keep_their_slugs(tmp_path, home_page, client):
    run(
        site(
            tmp_path,
            page(40, "Overview", "overview"),
            page(43, "Overview", "overview", parent=41),
            page(44, "Overview", "overview", parent=42, status="draft"),
            page(41, "Cameras", "cameras"),
            page(42, "Lenses", "lenses"),
        )
    )
    assert client.get("/overview/").status_code == 200
    assert client.get("/cameras/overview/").status_code == 200
    draft = ContentPage.objects.get(url_path__endswith="/lenses/overview/")
    assert not draft.live
    # The editor who opens the draft next sees, and publishes, the same slug.
    assert draft.get_latest_revision_as_object().slug == "overview"


def test_a_page_whose_parent_is_not_an_imported_page_stays_under_home(tmp_path, home_page):
    output = run(
        site(
            tmp_path,
            item(50, "A post", slug="a-post"),
            page(51, "Under a post", "under-post", parent=50),
            page(52, "Orphan", "orphan", parent=999),
        )
    )
    assert children(home_page) == ["Orphan", "Under a post"]
    assert "pages 51 “Under a post”: its parent (WordPress ID 50) is not an imported page" in (
        output
    )
    assert "pages 52 “Orphan”: its parent (WordPress ID 999) is not an imported page" in output


def test_pages_that_are_each_others_parents_are_both_imported(tmp_path, home_page):
    run(site(tmp_path, page(60, "Ping", "ping", parent=61), page(61, "Pong", "pong")))
    assert ContentPage.objects.get(slug="ping").url == "/pong/ping/"

    write(tmp_path, "site.xml", export(page(61, "Pong", "pong", parent=60)))
    output = run(tmp_path / "site.xml")
    assert ContentPage.objects.get(slug="ping").url == "/pong/ping/"
    assert "its parent (WordPress ID 60) is one of its own subpages" in output


def test_a_page_body_is_converted_like_a_post_body(tmp_path, home_page, client):
    content = (
        '<!-- wp:paragraph --><p>Find us <a href="https://maps.example/x">here</a>.</p>'
        "<!-- /wp:paragraph -->\n"
        '<!-- wp:image --><figure class="wp-block-image"><img src="https://old.example.org/m.jpg"'
        ' alt="The office"/></figure><!-- /wp:image -->'
    )
    output = run(site(tmp_path, page(70, "Visit", "visit", content=content)))
    visit = ContentPage.objects.get(slug="visit")
    assert {block.block_type for block in visit.body} == {"text"}
    html = client.get("/visit/").content.decode()
    assert '<a href="https://maps.example/x">here</a>' in html
    assert "The office" in html
    assert "picture https://old.example.org/m.jpg not found (no --media-dir given)" in output
