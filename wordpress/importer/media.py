"""WordPress's attachments → Wagtail images and documents, from the site's uploads folder.

Files are read from ``--media-dir`` only, never fetched from the network. Each
file is checked as the admin's upload form checks it (Wagtail's own image field:
format, size, pixels; the document extensions the site accepts), so an import
stores nothing an editor could not upload. Pictures become images, with the
attachment's title and its alt text (``_wp_attachment_image_alt``) as the
image's description; other files become documents. A picture a post names that
no attachment record describes (an export of posts only) is still found in the
folder by its path. What is missing or refused is reported with its WordPress
ID, title and file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models.signals import post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField

from .. import wxr
from ..content import plain_text
from ..content.urls import split
from ..models import ImportedObject
from .publishing import digest_of
from .uploads import UPLOADS, UploadsFolder, attached_key, file_keys, original_keys, upload_key

# Kinds of ImportedObject a file can be remembered under: an attachment record, or a
# file a post named that no record described.
FILE_KINDS = ("attachment", "file")
TITLE_LIMIT = 255


class Media:
    """Images and documents from attachments; counted under "images" and "documents"."""

    def __init__(self, importer) -> None:
        self.importer = importer
        self.report = importer.report
        self.folder = UploadsFolder(importer.options.media_dir)
        self._image_field = WagtailImageField()
        self._told_no_folder = False
        self._refused: set[str] = set()  # files no record named that the site refused

    # --- attachment records ------------------------------------------------------

    def add(self, item: wxr.Item) -> None:
        """Import one attachment's file (the first pass: before the posts that show it)."""
        key = attached_key(item.attachment_url, item.meta_value("_wp_attached_file"))
        kind = self.kind_of(key or split(item.attachment_url).path)
        title = self._title(item, key)
        if item.wp_id is None:
            reason = "; ".join(item.problems) or "no post_id"
            self.report.fail(kind, None, title, reason, item.source)
            return
        if not key:
            self.report.warn(kind, item.wp_id, title, "names no file", item.source)
            self.report.count(kind, "skipped", "attachments that name no file")
            return
        path = self._locate(key, kind, item.wp_id, title, item.source)
        if path is None:
            return
        content = _hash(path)
        digest = digest_of(item, content)
        known = self.importer.find("attachment", item.wp_id)
        target = _target(known, kind)
        if target is not None and known.fingerprint == digest:
            self.report.count(kind, "unchanged")
            return
        alt = plain_text(item.meta_value("_wp_attachment_image_alt"))
        found = target or self._found_before(key, kind)
        if found is not None and target is None and found.file_hash == content:
            # A post of an earlier import showed this file before its record came.
            stored = self._describe(found, title, alt)
        else:
            stored = self._store(path, kind, found, title, alt, content, item.wp_id, item.source)
        if stored is not None:
            caption = plain_text(item.excerpt)
            self.importer.remember("attachment", item, stored, digest, UPLOADS + key, caption)

    def _found_before(self, key: str, kind: str):
        """The image or document a post's address made of this file when no attachment
        record described it (an import of posts only, before this one)."""
        paths = [UPLOADS + candidate for candidate in file_keys(key)]
        row = ImportedObject.objects.filter(
            site=self.importer.memory.site, kind="file", old_path__in=paths
        ).first()
        return _target(row, kind)

    def _describe(self, stored, title: str, alt: str):
        stored.title = title
        if hasattr(stored, "description"):
            stored.description = alt[: stored._meta.get_field("description").max_length]
        stored.save()
        self.report.count("images" if _is_image(stored) else "documents", "updated")
        return stored

    # --- what posts name -----------------------------------------------------------

    def image(self, attachment_id: int | None, address: str):
        """The image a post's picture shows: by attachment ID, else by its file's address
        (any size of it); a file in the folder no record named is imported now. None when
        there is none (the caller reports it)."""
        found = self.by_attachment(attachment_id)
        if found is None or not _is_image(found):
            found = self.by_address(address)
        return found if found is not None and _is_image(found) else None

    def attached_to(self, parent_id: int | None, exclude: tuple[int, ...]) -> list[dict]:
        """Image blocks for the pictures attached to post ``parent_id`` (what ``[gallery]``
        without ids shows), in WordPress's order, with their captions."""
        if parent_id is None:
            return []
        rows = (
            ImportedObject.objects.filter(
                site=self.importer.memory.site,
                kind="attachment",
                parent_wp_id=parent_id,
                content_type=ContentType.objects.get_for_model(get_image_model()),
            )
            .exclude(wp_id__in=exclude)
            .order_by("wp_id")
        )
        return [
            {
                "type": "image",
                "value": {"image": int(row.object_id), "alt_text": "", "caption": row.caption},
            }
            for row in rows
        ]

    def by_attachment(self, attachment_id: int | None):
        known = self.importer.find("attachment", attachment_id)
        return known.target if known is not None else None

    def by_address(self, address: str):
        """The image or document a file's address names, imported now if only the folder
        has it; None when it names no upload."""
        key = upload_key(address)
        if not key:
            return None
        paths = [UPLOADS + candidate for candidate in original_keys(key)]
        known = {
            row.old_path: row
            for row in ImportedObject.objects.filter(
                site=self.importer.memory.site, kind__in=FILE_KINDS, old_path__in=paths
            )
        }
        for path in paths:
            if path in known and known[path].target is not None:
                return known[path].target
        return self._unrecorded(key)

    def kind_of(self, key: str) -> str:
        """ "images" for the picture formats Wagtail takes, else "documents"."""
        extension = Path(key).suffix.lower().lstrip(".")
        return "images" if extension in self._image_field.allowed_image_extensions else "documents"

    # --- files no record named -----------------------------------------------------

    def _unrecorded(self, key: str):
        if not self.folder:
            return None
        for candidate in file_keys(key):
            path = self.folder.find(candidate)
            if path is not None:
                break
        else:
            return None
        if candidate in self._refused:
            return None  # reported once, however many posts show it
        wp_id = int(hashlib.sha256(candidate.encode()).hexdigest()[:15], 16)
        known = ImportedObject.objects.filter(
            site=self.importer.memory.site, kind="file", wp_id=wp_id
        ).first()
        if known is not None and known.target is not None:
            return known.target
        kind = self.kind_of(candidate)
        content = _hash(path)
        title = Path(candidate).stem.replace("-", " ").replace("_", " ")[:TITLE_LIMIT]
        stored = self._store(path, kind, None, title, "", content, None, "")
        if stored is None:
            self._refused.add(candidate)
        else:
            ImportedObject.objects.update_or_create(
                site=self.importer.memory.site,
                kind="file",
                wp_id=wp_id,
                defaults={
                    "old_path": UPLOADS + candidate,
                    "fingerprint": content,
                    "content_type": ContentType.objects.get_for_model(type(stored)),
                    "object_id": str(stored.pk),
                },
            )
            self.importer.redirects.to_file(UPLOADS + candidate, stored)
        return stored

    # --- storing ---------------------------------------------------------------------

    def _locate(self, key: str, kind: str, wp_id: int, title: str, source) -> Path | None:
        if not self.folder:
            self.report.count(kind, "skipped", "no --media-dir given")
            if not self._told_no_folder:
                self._told_no_folder = True
                self.report.warn(
                    kind, None, "", "no --media-dir given: attachments' files were not imported"
                )
            return None
        path = self.folder.find(key)
        if path is None:
            self.report.warn(kind, wp_id, title, f"file {key} is not in the media folder", source)
            self.report.count(kind, "skipped", "files missing from the media folder")
        return path

    def _store(
        self,
        path: Path,
        kind: str,
        target,
        title: str,
        alt: str,
        content: str,
        wp_id: int | None,
        source,
    ):
        """Save ``path`` as a new image or document (or as ``target``'s new file); None, and
        reported, when the site would refuse the file."""
        try:
            if kind == "images":
                stored = self._save_image(path, target, title, alt, content)
            else:
                stored = self._save_document(path, target, title, content)
        except ValidationError as error:
            message = " ".join(error.messages)
            self.report.warn(kind, wp_id, title, f"file {path.name} refused: {message}", source)
            self.report.count(kind, "skipped", "files the site refuses")
            return None
        self.report.count(kind, "updated" if target is not None else "created")
        return stored

    def _save_image(self, path: Path, image, title: str, alt: str, content: str):
        image = image or get_image_model()(title=title)
        with path.open("rb") as handle:
            self._image_field.clean(File(handle, name=path.name))
            handle.seek(0)
            _replace_file(image, ImageFile(handle, name=path.name), content)
            image.title = title
            image.description = alt[: image._meta.get_field("description").max_length]
            image.save()
        if image.pk is not None:
            image.renditions.all().delete()  # made again from the new file when shown
        return image

    def _save_document(self, path: Path, document, title: str, content: str):
        extension = path.suffix.lower().lstrip(".")
        allowed = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None)
        if allowed is not None and extension not in allowed:
            kinds = ", ".join(allowed)
            raise ValidationError(
                f"the site takes documents of the kinds {kinds} (WAGTAILDOCS_EXTENSIONS), "
                f"not .{extension}"
            )
        document = document or get_document_model()(title=title)
        with path.open("rb") as handle:
            _replace_file(document, File(handle, name=path.name), content)
            document.title = title
            document.save()
        return document

    def _title(self, item: wxr.Item, key: str) -> str:
        title = plain_text(item.title)[:TITLE_LIMIT]
        return title or Path(key).stem[:TITLE_LIMIT] or f"attachment {item.wp_id}"


