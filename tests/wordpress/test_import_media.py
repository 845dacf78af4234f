"""``manage.py import_wordpress --media-dir``: attachments become images and documents that
the imported posts show, read from the uploads folder and never from the network."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from articles.models import ArticlePage
from wordpress.importer import posts as posts_module
from wordpress.models import ImportedObject

from .conftest import picture
from .exports import attachment, author, export, item, meta, write

pytestmark = pytest.mark.django_db
Image = get_image_model()
Document = get_document_model()


def run(*paths, **options):
    out = io.StringIO()
    call_command("import_wordpress", *map(str, paths), stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


BODY = (
    '<!-- wp:image {"id":30,"sizeSlug":"medium"} -->\n'
    '<figure class="wp-block-image size-medium"><img src="https://old.example.org/wp-content/'
    'uploads/2024/01/beach-300x225.jpg" alt="Waves on the beach" class="wp-image-30"/>'
    "<figcaption>Low tide at noon</figcaption></figure>\n<!-- /wp:image -->\n\n"
    '<!-- wp:gallery {"ids":[30,31]} -->\n<figure class="wp-block-gallery">'
    '<!-- wp:image {"id":31} --><figure class="wp-block-image"><img src="https://old.example.'
    'org/wp-content/uploads/2024/01/dunes.jpg" alt="Dunes" class="wp-image-31"/></figure>'
    "<!-- /wp:image --></figure>\n<!-- /wp:gallery -->\n\n"
    '<!-- wp:paragraph -->\n<p>Read the <a href="https://old.example.org/wp-content/uploads/'
    '2024/01/menu.pdf">menu</a>.</p>\n<!-- /wp:paragraph -->'
)


def the_site(*extra_items, body=BODY):
    post = item(
        20, "At the beach", slug="at-the-beach", content=body, extra=meta("_thumbnail_id", "30")
    )
    return export(
        author(2, "ann", "Ann Smith"),
        post,
        attachment(
            30, "2024/01/beach.jpg", "Beach", parent=20, alt="Waves on the beach", caption="By Jo"
        ),
        attachment(31, "2024/01/dunes.jpg", "Dunes", parent=20),
        attachment(32, "2024/01/menu.pdf", "Lunch menu", parent=20),
        *extra_items,
    )


def test_attachments_become_images_and_documents_the_article_shows(
    tmp_path, home_page, client, uploads
):
    output = run(write(tmp_path, "site.xml", the_site()), media_dir=uploads.parent.parent)
    beach, dunes = Image.objects.get(title="Beach"), Image.objects.get(title="Dunes")
    assert (beach.width, beach.height) == (640, 480)  # the original, not the copy named
    assert beach.description == "Waves on the beach"
    assert Document.objects.get().title == "Lunch menu"
    article = ArticlePage.objects.get(slug="at-the-beach")
    assert article.hero_image == beach
    assert article.hero_alt == "Waves on the beach"
    assert article.hero_caption == "By Jo"
    shown = [block.value["image"] for block in article.body if block.block_type == "image"]
    assert shown == [beach, dunes]
    html = client.get(article.url).content.decode()
    assert "Low tide at noon" in html
    assert 'alt="Waves on the beach"' in html
    assert "/media/images/" in html  # renditions of the imported file
    assert f'href="/documents/{Document.objects.get().pk}/menu.pdf"' in html
    assert "old.example.org" not in html
    assert "picture" not in output  # nothing reported missing


def test_the_report_counts_images_and_documents(tmp_path, home_page, uploads):
    report = tmp_path / "report.json"
    run(write(tmp_path, "site.xml", the_site()), media_dir=uploads, report=str(report))
    counts = json.loads(report.read_text())["counts"]
    assert counts["images"]["created"] == 2
    assert counts["documents"]["created"] == 1


def test_old_file_addresses_and_attachment_pages_redirect(tmp_path, home_page, client, uploads):
    page_link = "https://old.example.org/2024/01/05/at-the-beach/beach/"
    site = the_site(attachment(33, "2024/01/dunes.jpg", "Loose", link=page_link))
    run(write(tmp_path, "site.xml", site), media_dir=uploads)
    beach = Image.objects.get(title="Beach")
    article = ArticlePage.objects.get(slug="at-the-beach")
    for old in (
        "/wp-content/uploads/2024/01/beach.jpg",
        "/wp-content/uploads/2024/01/beach-300x225.jpg",
        "/wp-content/uploads/2024/01/beach-1024x768.jpg",
    ):
        answer = client.get(old)
        assert answer.status_code == 301, old
        assert answer["Location"] == beach.file.url
    assert default_storage.exists(beach.file.name)
    for old in ("/?attachment_id=30", "/?attachment_id=32"):
        answer = client.get(old)
        assert (answer.status_code, answer["Location"]) == (301, article.url), old
        assert client.get(answer["Location"]).status_code == 200
    # An attachment of no imported post goes to its file.
    loose = client.get("/2024/01/05/at-the-beach/beach/")
    assert loose.status_code == 301
    assert loose["Location"].startswith("/media/original_images/dunes")
    assert client.get("/wp-content/uploads/2024/01/menu.pdf")["Location"] == (
        Document.objects.get().url
    )


def test_missing_files_are_reported_and_the_article_still_shows_the_words(
    tmp_path, home_page, client, uploads
):
    (uploads / "2024/01/dunes.jpg").unlink()
    report = tmp_path / "report.json"
    run(write(tmp_path, "site.xml", the_site()), media_dir=uploads, report=str(report))
    data = json.loads(report.read_text())
    warned = [(w["kind"], w["wp_id"], w["title"], w["message"]) for w in data["warnings"]]
    assert ("images", 31, "Dunes", "file 2024/01/dunes.jpg is not in the media folder") in warned
    assert data["counts"]["images"]["skipped"] == 1
    assert any(
        "picture https://old.example.org/wp-content/uploads/2024/01/dunes.jpg not found" in message
        for *_, message in warned
    )
    article = ArticlePage.objects.get(slug="at-the-beach")
    html = client.get(article.url).content.decode()
    assert "Dunes" in html  # named, linked to where it was


def test_without_a_media_folder_nothing_is_fetched_and_one_warning_says_so(
    tmp_path, home_page, client
):
    output = run(write(tmp_path, "site.xml", the_site()))
    assert not Image.objects.exists() and not Document.objects.exists()
    assert output.count("no --media-dir given: attachments' files were not imported") == 1
    article = ArticlePage.objects.get(slug="at-the-beach")
    assert article.hero_image is None
    assert "featured image (attachment 30) not found (no --media-dir given)" in output
    assert client.get(article.url).status_code == 200


def test_a_file_the_admin_would_refuse_is_reported_not_stored(tmp_path, home_page, uploads):
    (uploads / "2024/01/dunes.jpg").write_text("this is no picture")
    output = run(write(tmp_path, "site.xml", the_site()), media_dir=uploads)
    assert not Image.objects.filter(title="Dunes").exists()
    assert "images 31 “Dunes”: file dunes.jpg refused:" in output


def test_files_outside_the_media_folder_are_never_read(tmp_path, home_page, uploads):
    secret = picture(tmp_path / "secret.jpg")
    (uploads / "2024/01/link.jpg").symlink_to(secret)
    site = export(
        author(2, "ann"),
        attachment(40, "2024/01/link.jpg", "Through a link"),
        attachment(41, "../../../secret.jpg", "Climbing out"),
    )
    output = run(write(tmp_path, "site.xml", site), media_dir=uploads)
    assert not Image.objects.exists()
    assert "file 2024/01/link.jpg is not in the media folder" in output
    assert "images 41 “Climbing out”: names no file" in output


def test_an_export_of_posts_only_still_finds_its_pictures_in_the_folder(
    tmp_path, home_page, client, uploads
):
    body = BODY.replace(' class="wp-image-30"', "").replace(' class="wp-image-31"', "")
    body = body.replace('{"id":30,"sizeSlug":"medium"}', "{}").replace('{"ids":[30,31]}', "{}")
    second = item(21, "Again", slug="again", content=body)
    site = export(author(2, "ann"), item(20, "Beach", slug="beach", content=body), second)
    run(write(tmp_path, "site.xml", site), media_dir=uploads)
    assert Image.objects.count() == 2  # each file once, however many posts show it
    beach = Image.objects.get(title="beach")
    assert (beach.width, beach.height) == (640, 480)  # the original of the resized copy
    assert client.get("/wp-content/uploads/2024/01/beach-300x225.jpg")["Location"] == beach.file.url


def test_importing_again_changes_nothing_and_a_changed_file_is_updated(
    tmp_path, home_page, uploads
):
    path = write(tmp_path, "site.xml", the_site())
    run(path, media_dir=uploads)
    first = Image.objects.get(title="Beach")
    report = tmp_path / "again.json"
    run(path, media_dir=uploads, report=str(report))
    counts = json.loads(report.read_text())["counts"]
    assert counts["images"] == {"created": 0, "updated": 0, "unchanged": 2, "skipped": 0}
    assert counts["posts"]["unchanged"] == 1
    assert Image.objects.count() == 2
    picture(uploads / "2024/01/beach.jpg", (800, 600))
    run(path, media_dir=uploads, report=str(report))
    counts = json.loads(report.read_text())["counts"]
    assert counts["images"]["updated"] == 1
    updated = Image.objects.get(title="Beach")
    assert updated.pk == first.pk and (updated.width, updated.height) == (800, 600)


def test_a_later_media_folder_fills_in_the_pictures(tmp_path, home_page, uploads):
    path = write(tmp_path, "site.xml", the_site())
    run(path)
    run(path, media_dir=uploads)
    article = ArticlePage.objects.get(slug="at-the-beach")
    assert article.hero_image == Image.objects.get(title="Beach")
    assert [block.block_type for block in article.body].count("image") == 2


def test_a_dry_run_stores_no_file(tmp_path, home_page, uploads, settings):
    run(write(tmp_path, "site.xml", the_site()), media_dir=uploads, dry_run=True)
    assert not Image.objects.exists() and not ImportedObject.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    left = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
    assert left == []


def test_an_atomic_import_that_fails_leaves_no_file(
    tmp_path, home_page, uploads, settings, monkeypatch
):
    def breaking(self, post, page, *shown):
        raise ValueError("broken")

    monkeypatch.setattr(posts_module.Posts, "_write", breaking)
    with pytest.raises(CommandError):
        run(write(tmp_path, "site.xml", the_site()), media_dir=uploads, atomic=True)
    media = Path(settings.MEDIA_ROOT)
    left = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
    assert left == [] and not Image.objects.exists()


def test_a_missing_media_folder_is_refused(tmp_path, home_page):
    with pytest.raises(CommandError, match="No such folder for --media-dir"):
        run(write(tmp_path, "site.xml", the_site()), media_dir=tmp_path / "nowhere")
    assert not Redirect.objects.exists()


def test_a_gallery_without_ids_shows_the_posts_attached_pictures(tmp_path, home_page, uploads):
    site = the_site(body='<p>Our day.</p>\n\n[gallery columns="3" exclude="31"]')
    run(write(tmp_path, "site.xml", site), media_dir=uploads)
    article = ArticlePage.objects.get(slug="at-the-beach")
    pictures = [block.value for block in article.body if block.block_type == "image"]
    assert [(p["image"].title, p["caption"]) for p in pictures] == [("Beach", "By Jo")]


def test_a_wordpress_com_export_finds_its_files_by_year_and_month(tmp_path, home_page, uploads):
    body = '<img src="https://oldblog.files.wordpress.com/2024/01/dunes.jpg?w=604" alt="Dunes">'
    site = the_site(body=body).replace(
        "https://old.example.org/wp-content/uploads/", "https://oldblog.files.wordpress.com/"
    )
    run(write(tmp_path, "site.xml", site), media_dir=uploads)
    article = ArticlePage.objects.get(slug="at-the-beach")
    assert [block.value["image"].title for block in article.body] == ["Dunes"]
    assert article.hero_image.title == "Beach"


def test_audio_from_the_uploads_becomes_a_link_to_the_imported_document(
    tmp_path, home_page, client, uploads
):
    (uploads / "2024/01/song.mp3").write_bytes(b"ID3\x03\x00\x00\x00\x00\x00\x00")
    audio = '[audio mp3="https://old.example.org/wp-content/uploads/2024/01/song.mp3"][/audio]'
    run(write(tmp_path, "site.xml", the_site(body=audio)), media_dir=uploads)
    song = Document.objects.get(title="song")
    article = ArticlePage.objects.get(slug="at-the-beach")
    html = client.get(article.url).content.decode()
    assert f'href="{song.url}"' in html


def test_a_link_to_a_file_on_wordpress_com_points_at_the_imported_document(
    tmp_path, home_page, client, uploads
):
    link = '<p><a href="https://old.files.wordpress.com/2024/01/menu.pdf">The menu</a></p>'
    site = (
        the_site(body=link)
        .replace("https://old.example.org/wp-content/uploads/", "https://old.files.wordpress.com/")
        .replace("https://old.example.org", "https://old.wordpress.com")
    )
    run(write(tmp_path, "site.xml", site), media_dir=uploads)
    article = ArticlePage.objects.get(slug="at-the-beach")
    html = client.get(article.url).content.decode()
    assert f'href="{Document.objects.get().url}"' in html
