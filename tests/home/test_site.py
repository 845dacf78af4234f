"""Site-wide pieces: theme classes, navigation, breadcrumbs, sitemap, robots, errors, assets."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import override_settings

from home.models import ThemeSettings

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def theme(site, **fields) -> ThemeSettings:
    settings_row = ThemeSettings.for_site(site)
    for name, value in fields.items():
        setattr(settings_row, name, value)
    settings_row.save()
    return settings_row


def test_default_theme_matches_the_reference_page(client, site):
    html = client.get("/").content.decode()
    body = re.search(r'<body class="([^"]*)"', html).group(1).split()
    assert {
        "header-logo-left-menu-right",
        "menu-dark",
        "breadcrumbs-visible",
        "hero-shown",
        "width-full",
    } <= set(body)


def test_breadcrumbs_follow_the_theme(client, site, article_factory):
    article = article_factory("Deep page")
    html = client.get(article.url).content.decode()
    assert 'aria-label="Breadcrumb"' in html
    assert '<a href="/health/">Health</a>' in html
    theme(site, show_breadcrumbs=False)
    html = client.get(article.url).content.decode()
    assert 'aria-label="Breadcrumb"' not in html
    assert "breadcrumbs-hidden" in html


def test_hero_follows_the_theme(client, site, article_factory, image_factory):
    article = article_factory("Pictured", hero_image=image_factory(description="A lake"))
    assert 'class="article__hero"' in client.get(article.url).content.decode()
    theme(site, show_hero=False)
    html = client.get(article.url).content.decode()
    assert 'class="article__hero"' not in html
    assert 'property="og:image"' in html  # link previews still get the picture


def test_site_name_tagline_and_logo(client, site, image_factory):
    theme(site, site_name="Masthead Review", tagline="Long reads", logo=image_factory("Logo"))
    html = client.get("/").content.decode()
    assert "<title>Masthead Review — Long reads</title>" in html
    assert 'class="site-brand__logo"' in html and 'alt="Masthead Review"' in html


def test_menu_lists_sections_shown_in_menus(client, section, section_factory):
    section_factory("Hidden section", show_in_menus=False)
    html = client.get("/").content.decode()
    nav = html.split('aria-label="Sections"', 1)[1].split("</nav>", 1)[0]
    assert "Health" in nav and "Hidden section" not in nav


def test_header_has_account_area_and_search(client, db):
    html = client.get("/").content.decode()
    assert 'class="account-links"' in html
    assert 'role="search"' in html and 'action="/search/"' in html


def test_landmarks_and_skip_link(client, article_factory):
    article = article_factory("Landmarks")
    html = client.get(article.url).content.decode()
    assert '<html lang="en">' in html
    assert 'href="#main"' in html and '<main id="main"' in html
    assert 'role="banner"' in html and 'role="contentinfo"' in html
    assert html.count("<h1") == 1


def test_sitemap_lists_live_pages(client, article_factory, author_factory):
    live = article_factory("In the sitemap")
    draft = article_factory("Not in the sitemap", live=False)
    author = author_factory("Mapped Author")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locations = [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]
    assert live.get_full_url() in locations
    assert author.get_full_url() in locations
    assert all(draft.slug not in location for location in locations)
    assert root.findall("sm:url/sm:lastmod", SITEMAP_NS)


def test_robots_txt_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_404_page_is_themed(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "couldn't find that page" in html and 'class="site-header"' in html


def test_500_page_is_wired_and_stands_alone(client, db):
    from django.urls import get_resolver

    from home.views import server_error

    assert get_resolver().resolve_error_handler(500) is server_error
    response = server_error(client.get("/").wsgi_request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "<style" not in html and "<link" not in html  # nothing the CSP refuses or can break


def test_head_requests_are_answered(client, db):
    assert client.head("/robots.txt").status_code == 200
    assert client.head("/search/", {"q": "x"}).status_code == 200


TAG = re.compile(r"<(link|script|img|source|iframe)\b([^>]*)>", re.I)
ATTRIBUTE = re.compile(r'\b(rel|href|src|srcset)="([^"]*)"', re.I)
# Links that name another page (canonical, feeds) are not fetched by the browser.
FETCHED_LINK_RELS = {"stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch"}


def fetched_resources(html: str) -> list[str]:
    """Every address the browser fetches on its own while showing ``html``."""
    found = []
    for tag, attributes in TAG.findall(html):
        attrs = {name.lower(): value for name, value in ATTRIBUTE.findall(attributes)}
        if tag.lower() == "link" and not set(attrs.get("rel", "").split()) & FETCHED_LINK_RELS:
            continue
        for name in ("href", "src"):
            if attrs.get(name):
                found.append(attrs[name])
        for candidate in attrs.get("srcset", "").split(","):
            if candidate.strip():
                found.append(candidate.strip().split(" ")[0])
    return found


def test_public_pages_request_nothing_from_other_hosts(
    client, article_factory, author_factory, image_factory
):
    author = author_factory("Local Author", photo=image_factory())
    article = article_factory(
        "Local only",
        authors=[author],
        tags=["local"],
        hero_image=image_factory(),
        source_url="https://elsewhere.example/original",
        body=[("text", "A [link](https://elsewhere.example/) is fine; it is not fetched.")],
    )
    pages = [
        "/",
        article.url,
        article.get_parent().url,
        author.url,
        "/search/?q=local",
        "/tags/local/",
        "/missing/",
    ]
    for url in pages:
        resources = fetched_resources(client.get(url).content.decode())
        assert any(".css" in address for address in resources), url
        for address in resources:
            assert address.startswith("/") and not address.startswith("//"), (url, address)


@override_settings(
    STORAGES={
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
)
def test_static_files_are_hashed_and_compressed(tmp_path, settings):
    from django.core.management import call_command

    settings.STATIC_ROOT = str(tmp_path / "static")
    call_command("collectstatic", interactive=False, verbosity=0)
    css = list((tmp_path / "static" / "home" / "css").glob("masthead.*.css"))
    assert css, "masthead.css was not collected under a hashed name"
    assert (css[0].parent / (css[0].name + ".gz")).exists()


def test_a_private_section_is_not_named_in_the_menu_or_on_the_home_page(
    client, section_factory, article_factory
):
    from wagtail.models import PageViewRestriction

    secret = section_factory("Board minutes", slug="board")
    section_factory("Culture", slug="culture")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    html = client.get("/").content.decode()
    assert "Culture" in html
    assert "Board minutes" not in html and "/board/" not in html
