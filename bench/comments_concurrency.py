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
tests/articles/test_comment_concurrency.py).
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import platform
import secrets
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

from article_page import (
    HOST,
    REPO_DIR,
    BenchError,
    command_line,
    commit_description,
    cpu_model,
    display_path,
    free_port,
    git,
    gunicorn_supports,
    load_average,
    plural,
    say,
    stop_on_sigterm,
    tail,
    usable_cores,
    version,
)

DEFAULT_RESULTS = REPO_DIR / "bench" / "results.md"
SETTINGS_MODULE = "masthead.settings.production"

RESULTS_HEADER = """\
# Benchmark results

Figures recorded by the scripts in bench/ with `--record`; bench/README.md says
what they measure and how to read them.
"""


@dataclass(frozen=True)
class Variant:
    """One way of posting: the WSGI application gunicorn serves and the URL posted to."""

    name: str
    application: str
    post_path: str
    article_slug: str


MASTHEAD = Variant("masthead", "masthead.wsgi", "/comments/post/", "masthead")
STOCK = Variant("stock", "bench.stock_urls:application", "/bench-stock/comments/post/", "stock")

# An article per variant and the readers' sessions, as one JSON line.
SEED_SNIPPET = """
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
paths = {}
for slug in %(slugs)r:
    article = section.add_child(
        instance=ArticlePage(title=f"Busy {slug}", slug=slug, body=[("text", "Say it.")])
    )
    article.save_revision().publish()
    paths[slug] = ArticlePage.objects.get(pk=article.pk).url
sessions = []
for i in range(%(readers)d):
    user = get_user_model().objects.create_user(f"reader{i}", f"reader{i}@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client = Client()
    client.force_login(user)
    sessions.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
print(json.dumps({"paths": paths, "cookie": settings.SESSION_COOKIE_NAME, "sessions": sessions}))
"""

COMMENTS_QUERY = """
SELECT c.id, c.comment, x.thread_id, x."order"
FROM django_comments c JOIN django_comments_xtd_xtdcomment x ON x.comment_ptr_id = c.id
"""


# --- the database ------------------------------------------------------------


def postgres_url(url: str, database: str | None = None) -> str:
    """``url`` as psycopg takes it, naming ``database`` when given."""
    parts = urlsplit(url)._replace(scheme="postgresql")
    if database is not None:
        parts = parts._replace(path=f"/{database}")
    return urlunsplit(parts)


@contextmanager
def scratch_postgres(url: str, keep: bool) -> Iterator[str]:
    """A new database on the server of ``url`` (whose own database is only connected
    to); yields its URL, and drops it afterwards unless ``keep``."""
    try:
        import psycopg
        from psycopg import sql
    except ImportError:
        raise BenchError(
            "--database-url needs psycopg: run with the project's virtualenv"
        ) from None
    name = f"masthead_bench_{secrets.token_hex(4)}"
    try:
        with psycopg.connect(postgres_url(url), autocommit=True, connect_timeout=10) as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as error:
        raise BenchError(f"could not create a database on {url}: {error}") from None
    say(f"database: {name} on the server of {url}")
    try:
        yield urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    finally:
        if keep:
            say(f"kept the database {name}")
        else:
            with psycopg.connect(postgres_url(url), autocommit=True) as admin:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


def query(database_url: str, statement: str, params: Sequence = ()) -> list[tuple]:
    """Rows of one statement (``%s`` placeholders), on a connection of its own."""
    if database_url.startswith("sqlite:///"):
        import sqlite3

        with closing(sqlite3.connect(database_url.removeprefix("sqlite:///"))) as connection:
            return connection.execute(statement.replace("%s", "?"), tuple(params)).fetchall()
    import psycopg

    with psycopg.connect(postgres_url(database_url)) as connection:
        return connection.execute(statement, tuple(params)).fetchall()


def database_text(database_url: str) -> str:
    """The database, as the results say it."""
    if database_url.startswith("sqlite:///"):
        return "SQLite (WAL, immediate transactions), production's fallback cache in it"
    (server_version,) = query(database_url, "SHOW server_version")[0]
    return f"PostgreSQL {str(server_version).split()[0]}, production's fallback cache in it"


