"""A reader finds their way around the public site in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

DEFAULT_THEME = (
    "header-logo-left-menu-right",
    "menu-dark",
    "breadcrumbs-visible",
    "hero-shown",
    "width-full",
)


def expect_body_classes(page: Page, *classes: str) -> None:
    for name in classes:
        expect(page.locator("body")).to_have_class(re.compile(rf"(^|\s){re.escape(name)}(\s|$)"))


def card(page: Page, title: str):
    """The link in the card headed ``title`` (the card's picture link is hidden from readers)."""
    return page.locator(".card").filter(has_text=title).get_by_role("link", name=title)


def section_nav(page: Page):
    return page.get_by_role("navigation", name="Sections")


def expect_image_loaded(page: Page, selector: str) -> None:
    """Wait until the first image matching ``selector`` has loaded (scrolling lazy ones in)."""
    page.locator(selector).first.scroll_into_view_if_needed()
    page.wait_for_function(
        "selector => { const img = document.querySelector(selector);"
        " return img !== null && img.complete && img.naturalWidth > 0; }",
        arg=selector,
    )


def test_reader_goes_from_the_front_page_to_an_article_its_author_and_a_tag(page, magazine):
    lead = magazine.lead

    page.goto("/")
    expect_body_classes(page, *DEFAULT_THEME, "template-home")
    featured = page.get_by_role("region", name="Featured")
    expect(featured.get_by_role("link", name=lead.title)).to_be_visible()
    expect(featured).to_contain_text(lead.lede)
    latest = page.get_by_role("region", name="Latest")
    for article in (magazine.night_owls, magazine.walking, magazine.nutrition):
        expect(latest.get_by_role("link", name=article.title)).to_be_visible()
    expect(latest.get_by_role("link", name=lead.title)).to_have_count(0)

    section_nav(page).get_by_role("link", name="Health").click()
    expect(page).to_have_url(re.compile(r"/health/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Health")
    expect(section_nav(page).get_by_role("link", name="Health")).to_have_attribute(
        "aria-current", "page"
    )
    expect(page.locator(".card")).to_have_count(3)  # Night owls is in Culture

    card(page, lead.title).click()
    expect(page).to_have_url(re.compile(r"/health/the-quiet-science-of-sleep/$"))
    expect_body_classes(page, *DEFAULT_THEME, "template-article")
    expect(page.get_by_role("heading", level=1)).to_have_text(lead.title)
    expect(page.locator(".article__lede")).to_have_text(lead.lede)
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_contain_text("Health")
    expect_image_loaded(page, ".article__hero img")
    expect(page.locator(".article__hero figcaption")).to_have_text(lead.hero_caption)

    byline = page.locator(".article__byline")
    expect(byline).to_have_text("By Mira Okafor and Jonas Berg")
    expect(byline.get_by_role("link", name="Mira Okafor")).to_have_attribute("rel", "author")
    source = page.locator(".article__source")
    expect(source).to_have_text("Originally published on Psychology Today")
    expect(source.get_by_role("link", name="Psychology Today")).to_have_attribute(
        "href", "https://www.psychologytoday.example/sleep"
    )

    body = page.locator(".article__body")
    expect(body.get_by_role("heading", level=2, name="What happens overnight")).to_be_visible()
    expect(body.locator(".pull-quote blockquote")).to_have_text("Sleep is the best meditation.")
    expect(body.locator(".pull-quote figcaption")).to_have_text("— The Dalai Lama")
    image = body.locator("figure.article-image")
    expect(image.get_by_role("img")).to_have_attribute(
        "alt", "An alarm clock on a bedside table at dawn"
    )
    expect(image.locator("figcaption")).to_have_text(
        "Waking at the same time every day anchors the body clock. Photo: Masthead"
    )

    tags = page.locator(".article__footer .tag-list")
    expect(tags.get_by_role("link")).to_have_text(["research", "sleep"])

    boxes = page.get_by_role("region", name="About the authors")
    expect(boxes.locator(".author-box")).to_have_count(2)
    mira_box = boxes.locator(".author-box").filter(has_text="Mira Okafor")
    expect(mira_box).to_contain_text("Health editor")
    expect(mira_box).to_contain_text("Mira writes about sleep, habits")
    expect(mira_box.get_by_role("link", name="Night Notes")).to_have_attribute(
        "href", "https://mira.example/"
    )
    expect_image_loaded(page, ".author-box__photo")

    related = page.get_by_role("region", name="Related articles")
    expect(related.get_by_role("link", name=magazine.walking.title)).to_be_visible()

    byline.get_by_role("link", name="Mira Okafor").click()
    expect(page).to_have_url(re.compile(r"/authors/mira-okafor/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mira Okafor")
    expect_body_classes(page, "template-author")
    by_mira = page.get_by_role("region", name="Articles by Mira Okafor")
    expect(by_mira.get_by_role("link", name=lead.title)).to_be_visible()
    expect(by_mira.get_by_role("link", name=magazine.walking.title)).to_be_visible()
    expect(by_mira.get_by_role("link", name=magazine.nutrition.title)).to_have_count(0)

    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text(lead.title)
    tags.get_by_role("link", name="sleep").click()
    expect(page).to_have_url(re.compile(r"/tags/sleep/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tagged “sleep”")
    expect(page.locator(".card__title")).to_have_text([lead.title, magazine.night_owls.title])


def test_reader_filters_a_section_by_tag_pages_through_it_and_searches(page, settings, magazine):
    settings.MASTHEAD = {**settings.MASTHEAD, "ARTICLES_PER_PAGE": 2}
    lead, walking, nutrition = magazine.lead, magazine.walking, magazine.nutrition

    page.goto(magazine.health.url)
    filters = page.get_by_role("navigation", name="Filter by tag")
    expect(filters.get_by_role("link", name="All")).to_have_attribute("aria-current", "true")
    expect(page.locator(".card__title")).to_have_text([lead.title, walking.title])

    filters.get_by_role("link", name="nutrition").click()
    expect(page).to_have_url(re.compile(r"/health/\?tag=nutrition$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Health tagged “nutrition”")
    expect(page.locator(".card__title")).to_have_text([nutrition.title])
    expect(filters.get_by_role("link", name="nutrition")).to_have_attribute("aria-current", "true")
    expect(filters.get_by_role("link", name="All")).not_to_have_attribute("aria-current", "true")
    expect(page.get_by_role("navigation", name="Pages")).to_have_count(0)

    filters.get_by_role("link", name="All").click()
    pages = page.get_by_role("navigation", name="Pages")
    expect(pages).to_contain_text("Page 1 of 2")
    expect(pages.get_by_role("link", name="Newer")).to_have_count(0)
    pages.get_by_role("link", name="Older").click()
    expect(page).to_have_url(re.compile(r"/health/\?page=2$"))
    expect(pages).to_contain_text("Page 2 of 2")
    expect(page.locator(".card__title")).to_have_text([nutrition.title])
    expect(pages.get_by_role("link", name="Older")).to_have_count(0)
    pages.get_by_role("link", name="Newer").click()
    expect(page).to_have_url(re.compile(r"/health/\?page=1$"))
    expect(page.locator(".card__title")).to_have_text([lead.title, walking.title])

    search = page.get_by_role("search").first.get_by_role("searchbox", name="Search")
    search.fill("zeitgebers")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=zeitgebers$"))
    expect(page.locator(".search-count")).to_have_text("1 result for “zeitgebers”")
    results = page.locator(".search-results")
    expect(results.get_by_role("link")).to_have_text([lead.title])
    results.get_by_role("link", name=lead.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(lead.title)

    search = page.get_by_role("search").first.get_by_role("searchbox", name="Search")
    search.fill("xylophonist")
    page.get_by_role("search").first.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    expect(page.locator(".empty-state")).to_have_text(
        "Nothing matches “xylophonist”. Try fewer or different words."
    )
    expect(page.locator(".search-results")).to_have_count(0)


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def horizontal_overflow(page: Page) -> dict:
    return page.evaluate(
        """() => {
            const root = document.scrollingElement;
            const wide = [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1)
                .slice(0, 5)
                .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
            return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide};
        }"""
    )


def test_reader_on_a_phone_reads_an_article_without_sideways_scrolling(new_page, magazine):
    page = new_page(**PHONE)

    page.goto(magazine.lead.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(magazine.lead.title)
    expect_image_loaded(page, ".article__hero img")
    expect_image_loaded(page, "figure.article-image img")
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["clientWidth"], overflow

    page.evaluate("window.scrollTo(0, 0)")
    nav_links = section_nav(page).get_by_role("link")
    expect(nav_links).to_have_text(["Health", "Authors", "Culture"])
    for link in nav_links.all():
        expect(link).to_be_in_viewport()
        box = link.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    search = page.get_by_role("search").first.get_by_role("searchbox", name="Search")
    expect(search).to_be_in_viewport()

    section_nav(page).get_by_role("link", name="Culture").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Culture")
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["clientWidth"], overflow
