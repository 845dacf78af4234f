"""An editor signs in to the Wagtail admin, publishes an article and re-themes the site."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import EDITOR_PASSWORD, EDITOR_USERNAME

pytestmark = pytest.mark.e2e


def sign_in(page: Page) -> None:
    # The admin's sign-in address leads to the site's one door, and back to the admin.
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/admin/$"))
    page.get_by_label("Username or email").fill(EDITOR_USERNAME)
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Masthead")


def body_classes(page: Page) -> set[str]:
    return set((page.locator("body").get_attribute("class") or "").split())


def test_editor_writes_and_publishes_an_article(new_page, editor, section, article_factory):
    article_factory("Yesterday's news", days_ago=1)
    reader = new_page()
    reader.goto("/")
    expect(reader.get_by_role("region", name="Featured")).to_contain_text("Yesterday's news")

    page = new_page(viewport={"width": 1280, "height": 900})
    sign_in(page)
    page.get_by_role("button", name="Pages").click()
    page.get_by_role("link", name="View child pages of 'Home'").click()
    page.get_by_role("link", name="Health", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/admin/pages/{section.pk}/$"))
    page.get_by_role("link", name="Add child page").click()
    # Articles are the only page type a section takes, so the form opens straight away.
    expect(page).to_have_url(re.compile(rf"/admin/pages/add/articles/articlepage/{section.pk}/$"))

    page.get_by_placeholder("Page title").fill("Written in the browser")
    page.get_by_role("textbox", name="Lede", exact=True).fill("A lede typed by a real editor.")
    page.get_by_title("Insert a block").first.click()
    page.get_by_role("option", name="Text", exact=True).click()
    page.locator(".CodeMirror").first.click()
    page.keyboard.type("## Typed in markdown\n\nSome **bold** words about hedgehogs.")

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/admin/pages/{section.pk}/$"))
    expect(page.get_by_text("Page 'Written in the browser' created and published.")).to_be_visible()

    # The anonymous reader (no session, so possibly served from the page cache)
    # finds the new article on the front page and reads it.
    reader.goto("/")
    featured = reader.get_by_role("region", name="Featured")
    featured.get_by_role("link", name="Written in the browser").click()
    expect(reader).to_have_url(re.compile(r"/health/written-in-the-browser/$"))
    expect(reader.get_by_role("heading", level=1)).to_have_text("Written in the browser")
    expect(reader.locator(".article__lede")).to_have_text("A lede typed by a real editor.")
    body = reader.locator(".article__body")
    expect(body.get_by_role("heading", level=2)).to_have_text("Typed in markdown")
    expect(body.locator("strong")).to_have_text("bold")
    expect(body).to_contain_text("Some bold words about hedgehogs.")


def test_editor_changes_the_theme_and_readers_see_it(new_page, editor, article_factory):
    article = article_factory("Themed article")
    reader = new_page()
    reader.goto("/")
    assert {"header-logo-left-menu-right", "menu-dark", "breadcrumbs-visible"} <= body_classes(
        reader
    )
    reader.goto(article.url)
    expect(reader.get_by_role("navigation", name="Breadcrumb")).to_be_visible()

    page = new_page(viewport={"width": 1280, "height": 900})
    sign_in(page)
    page.get_by_role("button", name="Settings").click()
    page.get_by_role("link", name="Theme").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Theme")
    page.get_by_label("Header layout").select_option(label="Logo and menu centred")
    page.get_by_label("Menu background").select_option(label="Light")
    page.get_by_label("Breadcrumbs visible").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Theme updated.")).to_be_visible()

    # The reader's earlier visit may be cached; saving the theme must refresh it.
    reader.goto("/")
    classes = body_classes(reader)
    assert {"header-centred", "menu-light", "breadcrumbs-hidden"} <= classes, classes
    assert not {"header-logo-left-menu-right", "menu-dark", "breadcrumbs-visible"} & classes
    reader.goto(article.url)
    expect(reader.locator("body")).to_have_class(re.compile(r"\bbreadcrumbs-hidden\b"))
    expect(reader.get_by_role("navigation", name="Breadcrumb")).to_have_count(0)
