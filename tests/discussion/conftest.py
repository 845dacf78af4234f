"""Fixtures for the articles tests: a reader with an account, signed in."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model


def make_reader(username: str, email: str, **fields):
    """A reader as sign-up leaves one: the account and its verified, primary address."""
    user = get_user_model().objects.create_user(username, email, "pw-123456789", **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture
def reader(db):
    return make_reader("ada", "ada@example.org", first_name="Ada", last_name="Lovelace")


@pytest.fixture
def signed_in(client, reader):
    client.force_login(reader)
    return client