# --- setup -------------------------------------------------------------------


def bench_environment(workdir: Path, database_url: str) -> dict[str, str]:
    """The environment for manage.py and gunicorn: production settings, local resources."""
    env = dict(os.environ)
    for name in ("REDIS_URL", "EMAIL_URL", "PYTHONSTARTUP", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)  # nothing of the caller's services may leak in
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS_MODULE,
        SECRET_KEY=secrets.token_urlsafe(48),
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS=f"{HOST},localhost",
        DEBUG="false",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(workdir / "media"),
        STATIC_ROOT=str(workdir / "static"),
        EMAIL_URL="locmem://",
        # Every post must reach the comment code, and every page be rendered.
        COMMENT_RATE_LIMIT_PER_USER="",
        COMMENT_RATE_LIMIT_PER_ADDRESS="",
        PAGE_CACHE_SECONDS="0",
        ACCOUNT_EMAIL_VERIFICATION="none",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(args: Sequence[str], env: dict[str, str], log: Path, what: str) -> str:
    """Run ``manage.py ARGS``; its standard output, or BenchError with its output."""
    command = [sys.executable, "manage.py", *args]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=REPO_DIR, env=env, capture_output=True, text=True)
    log.write_text(f"$ {shlex.join(command)}\n{result.stdout}\n{result.stderr}")
    if result.returncode != 0:
        raise BenchError(
            f"{what} failed (exit {result.returncode}):\n" + tail(result.stdout + result.stderr)
        )
    say(f"{what}: done in {time.perf_counter() - started:.1f}s")
    return result.stdout


@dataclass(frozen=True)
class Site:
    """The articles' paths by variant slug, the session cookie's name and the sessions."""

    paths: dict[str, str]
    cookie: str
    sessions: list[str]


def prepare_site(env: dict[str, str], workdir: Path, readers: int, slugs: list[str]) -> Site:
    """Migrate (collectstatic alongside), then make the articles and the readers."""
    static_log = workdir / "collectstatic.log"
    with static_log.open("w") as out:
        collect = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput"],
            cwd=REPO_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            manage(["migrate", "--noinput"], env, workdir / "migrate.log", "migrate")
            snippet = SEED_SNIPPET % {"slugs": slugs, "readers": readers}
            output = manage(["shell", "-c", snippet], env, workdir / "seed.log", "seed")
        except BaseException:
            collect.kill()
            collect.wait()
            raise
        if collect.wait() != 0:
            raise BenchError(f"collectstatic failed:\n{tail(static_log.read_text())}")
    try:
        facts = json.loads(output.strip().splitlines()[-1])
        paths = {slug: urlsplit(url).path for slug, url in facts["paths"].items()}
        return Site(paths, facts["cookie"], list(facts["sessions"]))
    except (IndexError, ValueError, KeyError, TypeError):
        raise BenchError(f"could not read the seed's output:\n{tail(output)}") from None


# --- the server --------------------------------------------------------------


@dataclass
class Server:
    name: str
    port: int
    log: Path
    command: list[str]


def gunicorn_command(application: str, port: int, options: argparse.Namespace) -> list[str]:
    quiet = ["--no-control-socket"] if gunicorn_supports("--no-control-socket") else []
    return [
        sys.executable,
        "-m",
        "gunicorn",
        application,
        "--workers",
        str(options.workers),
        "--threads",
        str(options.threads),
        "--worker-class",
        "gthread" if options.threads > 1 else "sync",
        "--bind",
        f"{HOST}:{port}",
        "--graceful-timeout",
        "5",
        # Django's log (a 500's traceback) goes to the same log as gunicorn's.
        "--capture-output",
        *quiet,
    ]


def server_command_text(application: str, options: argparse.Namespace) -> str:
    words = gunicorn_command(application, 0, options)[2:]
    return shlex.join(words).replace(f"{HOST}:0", f"{HOST}:PORT")


