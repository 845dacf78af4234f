"""A Redis outage: the site keeps serving, signing in and commenting; limits hold; /healthz tells.

Each test starts a real ``redis-server`` on a port of its own and kills it mid-test.
"""

from __future__ import annotations

import logging
import shutil
import socket
import subprocess
import time
import uuid

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django_comments_xtd.models import XtdComment

from masthead.settings import env
from tests.discussion.comment_helpers import post_comment

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server"),
]

PASSWORD = "pw-123456789-long"
TOO_MANY = "Too many failed login attempts"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RedisServer:
    """A throwaway redis-server on its own port, started and killed at will."""

    def __init__(self, folder) -> None:
        self.port = free_port()
        self.folder = folder
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--daemonize", "no"]
        command += ["--dir", str(self.folder)]
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def command(self, text: str) -> bytes:
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
            sock.sendall(text.encode() + b"\r\n")
            return sock.recv(64)

    def kill_keeping_data(self) -> None:
        """Write the data to disk (SAVE), then die: the next start loads it again."""
        assert self.command("SAVE").startswith(b"+OK")
        self.kill()

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.kill()


@pytest.fixture
def redis_cache(settings, monkeypatch, redis_server):
    """The site's cache exactly as production configures it for REDIS_URL, on that server."""
    monkeypatch.setenv("REDIS_URL", redis_server.url)
    monkeypatch.setenv("CACHE_KEY_PREFIX", f"test-{uuid.uuid4().hex[:8]}")
    monkeypatch.setenv("CACHE_RETRY_SECONDS", "1")
    # override_settings(CACHES=...) makes Django drop its cache connections.
    settings.CACHES = env.cache_from_env(shared=True)
    settings.MASTHEAD = {**settings.MASTHEAD, "REQUIRE_ADMIN_MFA": False}
    from django.core.cache import caches

    assert type(caches["default"]).__name__ == "ResilientRedisCache"
    return redis_server


@pytest.fixture
def reader(db):
    user = get_user_model().objects.create_user(
        "ada", "ada@example.org", PASSWORD, first_name="Ada", last_name="Lovelace"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("ed", "ed@example.org", PASSWORD)


def health(client) -> tuple[int, dict]:
    response = client.get("/healthz")
    return response.status_code, response.json()


def cache_warnings(caplog, words: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "masthead.cache" and words in r.getMessage()]


def test_the_site_keeps_serving_readers_signing_in_and_comments_without_redis(
    redis_cache, client, article_factory, reader, editor, caplog
):
    caplog.set_level(logging.INFO, logger="masthead.cache")
    article = article_factory("Weather report", tags=["storm"])
    assert client.get(article.url).status_code == 200
    assert client.get(article.url)["X-Masthead-Cache"] == "hit"  # Redis holds the page
    assert health(client) == (200, {"status": "ok", "database": "ok", "cache": "ok"})

    redis_cache.kill()

    pages = [article.url, "/", "/tags/storm/", "/feed/rss/", "/tags/storm/feed/atom/"]
    for path in pages * 2:
        response = client.get(path)
        assert response.status_code == 200, path
        # Served fresh: no copy kept in one process that another could not empty.
        assert response.get("X-Masthead-Cache") != "hit", path
    assert client.get("/search/", {"q": "weather"}).status_code == 200

    visitor = Client()
    signed = visitor.post("/accounts/login/", {"login": "ada", "password": PASSWORD})
    assert signed.status_code == 302
    assert visitor.session["_auth_user_id"] == str(reader.pk)
    assert post_comment(visitor, article, "Still here without Redis.").status_code == 302
    assert XtdComment.objects.filter(comment="Still here without Redis.").exists()
    assert "Still here without Redis." in visitor.get(article.url).content.decode()

    admin = Client()
    admin.force_login(editor)
    dashboard = admin.get("/admin/")
    assert dashboard.status_code == 200
    assert "Dashboard" in dashboard.content.decode()

    status, body = health(client)
    assert (status, body) == (200, {"status": "degraded", "database": "ok", "cache": "degraded"})
    # One line when Redis went away, however many requests followed.
    assert len(cache_warnings(caplog, "is unreachable")) == 1
    assert not cache_warnings(caplog, "is back")

    redis_cache.start()
    deadline = time.monotonic() + 15
    while health(client)[1]["cache"] != "ok" and time.monotonic() < deadline:
        time.sleep(0.2)
    assert health(client) == (200, {"status": "ok", "database": "ok", "cache": "ok"})
    assert len(cache_warnings(caplog, "is back")) == 1
    assert client.get(article.url).status_code == 200
    assert client.get(article.url)["X-Masthead-Cache"] == "hit"  # Redis is used again


def test_rate_limits_still_refuse_without_redis(
    redis_cache, settings, client, article_factory, reader, caplog
):
    settings.MASTHEAD = {**settings.MASTHEAD, "COMMENT_RATE_LIMIT_PER_USER": "2/m"}
    article = article_factory("Busy thread")
    assert client.get("/").status_code == 200
    redis_cache.kill()

    # allauth's limit (5 failures per account in 5 minutes), counted in this process.
    visitor = Client()
    pages = [
        visitor.post("/accounts/login/", {"login": "ada", "password": f"wrong {n}"})
        for n in range(6)
    ]
    assert [TOO_MANY in page.content.decode() for page in pages] == [False] * 5 + [True]
    blocked = visitor.post("/accounts/login/", {"login": "ada", "password": PASSWORD})
    assert TOO_MANY in blocked.content.decode()
    assert "_auth_user_id" not in visitor.session

    commenter = Client()
    commenter.force_login(reader)
    statuses = [post_comment(commenter, article, f"Point {n}").status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    assert XtdComment.objects.count() == 2
    # The fallback is said out loud, never silent.
    assert any(
        "rate limits now count in each server process" in r.getMessage() for r in caplog.records
    )


def test_health_endpoint_is_never_cached_and_names_no_secret(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert response.get("X-Masthead-Cache") is None
    assert client.post("/healthz").status_code == 405


def test_a_page_emptied_from_the_cache_during_the_outage_stays_gone_when_redis_is_back(
    redis_cache, client, article_factory
):
    article = article_factory("Retracted story")
    client.get(article.url)
    assert client.get(article.url)["X-Masthead-Cache"] == "hit"
    redis_cache.kill_keeping_data()  # the page and its generation are on disk
    article.unpublish()  # empties the page cache, while only this process can hear it
    assert client.get(article.url).status_code == 404
    redis_cache.start()
    deadline = time.monotonic() + 15
    while health(client)[1]["cache"] != "ok" and time.monotonic() < deadline:
        time.sleep(0.2)
    assert health(client)[1]["cache"] == "ok"
    # Redis still holds the page from before; it must not come back from there.
    response = client.get(article.url)
    assert response.status_code == 404
    assert "Retracted story" not in response.content.decode()
