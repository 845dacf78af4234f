"""The site's share row: which buttons, in what order, and how shared links are tagged."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from plugins.manager import get_host
from plugins.types import ShareProvider

hostname = RegexValidator(
    r"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$",
    "Enter the server's name only, such as mastodon.social.",
)


@register_setting(icon="link")
class ShareSettings(BaseSiteSetting, ClusterableModel):
    """The share row under every article: Settings → Sharing."""

    tag_with_network = models.BooleanField(
        "tag links with the network's name",
        default=False,
        help_text="Adds utm_source=facebook, utm_source=x … so analytics can tell the "
        "networks apart. Takes the place of the campaign source below.",
    )
    utm_source = models.CharField(
        "campaign source (utm_source)",
        max_length=100,
        blank=True,
        help_text="Empty (and the box above unticked): no utm_source.",
    )
    utm_medium = models.CharField(
        "campaign medium (utm_medium)",
        max_length=100,
        blank=True,
        help_text="For example: social.",
    )
    utm_campaign = models.CharField("campaign name (utm_campaign)", max_length=100, blank=True)
    mastodon_instance = models.CharField(
        "Mastodon server",
        max_length=253,
        default="mastodon.social",
        validators=[hostname],
        help_text="Mastodon has no central share page: readers are sent to this server's.",
    )

    panels = [
        InlinePanel(
            "providers",
            heading="Share buttons",
            label="Button",
            help_text="Drag to reorder. With none chosen, the row shows the buttons "
            "the installed share plugins offer by default.",
        ),
        MultiFieldPanel(
            [
                FieldPanel("tag_with_network"),
                FieldPanel("utm_source"),
                FieldPanel("utm_medium"),
                FieldPanel("utm_campaign"),
            ],
            "Campaign tags on shared links",
        ),
        FieldPanel("mastodon_instance"),
    ]

    class Meta:
        verbose_name = "sharing"

    @classmethod
    def base_queryset(cls):
        # for_request() reads the buttons with the settings: two queries per page,
        # however many buttons there are.
        return super().base_queryset().prefetch_related("providers")

    def chosen_providers(self) -> list[ShareProvider]:
        """The buttons to show, in order; the default set while none are chosen."""
        installed = get_host().share_providers()
        # .all() is the prefetched list: no query here.
        keys = [choice.provider for choice in self.providers.all()] or [
            key for key, provider in installed.items() if provider.shown_by_default
        ]
        if not keys:
            keys = list(installed)
        # A button whose plugin was removed is skipped; a key chosen twice shows once.
        return [installed[key] for key in dict.fromkeys(keys) if key in installed]

    def utm_parameters(self, provider_key: str) -> dict[str, str]:
        """The campaign parameters for links shared through ``provider_key``."""
        source = provider_key if self.tag_with_network else self.utm_source
        parameters = {
            "utm_source": source,
            "utm_medium": self.utm_medium,
            "utm_campaign": self.utm_campaign,
        }
        return {name: value.strip() for name, value in parameters.items() if value.strip()}


def provider_choices() -> list[tuple[str, str]]:
    """Every installed share provider, read when the form is shown."""
    return [
        (key, f"{provider.label} ({key})") for key, provider in get_host().share_providers().items()
    ]


class ShareSettingsProvider(Orderable):
    """One button of the site's share row."""

    site_settings = ParentalKey(ShareSettings, on_delete=models.CASCADE, related_name="providers")
    provider = models.CharField("network", max_length=40)

    # Choices from a callable: the list follows the plugins installed when the form
    # is shown, not those at import time; clean() refuses a key no plugin provides.
    panels = [FieldPanel("provider", widget=forms.Select(choices=provider_choices))]

    def clean(self) -> None:
        super().clean()
        if self.provider and self.provider not in get_host().share_providers():
            raise ValidationError(
                {"provider": f"No installed plugin offers a share button {self.provider!r}."}
            )

    def __str__(self) -> str:
        return self.provider
