"""Get a development site ready to browse: demo content and an admin account."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from articles.models import ArticlePage
from masthead.conf import masthead_setting

PASSWORD_FILE = Path(settings.BASE_DIR) / ".admin-password"


def write_private_file(path: Path, text: str) -> None:
    """Write ``text`` to a file only its owner can read, from the moment it exists."""
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(text)


class Command(BaseCommand):
    help = (
        "Prepare a development site after `migrate`: load the demo publication when the "
        "database has no articles, point the default site at the development server, and "
        "create an admin account with a random password (printed, and kept in "
        ".admin-password, readable only by you). Refuses to run with DEBUG off: in "
        "production use `createsuperuser`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--username",
            default=os.environ.get("ADMIN_USERNAME", "admin"),
            help="Admin account name (default: $ADMIN_USERNAME or 'admin').",
        )
        parser.add_argument(
            "--email",
            default=os.environ.get("ADMIN_EMAIL", "admin@localhost"),
            help="Admin account email (default: $ADMIN_EMAIL or admin@localhost).",
        )
        parser.add_argument(
            "--address",
            default="127.0.0.1:8000",
            help="host:port the development server will listen on (default 127.0.0.1:8000).",
        )
        parser.add_argument(
            "--no-demo", action="store_true", help="Don't load the demo publication."
        )

    def handle(self, *args, username: str, email: str, address: str, no_demo: bool, **options):
        if not settings.DEBUG:
            raise CommandError(
                "quickstart is for development (DEBUG=true). In production run "
                "`manage.py createsuperuser` and set up the site in the admin."
            )
        if not no_demo and not ArticlePage.objects.exists():
            self.stdout.write("The database has no articles: loading the demo publication…")
            call_command("load_demo", stdout=self.stdout, stderr=self.stderr)
        self._point_default_site_at(address)
        self._ensure_admin(username, email, address)
        self._say_how_to_require_a_second_factor()

    def _point_default_site_at(self, address: str) -> None:
        """Make full URLs (feeds, canonical links) use the development server's address."""
        host, _, port = address.rpartition(":")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None or not port.isdigit():
            return
        if (site.hostname, site.port) == ("localhost", 80):
            site.hostname, site.port = host or "127.0.0.1", int(port)
            site.save()

    def _ensure_admin(self, username: str, email: str, address: str) -> None:
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            user = User.objects.create_superuser(username=username, email=email, password=password)
            self._ensure_verified_address(user, email)
            write_private_file(PASSWORD_FILE, password + "\n")
            self.stdout.write(self.style.SUCCESS(f"Created the admin account '{username}'."))
        else:
            self._ensure_verified_address(user, email)
            password = PASSWORD_FILE.read_text().strip() if PASSWORD_FILE.exists() else ""
            if not password or not user.check_password(password):
                self.stdout.write(
                    f"The admin account '{username}' already exists with a password you "
                    f"chose (reset it with `manage.py changepassword {username}`).\n"
                    f"  Site:      http://{address}/\n"
                    f"  Admin:     http://{address}/admin/\n"
                )
                return
        self.stdout.write(
            "\n"
            f"  Site:      http://{address}/\n"
            f"  Admin:     http://{address}/admin/\n"
            f"  Username:  {username}\n"
            f"  Password:  {password}   (also in .admin-password)\n"
        )

    def _ensure_verified_address(self, user, email: str) -> None:
        """Give the admin a verified, primary address: allauth's door admits no other.

        Accounts made by an older quickstart (or createsuperuser) have none, so this
        runs on every start and mends existing development databases too.
        """
        if not user.email:
            user.email = email
            user.save(update_fields=["email"])
        address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
        if address is None:
            address = EmailAddress(user=user, email=user.email)
        address.verified = True
        address.primary = address.primary or not (
            EmailAddress.objects.filter(user=user, primary=True).exclude(pk=address.pk).exists()
        )
        address.save()

    def _say_how_to_require_a_second_factor(self) -> None:
        if masthead_setting("REQUIRE_ADMIN_MFA"):
            self.stdout.write(
                "  Two-factor: required for the admin; set it up at /accounts/2fa/ "
                "(an authenticator app, or a passkey on http://localhost).\n"
            )
            return
        self.stdout.write(
            "  Two-factor: not required in development. Set one up at /accounts/2fa/, and\n"
            "              require it for the admin with REQUIRE_ADMIN_MFA=true make run\n"
            "              (production requires it unless REQUIRE_ADMIN_MFA=false).\n"
        )
