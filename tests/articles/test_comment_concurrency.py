"""Comments posted at the same moment, through a real multi-process server.

xtd stores a reply in two steps; without one transaction and the thread's lock
around them, replies posted together share a place in the thread, and on SQLite
writers collided with "database is locked". These tests post bursts from many
signed-in readers at once to gunicorn (4 workers × 4 threads, production
settings) and read what was stored straight from the server's database: SQLite
by default, a fresh PostgreSQL database when DATABASE_URL names a server.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import ExitStack
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest

from tests.servers import (
    HOST,
    Server,
    gunicorn,
    manage,
    postgres_database,
    prepare_site,
    production_environment,
    query,
)

pytestmark = pytest.mark.slow

READERS = 20
REQUEST_TIMEOUT = 30  # seconds, for every request
BURST_TIMEOUT = 120  # seconds, for a whole burst

# An article open for comments and READERS signed-in readers, as one JSON line.
SEED = """
import json
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Site
from articles.models import ArticleIndexPage, ArticlePage

home = Site.objects.get(is_default_site=True).root_page.specific
section = home.add_child(instance=ArticleIndexPage(title="Talk", slug="talk"))
section.save_revision().publish()
article = section.add_child(
    instance=ArticlePage(title="Busy", slug="busy", body=[("text", "Say something.")])
)
article.save_revision().publish()
sessions = []
for i in range(%(readers)d):
    user = get_user_model().objects.create_user(f"reader{i}", f"reader{i}@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client = Client()
    client.force_login(user)
    sessions.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
print(json.dumps({
    "path": ArticlePage.objects.get(pk=article.pk).url,
    "cookie": settings.SESSION_COOKIE_NAME,
    "sessions": sessions,
}))
"""

COMMENTS = """
SELECT c.id, c.comment, x.parent_id, x.thread_id, x.level, x."order", x.nested_count
FROM django_comments c JOIN django_comments_xtd_xtdcomment x ON x.comment_ptr_id = c.id
"""


@dataclass(frozen=True)
class Row:
    id: int
    text: str
    parent_id: int
    thread_id: int
    level: int
    order: int
    nested_count: int


@dataclass
class Site:
    server: Server
    article_path: str
    session_cookie: str
    sessions: list[str]

    def comments(self, where: str, *params) -> list[Row]:
        rows = query(self.server.database_url, f"{COMMENTS} WHERE {where}", params)
        return [Row(*row) for row in rows]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A throwaway site served by 4 gunicorn workers × 4 threads, comment limits off."""
    workdir = tmp_path_factory.mktemp("comment-server")
    with ExitStack() as stack:
        database_url = ""
        if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
            database_url = stack.enter_context(postgres_database(os.environ["DATABASE_URL"]))
        env = production_environment(
            workdir,
            database_url,
            PAGE_CACHE_SECONDS="0",
            COMMENT_RATE_LIMIT_PER_USER="",
            COMMENT_RATE_LIMIT_PER_ADDRESS="",
            ACCOUNT_EMAIL_VERIFICATION="none",
        )
        prepare_site(env)
        facts = json.loads(
            manage(env, "shell", "-c", SEED % {"readers": READERS}).strip().splitlines()[-1]
        )
        server = stack.enter_context(gunicorn(env, workdir, workers=4, threads=4))
        yield Site(server, urlsplit(facts["path"]).path, facts["cookie"], facts["sessions"])


class Reader:
    """One signed-in reader with their own session, posting through the article's form."""

    def __init__(self, site: Site, session: str) -> None:
        self.site = site
        self.cookies = {site.session_cookie: session}
        self.form: dict[str, str] = {}

    def request(self, method: str, path: str, fields: dict | None = None) -> tuple[int, str]:
        """One request on a new connection: (status, body); remembers cookies set."""
        port = self.site.server.port
        connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
        finally:
            connection.close()
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, text

    def open_form(self) -> None:
        """Read the signed comment form's fields off the article page, as a browser would."""
        status, html = self.request("GET", self.site.article_path)
        assert status == 200, html[:2000]
        assert 'id="post-a-comment"' in html, "not signed in?"
        form = html.split('id="post-a-comment"', 1)[1].split("</form>", 1)[0]
        self.form = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
        self.form.update(
            re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"[^>]*type="hidden"', form)
        )
        assert {"security_hash", "timestamp", "csrfmiddlewaretoken"} <= set(self.form)

    def post(self, text: str, reply_to: int = 0) -> str:
        """Post one comment; its HTTP status, or the error that stopped the request."""
        fields = {**self.form, "comment": text, "reply_to": str(reply_to)}
        try:
            status, _ = self.request("POST", "/comments/post/", fields)
        except (OSError, http.client.HTTPException) as error:
            return type(error).__name__
        return str(status)


def burst(site: Site, texts: list[str], clients: int, reply_to: int = 0) -> Counter:
    """Post ``texts`` from ``clients`` readers at once (each its own session and
    thread, starting together); count the answers by status."""
    readers = [Reader(site, session) for session in site.sessions[:clients]]
    for reader in readers:
        reader.open_form()
    start = threading.Barrier(clients, timeout=REQUEST_TIMEOUT)

    def run(index: int) -> list[str]:
        start.wait()
        return [readers[index].post(text, reply_to) for text in texts[index::clients]]

    with ThreadPoolExecutor(clients) as pool:
        futures = [pool.submit(run, index) for index in range(clients)]
        done, pending = wait(futures, timeout=BURST_TIMEOUT)
        if pending:
            for future in pending:
                future.cancel()
            pytest.fail(f"the burst took longer than {BURST_TIMEOUT}s")
    return Counter(status for future in done for status in future.result())


def test_200_comments_from_20_readers_at_once_are_each_stored_once(site):
    tag = secrets.token_hex(4)
    texts = [f"Comment {tag} {n:03d}" for n in range(200)]
    started = time.monotonic()
    answers = burst(site, texts, clients=READERS)
    elapsed = time.monotonic() - started
    assert answers == {"302": 200}, f"{answers} in {elapsed:.1f}s\n{site.server.errors()}"
    rows = site.comments("c.comment LIKE %s", f"Comment {tag} %")
    stored = Counter(row.text for row in rows)
    assert set(stored) == set(texts)
    assert stored.most_common(1)[0][1] == 1  # none twice
    # Each is a conversation of its own, first in its thread.
    assert all(row.thread_id == row.parent_id == row.id for row in rows)
    assert {(row.level, row.order) for row in rows} == {(0, 1)}
    assert not site.server.crashed(), site.server.errors()


def test_50_replies_at_once_take_distinct_places_in_the_thread(site):
    tag = secrets.token_hex(4)
    first = Reader(site, site.sessions[0])
    first.open_form()
    assert first.post(f"Root {tag}") == "302"
    (root,) = site.comments("c.comment = %s", f"Root {tag}")
    texts = [f"Reply {tag} {n:02d}" for n in range(50)]

    answers = burst(site, texts, clients=10, reply_to=root.id)

    assert answers == {"302": 50}, f"{answers}\n{site.server.errors()}"
    replies = site.comments("c.comment LIKE %s", f"Reply {tag} %")
    assert sorted(row.text for row in replies) == texts  # each stored once
    assert {(row.parent_id, row.thread_id, row.level) for row in replies} == {(root.id, root.id, 1)}
    thread = site.comments("x.thread_id = %s", root.id)
    orders = Counter(row.order for row in thread)
    assert sorted(orders) == list(range(1, 52)), [o for o, n in orders.items() if n > 1]
    (root,) = [row for row in thread if row.id == root.id]
    assert (root.order, root.nested_count) == (1, 50)
    # Stable: read again on a new connection, every comment keeps its place.
    again = site.comments("x.thread_id = %s", root.id)
    assert {row.id: row.order for row in again} == {row.id: row.order for row in thread}
    # The article (newest conversation first) shows the replies in that order, under
    # their root.
    status, html = first.request("GET", f"{site.article_path}?corder=newest")
    assert status == 200
    shown = [row.text for row in sorted(thread, key=lambda row: row.order)]
    positions = [html.index(text) for text in shown]
    assert positions == sorted(positions)
    assert not site.server.crashed(), site.server.errors()
