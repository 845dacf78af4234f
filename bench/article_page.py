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
"""

from __future__ import annotations

import argparse
import http.client
import json
import logging
import math
import os
import platform
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

REPO_DIR = Path(__file__).resolve().parent.parent
# Run as a file, a script here finds only bench/ on its path; the plumbing of the
# servers (tests/servers.py), which the tests use too, is at the repository root.
sys.path.insert(1, str(REPO_DIR))

from tests.servers import (  # noqa: E402
    HOST,
    SETTINGS_MODULE,
    SiteError,
    get,
    gunicorn,
    gunicorn_command_text,
    manage,
    prepare_site,
    production_environment,
    tail,
)

DEFAULT_RESULTS = REPO_DIR / "bench" / "results.md"

ARTICLE_TITLE = "7 Ways Social Media Can Benefit Mental Health"
STYLESHEET = "home/css/masthead.css"

# The article's URL and whether the anonymous page cache is on, as one JSON line.
SITE_SNIPPET = f"""
import json
from articles.models import ArticlePage
from masthead.conf import masthead_setting
url = ArticlePage.objects.live().get(title={ARTICLE_TITLE!r}).url
cache_seconds = int(masthead_setting("PAGE_CACHE_SECONDS"))
print(json.dumps({{"url": url, "page_cache_seconds": cache_seconds}}))
"""
# The setting's environment variable (0 turns the cache off) and the header the
# cache middleware adds to a response it served from the cache.
PAGE_CACHE_VARIABLE = "PAGE_CACHE_SECONDS"
PAGE_CACHE_HEADER = "x-masthead-cache"

RESULTS_HEADER = """\
# Benchmark results

Figures recorded by the scripts in bench/ with `--record` (`make bench` runs
`.venv/bin/python bench/article_page.py --record`); bench/README.md says what they
measure and how to read them. Absolute figures depend on the machine: compare the
ratios, and compare absolute figures only between runs on the same machine.
"""

BENCH_REDIS_VARIABLE = "MASTHEAD_BENCH_REDIS_URL"

T = TypeVar("T")


def say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --- setup -------------------------------------------------------------------


def load_demo(env: dict[str, str], workdir: Path) -> None:
    """Run ``manage.py load_demo``; say so plainly when the command does not exist."""
    try:
        manage(env, "load_demo", log=workdir / "load_demo.log")
    except SiteError as error:
        if "Unknown command: 'load_demo'" in str(error):
            raise SiteError(
                "the load_demo management command is missing (expected in "
                "articles/management/commands/load_demo.py). The benchmark measures the "
                f"demo article {ARTICLE_TITLE!r} that load_demo creates, so it cannot run "
                "without it."
            ) from None
        raise


@dataclass(frozen=True)
class Site:
    """What the benchmark needs to know about the demo site."""

    article_path: str
    page_cache_seconds: int


def site_facts(env: dict[str, str], workdir: Path) -> Site:
    """The demo article's path, as Wagtail reports it, and the page cache setting."""
    output = manage(env, "shell", "-c", SITE_SNIPPET, what="find article", log=workdir / "site.log")
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    try:
        facts = json.loads(lines[-1])
        url, cache_seconds = str(facts["url"] or ""), int(facts["page_cache_seconds"])
    except (IndexError, ValueError, KeyError, TypeError):
        raise SiteError(f"could not read the site's facts from:\n{tail(output)}") from None
    path = urlsplit(url).path
    if not path.startswith("/"):
        raise SiteError(
            f"the article's URL came back as {url!r}: is the demo site's root page "
            "reachable from a Site?"
        )
    return Site(path, cache_seconds)


def build_site(env: dict[str, str], workdir: Path) -> Site:
    """Migrate, load the demo and collect static files; return the site's facts."""
    with prepare_site(env, workdir):
        load_demo(env, workdir)
        return site_facts(env, workdir)


# --- the servers -------------------------------------------------------------


def worker_class(threads: int) -> str:
    """The worker class gunicorn picks: sync for one thread, gthread for more."""
    return "sync" if threads == 1 else "gthread"


class StylesheetFinder(HTMLParser):
    """Collects the ``href`` of every ``<link rel="stylesheet">``."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        rel = (values.get("rel") or "").lower().split()
        if tag == "link" and "stylesheet" in rel and values.get("href"):
            self.hrefs.append(values["href"] or "")


def stylesheet_path(html: str) -> str:
    """The hashed path of masthead.css, from the article's ``<link rel="stylesheet">``."""
    finder = StylesheetFinder()
    finder.feed(html)
    stem, suffix = STYLESHEET.rsplit(".", 1)
    hashed = re.compile(rf"/{re.escape(stem)}\.[0-9a-f]{{12}}\.{suffix}$")
    for href in finder.hrefs:
        path = urlsplit(href).path
        if hashed.search(path):
            return path
    raise SiteError(
        f"the article links no hashed {STYLESHEET} (stylesheets: {finder.hrefs or 'none'}); "
        "is the manifest static files storage in use?"
    )


