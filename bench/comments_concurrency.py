"""Benchmark: comments posted at the same moment, through gunicorn.

django-comments-xtd stores a reply in two steps: it inserts the comment, then
works out its place in the thread (``order``) from the thread's largest order,
and saves again. Two replies posted together can read the same largest order
and share a place. Masthead posts in one transaction and locks the thread's
first comment while a reply is placed. This script shows what that buys, side
by side in one run:

* **masthead** - ``/comments/post/`` on ``gunicorn masthead.wsgi``, the product;
* **stock** - django-contrib-comments' own post view, as xtd ships it, at
  ``/bench-stock/comments/post/`` on ``gunicorn bench.stock_urls:application``
  (the same settings, middleware and comment checks; no transaction, so no lock).

Each server gets two bursts on an article of its own:

1. **comments**: ``--comments`` top-level comments from ``--clients`` signed-in
   readers at once (client threads, each with its own session);
2. **replies**: one comment, then ``--replies`` replies to it from
   ``--reply-clients`` readers at once.

Every post has a text of its own, so the script can count, straight from the
database, what was stored: texts stored once, twice or not at all, and
``order`` values that two comments of one thread share. It also counts the
answers (every post should be answered with a redirect, 302) and the time.

Steps, all from the repository root: a temporary directory (or ``--workdir``)
holds an SQLite database, or, with ``--database-url``, a new database is made on
that PostgreSQL server (and dropped at the end); ``manage.py migrate`` and
``collectstatic`` run with the production settings and a fresh ``SECRET_KEY``,
a ``manage.py shell -c`` snippet makes the articles and readers (sessions made
with Django's test client's ``force_login``), then each server runs in turn.
Comment rate limits and the page cache are off. gunicorn is always stopped.
Figures are reported, never asserted: nothing here is a test (that is
tests/discussion/test_comment_concurrency.py).

The bursts themselves are in comment_bursts.py; the options, the run and the
record every benchmark here shares are in harness.py and recording.py.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from comment_bursts import MASTHEAD, STOCK, Burst, run_variant
from harness import add_common_options, load_average, positive, run_in_workdir, say
from recording import append_record, plural

# harness has put the repository root on sys.path.
from tests.servers import (
    OPEN_FOR_COMMENTS,
    SETTINGS_MODULE,
    gunicorn_command_text,
    postgres_database,
    prepare_site,
    production_environment,
    query,
    seed,
)


def database_text(database_url: str) -> str:
    """The database, as the results say it."""
    if database_url.startswith("sqlite:///"):
        return "SQLite (WAL, immediate transactions), production's fallback cache in it"
    (server_version,) = query(database_url, "SHOW server_version")[0]
    return f"PostgreSQL {str(server_version).split()[0]}, production's fallback cache in it"


# --- reporting ---------------------------------------------------------------


def answers_text(answers: Counter) -> str:
    return ", ".join(f"{status} ×{n}" for status, n in sorted(answers.items()))


def markdown_table(bursts: list[Burst]) -> str:
    rows = [
        "| server | burst | clients | posts | answers | stored | missing | duplicates | "
        "shared orders | 5xx | wall s | posts/s | p50 ms | p90 ms |",
        "|---|---|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for burst in bursts:
        rate = burst.posts / burst.seconds if burst.seconds else math.nan
        rows.append(
            f"| {burst.variant} | {burst.name} | {burst.clients} | {burst.posts} | "
            f"{answers_text(burst.answers)} | {burst.stored_texts} | {burst.missing} | "
            f"{burst.duplicates} | {burst.shared_orders} | {burst.server_errors} | "
            f"{burst.seconds:.2f} | {rate:.1f} | {burst.percentile(50):.0f} | "
            f"{burst.percentile(90):.0f} |"
        )
    return "\n".join(rows)


@dataclass
class BenchRun:
    bursts: list[Burst]
    complaints: list[str]
    commands: dict[str, str]
    database: str
    started: datetime
    load_before: str


def record(path: Path, table: str, options: argparse.Namespace, result: BenchRun) -> None:
    """Append this run to the results file."""
    servers = "; ".join(f"{name}: `{command}`" for name, command in result.commands.items())
    stock = (
        "not run (--no-stock)"
        if options.no_stock
        else "django-contrib-comments' post view without Masthead's transaction "
        "(bench/stock_urls.py)"
    )
    append_record(
        path,
        table,
        kind="comments concurrency",
        started=result.started,
        load_before=result.load_before,
        packages=[
            "Django",
            "Wagtail",
            "django-comments-xtd",
            "django-contrib-comments",
            "gunicorn",
        ],
        details=[
            f"- Database: {result.database}",
            f"- Servers: {plural(options.workers, 'worker')} × "
            f"{plural(options.threads, 'thread')}, {SETTINGS_MODULE}, one after the other; "
            f"{servers}",
            f"- Stock: {stock}",
            f"- Load: {options.comments} comments from {options.clients} readers at once, then "
            f"{options.replies} replies to one comment from {options.reply_clients} readers "
            "at once; a new connection per request",
        ],
    )


# --- the run -----------------------------------------------------------------


def run(options: argparse.Namespace, workdir: Path) -> BenchRun:
    started = datetime.now(UTC)
    load_before = load_average()
    variants = [MASTHEAD] if options.no_stock else [MASTHEAD, STOCK]
    with ExitStack() as stack:
        if options.database_url:
            database_url = stack.enter_context(
                postgres_database(options.database_url, prefix="masthead_bench", keep=options.keep)
            )
        else:
            database_url = f"sqlite:///{workdir / 'bench.sqlite3'}"
        env = production_environment(workdir, database_url, **OPEN_FOR_COMMENTS)
        readers = max(options.clients, options.reply_clients)
        with prepare_site(env, workdir):
            slugs = [variant.article_slug for variant in variants]
            seeded = seed(env, slugs, readers, log=workdir / "seed.log")
        database = database_text(database_url)
        bursts: list[Burst] = []
        complaints: list[str] = []
        commands: dict[str, str] = {}
        for variant in variants:
            done, logged = run_variant(variant, env, workdir, seeded, options)
            bursts += done
            complaints += logged
            commands[variant.name] = gunicorn_command_text(
                application=variant.application, workers=options.workers, threads=options.threads
            )
    return BenchRun(bursts, complaints, commands, database, started, load_before)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/comments_concurrency.py",
        description=(
            "Serve a throwaway site with gunicorn and the production settings, post bursts "
            "of comments and of replies to one comment from many signed-in readers at once, "
            "and report per burst: posts, answers, comments stored, missing and duplicated, "
            "order values shared within a thread, 5xx answers and the time taken, as a "
            "Markdown table. The same bursts go to Masthead's /comments/post/ and, for "
            "comparison, to django-contrib-comments' stock post view without Masthead's "
            "transaction (bench/stock_urls.py). Run it with the project's virtualenv: "
            ".venv/bin/python bench/comments_concurrency.py."
        ),
        epilog=(
            "Exit status: 0 when Masthead stored every post once, in places of their own, and "
            "answered every post with a redirect; 1 when it did not (stock's figures never "
            "fail a run); 2 when a setup step failed; 130 when interrupted. See "
            "bench/README.md for how to read the figures."
        ),
    )
    load = parser.add_argument_group("load")
    load.add_argument(
        "--comments", type=positive, default=200, help="top-level comments (default: %(default)s)"
    )
    load.add_argument(
        "--clients",
        type=positive,
        default=20,
        help="readers posting the comments at once, one thread and session each "
        "(default: %(default)s)",
    )
    load.add_argument(
        "--replies", type=positive, default=50, help="replies to one comment (default: %(default)s)"
    )
    load.add_argument(
        "--reply-clients",
        type=positive,
        default=10,
        help="readers posting the replies at once (default: %(default)s)",
    )
    load.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        help="seconds any one request may take (default: %(default)s)",
    )
    load.add_argument(
        "--no-stock",
        action="store_true",
        help="only Masthead's view: skip the stock comparison",
    )
    server = add_common_options(parser, workers=4, threads=4)
    server.add_argument(
        "--database-url",
        default="",
        help="a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/test: the bench "
        "connects to that database only to create a new one (masthead_bench_…) for the "
        "run, and drops it at the end (unless --keep); by default an SQLite file in the "
        "working directory",
    )
    options = parser.parse_args(argv)
    if options.database_url and urlsplit(options.database_url).scheme not in {
        "postgres",
        "postgresql",
    }:
        parser.error("--database-url must be a postgres:// URL")
    if options.clients > options.comments or options.reply_clients > options.replies:
        parser.error("each client needs at least one post: lower --clients or --reply-clients")
    return options


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_args(argv)
    result = run_in_workdir(
        options, "masthead-bench-comments-", lambda workdir: run(options, workdir)
    )
    table = markdown_table(result.bursts)
    print(table)
    if result.complaints:
        say(f"the gunicorn logs have {len(result.complaints)} error lines, e.g.:")
        for line in result.complaints[:10]:
            say(f"    {line}")
    if options.record:
        record(options.results, table, options, result)
    failed = [b for b in result.bursts if b.variant == MASTHEAD.name and not b.clean]
    for burst in failed:
        say(
            f"masthead {burst.name}: not every post was answered 302 and stored once, "
            "in a place of its own"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
