"""What each imported WordPress object became here, so importing again updates it."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class ImportedObject(models.Model):
    """One WordPress object (by its export's site and its WordPress ID) and what it became.

    A second import of the same export finds every object here: what changed is
    updated, what did not is left alone, nothing is created twice. An import cut
    short resumes the same way, by running it again.
    """

    class Kind(models.TextChoices):
        AUTHOR = "author"
        CATEGORY = "category"
        TAG = "tag"
        POST = "post"
        PAGE = "page"
        ATTACHMENT = "attachment"
        FILE = "file", "uploaded file no attachment described"
        COMMENT = "comment"

    site = models.CharField(max_length=255, help_text="The export's site address.")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    wp_id = models.PositiveBigIntegerField("WordPress ID")
    guid = models.CharField("WordPress GUID", max_length=500, blank=True)
    old_path = models.CharField(
        max_length=2000, blank=True, help_text="Its address on the WordPress site."
    )
    fingerprint = models.CharField(
        max_length=64, help_text="A digest of what the export said: unchanged means no update."
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    parent_wp_id = models.PositiveBigIntegerField(
        "WordPress parent ID",
        null=True,
        blank=True,
        help_text="The post an attachment is attached to.",
    )
    caption = models.CharField(
        max_length=300, blank=True, help_text="An attachment's caption, for the posts it heads."
    )
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "imported WordPress object"
        constraints = [
            models.UniqueConstraint(fields=["site", "kind", "wp_id"], name="one_import_per_object")
        ]
        indexes = [models.Index(fields=["site", "old_path"], name="imported_by_old_path")]

    def __str__(self) -> str:
        return f"{self.kind} {self.wp_id} from {self.site}"
