"""Photos lose their location and camera data: in the original and in every rendition."""

from __future__ import annotations

import hashlib
import io
import re
from contextlib import contextmanager

import pytest
import willow
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models.signals import pre_save
from PIL import ExifTags, ImageCms, ImageSequence, PngImagePlugin
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, UploadedFile

from articles.models import (
    AUTHOR_PHOTO_RENDITION,
    BODY_IMAGE_RENDITIONS,
    CARD_RENDITION,
    HERO_RENDITIONS,
    SHARE_RENDITION,
)
from home import images
from home.management.commands.strip_image_metadata import Command as StripCommand

# What the camera wrote; none of it may be found in a stored file.
MAKE, MODEL, SERIAL = b"Canon", b"EOS R5 Masthead", b"SN-0042-PRIVATE"
TAKEN = b"2026:06:01 07:45:00"
COMMENT = b"taken from my kitchen window"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
    b"<dc:creator>Jane Photographer</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
)
PRIVATE = (MAKE, MODEL, SERIAL, TAKEN, COMMENT, b"Jane Photographer", b"xmpmeta")
ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
RED, BLUE = (220, 20, 20), (20, 20, 220)


def camera_exif(orientation: int = 6) -> PILImage.Exif:
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make] = MAKE.decode()
    exif[ExifTags.Base.Model] = MODEL.decode()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.DateTime] = TAKEN.decode()
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] = SERIAL.decode()
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = TAKEN.decode()
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 26.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (0.0, 7.0, 39.0)
    return exif


def sideways_picture(mode: str = "RGB") -> PILImage.Image:
    """A 400×200 picture, red on the left: stored as a phone stores a portrait photo."""
    picture = PILImage.new("RGB", (400, 200), BLUE)
    picture.paste(RED, (0, 0, 200, 200))
    return picture.convert(mode)


def photo(kind: str = "JPEG", orientation: int = 6) -> bytes:
    """A photo as a camera or phone writes it: GPS, make, model, serial, dates, XMP, comment."""
    buffer = io.BytesIO()
    picture = sideways_picture("RGBA" if kind == "PNG" else "RGB")
    exif = camera_exif(orientation)
    if kind == "JPEG":
        picture.save(
            buffer, "JPEG", quality=90, exif=exif, xmp=XMP, comment=COMMENT, icc_profile=ICC
        )
    elif kind == "PNG":
        text = PngImagePlugin.PngInfo()
        text.add_text("Author", "Jane Photographer")
        text.add_text("Comment", COMMENT.decode())
        text.add_itxt("XML:com.adobe.xmp", XMP.decode())
        picture.save(buffer, "PNG", exif=exif, pnginfo=text, icc_profile=ICC)
    elif kind == "WEBP-lossless":
        picture.save(buffer, "WEBP", lossless=True, exif=exif, xmp=XMP, icc_profile=ICC)
    else:  # WEBP, AVIF
        picture.save(buffer, kind, quality=90, exif=exif, xmp=XMP, icc_profile=ICC)
    return buffer.getvalue()


def assert_private_data_gone(data: bytes, kind: str, *, icc: bool = True) -> PILImage.Image:
    """The file ``data`` is a ``kind`` picture with no trace of the camera's metadata."""
    for secret in PRIVATE:
        assert secret not in data, secret
    picture = PILImage.open(io.BytesIO(data))
    assert picture.format == kind
    exif = picture.getexif()
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
    assert ExifTags.Base.Make not in exif and ExifTags.Base.Model not in exif
    assert ExifTags.Base.Orientation not in exif
    assert not {"exif", "xmp", "comment", "Author", "Comment", "XML:com.adobe.xmp"} & set(
        picture.info
    )
    if kind == "JPEG":
        assert {marker for marker, _ in picture.applist} <= {"APP0", "APP2", "APP14"}
    if icc:
        assert picture.info.get("icc_profile") == ICC  # the colour profile is not personal
    return picture


