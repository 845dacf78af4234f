"""The bursts of the comments benchmark: the two ways of posting (Masthead's view
and the stock one), one burst of posts from many readers at once, what the database
holds of it afterwards, and one server's run of both bursts."""

from __future__ import annotations

import argparse
import secrets
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from harness import percentile, say

from tests.servers import (
    COMMENT_POST_PATH,
    Reader,
    Seeded,
    Sent,
    SiteError,
    gunicorn,
    post_together,
    stored_comments,
)


@dataclass(frozen=True)
class Variant:
    """One way of posting: the WSGI application gunicorn serves and the URL posted to."""

    name: str
    application: str
    post_path: str
    article_slug: str


MASTHEAD = Variant("masthead", "masthead.wsgi", COMMENT_POST_PATH, "masthead")
STOCK = Variant("stock", "bench.stock_urls:application", "/bench-stock/comments/post/", "stock")


# --- a burst -----------------------------------------------------------------


@dataclass
class Burst:
    """One burst of posts and what came of it."""

    variant: str
    name: str
    clients: int
    texts: list[str]
    sent: Sent = field(default_factory=lambda: Sent(Counter(), [], 0.0))
    stored_rows: int = 0
    stored_texts: int = 0
    shared_orders: int = 0

    @property
    def posts(self) -> int:
        return len(self.texts)

    @property
    def answers(self) -> Counter[str]:
        return self.sent.answers

    @property
    def seconds(self) -> float:
        return self.sent.seconds

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.answers.items() if status.startswith("5"))

    @property
    def duplicates(self) -> int:
        return self.stored_rows - self.stored_texts

    @property
    def missing(self) -> int:
        return self.posts - self.stored_texts

    @property
    def clean(self) -> bool:
        return (
            self.answers == Counter({"302": self.posts})
            and self.stored_rows == self.stored_texts == self.posts
            and self.shared_orders == 0
        )

    def percentile(self, percent: float) -> float:
        return percentile(self.sent.latencies, percent)


def count_stored(burst: Burst, database_url: str, tag: str) -> None:
    """What the database holds of the burst's texts, and orders shared in their threads."""
    wanted = set(burst.texts)
    tagged = stored_comments(database_url, "c.comment LIKE %s", f"{tag} %")
    mine = [comment for comment in tagged if comment.text in wanted]
    burst.stored_rows = len(mine)
    burst.stored_texts = len({comment.text for comment in mine})
    threads = sorted({comment.thread_id for comment in mine})
    if threads:
        marks = ", ".join(["%s"] * len(threads))
        thread = stored_comments(database_url, f"x.thread_id IN ({marks})", *threads)
        places = Counter((comment.thread_id, comment.order) for comment in thread)
        burst.shared_orders = sum(1 for n in places.values() if n > 1)


def run_variant(
    variant: Variant,
    env: dict[str, str],
    workdir: Path,
    seeded: Seeded,
    options: argparse.Namespace,
) -> tuple[list[Burst], list[str]]:
    """Serve one variant and send it both bursts."""
    with gunicorn(
        env,
        workdir,
        name=variant.name,
        application=variant.application,
        workers=options.workers,
        threads=options.threads,
        probe=seeded.paths[variant.article_slug],
        startup_timeout=options.startup_timeout,
    ) as server:

        def readers(count: int) -> list[Reader]:
            return seeded.readers(server.port, variant.article_slug, count, options.timeout)

        tag = f"{variant.name}-{secrets.token_hex(3)}"

        def burst(name: str, clients: int, texts: list[str], reply_to: int = 0) -> Burst:
            """``texts`` from ``clients`` readers at once, then what was stored."""
            burst = Burst(variant.name, name, clients, texts)
            burst.sent = post_together(readers(clients), texts, reply_to, variant.post_path)
            count_stored(burst, server.database_url, tag)
            say(f"{variant.name} {name}: {dict(burst.answers)} in {burst.seconds:.2f}s")
            return burst

        comments = burst(
            "comments",
            options.clients,
            [f"{tag} comment {n:04d}" for n in range(options.comments)],
        )
        root_text = f"{tag} root"
        (first,) = readers(1)
        status, _ = first.post(root_text, path=variant.post_path)
        roots = stored_comments(server.database_url, "c.comment = %s", root_text)
        if status != "302" or len(roots) != 1:
            raise SiteError(f"{variant.name}: the comment to reply to answered {status}")
        replies = burst(
            "replies",
            options.reply_clients,
            [f"{tag} reply {n:04d}" for n in range(options.replies)],
            roots[0].id,
        )
    return [comments, replies], server.complaints()