@contextmanager
def running_gunicorn(
    variant: Variant, env: dict[str, str], workdir: Path, options: argparse.Namespace, probe: str
) -> Iterator[Server]:
    """Start gunicorn on a free port, wait until ``probe`` answers 200; always stop it."""
    port = free_port()
    log = workdir / f"gunicorn-{variant.name}.log"
    command = gunicorn_command(variant.application, port, options)
    say(f"{variant.name}: {shlex.join(command[2:])}")
    with log.open("w") as out:
        process = subprocess.Popen(
            command, cwd=REPO_DIR, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + options.startup_timeout
        last = "no answer"
        while True:
            if process.poll() is not None:
                raise BenchError(
                    f"{variant.name}: gunicorn exited with {process.returncode}:\n"
                    + tail(log.read_text())
                )
            if time.monotonic() > deadline:
                raise BenchError(f"{variant.name}: {probe} did not answer ({last})")
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            try:
                connection.request("GET", probe)
                status = connection.getresponse().status
                if status == 200:
                    break
                last = f"HTTP {status}"
            except (OSError, http.client.HTTPException) as error:
                last = str(error) or type(error).__name__
            finally:
                connection.close()
            time.sleep(0.2)
        yield Server(variant.name, port, log, command)
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)
        say(f"{variant.name}: stopped (exit {process.returncode})")


def server_complaints(server: Server) -> list[str]:
    """Lines of a gunicorn log that look like application errors."""
    words = ("Traceback", "ERROR", "CRITICAL", "Exception", "WORKER TIMEOUT")
    lines = server.log.read_text().splitlines()
    return [f"{server.name}: {line}" for line in lines if any(w in line for w in words)]


# --- the readers -------------------------------------------------------------


class HiddenInputs(HTMLParser):
    """Collects the names and values of a form's hidden inputs."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "input" and values.get("type") == "hidden" and values.get("name"):
            self.fields[values["name"] or ""] = values.get("value") or ""


class Reader:
    """A signed-in reader with a session of their own, posting the article's form."""

    def __init__(self, port: int, cookie: str, session: str, timeout: float) -> None:
        self.port = port
        self.cookies = {cookie: session}
        self.timeout = timeout
        self.form: dict[str, str] = {}

    def request(self, method: str, path: str, fields: dict | None = None) -> tuple[int, str]:
        """One request on a new connection: (status, body); keeps the cookies it is given."""
        connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, text

    def open_form(self, article_path: str) -> None:
        """The comment form's fields (signed target, timestamp, CSRF token) off the page."""
        status, html = self.request("GET", article_path)
        if status != 200 or 'id="post-a-comment"' not in html:
            raise BenchError(f"{article_path} answered {status} without the comment form")
        hidden = HiddenInputs()
        hidden.feed(html.split('id="post-a-comment"', 1)[1].split("</form>", 1)[0])
        fields = hidden.fields
        if not {"security_hash", "timestamp", "csrfmiddlewaretoken"} <= set(fields):
            raise BenchError(f"the comment form on {article_path} lacks fields: {sorted(fields)}")
        self.form = fields

    def post(self, path: str, text: str, reply_to: int) -> tuple[str, float]:
        """Post one comment: (the status, or the error's name; seconds taken)."""
        fields = {**self.form, "comment": text, "reply_to": str(reply_to)}
        started = time.perf_counter()
        try:
            status, _ = self.request("POST", path, fields)
        except (OSError, http.client.HTTPException) as error:
            return type(error).__name__, time.perf_counter() - started
        return str(status), time.perf_counter() - started


# --- a burst -----------------------------------------------------------------


@dataclass
class Burst:
    """One burst of posts and what came of it."""

    variant: str
    name: str
    clients: int
    texts: list[str]
    answers: Counter = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    stored_rows: int = 0
    stored_texts: int = 0
    shared_orders: int = 0

    @property
    def posts(self) -> int:
        return len(self.texts)

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
        if not self.latencies:
            return math.nan
        ordered = sorted(self.latencies)
        return ordered[max(1, math.ceil(percent / 100 * len(ordered))) - 1] * 1000


