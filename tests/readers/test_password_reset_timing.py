"""A password reset answers alike, and as fast, for an account that exists and one that doesn't.

Before, a known account's answer waited for its token, its mail's templates and the
mail's sending (9-11 ms against 5-6 ms), which told a stranger which accounts exist.
Now the work before the answer is the same query for both, and the mail is made
and sent once the answer has gone out. The tests drive Django's real WSGI handler
the way a WSGI server does (respond, then close) and look at what was done by the
time the answer was ready: never a timing.
"""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

CSRF = "a" * 32  # a CSRF secret the cookie and the form both carry


@pytest.fixture
def reader(db):
    user = get_user_model().objects.create_user("ada", "ada@example.org", "a long passphrase 1")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def answer_then_close(login: str) -> tuple[int, str, list[str], int]:
    """POST a reset as a WSGI server would: (status, Location, the SQL run and the mails
    sent before the answer was ready); the response is closed afterwards."""
    environ = (
        RequestFactory()
        .post(
            "/accounts/password/reset/",
            {"email": login, "csrfmiddlewaretoken": CSRF},
            HTTP_COOKIE=f"csrftoken={CSRF}",
        )
        .environ
    )
    started = []
    sent_before = len(mail.outbox)
    with connection_kept_open(), CaptureQueriesContext(connection) as queries:
        response = WSGIHandler()(environ, lambda status, headers: started.append(status))
        mails_by_answer = len(mail.outbox) - sent_before
    with connection_kept_open():
        response.close()
    return (
        response.status_code,
        response["Location"],
        [shape(query["sql"]) for query in queries.captured_queries],
        mails_by_answer,
    )


@contextmanager
def connection_kept_open():
    """As Django's test client does: a request's start and end must not close the
    connection that holds the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def shape(sql: str) -> str:
    """A query without its values: what the database was asked, not for whom."""
    return re.sub(r"'[^']*'|\b\d+\b", "?", sql)


@pytest.mark.parametrize(
    "known,unknown",
    [("ada", "nobody"), ("ada@example.org", "nobody@example.org"), ("ADA", "Nobody")],
)
def test_known_and_unknown_accounts_get_the_same_work_before_the_answer(reader, known, unknown):
    unknown_answer = answer_then_close(unknown)
    assert mail.outbox == []
    known_answer = answer_then_close(known)
    # The same answer, after the same queries, and no mail made yet for either.
    assert known_answer == unknown_answer
    assert unknown_answer[:2] == (302, "/accounts/password/reset/done/")
    assert unknown_answer[3] == 0
    # The known account's mail went out once the answer had: with its working link.
    assert [message.to for message in mail.outbox] == [["ada@example.org"]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_the_test_clients_reset_still_mails_the_link(client, reader):
    # The test client closes the response before returning, as a server does.
    response = client.post("/accounts/password/reset/", {"email": "ada"})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["ada@example.org"]]
