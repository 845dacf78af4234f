"""Real gunicorn servers on a throwaway site, for the tests and the benchmarks.

A test or a benchmark that needs real server processes (shared rate limits,
concurrent writes, throughput) builds a site with :func:`production_environment`
and :func:`prepare_site`, serves it with :func:`gunicorn`, which always stops the
server again, and reads what was stored with :func:`query`, on a connection of its
own. Signed-in readers made by :func:`seed` post comments with :class:`Reader`,
many at once with :func:`post_together`.

Nothing here touches the database pytest-django creates, and nothing needs pytest:
the scripts in bench/ import this module too. A step that fails raises
:class:`SiteError`; steps done and servers started and stopped are logged to
``tests.servers`` at INFO.
"""

from __future__ import annotations

import atexit
import http.client
import json
import logging
import math
import os
import secrets
import shlex
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
SETTINGS_MODULE = "masthead.settings.production"
# The caller's settings, services and shortcuts must not reach the servers.
NOT_INHERITED = {
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "PYTHONSTARTUP",
}

logger = logging.getLogger(__name__)


class SiteError(Exception):
    """A step of building, serving or using the site failed; the message says which and why."""


def tail(text: str, lines: int = 30) -> str:
    """The last ``lines`` lines of ``text``, indented, for error messages."""
    return "\n".join("    " + line for line in text.strip().splitlines()[-lines:])


# --- the site ----------------------------------------------------------------


def production_environment(
    workdir: Path, database_url: str = "", *, redis_url: str = "", **extra: str
) -> dict[str, str]:
    """The environment of manage.py and gunicorn: production settings with a new
    SECRET_KEY, plain HTTP on 127.0.0.1, media and static files in ``workdir``, mail
    kept in memory; SQLite in ``workdir`` unless ``database_url`` is given.

    The servers share production's fallback cache, a table in the database, unless
    ``redis_url`` is given: then that Redis, under a key prefix of their own.
    """
    env = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS_MODULE,
        # token_urlsafe(48) is 64 characters: a new key every time.
        SECRET_KEY=secrets.token_urlsafe(48),
        DEBUG="false",
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS=f"{HOST},localhost",
        DATABASE_URL=database_url or f"sqlite:///{workdir / 'db.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        STATIC_ROOT=str(workdir / "static"),
        EMAIL_URL="locmem://",
        PYTHONUNBUFFERED="1",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
        # Nothing cached by an earlier server is reused.
        env["CACHE_KEY_PREFIX"] = f"server-{secrets.token_hex(4)}"
    env.update(extra)
    return env


def manage(
    env: dict[str, str], *args: str, what: str = "", log: Path | None = None, timeout: float = 600
) -> str:
    """Run ``manage.py ARGS`` with ``env``; its standard output. Its whole output goes
    to ``log`` when given; a failure raises SiteError with the end of it."""
    what = what or args[0]
    command = [sys.executable, "manage.py", *args]
    started = time.perf_counter()
    try:
        result = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        raise SiteError(f"{what} (manage.py {args[0]}) took more than {timeout:.0f}s") from None
    if log is not None:
        log.write_text(f"$ {shlex.join(command)}\n{result.stdout}\n{result.stderr}")
    if result.returncode != 0:
        raise SiteError(
            f"{what} failed (manage.py {args[0]}, exit {result.returncode}):\n"
            + tail(result.stdout + result.stderr)
        )
    logger.info("%s: done in %.1fs", what, time.perf_counter() - started)
    return result.stdout


