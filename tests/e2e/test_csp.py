"""No page breaks its own Content-Security-Policy, for a reader or an editor.

Every page type is opened in Chromium with a listener for `securitypolicyviolation`
(see ``record_policy_violations``): a blocked script, style, frame, eval or
connection shows up there. The admin's editor is used for real, to prove the
policy leaves it working.
"""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import Page, expect

from ..discussion.comment_helpers import add_comment
from .conftest import record_policy_violations

pytestmark = pytest.mark.e2e

PASSWORD = "a-long-test-password"


def account(username: str, *, staff: bool = False):
    email = f"{username}@example.org"
    users = get_user_model().objects
    make = users.create_superuser if staff else users.create_user
    user = make(username, email, PASSWORD, first_name=username.title(), last_name="Tester")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def sign_in(page: Page, username: str, next_url: str) -> None:
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("Username or email").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(next_url) + "$"))


def visit(page: Page, url: str, status: int = 200) -> None:
    response = page.goto(url)
    assert response is not None and response.status == status, (url, response and response.status)
    assert "content-security-policy" in response.headers, url
    page.wait_for_load_state("load")


def assert_no_violations(violations: list[dict]) -> None:
    assert not violations, "policy violations:\n  " + "\n  ".join(map(str, violations))


def test_reader_sees_every_public_page_without_a_violation(page, magazine):
    violations = record_policy_violations(page)
    urls = [
        "/",
        magazine.health.url,
        magazine.lead.url,
        magazine.lead.url,  # again: now from the page cache
        magazine.mira.url,
        magazine.mira.get_parent().url,
        "/tags/sleep/",
        "/search/?q=sleep",
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
    ]
    for url in urls:
        visit(page, url)
    visit(page, "/no-such-page/", status=404)
    visit(page, "/admin/", status=200)  # sent on to the sign-in page
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/admin/$"))
    assert_no_violations(violations)


def test_reader_shares_comments_and_opens_account_pages_without_a_violation(new_page, magazine, db):
    reader = account("ada")
    page = new_page(
        viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"]
    )
    violations = record_policy_violations(page)
    article = magazine.lead
    sign_in(page, "ada", article.url)

    # The share row's script copies the link (clipboard-write is allowed to the site).
    row = page.get_by_role("region", name="Share this article")
    row.get_by_role("link", name="Copy link").click()
    expect(row.get_by_role("status")).to_have_text("Link copied")

    page.get_by_label("Your comment").fill("A comment posted under the policy.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".messages")).to_contain_text("Your comment is published.")

    other = add_comment(article, "Somebody else's opinion")
    visit(page, reverse("comments-flag", args=[other.pk]))
    for name in ("account_email", "account_change_password", "mfa_index", "mfa_activate_totp"):
        visit(page, reverse(name))
    assert reader.is_authenticated
    assert_no_violations(violations)


def test_editor_edits_an_article_in_the_admin_without_a_violation(new_page, magazine, db):
    account("editor", staff=True)
    page = new_page(viewport={"width": 1400, "height": 1000})
    violations = record_policy_violations(page)
    sign_in(page, "editor", "/admin/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Masthead")
    visit(page, reverse("wagtailadmin_explore", args=[magazine.health.pk]))

    article = magazine.walking
    visit(page, reverse("wagtailadmin_pages:edit", args=[article.pk]))
    page.get_by_placeholder("Page title").fill("Walking, typed under a strict policy")
    editor = page.locator(".CodeMirror").first
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n\nA paragraph typed in the **markdown** editor.")
    expect(editor).to_contain_text("typed in the **markdown** editor")
    # The markdown editor's own preview renders the text as HTML in the page.
    page.get_by_role("button", name="Toggle Preview", exact=True).first.click()
    expect(page.locator(".editor-preview-active strong").first).to_have_text("markdown")
    page.get_by_role("button", name="Toggle Preview", exact=True).first.click()

    # An inline panel adds a child form (its chooser's script arrives with the form),
    # and the chooser opens its modal.
    page.locator("#id_article_authors-ADD").click()
    authors = page.locator("#id_article_authors-FORMS")
    authors.get_by_role("button", name=re.compile("^Choose a page")).last.click()
    page.get_by_role("dialog").get_by_role("link", name="Jonas Berg").click()
    expect(authors).to_contain_text("Jonas Berg")

    page.get_by_role("button", name="Save draft").click()
    expect(
        page.get_by_text("Page 'Walking, typed under a strict policy' has been updated.")
    ).to_be_visible()

    # The preview frames the page from the admin (frame-ancestors 'self').
    page.get_by_role("button", name="Toggle preview", exact=True).click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text(
        "Walking, typed under a strict policy"
    )

    # The article as the editor sees it on the site, with Wagtail's user bar.
    visit(page, magazine.lead.url)
    # Its content checks run axe in the page: no eval needed.
    userbar = page.locator("wagtail-userbar")
    userbar.get_by_role("button", name="View Wagtail quick actions").click()
    userbar.get_by_role("menuitem", name=re.compile("Checks")).click()
    count = userbar.locator("#checker-results [data-content-checker-count]")
    expect(count).to_have_text(re.compile(r"^\d+$"))  # axe has run and counted
    assert_no_violations(violations)
