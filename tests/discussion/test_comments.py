"""Comments on articles: posting through the real views, showing them safely and cheaply."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_comments_xtd.models import XtdComment

from .comment_helpers import add_comment, comment_form, post_comment

pytestmark = pytest.mark.django_db


def test_a_signed_in_reader_posts_with_their_name(signed_in, article_factory):
    article = article_factory("Talk about it")
    response = post_comment(signed_in, article, "First! This was useful.")
    assert response.status_code == 302
    comment = XtdComment.objects.get()
    assert comment.name == "Ada Lovelace"
    assert comment.user.username == "ada"
    html = signed_in.get(article.url).content.decode()
    assert "First! This was useful." in html
    assert "1 comment" in html


def test_visitors_see_a_sign_in_prompt_and_cannot_post(client, article_factory, reader):
    article = article_factory("Members talk")
    html = client.get(article.url).content.decode()
    assert "Post A Comment" in html
    assert "to join the discussion" in html and 'action="/comments/post/"' not in html
    signed = Client()
    signed.force_login(reader)
    data = comment_form(signed, article)
    response = client.post("/comments/post/", {**data, "comment": "sneaky"})
    assert response.status_code == 400
    assert not XtdComment.objects.exists()


def test_threads_show_replies_under_their_parent(client, article_factory, reader):
    article = article_factory("Threads")
    first = add_comment(article, "Top level", user=reader)
    add_comment(article, "A reply", user=reader, parent=first)
    add_comment(article, "Another top", user=reader)
    html = client.get(article.url).content.decode()
    thread = html.split(f'id="c{first.pk}"', 1)[1].split('class="comment-list"', 1)[0]
    assert "A reply" in thread
    assert html.index("Top level") < html.index("A reply") < html.index("Another top")
    assert "3 comments" in html


def test_a_removed_comment_keeps_its_replies(client, article_factory, reader):
    article = article_factory("Removal")
    first = add_comment(article, "Regrettable", user=reader)
    add_comment(article, "Still worth reading", user=reader, parent=first)
    lonely = add_comment(article, "Gone entirely", user=reader)
    XtdComment.objects.filter(pk__in=[first.pk, lonely.pk]).update(is_removed=True)
    html = client.get(article.url).content.decode()
    assert "Regrettable" not in html and "Gone entirely" not in html
    assert "Comment removed" in html and "Still worth reading" in html
    assert "1 comment" in html


def test_hostile_comment_text_is_shown_as_text(signed_in, article_factory):
    article = article_factory("Hostile talk")
    text = (
        "<script>alert(1)</script> <img src=x onerror=alert(2)> "
        "[x](javascript:alert(3)) see https://example.org/a?b=1&c=2"
    )
    assert post_comment(signed_in, article, text).status_code == 302
    html = signed_in.get(article.url).content.decode()
    body = html.split('class="comment__text"', 1)[1].split("</div>", 1)[0]
    assert "<script>" not in body and "<img" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert 'href="javascript:' not in body
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow">' in body


def test_a_100kb_comment_is_refused_and_nothing_is_stored(signed_in, article_factory):
    article = article_factory("Long talk")
    response = post_comment(signed_in, article, "x" * 100_000)
    assert response.status_code == 400  # the form again, with the error
    assert "Your comment needs a change" in response.content.decode()
    assert "Ensure this value has at most 3000 characters" in response.content.decode()
    assert not XtdComment.objects.exists()


def test_a_forged_security_hash_is_refused(signed_in, article_factory):
    article = article_factory("Forgery")
    response = post_comment(signed_in, article, "hello", security_hash="0" * 40)
    assert response.status_code == 400
    assert not XtdComment.objects.exists()


def test_an_expired_form_is_refused(signed_in, article_factory):
    import time

    import django_comments

    article = article_factory("Stale form")
    form = django_comments.get_form()(article)
    old = str(int(time.time()) - 3 * 3600)  # django-contrib-comments allows two hours
    fields = {"content_type": "articles.articlepage", "object_pk": str(article.pk)}
    response = post_comment(
        signed_in,
        article,
        "Written long ago",
        timestamp=old,
        security_hash=form.generate_security_hash(timestamp=old, **fields),
    )
    assert response.status_code == 400
    assert not XtdComment.objects.exists()


def test_a_reply_to_a_held_comment_is_refused(signed_in, article_factory, reader):
    article = article_factory("Held parent")
    parent = add_comment(article, "Awaiting approval", user=reader, is_public=False)
    response = post_comment(signed_in, article, "Sneaky reply", reply_to=str(parent.pk))
    assert response.status_code == 400
    assert XtdComment.objects.count() == 1


def test_a_reply_to_a_comment_on_another_article_is_refused(signed_in, article_factory, reader):
    here = article_factory("Here")
    there = article_factory("There")
    elsewhere = add_comment(there, "Elsewhere", user=reader)
    response = post_comment(signed_in, here, "Cross-thread", reply_to=str(elsewhere.pk))
    assert response.status_code == 400
    assert XtdComment.objects.count() == 1


def test_a_reply_to_a_removed_comment_is_refused(signed_in, article_factory, reader):
    article = article_factory("Removed parent")
    parent = add_comment(article, "Soon removed", user=reader)
    XtdComment.objects.filter(pk=parent.pk).update(is_removed=True)
    response = post_comment(signed_in, article, "Too late", reply_to=str(parent.pk))
    assert response.status_code == 400
    assert XtdComment.objects.count() == 1


def test_posting_needs_the_csrf_token(article_factory, reader):
    article = article_factory("CSRF")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(reader)
    data = comment_form(strict, article)
    data.pop("csrfmiddlewaretoken", None)
    response = strict.post("/comments/post/", {**data, "comment": "no token"})
    assert response.status_code == 403
    assert not XtdComment.objects.exists()


def test_a_new_comment_refreshes_the_cached_page(client, article_factory, reader):
    article = article_factory("Cached talk")
    client.get(article.url)
    add_comment(article, "Fresh remark", user=reader)
    assert "Fresh remark" in client.get(article.url).content.decode()


def test_query_count_does_not_grow_with_comments(client, settings, article_factory, reader):
    settings.MASTHEAD = {**settings.MASTHEAD, "PAGE_CACHE_SECONDS": 0}
    counts = {}
    for count in (0, 10, 200):
        article = article_factory(f"Discussion of {count}")
        parent = None
        for i in range(count):
            made = add_comment(article, f"Comment {i}", user=reader, parent=parent)
            parent = made if i % 3 == 0 else None
        client.get(article.url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(article.url)
        assert response.status_code == 200
        if count:
            assert f"{count} comments" in response.content.decode()
        counts[count] = len(queries)
    # The full article page costs 26; without authors, hero or related cards, 18.
    assert counts == {0: 18, 10: 18, 200: 18}


def test_lists_show_each_articles_comment_count(client, section, article_factory, reader):
    talked = article_factory("Talked about", days_ago=1)
    article_factory("Quiet", days_ago=2)
    add_comment(talked, "One", user=reader)
    add_comment(talked, "Two", user=reader)
    for url in [section.url, "/"]:
        html = client.get(url).content.decode()
        assert f'href="{talked.url}#comments">2 comments</a>' in html, url
        assert html.count('#comments">') == 1, url


def test_closed_articles_show_no_form_and_refuse_posts(signed_in, article_factory):
    article = article_factory("Open for now")
    form = comment_form(signed_in, article)
    article.comment_policy = "closed"
    article.save_revision().publish()
    html = signed_in.get(article.url).content.decode()
    assert "Comments are closed on this article." in html
    assert 'action="/comments/post/"' not in html
    response = signed_in.post("/comments/post/", {**form, "comment": "Too late"})
    assert response.status_code == 400
    assert not XtdComment.objects.exists()


def test_comments_close_automatically_after_the_sites_days(site, article_factory):
    from discussion.models import DiscussionSettings

    settings_row = DiscussionSettings.for_site(site)
    settings_row.default_policy = "auto"
    settings_row.close_after_days = 30
    settings_row.save()
    fresh = article_factory("Fresh", days_ago=29)
    stale = article_factory("Stale", days_ago=31)
    assert fresh.accepts_comments() is True
    assert stale.accepts_comments() is False
    stale.comments_close_after_days = 60  # the article's own override
    assert stale.accepts_comments() is True
    stale.comment_policy = "open"
    stale.comments_close_after_days = None
    assert stale.accepts_comments() is True  # an article may stay open for good


def test_a_reader_replies_from_the_reply_form_under_a_comment(signed_in, article_factory, reader):
    article = article_factory("Replies")
    parent = add_comment(article, "Start here", user=reader)
    html = signed_in.get(article.url).content.decode()
    assert f'<input type="hidden" name="reply_to" value="{parent.pk}">' in html
    response = post_comment(signed_in, article, "Answering you", reply_to=str(parent.pk))
    assert response.status_code == 302
    reply = XtdComment.objects.get(comment="Answering you")
    assert (reply.parent_id, reply.thread_id, reply.level) == (parent.pk, parent.pk, 1)
    html = signed_in.get(article.url).content.decode()
    thread = html.split(f'id="c{parent.pk}"', 1)[1]
    assert "Answering you" in thread


def test_replies_stop_at_the_deepest_level_without_an_error(signed_in, article_factory, reader):
    article = article_factory("Deep")
    first = add_comment(article, "Level 0", user=reader)
    second = add_comment(article, "Level 1", user=reader, parent=first)
    third = add_comment(article, "Level 2", user=reader, parent=second)
    assert third.level == 2
    html = signed_in.get(article.url).content.decode()
    assert f'name="reply_to" value="{second.pk}"' in html
    assert f'name="reply_to" value="{third.pk}"' not in html  # no reply form that deep
    response = post_comment(signed_in, article, "Too deep", reply_to=str(third.pk))
    assert response.status_code == 400
    assert XtdComment.objects.count() == 3


def test_the_honeypot_catches_bots_and_nothing_is_stored(signed_in, article_factory):
    article = article_factory("Honeypot")
    response = post_comment(signed_in, article, "Buy now", honeypot="I am a bot")
    assert response.status_code == 400
    assert not XtdComment.objects.exists()


def test_a_signed_in_readers_page_costs_the_same_with_many_comments(
    signed_in, article_factory, reader
):
    counts = {}
    for count in (0, 30):
        article = article_factory(f"Signed-in discussion of {count}")
        for i in range(count):
            add_comment(article, f"Comment {i}", user=reader)
        signed_in.get(article.url)
        with CaptureQueriesContext(connection) as queries:
            html = signed_in.get(article.url).content.decode()
        counts[count] = len(queries)
        shown = min(count, 20)  # conversations per page, by default
        assert html.count('name="reply_to"') == shown + 1  # a reply form each, and the main one
    assert counts[0] == counts[30]
