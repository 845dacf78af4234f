"""A reader's public name: asked at sign-up, changed on the account's "Your name" page."""

from __future__ import annotations

import unicodedata

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from masthead.page_cache import invalidate_all
from masthead.visible_text import shows_something, strip_invisible

from .models import ReaderProfile, display_name


class DisplayNameField(forms.CharField):
    """A public name: invisible and direction-changing characters removed, something left."""

    def __init__(self, **kwargs) -> None:
        super().__init__(
            label="Your name",
            max_length=50,
            help_text="Shown with your comments. Your username and email address are never shown.",
            widget=forms.TextInput(attrs={"autocomplete": "name"}),
            **kwargs,
        )

    def clean(self, value):
        name = strip_invisible(super().clean(value)).strip()
        if not shows_something(name):
            raise forms.ValidationError("Please give a name that can be seen.", code="empty")
        if _folded(name) in RESERVED_NAMES:
            raise forms.ValidationError(
                "That name is kept for the site's own staff: please choose another.",
                code="reserved",
            )
        return name


# Names a reader could use to speak for the site. Compared case-folded, in Unicode's
# compatibility form, letters and digits only: "The  Editors", "ＡＤＭＩＮ" and
# "mod-erator" are all refused.
RESERVED_NAMES = frozenset(
    {
        "admin",
        "administrator",
        "editor",
        "editors",
        "theeditors",
        "editorial",
        "moderator",
        "moderators",
        "staff",
        "masthead",
    }
)


def _folded(name: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", name).casefold() if ch.isalnum())


def save_display_name(user, name: str) -> None:
    """Store the name; every cached page that shows the reader's comments shows it next."""
    ReaderProfile.objects.update_or_create(user=user, defaults={"display_name": name})
    transaction.on_commit(invalidate_all)


class SignupDisplayNameForm(forms.Form):
    """Extra sign-up field, through allauth's ``ACCOUNT_SIGNUP_FORM_CLASS`` seam."""

    display_name = DisplayNameField()

    def signup(self, request, user) -> None:
        save_display_name(user, self.cleaned_data["display_name"])


class DisplayNameForm(forms.Form):
    display_name = DisplayNameField()


@login_required
def edit_display_name(request):
    """The reader changes the name printed with their comments (all of them, at once)."""
    form = DisplayNameForm(
        request.POST or None, initial={"display_name": display_name(request.user)}
    )
    if request.method == "POST" and form.is_valid():
        save_display_name(request.user, form.cleaned_data["display_name"])
        messages.success(request, "Your name is saved.")
        return HttpResponseRedirect(reverse("reader_display_name"))
    status = 400 if form.errors else 200
    return TemplateResponse(request, "account/display_name.html", {"form": form}, status=status)
