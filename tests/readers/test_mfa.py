"""A second factor (allauth.mfa): set-up, sign-in with it, and the admin's requirement."""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client

from readers.middleware import MESSAGE

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
TOO_MANY = "Too many failed login attempts"


def make_account(username="ada", *, staff=False):
    User = get_user_model()
    make = User.objects.create_superuser if staff else User.objects.create_user
    user = make(username, f"{username}@example.org", PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def current_code(secret: str) -> str:
    """The code an authenticator app shows now."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def signed_in(client: Client) -> bool:
    return SESSION_KEY in client.session


def sign_in_with_password(client: Client, next_url: str = "/admin/"):
    return client.post(f"/accounts/login/?next={next_url}", {"login": "ada", "password": PASSWORD})


def confirm_password(client: Client) -> None:
    """allauth asks for the password again before a factor is added (a sensitive change)."""
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def admin_mfa_required(settings):
    settings.MASTHEAD = {**settings.MASTHEAD, "REQUIRE_ADMIN_MFA": True}


class Scripts(HTMLParser):
    """Every <script> tag's attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "script":
            self.tags.append(dict(attrs))


def inline_scripts(html: str) -> list[dict]:
    """Scripts a Content-Security-Policy without 'unsafe-inline' would block."""
    parser = Scripts()
    parser.feed(html)
    return [
        tag
        for tag in parser.tags
        if not tag.get("src") and tag.get("type") not in {"application/json"}
    ]


def test_activate_an_authenticator_app_through_the_pages(client):
    user = make_account(staff=True)
    sign_in_with_password(client)
    asked = client.get("/accounts/2fa/totp/activate/")
    assert asked["Location"].startswith("/accounts/reauthenticate/")
    confirm_password(client)
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    html = page.content.decode()
    secret = re.search(r'id="authenticator_secret"\s+value="([A-Z2-7]+)"', html).group(1)
    assert "<svg" in html  # the QR code, drawn inline
    wrong = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert wrong.status_code == 200 and "Incorrect code" in wrong.content.decode()
    response = client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/recovery-codes/"
    types = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    codes = client.get(response["Location"]).content.decode()
    unused = RecoveryCodes(Authenticator.objects.get(user=user, type="recovery_codes"))
    assert all(code in codes for code in unused.get_unused_codes())


def test_sign_in_with_an_authenticator_code(client):
    user = make_account(staff=True)
    TOTP.activate(user, SECRET)
    response = sign_in_with_password(client, "/admin/pages/")
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert not signed_in(client)  # the password alone is not enough
    assert client.get("/admin/pages/")["Location"].startswith("/accounts/login/")
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "123456"})
    assert wrong.status_code == 200 and not signed_in(client)
    response = client.post("/accounts/2fa/authenticate/", {"code": current_code(SECRET)})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert signed_in(client)
    assert client.get("/admin/pages/").status_code == 200


def test_sign_in_with_a_recovery_code_once(client):
    user = make_account(staff=True)
    TOTP.activate(user, SECRET)
    code = RecoveryCodes.activate(user).get_unused_codes()[0]
    sign_in_with_password(client)
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert signed_in(client)
    # Spent: the same code opens nothing a second time.
    again = Client()
    sign_in_with_password(again)
    assert again.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 200
    assert not signed_in(again)


def test_wrong_codes_are_rate_limited_like_passwords(client):
    user = make_account(staff=True)
    TOTP.activate(user, SECRET)
    sign_in_with_password(client)
    pages = [
        client.post("/accounts/2fa/authenticate/", {"code": f"{n:06d}"}).content.decode()
        for n in range(6)
    ]
    assert TOO_MANY in pages[-1]
    # Then even the right code waits: guessing six digits takes more than a minute.
    right = client.post("/accounts/2fa/authenticate/", {"code": current_code(SECRET)})
    assert TOO_MANY in right.content.decode()
    assert not signed_in(client)


def test_staff_without_a_second_factor_are_sent_to_set_one_up(client, admin_mfa_required):
    make_account(staff=True)
    response = sign_in_with_password(client, "/admin/pages/")
    assert response["Location"] == "/admin/pages/"
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/"
    page = client.get("/accounts/2fa/").content.decode()
    assert MESSAGE in page
    assert 'href="/accounts/2fa/totp/activate/"' in page
    assert 'href="/accounts/2fa/webauthn/add/"' in page
    # They may still sign out from the admin.
    assert client.post("/admin/logout/").status_code == 302
    assert not signed_in(client)


def test_staff_with_a_second_factor_reach_the_admin(client, admin_mfa_required):
    user = make_account(staff=True)
    TOTP.activate(user, SECRET)
    sign_in_with_password(client)
    client.post("/accounts/2fa/authenticate/", {"code": current_code(SECRET)})
    assert client.get("/admin/").status_code == 200


def test_the_requirement_covers_everyone_with_admin_access(client, admin_mfa_required):
    editor = make_account("ada")
    editors = Group.objects.create(name="Editors (test)")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(editors)
    sign_in_with_password(client)
    assert client.get("/admin/")["Location"] == "/accounts/2fa/"


def test_without_the_setting_staff_go_straight_in(client):
    make_account(staff=True)
    sign_in_with_password(client)
    assert client.get("/admin/").status_code == 200


def test_readers_are_never_asked(client, admin_mfa_required):
    make_account("ada")
    response = sign_in_with_password(client, "/")
    assert response["Location"] == "/"
    assert signed_in(client)
    assert client.get("/accounts/email/").status_code == 200
    # The admin turns a reader away as before, to the door, not to a set-up page.
    assert client.get("/admin/")["Location"].startswith("/accounts/login/")
    assert MESSAGE not in client.get("/", follow=True).content.decode()


def test_a_reader_may_add_a_second_factor_too(client):
    user = make_account("ada")
    sign_in_with_password(client, "/")
    confirm_password(client)
    html = client.get("/accounts/2fa/totp/activate/").content.decode()
    secret = re.search(r'id="authenticator_secret"\s+value="([A-Z2-7]+)"', html).group(1)
    client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert Authenticator.objects.filter(user=user, type="totp").exists()


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/login/",
        "/accounts/2fa/",
        "/accounts/2fa/totp/activate/",
        "/accounts/2fa/webauthn/add/",
        "/accounts/2fa/recovery-codes/",
        "/accounts/2fa/authenticate/",
    ],
)
def test_mfa_pages_are_drawn_in_the_site_layout_without_inline_scripts(client, path):
    user = make_account(staff=True)
    if path == "/accounts/2fa/authenticate/":
        TOTP.activate(user, SECRET)
        sign_in_with_password(client)
    elif path != "/accounts/login/":
        sign_in_with_password(client)
        confirm_password(client)
        TOTP.activate(user, SECRET)
        RecoveryCodes.activate(user)
        if path == "/accounts/2fa/totp/activate/":
            Authenticator.objects.filter(user=user).delete()
    response = client.get(path)
    assert response.status_code == 200, response.get("Location")
    html = response.content.decode()
    assert 'class="account-page"' in html and 'class="account-panel"' in html
    assert 'name="robots" content="noindex"' in html
    assert inline_scripts(html) == []
    if path.startswith("/accounts/2fa/"):
        assert "readers/css/mfa.css" in html
