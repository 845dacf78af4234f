"""Editors moderate comments in the Wagtail admin: the queue, approve, remove, and who may."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from articles.models import ArticlePage

pytestmark = pytest.mark.django_db

QUEUE = "/admin/comments/"
APPROVE = "/admin/comments/approve/"
REMOVE = "/admin/comments/remove/"


def make_user(username: str, *perms: str, **fields):
    """A user holding ``perms`` ("app_label.codename"), given directly rather than by group."""
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "pw-123456789", **fields
    )
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


@pytest.fixture
def moderator(db):
    """An editor (not a superuser) who was given "Can moderate comments"."""
    return make_user(
        "mona",
        "wagtailadmin.access_admin",
        "django_comments.can_moderate",
        first_name="Mona",
        last_name="Editor",
    )


@pytest.fixture
def staff(db):
    """An editor who may use the admin but not moderate."""
    return make_user("sid", "wagtailadmin.access_admin")


@pytest.fixture
def reader(db):
    return make_user("ada", first_name="Ada", last_name="Lovelace")


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def add_comment(article, text, *, user=None, parent=None, is_public=True, **fields):
    """A comment stored as django-comments-xtd stores it; ``is_public=False`` is held."""
    return XtdComment.objects.create(
        content_type=ContentType.objects.get_for_model(ArticlePage),
        object_pk=str(article.pk),
        site_id=1,
        user=user,
        user_name=user.get_full_name() if user else fields.pop("user_name", "Guest"),
        user_email=user.email if user else fields.pop("user_email", "guest@example.org"),
        comment=text,
        parent_id=parent.pk if parent else 0,
        is_public=is_public,
        **fields,
    )


def flag(comment, user, when=None):
    return CommentFlag.objects.create(
        comment=comment,
        user=user,
        flag=CommentFlag.SUGGEST_REMOVAL,
        flag_date=when or timezone.now(),
    )


def queue_rows(html: str) -> list[int]:
    """The comment ids listed in the queue, in order."""
    return [int(pk) for pk in re.findall(r'<tr id="moderation-comment-(\d+)"', html)]


def in_queue(client, query: str = "") -> list[int]:
    response = client.get(QUEUE + query)
    assert response.status_code == 200
    return queue_rows(response.content.decode())


def test_the_queue_lists_held_and_flagged_comments_oldest_first(
    moderator_client, article_factory, reader
):
    article = article_factory("Talk of the town")
    other = make_user("bob")
    held = add_comment(article, "Please approve me", is_public=False, user=reader)
    published = add_comment(article, "An ordinary remark", user=reader)
    flagged = add_comment(article, "Readers dislike this", user=other)
    flag(flagged, reader)
    flag(flagged, make_user("cyd"))
    gone = add_comment(article, "Already removed", is_public=False, is_removed=True)

    response = moderator_client.get(QUEUE)
    html = response.content.decode()
    assert queue_rows(html) == [held.pk, flagged.pk]
    assert published.pk not in queue_rows(html) and gone.pk not in queue_rows(html)
    assert "Please approve me" in html and "Readers dislike this" in html
    assert "An ordinary remark" not in html
    # Who wrote it, where, and why it is here.
    assert "Ada Lovelace" in html and "ada@example.org" in html and "(account: ada)" in html
    assert f'href="{article.url}"' in html and "Talk of the town" in html
    assert reverse("wagtailadmin_pages:edit", args=[article.pk]) in html
    assert "Held" in html and "Flagged by 2 readers" in html
    # Wagtail's own admin furniture.
    assert "Comments awaiting moderation" in html and 'id="listing-results"' in html


def test_the_filter_shows_held_or_flagged_comments(moderator_client, article_factory, reader):
    article = article_factory("Filtered talk")
    held = add_comment(article, "Held one", is_public=False)
    flagged = add_comment(article, "Flagged one")
    flag(flagged, reader)

    assert in_queue(moderator_client) == [held.pk, flagged.pk]
    assert in_queue(moderator_client, "?status=held") == [held.pk]
    assert in_queue(moderator_client, "?status=flagged") == [flagged.pk]
    # The filter drawer refreshes the results through the fragment URL.
    fragment = moderator_client.get(QUEUE + "results/?status=flagged")
    assert fragment.status_code == 200
    assert queue_rows(fragment.content.decode()) == [flagged.pk]
    assert "<html" not in fragment.content.decode()


def test_the_queue_is_paginated_fifty_to_a_page(moderator_client, article_factory):
    article = article_factory("A busy thread")
    comments = [add_comment(article, f"Held {i}", is_public=False) for i in range(55)]
    assert in_queue(moderator_client) == [c.pk for c in comments[:50]]
    assert in_queue(moderator_client, "?p=2") == [c.pk for c in comments[50:]]


def test_approving_publishes_a_held_comment_for_readers(
    moderator_client, article_factory, reader, django_capture_on_commit_callbacks
):
    article = article_factory("Held talk")
    held = add_comment(article, "Worth the wait", is_public=False, user=reader)
    visitor = Client()
    assert "Worth the wait" not in visitor.get(article.url).content.decode()  # and now cached

    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(APPROVE, {"comment": held.pk}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain == [(QUEUE, 302)]
    assert "1 comment approved." in html
    assert held.pk not in queue_rows(html)
    held.refresh_from_db()
    assert held.is_public and not held.is_removed
    assert "Worth the wait" in visitor.get(article.url).content.decode()


def test_removing_takes_a_comment_down_and_its_replies_stay(
    moderator_client, article_factory, reader, django_capture_on_commit_callbacks
):
    article = article_factory("Heated talk")
    rude = add_comment(article, "Something rude", user=make_user("troll"))
    reply = add_comment(article, "A calm answer", user=reader, parent=rude)
    flag(rude, reader)
    visitor = Client()
    assert "Something rude" in visitor.get(article.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(REMOVE, {"comment": rude.pk}, follow=True)
    assert "1 comment removed." in response.content.decode()
    rude.refresh_from_db()
    reply.refresh_from_db()
    assert rude.is_removed and not reply.is_removed and reply.is_public
    html = visitor.get(article.url).content.decode()
    assert "Something rude" not in html
    assert "Comment removed" in html and "A calm answer" in html
    assert in_queue(moderator_client) == []


def test_bulk_approve_and_remove(moderator_client, article_factory, reader):
    article = article_factory("Many voices")
    first, second, third, fourth = (
        add_comment(article, f"Voice {i}", is_public=False) for i in range(4)
    )

    response = moderator_client.post(APPROVE, {"comment": [first.pk, second.pk]}, follow=True)
    assert "2 comments approved." in response.content.decode()
    assert queue_rows(response.content.decode()) == [third.pk, fourth.pk]

    response = moderator_client.post(REMOVE, {"comment": [third.pk, fourth.pk]}, follow=True)
    assert "2 comments removed." in response.content.decode()
    assert queue_rows(response.content.decode()) == []
    states = dict(XtdComment.objects.values_list("pk", "is_removed"))
    assert states == {first.pk: False, second.pk: False, third.pk: True, fourth.pk: True}
    assert XtdComment.objects.filter(pk__in=[first.pk, second.pk], is_public=True).count() == 2


def test_only_comments_in_the_queue_are_acted_on(moderator_client, article_factory, reader):
    article = article_factory("Forged ids")
    published = add_comment(article, "Fine as it is", user=reader)
    removed = add_comment(article, "Taken down earlier", is_removed=True)
    held = add_comment(article, "Held", is_public=False)
    not_an_article = add_comment(article, "On something else", is_public=False)
    XtdComment.objects.filter(pk=not_an_article.pk).update(
        content_type=ContentType.objects.get_for_model(get_user_model())
    )

    forged = [published.pk, removed.pk, not_an_article.pk, 999_999, "abc", "", "²", "9" * 5000]
    response = moderator_client.post(APPROVE, {"comment": forged}, follow=True)
    assert "no longer awaiting moderation" in response.content.decode()
    response = moderator_client.post(REMOVE, {"comment": forged}, follow=True)
    assert "no longer awaiting moderation" in response.content.decode()
    assert not CommentFlag.objects.exists()
    assert XtdComment.objects.get(pk=published.pk).is_removed is False
    assert XtdComment.objects.get(pk=removed.pk).is_public is True  # never approved
    assert XtdComment.objects.get(pk=not_an_article.pk).is_public is False

    # A mix: only the queue member is approved.
    response = moderator_client.post(APPROVE, {"comment": [held.pk, published.pk]}, follow=True)
    assert "1 comment approved." in response.content.decode()

    response = moderator_client.post(APPROVE, {}, follow=True)
    assert "Select at least one comment first." in response.content.decode()


def test_after_an_action_the_editor_returns_to_the_same_filter(moderator_client, article_factory):
    article = article_factory("Back where I was")
    held = add_comment(article, "Held", is_public=False)
    next_url = QUEUE + "?status=held&p=1"
    response = moderator_client.post(APPROVE, {"comment": held.pk, "next": next_url})
    assert response.status_code == 302 and response["Location"] == next_url
    # Another site is never a destination.
    again = add_comment(article, "Held again", is_public=False)
    response = moderator_client.post(REMOVE, {"comment": again.pk, "next": "https://evil.example/"})
    assert response["Location"] == QUEUE


def test_a_flagged_comment_approved_leaves_and_flagged_again_returns(
    moderator_client, article_factory, reader
):
    article = article_factory("Contested")
    comment = add_comment(article, "Contested opinion")
    flag(comment, reader, when=timezone.now() - timedelta(minutes=5))
    assert in_queue(moderator_client) == [comment.pk]

    moderator_client.post(APPROVE, {"comment": comment.pk})
    assert in_queue(moderator_client) == []
    comment.refresh_from_db()
    assert comment.is_public and not comment.is_removed

    flag(comment, make_user("bob"), when=timezone.now() + timedelta(seconds=1))
    html = moderator_client.get(QUEUE).content.decode()
    assert queue_rows(html) == [comment.pk]
    # Every reader's flag counts, those from before the approval too.
    assert "Flagged by 2 readers" in html


def test_a_superuser_moderates_without_being_given_the_permission(client, article_factory):
    boss = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-123456789")
    client.force_login(boss)
    held = add_comment(article_factory("Boss talk"), "Held", is_public=False)
    assert in_queue(client) == [held.pk]


def test_editors_without_the_permission_cannot_moderate(client, staff, article_factory):
    held = add_comment(article_factory("Not yours"), "Held", is_public=False)
    client.force_login(staff)

    response = client.get(QUEUE)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    for url in (APPROVE, REMOVE):
        response = client.post(url, {"comment": held.pk})
        assert response.status_code == 302 and response["Location"] == "/admin/"
    # The filter drawer's background requests get a plain 403 instead of a redirect.
    background = client.get(QUEUE + "results/", headers={"x-requested-with": "XMLHttpRequest"})
    assert background.status_code == 403
    held.refresh_from_db()
    assert not held.is_public and not held.is_removed

    home = client.get("/admin/").content.decode()
    assert "Sorry, you do not have permission" in home
    assert QUEUE not in home  # neither the menu item nor the dashboard line
    assert "awaiting moderation" not in home


def test_readers_are_sent_to_the_admin_login(client, reader, article_factory):
    client.force_login(reader)
    response = client.get(QUEUE)
    # The admin signs in through allauth's door (readers.views).
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_action_urls_refuse_get(moderator_client, article_factory):
    held = add_comment(article_factory("GET"), "Held", is_public=False)
    for url in (APPROVE, REMOVE):
        assert moderator_client.get(url, {"comment": held.pk}).status_code == 405
    held.refresh_from_db()
    assert not held.is_public and not held.is_removed


def test_actions_need_the_csrf_token(moderator, article_factory):
    held = add_comment(article_factory("CSRF"), "Held", is_public=False)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(moderator)
    for url in (APPROVE, REMOVE):
        assert strict.post(url, {"comment": held.pk}).status_code == 403
    held.refresh_from_db()
    assert not held.is_public and not held.is_removed

    # The queue's own forms carry the token.
    html = strict.get(QUEUE).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = strict.post(APPROVE, {"comment": held.pk, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.is_public


def test_hostile_comment_text_is_escaped_in_the_queue(moderator_client, article_factory):
    add_comment(
        article_factory("Hostile"),
        "<script>alert(1)</script> see http://spam.example",
        is_public=False,
        user_name='<img src=x onerror="alert(2)">',
    )
    html = moderator_client.get(QUEUE).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<img src=x onerror="alert(2)">' not in html
    assert 'rel="nofollow"' in html  # rendered as readers see it, through render_comment_text


def test_the_dashboard_and_menu_show_how_many_comments_wait(moderator_client, article_factory):
    article = article_factory("Counted")
    add_comment(article, "One", is_public=False)
    add_comment(article, "Two", is_public=False)
    add_comment(article, "Published")

    html = moderator_client.get("/admin/").content.decode()
    assert "2 comments awaiting moderation" in html
    assert f'href="{QUEUE}"' in html
    assert '"label": "Comments (2)"' in html  # the sidebar item, drawn from JSON


def test_the_dashboard_costs_the_same_with_3_or_30_waiting(moderator_client, article_factory):
    article = article_factory("Counted cheaply")

    def dashboard_queries() -> int:
        moderator_client.get("/admin/")
        with CaptureQueriesContext(connection) as queries:
            response = moderator_client.get("/admin/")
        assert response.status_code == 200
        return len(queries)

    for _ in range(3):
        add_comment(article, "Held", is_public=False)
    few = dashboard_queries()
    for _ in range(27):
        add_comment(article, "Held", is_public=False)
    assert "30 comments awaiting moderation" in moderator_client.get("/admin/").content.decode()
    assert dashboard_queries() == few


def test_the_queue_costs_the_same_with_3_or_30_comments(moderator_client, article_factory):
    articles = [article_factory(f"Article {i}") for i in range(6)]
    flaggers = [make_user(f"flagger{i}") for i in range(2)]

    def add(count: int) -> None:
        for i in range(count):
            article = articles[i % len(articles)]
            author = make_user(f"author{XtdComment.objects.count()}") if i % 2 else None
            comment = add_comment(article, f"Comment {i}", user=author, is_public=bool(i % 3))
            if comment.is_public:
                for flagger in flaggers:
                    flag(comment, flagger)

    def queue_queries() -> int:
        moderator_client.get(QUEUE)
        with CaptureQueriesContext(connection) as queries:
            response = moderator_client.get(QUEUE)
        assert response.status_code == 200
        return len(queries)

    add(3)
    few = queue_queries()
    add(27)
    assert len(in_queue(moderator_client)) == 30
    many = queue_queries()
    assert few == many, f"{few} queries for 3 comments, {many} for 30"


def test_group_screen_offers_the_moderation_permission(client):
    boss = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-123456789")
    client.force_login(boss)
    html = client.get(reverse("wagtailusers_groups:add")).content.decode()
    assert "Can moderate comments" in html
