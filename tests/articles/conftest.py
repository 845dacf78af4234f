"""Fixtures for the articles tests: a reader with an account, signed in."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def reader(db):
    return get_user_model().objects.create_user(
        "ada", "ada@example.org", "pw-123456789", first_name="Ada", last_name="Lovelace"
    )


@pytest.fixture
def signed_in(client, reader):
    client.force_login(reader)
    return client