# --- the load ----------------------------------------------------------------


@dataclass
class Target:
    """One URL on one server under load, its share of the requests and what was measured."""

    name: str
    path: str
    port: int
    total: int
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    connections: int = 0
    body_bytes: int = 0

    @property
    def requests(self) -> int:
        return len(self.latencies) + len(self.errors)

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, percent: float) -> float:
        """Nearest-rank percentile of the successful requests' latencies, in ms."""
        return percentile(self.latencies, percent)

    def fresh(self, total: int) -> Target:
        """A target for the same URL with nothing measured yet (for warming up)."""
        return Target(self.name, self.path, self.port, total)


class Tickets:
    """A thread-safe ticket dispenser: 0, 1, 2, ...; a client sends one request per ticket."""

    def __init__(self) -> None:
        self._next = 0
        self._lock = threading.Lock()

    def take(self) -> int:
        with self._lock:
            value = self._next
            self._next += 1
            return value


def client(target: Target, tickets: Tickets, count: int, lock: threading.Lock) -> None:
    """One client thread: its own connection, requests until the batch's count is spent."""
    conn = http.client.HTTPConnection(HOST, target.port, timeout=30)
    latencies: list[float] = []
    errors: list[str] = []
    connections = 0
    body_bytes = 0
    try:
        while tickets.take() < count:
            if conn.sock is None:
                connections += 1  # http.client reconnects when the server closed it
            started = time.perf_counter()
            try:
                conn.request("GET", target.path)
                response = conn.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException) as error:
                errors.append(f"{type(error).__name__}: {error}")
                conn.close()
                continue
            elapsed = time.perf_counter() - started
            if response.status == 200:
                latencies.append(elapsed)
                body_bytes = len(body)
            else:
                errors.append(f"HTTP {response.status}")
    finally:
        conn.close()
    with lock:
        target.latencies.extend(latencies)
        target.errors.extend(errors)
        target.connections += connections
        target.body_bytes = body_bytes or target.body_bytes


