"""The share row: each network's documented address, every value encoded so it comes back
intact; the row as editors configure it; nothing on the page that tracks readers."""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from plugins.manager import get_host
from plugins.types import ShareKind, ShareTarget
from sharing import providers as share
from sharing.models import ShareSettings, ShareSettingsProvider
from sharing.templatetags.share_tags import with_parameters

TITLE = "Café – ünïcode & \"quotes\" 'n' #1 ?really 100%+ more"
URL = "https://example.com/articles/café-ünï/?a=1&b=two words#part"
LEDE = 'First line & more\nüber "lede" #tag ?'
IMAGE = "https://example.com/media/images/a b.jpg?x=1&y=2"
TARGET = ShareTarget(url=URL, title=TITLE, lede=LEDE, image_url=IMAGE, tags=("C&C", "ünï"))
POST = f"{TITLE}\n\n{URL}"

# key: (scheme, host, path, the query's values once decoded)
EXPECTED = {
    "facebook": ("https", "www.facebook.com", "/sharer/sharer.php", {"u": URL}),
    "x": ("https", "x.com", "/intent/tweet", {"text": TITLE, "url": URL}),
    "linkedin": ("https", "www.linkedin.com", "/sharing/share-offsite/", {"url": URL}),
    "pinterest": (
        "https",
        "www.pinterest.com",
        "/pin/create/button/",
        {"url": URL, "media": IMAGE, "description": TITLE},
    ),
    "reddit": ("https", "www.reddit.com", "/submit", {"url": URL, "title": TITLE}),
    "tumblr": (
        "https",
        "www.tumblr.com",
        "/widgets/share/tool",
        {
            "posttype": "link",
            "canonicalUrl": URL,
            "title": TITLE,
            "caption": LEDE,
            "tags": "C&C,ünï",
        },
    ),
    "vk": ("https", "vk.com", "/share.php", {"url": URL, "title": TITLE, "image": IMAGE}),
    "email": ("mailto", "", "", {"subject": TITLE, "body": f"{TITLE}\r\n\r\n{URL}"}),
    "mastodon": ("https", "mastodon.social", "/share", {"text": POST}),
    "bluesky": ("https", "bsky.app", "/intent/compose", {"text": POST}),
    "threads": ("https", "www.threads.com", "/intent/post", {"text": TITLE, "url": URL}),
    "whatsapp": ("https", "wa.me", "/", {"text": f"{TITLE} {URL}"}),
    "telegram": ("https", "t.me", "/share/url", {"url": URL, "text": TITLE}),
    "hacker-news": ("https", "news.ycombinator.com", "/submitlink", {"u": URL, "t": TITLE}),
}


def providers():
    return {provider.key: provider for provider in share.register_share_providers()}


def decoded(url: str) -> dict[str, str]:
    values = parse_qs(urlsplit(url).query, keep_blank_values=True, strict_parsing=True)
    assert all(len(found) == 1 for found in values.values()), url
    return {name: found[0] for name, found in values.items()}


# --- The providers ---------------------------------------------------------------


def test_the_first_party_providers_and_no_google_plus():
    offered = providers()
    assert set(offered) == {*EXPECTED, "copy", "native"}
    assert not any("google" in key for key in offered)
    assert offered["facebook"].label == "Share on Facebook"
    assert offered["email"].label == "Share by email"
    assert offered["copy"].kind == ShareKind.COPY
    assert offered["copy"].label == "Copy link"
    assert offered["native"].kind == ShareKind.NATIVE
    assert offered["native"].label == "Share…"


def test_the_builtin_plugin_is_loaded_through_its_entry_point():
    installed = get_host().share_providers()
    assert set(EXPECTED) <= set(installed)


@pytest.mark.parametrize("key", sorted(providers()))
def test_icons_are_decorative_inline_svg(key):
    icon = providers()[key].icon
    assert icon.startswith("<svg")
    for attribute in ('aria-hidden="true"', 'focusable="false"', 'fill="currentColor"', "viewBox="):
        assert attribute in icon
    assert "<script" not in icon
    assert "href" not in icon


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_share_addresses_are_documented_endpoints_and_values_round_trip(key):
    scheme, host, path, values = EXPECTED[key]
    url = providers()[key].build_url(TARGET)
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == (scheme, host, path)
    assert parts.fragment == ""  # the article's own "#" was encoded, not taken as ours
    assert decoded(url) == values
    # Nothing raw that a browser or mail client could misread.
    assert not re.search(r"[\s\"'<>#]", url)
    assert url.isascii()


def test_email_spaces_are_percent_encoded_not_plus():
    url = providers()["email"].build_url(ShareTarget(url="https://example.com/a", title="A b"))
    assert url == "mailto:?subject=A%20b&body=A%20b%0D%0A%0D%0Ahttps%3A%2F%2Fexample.com%2Fa"
    # A literal "+" in the title survives: parse_qs would read a bare "+" as a space.
    url = providers()["email"].build_url(TARGET)
    assert "+" not in url
    assert decoded(url)["subject"] == TITLE


