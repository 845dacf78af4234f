"""Photos keep no location or camera data: originals are cleaned as they are stored."""

# Renditions are made from the original, and Willow 1.12 copies the original's EXIF
# (GPS, camera, serial, dates) into every JPEG and PNG rendition, and Pillow its JPEG
# comment, so a clean original is what keeps every rendition clean. Only the pixels,
# the colour profile and what the format needs to show the picture are kept.

from __future__ import annotations

import io
import logging
import os
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.signals import pre_save
from PIL import Image as PILImage
from PIL import ImageOps, ImageSequence, JpegImagePlugin, UnidentifiedImageError
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

logger = logging.getLogger(__name__)

# JPEG segments a picture needs: JFIF header, colour profile, Adobe's colour transform.
# Everything else (APP1 EXIF and XMP, APP13 IPTC, COM, MPF extra images, makers' own) goes.
JPEG_SEGMENTS_KEPT = (
    ("APP0", b"JFIF\x00"),
    ("APP0", b"JFXX\x00"),
    ("APP2", b"ICC_PROFILE\x00"),
    ("APP14", b"Adobe"),
)

# What Pillow reads from each format that describes the picture, not the photographer.
# Any other key (exif, xmp, comment, text chunks, extensions) makes a file worth rewriting.
INFO_KEPT = {
    "JPEG": {
        "jfif",
        "jfif_version",
        "jfif_unit",
        "jfif_density",
        "dpi",
        "adobe",
        "adobe_transform",
        "progressive",
        "progression",
        "icc_profile",
    },
    "PNG": {
        "icc_profile",
        "transparency",
        "gamma",
        "chromaticity",
        "srgb",
        "dpi",
        "aspect",
        "interlace",
        "bbox",
        "default_image",
        "loop",
        "duration",
        "disposal",
        "blend",
    },
    "WEBP": {"icc_profile", "loop", "background", "duration", "timestamp"},
    "AVIF": {"icc_profile", "duration", "timestamp"},
    "GIF": {"version", "background", "transparency", "duration", "loop"},
}

# Lossy formats other than JPEG are written again at this quality: high, since the
# original is what every rendition is made from.
REWRITE_QUALITY = 90


@dataclass(frozen=True)
class CleanFile:
    """A picture written again without metadata, with what Wagtail stores about it."""

    data: bytes
    width: int
    height: int

    @property
    def file_hash(self) -> str:
        return hash_filelike(io.BytesIO(self.data))


def carries_metadata(picture: PILImage.Image) -> bool:
    """Whether ``picture`` holds anything beyond pixels, colour profile and format essentials."""
    kind = picture.format
    if kind == "MPO":
        return True  # a JPEG carrying further pictures (previews, depth maps) and their EXIF
    if kind == "JPEG":
        return any(
            not any(
                marker == kept and data.startswith(prefix) for kept, prefix in JPEG_SEGMENTS_KEPT
            )
            for marker, data in picture.applist
        )
    extra = set(picture.info) - INFO_KEPT[kind]
    if kind == "GIF" and "extension" in extra:
        # Pillow keeps the last application extension of the first frame: the
        # looping one says only how often the animation plays.
        identifier = picture.info["extension"][0]
        if identifier.startswith((b"NETSCAPE2.0", b"ANIMEXTS1.0")):
            extra.discard("extension")
    return bool(extra)


def image_carries_metadata(image) -> bool:
    """Whether the stored original of the Wagtail image ``image`` still needs cleaning."""
    try:
        with PILImage.open(io.BytesIO(_read(image))) as picture:
            return picture.format in (*INFO_KEPT, "MPO") and carries_metadata(picture)
    except UnidentifiedImageError:
        return False


def clean(data: bytes) -> CleanFile | None:
    """``data`` written again without metadata, upright; None when there is nothing to remove."""
    with PILImage.open(io.BytesIO(data)) as picture:
        if picture.format not in (*INFO_KEPT, "MPO"):
            return None  # not a format Masthead accepts (WAGTAILIMAGES_EXTENSIONS)
        if not carries_metadata(picture):
            return None
        output = io.BytesIO()
        if getattr(picture, "n_frames", 1) > 1 and picture.format != "MPO":
            _save_animation(picture, output, data)
        else:
            _save_still(picture, output, data)
    written = output.getvalue()
    with PILImage.open(io.BytesIO(written)) as result:
        width, height = result.size
    return CleanFile(data=written, width=width, height=height)


def _save_still(picture: PILImage.Image, output: io.BytesIO, data: bytes) -> None:
    kind = "JPEG" if picture.format == "MPO" else picture.format
    options = _options(picture, kind, data)
    # The orientation tag is about to go, so turn the pixels the way it said
    # (a portrait photo stays upright); Wagtail's renditions do the same.
    upright = ImageOps.exif_transpose(picture)
    upright.info = {}  # nothing Pillow would copy by default (a JPEG comment) survives
    upright.save(output, kind, **options)


