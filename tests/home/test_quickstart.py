"""`manage.py quickstart`: the second half of `make run`."""

from __future__ import annotations

import io

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Site

from articles.models import ArticlePage
from home.management.commands import quickstart

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def password_file(tmp_path, monkeypatch):
    path = tmp_path / ".admin-password"
    monkeypatch.setattr(quickstart, "PASSWORD_FILE", path)
    return path


def run(**options) -> str:
    out = io.StringIO()
    call_command("quickstart", stdout=out, **options)
    return out.getvalue()


def test_creates_an_admin_with_a_random_password(settings, password_file):
    settings.DEBUG = True
    output = run(no_demo=True)
    password = password_file.read_text().strip()
    assert len(password) >= 12
    assert f"Password:  {password}" in output
    assert "Username:  admin" in output
    assert "http://127.0.0.1:8000/admin/" in output
    assert oct(password_file.stat().st_mode & 0o777) == "0o600"
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(password)


def test_passwords_differ_between_installs(settings, password_file):
    settings.DEBUG = True
    run(no_demo=True)
    first = password_file.read_text()
    get_user_model().objects.all().delete()
    password_file.unlink()
    run(no_demo=True)
    assert password_file.read_text() != first


def test_running_again_keeps_the_account(settings, password_file):
    settings.DEBUG = True
    run(no_demo=True)
    password = password_file.read_text().strip()
    output = run(no_demo=True)
    assert get_user_model().objects.count() == 1
    assert get_user_model().objects.get().check_password(password)
    assert f"Password:  {password}" in output


def test_points_the_default_site_at_the_dev_server(settings):
    settings.DEBUG = True
    run(no_demo=True)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)


def test_loads_the_demo_only_into_an_empty_database(settings):
    settings.DEBUG = True
    output = run()
    assert "loading the demo publication" in output
    count = ArticlePage.objects.count()
    assert count > 0
    assert "loading the demo" not in run()
    assert ArticlePage.objects.count() == count


def test_refuses_to_run_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="createsuperuser"):
        run(no_demo=True)
    assert not get_user_model().objects.exists()


def test_a_changed_password_is_not_printed(settings, password_file):
    settings.DEBUG = True
    run(no_demo=True)
    old = password_file.read_text().strip()
    admin = get_user_model().objects.get(username="admin")
    admin.set_password("my-own-new-password-42")
    admin.save()
    output = run(no_demo=True)
    assert old not in output
    assert "with a password you chose" in output


def test_the_admin_can_sign_in_through_the_door(settings, password_file, client):
    settings.DEBUG = True
    run(no_demo=True)
    password = password_file.read_text().strip()
    address = EmailAddress.objects.get(user__username="admin")
    assert (address.email, address.verified, address.primary) == ("admin@localhost", True, True)
    to_door = client.get("/admin/")
    assert to_door["Location"] == "/accounts/login/?next=/admin/"
    response = client.post(to_door["Location"], {"login": "admin", "password": password})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_an_admin_made_before_the_door_is_mended(settings, password_file):
    # Development databases made by the old quickstart (or createsuperuser) have no
    # verified address, which allauth's door asks for.
    settings.DEBUG = True
    get_user_model().objects.create_superuser("admin", "", "an-old-password-42")
    output = run(no_demo=True)
    admin = get_user_model().objects.get(username="admin")
    assert admin.email == "admin@localhost"
    assert EmailAddress.objects.filter(user=admin, verified=True, primary=True).count() == 1
    assert "with a password you chose" in output
    run(no_demo=True)
    assert EmailAddress.objects.filter(user=admin).count() == 1


def test_an_unverified_address_of_the_admin_is_verified(settings, password_file):
    settings.DEBUG = True
    admin = get_user_model().objects.create_superuser("admin", "boss@example.org", "pw-42-long")
    EmailAddress.objects.create(user=admin, email="boss@example.org", verified=False, primary=True)
    run(no_demo=True)
    address = EmailAddress.objects.get(user=admin)
    assert (address.email, address.verified, address.primary) == ("boss@example.org", True, True)


def test_says_how_to_require_a_second_factor(settings):
    settings.DEBUG = True
    output = run(no_demo=True)
    assert "REQUIRE_ADMIN_MFA=true make run" in output
    assert "/accounts/2fa/" in output
    settings.MASTHEAD = {**settings.MASTHEAD, "REQUIRE_ADMIN_MFA": True}
    assert "Two-factor: required for the admin" in run(no_demo=True)