@contextmanager
def prepare_site(env: dict[str, str], workdir: Path) -> Iterator[None]:
    """Migrate the database, then run the ``with`` block (to add content, say) while
    collectstatic runs alongside: it needs no database, and production pages name
    their CSS by its hashed file name. Both must succeed; their logs go to ``workdir``."""
    (workdir / "media").mkdir(parents=True, exist_ok=True)
    static_log = workdir / "collectstatic.log"
    started = time.perf_counter()
    with static_log.open("w") as out:
        collect = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            migrate(env, workdir)
            yield
            try:
                returncode = collect.wait(timeout=600)
            except subprocess.TimeoutExpired:
                raise SiteError("collectstatic took more than 600s") from None
        finally:
            if collect.poll() is None:
                collect.kill()
                collect.wait()
    if returncode != 0:
        raise SiteError(
            f"collectstatic failed (exit {returncode}):\n{tail(static_log.read_text())}"
        )
    logger.info("collectstatic: done in %.1fs (alongside the above)", time.perf_counter() - started)


# SQLite databases migrated once in this test run, copied for every later server
# (migrate takes ~18 s, a copy a few milliseconds); removed when the run ends.
_MIGRATED_SQLITE: list[Path] = []


def _sqlite_file(env: dict[str, str]) -> Path | None:
    url = env.get("DATABASE_URL", "")
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def migrate(env: dict[str, str], workdir: Path) -> None:
    """Migrate the server's database; a new SQLite file is a copy of one migrated
    earlier in this run, made with SQLite's own backup (safe whatever its journal)."""
    database = _sqlite_file(env)
    if database is not None and not database.exists() and _MIGRATED_SQLITE:
        _copy_sqlite(_MIGRATED_SQLITE[0], database)
        logger.info("migrate: copied the database migrated earlier in this run")
        return
    manage(env, "migrate", "--noinput", log=workdir / "migrate.log")
    if database is not None and not _MIGRATED_SQLITE:
        keep = Path(tempfile.mkdtemp(prefix="masthead-migrated-")) / "db.sqlite3"
        _copy_sqlite(database, keep)
        _MIGRATED_SQLITE.append(keep)
        atexit.register(shutil.rmtree, keep.parent, ignore_errors=True)


def _copy_sqlite(source: Path, target: Path) -> None:
    with closing(sqlite3.connect(source)) as original, closing(sqlite3.connect(target)) as copy:
        original.backup(copy)


# --- the database ------------------------------------------------------------


def postgres_url(url: str, database: str | None = None) -> str:
    """``url`` as psycopg takes it, naming ``database`` when given."""
    parts = urlsplit(url)._replace(scheme="postgresql")
    if database is not None:
        parts = parts._replace(path=f"/{database}")
    return urlunsplit(parts)


@contextmanager
def postgres_database(
    url: str, *, prefix: str = "masthead_server_test", keep: bool = False
) -> Iterator[str]:
    """A new, empty database ``PREFIX_<random>`` on the PostgreSQL server of ``url``,
    dropped afterwards unless ``keep``; yields its URL. The database ``url`` names
    is only connected to, never changed."""
    try:
        import psycopg
        from psycopg import sql
    except ImportError:
        raise SiteError(
            "a PostgreSQL database needs psycopg: use the project's virtualenv"
        ) from None
    name = f"{prefix}_{secrets.token_hex(4)}"
    try:
        with psycopg.connect(postgres_url(url), autocommit=True, connect_timeout=10) as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as error:
        raise SiteError(f"could not create a database on {url}: {error}") from None
    logger.info("database: %s on the server of %s", name, url)
    try:
        yield urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    finally:
        if keep:
            logger.info("kept the database %s", name)
        else:
            with psycopg.connect(postgres_url(url), autocommit=True) as admin:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


def query(database_url: str, statement: str, params: Sequence = ()) -> list[tuple]:
    """The rows of one SQL statement (``%s`` placeholders) on the server's database,
    read on a connection of its own, outside Django."""
    if database_url.startswith("sqlite:///"):
        import sqlite3

        with closing(sqlite3.connect(database_url.removeprefix("sqlite:///"))) as connection:
            return connection.execute(statement.replace("%s", "?"), tuple(params)).fetchall()
    import psycopg

    with psycopg.connect(postgres_url(database_url)) as connection:
        return connection.execute(statement, tuple(params)).fetchall()


