"""Account forms that reach allauth through its ``ACCOUNT_FORMS`` seam."""

from __future__ import annotations

from allauth.account.forms import LoginForm, ResetPasswordForm
from allauth.account.models import EmailAddress
from django import forms
from django.contrib.auth import get_user_model


class ResetPasswordByUsernameOrEmailForm(ResetPasswordForm):
    """Password reset by username or email, as readers expect: "Enter Username or Email".

    allauth's own form takes only an email. Here a username finds its account and
    the link goes to that account's verified address; an email is matched only
    against verified addresses. The answer on the page is the same whether or not
    an account was found, so the form cannot be used to discover accounts.
    """

    email = forms.CharField(
        label="Username or email",
        max_length=254,
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "placeholder": "Username or email"}
        ),
    )

    def clean_email(self) -> str:
        login = self.cleaned_data["email"].strip()
        if "@" in login:
            addresses = EmailAddress.objects.filter(
                email__iexact=login, verified=True, user__is_active=True
            ).select_related("user")
        else:
            user = (
                get_user_model()
                .objects.filter(username__iexact=login, is_active=True)
                .order_by("pk")
                .first()
            )
            addresses = EmailAddress.objects.filter(user=user, verified=True).order_by(
                "-primary", "pk"
            )[:1]
        found = list(addresses)
        self.users = [address.user for address in found]
        self.reset_address = found[0].email if found else ""
        return login

    def save(self, request, **kwargs) -> str:
        if not self.users:
            # Nobody to write to (an unknown username has no address): say nothing,
            # and show the same "check your inbox" page as for a real account.
            return self.cleaned_data["email"]
        self.cleaned_data["email"] = self.reset_address
        return super().save(request, **kwargs)


class UsernameOrEmailLoginForm(LoginForm):
    """allauth's sign-in form, with its login field named for what it takes."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Username or email"
