"""Readers' accounts end to end: the mails actually sent, the links in them, the limits."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a brand new passphrase 42"


def link_in(message) -> str:
    match = re.search(r"https?://[^\s]+", message.body)
    assert match, message.body
    return match.group(0).replace("http://testserver", "")


def make_reader(username="ada", email="ada@example.org", verified=True, password=PASSWORD):
    user = get_user_model().objects.create_user(username, email, password)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
    return user


def signed_in_as(client) -> str | None:
    html = client.get("/").content.decode()
    match = re.search(r'class="account-links__name"[^>]*>([^<]+)<', html)
    return match.group(1) if match else None


def test_signup_verify_then_sign_in(client):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "newreader",
            "display_name": "New Reader",
            "email": "new@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert signed_in_as(client) is None  # not before the address is verified
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new@example.org"]
    confirm_url = link_in(message)
    page = client.get(confirm_url)
    assert page.status_code == 200
    assert client.post(confirm_url).status_code == 302
    assert EmailAddress.objects.get(email="new@example.org").verified
    assert signed_in_as(client) == "newreader"


def test_an_unverified_reader_cannot_sign_in_yet(client):
    make_reader(verified=False)
    response = client.post("/accounts/login/", {"login": "ada", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert signed_in_as(client) is None
    assert mail.outbox and mail.outbox[-1].to == ["ada@example.org"]


@pytest.mark.parametrize("login", ["ada", "ada@example.org", "ADA@example.org"])
def test_sign_in_by_username_or_email(client, login):
    make_reader()
    response = client.post("/accounts/login/", {"login": login, "password": PASSWORD})
    assert response.status_code == 302
    assert signed_in_as(client) == "ada"


def test_wrong_password_says_so_without_telling_which_part(client):
    make_reader()
    response = client.post("/accounts/login/", {"login": "ada", "password": "nope"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "not correct" in html
    unknown = client.post("/accounts/login/", {"login": "nobody", "password": "nope"})
    assert "not correct" in unknown.content.decode()


def test_sign_out(client):
    make_reader()
    client.post("/accounts/login/", {"login": "ada", "password": PASSWORD})
    assert client.post("/accounts/logout/").status_code == 302
    assert signed_in_as(client) is None


def reset_by(client, login):
    response = client.post("/accounts/password/reset/", {"email": login})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"


def follow_reset_link(client, message, new_password=NEW_PASSWORD):
    url = link_in(message)
    form_page = client.get(url, follow=True)
    assert form_page.status_code == 200
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else url
    done = client.post(action, {"password1": new_password, "password2": new_password})
    assert done.status_code == 302, done.content.decode()[:2000]


@pytest.mark.parametrize("login", ["ada", "ada@example.org"])
def test_password_reset_by_username_or_email(client, login):
    make_reader()
    reset_by(client, login)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ada@example.org"]
    follow_reset_link(client, mail.outbox[0])
    fresh = Client()
    assert fresh.post("/accounts/login/", {"login": "ada", "password": PASSWORD}).status_code == 200
    assert (
        fresh.post("/accounts/login/", {"login": "ada", "password": NEW_PASSWORD}).status_code
        == 302
    )


def test_reset_mail_goes_only_to_the_verified_address(client):
    reader = make_reader()
    EmailAddress.objects.create(user=reader, email="other@example.org", verified=False)
    reset_by(client, "ada")
    assert [m.to for m in mail.outbox] == [["ada@example.org"]]
    mail.outbox.clear()
    reset_by(client, "other@example.org")  # an unverified address finds nobody
    assert mail.outbox == []


@pytest.mark.parametrize("login", ["nobody", "nobody@example.org"])
def test_reset_for_unknown_accounts_looks_the_same_and_sends_nothing(client, login):
    make_reader()
    known = client.post("/accounts/password/reset/", {"email": "ada"})
    unknown = client.post("/accounts/password/reset/", {"email": login})
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert [m.to for m in mail.outbox] == [["ada@example.org"]]


def test_a_forged_reset_link_is_refused(client):
    make_reader()
    reset_by(client, "ada")
    url = link_in(mail.outbox[0])
    forged = re.sub(r"-[^/]+/$", "-forgedtoken123/", url)
    page = client.get(forged, follow=True)
    assert "bad token" in page.content.decode().lower() or page.status_code in {400, 404}
    assert get_user_model().objects.get(username="ada").check_password(PASSWORD)


def test_forms_need_their_csrf_token(db):
    make_reader()
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/accounts/login/", {"login": "ada", "password": PASSWORD})
    assert response.status_code == 403


TOO_MANY = "Too many failed login attempts"


def test_repeated_wrong_passwords_are_rate_limited(client):
    make_reader()
    pages = [
        client.post("/accounts/login/", {"login": "ada", "password": f"wrong {i}"})
        for i in range(6)
    ]
    assert [TOO_MANY in page.content.decode() for page in pages] == [False] * 5 + [True]
    # Even the right password waits until the limit has passed.
    blocked = client.post("/accounts/login/", {"login": "ada", "password": PASSWORD})
    assert TOO_MANY in blocked.content.decode()
    assert signed_in_as(client) is None


def test_header_offers_sign_in_and_sign_up_then_the_readers_name(client):
    html = client.get("/").content.decode()
    assert 'href="/accounts/login/"' in html and "Sign In" in html
    assert 'href="/accounts/signup/"' in html and "Sign Up" in html
    make_reader()
    client.post("/accounts/login/", {"login": "ada", "password": PASSWORD})
    html = client.get("/").content.decode()
    assert signed_in_as(client) == "ada"
    assert 'action="/accounts/logout/"' in html and "Sign Out" in html
    assert "/admin/" not in html.split('class="account-links"', 1)[1].split("</div>", 1)[0]


def test_account_pages_wear_the_site_theme(client):
    for url in ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]:
        html = client.get(url).content.decode()
        assert 'class="site-header"' in html and 'class="account-page"' in html, url
        assert '<meta name="robots" content="noindex">' in html
    assert "Username or email" in client.get("/accounts/login/").content.decode()
    reset_page = client.get("/accounts/password/reset/").content.decode()
    assert "Lose something?" in reset_page and "Username or email" in reset_page


def test_account_mail_speaks_in_the_publications_name(client, site):
    from home.models import ThemeSettings

    theme = ThemeSettings.for_site(site)
    theme.site_name = "Masthead Review"
    theme.save()
    client.post(
        "/accounts/signup/",
        {
            "username": "newreader",
            "display_name": "New Reader",
            "email": "new@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    message = mail.outbox[0]
    assert message.subject == "[Masthead Review] Please Confirm Your Email Address"
    assert "Masthead Review" in message.body


def test_password_change_keeps_the_reader_signed_in(client):
    make_reader()
    client.post("/accounts/login/", {"login": "ada", "password": PASSWORD})
    page = client.get("/accounts/password/change/")
    assert page.status_code == 200 and 'class="account-page"' in page.content.decode()
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert signed_in_as(client) == "ada"
    assert get_user_model().objects.get(username="ada").check_password(NEW_PASSWORD)
    wrong = client.post(
        "/accounts/password/change/",
        {"oldpassword": "not it", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert wrong.status_code == 200
    assert get_user_model().objects.get(username="ada").check_password(NEW_PASSWORD)
