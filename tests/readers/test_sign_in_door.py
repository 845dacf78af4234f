"""One door: the Wagtail admin signs in, signs out and resets passwords through allauth.

Before, /admin/login/ and /django-admin/login/ checked passwords themselves: no rate
limit, no email verification, no lockout; /admin/password_reset/ mailed without limit.
"""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core import mail
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
TOO_MANY = "Too many failed login attempts"


def make_account(username="ada", *, verified=True, staff=False):
    User = get_user_model()
    make = User.objects.create_superuser if staff else User.objects.create_user
    user = make(username, f"{username}@example.org", PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
    return user


def signed_in(client: Client) -> bool:
    return SESSION_KEY in client.session


def door_sign_in(client: Client, login: str, password: str = PASSWORD, next_url: str = ""):
    query = f"?next={next_url}" if next_url else ""
    return client.post(f"/accounts/login/{query}", {"login": login, "password": password})


# Every address that once took a password beside allauth's, with its form's fields.
SIDE_DOORS = [
    ("/admin/login/", {"username": "ada", "password": PASSWORD}),
    ("/django-admin/login/", {"username": "ada", "password": PASSWORD, "next": "/django-admin/"}),
]


def test_the_admin_sends_visitors_to_the_door(client):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_admins_sign_in_address_takes_no_password(client, method):
    make_account(staff=True)
    path = "/admin/login/?next=/admin/pages/"
    if method == "get":
        response = client.get(path)
    else:
        response = client.post(path, {"username": "ada", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F"
    assert not signed_in(client)


def test_the_admins_sign_in_address_keeps_no_foreign_next(client):
    response = client.get("/admin/login/?next=https://evil.example/")
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"


def test_there_is_no_django_admin(client):
    make_account(staff=True)
    assert client.get("/django-admin/").status_code == 404
    response = client.post("/django-admin/login/", SIDE_DOORS[1][1])
    assert response.status_code == 404
    assert not signed_in(client)


def test_staff_sign_in_at_the_door_and_land_where_they_were_going(client):
    make_account(staff=True)
    to_login = client.get("/admin/pages/")["Location"]
    page = client.get(to_login)
    assert page.status_code == 200
    assert 'name="next" value="/admin/pages/"' in page.content.decode()
    response = client.post(to_login, {"login": "ada", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


@pytest.mark.parametrize("path,fields", SIDE_DOORS)
def test_an_unverified_account_gets_no_session_at_a_side_door(client, path, fields):
    make_account(verified=False, staff=True)
    client.post(path, fields)
    assert not signed_in(client)
    assert client.get("/admin/").status_code == 302


def test_an_unverified_account_gets_no_session_at_the_door(client):
    make_account(verified=False, staff=True)
    response = door_sign_in(client, "ada", next_url="/admin/")
    assert response["Location"] == "/accounts/confirm-email/"
    assert not signed_in(client)
    assert client.get("/admin/")["Location"].startswith("/accounts/login/")
    # The door mails a confirmation link instead; once followed, the account gets in.
    assert [message.to for message in mail.outbox] == [["ada@example.org"]]


def test_an_account_without_any_address_gets_no_session(client):
    # As createsuperuser makes them: allauth asks for the address to be verified first.
    get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    response = door_sign_in(client, "root")
    assert response["Location"] == "/accounts/confirm-email/"
    assert not signed_in(client)


def test_a_locked_out_account_cannot_get_in_through_the_admin(client):
    make_account(staff=True)
    for attempt in range(10):
        page = door_sign_in(client, "ada", f"wrong-{attempt}").content.decode()
        if TOO_MANY in page:
            break
    else:
        pytest.fail("the door never locked the account out")
    assert TOO_MANY in door_sign_in(client, "ada").content.decode()
    for path, fields in SIDE_DOORS:
        client.post(path, fields)
        assert not signed_in(client), path
    assert client.get("/admin/")["Location"].startswith("/accounts/login/")


def test_only_allauths_backend_checks_passwords():
    assert settings.AUTHENTICATION_BACKENDS == [
        "allauth.account.auth_backends.AuthenticationBackend"
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/admin/password_reset/",
        "/admin/password_reset/done/",
        "/admin/password_reset/confirm/MQ/abc-123/",
        "/admin/password_reset/complete/",
    ],
)
def test_the_admins_password_reset_is_allauths(client, path):
    make_account(staff=True)
    response = client.post(path, {"email": "ada@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/"
    assert mail.outbox == []  # Wagtail's own form mailed here, without limit


def test_the_reset_behind_the_admin_is_limited(client):
    make_account(staff=True)
    reset = client.get("/admin/password_reset/", follow=True)
    assert reset.redirect_chain == [("/accounts/password/reset/", 302)]
    limit = int(settings.ACCOUNT_RATE_LIMITS["reset_password"].split(",")[1].split("/")[0])
    statuses = [
        client.post("/accounts/password/reset/", {"email": "ada"}).status_code
        for _ in range(limit + 1)
    ]
    assert statuses == [302] * limit + [429]
    assert len(mail.outbox) == limit


def test_signing_out_of_the_admin_goes_through_allauth(client):
    make_account(staff=True)
    door_sign_in(client, "ada")
    assert signed_in(client)
    # A GET asks first (allauth's page), so a link or a prefetch signs nobody out.
    page = client.get("/admin/logout/")
    assert page.status_code == 200 and 'action="/accounts/logout/"' in page.content.decode()
    assert signed_in(client)
    response = client.post("/admin/logout/")
    assert response.status_code == 302
    assert not signed_in(client)
    assert client.get("/admin/")["Location"].startswith("/accounts/login/")


def test_the_admins_account_page_points_to_the_doors_settings(client):
    make_account(staff=True)
    door_sign_in(client, "ada")
    html = client.get("/admin/account/").content.decode()
    for url in ("/accounts/2fa/", "/accounts/password/change/", "/accounts/email/"):
        assert f'href="{url}"' in html