# --- the server --------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def get(port: int, path: str, timeout: float = 10.0) -> tuple[int, dict[str, str], bytes]:
    """One GET on a new connection: the status, the headers (lower-case names), the body."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        headers = {name.lower(): value for name, value in response.getheaders()}
        return response.status, headers, body
    finally:
        connection.close()


def gunicorn_supports(option: str) -> bool:
    """Whether the installed gunicorn has a command-line option (newer ones add some)."""
    from gunicorn.config import KNOWN_SETTINGS

    return any(option in setting.cli for setting in KNOWN_SETTINGS if setting.cli)


def gunicorn_command(
    port: int,
    *,
    application: str = "masthead.wsgi",
    workers: int = 2,
    threads: int = 1,
    access_log: Path | None = None,
) -> list[str]:
    """The command that serves ``application``. More than one thread per worker makes
    gunicorn pick its gthread worker class, which keeps connections alive; the
    default sync worker closes the connection after each response."""
    # Recent gunicorn opens a control socket in ~/.gunicorn by default: outside the
    # working directory, and shared between two servers; these servers need none.
    quiet = ["--no-control-socket"] if gunicorn_supports("--no-control-socket") else []
    # One line per request: the worker's pid, the method, the path, the status.
    access = (
        ["--access-logfile", str(access_log), "--access-logformat", "%(p)s %(m)s %(U)s %(s)s"]
        if access_log
        else []
    )
    return [
        sys.executable,
        "-m",
        "gunicorn",
        application,
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--bind",
        f"{HOST}:{port}",
        "--graceful-timeout",
        "5",
        *quiet,
        *access,
    ]


def gunicorn_command_text(**options) -> str:
    """The gunicorn command line as a reader would type it, the port left out."""
    words = gunicorn_command(0, **options)[2:]
    return shlex.join(words).replace(f"{HOST}:0", f"{HOST}:PORT")


@dataclass
class Server:
    """A running gunicorn: its name in messages, where it listens, its database, its
    log (gunicorn's and Django's, with a 500's traceback) and, when asked for, its
    access log (one line per request: pid, method, path, status)."""

    name: str
    port: int
    database_url: str
    log: Path
    access_log: Path | None
    process: subprocess.Popen[bytes]

    def errors(self) -> str:
        """The end of the server's log, for failure messages."""
        return self.log.read_text()[-4000:]

    def crashed(self) -> bool:
        """Whether Django logged a 500 (an uncaught exception) so far."""
        return "Internal Server Error" in self.log.read_text()

    def complaints(self) -> list[str]:
        """Lines of the log that look like application errors."""
        words = ("Traceback", "ERROR", "CRITICAL", "Exception", "WORKER TIMEOUT")
        lines = self.log.read_text().splitlines()
        return [f"{self.name}: {line}" for line in lines if any(w in line for w in words)]

    def wait_until_serving(self, path: str, timeout: float) -> None:
        """Poll until ``path`` answers 200; SiteError with the log when it does not."""
        deadline = time.monotonic() + timeout
        last_error = "no answer"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SiteError(
                    f"{self.name} exited with status {self.process.returncode}; its log:\n"
                    + tail(self.log.read_text())
                )
            try:
                status, _, _ = get(self.port, path, timeout=5)
            except (OSError, http.client.HTTPException) as error:
                last_error = str(error) or type(error).__name__
            else:
                if status == 200:
                    return
                last_error = f"HTTP {status}"
            time.sleep(0.2)
        raise SiteError(
            f"{self.name} did not serve {path} within {timeout:.0f}s ({last_error}); its log:\n"
            + tail(self.log.read_text())
        )


@contextmanager
def gunicorn(
    env: dict[str, str],
    workdir: Path,
    *,
    name: str = "gunicorn",
    application: str = "masthead.wsgi",
    workers: int = 2,
    threads: int = 1,
    access_log: bool = False,
    probe: str | None = "/robots.txt",
    startup_timeout: float = 60,
) -> Iterator[Server]:
    """Serve ``application`` with gunicorn on a free port, logging to ``workdir``, and
    wait until ``probe`` answers 200 (with ``probe=None``, call
    :meth:`Server.wait_until_serving` yourself); always stopped afterwards
    (terminate, then kill)."""
    port = free_port()
    log = workdir / f"{name}-{port}.log"
    access = workdir / f"{name}-{port}-access.log" if access_log else None
    command = gunicorn_command(
        port, application=application, workers=workers, threads=threads, access_log=access
    )
    logger.info("%s: %s", name, shlex.join(command[2:]))
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        server = Server(name, port, env["DATABASE_URL"], log, access, process)
        if probe is not None:
            server.wait_until_serving(probe, startup_timeout)
        yield server
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)
        logger.info("%s: stopped (exit %s)", name, process.returncode)


