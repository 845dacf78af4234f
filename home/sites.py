"""Django's Sites record (``SITE_ID``) kept in step with Wagtail's default site.

django-contrib-comments and comments-xtd build absolute links from
``django.contrib.sites`` (the ``/comments/cr/…`` redirect, mail contexts), whose
only record says ``example.com`` until someone changes it. Editors set the site's
host in Wagtail (Settings → Sites; ``quickstart`` does it in development), so that
is where the domain comes from: copied after every ``migrate`` and every save of a
Wagtail site. Other server processes keep the record they cached (Django caches it
per process) until they restart.
"""

from __future__ import annotations

import logging

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.sites.management import create_default_site
from django.contrib.sites.models import Site as DjangoSite
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate, post_save
from wagtail.models import Site as WagtailSite

logger = logging.getLogger(__name__)


def domain_of(site) -> str:
    """``host`` or ``host:port`` as a browser would write it for this Wagtail site."""
    if site.port in (80, 443):
        return site.hostname
    return f"{site.hostname}:{site.port}"


def sync_sites_domain(using: str = DEFAULT_DB_ALIAS, apps=global_apps) -> None:
    """Copy the default Wagtail site's host and name onto Django's ``SITE_ID`` record.

    ``apps`` is the app registry to read the models from: after ``migrate``, the
    migrated state, in which either model may not exist yet.
    """
    try:
        wagtail_sites = apps.get_model("wagtailcore", "Site")
        django_sites = apps.get_model("sites", "Site")
    except LookupError:
        return
    wagtail_site = wagtail_sites.objects.using(using).filter(is_default_site=True).first()
    if wagtail_site is None:
        return
    domain = domain_of(wagtail_site)
    if len(domain) > django_sites._meta.get_field("domain").max_length:
        logger.warning("Site domain %r is too long for django.contrib.sites; not copied", domain)
        return
    name = (wagtail_site.site_name or wagtail_site.hostname)[
        : django_sites._meta.get_field("name").max_length
    ]
    # Creates the record the way django.contrib.sites does (resetting PostgreSQL's
    # sequence after the explicit id) when there is none yet.
    create_default_site(None, verbosity=0, using=using, apps=apps)
    django_sites.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": name}
    )
    DjangoSite.objects.clear_cache()


def wagtail_site_saved(sender, instance: WagtailSite, raw: bool = False, **kwargs) -> None:
    if raw:  # loaddata: the fixture's other rows may not be there yet
        return
    sync_sites_domain(using=kwargs.get("using") or DEFAULT_DB_ALIAS)


def migrated(sender, using: str = DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
    sync_sites_domain(using=using, apps=apps)


def connect(app_config) -> None:
    """Connect the receivers; ``app_config`` (home's) sends the once-per-migrate signal."""
    post_save.connect(wagtail_site_saved, sender=WagtailSite, dispatch_uid="home.sites")
    post_migrate.connect(migrated, sender=app_config, dispatch_uid="home.sites.migrate")
