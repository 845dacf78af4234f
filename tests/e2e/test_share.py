"""A reader shares an article: plain links to the networks, a copy-link button that
copies, and no share-sheet button where the browser has none."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_reader_copies_the_link_and_sees_plain_share_links(new_page, article_factory):
    article = article_factory("Worth passing on")
    page = new_page(
        viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"]
    )
    page.goto(article.url)
    row = page.get_by_role("region", name="Share this article")
    facebook = row.get_by_role("link", name="Share on Facebook")
    href = facebook.get_attribute("href")
    assert urlsplit(href).netloc == "www.facebook.com" and facebook.get_attribute("rel") == (
        "noopener nofollow"
    )
    email = row.get_by_role("link", name="Share by email")
    assert email.get_attribute("href").startswith("mailto:?subject=Worth%20passing%20on")
    # Chromium on a Linux desktop has no share sheet: the button stays hidden.
    expect(row.get_by_role("button", name="Share…")).to_be_hidden()

    copy = row.get_by_role("link", name="Copy link")
    canonical = copy.get_attribute("href")  # the article's canonical address
    assert urlsplit(canonical).path == article.url
    copy.click()
    expect(row.get_by_role("status")).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == canonical
    assert urlsplit(page.url).path == article.url  # the click copied instead of navigating
