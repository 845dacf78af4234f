"""Account limits hold across server processes: two gunicorn workers share one count.

With allauth's defaults the count lives in each worker's memory, so two workers
allow twice the limit. Production keeps it in the shared cache (Redis, or the
file cache beside an SQLite database when REDIS_URL is unset); these tests run the
real thing, one server for the module. The limits come from ACCOUNT_RATE_LIMITS, not from here.
"""

from __future__ import annotations

import http.client
import os
import re
import time
from urllib.parse import urlencode

import pytest
from django.conf import settings

from tests.servers import HOST, get, gunicorn, manage, prepare_site, production_environment, query

TOO_MANY = "Too many failed login attempts"
ADA = """
from django.contrib.auth import get_user_model
from allauth.account.models import EmailAddress
u = get_user_model().objects.create_user('ada', 'ada@example.org', 'right-password-1')
EmailAddress.objects.create(user=u, email='ada@example.org', verified=True, primary=True)
"""

pytestmark = pytest.mark.slow


def configured_limit(action: str, per: str) -> int:
    """The amount of ``action``'s rate counted per ``per`` ("ip" or "key"), e.g. 5."""
    for rate in settings.ACCOUNT_RATE_LIMITS[action].split(","):
        amount, _period, source = rate.strip().split("/")
        if source == per:
            return int(amount)
    raise LookupError(f"{action} has no limit per {per}")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn with two workers on production settings and a fresh SQLite file."""
    workdir = tmp_path_factory.mktemp("two-workers")
    env = production_environment(workdir, redis_url=os.environ.get("REDIS_URL", ""))
    with prepare_site(env, workdir):
        manage(env, "shell", "-c", ADA)
    with gunicorn(env, workdir, workers=2, access_log=True) as running:
        yield running


def submit(port: int, path: str, fields: dict[str, str]) -> tuple[int, str]:
    """Fill in the form at ``path`` as a new visitor, on fresh connections: (status, page)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    connection.request("GET", path)
    page = connection.getresponse()
    body = page.read().decode()
    assert page.status == 200, body[:2000]
    cookie = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    connection.close()
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    connection.request(
        "POST",
        path,
        body=urlencode({"csrfmiddlewaretoken": token, **fields}),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
        },
    )
    response = connection.getresponse()
    text = response.read().decode()
    connection.close()
    return response.status, text


def attempt(port: int, password: str) -> tuple[int, str]:
    """One sign-in attempt as a new visitor: (status, page)."""
    return submit(port, "/accounts/login/", {"login": "ada", "password": password})


def nudge(port: int) -> None:
    """Workers tend to take new connections in turn, which would put every POST on
    the same one; one more request shifts the turn. The worker that answered may
    still be busy after its answer (a reset mail goes out then): let it finish, or
    it would miss its turn and keep taking every POST."""
    time.sleep(0.2)
    get(port, "/robots.txt", timeout=30)


def workers_that_took(server, path: str) -> set[str]:
    """The process ids of the workers that answered a POST to ``path``."""
    lines = server.access_log.read_text().splitlines()
    return {line.split()[0] for line in lines if f" POST {path} " in line}


def test_two_workers_allow_no_more_wrong_passwords_than_one(server):
    limit = configured_limit("login_failed", "key")
    results = []
    for i in range(2 * limit):
        results.append(attempt(server.port, f"wrong-{i}"))
        nudge(server.port)
    assert all(status == 200 for status, _ in results)
    refused = [TOO_MANY in text for _, text in results]
    assert refused == [False] * limit + [True] * limit
    _, text = attempt(server.port, "right-password-1")
    assert TOO_MANY in text  # the right password waits too
    # Both workers took part: otherwise one memory would have been enough.
    assert len(workers_that_took(server, "/accounts/login/")) == 2, server.access_log.read_text()


def test_two_workers_send_no_more_reset_mails_for_one_address_than_one(server):
    limit = configured_limit("reset_password", "key")
    statuses = []
    for _ in range(limit + 1):
        status, _ = submit(server.port, "/accounts/password/reset/", {"email": "ada@example.org"})
        statuses.append(status)
        nudge(server.port)
    # Each accepted request mails a link and moves on to "check your inbox".
    assert statuses == [302] * limit + [429]
    workers = workers_that_took(server, "/accounts/password/reset/")
    assert len(workers) == 2, server.access_log.read_text()


def test_two_workers_allow_no_more_signups_from_one_address_than_one(server):
    limit = configured_limit("signup", "ip")
    statuses = []
    for i in range(limit):
        # Every signup POST counts; mismatched passwords keep them cheap (no hashing).
        status, text = submit(
            server.port,
            "/accounts/signup/",
            {
                "username": f"newcomer{i}",
                "email": f"newcomer{i}@example.org",
                "password1": "a-long-passphrase-1",
                "password2": "a-different-one-2",
            },
        )
        assert status != 200 or "same password" in text, text[:2000]
        statuses.append(status)
        nudge(server.port)
    assert statuses == [200] * limit
    # One more, this time a good one: refused, and no account is made.
    good = {
        "username": "latecomer",
        "display_name": "Late Comer",
        "email": "latecomer@example.org",
        "password1": "a-long-passphrase-1",
        "password2": "a-long-passphrase-1",
    }
    status, _ = submit(server.port, "/accounts/signup/", good)
    assert status == 429
    users = query(server.database_url, "SELECT username FROM auth_user")
    assert [name for (name,) in users] == ["ada"]
    assert len(workers_that_took(server, "/accounts/signup/")) == 2, server.access_log.read_text()
