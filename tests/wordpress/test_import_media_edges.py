"""``--media-dir`` at its edges: a copy of the whole server, a symbolic link to the uploads,
a file first met through a post, and rendition files a rolled-back import made."""

from __future__ import annotations

from pathlib import Path

import pytest
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from articles.models import ArticlePage

from .conftest import picture
from .exports import attachment, author, export, item, meta, write
from .test_import_media import run, the_site

pytestmark = pytest.mark.django_db
Image = get_image_model()
Document = get_document_model()


def files_in(folder: str) -> list[Path]:
    media = Path(folder)
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


def test_only_the_uploads_folder_is_read_from_a_copy_of_the_whole_site(tmp_path, home_page):
    root = tmp_path / "site"
    picture(root / "wp-content/uploads/2024/01/beach.jpg")
    (root / "wp-content/updraft").mkdir(parents=True)
    (root / "wp-content/updraft/backup_db.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    (root / "notes.txt").write_text("DB_PASSWORD=secret")
    body = (
        '<p><a href="/wp-content/uploads/wp-content/updraft/backup_db.zip">backup</a> '
        '<a href="https://old.example.org/wp-content/uploads/notes.txt">notes</a></p>'
    )
    site = export(
        author(2, "ann"),
        item(20, "Post", slug="post", content=body),
        attachment(30, "2024/01/beach.jpg", "Beach"),
        attachment(31, "wp-content/updraft/backup_db.zip", "Backup"),
        attachment(32, "../../notes.txt", "Notes"),
    )
    run(write(tmp_path, "site.xml", site), media_dir=root)
    assert list(Image.objects.values_list("title", flat=True)) == ["Beach"]
    assert not Document.objects.exists()


def test_a_symbolic_link_to_the_uploads_folder_is_followed(tmp_path, home_page, uploads):
    linked = tmp_path / "linked"
    (linked / "wp-content").mkdir(parents=True)
    (linked / "wp-content" / "uploads").symlink_to(uploads, target_is_directory=True)
    run(write(tmp_path, "site.xml", the_site()), media_dir=linked)
    assert Image.objects.count() == 2


def test_a_file_a_post_showed_before_its_record_came_is_not_stored_twice(
    tmp_path, home_page, uploads
):
    body = '<img src="https://old.example.org/wp-content/uploads/2024/01/beach.jpg" alt="B">'
    posts_only = export(author(2, "ann"), item(20, "Beach", slug="beach", content=body))
    run(write(tmp_path, "posts.xml", posts_only), media_dir=uploads)
    first = Image.objects.get()
    everything = export(
        author(2, "ann"),
        item(20, "Beach", slug="beach", content=body),
        attachment(30, "2024/01/beach.jpg", "Beach at noon", alt="Waves"),
    )
    run(write(tmp_path, "all.xml", everything), media_dir=uploads)
    image = Image.objects.get()
    assert image.pk == first.pk
    assert (image.title, image.description) == ("Beach at noon", "Waves")
    assert [block.value["image"] for block in ArticlePage.objects.get().body] == [image]


def test_a_dry_run_leaves_no_rendition_of_images_already_imported(
    tmp_path, home_page, uploads, settings
):
    quiet = export(
        author(2, "ann"),
        attachment(30, "2024/01/beach.jpg", "Beach"),
        attachment(31, "2024/01/dunes.jpg", "Dunes"),
    )
    run(write(tmp_path, "media.xml", quiet), media_dir=uploads)
    before = files_in(settings.MEDIA_ROOT)
    shown = item(
        20,
        "Beach",
        slug="beach",
        content='<img src="/wp-content/uploads/2024/01/dunes.jpg" alt="D">',
        extra=meta("_thumbnail_id", "30"),
    )
    run(
        write(tmp_path, "site.xml", quiet.replace("</channel>", shown + "</channel>")),
        media_dir=uploads,
        dry_run=True,
    )
    assert files_in(settings.MEDIA_ROOT) == before
    assert not ArticlePage.objects.exists()