def _save_animation(picture: PILImage.Image, output: io.BytesIO, data: bytes) -> None:
    # Frames are kept as they are: Pillow turns only a single frame upright, and an
    # orientation tag on an animation is as rare as the cameras that would write one.
    options = _options(picture, picture.format, data)
    options["duration"] = [_duration(frame) for frame in ImageSequence.Iterator(picture)]
    if picture.info.get("loop") is not None:
        options["loop"] = picture.info["loop"]
    if picture.format == "PNG":
        # Pillow hands out whole frames, so each one simply replaces the last.
        options.update(disposal=0, blend=0)
    picture.seek(0)
    picture.save(output, picture.format, save_all=True, **options)


def _duration(frame: PILImage.Image) -> int:
    frame.load()  # WebP reads a frame's timing only as it decodes it
    return frame.info.get("duration", 0)


def _options(picture: PILImage.Image, kind: str, data: bytes) -> dict:
    """How to write ``picture`` as ``kind`` so it looks as it did, with no metadata."""
    options: dict = {}
    if picture.info.get("icc_profile") and kind != "GIF":
        options["icc_profile"] = picture.info["icc_profile"]
    if "transparency" in picture.info and kind in ("PNG", "GIF"):
        options["transparency"] = picture.info["transparency"]
    if kind == "JPEG":
        # The original's own quantisation tables and subsampling: no visible loss.
        options["qtables"] = picture.quantization
        sampling = JpegImagePlugin.get_sampling(picture)
        if sampling != -1:
            options["subsampling"] = sampling
        options["progressive"] = bool(picture.info.get("progressive"))
        options["comment"] = b""
    elif kind == "GIF":
        options["comment"] = b""  # frames' own comments would otherwise be copied over
    elif kind == "WEBP":
        if _webp_is_lossless(data):
            options["lossless"] = True
        else:
            options["quality"] = REWRITE_QUALITY
    elif kind == "AVIF":
        options["quality"] = REWRITE_QUALITY
    return options


def _webp_is_lossless(data: bytes) -> bool:
    """Whether the WebP file ``data`` stores its picture losslessly (a VP8L chunk)."""
    position = 12  # after "RIFF", the size and "WEBP"
    while position + 8 <= len(data):
        chunk = data[position : position + 4]
        if chunk in (b"VP8 ", b"VP8L"):
            return chunk == b"VP8L"
        if chunk == b"ANMF":
            position += 8 + 16  # an animation frame's header, then its own chunks
            continue
        size = int.from_bytes(data[position + 4 : position + 8], "little")
        position += 8 + size + (size & 1)
    return False


def clean_original(image) -> bool:
    """Rewrite ``image``'s original without metadata, and its size fields; the caller saves it."""
    # A file not yet stored (an upload, an image made in code) is replaced before it
    # is written; a stored one is written under a new name, so no copy cached at the
    # old address outlives it.
    stored = image.file._committed
    try:
        result = clean(_read(image))
    except UnidentifiedImageError:
        # Not a picture Pillow reads; Wagtail's own validation refuses these on upload.
        logger.warning(
            "Could not read image %s (%s) to remove its metadata", image.pk, image.file.name
        )
        return False
    if result is None:
        image._masthead_checked_file = image.file.name
        return False
    name = os.path.basename(image.file.name)
    if stored:
        storage, old_name = image.file.storage, image.file.name
        image.file.save(name, ContentFile(result.data), save=False)
        # The old file goes once the row naming the new one is committed, so a failed
        # save never leaves the row pointing at nothing.
        transaction.on_commit(lambda: storage.delete(old_name))
    else:
        image.file = ContentFile(result.data, name=name)
    image.width, image.height = result.width, result.height
    image.file_size = len(result.data)
    image.file_hash = result.file_hash
    image._masthead_checked_file = image.file.name
    return True


def _read(image) -> bytes:
    """The bytes of ``image``'s original, stored or still in memory (left rewound for saving)."""
    if image.file._committed:
        with image.open_file() as source:
            return source.read()
    upload = image.file.file
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _file_is_new(image) -> bool:
    """Whether ``image`` is being saved with a file not checked since it was stored."""
    if not image.file:
        return False
    if getattr(image, "_masthead_checked_file", None) == image.file.name and image.file._committed:
        return False
    if not image.file._committed or image.pk is None:
        return True
    # A file stored before the row is saved (Wagtail's "upload first, fill in the form
    # later" path) or swapped in code.
    return not type(image).objects.filter(pk=image.pk, file=image.file.name).exists()


def clean_before_save(sender, instance, raw: bool = False, update_fields=None, **kwargs) -> None:
    """Remove location and camera data from a new original before it is stored."""
    if raw or (update_fields is not None and "file" not in update_fields):
        return  # fixtures load rows as they were; Wagtail's size/hash back-fills leave the file
    if _file_is_new(instance) and clean_original(instance):
        logger.info("Removed metadata from the original of image “%s”", instance.title)


def connect() -> None:
    pre_save.connect(
        clean_before_save, sender=get_image_model(), dispatch_uid="masthead-image-privacy"
    )