def assert_upright(picture: PILImage.Image, size=(200, 400)) -> None:
    """Orientation 6 applied: the portrait photo stands up, its red half on top."""
    assert picture.size == size
    rgb = picture.convert("RGB")
    width, height = size
    top, bottom = (
        rgb.getpixel((width // 2, height // 4)),
        rgb.getpixel((width // 2, height * 3 // 4)),
    )
    assert top[0] > 150 and top[2] < 100, top
    assert bottom[2] > 150 and bottom[0] < 100, bottom


def stored_bytes(file) -> bytes:
    with file.storage.open(file.name, "rb") as stored:
        return stored.read()


def assert_fields_match_file(image) -> None:
    """What Wagtail stores about the original describes the file really stored."""
    image.refresh_from_db()
    data = stored_bytes(image.file)
    with PILImage.open(io.BytesIO(data)) as picture:
        assert (image.width, image.height) == picture.size
    assert image.file_size == len(data) == image.file.storage.size(image.file.name)
    assert image.file_hash == hashlib.sha1(data).hexdigest()


@contextmanager
def before_the_fix():
    """Store images as Masthead did before it removed metadata on upload."""
    model = get_image_model()
    pre_save.disconnect(sender=model, dispatch_uid="masthead-image-privacy")
    try:
        yield
    finally:
        images.connect()


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser(
        "photo-editor", "photo-editor@example.org", "a-long-test-password"
    )
    client.force_login(user)
    return user


def admin_upload(client, data: bytes, name: str):
    """Add an image through Wagtail's own add screen, as an editor does."""
    response = client.post(
        "/admin/images/add/",
        {"title": f"Upload {name}", "file": SimpleUploadedFile(name, data)},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return get_image_model().objects.get(title=f"Upload {name}")


def article_with(article_factory, author_factory, image):
    """An article that shows ``image`` as hero, in its body and as its author's photo."""
    author = author_factory(photo=image)
    body = [("text", "Words. " * 20), ("image", {"image": image, "alt_text": "", "caption": ""})]
    return article_factory(hero_image=image, hero_alt="A view", authors=[author], body=body)


def media_name(url: str) -> str:
    return re.sub(r"^(https?://[^/]+)?" + re.escape(settings.MEDIA_URL), "", url)


# --- what Willow does on its own ---------------------------------------------


@pytest.mark.parametrize(
    ("save_as", "keeps_exif"),
    [("jpeg", True), ("png", True), ("webp", False), ("avif", False)],
)
def test_willow_copies_the_originals_exif_into_jpeg_and_png_renditions(save_as, keeps_exif):
    """Why cleaning the original matters: Willow 1.12 passes its EXIF on to renditions."""
    rendition = io.BytesIO()
    source = willow.Image.open(io.BytesIO(photo("JPEG")))
    getattr(source.auto_orient().resize((100, 50)), f"save_as_{save_as}")(rendition)
    gps = PILImage.open(io.BytesIO(rendition.getvalue())).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert bool(gps) is keeps_exif
    assert (SERIAL in rendition.getvalue()) is keeps_exif


# --- uploads through the admin ---------------------------------------------------


def test_admin_upload_stores_the_photo_upright_without_location_or_camera(
    client, editor, article_factory, author_factory
):
    image = admin_upload(client, photo("JPEG"), "portrait.jpg")

    original = assert_private_data_gone(stored_bytes(image.file), "JPEG")
    assert_upright(original)
    assert (image.width, image.height) == (200, 400)
    assert_fields_match_file(image)
    assert image.file.name.startswith("original_images/")

    # Every size an article page asks for, including the og:image shared on social sites.
    article = article_with(article_factory, author_factory, image)
    client.logout()
    response = client.get(article.url)
    assert response.status_code == 200
    share_url = re.search(r'<meta property="og:image" content="([^"]+)"', response.text)[1]
    share = image.renditions.get(filter_spec=SHARE_RENDITION)
    assert media_name(share_url) == share.file.name
    assert_private_data_gone(stored_bytes(share.file), "JPEG")
    wanted = {*HERO_RENDITIONS, SHARE_RENDITION, CARD_RENDITION, AUTHOR_PHOTO_RENDITION}
    wanted |= set(BODY_IMAGE_RENDITIONS)
    assert wanted <= set(image.renditions.values_list("filter_spec", flat=True))
    for rendition in image.renditions.all():
        assert_private_data_gone(stored_bytes(rendition.file), "JPEG")
    hero = image.renditions.get(filter_spec="fill-800x450")
    assert hero.file.url in response.text


def test_multiple_upload_strips_metadata_and_still_spots_a_duplicate(client, editor):
    data = photo("JPEG")
    response = client.post(
        "/admin/images/multiple/add/", {"files[]": SimpleUploadedFile("one.jpg", data)}
    )
    assert response.status_code == 200 and response.json()["success"]
    image = get_image_model().objects.get(pk=response.json()["image_id"])
    assert_upright(assert_private_data_gone(stored_bytes(image.file), "JPEG"))
    assert_fields_match_file(image)

    # The same photo again: the cleaned file's hash is the same, so Wagtail still warns.
    again = client.post(
        "/admin/images/multiple/add/", {"files[]": SimpleUploadedFile("two.jpg", data)}
    )
    assert again.json()["duplicate"] is True


def test_replacing_the_file_in_the_admin_strips_the_new_one(client, editor, image_factory):
    image = image_factory("Replaced later")
    response = client.post(
        f"/admin/images/{image.pk}/",
        {"title": image.title, "file": SimpleUploadedFile("new.jpg", photo("JPEG"))},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image.refresh_from_db()
    assert_upright(assert_private_data_gone(stored_bytes(image.file), "JPEG"))
    assert_fields_match_file(image)


def test_png_upload_loses_text_chunks_xmp_and_exif(client, editor):
    image = admin_upload(client, photo("PNG"), "diagram.png")
    original = assert_private_data_gone(stored_bytes(image.file), "PNG")
    assert_upright(original)
    assert original.mode == "RGBA"
    assert_fields_match_file(image)
    rendition = image.get_rendition(CARD_RENDITION)
    assert_private_data_gone(stored_bytes(rendition.file), "PNG")


@pytest.mark.parametrize("kind", ["WEBP", "WEBP-lossless", "AVIF"])
def test_webp_and_avif_uploads_lose_exif_and_xmp(client, editor, kind):
    stored_kind = kind.split("-")[0]
    image = admin_upload(client, photo(kind), f"photo-{kind.lower()}.{stored_kind.lower()}")
    assert_upright(assert_private_data_gone(stored_bytes(image.file), stored_kind))
    assert_fields_match_file(image)
    for spec in (SHARE_RENDITION, f"{CARD_RENDITION}|format-jpeg"):
        rendition = image.get_rendition(spec)
        kind_made = "JPEG" if "jpeg" in spec else stored_kind
        assert_private_data_gone(stored_bytes(rendition.file), kind_made)


# --- images made in code ---------------------------------------------------------


def test_an_image_made_in_code_is_cleaned_like_an_upload(db):
    """The demo loader and importers create images with the model, not the admin."""
    data = photo("JPEG")
    image = get_image_model()(
        title="Made in code",
        file=ImageFile(io.BytesIO(data), name="made-in-code.jpg"),
        width=400,
        height=200,
        file_size=len(data),
        file_hash=hashlib.sha1(data).hexdigest(),
    )
    image.save()
    assert_upright(assert_private_data_gone(stored_bytes(image.file), "JPEG"))
    assert_fields_match_file(image)


def test_an_animated_gif_loses_its_comment_and_keeps_its_frames(db):
    frames = [PILImage.new("RGB", (40, 30), colour) for colour in (RED, BLUE, RED)]
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=[100, 200, 300],
        loop=0,
        comment=COMMENT,
    )
    image = get_image_model().objects.create(
        title="Animated", file=ImageFile(buffer, name="animated.gif")
    )
    stored = assert_private_data_gone(stored_bytes(image.file), "GIF", icc=False)
    assert [frame.info["duration"] for frame in ImageSequence.Iterator(stored)] == [100, 200, 300]
    assert_fields_match_file(image)


def test_a_photo_without_metadata_is_stored_byte_for_byte(db):
    buffer = io.BytesIO()
    sideways_picture().save(buffer, "JPEG", quality=80)
    image = get_image_model().objects.create(
        title="Already clean", file=ImageFile(io.BytesIO(buffer.getvalue()), name="clean.jpg")
    )
    assert stored_bytes(image.file) == buffer.getvalue()


def test_saving_an_image_again_does_not_rewrite_its_file(client, editor):
    image = admin_upload(client, photo("JPEG"), "kept.jpg")
    name, digest = image.file.name, image.file_hash
    response = client.post(f"/admin/images/{image.pk}/", {"title": "A new title"})
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.title, image.file.name, image.file_hash) == ("A new title", name, digest)


# --- images stored before the fix --------------------------------------------------


@pytest.fixture
def old_photo(db, article_factory, author_factory):
    """A photo stored before the fix, shown by a published article, renditions made."""
    with before_the_fix():
        image = get_image_model().objects.create(
            title="Old photo", file=ImageFile(io.BytesIO(photo("JPEG")), name="old.jpg")
        )
    article = article_with(article_factory, author_factory, image)
    assert SERIAL in stored_bytes(image.file)  # the leak being fixed, in the original
    share = image.renditions.get(filter_spec=SHARE_RENDITION)
    assert SERIAL in stored_bytes(share.file)  # and in the og:image rendition
    return image, article


def test_strip_image_metadata_cleans_old_originals_and_remakes_renditions(
    client, old_photo, django_capture_on_commit_callbacks
):
    image, article = old_photo
    storage = image.file.storage
    old_files = [image.file.name, *image.renditions.values_list("file", flat=True)]
    old_specs = set(image.renditions.values_list("filter_spec", flat=True))
    assert client.get(article.url).status_code == 200  # the page is cached, naming old files

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("strip_image_metadata", stdout=out)

    assert f"Cleaned image {image.pk} “Old photo”" in out.getvalue()
    assert "1 cleaned" in out.getvalue()
    image.refresh_from_db()
    assert_upright(assert_private_data_gone(stored_bytes(image.file), "JPEG"))
    assert_fields_match_file(image)
    for name in old_files:
        assert not storage.exists(name), name
    assert set(image.renditions.values_list("filter_spec", flat=True)) == old_specs
    for rendition in image.renditions.all():
        assert_private_data_gone(stored_bytes(rendition.file), "JPEG")

    # Readers get a page naming the new, clean share image, not a deleted one.
    response = client.get(article.url)
    share_url = re.search(r'<meta property="og:image" content="([^"]+)"', response.text)[1]
    share = image.renditions.get(filter_spec=SHARE_RENDITION)
    assert media_name(share_url) == share.file.name
    assert_private_data_gone(stored_bytes(share.file), "JPEG")


def test_strip_image_metadata_twice_changes_nothing_the_second_time(
    old_photo, django_capture_on_commit_callbacks
):
    image, _ = old_photo
    with django_capture_on_commit_callbacks(execute=True):
        call_command("strip_image_metadata", stdout=io.StringIO())
    image.refresh_from_db()
    name, renditions = image.file.name, set(image.renditions.values_list("file", flat=True))

    out = io.StringIO()
    call_command("strip_image_metadata", stdout=out)
    assert "0 cleaned" in out.getvalue()
    image.refresh_from_db()
    assert image.file.name == name
    assert set(image.renditions.values_list("file", flat=True)) == renditions


def test_strip_image_metadata_dry_run_lists_and_changes_nothing(old_photo):
    image, _ = old_photo
    name = image.file.name
    out = io.StringIO()
    call_command("strip_image_metadata", "--dry-run", stdout=out)
    assert f"Image {image.pk} “Old photo” carries metadata" in out.getvalue()
    assert "1 carry metadata" in out.getvalue()
    image.refresh_from_db()
    assert image.file.name == name and SERIAL in stored_bytes(image.file)


def test_strip_image_metadata_reports_a_missing_file_and_cleans_the_rest(
    old_photo, django_capture_on_commit_callbacks
):
    image, _ = old_photo
    with before_the_fix():
        lost = get_image_model().objects.create(
            title="Lost", file=ImageFile(io.BytesIO(photo("JPEG")), name="lost.jpg")
        )
    lost.file.storage.delete(lost.file.name)
    err = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(CommandError) as raised:
        call_command("strip_image_metadata", stdout=io.StringIO(), stderr=err)
    assert f"ids [{lost.pk}]" in str(raised.value)
    assert f"Image {lost.pk} “Lost” could not be read" in err.getvalue()
    image.refresh_from_db()
    assert_private_data_gone(stored_bytes(image.file), "JPEG")


def test_strip_image_metadata_help_tells_operators_what_it_does():
    text = StripCommand().create_parser("manage.py", "strip_image_metadata").format_help()
    for words in ("GPS", "renditions", "new file name", "twice", "--dry-run", "purge"):
        assert words in " ".join(text.split()), words


def test_an_upload_finished_later_in_the_form_is_cleaned_too(client, editor):
    """Wagtail keeps an upload whose form fails aside, then stores it before saving the row."""
    # With a second collection to choose from, a wrong choice sets the upload aside.
    Collection.get_first_root_node().add_child(name="Features")
    held = client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("held.jpg", photo("JPEG")), "collection": "999999"},
    )
    upload_id = held.json()["uploaded_file_id"]
    prefix = f"uploaded-image-{upload_id}"
    response = client.post(
        f"/admin/images/multiple/create_from_uploaded_image/{upload_id}/",
        {
            f"{prefix}-title": "Finished later",
            f"{prefix}-collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.json()["success"], response.json()
    image = get_image_model().objects.get(pk=response.json()["image_id"])
    assert_upright(assert_private_data_gone(stored_bytes(image.file), "JPEG"))
    assert_fields_match_file(image)
    assert not UploadedFile.objects.exists()
