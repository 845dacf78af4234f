"""A reader signs in, comments, corrects the comment, replies and reports; the comment
screens pass the accessibility audit."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment
from playwright.sync_api import Page, expect

from articles.models import ArticlePage

from .test_accessibility import BLOCKING_IMPACTS, Axe, audit, describe

pytestmark = pytest.mark.e2e

PASSWORD = "a-long-reader-password"


@pytest.fixture
def commenter(db):
    user = get_user_model().objects.create_user(
        "ada", "ada@example.org", PASSWORD, first_name="Ada", last_name="Lovelace"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def sign_in(page: Page, next_url: str) -> None:
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("Username or email").fill("ada@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(next_url) + "$"))


def test_reader_comments_edits_replies_and_reports(page, commenter, article_factory):
    article = article_factory("Let us talk")
    other = XtdComment.objects.create(
        content_type=ContentType.objects.get_for_model(ArticlePage),
        object_pk=str(article.pk),
        site_id=1,
        user_name="Grace Hopper",
        user_email="grace@example.org",
        comment="Somebody else's opinion",
    )
    sign_in(page, article.url)

    comments = page.get_by_role("region", name=re.compile("comment", re.I))
    page.get_by_label("Your comment").fill("My <b>first</b> thought, see https://example.org")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".messages")).to_contain_text("Your comment is published.")
    mine = page.get_by_role("article", name="Comment by Ada Lovelace")
    expect(mine).to_contain_text("My <b>first</b> thought")
    expect(mine.get_by_role("link", name="https://example.org")).to_have_attribute(
        "rel", "nofollow"
    )
    expect(comments.get_by_role("heading", level=2)).to_have_text("2 comments")

    mine.get_by_role("link", name="Edit your comment").click()
    page.get_by_label("Your comment").fill("My corrected thought")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".messages")).to_contain_text("Your comment is updated.")
    expect(page.get_by_role("article", name="Comment by Ada Lovelace")).to_contain_text(
        "My corrected thought"
    )

    theirs = page.get_by_role("article", name="Comment by Grace Hopper")
    theirs.get_by_text("Reply to Grace Hopper").click()
    theirs.get_by_label("Your reply").fill("I agree with Grace")
    theirs.get_by_role("button", name="Post reply").click()
    reply = XtdComment.objects.get(comment="I agree with Grace")
    assert reply.parent_id == other.pk and reply.level == 1
    expect(page.locator(f"#c{other.pk} .comment-list--replies")).to_contain_text(
        "I agree with Grace"
    )

    page.get_by_role("article", name="Comment by Grace Hopper").get_by_role(
        "link", name="Report comment by Grace Hopper"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a comment")
    page.get_by_role("button", name="Report this comment").click()
    expect(page).to_have_url(re.compile(re.escape(article.url)))
    assert CommentFlag.objects.filter(comment=other, flag=CommentFlag.SUGGEST_REMOVAL).exists()


def test_comment_screens_have_no_serious_accessibility_violations(page, commenter, article_factory):
    article = article_factory("Audited talk")
    sign_in(page, article.url)
    page.get_by_label("Your comment").fill("Something to audit")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".messages")).to_contain_text("published")
    comment = XtdComment.objects.get()
    other = XtdComment.objects.create(
        content_type=comment.content_type,
        object_pk=comment.object_pk,
        site_id=1,
        user_name="Grace Hopper",
        user_email="grace@example.org",
        comment="Another voice",
    )
    screens = {
        "article with comments": article.url,
        "edit comment": f"/comments/{comment.pk}/edit/",
        "delete comment": f"/comments/{comment.pk}/delete/",
        "report comment": f"/comments/flag/{other.pk}/",
    }
    axe = Axe()
    violations: list[dict] = []
    for label, url in screens.items():
        response = page.goto(url)
        assert response is not None and response.status == 200, (label, response)
        found, _ = audit(page, axe, label)
        violations += found
    print(describe(violations) or "  no violations")
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, "Serious or critical accessibility violations:\n" + describe(blocking)
