"""What a reader shows the public: the name printed with their comments."""

from __future__ import annotations

from django.conf import settings
from django.db import models

# Shown for an account that has never chosen a name: never its sign-in username.
ANONYMOUS_NAME = "A reader"


class ReaderProfile(models.Model):
    """A reader's public face, kept apart from the account's sign-in username."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reader_profile"
    )
    display_name = models.CharField(
        "name shown with your comments",
        max_length=50,
        help_text="Shown with your comments. Your username and email address are never shown.",
    )

    def __str__(self) -> str:
        return self.display_name


def display_name(user) -> str:
    """The name the public sees for ``user``: the one they chose, else their full name.

    Reads ``user.reader_profile``, so list views select it with the user.
    """
    try:
        chosen = user.reader_profile.display_name.strip()
    except ReaderProfile.DoesNotExist:
        chosen = ""
    return chosen or user.get_full_name().strip() or ANONYMOUS_NAME
