"""The security probe's findings on comments, replayed through the real views: signed
links that were pickles, impersonation, edits that skipped moderation, mail that could
carry a stranger's words, and comment screens that showed private articles."""

from __future__ import annotations

import os
import re
import time
from functools import partial
from pathlib import Path

import pytest
from django.core import mail, signing
from django.test import Client
from django_comments_xtd import signed as xtd_signed
from django_comments_xtd.models import XtdComment
from wagtail.models import PageViewRestriction

from discussion import links as comment_links
from discussion.models import ModerationPolicy
from masthead.settings.secret import checkout_secret_key
from plugins import hookimpl
from plugins.testing import registered
from plugins.types import Verdict
from readers.models import ReaderProfile

from .comment_helpers import add_comment, comment_form, post_and_commit, post_comment
from .conftest import make_reader
from .test_comment_actions import discussion_settings, signed_in_as

pytestmark = pytest.mark.django_db

PUBLISHED_DEVELOPMENT_KEY = "django-insecure-masthead-development-only"


def path_of(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def mailed_link(message, kind: str) -> str:
    return path_of(next(link for link in re.findall(r"https?://\S+", message.body) if kind in link))


# --- 1. No request data is ever unpickled ------------------------------------------------


class RunsAShellCommand:
    """What the probe sent: a pickle whose loading runs a command."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def xtd_payload(settings, marker: Path, secret_key: str, salt: bytes) -> str:
    """A link in django-comments-xtd's format, signed as xtd signs it with ``secret_key``.

    First proves the payload is live: xtd's own loader, given it, runs the command.
    """
    original = settings.SECRET_KEY
    settings.SECRET_KEY = secret_key
    try:
        control = marker.with_name(marker.name + "-control")
        xtd_signed.loads(
            xtd_signed.dumps(RunsAShellCommand(control), extra_key=salt), extra_key=salt
        )
        assert control.exists()
        control.unlink()
        return xtd_signed.dumps(RunsAShellCommand(marker), compress=True, extra_key=salt).decode()
    finally:
        settings.SECRET_KEY = original


@pytest.mark.parametrize("which_key", ["published development key", "live key"])
def test_a_pickle_in_a_mailed_link_runs_nothing(settings, tmp_path, client, site, which_key):
    discussion_settings(site, anonymous_comments=True)
    marker = tmp_path / "pwned"
    key = PUBLISHED_DEVELOPMENT_KEY if which_key.startswith("published") else settings.SECRET_KEY
    payloads = [
        xtd_payload(settings, marker, key, key.encode()),  # the old COMMENTS_XTD_SALT
        xtd_payload(settings, marker, key, b""),  # xtd's default salt
    ]
    for payload in payloads:
        for kind in ("confirm", "mute"):
            for send in (client.get, client.post):
                response = send(f"/comments/{kind}/{payload}/")
                assert response.status_code == 400
                assert "This link does not work" in response.content.decode()
    assert not marker.exists()
    assert not XtdComment.objects.exists()


def test_the_development_key_is_random_per_checkout_and_private(tmp_path):
    first, second = tmp_path / "one" / ".secret-key", tmp_path / "two" / ".secret-key"
    first.parent.mkdir()
    second.parent.mkdir()
    key = checkout_secret_key(first)
    assert len(key) >= 50 and key != checkout_secret_key(second)
    assert checkout_secret_key(first) == key  # kept: sessions survive a restart
    assert first.stat().st_mode & 0o777 == 0o600
    from django.conf import settings

    assert settings.SECRET_KEY != PUBLISHED_DEVELOPMENT_KEY
    assert not hasattr(settings, "COMMENTS_XTD_SALT") or not settings.COMMENTS_XTD_SALT


def visitor_comment_link(client, site, article_factory, title="Open door") -> tuple:
    discussion_settings(site, anonymous_comments=True)
    article = article_factory(title)
    post_comment(client, article, "From a visitor", name="Val", email="val@example.org")
    (message,) = mail.outbox
    return article, mailed_link(message, "/comments/confirm/")


def test_confirmation_links_are_signed_json_with_their_own_salt(client, site, article_factory):
    article, link = visitor_comment_link(client, site, article_factory)
    key = link.split("/comments/confirm/", 1)[1].rstrip("/")
    payload = signing.loads(key, salt=comment_links.CONFIRM_SALT)
    assert payload["comment"] == "From a visitor" and payload["object_pk"] == str(article.pk)
    with pytest.raises(signing.BadSignature):
        signing.loads(key)  # another purpose's salt does not open it
    # Replayed as a stop-emails link, it is just a broken link.
    assert client.post(f"/comments/mute/{key}/").status_code == 400


def test_expired_and_future_links_are_refused(monkeypatch, client, site, article_factory):
    article = article_factory("Timely")
    discussion_settings(site, anonymous_comments=True)
    post_comment(client, article, "Late words", name="Val", email="val@example.org")
    good = mailed_link(mail.outbox[0], "/comments/confirm/")
    payload = signing.loads(
        good.split("/comments/confirm/")[1].rstrip("/"), salt=comment_links.CONFIRM_SALT
    )
    for offset in (-8 * 86400, +3600):  # a week and a day old; an hour from now
        monkeypatch.setattr(
            signing.TimestampSigner,
            "timestamp",
            lambda self, offset=offset: signing.b62_encode(int(time.time()) + offset),
        )
        key = signing.dumps(payload, salt=comment_links.CONFIRM_SALT, compress=True)
        monkeypatch.undo()
        for send in (client.get, client.post):
            assert send(f"/comments/confirm/{key}/").status_code == 400
    assert not XtdComment.objects.exists()
    assert client.post(good).status_code == 302 and XtdComment.objects.count() == 1


def test_a_stop_link_stops_only_its_own_address(
    client, article_factory, reader, django_capture_on_commit_callbacks
):
    post = partial(post_and_commit, django_capture_on_commit_callbacks)
    article = article_factory("Followed")
    grace = make_reader("grace", "grace@example.org", first_name="Grace", last_name="Hopper")
    post(signed_in_as(reader), article, "Following", followup="on")
    post(signed_in_as(grace), article, "Me too", followup="on")
    post(signed_in_as(make_reader("lin", "lin@example.org")), article, "Third")
    to_ada = next(message for message in mail.outbox if message.to == ["ada@example.org"])
    assert client.post(mailed_link(to_ada, "/comments/mute/")).status_code == 200
    assert not XtdComment.objects.get(comment="Following").followup
    assert XtdComment.objects.get(comment="Me too").followup


# --- 5. A signed-in reader comments as themselves ----------------------------------------


def test_a_reader_cannot_post_under_another_name_or_address(client, site, article_factory, reader):
    article = article_factory("Impersonation")
    response = post_comment(
        signed_in_as(reader),
        article,
        "Official statement",
        name="The Editors",
        email="editors@example.org",
        followup="on",
    )
    assert response.status_code == 302
    comment = XtdComment.objects.get()
    assert (comment.user_name, comment.user_email) == ("Ada Lovelace", "ada@example.org")
    html = Client().get(article.url).content.decode()
    assert "Official statement" in html and "The Editors" not in html


def test_another_readers_address_does_not_skip_hold_first(site, article_factory, reader):
    discussion_settings(site, moderation=ModerationPolicy.HOLD_FIRST)
    article = article_factory("Trust")
    grace = make_reader("grace", "grace@example.org", first_name="Grace", last_name="Hopper")
    add_comment(article, "Grace's approved words", user=grace)
    post_comment(signed_in_as(reader), article, "Borrowed trust", email="grace@example.org")
    assert not XtdComment.objects.get(comment="Borrowed trust").is_public


def test_follow_up_mail_goes_only_to_the_accounts_verified_address(
    article_factory, reader, django_capture_on_commit_callbacks
):
    post = partial(post_and_commit, django_capture_on_commit_callbacks)
    article = article_factory("Mail me")
    post(signed_in_as(reader), article, "Keep me posted", email="victim@example.org", followup="on")
    post(signed_in_as(make_reader("lin", "lin@example.org")), article, "News")
    assert [message.to for message in mail.outbox] == [["ada@example.org"]]


def test_an_account_without_a_verified_address_gets_no_follow_up_mail(
    article_factory, reader, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model

    post = partial(post_and_commit, django_capture_on_commit_callbacks)
    unverified = get_user_model().objects.create_user("zed", "zed@example.org", "pw-123456789")
    article = article_factory("Unverified")
    post(signed_in_as(unverified), article, "Watching", followup="on")
    assert not XtdComment.objects.get().followup
    post(signed_in_as(reader), article, "Hello")
    assert not mail.outbox


def test_bylines_show_the_display_name_never_the_username(article_factory):
    article = article_factory("Bylines")
    nameless = make_reader("secret_login_9", "s9@example.org")
    chosen = make_reader("another_login", "al@example.org", first_name="Real", last_name="Name")
    ReaderProfile.objects.create(user=chosen, display_name="Pen Name")
    post_comment(signed_in_as(nameless), article, "No name chosen")
    post_comment(signed_in_as(chosen), article, "With a pen name")
    html = Client().get(article.url).content.decode()
    assert "secret_login_9" not in html and "another_login" not in html
    assert "A reader" in html and "Pen Name" in html and "Real Name" not in html


def test_signup_asks_for_the_public_name_and_it_can_be_changed(
    client, article_factory, reader, django_capture_on_commit_callbacks
):
    form = client.get("/accounts/signup/").content.decode()
    assert 'name="display_name"' in form
    signed_in = signed_in_as(reader)
    article = article_factory("Renamed")
    post_comment(signed_in, article, "Before and after")
    assert "Ada Lovelace" in Client().get(article.url).content.decode()  # now cached
    page = signed_in.get("/accounts/name/")
    assert page.status_code == 200 and "Ada Lovelace" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post("/accounts/name/", {"display_name": "Countess"})
    assert response.status_code == 302
    html = Client().get(article.url).content.decode()
    assert "Countess" in html and "Ada Lovelace" not in html
    assert signed_in.post("/accounts/name/", {"display_name": ""}).status_code == 400


def test_the_comment_form_carries_no_account_details(signed_in, article_factory):
    article = article_factory("Form")
    fields = comment_form(signed_in, article)
    assert "name" not in fields and "email" not in fields


# --- 6. An edit passes the same moderation as a new comment -------------------------------


def test_an_edit_under_hold_all_is_held_until_approved(
    site, article_factory, reader, django_capture_on_commit_callbacks
):
    from discussion import moderation

    discussion_settings(site, moderation=ModerationPolicy.HOLD_ALL)
    article = article_factory("Edited into spam")
    comment = add_comment(article, "A fair point", user=reader)
    assert comment.is_public  # approved earlier
    signed_in = signed_in_as(reader)
    response = signed_in.post(f"/comments/{comment.pk}/edit/", {"comment": "BUY PILLS cheap"})
    assert response.status_code == 302
    assert "BUY PILLS" not in Client().get(article.url).content.decode()
    comment.refresh_from_db()
    assert not comment.is_public and comment in moderation.awaiting_moderation()
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve([comment], reader)
    assert "BUY PILLS" in Client().get(article.url).content.decode()


class RejectPills:
    @hookimpl
    def moderate_comment(self, comment):
        return Verdict.REJECT if "PILLS" in comment.comment else None


def test_an_edit_a_moderator_rejects_leaves_the_comment_as_it_was(article_factory, reader):
    article = article_factory("Rejected edit")
    comment = add_comment(article, "Original words", user=reader)
    with registered(RejectPills(), name="reject_pills"):
        response = signed_in_as(reader).post(
            f"/comments/{comment.pk}/edit/", {"comment": "BUY PILLS"}
        )
    assert (
        response.status_code == 400
        and "be published. Your comment is unchanged" in response.content.decode()
    )
    comment.refresh_from_db()
    assert comment.comment == "Original words" and comment.is_public


# --- 11. Confirmation mail carries no stranger's words -------------------------------------


def test_a_confirmation_mail_quotes_no_text_or_link(client, site, article_factory):
    discussion_settings(site, anonymous_comments=True)
    article = article_factory("Phishing bait")
    post_comment(
        client,
        article,
        "Your bank account is locked: log in at https://evil.example/login now",
        name="Security Team https://evil.example",
        email="victim@example.org",
    )
    (message,) = mail.outbox
    assert "evil.example" not in message.body and "bank" not in message.body
    assert "Security Team" not in message.body and "evil" not in message.subject
    assert "Phishing bait" in message.body


def test_confirmation_mails_are_limited_per_recipient(settings, site, article_factory):
    discussion_settings(site, anonymous_comments=True)
    limit = settings.MASTHEAD.get("CONFIRMATION_MAIL_RATE_LIMIT_PER_RECIPIENT", "3/h,6/d")
    allowed = int(limit.split("/")[0])
    article = article_factory("Mail bomb")
    statuses = []
    for n in range(allowed + 1):
        visitor = Client(REMOTE_ADDR=f"10.0.0.{n + 1}")  # a new sender each time
        response = post_comment(visitor, article, f"Spam {n}", name="X", email="Victim@Example.org")
        statuses.append(response.status_code)
    assert statuses == [302] * allowed + [429]
    assert len(mail.outbox) == allowed
    assert "Spam" in response.content.decode()  # the visitor's text is shown back, not lost


# --- 13. Comment screens check that the requester may read the article ---------------------


def make_private(article) -> None:
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)


def test_the_reported_page_does_not_reveal_a_private_article(client, article_factory, reader):
    article = article_factory("Secret plans")
    comment = add_comment(article, "Hush", user=reader)
    make_private(article)
    html = client.get(f"/comments/flagged/?c={comment.pk}").content.decode()
    assert "Secret plans" not in html and article.url not in html
    public = article_factory("Open plans")
    visible = add_comment(public, "Fine", user=reader)
    assert "Open plans" in client.get(f"/comments/flagged/?c={visible.pk}").content.decode()


def test_reporting_needs_read_access_to_the_article(site, article_factory, reader):
    from django.contrib.auth.models import Group

    article = article_factory("Members' corner")
    comment = add_comment(article, "Inside talk", user=reader)
    group = Group.objects.create(name="Members")
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    outsider = signed_in_as(make_reader("out", "out@example.org"))
    assert outsider.get(f"/comments/flag/{comment.pk}/").status_code == 404
    assert outsider.post(f"/comments/flag/{comment.pk}/").status_code == 404
    member = make_reader("member", "member@example.org")
    member.groups.add(group)
    assert signed_in_as(member).get(f"/comments/flag/{comment.pk}/").status_code == 200


def test_comment_permalinks_go_to_the_site_and_not_to_private_articles(client, article_factory):
    article = article_factory("Permalink")
    comment = add_comment(article, "Here")
    response = client.get(comment.get_absolute_url().split("#")[0])
    assert response.status_code == 302 and response["Location"] == article.full_url
    assert "example.com" not in response["Location"]
    make_private(article)
    assert client.get(comment.get_absolute_url().split("#")[0]).status_code == 404
    assert client.get("/comments/cr/1/not-a-number/").status_code == 404


def test_the_posted_page_tells_only_the_author_and_only_about_readable_articles(
    article_factory, reader
):
    article = article_factory("Thanks page")
    comment = add_comment(article, "Mine", user=reader)
    signed_in = signed_in_as(reader)
    assert "see it under" in signed_in.get(f"/comments/posted/?c={comment.pk}").content.decode()
    stranger = signed_in_as(make_reader("x", "x@example.org"))
    assert "Thanks page" not in stranger.get(f"/comments/posted/?c={comment.pk}").content.decode()
    make_private(article)
    article.refresh_from_db()
    group_only = PageViewRestriction.objects.get(page=article)
    group_only.restriction_type = PageViewRestriction.PASSWORD
    group_only.password = "sesame"
    group_only.save()
    assert "Thanks page" not in signed_in.get(f"/comments/posted/?c={comment.pk}").content.decode()


# --- 16/17. Old and future comment forms ----------------------------------------------------


def signed_form(article, timestamp: int) -> dict:
    """The hidden fields of the article's comment form as the site signs them at ``timestamp``."""
    import django_comments

    form = django_comments.get_form()(article)
    data = {name: str(value) for name, value in form.generate_security_data().items()}
    data.update(timestamp=str(timestamp), security_hash=form.initial_security_hash(timestamp))
    data["reply_to"] = "0"  # as the page's form sends it
    return data


def test_a_form_open_too_long_comes_back_filled_in(signed_in, article_factory):
    article = article_factory("Slow writer")
    three_hours_ago = int(time.time()) - 3 * 3600
    data = {**signed_form(article, three_hours_ago), "comment": "Thought long about this"}
    response = signed_in.post("/comments/post/", data)
    html = response.content.decode()
    assert response.status_code == 400 and "open for more than two hours" in html
    assert "field is required" not in html  # no error a signed-in reader has no box for
    assert "Thought long about this" in html and not XtdComment.objects.exists()
    renewed = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    assert int(renewed["timestamp"]) > three_hours_ago
    resend = {**renewed, "comment": "Thought long about this"}
    resend.pop("csrfmiddlewaretoken", None)
    assert signed_in.post("/comments/post/", resend).status_code == 302
    assert XtdComment.objects.get().comment == "Thought long about this"


def test_a_forged_old_form_is_still_refused(signed_in, article_factory):
    article = article_factory("Forgery")
    data = signed_form(article, int(time.time()) - 3 * 3600)
    data.update(security_hash="0" * 40, comment="Let me in")
    response = signed_in.post("/comments/post/", data)
    assert response.status_code == 400 and "two hours" not in response.content.decode()
    assert not XtdComment.objects.exists()


def test_a_form_signed_in_the_future_is_refused(signed_in, article_factory):
    article = article_factory("Time traveller")
    data = {**signed_form(article, int(time.time()) + 86400), "comment": "From tomorrow"}
    response = signed_in.post("/comments/post/", data)
    html = response.content.decode()
    assert response.status_code == 400 and "This form does not work" in html
    assert "From tomorrow" in html and not XtdComment.objects.exists()


def test_edits_and_public_names_get_the_same_invisible_character_rule(article_factory, reader):
    article = article_factory("Invisible")
    comment = add_comment(article, "Visible words", user=reader)
    signed_in = signed_in_as(reader)
    zero_width = "\u200b\u200b\u2060"
    response = signed_in.post(f"/comments/{comment.pk}/edit/", {"comment": zero_width})
    assert response.status_code == 400 and "Your comment is empty" in response.content.decode()
    comment.refresh_from_db()
    assert comment.comment == "Visible words"
    override = "evil\u202egnp.exe"
    assert signed_in.post(f"/comments/{comment.pk}/edit/", {"comment": override}).status_code == 302
    comment.refresh_from_db()
    assert comment.comment == "evilgnp.exe"
    assert signed_in.post("/accounts/name/", {"display_name": zero_width}).status_code == 400
    assert signed_in.post("/accounts/name/", {"display_name": "Ada\u202e"}).status_code == 302
    assert ReaderProfile.objects.get(user=reader).display_name == "Ada"


def test_junk_posts_do_not_use_up_someones_confirmation_mails(settings, site, article_factory):
    discussion_settings(site, anonymous_comments=True)
    article = article_factory("Allowance")
    for n in range(10):  # forms that fail (an empty comment): nothing is mailed or counted
        visitor = Client(REMOTE_ADDR=f"10.1.0.{n + 1}")
        response = post_comment(visitor, article, "", name="X", email="victim@example.org")
        assert response.status_code == 400
    response = post_comment(Client(), article, "Real words", name="V", email="victim@example.org")
    assert response.status_code == 302 and len(mail.outbox) == 1


@pytest.mark.parametrize("change", ["article made private", "visitor comments switched off"])
def test_a_confirmation_link_publishes_nothing_once_the_door_has_closed(
    client, site, article_factory, change
):
    article, link = visitor_comment_link(client, site, article_factory, title=f"Closing: {change}")
    if change == "article made private":
        make_private(article)
    else:
        discussion_settings(site, anonymous_comments=False)
    response = client.post(link)
    assert response.status_code == 200 and "could not be published" in response.content.decode()
    assert not XtdComment.objects.exists()


def test_a_reader_cannot_take_the_editors_name(client, reader):
    signed_in = signed_in_as(reader)
    for name in ("The Editors", "ＡＤＭＩＮ", "Mod-erator"):
        response = signed_in.post("/accounts/name/", {"display_name": name})
        assert response.status_code == 400 and "kept for the site" in response.content.decode()
    assert not ReaderProfile.objects.filter(user=reader).exists()