def run_batch(target: Target, count: int, concurrency: int) -> float:
    """Send ``count`` requests to the target from ``concurrency`` threads; return the time."""
    tickets = Tickets()
    lock = threading.Lock()
    threads = [
        threading.Thread(target=client, args=(target, tickets, count, lock), daemon=True)
        for _ in range(concurrency)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    target.seconds += elapsed
    return elapsed


def split(total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` near-equal whole numbers."""
    return [total // parts + (1 if index < total % parts else 0) for index in range(parts)]


def measure(targets: list[Target], concurrency: int, rounds: int) -> None:
    """Send each target its requests, alternating the order round by round: A B C, C B A."""
    shares = {target.name: split(target.total, rounds) for target in targets}
    width = max(len(target.name) for target in targets)
    for number in range(1, rounds + 1):
        order = targets if number % 2 else list(reversed(targets))
        for target in order:
            count = shares[target.name][number - 1]
            elapsed = run_batch(target, count, concurrency)
            say(
                f"round {number}/{rounds} {target.name:<{width}} {count:5} requests in "
                f"{elapsed:5.2f}s ({count / elapsed:7.1f}/s)"
            )


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


def git(*args: str) -> str:
    try:
        result = subprocess.run(
            # --no-optional-locks: status must not refresh (write) the index.
            ["git", "--no-optional-locks", *args],
            cwd=REPO_DIR,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return ""
    return result.stdout.strip()


def commit_description() -> str:
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    if git("status", "--porcelain", "--untracked-files=all"):
        return f"{commit} (plus uncommitted changes)"
    return commit


def version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 0


def load_average() -> str:
    """The machine's 1-minute load average: other work competing with the benchmark."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "unknown"


def command_line() -> str:
    python = Path(sys.executable)
    with suppress(ValueError):
        python = python.relative_to(REPO_DIR)
    return shlex.join([str(python), *sys.argv])


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO_DIR))
    except ValueError:
        return str(path)


def percentile(latencies: Sequence[float], percent: float) -> float:
    """Nearest-rank percentile of latencies in seconds, in ms (NaN without any)."""
    if not latencies:
        return math.nan
    ordered = sorted(latencies)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1] * 1000


def append_record(
    path: Path,
    table: str,
    *,
    kind: str,
    started: datetime,
    load_before: str,
    packages: Sequence[str],
    details: Sequence[str],
) -> None:
    """Append a run to the results file (created with a header when missing): a heading
    with the date, ``kind`` and the commit, the command, the commit, the versions of
    Python and ``packages``, the script's ``details`` (Markdown list items), the machine
    and its load when the run started, then the table."""
    text = path.read_text() if path.exists() else RESULTS_HEADER
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    heading = [f"## {started:%Y-%m-%d %H:%M} UTC", kind, f"commit {commit}"]
    versions = ", ".join(
        [f"Python {platform.python_version()}", *(f"{name} {version(name)}" for name in packages)]
    )
    entry = "\n".join(
        [
            ", ".join(part for part in heading if part),
            "",
            f"- Command: `{command_line()}`",
            f"- Commit: {commit_description()}",
            f"- Versions: {versions}",
            *details,
            f"- Machine: {os.cpu_count()} cores ({usable_cores()} usable), {cpu_model()}, "
            f"{platform.system()} {platform.release()}; 1-minute load average "
            f"{load_before} when the run started",
            "",
            table,
            "",
        ]
    )
    path.write_text(text.rstrip("\n") + "\n\n" + entry)
    say(f"recorded in {display_path(path)}")


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


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive whole number")
    return value


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


def add_common_options(
    parser: argparse.ArgumentParser, *, workers: int, threads: int
) -> argparse._ArgumentGroup:
    """The options every benchmark here takes: gunicorn's workers and threads (with
    these defaults), its start-up timeout, and the output group (--record, --results,
    --workdir, --keep). Returns the "server" group, for the script's own options."""
    server = parser.add_argument_group("server")
    server.add_argument(
        "--workers",
        type=positive,
        default=workers,
        help="gunicorn worker processes (default: %(default)s)",
    )
    server.add_argument(
        "--threads",
        type=positive,
        default=threads,
        help="threads per worker; 1 runs gunicorn's sync worker, which closes the connection "
        "after each response; more run the gthread worker, which keeps connections "
        "alive (default: %(default)s)",
    )
    server.add_argument(
        "--startup-timeout",
        type=float,
        default=60.0,
        help="seconds to wait for gunicorn to answer (default: %(default)s)",
    )
    output = parser.add_argument_group("output")
    output.add_argument(
        "--record",
        action="store_true",
        help="append the table and the run's details to the results file",
    )
    output.add_argument(
        "--results",
        type=Path,
        default=DEFAULT_RESULTS,
        help="the file --record appends to (default: bench/results.md)",
    )
    output.add_argument(
        "--workdir",
        type=Path,
        help="a new or empty directory for the database, media, logs and the rest of the "
        "run's files (default: a new temporary directory)",
    )
    output.add_argument(
        "--keep",
        action="store_true",
        help="keep the working directory (database, media, manage.py and gunicorn logs), "
        "and any database the run made, afterwards",
    )
    return server


def stop_on_sigterm() -> None:
    """Make SIGTERM unwind like Ctrl-C, so that gunicorn is stopped and files removed."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def show_server_steps() -> None:
    """Print what tests/servers.py logs (steps done, servers started and stopped) as
    progress, the way :func:`say` does."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("[bench] %(message)s"))
    servers = logging.getLogger("tests.servers")
    servers.addHandler(handler)
    servers.setLevel(logging.INFO)


def run_in_workdir(options: argparse.Namespace, prefix: str, run: Callable[[Path], T]) -> T:
    """``run(workdir)`` in --workdir, or a new temporary directory named ``prefix``…;
    the directory is removed afterwards unless --keep. A failed step exits with
    status 2, and Ctrl-C or SIGTERM with 130, once gunicorn has been stopped."""
    stop_on_sigterm()
    show_server_steps()
    if options.workdir:
        workdir = options.workdir.resolve()
        if workdir.exists() and (not workdir.is_dir() or any(workdir.iterdir())):
            # It is removed afterwards (without --keep), so it must hold nothing else.
            say(f"error: --workdir {workdir} must be a new or empty directory")
            raise SystemExit(2)
        workdir.mkdir(parents=True, exist_ok=True)
    else:
        workdir = Path(tempfile.mkdtemp(prefix=prefix))
    say(f"working directory: {workdir}; load average {load_average()} on {os.cpu_count()} cores")
    try:
        return run(workdir)
    except SiteError as error:
        say(f"error: {error}")
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        say("interrupted")
        raise SystemExit(130) from None
    finally:
        if options.keep:
            say(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


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
