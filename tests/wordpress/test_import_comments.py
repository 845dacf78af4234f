"""Comments imported from WordPress: threads, statuses, people, and nothing mailed."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django_comments_xtd.models import XtdComment

from articles.models import ArticlePage
from discussion.moderation import awaiting_moderation

from .exports import author, comment, export, item, write

pytestmark = pytest.mark.django_db


def run(path, **options):
    out = io.StringIO()
    call_command("import_wordpress", str(path), stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def post_with(*comments, wp_id=10, slug="talk"):
    return export(
        author(2, "ann", "Ann Smith", "ann@example.org"),
        item(wp_id, "Let's talk", slug=slug, extra="".join(comments)),
    )


def comments_of(slug="talk"):
    article = ArticlePage.objects.get(slug=slug)
    return list(XtdComment.objects.filter(object_pk=str(article.pk)).order_by("thread_id", "order"))


def test_a_thread_ten_deep_keeps_its_order_within_the_sites_depth(tmp_path, home_page, client):
    chain = [comment(1, "Level 0")] + [
        comment(n, f"Level {n - 1}", parent=n - 1) for n in range(2, 11)
    ]
    output = run(write(tmp_path, "site.xml", post_with(*chain)))
    stored = comments_of()
    assert [c.comment for c in stored] == [f"Level {n}" for n in range(10)]
    assert [c.level for c in stored] == [0, 1] + [2] * 8
    assert len({c.thread_id for c in stored}) == 1
    # Levels 3 to 9 are deeper than the site allows.
    assert output.count("nested deeper than the site's 2 levels") == 7
    page = client.get(ArticlePage.objects.get(slug="talk").url).content.decode()
    assert page.index("Level 0") < page.index("Level 1") < page.index("Level 9")


def test_a_reply_listed_before_its_parent_is_still_threaded(tmp_path, home_page):
    run(write(tmp_path, "site.xml", post_with(comment(5, "Reply", parent=4), comment(4, "First"))))
    first, reply = comments_of()
    assert (first.comment, reply.comment) == ("First", "Reply")
    assert reply.parent_id == first.pk and reply.level == 1


def test_statuses_decide_what_is_published_held_or_skipped(tmp_path, home_page):
    text = post_with(
        comment(1, "Approved"),
        comment(2, "Waiting", approved="0"),
        comment(3, "Buy pills", approved="spam"),
        comment(4, "Binned", approved="trash"),
        comment(5, "Linked to you", kind="pingback"),
        comment(6, "Tracked", kind="trackback"),
    )
    output = run(write(tmp_path, "site.xml", text), report=str(tmp_path / "r.json"))
    stored = {c.comment: c.is_public for c in comments_of()}
    assert stored == {"Approved": True, "Waiting": False}
    assert [c.comment for c in awaiting_moderation()] == ["Waiting"]
    reasons = json.loads((tmp_path / "r.json").read_text())["skipped_because"]
    assert reasons == {
        "comments: spam": 1,
        "comments: in the trash": 1,
        "comments: pingbacks": 1,
        "comments: trackbacks": 1,
    }
    assert "Skipped:" in output


def test_a_reply_to_a_skipped_comment_starts_its_own_thread(tmp_path, home_page):
    text = post_with(comment(1, "Spam", approved="spam"), comment(2, "Real reply", parent=1))
    output = run(write(tmp_path, "site.xml", text))
    (reply,) = comments_of()
    assert reply.level == 0
    assert "its parent comment was not imported" in output


def test_commenters_keep_their_name_address_site_and_date(tmp_path, home_page):
    run(write(tmp_path, "site.xml", post_with(comment(1, "Hello"))))
    (stored,) = comments_of()
    assert (stored.user_name, stored.user_email, stored.user_url) == (
        "Bo",
        "bo@example.org",
        "https://bo.example.org/",
    )
    assert stored.submit_date.isoformat() == "2024-01-06T10:00:00+00:00"
    assert stored.user is None


def test_a_comment_by_an_imported_user_is_theirs(tmp_path, home_page):
    by_ann = comment(1, "Author here").replace(
        "<wp:comment_user_id>0</wp:comment_user_id>", "<wp:comment_user_id>2</wp:comment_user_id>"
    )
    run(write(tmp_path, "site.xml", post_with(by_ann)), create_users=True)
    (stored,) = comments_of()
    assert stored.user == get_user_model().objects.get(username="ann")


def test_comment_markup_becomes_plain_text_and_hostile_text_stays_text(tmp_path, home_page, client):
    text = post_with(
        comment(1, "<p>Para one &amp; more</p><p>Two<br>lines</p>"),
        comment(2, "<script>alert('x')</script><img src=x onerror=alert(1)>ok"),
    )
    run(write(tmp_path, "site.xml", text))
    first, second = comments_of()
    assert first.comment == "Para one & more\n\nTwo\nlines"
    assert "<script" not in second.comment and "onerror" not in second.comment
    page = client.get(ArticlePage.objects.get(slug="talk").url).content.decode()
    assert "alert(1)" not in page and "<script>alert" not in page


def test_importing_again_adds_no_comment_and_nobody_is_mailed(tmp_path, home_page):
    path = write(tmp_path, "site.xml", post_with(comment(1, "One"), comment(2, "Two", parent=1)))
    run(path)
    run(path)
    assert len(comments_of()) == 2
    assert mail.outbox == []
