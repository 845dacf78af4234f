"""A keyboard user skips the header and always sees where the focus is."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

VIEWPORT = {"width": 1280, "height": 900}

FOCUS_STYLE = """el => {
    const style = getComputedStyle(el);
    return {
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth),
        outlineColor: style.outlineColor,
        boxShadow: style.boxShadow,
        focusVisible: el.matches(':focus-visible'),
    };
}"""


def inside_viewport(box: dict | None) -> bool:
    return (
        box is not None
        and box["width"] > 0
        and box["height"] > 0
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= VIEWPORT["width"]
        and box["y"] + box["height"] <= VIEWPORT["height"]
    )


def tab_until(page: Page, selector: str, limit: int = 40) -> None:
    """Press Tab until the focused element is inside ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.closest(s) !== null", selector):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {selector}")


def test_first_tab_reveals_the_skip_link_which_jumps_to_the_content(page, magazine):
    page.goto(magazine.lead.url)
    skip = page.get_by_role("link", name="Skip to content")
    assert not inside_viewport(skip.bounding_box()), "the skip link shows before it has focus"

    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert inside_viewport(skip.bounding_box()), skip.bounding_box()
    assert skip.evaluate(FOCUS_STYLE)["outlineStyle"] != "none"

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    expect(page).to_have_url(re.compile(r"/the-quiet-science-of-sleep/#main$"))

    # The next Tab continues from the content, not from the top of the page.
    page.keyboard.press("Tab")
    focused_in_main = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused_in_main, page.evaluate("document.activeElement.outerHTML")


def test_focused_link_in_the_article_body_has_a_visible_ring(page, magazine):
    page.goto(magazine.lead.url)
    tab_until(page, ".article__body")

    focused = page.locator(":focus")
    expect(focused).to_have_text("short primer")
    style = focused.evaluate(FOCUS_STYLE)
    assert style["focusVisible"], style
    has_outline = style["outlineStyle"] != "none" and style["outlineWidth"] >= 2
    has_shadow = style["boxShadow"] not in ("", "none")
    assert has_outline or has_shadow, style
    # The page scrolls smoothly to the focused link; expect() waits for it to arrive.
    expect(focused).to_be_in_viewport(ratio=1)