def send(burst: Burst, readers: list[Reader], path: str, reply_to: int, timeout: float) -> None:
    """Every reader posts its share of the texts; all start together."""
    start = threading.Barrier(len(readers) + 1, timeout=timeout)
    lock = threading.Lock()

    def client(index: int) -> None:
        answers, latencies = Counter(), []
        try:
            start.wait()
            for text in burst.texts[index :: len(readers)]:
                status, seconds = readers[index].post(path, text, reply_to)
                answers[status] += 1
                latencies.append(seconds)
        finally:
            with lock:
                burst.answers.update(answers)
                burst.latencies.extend(latencies)

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(len(readers))]
    for thread in threads:
        thread.start()
    start.wait()
    started = time.perf_counter()
    # Each post is bounded by the request timeout, so the burst is too.
    deadline = started + timeout * (math.ceil(len(burst.texts) / len(readers)) + 1)
    for thread in threads:
        thread.join(max(0.0, deadline - time.perf_counter()))
    burst.seconds = time.perf_counter() - started
    if any(thread.is_alive() for thread in threads):
        raise BenchError(f"{burst.variant} {burst.name}: clients still busy after the timeout")


def count_stored(burst: Burst, database_url: str, tag: str) -> None:
    """What the database holds of the burst's texts, and orders shared in their threads."""
    rows = query(database_url, f"{COMMENTS_QUERY} WHERE c.comment LIKE %s", [f"{tag} %"])
    wanted = set(burst.texts)
    mine = [row for row in rows if row[1] in wanted]
    burst.stored_rows = len(mine)
    burst.stored_texts = len({row[1] for row in mine})
    threads = sorted({row[2] for row in mine})
    if threads:
        marks = ", ".join(["%s"] * len(threads))
        thread_rows = query(
            database_url, f"{COMMENTS_QUERY} WHERE x.thread_id IN ({marks})", threads
        )
        places = Counter((thread_id, order) for _, _, thread_id, order in thread_rows)
        burst.shared_orders = sum(1 for n in places.values() if n > 1)


def run_variant(
    variant: Variant,
    env: dict[str, str],
    workdir: Path,
    site: Site,
    options: argparse.Namespace,
    database_url: str,
) -> tuple[list[Burst], list[str]]:
    """Serve one variant and send it both bursts."""
    article = site.paths[variant.article_slug]
    with running_gunicorn(variant, env, workdir, options, article) as server:

        def readers(count: int) -> list[Reader]:
            chosen = [
                Reader(server.port, site.cookie, session, options.timeout)
                for session in site.sessions[:count]
            ]
            for reader in chosen:
                reader.open_form(article)
            return chosen

        tag = f"{variant.name}-{secrets.token_hex(3)}"
        comments = Burst(
            variant.name,
            "comments",
            options.clients,
            [f"{tag} comment {n:04d}" for n in range(options.comments)],
        )
        send(comments, readers(options.clients), variant.post_path, 0, options.timeout)
        count_stored(comments, database_url, tag)
        say(f"{variant.name} comments: {dict(comments.answers)} in {comments.seconds:.2f}s")

        root_text = f"{tag} root"
        first = readers(1)[0]
        status, _ = first.post(variant.post_path, root_text, 0)
        roots = query(database_url, f"{COMMENTS_QUERY} WHERE c.comment = %s", [root_text])
        if status != "302" or len(roots) != 1:
            raise BenchError(f"{variant.name}: the comment to reply to answered {status}")
        replies = Burst(
            variant.name,
            "replies",
            options.reply_clients,
            [f"{tag} reply {n:04d}" for n in range(options.replies)],
        )
        send(
            replies, readers(options.reply_clients), variant.post_path, roots[0][0], options.timeout
        )
        count_stored(replies, database_url, tag)
        say(f"{variant.name} replies: {dict(replies.answers)} in {replies.seconds:.2f}s")
    return [comments, replies], server_complaints(server)


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
    """Append this run to the results file (created with a header when missing)."""
    text = path.read_text() if path.exists() else RESULTS_HEADER
    servers = "; ".join(f"{name}: `{command}`" for name, command in result.commands.items())
    stock = (
        "not run (--no-stock)"
        if options.no_stock
        else "django-contrib-comments' post view without Masthead's transaction "
        "(bench/stock_urls.py)"
    )
    entry = "\n".join(
        [
            f"## {result.started:%Y-%m-%d %H:%M} UTC, comments concurrency, commit "
            f"{git('rev-parse', '--short', 'HEAD') or 'unknown'}",
            "",
            f"- Command: `{command_line()}`",
            f"- Commit: {commit_description()}",
            f"- Versions: Python {platform.python_version()}, Django {version('Django')}, "
            f"Wagtail {version('wagtail')}, django-comments-xtd "
            f"{version('django-comments-xtd')}, django-contrib-comments "
            f"{version('django-contrib-comments')}, gunicorn {version('gunicorn')}",
            f"- Database: {result.database}",
            f"- Servers: {plural(options.workers, 'worker')} × "
            f"{plural(options.threads, 'thread')}, {SETTINGS_MODULE}, one after the other; "
            f"{servers}",
            f"- Stock: {stock}",
            f"- Load: {options.comments} comments from {options.clients} readers at once, then "
            f"{options.replies} replies to one comment from {options.reply_clients} readers "
            "at once; a new connection per request",
            f"- Machine: {os.cpu_count()} cores ({usable_cores()} usable), {cpu_model()}, "
            f"{platform.system()} {platform.release()}; 1-minute load average "
            f"{result.load_before} when the run started",
            "",
            table,
            "",
        ]
    )
    path.write_text(text.rstrip("\n") + "\n\n" + entry)
    say(f"recorded in {display_path(path)}")


