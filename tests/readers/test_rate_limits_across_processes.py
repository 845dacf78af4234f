"""Sign-in limits hold across server processes: two gunicorn workers share one count.

With allauth's defaults the count lives in each worker's memory, so two workers
allow twice the limit. Production keeps it in the shared cache (Redis, or the
database table when REDIS_URL is unset); this test runs the real thing.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 5  # ACCOUNT_RATE_LIMITS["login_failed"]: 5 per key per 5 minutes
TOO_MANY = "Too many failed login attempts"

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """gunicorn with two workers on production settings and a fresh SQLite file."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="masthead.settings.production",
        SECRET_KEY=secrets.token_urlsafe(48),
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
        EMAIL_URL="locmem://",
    )
    if os.environ.get("REDIS_URL"):
        env["REDIS_URL"] = os.environ["REDIS_URL"]
        env["CACHE_KEY_PREFIX"] = f"ratelimit-test-{secrets.token_hex(4)}"

    def manage(*args: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=180,
        )

    manage("migrate", "--noinput", "-v0")
    # Production pages name their CSS by its hashed file name, so collect it first.
    manage("collectstatic", "--noinput", "-v0")
    manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model\n"
        "from allauth.account.models import EmailAddress\n"
        "u = get_user_model().objects.create_user('ada', 'ada@example.org', 'right-password-1')\n"
        "EmailAddress.objects.create(user=u, email='ada@example.org', verified=True, primary=True)",
    )
    port = free_port()
    access_log = tmp_path / "access.log"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "masthead.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--graceful-timeout",
            "5",
            "--access-logfile",
            str(access_log),
            "--access-logformat",
            "%(p)s %(m)s %(U)s",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not start")
        yield port, access_log
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def attempt(port: int, password: str) -> tuple[int, str]:
    """One sign-in attempt on fresh connections, as a new visitor: (status, page)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/accounts/login/")
    page = connection.getresponse()
    body = page.read().decode()
    assert page.status == 200, body[:2000]
    cookie = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    connection.close()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(
        "POST",
        "/accounts/login/",
        body=urlencode({"csrfmiddlewaretoken": token, "login": "ada", "password": password}),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
        },
    )
    response = connection.getresponse()
    text = response.read().decode()
    connection.close()
    return response.status, text


def nudge(port: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/robots.txt")
    connection.getresponse().read()
    connection.close()


def test_two_workers_allow_no_more_wrong_passwords_than_one(server):
    port, access_log = server
    results = []
    for i in range(2 * LIMIT):
        results.append(attempt(port, f"wrong-{i}"))
        # Workers tend to take new connections in turn, which would put every
        # sign-in POST on the same one; one more request shifts the turn.
        nudge(port)
    assert all(status == 200 for status, _ in results)
    refused = [TOO_MANY in text for _, text in results]
    assert refused == [False] * LIMIT + [True] * LIMIT
    _, text = attempt(port, "right-password-1")
    assert TOO_MANY in text  # the right password waits too
    # Both workers took part: otherwise one memory would have been enough.
    workers = {line.split()[0] for line in access_log.read_text().splitlines() if " POST " in line}
    assert len(workers) == 2, access_log.read_text()
