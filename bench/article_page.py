"""Benchmark: the demo article page against a static file, both served by gunicorn.

The script builds a throwaway site, serves it the way production does and puts a
bounded load on URLs of that site, side by side in one run:

* **article** - the demo article "7 Ways Social Media Can Benefit Mental Health",
  rendered by Django and Wagtail from SQLite on every request;
* **article (cached)** - the same URL answered from the anonymous page cache, when
  the settings turn that cache on (``MASTHEAD["PAGE_CACHE_SECONDS"]`` above 0);
* **static** - the hashed ``home/css/masthead.css`` the article links to, served by
  whitenoise's middleware before Django's URL routing, sessions or templates.

The static file is the yardstick: it costs the same HTTP and WSGI work as the
article on the same kind of workers but no page rendering, so the article/static
ratios say how much the page itself costs on this machine, and they move far
less from one machine to another than the absolute figures do.

Steps, all from the repository root:

1. a temporary directory (or ``--workdir``) gets the SQLite database and media;
   ``manage.py migrate``, ``manage.py load_demo`` and ``manage.py collectstatic``
   run with the production settings (collectstatic writes to the settings'
   ``STATIC_ROOT``, the git-ignored ``static/`` directory of the checkout), and a
   ``manage.py shell -c`` snippet reports the article's URL;
2. gunicorn serves ``masthead.wsgi`` on a free port of 127.0.0.1 with the
   production settings, a fresh random ``SECRET_KEY`` and HTTPS redirects off. When
   the page cache is on, a second, identical gunicorn runs with
   ``PAGE_CACHE_SECONDS=0`` so that the article target is rendered every time;
3. client threads (standard library only: ``http.client``, one connection per
   thread, kept alive when the server allows it) send a fixed number of GET
   requests to each target, in rounds that alternate the order (A B C, C B A, ...)
   so that noise on the machine hits every target;
4. the results are printed as a Markdown table, and appended to
   ``bench/results.md`` with ``--record``.

Any response other than 200 counts as an error and makes the script exit with
status 1. gunicorn is always stopped and the temporary directory removed (unless
``--keep``). Timings are reported, never asserted: nothing here is a test.

The demo site is built by article_site.py and loaded by load_client.py; the
options, the run and the record every benchmark here shares are in harness.py and
recording.py.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from article_site import ARTICLE_TITLE, STYLESHEET, Site, build_site, stylesheet_path
from harness import REPO_DIR, add_common_options, load_average, positive, run_in_workdir, say
from load_client import Target, measure, run_batch
from recording import append_record, plural

# harness has put the repository root on sys.path.
from tests.servers import (
    SETTINGS_MODULE,
    SiteError,
    get,
    gunicorn,
    gunicorn_command_text,
    production_environment,
)

# The setting's environment variable (0 turns the cache off) and the header the
# cache middleware adds to a response it served from the cache.
PAGE_CACHE_VARIABLE = "PAGE_CACHE_SECONDS"
PAGE_CACHE_HEADER = "x-masthead-cache"

BENCH_REDIS_VARIABLE = "MASTHEAD_BENCH_REDIS_URL"


# --- the servers -------------------------------------------------------------


def worker_class(threads: int) -> str:
    """The worker class gunicorn picks: sync for one thread, gthread for more."""
    return "sync" if threads == 1 else "gthread"


# --- reporting ---------------------------------------------------------------


def ratio(numerator: float, denominator: float) -> str:
    if not denominator or math.isnan(numerator) or math.isnan(denominator):
        return "n/a"
    return f"{numerator / denominator:.3g}×"


def markdown_table(targets: list[Target], yardstick: Target) -> str:
    rows = [
        "| target | path | bytes | requests | errors | connections | req/s | p50 ms | "
        "p90 ms | p99 ms |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for target in targets:
        rows.append(
            f"| {target.name} | `{target.path}` | {target.body_bytes:,} | {target.requests:,} | "
            f"{len(target.errors)} | {target.connections:,} | {target.per_second:,.1f} | "
            f"{target.percentile(50):.2f} | {target.percentile(90):.2f} | "
            f"{target.percentile(99):.2f} |"
        )
    for target in targets:
        if target is yardstick:
            continue
        rows.append(
            f"| **{target.name} / {yardstick.name}** | | | | | | "
            f"{ratio(target.per_second, yardstick.per_second)} | "
            + " | ".join(ratio(target.percentile(p), yardstick.percentile(p)) for p in (50, 90, 99))
            + " |"
        )
    return "\n".join(rows)


@dataclass
class BenchRun:
    """What one run measured, and what the servers logged as errors meanwhile."""

    site: Site
    targets: list[Target]
    yardstick: Target
    server_complaints: list[str]
    started: datetime
    load_before: str


def page_cache_text(site: Site) -> str:
    if site.page_cache_seconds <= 0:
        return "off in the settings, so every article request is rendered"
    return (
        f"{site.page_cache_seconds} s in the settings; *article* comes from a second, "
        f"identical gunicorn with {PAGE_CACHE_VARIABLE}=0, *article (cached)* and *static* "
        f"from the one with the settings' cache ({cache_backend_text()})"
    )


def cache_backend_text() -> str:
    if os.environ.get(BENCH_REDIS_VARIABLE):
        return "Redis, shared by the workers"
    return "the production fallback: a table in the SQLite database, shared by the workers"


def record(path: Path, table: str, options: argparse.Namespace, result: BenchRun) -> None:
    """Append this run to the results file."""
    load = ", ".join(f"{target.total:,} {target.name}" for target in result.targets)
    command = gunicorn_command_text(workers=options.workers, threads=options.threads)
    append_record(
        path,
        table,
        kind="",
        started=result.started,
        load_before=result.load_before,
        packages=["Django", "Wagtail", "gunicorn", "whitenoise"],
        details=[
            f"- Server: {plural(options.workers, 'worker')} × "
            f"{plural(options.threads, 'thread')} "
            f"({worker_class(options.threads)} worker class), {SETTINGS_MODULE}, SQLite: "
            f"`{command}`",
            f"- Page cache: {page_cache_text(result.site)}",
            f"- Load: {load} requests from {options.concurrency} client threads, in "
            f"{options.rounds} alternating rounds",
        ],
    )


# --- the run -----------------------------------------------------------------


def warm_up(targets: list[Target], options: argparse.Namespace) -> None:
    """Unmeasured requests, so that every worker has rendered and cached the page."""
    for target in targets:
        warmup = target.fresh(options.warmup)
        run_batch(warmup, options.warmup, options.concurrency)
        if warmup.errors:
            raise SiteError(
                f"warming up {target.name} gave {len(warmup.errors)} errors, e.g. "
                + "; ".join(sorted(set(warmup.errors))[:5])
            )


def check_page_cache(rendered: Target, cached: Target | None) -> None:
    """After warming up: the rendered target must miss the page cache, the cached one hit."""
    _, headers, _ = get(rendered.port, rendered.path)
    if headers.get(PAGE_CACHE_HEADER) == "hit":
        raise SiteError(
            f"the article target came from the page cache despite {PAGE_CACHE_VARIABLE}=0; "
            "has the setting's name changed?"
        )
    if cached is not None:
        _, headers, _ = get(cached.port, cached.path)
        answer = headers.get(PAGE_CACHE_HEADER, "no such header")
        say(f"{cached.name}: {PAGE_CACHE_HEADER}: {answer}")
        if answer != "hit":
            say(f"warning: {cached.name} did not come from the page cache after warming up")


def run(options: argparse.Namespace, workdir: Path) -> BenchRun:
    """Set the site up, serve it and measure every target."""
    started = datetime.now(UTC)
    load_before = load_average()
    if options.redis_url:
        os.environ[BENCH_REDIS_VARIABLE] = options.redis_url
    env = production_environment(
        workdir,
        f"sqlite:///{workdir / 'bench.sqlite3'}",
        redis_url=options.redis_url,
        # The settings' own: collectstatic fills the checkout's git-ignored static/.
        STATIC_ROOT=str(REPO_DIR / "static"),
    )
    site = build_site(env, workdir)
    with ExitStack() as stack:
        # Both servers start at once; then the article must answer on each.
        serve = {"workers": options.workers, "threads": options.threads, "probe": None}
        server = stack.enter_context(gunicorn(env, workdir, **serve))
        render_server = server
        if site.page_cache_seconds > 0:
            say(f"page cache: {site.page_cache_seconds} s; a second server renders every time")
            render_env = {**env, PAGE_CACHE_VARIABLE: "0"}
            render_server = stack.enter_context(
                gunicorn(render_env, workdir, name="gunicorn-uncached", **serve)
            )
        for each in {server.name: server, render_server.name: render_server}.values():
            each.wait_until_serving(site.article_path, options.startup_timeout)

        status, _, body = get(render_server.port, site.article_path)
        html = body.decode("utf-8", "replace")
        if status != 200 or ARTICLE_TITLE not in html:
            raise SiteError(f"the article {site.article_path} answered {status} without its title")
        static_path = stylesheet_path(html)
        status, headers, _ = get(server.port, static_path)
        if status != 200:
            raise SiteError(f"the stylesheet {static_path} answered {status}")
        say(
            f"static: {static_path} ({headers.get('content-type')}, "
            f"cache-control: {headers.get('cache-control')})"
        )

        article = Target("article", site.article_path, render_server.port, options.requests)
        static = Target("static", static_path, server.port, options.fast_requests)
        cached = None
        if render_server is not server:
            cached = Target(
                "article (cached)", site.article_path, server.port, options.fast_requests
            )
        targets = [article, *([cached] if cached else []), static]
        warm_up(targets, options)
        check_page_cache(article, cached)
        measure(targets, options.concurrency, options.rounds)
        complaints = server.complaints()
        if render_server is not server:
            complaints += render_server.complaints()
        return BenchRun(site, targets, static, complaints, started, load_before)


# --- command line ------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/article_page.py",
        description=(
            "Serve a throwaway demo site with gunicorn and the production settings, then "
            f"load the article {ARTICLE_TITLE!r} (rendered, and from the page cache when "
            f"the settings turn it on) and the static {STYLESHEET} side by side, and "
            "report requests/s, p50/p90/p99 latency and the ratios to the static file as "
            "a Markdown table. Run it with the project's virtualenv: "
            ".venv/bin/python bench/article_page.py."
        ),
        epilog=(
            "Exit status: 0 when every response was 200, 1 when any was not, 2 when a "
            "setup step failed (the message says which), 130 when interrupted. `make "
            "bench` runs it with --record. See bench/README.md for how to read the figures."
        ),
    )
    load = parser.add_argument_group("load")
    load.add_argument(
        "--requests",
        type=positive,
        default=500,
        help="requests for the rendered article, over all rounds (default: %(default)s)",
    )
    load.add_argument(
        "--fast-requests",
        type=positive,
        help="requests for each fast target (the static file and the cached article), "
        "over all rounds; they cost so little that more of them take little time and "
        "steady the figures (default: 4 × --requests)",
    )
    load.add_argument(
        "--concurrency",
        type=positive,
        default=8,
        help="client threads, one connection each (default: %(default)s)",
    )
    load.add_argument(
        "--rounds",
        type=positive,
        default=4,
        help="rounds; each sends its share of requests to every target, alternating the "
        "order (default: %(default)s)",
    )
    load.add_argument(
        "--warmup",
        type=positive,
        default=20,
        help="unmeasured requests per target before measuring, so that every worker has "
        "rendered the page and cached what it caches (default: %(default)s)",
    )
    server = add_common_options(parser, workers=2, threads=1)
    server.add_argument(
        "--redis-url",
        default="",
        help="run the servers with this REDIS_URL (e.g. redis://127.0.0.1:6379/14); "
        "by default they use production's fallback cache, a table in the database",
    )
    options = parser.parse_args(argv)
    if options.fast_requests is None:
        options.fast_requests = 4 * options.requests
    if min(options.requests, options.fast_requests) < options.rounds:
        parser.error("--requests and --fast-requests must be at least --rounds")
    return options


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_args(argv)
    result = run_in_workdir(options, "masthead-bench-", lambda workdir: run(options, workdir))

    table = markdown_table(result.targets, result.yardstick)
    print(table)
    failed = False
    for target in result.targets:
        if target.errors:
            failed = True
            examples = "; ".join(sorted(set(target.errors))[:5])
            say(f"{target.name}: {len(target.errors)} errors, e.g. {examples}")
    if result.server_complaints:
        say(f"the gunicorn logs have {len(result.server_complaints)} error lines, e.g.:")
        for line in result.server_complaints[:10]:
            say(f"    {line}")
    if failed:
        say("not recorded: a run with errors measures nothing" if options.record else "failed")
        return 1
    if options.record:
        record(options.results, table, options, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