# --- the run -----------------------------------------------------------------


def run(options: argparse.Namespace, workdir: Path) -> BenchRun:
    started = datetime.now(UTC)
    load_before = load_average()
    variants = [MASTHEAD] if options.no_stock else [MASTHEAD, STOCK]
    with ExitStack() as stack:
        if options.database_url:
            database_url = stack.enter_context(scratch_postgres(options.database_url, options.keep))
        else:
            database_url = f"sqlite:///{workdir / 'bench.sqlite3'}"
        env = bench_environment(workdir, database_url)
        readers = max(options.clients, options.reply_clients)
        site = prepare_site(env, workdir, readers, [v.article_slug for v in variants])
        database = database_text(database_url)
        bursts: list[Burst] = []
        complaints: list[str] = []
        commands: dict[str, str] = {}
        for variant in variants:
            done, logged = run_variant(variant, env, workdir, site, options, database_url)
            bursts += done
            complaints += logged
            commands[variant.name] = server_command_text(variant.application, options)
    return BenchRun(bursts, complaints, commands, database, started, load_before)


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive whole number")
    return value


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
    server = parser.add_argument_group("server")
    server.add_argument(
        "--workers", type=positive, default=4, help="gunicorn workers (default: %(default)s)"
    )
    server.add_argument(
        "--threads",
        type=positive,
        default=4,
        help="threads per worker; more than 1 runs the gthread worker (default: %(default)s)",
    )
    server.add_argument(
        "--database-url",
        default="",
        help="a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/test: the bench "
        "connects to that database only to create a new one (masthead_bench_…) for the "
        "run, and drops it at the end; by default an SQLite file in the working directory",
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
        help="a new or empty directory for the database, static files and logs (default: "
        "a new temporary directory)",
    )
    output.add_argument(
        "--keep",
        action="store_true",
        help="keep the working directory (and the PostgreSQL database) afterwards",
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
    stop_on_sigterm()
    if options.workdir:
        workdir = options.workdir.resolve()
        if workdir.exists() and (not workdir.is_dir() or any(workdir.iterdir())):
            say(f"error: --workdir {workdir} must be a new or empty directory")
            return 2
        workdir.mkdir(parents=True, exist_ok=True)
    else:
        workdir = Path(tempfile.mkdtemp(prefix="masthead-bench-comments-"))
    say(f"working directory: {workdir}; load average {load_average()} on {os.cpu_count()} cores")
    try:
        result = run(options, workdir)
    except BenchError as error:
        say(f"error: {error}")
        return 2
    except KeyboardInterrupt:
        say("interrupted")
        return 130
    finally:
        if options.keep:
            say(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

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
