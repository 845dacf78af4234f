"""An editor sets up a second factor in Chromium, as the admin asks, and signs in with it.

The pages are allauth's, drawn in the site's layout; their scripts are allauth's own
static files, so the Content-Security-Policy (no inline script) must not block them:
every step listens for `securitypolicyviolation`. Passkeys use Chromium's virtual
authenticator (DevTools' WebAuthn domain), which answers as a phone or key would.
"""

from __future__ import annotations

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import Page, expect

from readers.middleware import MESSAGE

from .conftest import EDITOR_PASSWORD, EDITOR_USERNAME, record_policy_violations

pytestmark = pytest.mark.e2e


@pytest.fixture
def admin_mfa_required(settings):
    settings.MASTHEAD = {**settings.MASTHEAD, "REQUIRE_ADMIN_MFA": True}


def sign_in_with_password(page: Page) -> None:
    page.goto("/admin/")
    page.get_by_label("Username or email").fill(EDITOR_USERNAME)
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()


def confirm_password(page: Page) -> None:
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Confirm").click()


def test_editor_activates_an_authenticator_app_when_the_admin_asks(
    new_page, editor, admin_mfa_required
):
    page = new_page(viewport={"width": 1280, "height": 900})
    violations = record_policy_violations(page)
    sign_in_with_password(page)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/$"))
    expect(page.get_by_text(MESSAGE)).to_be_visible()
    expect(page.locator("header").first).to_be_visible()  # the site's own layout

    page.get_by_role("link", name="Activate").click()
    confirm_password(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Activate an authenticator app")
    expect(page.locator(".mfa-qr svg")).to_be_visible()
    secret = page.locator("#authenticator_secret").input_value()
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.get_by_label("Authenticator code").fill(code)
    page.get_by_role("button", name="Activate").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/recovery-codes/$"))
    expect(page.locator("#recovery_codes")).to_be_visible()

    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Masthead")
    assert not violations, violations


def test_editor_adds_a_passkey_and_signs_in_with_it_alone(new_page, editor, admin_mfa_required):
    page = new_page(viewport={"width": 1280, "height": 900})
    violations = record_policy_violations(page)
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    sign_in_with_password(page)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/$"))
    page.goto("/accounts/2fa/webauthn/add/")
    confirm_password(page)
    page.get_by_label("Passwordless").check()
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page).not_to_have_url(re.compile(r"/webauthn/add/"))
    assert Authenticator.objects.filter(user=editor, type="webauthn").exists()
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/$"))

    # Signed out, the passkey alone signs the editor in again.
    page.goto("/")
    page.get_by_role("banner").get_by_role("button", name="Sign Out").click()
    expect(page.get_by_role("banner").get_by_role("link", name="Sign In")).to_be_visible()
    page.goto("/accounts/login/?next=/admin/")
    page.get_by_role("button", name="Sign in with a passkey").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Masthead")
    assert not violations, violations