def _replace_file(stored, new_file: File, content: str) -> None:
    """Give an image or document ``new_file``; the old one is removed once that is saved."""
    old_name = stored.file.name if stored.pk and stored.file else ""
    storage = stored.file.storage
    stored.file = new_file
    stored.file_size = new_file.size
    stored.file_hash = content
    if old_name:
        transaction.on_commit(lambda: storage.delete(old_name))


def _target(known: ImportedObject | None, kind: str):
    if known is None:
        return None
    model = get_image_model() if kind == "images" else get_document_model()
    return model.objects.filter(pk=known.object_id).first()


def _is_image(stored) -> bool:
    return isinstance(stored, get_image_model())


def _hash(path: Path) -> str:
    """Wagtail's file hash (SHA-1 of the content), also what tells a changed file."""
    digest = hashlib.sha1()  # noqa: S324 - Wagtail's own file_hash, not for security
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class StoredFiles:
    """The files an import stores; those no saved image, document or rendition ends up
    naming (a dry run, a rolled-back object or import) are removed at the end, so an
    import that writes nothing leaves no file behind either."""

    def __init__(self) -> None:
        self.names: dict[tuple[type, str], object] = {}  # (model, file name) → storage

    def __enter__(self) -> StoredFiles:
        for model in self._models():
            post_save.connect(self._saved, sender=model, dispatch_uid=f"imported-{id(self)}")
        return self

    def __exit__(self, *exc) -> None:
        for model in self._models():
            post_save.disconnect(sender=model, dispatch_uid=f"imported-{id(self)}")
        for (model, name), storage in self.names.items():
            if not model.objects.filter(file=name).exists():
                storage.delete(name)

    def mark(self) -> int:
        """Where the renditions table stands now, for ``before_rollback``."""
        rendition_model = get_image_model().get_rendition_model()
        return rendition_model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def before_rollback(self, since: int) -> None:
        """Note the renditions made since ``mark`` returned ``since`` (Wagtail makes them in
        bulk, with no signal, of any image a published article shows), while the
        transaction about to be undone still shows them."""
        rendition_model = get_image_model().get_rendition_model()
        for rendition in rendition_model.objects.filter(pk__gt=since).only("file"):
            self.names[(rendition_model, rendition.file.name)] = rendition.file.storage

    def _saved(self, sender, instance, **kwargs) -> None:
        if instance.file and instance.file.name:
            self.names[(sender, instance.file.name)] = instance.file.storage

    @staticmethod
    def _models() -> list[type]:
        image_model = get_image_model()
        return [image_model, image_model.get_rendition_model(), get_document_model()]