# --- signed-in readers posting comments ----------------------------------------

# Every post must reach the comment code, and every page be rendered.
OPEN_FOR_COMMENTS = {
    "COMMENT_RATE_LIMIT_PER_USER": "",
    "COMMENT_RATE_LIMIT_PER_ADDRESS": "",
    "PAGE_CACHE_SECONDS": "0",
    "ACCOUNT_EMAIL_VERIFICATION": "none",
}
COMMENT_POST_PATH = "/comments/post/"

# An article per slug and signed-in readers, as one JSON line.
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


@dataclass(frozen=True)
class Seeded:
    """What :func:`seed` made: the articles' paths by slug, the session cookie's name
    and one session per reader."""

    paths: dict[str, str]
    cookie: str
    sessions: list[str]

    def readers(self, port: int, article: str, count: int, timeout: float = 30) -> list[Reader]:
        """The first ``count`` readers, each holding the comment form of ``article``
        (a slug) as it was served to them."""
        readers = [Reader(port, self.cookie, session, timeout) for session in self.sessions[:count]]
        for reader in readers:
            reader.open_form(self.paths[article])
        return readers


def seed(
    env: dict[str, str], slugs: Sequence[str], readers: int, log: Path | None = None
) -> Seeded:
    """Publish an article open for comments per slug and make ``readers`` readers with
    verified addresses, signed in with Django's test client's ``force_login``."""
    snippet = SEED % {"slugs": list(slugs), "readers": readers}
    output = manage(env, "shell", "-c", snippet, what="seed", log=log)
    try:
        facts = json.loads(output.strip().splitlines()[-1])
        paths = {slug: urlsplit(url).path for slug, url in facts["paths"].items()}
        return Seeded(paths, facts["cookie"], list(facts["sessions"]))
    except (IndexError, ValueError, KeyError, TypeError):
        raise SiteError(f"could not read the seed's output:\n{tail(output)}") from None