def test_empty_values_are_left_out():
    target = ShareTarget(url="https://example.com/a", title="A")
    assert set(decoded(providers()["pinterest"].build_url(target))) == {"url", "description"}
    assert set(decoded(providers()["tumblr"].build_url(target))) == {
        "posttype",
        "canonicalUrl",
        "title",
    }


def test_mastodon_uses_the_sites_server():
    build = providers()["mastodon"].build_url
    assert urlsplit(build(TARGET)).netloc == "mastodon.social"
    url = build(replace(TARGET, fediverse_server="hachyderm.io"))
    assert urlsplit(url).netloc == "hachyderm.io"
    assert decoded(url) == {"text": POST}


def test_copy_and_native_link_to_the_article_itself():
    assert providers()["copy"].build_url(TARGET) == URL
    assert providers()["native"].build_url(TARGET) == URL


def test_parameters_join_an_existing_query_before_the_fragment():
    assert (
        with_parameters("https://e.com/a/", {"utm_source": "x"}) == "https://e.com/a/?utm_source=x"
    )
    assert (
        with_parameters("https://e.com/a/?p=1&q=a%20b#top", {"utm_source": "x y&z"})
        == "https://e.com/a/?p=1&q=a%20b&utm_source=x+y%26z#top"
    )
    assert with_parameters("https://e.com/a/", {}) == "https://e.com/a/"


# --- Settings → Sharing -------------------------------------------------------------


def configure(site, keys=(), **fields) -> ShareSettings:
    share_settings = ShareSettings.for_site(site)
    for name, value in fields.items():
        setattr(share_settings, name, value)
    share_settings.save()
    share_settings.providers.all().delete()
    for order, key in enumerate(keys):
        ShareSettingsProvider.objects.create(
            site_settings=share_settings, provider=key, sort_order=order
        )
    return share_settings


# The reference page's networks (less Google+), then copying and the share sheet.
DEFAULT_ROW = ["facebook", "x", "linkedin", "pinterest", "reddit", "tumblr", "vk", "email"]


def test_nothing_configured_shows_the_default_set(site):
    chosen = [provider.key for provider in ShareSettings.for_site(site).chosen_providers()]
    assert chosen == [*DEFAULT_ROW, "copy", "native"]


def test_an_unknown_provider_key_is_refused(site):
    choice = ShareSettingsProvider(
        site_settings=ShareSettings.for_site(site), provider="google-plus"
    )
    with pytest.raises(ValidationError, match="google-plus") as refused:
        choice.full_clean()
    assert "provider" in refused.value.message_dict


def settings_form(keys, **fields) -> dict:
    return nested_form_data(
        {
            "tag_with_network": fields.get("tag_with_network", ""),
            "utm_source": "",
            "utm_medium": "social",
            "utm_campaign": "",
            "mastodon_instance": "mastodon.social",
            "providers": inline_formset([{"provider": key} for key in keys]),
        }
    )


