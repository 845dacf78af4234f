from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Home and theme"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from masthead.site_name import provide_site_name

        from . import images, signal_handlers, sites
        from .context_processors import theme_site_name

        provide_site_name(theme_site_name)
        signal_handlers.connect()
        images.connect()
        sites.connect(self)
        post_migrate.connect(create_cache_table, sender=self)


def create_cache_table(sender, using: str = "default", **kwargs) -> None:
    """Create the database cache's table, when one is configured, as part of `migrate`."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
