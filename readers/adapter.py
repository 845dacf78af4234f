"""allauth's adapter seams: mail, authenticator apps and passkeys name the publication."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.utils.encoding import force_str

from masthead.site_name import site_name_for_request


@dataclass(frozen=True)
class Publication:
    """What allauth's mail templates read from ``current_site``."""

    name: str
    domain: str


class ReaderAccountAdapter(DefaultAccountAdapter):
    """Sign mails and their subjects with the site's name from Settings → Theme."""

    def publication(self) -> Publication | None:
        request = allauth_context.request
        if request is None:
            return None
        return Publication(name=site_name_for_request(request), domain=request.get_host())

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        publication = self.publication()
        if publication is not None:
            context = {"current_site": publication, **context}
        super().send_mail(template_prefix, email, context)

    def format_email_subject(self, subject: str) -> str:
        publication = self.publication()
        prefix = f"[{publication.name}] " if publication else ""
        return prefix + force_str(subject)


class ReaderMFAAdapter(DefaultMFAAdapter):
    """Authenticator apps and passkeys name the publication (Settings → Theme), not example.com."""

    def get_totp_issuer(self) -> str:
        return site_name_for_request(allauth_context.request)

    def get_public_key_credential_rp_entity(self) -> dict[str, str]:
        # The relying party is the host the browser sees (ALLOWED_HOSTS vets it).
        host = allauth_context.request.get_host().partition(":")[0]
        return {"id": host, "name": self.get_totp_issuer()}
