"""Account forms that reach allauth through its ``ACCOUNT_FORMS`` seam."""

from __future__ import annotations

from allauth.account.forms import LoginForm, ResetPasswordForm
from allauth.account.models import EmailAddress
from django import forms

from .after_response import defer


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
        # One query of the same shape for a username and for an address, found or not:
        # the answer's timing must not say whether the account exists.
        match = {"email__iexact": login} if "@" in login else {"user__username__iexact": login}
        found = list(
            EmailAddress.objects.filter(**match, verified=True, user__is_active=True)
            .select_related("user")
            .order_by("user_id", "-primary", "pk")[:1]
        )
        self.users = [address.user for address in found]
        self.reset_address = found[0].email if found else ""
        return login

    def save(self, request, **kwargs) -> str:
        login = self.cleaned_data["email"]
        if self.users:
            # The token, the mail and its sending wait until the answer has gone out,
            # which is then the same "check your inbox" page, as fast, for everyone.
            self.cleaned_data["email"] = self.reset_address
            defer(request, lambda: ResetPasswordForm.save(self, request, **kwargs))
        # Nobody to write to (an unknown username has no address): say nothing.
        return login


class UsernameOrEmailLoginForm(LoginForm):
    """allauth's sign-in form, with its login field named for what it takes."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Username or email"
