"""Every sign-in path is the one door, across two gunicorn workers on production settings.

The probe sent 40 wrong passwords to /accounts/login/, /admin/login/ and
/django-admin/login/: allauth refused after 5, the other two evaluated all 40 and
admitted accounts allauth would not (unverified, locked out). Here each test
speaks from an address of its own (127.0.0.x: the loopback network is all local),
so the per-address limits of one test do not spill into the next.
"""

from __future__ import annotations

import os
import re
import time

import pytest
from django.conf import settings

from tests.servers import (
    get,
    gunicorn,
    manage,
    prepare_site,
    production_environment,
    send,
)

pytestmark = pytest.mark.slow

ATTEMPTS = 40
NOT_CORRECT = "are not correct"
TOO_MANY = "Too many failed login attempts"
PASSWORD = "right-password-1"
ACCOUNTS = f"""
from django.contrib.auth import get_user_model
from allauth.account.models import EmailAddress
User = get_user_model()
for name, verified in [("ada", True), ("bob", True), ("una", False)]:
    user = User.objects.create_superuser(name, f"{{name}}@example.org", {PASSWORD!r})
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
"""


def login_failed_limit() -> int:
    """How many wrong passwords allauth evaluates for one account, e.g. 5."""
    for rate in settings.ACCOUNT_RATE_LIMITS["login_failed"].split(","):
        amount, _period, source = rate.strip().split("/")
        if source == "key":
            return int(amount)
    raise LookupError("login_failed has no limit per account")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn with two workers on production settings and a fresh SQLite file."""
    workdir = tmp_path_factory.mktemp("one-door")
    # Mail goes to files, so a test can see what the servers sent, and when.
    env = production_environment(
        workdir,
        redis_url=os.environ.get("REDIS_URL", ""),
        EMAIL_URL=f"file://{workdir / 'mail'}",
    )
    with prepare_site(env, workdir):
        manage(env, "shell", "-c", ACCOUNTS)
    with gunicorn(env, workdir, workers=2, access_log=True) as running:
        running.mail = workdir / "mail"
        yield running


class Visitor:
    """A browser at one loopback address, keeping its cookies; a new connection each time."""

    def __init__(self, port: int, address: str) -> None:
        self.port = port
        self.address = address
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, fields: dict | None = None):
        return send(
            self.port, method, path, self.cookies, fields=fields, source_address=self.address
        )

    def post_form(self, path: str, fields: dict[str, str]):
        """Fill in the form at ``path`` (its CSRF token included) and send it."""
        status, _, page = self.request("GET", path)
        assert status == 200, page[:2000]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request("POST", path, {"csrfmiddlewaretoken": token, **fields})

    def post_blind(self, path: str, fields: dict[str, str]):
        """POST as a script would to a page it never loaded, with a CSRF pair of its own."""
        self.cookies["csrftoken"] = "a" * 32
        return self.request("POST", path, {"csrfmiddlewaretoken": "a" * 32, **fields})

    def signed_in(self) -> bool:
        status, _, _ = self.request("GET", "/accounts/email/")
        return status == 200


def nudge(port: int) -> None:
    """Workers tend to take new connections in turn; one more request shifts the turn."""
    get(port, "/robots.txt", timeout=30)


def workers_that_took(server, path: str) -> set[str]:
    lines = server.access_log.read_text().splitlines()
    return {line.split()[0] for line in lines if f" POST {path} " in line}


def test_forty_wrong_passwords_at_the_door_are_refused_after_the_limit(server):
    limit = login_failed_limit()
    answers = []
    for attempt in range(ATTEMPTS):
        visitor = Visitor(server.port, "127.0.0.2")
        status, _, page = visitor.post_form(
            "/accounts/login/", {"login": "ada", "password": f"wrong-{attempt}"}
        )
        answers.append("evaluated" if NOT_CORRECT in page else status)
        assert status == 429 or TOO_MANY in page or NOT_CORRECT in page, page[:2000]
        nudge(server.port)
    assert answers[:limit] == ["evaluated"] * limit
    assert "evaluated" not in answers[limit:]
    # The right password waits too.
    visitor = Visitor(server.port, "127.0.0.2")
    status, _, page = visitor.post_form("/accounts/login/", {"login": "ada", "password": PASSWORD})
    assert status == 429 or TOO_MANY in page
    assert not visitor.signed_in()
    assert len(workers_that_took(server, "/accounts/login/")) == 2, server.access_log.read_text()


def test_forty_passwords_at_the_admin_sign_in_are_never_evaluated(server):
    for attempt in range(ATTEMPTS):
        visitor = Visitor(server.port, "127.0.0.3")
        password = PASSWORD if attempt == ATTEMPTS - 1 else f"wrong-{attempt}"
        status, location, _ = visitor.post_blind(
            "/admin/login/", {"username": "bob", "password": password}
        )
        assert (status, location) == (302, "/accounts/login/?next=%2Fadmin%2F")
        assert not visitor.signed_in()
        nudge(server.port)
    # A loaded machine may hand every one to the same worker: more wrong passwords
    # (never evaluated either) until the other worker has taken one too.
    for _ in range(200):
        if len(workers_that_took(server, "/admin/login/")) == 2:
            break
        Visitor(server.port, "127.0.0.3").post_blind(
            "/admin/login/", {"username": "bob", "password": "wrong-again"}
        )
        nudge(server.port)
    assert len(workers_that_took(server, "/admin/login/")) == 2, server.access_log.read_text()
    # None of the 40 counted against the account: at the door it is not locked out.
    visitor = Visitor(server.port, "127.0.0.3")
    status, location, _ = visitor.post_form(
        "/accounts/login/?next=/admin/", {"login": "bob", "password": PASSWORD}
    )
    assert (status, location) == (302, "/admin/")
    assert visitor.signed_in()


def test_forty_passwords_at_the_django_admin_find_no_door(server):
    for attempt in range(ATTEMPTS):
        visitor = Visitor(server.port, "127.0.0.4")
        status, _, _ = visitor.post_blind(
            "/django-admin/login/?next=/django-admin/",
            {"username": "bob", "password": f"wrong-{attempt}", "next": "/django-admin/"},
        )
        assert status == 404
        assert not visitor.signed_in()
        nudge(server.port)
    assert len(workers_that_took(server, "/django-admin/login/")) == 2


def test_an_unverified_account_gets_no_session_at_any_path(server):
    visitor = Visitor(server.port, "127.0.0.5")
    status, location, _ = visitor.post_form(
        "/accounts/login/", {"login": "una", "password": PASSWORD}
    )
    assert (status, location) == (302, "/accounts/confirm-email/")
    assert not visitor.signed_in()
    for path in ("/admin/login/", "/django-admin/login/"):
        visitor = Visitor(server.port, "127.0.0.5")
        visitor.post_blind(path, {"username": "una", "password": PASSWORD})
        assert not visitor.signed_in(), path


def test_a_reset_mail_goes_out_after_the_answer(server):
    # The mail waits for the answer (so its making cannot be timed) but is not lost:
    # gunicorn closes the response, and the worker then sends it.
    def reset_mails() -> list[str]:
        texts = [path.read_text() for path in sorted(server.mail.glob("*"))]
        return [text for text in texts if "/accounts/password/reset/key/" in text]

    before = len(reset_mails())
    visitor = Visitor(server.port, "127.0.0.6")
    status, location, _ = visitor.post_form("/accounts/password/reset/", {"email": "ada"})
    assert (status, location) == (302, "/accounts/password/reset/done/")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and len(reset_mails()) == before:
        time.sleep(0.1)
    mails = reset_mails()[before:]
    assert len(mails) == 1 and "To: ada@example.org" in mails[0]
    visitor = Visitor(server.port, "127.0.0.6")
    visitor.post_form("/accounts/password/reset/", {"email": "nobody"})
    time.sleep(1)
    assert len(reset_mails()) == before + 1  # nothing for an unknown account
