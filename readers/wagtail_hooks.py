"""The admin's account page points to the door's own pages for sign-in settings."""

from __future__ import annotations

from django.urls import reverse
from wagtail import hooks


@hooks.register("register_account_menu_item")
def two_factor_authentication(request) -> dict[str, str]:
    return {
        "url": reverse("mfa_index"),
        "label": "Two-factor authentication",
        "help_text": "An authenticator app, recovery codes, security keys and passkeys.",
    }


@hooks.register("register_account_menu_item")
def change_password(request) -> dict[str, str]:
    return {
        "url": reverse("account_change_password"),
        "label": "Change password",
        "help_text": "On the site's account pages, where every sign-in happens.",
    }


@hooks.register("register_account_menu_item")
def email_addresses(request) -> dict[str, str]:
    return {
        "url": reverse("account_email"),
        "label": "Email addresses",
        "help_text": "A new address is used once you confirm it from its inbox.",
    }
