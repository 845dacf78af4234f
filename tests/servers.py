"""Real gunicorn servers for tests: production settings, a database of their own.

A test that needs several server processes (shared rate limits, concurrent
writes) builds a throwaway site with :func:`production_environment` and
:func:`prepare_site`, then serves it with :func:`gunicorn`, which always stops
the server again. Nothing here touches the database pytest-django creates.
"""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
# The settings and shortcuts of the test process must not reach the server.
NOT_INHERITED = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "DATABASE_URL"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def production_environment(workdir: Path, database_url: str = "", **extra: str) -> dict[str, str]:
    """The environment of manage.py and gunicorn: production settings, this test's own
    files, mail kept in memory; SQLite in ``workdir`` unless ``database_url`` is given.

    The caller's REDIS_URL is passed on under a key prefix of its own, so the
    suite's Redis run also runs these servers on Redis.
    """
    env = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    env.update(
        DJANGO_SETTINGS_MODULE="masthead.settings.production",
        SECRET_KEY=secrets.token_urlsafe(48),
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=database_url or f"sqlite:///{workdir / 'db.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        STATIC_ROOT=str(workdir / "static"),
        EMAIL_URL="locmem://",
    )
    if os.environ.get("REDIS_URL"):
        env["REDIS_URL"] = os.environ["REDIS_URL"]
        env["CACHE_KEY_PREFIX"] = f"server-test-{secrets.token_hex(4)}"
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 180) -> str:
    """Run ``manage.py ARGS`` with ``env``; its standard output, or a failure with its output."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        pytest.fail(
            f"manage.py {args[0]} failed (exit {result.returncode}):\n"
            f"{(result.stdout + result.stderr)[-4000:]}"
        )
    return result.stdout


def prepare_site(env: dict[str, str]) -> None:
    """Migrate the database and collect static files (production pages name their CSS
    by its hashed file name); collectstatic needs no database, so both run at once."""
    collect = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        manage(env, "migrate", "--noinput", "-v0")
        output, _ = collect.communicate(timeout=180)
    finally:
        if collect.poll() is None:
            collect.kill()
            collect.wait()
    if collect.returncode != 0:
        pytest.fail(f"collectstatic failed (exit {collect.returncode}):\n{output[-4000:]}")


@contextmanager
def postgres_database(url: str) -> Iterator[str]:
    """A new, empty database on the PostgreSQL server of ``url``, dropped afterwards;
    yields its URL. The database ``url`` names is only connected to, never changed."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = f"masthead_server_test_{secrets.token_hex(4)}"
    admin_url = urlunsplit(parts._replace(scheme="postgresql"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def query(database_url: str, statement: str, params: tuple = ()) -> list[tuple]:
    """The rows of one SQL statement (``%s`` placeholders) on the server's database,
    read on a connection of its own, outside Django."""
    if database_url.startswith("sqlite:///"):
        import sqlite3

        with closing(sqlite3.connect(database_url.removeprefix("sqlite:///"))) as connection:
            return connection.execute(statement.replace("%s", "?"), params).fetchall()
    import psycopg

    url = urlunsplit(urlsplit(database_url)._replace(scheme="postgresql"))
    with psycopg.connect(url) as connection:
        return connection.execute(statement, params).fetchall()


@dataclass
class Server:
    """A running gunicorn: its port, its database and its logs (access log lines: pid,
    method, path, status)."""

    port: int
    database_url: str
    access_log: Path
    error_log: Path

    def errors(self) -> str:
        """The end of the server's error log (with Django's), for failure messages."""
        return self.error_log.read_text()[-4000:]

    def crashed(self) -> bool:
        """Whether Django logged a 500 (an uncaught exception) so far."""
        return "Internal Server Error" in self.error_log.read_text()


@contextmanager
def gunicorn(
    env: dict[str, str],
    workdir: Path,
    *,
    workers: int = 2,
    threads: int = 1,
    startup_timeout: float = 60,
) -> Iterator[Server]:
    """Serve ``masthead.wsgi`` with gunicorn on a free port; always stopped afterwards.

    More than one thread per worker runs gunicorn's gthread worker class.
    """
    port = free_port()
    server = Server(
        port, env["DATABASE_URL"], workdir / f"access-{port}.log", workdir / f"error-{port}.log"
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "masthead.wsgi",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread" if threads > 1 else "sync",
            "--bind",
            f"{HOST}:{port}",
            "--graceful-timeout",
            "5",
            # No control socket in ~/.gunicorn, which two servers would share.
            "--no-control-socket",
            "--access-logfile",
            str(server.access_log),
            "--access-logformat",
            "%(p)s %(m)s %(U)s %(s)s",
            "--error-logfile",
            str(server.error_log),
            # Django's own log (tracebacks of 500s) goes to the error log too.
            "--capture-output",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + startup_timeout
        while True:
            if process.poll() is not None:
                pytest.fail(f"gunicorn exited with {process.returncode}:\n{server.errors()}")
            if time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not answer within {startup_timeout}s")
            try:
                connection = http.client.HTTPConnection(HOST, port, timeout=5)
                connection.request("GET", "/robots.txt")
                if connection.getresponse().status == 200:
                    break
            except (OSError, http.client.HTTPException):
                pass
            finally:
                connection.close()
            time.sleep(0.2)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
