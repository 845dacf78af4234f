"""A privacy change made in one process hides the article in every server process at once.

Two gunicorn workers on production settings serve the site and cache its pages in
the shared cache (Redis, or production's fallback without Redis); an editor makes
the article private through the admin's privacy view in a third process; the very
next anonymous request to the servers no longer shows it anywhere.
"""

from __future__ import annotations

import json
import uuid

import pytest

from tests.servers import gunicorn, manage, prepare_site, production_environment

from .conftest import TEST_REDIS_URL, _redis_reachable

SECRET = "Secret plans"

BUILD = """
import json
from wagtail.models import Site
from articles.models import ArticleIndexPage, ArticlePage

home = Site.objects.get(is_default_site=True).root_page.specific
section = home.add_child(instance=ArticleIndexPage(title="Health", slug="health"))
section.save_revision().publish()
urls = {"home": "/", "section": "/health/", "tag": "/tags/plans/"}
for title, slug in [("Secret plans", "secret"), ("Companion piece", "companion")]:
    article = section.add_child(
        instance=ArticlePage(title=title, slug=slug, body=[("text", f"An article called {title}.")])
    )
    article.tags.add("plans")
    article.save_revision().publish()
    urls[slug] = ArticlePage.objects.get(pk=article.pk).url
print(json.dumps({"urls": urls, "secret": ArticlePage.objects.get(slug="secret").pk}))
"""

MAKE_PRIVATE = """
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw-123456789x")
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(editor)
response = client.post(
    reverse("wagtailadmin_pages:set_privacy", args=[%(page)d]),
    {"restriction_type": "password", "password": "letmein"},
)
assert response.status_code == 200 and response.json()["step"] == "set_privacy_done", response
print("private")
"""


@pytest.fixture(params=["redis", "fallback"])
def shared_cache(request):
    """Redis (under a key prefix of the test's own, removed afterwards), or no Redis."""
    if request.param == "fallback":
        yield {}
        return
    if not _redis_reachable(TEST_REDIS_URL):
        pytest.skip(f"needs a Redis server at {TEST_REDIS_URL} (none answered)")
    import redis

    prefix = f"page-cache-processes-{uuid.uuid4().hex[:8]}"
    yield {"redis_url": TEST_REDIS_URL, "CACHE_KEY_PREFIX": prefix}
    client = redis.Redis.from_url(TEST_REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def read(server, url: str) -> tuple[int, str, str]:
    from tests.servers import get

    status, headers, body = get(server.port, url)
    return status, headers.get("x-masthead-cache", ""), body.decode()


def test_a_page_made_private_in_one_process_is_gone_from_every_worker(tmp_path, shared_cache):
    env = production_environment(tmp_path, **shared_cache, REQUIRE_ADMIN_MFA="false")
    with prepare_site(env, tmp_path):
        built = json.loads(manage(env, "shell", "-c", BUILD).strip().splitlines()[-1])
    urls = built["urls"]
    shown = {name: urls[name] for name in ("home", "section", "tag", "companion")}
    with gunicorn(env, tmp_path, workers=2) as server:
        # Enough reads that both workers have served each page from the shared cache.
        for url in [urls["secret"], *shown.values()]:
            read(server, url)
            for _ in range(4):
                status, cache_state, body = read(server, url)
                assert (status, cache_state) == (200, "hit"), url
                assert SECRET in body, url

        assert manage(env, "shell", "-c", MAKE_PRIVATE % {"page": built["secret"]}).strip()

        for _ in range(4):
            status, cache_state, body = read(server, urls["secret"])
            assert status == 200 and cache_state != "hit"
            assert "An article called Secret plans." not in body
            assert 'type="password"' in body
            for name, url in shown.items():
                status, _, body = read(server, url)
                assert status in {200, 404}, name
                assert SECRET not in body, name
        assert not server.complaints(), server.errors()
