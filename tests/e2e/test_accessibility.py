"""axe-core audits every kind of public page, in the default theme and a light, boxed variant.

Serious and critical violations fail the test; every violation found, whatever
its impact, is printed (run pytest with ``-s`` or ``-rP`` to see them).
"""

from __future__ import annotations

import re
from pathlib import Path

import axe_playwright_python
import pytest
from axe_playwright_python.base import AXE_FILE_PATH
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from home.models import ThemeSettings

pytestmark = pytest.mark.e2e

BLOCKING_IMPACTS = {"serious", "critical"}
THEMES = {
    "default": {},
    "light-centred-boxed": {
        "menu_background": "light",
        "header_layout": "centred",
        "page_width": "boxed",
    },
}


def findings(label: str, results: list[dict]) -> list[dict]:
    return [
        {
            "page": label,
            "rule": result["id"],
            "impact": result["impact"],
            "help": result["help"],
            "targets": [" ".join(map(str, node["target"])) for node in result["nodes"]],
        }
        for result in results
    ]


def audit(page: Page, axe: Axe, label: str) -> tuple[list[dict], list[dict]]:
    """Run axe on the loaded page: its violations, and the checks axe left for a human.

    axe is injected from the Python package's copy of axe.min.js: the page makes
    no request while it runs, apart from lazy images that axe scrolls into view.
    """
    requests: list[str] = []

    def record(request) -> None:
        if request.resource_type != "image":
            requests.append(request.url)

    page.on("request", record)
    results = axe.run(page)
    page.remove_listener("request", record)
    assert not requests, f"axe made requests on {label}: {requests}"
    return (
        findings(label, results.response["violations"]),
        findings(label, results.response["incomplete"]),
    )


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"  [{v['impact']}] {v['rule']} on {v['page']}: {v['help']} -> {', '.join(v['targets'])}"
        for v in violations
    )


def test_axe_is_injected_from_the_python_package():
    package_dir = Path(axe_playwright_python.__file__).parent
    assert AXE_FILE_PATH.parent == package_dir
    assert AXE_FILE_PATH.is_file()
    assert Axe().axe_script == AXE_FILE_PATH.read_text()
    assert re.match(r"/\*! axe v\d+\.\d+\.\d+", AXE_FILE_PATH.read_text())


@pytest.mark.parametrize("theme", THEMES)
def test_public_pages_have_no_serious_accessibility_violations(page, site, magazine, theme):
    settings_row = ThemeSettings.for_site(site)
    for name, value in THEMES[theme].items():
        setattr(settings_row, name, value)
    settings_row.save()

    pages = {
        "home": "/",
        "section": magazine.health.url,
        "article": magazine.lead.url,
        "author": magazine.mira.url,
        "author index": magazine.mira.get_parent().url,
        "tag": "/tags/sleep/",
        "search results": "/search/?q=sleep",
        "404": "/no-such-page/",
        "sign in": "/accounts/login/",
        "sign up": "/accounts/signup/",
        "password reset": "/accounts/password/reset/",
    }
    axe = Axe()
    violations: list[dict] = []
    needs_review: list[dict] = []
    for label, url in pages.items():
        response = page.goto(url)
        assert response is not None
        assert response.status == (404 if label == "404" else 200), (label, response.status)
        if theme != "default":
            assert "menu-light" in page.locator("body").get_attribute("class"), label
        found, unsure = audit(page, axe, f"{label} ({theme})")
        violations += found
        needs_review += unsure

    axe_version = AXE_FILE_PATH.read_text()[:40].split()[2]
    assert page.evaluate("axe.version") == axe_version.lstrip("v")
    print(f"\naxe {axe_version}, theme {theme}: {len(violations)} violation(s)")
    print(describe(violations) or "  none")
    print(f"needs review (axe could not decide): {len(needs_review)}")
    print(describe(needs_review) or "  none")
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, "Serious or critical accessibility violations:\n" + describe(blocking)
