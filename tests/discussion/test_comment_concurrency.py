"""Comments posted at the same moment, through a real multi-process server.

xtd stores a reply in two steps; without one transaction and the thread's lock
around them, replies posted together share a place in the thread, and on SQLite
writers collided with "database is locked". These tests post bursts from many
signed-in readers at once to gunicorn (4 workers × 4 threads, production
settings) and read what was stored straight from the server's database: SQLite
by default, a fresh PostgreSQL database when DATABASE_URL names a server.
"""

from __future__ import annotations

import os
import secrets
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass

import pytest

from tests.servers import (
    OPEN_FOR_COMMENTS,
    Comment,
    Reader,
    Seeded,
    Server,
    gunicorn,
    post_together,
    postgres_database,
    prepare_site,
    production_environment,
    seed,
    stored_comments,
)

pytestmark = pytest.mark.slow

READERS = 20
ARTICLE = "busy"


@dataclass
class Site:
    server: Server
    seeded: Seeded

    @property
    def article_path(self) -> str:
        return self.seeded.paths[ARTICLE]

    def readers(self, count: int) -> list[Reader]:
        """``count`` readers, each with their own session and the article's comment form."""
        return self.seeded.readers(self.server.port, ARTICLE, count)

    def comments(self, where: str, *params) -> list[Comment]:
        return stored_comments(self.server.database_url, where, *params)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A throwaway site served by 4 gunicorn workers × 4 threads, comment limits off."""
    workdir = tmp_path_factory.mktemp("comment-server")
    with ExitStack() as stack:
        database_url = ""
        if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
            database_url = stack.enter_context(postgres_database(os.environ["DATABASE_URL"]))
        env = production_environment(
            workdir, database_url, redis_url=os.environ.get("REDIS_URL", ""), **OPEN_FOR_COMMENTS
        )
        with prepare_site(env, workdir):
            seeded = seed(env, [ARTICLE], READERS)
        server = stack.enter_context(gunicorn(env, workdir, workers=4, threads=4))
        yield Site(server, seeded)


def test_200_comments_from_20_readers_at_once_are_each_stored_once(site):
    tag = secrets.token_hex(4)
    texts = [f"Comment {tag} {n:03d}" for n in range(200)]
    sent = post_together(site.readers(READERS), texts)
    assert sent.answers == {"302": 200}, (
        f"{sent.answers} in {sent.seconds:.1f}s\n{site.server.errors()}"
    )
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
    (first,) = site.readers(1)
    status, _ = first.post(f"Root {tag}")
    assert status == "302"
    (root,) = site.comments("c.comment = %s", f"Root {tag}")
    texts = [f"Reply {tag} {n:02d}" for n in range(50)]

    sent = post_together(site.readers(10), texts, reply_to=root.id)

    assert sent.answers == {"302": 50}, f"{sent.answers}\n{site.server.errors()}"
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
