"""A change that narrows who may see an article takes effect on the very next anonymous request.

Every page that shows the article is read twice first, so the second read is a
cache hit: then the change is made the way an editor (or the scheduler) makes
it, and the next anonymous read of every one of those pages must no longer show
the article. Each test runs with a local-memory cache and with Redis.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

pytestmark = pytest.mark.django_db

SECRET = "Secret plans"
SECRET_BODY = f"An article called {SECRET}."


@pytest.fixture
def editor(db, settings):
    # The second factor staff need for the admin is not what is tested here.
    settings.MASTHEAD = {**settings.MASTHEAD, "REQUIRE_ADMIN_MFA": False}
    user = get_user_model().objects.create_superuser(
        "editor", "editor@example.org", "a-long-test-password"
    )
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def newsroom(
    page_cache_backend, home_page, section, section_factory, author_factory, article_factory
):
    """The secret article, and every kind of page that shows it, each read until cached."""
    author = author_factory("Kim Reporter")
    secret = article_factory(SECRET, tags=["plans"], authors=[author])
    # In another section, so it stays public when the secret's section is made private.
    companion = article_factory("Companion piece", tags=["plans"], parent=section_factory())
    html = {
        "article": secret.url,
        "home page": home_page.url,
        "section": section.url,
        "section filtered by tag": f"{section.url}?tag=plans",
        "tag page": reverse("articles:tag", args=["plans"]),
        "author page": author.url,
        "related block": companion.url,
    }
    feeds = {
        "site feed": reverse("articles:site_feed", args=["rss"]),
        "section feed": f"{section.url}feed/rss/",
        "tag feed": reverse("articles:tag_feed", args=["plans", "atom"]),
        "author feed": f"{author.url}feed/atom/",
    }
    reader = Client()
    for name, url in html.items():
        reader.get(url)
        warm = reader.get(url)
        assert warm["X-Masthead-Cache"] == "hit", name
        assert SECRET in warm.content.decode(), name
    for name, url in feeds.items():
        assert SECRET in reader.get(url).content.decode(), name
    return {"secret": secret, "section": section, "html": html, "feeds": feeds}


def assert_gone_for_anonymous_readers(newsroom, article_status: set[int]) -> None:
    """A new visitor, and the one who read everything before, no longer see the article."""
    for reader in (Client(), Client()):
        article = reader.get(newsroom["html"]["article"])
        assert article.status_code in article_status
        assert SECRET_BODY not in article.content.decode()
        assert article.get("X-Masthead-Cache") != "hit"
        for name, url in {**newsroom["html"], **newsroom["feeds"]}.items():
            if name == "article":
                continue
            response = reader.get(url)
            # A tag whose every article is private has no public page at all.
            assert response.status_code in {200, 404}, name
            assert SECRET not in response.content.decode(), name


def set_privacy(editor, page, **form) -> None:
    """Submit the admin's privacy dialog (Page → Privacy) as an editor does."""
    response = editor.post(reverse("wagtailadmin_pages:set_privacy", args=[page.pk]), form)
    assert response.status_code == 200
    assert response.json()["step"] == "set_privacy_done"


def test_password_protecting_an_article_hides_it_at_once(editor, newsroom):
    assert SECRET in Client().get("/search/", {"q": "secret plans"}).content.decode()
    set_privacy(editor, newsroom["secret"], restriction_type="password", password="letmein")
    assert_gone_for_anonymous_readers(newsroom, article_status={200})
    form = Client().get(newsroom["secret"].url).content.decode()
    assert 'type="password"' in form
    # Nor do the sitemap and search, which were never cached.
    assert newsroom["secret"].url not in Client().get("/sitemap.xml").content.decode()
    assert SECRET not in Client().get("/search/", {"q": "secret plans"}).content.decode()


def test_signed_in_only_hides_it_at_once(editor, newsroom):
    set_privacy(editor, newsroom["secret"], restriction_type="login")
    assert_gone_for_anonymous_readers(newsroom, article_status={302})
    assert "login" in Client().get(newsroom["secret"].url)["Location"]


def test_restricting_to_groups_hides_it_at_once(editor, newsroom):
    staff = Group.objects.create(name="Subscribers")
    set_privacy(editor, newsroom["secret"], restriction_type="groups", groups=[staff.pk])
    assert_gone_for_anonymous_readers(newsroom, article_status={302})


