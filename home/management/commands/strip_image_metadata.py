"""Remove location and camera data from images stored before Masthead removed it on upload."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.images import get_image_model

from home.images import clean_original, image_carries_metadata

SIZE_FIELDS = ["file", "width", "height", "file_size", "file_hash"]


class Command(BaseCommand):
    help = (
        "Remove location (GPS) and camera data (EXIF, XMP, IPTC, comments) from every stored "
        "image, and remake its renditions without it. New uploads are cleaned as they are "
        "stored; run this once for images uploaded before that, e.g. after upgrading. A photo "
        "is written again upright (its orientation tag applied), in the same format, keeping "
        "its colour profile, under a new file name; the old file and its renditions are "
        "deleted, and the renditions that existed are made again. Images without such data "
        "are left untouched, so running it twice changes nothing. Masthead's page cache is "
        "emptied as each image is saved; purge a CDN or reverse proxy in front of the site "
        "afterwards, as its cached pages may name renditions that no longer exist."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the images that carry such data, and change nothing.",
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        checked = cleaned = renditions = 0
        unreadable = []
        for image in get_image_model().objects.order_by("pk").iterator():
            checked += 1
            try:
                if dry_run:
                    if image_carries_metadata(image):
                        cleaned += 1
                        self.stdout.write(f"Image {image.pk} “{image.title}” carries metadata")
                    continue
                remade = self.clean(image)
            except OSError as error:  # a missing or unreadable file: report it, go on
                unreadable.append(image.pk)
                self.stderr.write(f"Image {image.pk} “{image.title}” could not be read: {error}")
                continue
            if remade is not None:
                cleaned += 1
                renditions += remade
                self.stdout.write(
                    f"Cleaned image {image.pk} “{image.title}”, {remade} rendition(s) remade"
                )
        if dry_run:
            self.stdout.write(f"{checked} image(s) checked, {cleaned} carry metadata.")
        else:
            self.stdout.write(
                f"{checked} image(s) checked, {cleaned} cleaned, {renditions} rendition(s) remade."
            )
        if unreadable:
            raise CommandError(
                f"{len(unreadable)} image(s) could not be read (ids {unreadable}); "
                "restore their files and run the command again."
            )

    def clean(self, image) -> int | None:
        """Clean ``image`` and remake its renditions; None when it needed nothing."""
        with transaction.atomic():
            if not clean_original(image):
                return None
            image.save(update_fields=SIZE_FIELDS)
            old = list(image.renditions.all())
            names = [(rendition.file.storage, rendition.file.name) for rendition in old]
            specs = sorted({rendition.filter_spec for rendition in old})
            image.renditions.all().delete()
            # Wagtail deletes rendition files through a background task; these carry
            # the data being removed, so they go as soon as the change is committed.
            transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])
        if specs:
            image.get_renditions(*specs)
        return len(specs)
