"""Every response carries a CSP without third-party origins or eval, and a Permissions-Policy."""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.embeds.finders import get_finders
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from articles.models import ArticlePage
from masthead.admin_scripts import is_wagtail_initialiser
from masthead.embeds import allowed_by_policy
from masthead.headers import ContentSecurityPolicyMiddleware, nonce_was_used
from tests.servers import HOST, gunicorn, prepare_site, production_environment

from ..discussion.comment_helpers import add_comment
from ..discussion.conftest import make_reader

pytestmark = pytest.mark.django_db

CSP = "Content-Security-Policy"
# Sources a directive may list: keywords, this site, nonces, and data:/blob: for pictures.
FIRST_PARTY = re.compile(r"^(?:'self'|'none'|'nonce-[A-Za-z0-9+/=]+'|data:|blob:)$")
# An inline script: a <script> without src that the browser would run (not a data block).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/)[^>]*>")


def policy(response) -> dict[str, list[str]]:
    """The response's CSP as {directive: [sources]}."""
    assert CSP in response, f"no {CSP} on {response.status_code} {response.get('Location', '')}"
    directives = {}
    for part in response[CSP].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_strict_policy(response, frame_ancestors: str = "'none'") -> dict[str, list[str]]:
    """The policy allows no other site, no eval, inline script only by nonce."""
    directives = policy(response)
    for name, sources in directives.items():
        for source in sources:
            if name == "style-src-attr" and source == "'unsafe-inline'":
                continue  # style attributes only (settings say why); never <style> or script
            assert FIRST_PARTY.match(source), f"{name} allows {source}: {response[CSP]}"
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["frame-ancestors"] == [frame_ancestors]
    assert "'self'" in directives["script-src"]
    assert "'unsafe-eval'" not in response[CSP] and "'unsafe-inline'" not in str(
        {name: sources for name, sources in directives.items() if name != "style-src-attr"}
    )
    return directives


def assert_inline_scripts_carry_the_nonce(response) -> None:
    html = response.content.decode()
    nonces = [s for s in policy(response)["script-src"] if s.startswith("'nonce-")]
    for tag in INLINE_SCRIPT.findall(html):
        assert nonces, f"inline script but no nonce in the policy: {tag}"
        assert f'nonce="{nonces[0][7:-1]}"' in tag, f"inline script without the nonce: {tag}"


