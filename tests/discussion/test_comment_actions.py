"""What readers do with comments besides posting: order, pages, edit, delete, report,
follow-up mails, anonymous comments by confirmation link, held comments and rate limits."""

from __future__ import annotations

import re
from datetime import timedelta
from functools import partial

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from discussion import moderation, rate_limits
from discussion.models import DiscussionSettings, ModerationPolicy
from plugins import hookimpl
from plugins.testing import errors_isolated, registered
from plugins.types import Verdict

from .comment_helpers import add_comment, comment_form, post_and_commit, post_comment
from .conftest import make_reader

pytestmark = pytest.mark.django_db


def discussion_settings(site, **fields) -> DiscussionSettings:
    settings = DiscussionSettings.for_site(site)
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    return settings


@pytest.fixture
def other_reader(db):
    return make_reader("grace", "grace@example.org", first_name="Grace", last_name="Hopper")


def signed_in_as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def links_in(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


# --- Order and pages ------------------------------------------------------------------


def test_conversations_read_oldest_first_or_newest_first(client, article_factory, reader):
    article = article_factory("Order")
    first = add_comment(article, "Written first", user=reader)
    add_comment(article, "Reply to the first", user=reader, parent=first)
    add_comment(article, "Written second", user=reader)
    html = client.get(article.url).content.decode()
    assert (
        html.index("Written first")
        < html.index("Reply to the first")
        < html.index("Written second")
    )
    assert 'href="?corder=newest#comments">Newest first</a>' in html
    html = client.get(article.url, {"corder": "newest"}).content.decode()
    assert (
        html.index("Written second")
        < html.index("Written first")
        < html.index("Reply to the first")
    )


def test_the_site_chooses_the_default_order_and_junk_falls_back(
    client, site, article_factory, reader
):
    discussion_settings(site, default_order="newest")
    article = article_factory("Default order")
    add_comment(article, "Older words", user=reader)
    add_comment(article, "Newer words", user=reader)
    for query in ({}, {"corder": "sideways"}):
        response = client.get(article.url, query)
        html = response.content.decode()
        assert html.index("Newer words") < html.index("Older words")
    assert "X-Masthead-Cache" not in client.get(article.url, {"corder": "sideways"})


def test_conversations_are_paged_and_replies_stay_with_their_thread(
    client, site, article_factory, reader
):
    discussion_settings(site, comments_per_page=2)
    article = article_factory("Pages of talk")
    threads = [add_comment(article, f"Thread number {n}", user=reader) for n in range(1, 6)]
    add_comment(article, "Answer to thread one", user=reader, parent=threads[0])
    first = client.get(article.url).content.decode()
    assert "Thread number 1" in first and "Thread number 2" in first
    assert "Answer to thread one" in first and "Thread number 3" not in first
    assert "Comments page 1 of 3" in first and 'href="?cpage=2#comments"' in first
    assert "6 comments" in first  # the count covers every page
    last = client.get(article.url, {"cpage": "3"}).content.decode()
    assert "Thread number 5" in last and "Thread number 1" not in last
    assert "Thread number 5" in client.get(article.url, {"cpage": "99"}).content.decode()


# --- Editing and deleting one's own comment -------------------------------------------


def test_a_reader_edits_their_comment_within_the_window(signed_in, article_factory, reader):
    article = article_factory("Second thoughts")
    comment = add_comment(article, "Teh typo", user=reader)
    page = signed_in.get(article.url).content.decode()
    assert f'href="/comments/{comment.pk}/edit/"' in page
    assert "comment__edited" not in page
    form = signed_in.get(f"/comments/{comment.pk}/edit/")
    assert form.status_code == 200 and "Teh typo" in form.content.decode()
    response = signed_in.post(f"/comments/{comment.pk}/edit/", {"comment": "The <b>fix</b>"})
    assert response.status_code == 302 and response["Location"] == f"{article.url}#c{comment.pk}"
    comment.refresh_from_db()
    assert comment.comment == "The <b>fix</b>"
    html = signed_in.get(article.url).content.decode()
    assert "The &lt;b&gt;fix&lt;/b&gt;" in html and "Your comment is updated." in html
    assert 'class="comment__edited">(edited' in html


def test_editing_closes_after_the_window(signed_in, site, article_factory, reader):
    article = article_factory("Too late")
    comment = add_comment(article, "Old words", user=reader)
    XtdComment.objects.filter(pk=comment.pk).update(
        submit_date=timezone.now() - timedelta(minutes=16)
    )
    assert f"/comments/{comment.pk}/edit/" not in signed_in.get(article.url).content.decode()
    response = signed_in.post(f"/comments/{comment.pk}/edit/", {"comment": "Rewritten"})
    assert response.status_code == 403
    assert "can no longer be edited" in response.content.decode()
    discussion_settings(site, edit_window_minutes=0)
    fresh = add_comment(article, "Fresh words", user=reader)
    assert signed_in.post(f"/comments/{fresh.pk}/edit/", {"comment": "x"}).status_code == 403
    assert set(XtdComment.objects.values_list("comment", flat=True)) == {"Old words", "Fresh words"}


def test_nobody_edits_or_deletes_anothers_comment(client, article_factory, reader, other_reader):
    article = article_factory("Not yours")
    comment = add_comment(article, "Ada's words", user=reader)
    intruder = signed_in_as(other_reader)
    assert (
        intruder.post(f"/comments/{comment.pk}/edit/", {"comment": "Mine now"}).status_code == 404
    )
    assert intruder.post(f"/comments/{comment.pk}/delete/").status_code == 404
    assert f"/comments/{comment.pk}/edit/" not in intruder.get(article.url).content.decode()
    visitor = client.post(f"/comments/{comment.pk}/delete/")
    assert visitor.status_code == 302 and "/accounts/login/" in visitor["Location"]
    comment.refresh_from_db()
    assert comment.comment == "Ada's words" and not comment.is_removed


def test_an_edit_too_long_is_refused_and_the_comment_kept(signed_in, article_factory, reader):
    article = article_factory("Long edit")
    comment = add_comment(article, "Short", user=reader)
    response = signed_in.post(f"/comments/{comment.pk}/edit/", {"comment": "x" * 3001})
    assert response.status_code == 400
    assert "at most 3000 characters" in response.content.decode()
    comment.refresh_from_db()
    assert comment.comment == "Short"


def test_edits_and_deletes_need_the_csrf_token(article_factory, reader):
    article = article_factory("CSRF actions")
    comment = add_comment(article, "Guarded", user=reader)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(reader)
    assert strict.post(f"/comments/{comment.pk}/edit/", {"comment": "x"}).status_code == 403
    assert strict.post(f"/comments/{comment.pk}/delete/").status_code == 403
    comment.refresh_from_db()
    assert comment.comment == "Guarded" and not comment.is_removed


def test_a_reader_deletes_their_comment_and_replies_stay(
    signed_in, article_factory, reader, other_reader, django_capture_on_commit_callbacks
):
    article = article_factory("Regrets")
    comment = add_comment(article, "I take it back", user=reader)
    add_comment(article, "A reply worth keeping", user=other_reader, parent=comment)
    visitor = Client()
    visitor.get(article.url)
    assert visitor.get(article.url)["X-Masthead-Cache"] == "hit"
    confirm = signed_in.get(f"/comments/{comment.pk}/delete/")
    assert confirm.status_code == 200 and "Delete your comment?" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(f"/comments/{comment.pk}/delete/")
    assert response.status_code == 302
    fresh = visitor.get(article.url)
    assert fresh["X-Masthead-Cache"] == "miss"
    html = fresh.content.decode()
    assert "I take it back" not in html
    assert "Comment removed" in html and "A reply worth keeping" in html
    assert XtdComment.objects.get(comment="A reply worth keeping").is_public


# --- Reporting --------------------------------------------------------------------------


def test_a_reader_reports_a_comment_to_the_editors(article_factory, reader, other_reader):
    article = article_factory("Rude")
    comment = add_comment(article, "Something rude", user=reader)
    grace = signed_in_as(other_reader)
    assert f'href="/comments/flag/{comment.pk}/"' in grace.get(article.url).content.decode()
    page = grace.get(f"/comments/flag/{comment.pk}/")
    assert page.status_code == 200 and "Report a comment" in page.content.decode()
    response = grace.post(f"/comments/flag/{comment.pk}/", {"next": article.url})
    assert response.status_code == 302
    assert CommentFlag.objects.filter(
        comment=comment, user=other_reader, flag=CommentFlag.SUGGEST_REMOVAL
    ).exists()
    assert list(moderation.awaiting_moderation()) == [comment]


def test_visitors_must_sign_in_to_report(client, article_factory, reader):
    article = article_factory("Report gate")
    comment = add_comment(article, "Fine words", user=reader)
    response = client.post(f"/comments/flag/{comment.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not CommentFlag.objects.exists()


# --- Follow-up mails ------------------------------------------------------------------


def test_followers_are_mailed_new_comments_and_can_stop_it(
    article_factory, reader, other_reader, django_capture_on_commit_callbacks
):
    post = partial(post_and_commit, django_capture_on_commit_callbacks)
    article = article_factory("Follow me")
    ada = signed_in_as(reader)
    assert post(ada, article, "Tell me more", followup="on").status_code == 302
    assert not mail.outbox  # nobody else follows yet
    grace = signed_in_as(other_reader)
    assert post(grace, article, "Here is more").status_code == 302
    assert [message.to for message in mail.outbox] == [["ada@example.org"]]
    body = mail.outbox[0].body
    assert "Grace Hopper commented on" in body and "Here is more" in body
    mute = next(link for link in links_in(mail.outbox[0]) if "/comments/mute/" in link)
    path = mute.split("://", 1)[1].split("/", 1)[1]
    visitor = Client()
    assert visitor.get(f"/{path}").status_code == 200  # a question, not an action
    assert XtdComment.objects.get(comment="Tell me more").followup
    assert visitor.post(f"/{path}").status_code == 200
    assert not XtdComment.objects.get(comment="Tell me more").followup
    mail.outbox.clear()
    post(grace, article, "Even more")
    assert not mail.outbox


# --- Anonymous comments ----------------------------------------------------------------


def test_anonymous_comments_need_the_setting_and_the_mailed_link(client, site, article_factory):
    article = article_factory("Open door")
    discussion_settings(site, anonymous_comments=True)
    page = client.get(article.url).content.decode()
    assert 'name="email"' in page and "Your name" in page
    response = post_comment(client, article, "From a visitor", name="Val", email="val@example.org")
    assert response.status_code == 302
    assert not XtdComment.objects.exists()  # nothing until the link is followed
    assert "follow the link we emailed you" in client.get(article.url).content.decode()
    (message,) = mail.outbox
    # The mail names the article but never quotes the visitor's words (see test_comment_security).
    assert message.to == ["val@example.org"] and "Open door" in message.body
    link = next(link for link in links_in(message) if "/comments/confirm/" in link)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    question = client.get(path)  # a mail scanner opening the link publishes nothing
    assert question.status_code == 200 and "Publish your comment?" in question.content.decode()
    assert "From a visitor" in question.content.decode() and not XtdComment.objects.exists()
    assert client.post(path).status_code == 302
    assert client.post(path).status_code == 302  # a second click publishes nothing twice
    comment = XtdComment.objects.get()
    assert comment.is_public and comment.user is None and comment.name == "Val"
    assert "From a visitor" in Client().get(article.url).content.decode()


def test_a_forged_confirmation_link_is_refused(client, site, article_factory):
    discussion_settings(site, anonymous_comments=True)
    for send in (client.get, client.post):
        for link in ("/comments/confirm/not-a-signed-key/", "/comments/mute/not-a-signed-key/"):
            response = send(link)
            assert response.status_code == 400
            assert "This link does not work" in response.content.decode()
    assert not XtdComment.objects.exists()


def test_a_confirmation_after_comments_closed_publishes_nothing(client, site, article_factory):
    article = article_factory("Closing soon")
    discussion_settings(site, anonymous_comments=True)
    post_comment(client, article, "Late words", name="Val", email="val@example.org")
    link = next(link for link in links_in(mail.outbox[0]) if "/comments/confirm/" in link)
    article.comment_policy = "closed"
    article.save_revision().publish()
    response = client.post("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert response.status_code == 200 and "could not be published" in response.content.decode()
    assert not XtdComment.objects.exists()


def test_without_the_setting_visitors_cannot_post(client, article_factory, reader):
    article = article_factory("Members only")
    form = comment_form(signed_in_as(reader), article)
    response = client.post(
        "/comments/post/", {**form, "name": "Val", "email": "v@example.org", "comment": "hi"}
    )
    assert response.status_code == 400
    assert not mail.outbox and not XtdComment.objects.exists()


# --- Held comments -----------------------------------------------------------------------


def test_hold_all_keeps_comments_back_until_approved(
    client, site, signed_in, article_factory, reader
):
    discussion_settings(site, moderation=ModerationPolicy.HOLD_ALL)
    article = article_factory("Held")
    assert post_comment(signed_in, article, "Wait for it").status_code == 302
    comment = XtdComment.objects.get()
    assert not comment.is_public
    html = signed_in.get(article.url).content.decode()
    assert "once an editor has approved it" in html and "Wait for it" not in html
    moderation.approve([comment], reader)
    assert "Wait for it" in client.get(article.url).content.decode()


def test_hold_first_trusts_a_commenter_once_approved(site, signed_in, article_factory, reader):
    discussion_settings(site, moderation=ModerationPolicy.HOLD_FIRST)
    article = article_factory("First time")
    post_comment(signed_in, article, "My first")
    first = XtdComment.objects.get()
    assert not first.is_public
    post_comment(signed_in, article, "Still unknown")
    assert not XtdComment.objects.get(comment="Still unknown").is_public
    moderation.approve([first], reader)
    post_comment(signed_in, article, "Now trusted")
    assert XtdComment.objects.get(comment="Now trusted").is_public


def test_held_anonymous_comments_wait_after_confirmation(client, site, article_factory):
    discussion_settings(site, anonymous_comments=True, moderation=ModerationPolicy.HOLD_ALL)
    article = article_factory("Doubly careful")
    post_comment(client, article, "Visitor words", name="Val", email="val@example.org")
    link = next(link for link in links_in(mail.outbox[0]) if "/comments/confirm/" in link)
    response = client.post("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert response.status_code == 200 and "awaits approval" in response.content.decode()
    assert not XtdComment.objects.get().is_public


class HoldLinks:
    """A moderation plugin as a plugin author would write one: links wait for an editor."""

    @hookimpl
    def moderate_comment(self, comment):
        return Verdict.HOLD if "http" in comment.comment else None


class RejectShouting:
    @hookimpl
    def moderate_comment(self, comment):
        return Verdict.REJECT if comment.comment.isupper() else None


def test_moderation_plugins_hold_or_reject(signed_in, article_factory):
    article = article_factory("Moderated")
    with registered(HoldLinks(), name="hold_links"), registered(RejectShouting(), name="shout"):
        post_comment(signed_in, article, "see https://example.org")
        assert not XtdComment.objects.get().is_public
        assert post_comment(signed_in, article, "BUY NOW").status_code == 400
        post_comment(signed_in, article, "A calm remark")
    assert XtdComment.objects.get(comment="A calm remark").is_public
    assert XtdComment.objects.count() == 2


# --- Rate limits -------------------------------------------------------------------------


def test_a_reader_posting_too_fast_is_told_to_slow_down(settings, signed_in, article_factory):
    settings.MASTHEAD = {**settings.MASTHEAD, "COMMENT_RATE_LIMIT_PER_USER": "3/m"}
    article = article_factory("Fast talker")
    for n in range(3):
        assert post_comment(signed_in, article, f"Quick {n}").status_code == 302
    response = post_comment(signed_in, article, "One too many")
    assert response.status_code == 429 and "Please slow down" in response.content.decode()
    assert XtdComment.objects.count() == 3


def test_one_address_is_limited_across_accounts(settings, article_factory, reader, other_reader):
    settings.MASTHEAD = {**settings.MASTHEAD, "COMMENT_RATE_LIMIT_PER_ADDRESS": "2/h"}
    article = article_factory("Sock puppets")
    assert post_comment(signed_in_as(reader), article, "One").status_code == 302
    assert post_comment(signed_in_as(other_reader), article, "Two").status_code == 302
    assert post_comment(signed_in_as(reader), article, "Three").status_code == 429
    assert XtdComment.objects.count() == 2


def test_rates_are_read_strictly():
    assert rate_limits.parse_rates("5/m, 40/h,3/10m") == [
        rate_limits.Rate(5, 60),
        rate_limits.Rate(40, 3600),
        rate_limits.Rate(3, 600),
    ]
    assert rate_limits.parse_rates("") == []
    for bad in ("five/m", "5/week", "5"):
        with pytest.raises(ValueError, match="is not a rate"):
            rate_limits.parse_rates(bad)


class BrokenModerator:
    @hookimpl
    def moderate_comment(self, comment):
        raise RuntimeError("the spam service is down")


class MisspeltModerator:
    @hookimpl
    def moderate_comments(self, comment):
        return None


def test_a_broken_moderator_holds_the_comment_instead_of_losing_it(
    signed_in, article_factory, caplog
):
    article = article_factory("Fragile")
    with registered(BrokenModerator(), name="broken"), errors_isolated():
        assert post_comment(signed_in, article, "Kept safe").status_code == 302
    comment = XtdComment.objects.get()
    assert comment.comment == "Kept safe" and not comment.is_public
    assert "the spam service is down" in caplog.text


def test_misconfigured_comment_settings_fail_the_system_check(settings):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    settings.MASTHEAD = {**settings.MASTHEAD, "COMMENT_RATE_LIMIT_PER_USER": "lots"}
    with (
        registered(MisspeltModerator(), name="misspelt"),
        pytest.raises(SystemCheckError) as failure,
    ):
        call_command("check")
    message = str(failure.value)
    assert "masthead.E101" in message and "'lots' is not a rate" in message
    assert "plugins.E001" in message and "did you mean 'moderate_comment'" in message


def test_followers_hear_of_a_held_comment_only_once_it_is_approved(
    site, article_factory, reader, other_reader, django_capture_on_commit_callbacks
):
    article = article_factory("Patient followers")
    post_comment(signed_in_as(reader), article, "Keep me posted", followup="on")
    discussion_settings(site, moderation=ModerationPolicy.HOLD_ALL)
    post_comment(signed_in_as(other_reader), article, "Held news")
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve([XtdComment.objects.get(comment="Held news")], reader)
    assert [message.to for message in mail.outbox] == [["ada@example.org"]]
    assert "Held news" in mail.outbox[0].body


def test_a_form_with_errors_comes_back_filled_in(client, site, article_factory):
    discussion_settings(site, anonymous_comments=True)
    article = article_factory("Try again")
    response = post_comment(client, article, "   ", name="Val", email="not-an-address")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Your comment needs a change" in html and "Enter a valid email address" in html
    assert 'value="Val"' in html and 'value="not-an-address"' in html
    assert f'name="next" value="{article.url}#comments"' in html
    assert not mail.outbox and not XtdComment.objects.exists()


def test_the_waiting_count_is_cached_and_forgotten_on_every_change(
    article_factory,
    reader,
    other_reader,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    article = article_factory("Counted")
    held = add_comment(article, "Held back", user=reader, is_public=False)
    assert moderation.awaiting_count() == 1
    with django_assert_num_queries(0):
        assert moderation.awaiting_count() == 1
    shown = add_comment(article, "Out in the open", user=reader)
    CommentFlag.objects.create(comment=shown, user=other_reader, flag=CommentFlag.SUGGEST_REMOVAL)
    assert moderation.awaiting_count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve([held], other_reader)
    assert moderation.awaiting_count() == 1


def test_the_thank_you_page_tells_only_the_author_about_a_comment(
    client, article_factory, reader, other_reader
):
    article = article_factory("Private matters")
    held = add_comment(article, "Waiting quietly", user=reader, is_public=False)
    mine = signed_in_as(reader).get("/comments/posted/", {"c": held.pk}).content.decode()
    assert "once an editor has approved it" in mine and "Private matters" in mine
    for stranger in (client, signed_in_as(other_reader)):
        theirs = stranger.get("/comments/posted/", {"c": held.pk}).content.decode()
        assert "Private matters" not in theirs and "Waiting quietly" not in theirs


def test_an_edit_refreshes_the_cached_page(
    signed_in, article_factory, reader, django_capture_on_commit_callbacks
):
    article = article_factory("Cached edit")
    comment = add_comment(article, "First draft", user=reader)
    visitor = Client()
    visitor.get(article.url)
    assert visitor.get(article.url)["X-Masthead-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(f"/comments/{comment.pk}/edit/", {"comment": "Second draft"})
    fresh = visitor.get(article.url)
    assert fresh["X-Masthead-Cache"] == "miss"
    assert "Second draft" in fresh.content.decode() and "First draft" not in fresh.content.decode()
