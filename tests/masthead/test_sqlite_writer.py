"""A writer holding SQLite's lock: readers carry on; a writer that cannot get it gets a 503
that keeps the text.

Production settings on SQLite under gunicorn, and a second connection (Python's
sqlite3 module) that takes the write lock with BEGIN IMMEDIATE and holds it.
"""

from __future__ import annotations

import html
import http.client
import json
import re
import sqlite3
from contextlib import closing, contextmanager
from urllib.parse import urlencode

import pytest

from tests.servers import (
    HOST,
    OPEN_FOR_COMMENTS,
    HiddenInputs,
    Reader,
    get,
    gunicorn,
    manage,
    prepare_site,
    production_environment,
    query,
    seed,
)

pytestmark = pytest.mark.slow

ADA = """
from django.contrib.auth import get_user_model
from allauth.account.models import EmailAddress
u = get_user_model().objects.create_user('ada', 'ada@example.org', 'right-password-1')
EmailAddress.objects.create(user=u, email='ada@example.org', verified=True, primary=True)
"""
# Far longer than any read may take: a read that waited for the lock would time out.
READ_TIMEOUT = 15


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A production site on a fresh SQLite file: an article, a reader, an account."""
    workdir = tmp_path_factory.mktemp("sqlite-writer")
    # Comments are not rate limited here, but pages are cached as in production.
    env = production_environment(workdir, **{**OPEN_FOR_COMMENTS, "PAGE_CACHE_SECONDS": "600"})
    with prepare_site(env, workdir):
        seeded = seed(env, ["calm"], readers=1)
        manage(env, "shell", "-c", ADA)
    return workdir, env, seeded


@contextmanager
def write_lock(database_url: str):
    """Another connection holds the database's write lock until the block ends."""
    path = database_url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(path, isolation_level=None, timeout=30)) as connection:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("UPDATE wagtailcore_page SET title = title WHERE id = 1")
        try:
            yield
        finally:
            connection.execute("ROLLBACK")


def post(port: int, path: str, fields: dict, cookies: dict) -> tuple[int, dict, str]:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request(
            "POST",
            path,
            body=urlencode(fields, doseq=True),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            },
        )
        response = connection.getresponse()
        body = response.read().decode()
        headers = {name.lower(): value for name, value in response.getheaders()}
        return response.status, headers, body
    finally:
        connection.close()


def test_readers_do_not_wait_for_a_writer(site):
    workdir, env, seeded = site
    article = seeded.paths["calm"]
    with gunicorn(env, workdir, name="readers", workers=2) as server:
        for _ in range(4):  # both workers have rendered and stored the page
            status, headers, _ = get(server.port, article)
            assert status == 200
        assert headers.get("x-masthead-cache") == "hit"
        with write_lock(server.database_url):
            # Each read answers while the lock is still held (the block has not ended).
            reads = [article, article, "/talk/", "/", "/feed/rss/", "/search/?q=busy"]
            for path in [*reads, "/sitemap.xml", "/robots.txt", "/accounts/login/"]:
                status, headers, body = get(server.port, path, timeout=READ_TIMEOUT)
                assert status == 200, (path, body[:500])
            assert get(server.port, "/healthz", timeout=READ_TIMEOUT)[0] == 200
        assert not server.complaints()


def test_a_writer_that_cannot_get_the_lock_gets_a_503_that_keeps_the_text(site):
    workdir, env, seeded = site
    env = {**env, "SQLITE_BUSY_TIMEOUT": "1"}
    with gunicorn(env, workdir, name="writer", workers=1) as server:
        reader = Reader(server.port, seeded.cookie, seeded.sessions[0])
        reader.open_form(seeded.paths["calm"])
        text = 'Kept <safe> & sound\nsecond line "quoted"'
        fields = {**reader.form, "comment": text, "reply_to": "0"}
        with write_lock(server.database_url):
            status, headers, body = post(server.port, "/comments/post/", fields, reader.cookies)
        assert status == 503, body[:2000]
        assert headers["retry-after"].isdigit()
        assert "no-store" in headers["cache-control"]
        assert "We could not save that just now" in body
        # The text is shown back, escaped, in a text box; the rest rides along hidden.
        assert f"{html.escape(text)}</textarea>" in body
        hidden = HiddenInputs()
        hidden.feed(body)
        assert hidden.fields["security_hash"] == reader.form["security_hash"]
        assert hidden.fields["csrfmiddlewaretoken"]
        # One click sends it again, once the writer is done.
        resent = {**hidden.fields, "comment": html.unescape(text)}
        action = html.unescape(re.search(r'<form method="post" action="([^"]+)"', body)[1])
        status, _, _ = post(server.port, action, resent, reader.cookies)
        assert status == 302
        stored = query(server.database_url, "SELECT comment FROM django_comments")
        assert [row[0] for row in stored] == [text]


def test_a_locked_sign_in_never_shows_the_password(site):
    workdir, env, _ = site
    env = {**env, "SQLITE_BUSY_TIMEOUT": "1"}
    with gunicorn(env, workdir, name="sign-in", workers=1) as server:
        connection = http.client.HTTPConnection(HOST, server.port, timeout=30)
        connection.request("GET", "/accounts/login/")
        page = connection.getresponse()
        form = page.read().decode()
        cookie = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie", ""))[1]
        connection.close()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
        fields = {"csrfmiddlewaretoken": token, "login": "ada", "password": "right-password-1"}
        with write_lock(server.database_url):
            status, _, body = post(server.port, "/accounts/login/", fields, {"csrftoken": cookie})
        assert status == 503, body[:2000]
        assert "right-password-1" not in body
        assert 'value="ada"' in body
        assert "Passwords are never shown again" in body


def test_monitors_reach_healthz_over_plain_http(site):
    workdir, env, _ = site
    env = {**env, "SECURE_SSL_REDIRECT": "true"}
    with gunicorn(env, workdir, name="redirecting", workers=1, probe="/healthz") as server:
        assert get(server.port, "/")[0] == 301  # readers are sent to HTTPS
        status, headers, body = get(server.port, "/healthz")
        assert status == 200
        assert json.loads(body) == {"status": "ok", "database": "ok", "cache": "ok"}
        assert "no-store" in headers["cache-control"]