def assert_permissions_policy(response) -> None:
    features = dict(
        item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert features[feature] == "()", features
    for feature in ("publickey-credentials-get", "publickey-credentials-create"):
        assert features[feature] == "(self)", features
    assert features["clipboard-write"] == "(self)"


def assert_secure_headers(response, frame_ancestors: str = "'none'") -> None:
    assert_strict_policy(response, frame_ancestors)
    assert_inline_scripts_carry_the_nonce(response)
    assert_permissions_policy(response)
    # The headers sent before the CSP are still sent.
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"]
    if frame_ancestors == "'none'":
        assert response["X-Frame-Options"] == "DENY"


@pytest.fixture
def pages(home_page, section, author_factory, article_factory):
    author = author_factory("Mira Okafor")
    article = article_factory(
        "Headers everywhere",
        authors=[author],
        tags=["sleep"],
        body=[("text", "| a | b |\n|:-:|--:|\n| 1 | 2 |\n\nA table with aligned cells.")],
    )
    return {"home": home_page, "section": section, "author": author, "article": article}


@pytest.mark.parametrize("name", ["home", "section", "author", "article"])
def test_public_pages_send_the_policies(client, pages, name):
    response = client.get(pages[name].url)
    assert response.status_code == 200
    assert_secure_headers(response)


@pytest.mark.parametrize("path", ["/tags/sleep/", "/search/?q=headers", "/no-such-page/"])
def test_tag_search_and_not_found_send_the_policies(client, pages, path):
    response = client.get(path)
    assert response.status_code == (404 if path == "/no-such-page/" else 200)
    assert_secure_headers(response)


def test_server_error_page_sends_the_policies(pages, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("a broken page")

    monkeypatch.setattr(ArticlePage, "get_context", fail)
    response = Client(raise_request_exception=False).get(pages["article"].url)
    assert response.status_code == 500
    assert_secure_headers(response)


@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_account_pages_send_the_policies(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_secure_headers(response)


@pytest.mark.parametrize("name", ["mfa_index", "mfa_activate_totp", "mfa_add_webauthn"])
def test_second_factor_pages_send_the_policies(client, db, name):
    client.force_login(make_reader("ada", "ada@example.org"))
    # Setting up a factor may ask for the password again first: that page too.
    response = client.get(reverse(name), follow=True)
    assert response.status_code == 200
    assert response.request["PATH_INFO"].startswith("/accounts/")
    assert_secure_headers(response)


def test_comment_screen_sends_the_policies(client, pages):
    user = get_user_model().objects.create_user("ada", "ada@example.org", "pw-123456789")
    comment = add_comment(pages["article"], "Nice headers.", user=user)
    client.force_login(user)
    response = client.get(reverse("comments-flag", args=[comment.pk]))
    assert response.status_code == 200
    assert_secure_headers(response)


def test_admin_sign_in_redirect_sends_the_policies(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert_strict_policy(response)
    assert_permissions_policy(response)


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw-1234567")
    client.force_login(user)
    return client


def test_admin_dashboard_sends_the_policies(editor):
    response = editor.get("/admin/")
    assert response.status_code == 200
    assert_secure_headers(response)


def test_admin_page_editor_sends_the_policies_and_nonces_wagtails_scripts(editor, pages):
    article = pages["article"]
    article.article_authors.create(author=pages["author"])
    response = editor.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert response.status_code == 200
    assert_secure_headers(response)
    html = response.content.decode()
    # Wagtail's choosers, inline panels and date pickers are inline scripts: they run.
    assert re.search(r'<script nonce="[^"]+">new ImageChooser\(', html)
    assert re.search(r'<script nonce="[^"]+">\s*\(function\(\) \{\s*var panel = new Inline', html)
    assert re.search(r'<script nonce="[^"]+">initDateTimeChooser\(', html)


def test_admin_preview_may_be_framed_by_the_admin_only(editor, pages):
    article = pages["article"]
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    form = nested_form_data(
        {
            "title": "Previewed under the policy",
            "slug": article.slug,
            "body": streamfield([("text", "Previewed text.")]),
            "article_authors": inline_formset([]),
            "related_picks": inline_formset([]),
            "comment_policy": "default",
        }
    )
    assert editor.post(url, form).json()["is_valid"]
    # Wagtail renders the preview through the whole middleware stack a second time.
    response = editor.get(url, {"in_preview_panel": "true"})
    assert response.status_code == 200
    assert "Previewed under the policy" in response.content.decode()
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert_secure_headers(response, frame_ancestors="'self'")


def test_cached_page_gets_a_policy_consistent_with_its_html(client, pages):
    url = pages["article"].url
    miss = client.get(url)
    hit = client.get(url)
    assert (miss["X-Masthead-Cache"], hit["X-Masthead-Cache"]) == ("miss", "hit")
    for response in (miss, hit):
        assert_secure_headers(response)
        # A nonce in cached HTML would be another visitor's, refused by this header.
        assert "nonce" not in response.content.decode()
        assert "'nonce-" not in response[CSP]


@override_settings(
    STATIC_URL="https://cdn.masthead.example/static/",
    MEDIA_URL="https://media.masthead.example/media/",
)
def test_the_sites_own_cdn_and_media_origins_are_allowed(client, db):
    directives = policy(client.get(reverse("account_login")))
    for name in ("script-src", "style-src", "img-src", "font-src"):
        assert "https://cdn.masthead.example" in directives[name]
        assert "https://media.masthead.example" in directives[name]
    assert "https://cdn.masthead.example" not in directives["connect-src"]


@pytest.mark.parametrize(
    "code",
    [
        'new PageChooser("id_author", {"modalUrl": "/admin/choose-page/"});',
        'initDateTimeChooser("id_go_live_at", {"dayOfWeekStart": 0});',
        '\n (function() {\n var panel = new InlinePanel(JSON.parse("{\\u0022a\\u0022: 1}"));'
        "\n })();\n",
    ],
)
def test_wagtails_initialisers_are_recognised(code):
    assert is_wagtail_initialiser(code)


@pytest.mark.parametrize(
    "code",
    [
        "alert(document.cookie);",
        'new PageChooser("id", {"a": 1}); alert(1);',
        'new PageChooser("id", alert(1));',
        'initDateChooser("id", {"a": fetch("/x")});',
        'new Image("x");',
        '(function() { var panel = new InlinePanel(JSON.parse("x"+alert(1))); })();',
    ],
)
def test_other_inline_scripts_get_no_nonce(code):
    assert not is_wagtail_initialiser(code)


def test_only_wagtails_initialisers_in_admin_html_get_the_nonce(rf):
    html = '<script>alert(1)</script><script>new PageChooser("id_a", {"b": 1});</script>'
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse(html))
    response = middleware(rf.get("/admin/pages/1/edit/"))
    nonce = policy(response)["script-src"][-1][7:-1]
    assert response.content.decode() == (
        f'<script>alert(1)</script><script nonce="{nonce}">new PageChooser("id_a", {{"b": 1}});'
        "</script>"
    )
    # Outside the admin nothing is stamped, so the policy names no nonce at all.
    public = middleware(rf.get("/health/"))
    assert public.content.decode() == html
    assert "'nonce-" not in public[CSP]


def test_a_page_that_used_the_nonce_says_so(rf):
    seen = {}

    def view(request):
        seen["before"] = nonce_was_used(request)
        html = f'<script nonce="{request.csp_nonce}">1</script>'
        seen["after"] = nonce_was_used(request)
        return HttpResponse(html)

    response = ContentSecurityPolicyMiddleware(view)(rf.get("/health/"))
    assert seen == {"before": False, "after": True}
    assert "'nonce-" in response[CSP]


def test_embed_origins_and_their_full_screen_come_from_the_environment():
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['frame-src']); "
        "print(settings.PERMISSIONS_POLICY['fullscreen'])"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "masthead.settings.test",
        "CSP_EMBED_ORIGINS": "https://www.youtube.com, https://player.vimeo.com",
    }
    output = subprocess.run(
        [sys.executable, "-c", script],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    origins = ["https://www.youtube.com", "https://player.vimeo.com"]
    assert output == [str(["'self'", *origins]), str(["self", *origins])]


class OEmbedProvider(BaseHTTPRequestHandler):
    """A video site's oEmbed endpoint on 127.0.0.1, answering as YouTube does."""

    def do_GET(self):
        video = parse_qs(urlsplit(self.path).query)["url"][0].rsplit("/", 1)[-1]
        body = json.dumps(
            {
                "type": "video",
                "title": "A talk about sleep",
                "provider_name": "VideoSite",
                "width": 640,
                "height": 360,
                "html": f'<iframe width="640" height="360" src="https://player.video.example/'
                f'embed/{video}" allowfullscreen></iframe>',
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def video_site(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), OEmbedProvider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    endpoint = f"http://127.0.0.1:{server.server_port}/oembed"
    provider = {"endpoint": endpoint, "urls": [r"^https://video\.example/watch/.+$"]}
    settings.WAGTAILEMBEDS_FINDERS = [{"class": "masthead.embeds", "providers": [provider]}]
    get_finders.cache_clear()
    yield
    get_finders.cache_clear()
    server.shutdown()


def test_an_embed_from_an_origin_the_policy_refuses_is_a_link(client, video_site, article_factory):
    article = article_factory(body=[("embed", {"embed": "https://video.example/watch/1"})])
    html = client.get(article.url).content.decode()
    assert "<iframe" not in html
    assert (
        '<a href="https://video.example/watch/1" rel="noopener">A talk about sleep (VideoSite)</a>'
        in html
    )


def test_an_embed_from_an_allowed_origin_is_framed(client, video_site, settings, article_factory):
    settings.CSP_EMBED_ORIGINS = ["https://player.video.example"]
    article = article_factory(body=[("embed", {"embed": "https://video.example/watch/2"})])
    html = client.get(article.url).content.decode()
    assert '<iframe width="640" height="360" src="https://player.video.example/embed/2"' in html


@pytest.mark.parametrize(
    "html",
    [
        '<iframe src="https://elsewhere.example/embed/1"></iframe>',
        '<iframe src="https://player.video.example/e/1"></iframe><script src="https://x"></script>',
        '<img src="https://player.video.example/photo.jpg" alt="">',
        '<blockquote class="post">Words</blockquote>',
    ],
)
def test_embeds_that_load_anything_else_are_refused(settings, html):
    settings.CSP_EMBED_ORIGINS = ["https://player.video.example"]
    assert not allowed_by_policy(html)
    assert allowed_by_policy('<iframe src="//player.video.example/e/1"></iframe>')


def test_static_files_carry_the_policies_too(client, db):
    response = client.get("/static/home/css/masthead.css")
    assert response.status_code == 200
    assert_strict_policy(response)
    assert_permissions_policy(response)
    assert response["X-Content-Type-Options"] == "nosniff"


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_hsts_is_sent_beside_the_policies_over_https(client, pages):
    response = client.get(pages["home"].url, secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert_secure_headers(response)


class ServedResponse:
    """An http.client response in the shape the assertions above read."""

    def __init__(self, response, body: bytes) -> None:
        self.status_code = response.status
        self.headers = {name.title(): value for name, value in response.getheaders()}
        self.content = body

    def __contains__(self, name: str) -> bool:
        return name.title() in self.headers

    def __getitem__(self, name: str) -> str:
        return self.headers[name.title()]

    def get(self, name: str, default: str = "") -> str:
        return self.headers.get(name.title(), default)


def fetch_over_https_proxy(port: int, path: str) -> ServedResponse:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
        response = connection.getresponse()
        return ServedResponse(response, response.read())
    finally:
        connection.close()


@pytest.mark.slow
def test_production_under_gunicorn_sends_hsts_and_the_policies(tmp_path):
    env = production_environment(tmp_path, TRUSTED_PROXIES="127.0.0.1", REQUIRE_ADMIN_MFA="false")
    with prepare_site(env, tmp_path):
        pass
    with gunicorn(env, tmp_path, workers=1) as server:
        responses = [fetch_over_https_proxy(server.port, "/") for _ in range(2)]
        assert [r.get("X-Masthead-Cache") for r in responses] == ["miss", "hit"]
        for response in responses:
            assert response.status_code == 200
            assert_secure_headers(response)
            assert response["Strict-Transport-Security"].startswith("max-age=31536000")
            assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        sign_in = fetch_over_https_proxy(server.port, "/admin/")
        assert sign_in.status_code == 302
        assert_strict_policy(sign_in)
        assert not server.complaints(), server.errors()


def test_every_inline_script_in_the_admin_screens_gets_the_nonce(editor, pages, caplog):
    article = pages["article"]
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[pages["section"].pk]),
        reverse("wagtailadmin_pages:add", args=["articles", "articlepage", pages["section"].pk]),
        reverse("wagtailadmin_pages:edit", args=[pages["home"].pk]),
        reverse("wagtailadmin_pages:edit", args=[pages["author"].pk]),
        reverse("wagtailadmin_pages:history", args=[article.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtaildocs:index"),
        reverse("comment_moderation:index"),
        reverse("wagtailsettings:edit", args=["sharing", "sharesettings"]),
        reverse("wagtailsettings:edit", args=["home", "themesettings"]),
        reverse("wagtailsettings:edit", args=["discussion", "discussionsettings"]),
        reverse("wagtailusers_users:index"),
        reverse("plugins_report"),
        "/admin/reports/site-history/",
    ]
    for url in urls:
        response = editor.get(url, follow=True)  # settings go on to the site's own
        assert response.status_code == 200, url
        assert_secure_headers(response)
    assert not [r.getMessage() for r in caplog.records if r.name == "masthead.admin_scripts"]