def test_making_the_whole_section_private_hides_its_articles_at_once(editor, newsroom):
    set_privacy(editor, newsroom["section"], restriction_type="login")
    # The section itself now asks for sign-in, so check the other pages.
    newsroom["html"].pop("section")
    newsroom["html"].pop("section filtered by tag")
    newsroom["feeds"].pop("section feed")
    assert_gone_for_anonymous_readers(newsroom, article_status={302})


def test_changing_a_password_restriction_to_signed_in_only_takes_effect_too(editor, newsroom):
    restriction = PageViewRestriction.objects.create(
        page=newsroom["secret"], restriction_type="password", password="first"
    )
    set_privacy(editor, newsroom["secret"], restriction_type="login")
    restriction.refresh_from_db()
    assert restriction.restriction_type == "login"
    assert_gone_for_anonymous_readers(newsroom, article_status={302})


def test_making_it_public_again_shows_it_at_once(editor, newsroom):
    set_privacy(editor, newsroom["secret"], restriction_type="login")
    reader = Client()
    reader.get(newsroom["html"]["home page"])
    set_privacy(editor, newsroom["secret"], restriction_type="none")
    assert SECRET in reader.get(newsroom["html"]["home page"]).content.decode()
    assert SECRET_BODY in reader.get(newsroom["secret"].url).content.decode()


def test_unpublishing_in_the_admin_hides_it_at_once(editor, newsroom):
    response = editor.post(reverse("wagtailadmin_pages:unpublish", args=[newsroom["secret"].pk]))
    assert response.status_code == 302
    assert not Page.objects.get(pk=newsroom["secret"].pk).live
    assert_gone_for_anonymous_readers(newsroom, article_status={404})


def test_deleting_in_the_admin_hides_it_at_once(editor, newsroom):
    response = editor.post(reverse("wagtailadmin_pages:delete", args=[newsroom["secret"].pk]))
    assert response.status_code == 302
    assert not Page.objects.filter(pk=newsroom["secret"].pk).exists()
    assert_gone_for_anonymous_readers(newsroom, article_status={404})


def test_moving_into_a_private_section_hides_it_at_once(editor, newsroom, section_factory):
    members = section_factory("Members only", slug="members")
    PageViewRestriction.objects.create(page=members, restriction_type="login")
    reader = Client()
    for url in newsroom["html"].values():
        assert reader.get(url)["X-Masthead-Cache"] == "miss"  # cached again after that change
    response = editor.post(
        reverse("wagtailadmin_pages:move_confirm", args=[newsroom["secret"].pk, members.pk])
    )
    assert response.status_code == 302
    assert Page.objects.get(pk=newsroom["secret"].pk).get_parent().pk == members.pk
    # The old address redirects to the new one, which asks for sign-in.
    assert_gone_for_anonymous_readers(newsroom, article_status={301})
    moved = Page.objects.get(pk=newsroom["secret"].pk)
    assert Client().get(newsroom["html"]["article"])["Location"] == moved.url
    assert "login" in Client().get(moved.url)["Location"]


def test_a_scheduled_expiry_hides_it_when_publish_scheduled_runs(newsroom):
    # As if the expiry the editor set when publishing has now passed: no signal, no bump.
    past = timezone.now() - timedelta(minutes=1)
    Page.objects.filter(pk=newsroom["secret"].pk).update(expire_at=past)
    assert Client().get(newsroom["secret"].url)["X-Masthead-Cache"] == "hit"
    call_command("publish_scheduled")
    assert Page.objects.get(pk=newsroom["secret"].pk).expired
    assert_gone_for_anonymous_readers(newsroom, article_status={404})


def test_a_change_empties_the_cache_again_when_it_commits(
    page_cache_backend, article_factory, django_capture_on_commit_callbacks
):
    # Pages another process renders between the save and the commit still see the
    # old rows; the second emptying at commit retires whatever they stored.
    from masthead.page_cache import generation

    article = article_factory("Committed later")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        PageViewRestriction.objects.create(page=article, restriction_type="login")
        during = generation()
    assert callbacks
    assert generation() != during