def test_editors_choose_and_order_buttons_in_the_admin(admin_client, site):
    url = reverse("wagtailsettings:edit", args=["sharing", "sharesettings", site.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="bluesky"' in html  # the choices are the installed providers
    assert "Share on Bluesky (bluesky)" in html

    refused = admin_client.post(url, settings_form(["reddit", "google-plus"]))
    assert refused.status_code == 200
    assert "google-plus" in refused.content.decode()
    assert not ShareSettingsProvider.objects.exists()

    saved = admin_client.post(url, settings_form(["mastodon", "reddit", "copy"]))
    assert saved.status_code == 302
    chosen = ShareSettings.for_site(site).chosen_providers()
    assert [provider.key for provider in chosen] == ["mastodon", "reddit", "copy"]


# --- The row on the article page ----------------------------------------------------


def row_of(html: str) -> str:
    found = re.search(r'<section class="share-row".*?</section>', html, re.S)
    assert found, "no share row on the page"
    return found.group(0)


def hrefs(row: str) -> dict[str, str]:
    return dict(re.findall(r'share-row__button--([a-z0-9-]+)" href="([^"]+)"', row))


@pytest.fixture
def no_page_cache(settings):
    settings.MASTHEAD = {**settings.MASTHEAD, "PAGE_CACHE_SECONDS": 0}


def test_the_row_shows_the_configured_buttons_in_order_with_campaign_tags(
    client, site, article_factory, no_page_cache
):
    configure(
        site,
        ["reddit", "email", "x", "mastodon", "copy", "native"],
        utm_medium="social",
        utm_campaign="launch day",
        mastodon_instance="hachyderm.io",
    )
    article = article_factory("Café & crème", lede="Froth, then more.")
    html = client.get(article.url).content.decode()
    row = row_of(html)
    keys = re.findall(r"share-row__button--([a-z0-9-]+)", row)
    assert keys == ["reddit", "email", "x", "mastodon", "copy", "native"]

    links = {key: href.replace("&amp;", "&") for key, href in hrefs(row).items()}
    shared = decoded(links["reddit"])["url"]
    assert shared == f"{article.full_url}?utm_medium=social&utm_campaign=launch+day"
    assert decoded(links["reddit"])["title"] == "Café & crème"
    assert decoded(links["email"])["body"].startswith("Café & crème\r\n")
    assert urlsplit(links["mastodon"]).netloc == "hachyderm.io"
    assert links["copy"] == shared

    # Ordinary links to the networks, opened in a new tab, never followed by robots;
    # the mail link opens the mail app without leaving an empty tab behind.
    assert row.count('rel="noopener nofollow" target="_blank"') == 3
    assert re.search(r'share-row__button--email" href="mailto:[^"]*" rel="noopener nofollow">', row)
    assert "data-share-copy" in row
    assert re.search(r"<button[^>]*\bhidden\b[^>]*data-share-native", row)
    # Accessible names: the icon is hidden, the label is the link's text.
    for label in ("Share on Reddit", "Share by email", "Share on X", "Copy link", "Share…"):
        assert f'<span class="visually-hidden">{label}</span>' in row
    assert 'role="status"' in row


def test_tagging_with_the_networks_name(client, site, article_factory, no_page_cache):
    configure(site, ["facebook", "x", "copy"], tag_with_network=True, utm_medium="social")
    article = article_factory()
    links = hrefs(row_of(client.get(article.url).content.decode()))
    assert decoded(links["facebook"].replace("&amp;", "&"))["u"].endswith(
        "?utm_source=facebook&utm_medium=social"
    )
    assert decoded(links["x"].replace("&amp;", "&"))["url"].endswith(
        "?utm_source=x&utm_medium=social"
    )
    assert links["copy"].replace("&amp;", "&").endswith("?utm_source=copy&utm_medium=social")


def test_a_republished_article_shares_the_original_untagged(
    client, site, article_factory, no_page_cache
):
    configure(site, ["facebook"], utm_source="masthead")
    article = article_factory(source_url="https://origin.example/post?id=7", source_name="Origin")
    links = hrefs(row_of(client.get(article.url).content.decode()))
    assert (
        decoded(links["facebook"].replace("&amp;", "&"))["u"] == "https://origin.example/post?id=7"
    )


def test_the_hero_image_is_shared_as_an_absolute_address(
    client, site, article_factory, image_factory, no_page_cache
):
    configure(site, ["pinterest"])
    article = article_factory(hero_image=image_factory("Harbour"))
    links = hrefs(row_of(client.get(article.url).content.decode()))
    media = decoded(links["pinterest"].replace("&amp;", "&"))["media"]
    assert media.startswith("http://testserver/")
    assert media.endswith(".jpg")


def test_an_article_with_the_row_switched_off_shows_none(client, article_factory):
    article = article_factory(show_share_row=False)
    html = client.get(article.url).content.decode()
    assert "share-row" not in html
    assert "plugins/share.js" not in html


def test_editors_find_the_share_row_switch_on_the_article(admin_client, article_factory):
    article = article_factory("Switchable")
    form = admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert 'name="show_share_row"' in form and "show the share row" in form.lower()


def test_the_page_has_no_third_party_script_frame_or_pixel(
    client, site, article_factory, image_factory, no_page_cache
):
    configure(site, list(get_host().share_providers()))
    article = article_factory(hero_image=image_factory())
    html = client.get(article.url).content.decode()
    assert "share-row" in html
    scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html)
    assert any(src.endswith("plugins/share.js") for src in scripts)
    assert all(src.startswith("/") or src.startswith("http://testserver/") for src in scripts)
    assert re.search(r'<script src="[^"]*plugins/share\.js" defer>', html)
    assert not re.search(r"<script[^>]*src=\"(https?:)?//", html)
    assert "<iframe" not in html
    images = re.findall(r"<img[^>]*\bsrc=\"([^\"]+)\"", html)
    assert all(src.startswith("/") or src.startswith("http://testserver/") for src in images)
    for network in ("facebook.com", "x.com", "twitter.com", "pinterest.com", "linkedin.com"):
        assert not re.search(rf"(src|srcset|data)=\"[^\"]*{re.escape(network)}", html)


def test_the_script_is_first_party_and_progressive(client):
    script = client.get("/static/plugins/share.js")
    assert script.status_code == 200
    source = b"".join(script.streaming_content).decode()
    assert "navigator.share" in source
    assert "Link copied" in source
    assert "http" not in source  # it fetches nothing and loads nothing


def _queries(client, url: str) -> int:
    client.get(url)  # warm: the settings row and renditions are made once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_number_of_buttons(
    client, site, article_factory, no_page_cache
):
    article = article_factory()
    configure(site, ["facebook"])
    one = _queries(client, article.url)
    configure(site, list(get_host().share_providers()))
    every = _queries(client, article.url)
    assert one == every
