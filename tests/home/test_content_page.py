"""Plain content pages: editors make them under the home page and under one another, and
readers see their body, however many blocks and subpages they have, at a fixed cost."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from articles.models import ArticleIndexPage, ArticlePage, AuthorIndexPage
from home.models import ContentPage, HomePage
from tests.conftest import publish


class ContentPagesInTheAdmin(WagtailPageTestCase):
    def setUp(self):
        super().setUp()
        editor = get_user_model().objects.create_superuser(
            "editor", "editor@example.org", "a-long-test-password"
        )
        self.client.force_login(editor)
        self.home = Site.objects.get(is_default_site=True).root_page.specific

    def page_form(self, title: str, text: str) -> dict:
        return nested_form_data({"title": title, "body": streamfield([("text", text)])})

    def test_page_tree_rules(self):
        self.assertCanCreateAt(HomePage, ContentPage)
        self.assertCanCreateAt(ContentPage, ContentPage)
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage})
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})
        self.assertCanNotCreateAt(ArticleIndexPage, ContentPage)
        self.assertCanNotCreateAt(AuthorIndexPage, ContentPage)
        self.assertCanNotCreateAt(ContentPage, ArticlePage)

    def test_editor_creates_a_page_and_a_subpage(self):
        self.assertCanCreate(self.home, ContentPage, self.page_form("About us", "We *write*."))
        about = ContentPage.objects.get(slug="about-us")
        self.assertTrue(about.live)
        self.assertEqual(about.body[0].block_type, "text")
        self.assertPageIsRoutable(about)
        self.assertPageIsRenderable(about)

        self.assertCanCreate(about, ContentPage, self.page_form("The team", "Ann and Bo."))
        team = ContentPage.objects.get(slug="the-team")
        self.assertEqual(team.get_parent().pk, about.pk)
        self.assertEqual(team.url, "/about-us/the-team/")
        self.assertPageIsRoutable(team)
        self.assertPageIsRenderable(team)
        self.assertPageIsEditable(team, post_data=self.page_form("The team", "Edited."))
        self.assertPageIsPreviewable(team, post_data=self.page_form("The team", "Preview."))

    def test_a_page_cannot_be_added_under_a_section(self):
        section = ArticleIndexPage(title="Health", slug="health")
        self.home.add_child(instance=section)
        self.assertCanNotCreateAt(ArticleIndexPage, ContentPage)
        self.assertFalse(ContentPage.can_create_at(section))


@pytest.fixture
def content_page_factory(home_page):
    def make(title: str, *, parent=None, body=(), **fields) -> ContentPage:
        page = ContentPage(title=title, body=list(body), **fields)
        (parent or home_page).add_child(instance=page)
        return publish(page)

    return make


def test_a_page_shows_its_title_breadcrumbs_and_body(client, content_page_factory):
    about = content_page_factory("About", slug="about")
    team = content_page_factory(
        "Our team",
        parent=about,
        body=[
            ("text", "## Who we are\n\nA *small* team."),
            ("pull_quote", {"quote": "We listen.", "attribution": "Ann"}),
        ],
    )
    response = client.get("/about/our-team/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 id="page-title" class="article__title">Our team</h1>' in html
    assert "<h2>Who we are</h2>" in html and "<em>small</em>" in html
    assert "We listen." in html
    breadcrumbs = html.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/about/">About</a>' in breadcrumbs
    assert '<span aria-current="page">Our team</span>' in breadcrumbs
    assert team.get_url() == "/about/our-team/"


def test_a_page_has_no_comments_share_row_or_badges(client, content_page_factory):
    content_page_factory("Contact", slug="contact", body=[("text", "Write to us.")])
    html = client.get("/contact/").content.decode()
    assert "Write to us." in html
    assert 'id="comments"' not in html
    assert "share-row" not in html and "badge" not in html


def test_a_page_is_found_by_the_words_in_its_body(content_page_factory):
    content_page_factory("Policies", body=[("text", "Our corrections policy is generous.")])
    found = ContentPage.objects.live().search("corrections")
    assert [page.title for page in found] == ["Policies"]


# Routing (4: the site, its home page, the page, its fields), view restrictions (2),
# theme settings, menu and breadcrumbs.
CONTENT_PAGE_QUERIES = 9


def _queries_for(client, url: str) -> int:
    client.get(url)  # warm: the site, theme and caches are as a reader finds them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_blocks_and_subpages(client, settings, content_page_factory):
    # Measure rendering itself, not the anonymous page cache in front of it.
    settings.MASTHEAD = {**settings.MASTHEAD, "PAGE_CACHE_SECONDS": 0}
    bare = content_page_factory("Bare", slug="bare")
    full = content_page_factory(
        "Full", slug="full", body=[("text", f"Paragraph {n}.") for n in range(3)]
    )
    content_page_factory("First child", parent=full)
    content_page_factory("Second child", parent=full)
    assert full.get_children().count() == 2
    count_bare = _queries_for(client, bare.url)
    count_full = _queries_for(client, full.url)
    assert count_bare == count_full
    assert count_full == CONTENT_PAGE_QUERIES
