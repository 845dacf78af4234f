"""Settings screens whose model moved app keep their old admin addresses, as redirects."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("plugins/sharesettings", "sharing/sharesettings"),
        ("articles/discussionsettings", "discussion/discussionsettings"),
    ],
)
def test_an_old_settings_address_redirects_to_the_new_screen(admin_client, site, old, new):
    app, model = new.split("/")
    for suffix in ("", f"{site.pk}/"):
        response = admin_client.get(f"/admin/settings/{old}/{suffix}?next=x")
        site_args = [site.pk] if suffix else []
        expected = reverse("wagtailsettings:edit", args=[app, model, *site_args])
        assert response.status_code == 301
        assert response["Location"] == f"{expected}?next=x"
        assert admin_client.get(response["Location"], follow=True).status_code == 200


def test_the_old_address_still_asks_a_visitor_to_sign_in(client, site):
    response = client.get(f"/admin/settings/plugins/sharesettings/{site.pk}/")
    assert response.status_code == 302
    assert "sharesettings" not in response["Location"].split("?")[0]
