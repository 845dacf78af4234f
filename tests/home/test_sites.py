"""Django's Sites record follows the Wagtail site, so no link or redirect says example.com."""

from __future__ import annotations

import io

import pytest
from django.contrib.sites.models import Site as DjangoSite
from django.contrib.sites.shortcuts import get_current_site
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.test import RequestFactory

from home.management.commands import quickstart

from ..discussion.comment_helpers import add_comment

pytestmark = pytest.mark.django_db


def current_domain() -> str:
    return get_current_site(RequestFactory().get("/")).domain


def test_migrate_copies_the_wagtail_site_s_host(site):
    # As every database migrated before this change was left: Django's placeholder.
    DjangoSite.objects.filter(pk=1).update(domain="example.com", name="example.com")
    DjangoSite.objects.clear_cache()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert current_domain() == f"{site.hostname}" and site.port == 80


@pytest.mark.parametrize(
    ("hostname", "port", "domain"),
    [
        ("news.example.net", 80, "news.example.net"),
        ("news.example.net", 443, "news.example.net"),
        ("127.0.0.1", 8000, "127.0.0.1:8000"),
    ],
)
def test_saving_the_wagtail_site_sets_the_domain(site, hostname, port, domain):
    current_domain()  # cached in this process
    site.hostname, site.port, site.site_name = hostname, port, "The Daily Example"
    site.save()
    assert current_domain() == domain
    assert DjangoSite.objects.get(pk=1).name == "The Daily Example"


def test_comment_permalinks_redirect_to_the_wagtail_site_s_host(client, site, article_factory):
    site.hostname, site.port = "news.example.net", 80
    site.save()
    article = article_factory("Permalink")
    comment = add_comment(article, "Here")
    response = client.get(comment.get_absolute_url().split("#")[0])
    assert response.status_code == 302
    assert response["Location"].startswith("http://news.example.net/")
    assert response["Location"].endswith(article.url_path.split("/", 2)[2])


def test_quickstart_s_address_reaches_the_sites_record(settings, site, tmp_path, monkeypatch):
    monkeypatch.setattr(quickstart, "PASSWORD_FILE", tmp_path / ".admin-password")
    settings.DEBUG = True
    call_command("quickstart", no_demo=True, stdout=io.StringIO())
    assert current_domain() == "127.0.0.1:8000"