class HiddenInputs(HTMLParser):
    """Collects the names and values of a form's hidden inputs."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "input" and values.get("type") == "hidden" and values.get("name"):
            self.fields[values["name"] or ""] = values.get("value") or ""


def send(
    port: int,
    method: str,
    path: str,
    cookies: dict[str, str],
    *,
    fields: dict | None = None,
    timeout: float = 30,
    source_address: str | None = None,
) -> tuple[int, str, str]:
    """One request on a new connection, as a browser holding ``cookies`` sends it (from
    ``source_address`` when given): (status, Location, body). Cookies set are kept."""
    connection = http.client.HTTPConnection(
        HOST, port, timeout=timeout, source_address=(source_address, 0) if source_address else None
    )
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
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
            cookies[name] = morsel.value
    return response.status, response.getheader("Location", ""), text


class Reader:
    """A signed-in reader with a session of their own, posting an article's comment form
    as a browser would. Every request goes on a new connection."""

    def __init__(self, port: int, cookie: str, session: str, timeout: float = 30) -> None:
        self.port = port
        self.cookies = {cookie: session}
        self.timeout = timeout
        self.form: dict[str, str] = {}

    def request(self, method: str, path: str, fields: dict | None = None) -> tuple[int, str]:
        """One request on a new connection: (status, body); keeps the cookies it is given."""
        status, _, text = send(
            self.port, method, path, self.cookies, fields=fields, timeout=self.timeout
        )
        return status, text

    def open_form(self, article_path: str) -> None:
        """The comment form's fields (signed target, timestamp, CSRF token) off the page."""
        status, html = self.request("GET", article_path)
        if status != 200 or 'id="post-a-comment"' not in html:
            raise SiteError(
                f"{article_path} answered {status} without the comment form (not signed in?)"
            )
        hidden = HiddenInputs()
        hidden.feed(html.split('id="post-a-comment"', 1)[1].split("</form>", 1)[0])
        fields = hidden.fields
        if not {"security_hash", "timestamp", "csrfmiddlewaretoken"} <= set(fields):
            raise SiteError(f"the comment form on {article_path} lacks fields: {sorted(fields)}")
        self.form = fields

    def post(
        self, text: str, reply_to: int = 0, path: str = COMMENT_POST_PATH
    ) -> tuple[str, float]:
        """Post one comment: (its HTTP status, or the error that stopped the request;
        the seconds it took)."""
        fields = {**self.form, "comment": text, "reply_to": str(reply_to)}
        started = time.perf_counter()
        try:
            status, _ = self.request("POST", path, fields)
        except (OSError, http.client.HTTPException) as error:
            return type(error).__name__, time.perf_counter() - started
        return str(status), time.perf_counter() - started


@dataclass
class Sent:
    """What a burst of posts got: the answers by status (or error), the seconds each
    post took, and the seconds from the start until the last answer."""

    answers: Counter[str]
    latencies: list[float]
    seconds: float


def post_together(
    readers: list[Reader], texts: list[str], reply_to: int = 0, path: str = COMMENT_POST_PATH
) -> Sent:
    """Every reader posts its share of ``texts`` in its own thread; all start together."""
    timeout = max(reader.timeout for reader in readers)
    start = threading.Barrier(len(readers) + 1, timeout=timeout)
    lock = threading.Lock()
    sent = Sent(Counter(), [], 0.0)

    def client(index: int) -> None:
        answers, latencies = Counter(), []
        try:
            start.wait()
            for text in texts[index :: len(readers)]:
                status, seconds = readers[index].post(text, reply_to, path)
                answers[status] += 1
                latencies.append(seconds)
        finally:
            with lock:
                sent.answers.update(answers)
                sent.latencies.extend(latencies)

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(len(readers))]
    for thread in threads:
        thread.start()
    start.wait()
    started = time.perf_counter()
    # Each post is bounded by the request timeout, so the burst is too.
    deadline = started + timeout * (math.ceil(len(texts) / len(readers)) + 1)
    for thread in threads:
        thread.join(max(0.0, deadline - time.perf_counter()))
    sent.seconds = time.perf_counter() - started
    if any(thread.is_alive() for thread in threads):
        raise SiteError(f"readers still busy {sent.seconds:.0f}s after the start of the burst")
    return sent


@dataclass(frozen=True)
class Comment:
    """A stored comment, read straight from the database: xtd's place in its thread."""

    id: int
    text: str
    parent_id: int
    thread_id: int
    level: int
    order: int
    nested_count: int


COMMENTS_QUERY = """
SELECT c.id, c.comment, x.parent_id, x.thread_id, x.level, x."order", x.nested_count
FROM django_comments c JOIN django_comments_xtd_xtdcomment x ON x.comment_ptr_id = c.id
"""


def stored_comments(database_url: str, where: str, *params) -> list[Comment]:
    """The comments that match an SQL condition (``%s`` placeholders), e.g.
    ``stored_comments(url, "x.thread_id = %s", 7)``."""
    rows = query(database_url, f"{COMMENTS_QUERY} WHERE {where}", params)
    return [Comment(*row) for row in rows]
