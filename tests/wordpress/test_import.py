"""``manage.py import_wordpress``: posts, authors, sections and tags, as a new user runs it."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page, PageViewRestriction

from articles.models import ArticleIndexPage, ArticlePage, AuthorPage
from wordpress.importer import posts as posts_module
from wordpress.models import ImportedObject

from .exports import author, category, export, item, tag, write

pytestmark = pytest.mark.django_db


def run(*paths, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_wordpress", *map(str, paths), stdout=out, stderr=err, **options)
    return out.getvalue()


def site_export(*items, version="1.2"):
    return export(
        author(2, "ann", "Ann Smith", "ann@example.org"),
        author(3, "bo", "Bo Lee", "bo@example.org"),
        category(5, "health", "Health"),
        category(6, "mind", "Mind", parent="health"),
        tag(8, "rain", "Rain"),
        *items,
        version=version,
    )


def in_categories(*pairs):
    return "".join(
        f'<category domain="{domain}" nicename="{slug}"><![CDATA[{name}]]></category>'
        for domain, slug, name in pairs
    )


def test_a_published_post_becomes_a_live_article_readers_can_open(tmp_path, home_page, client):
    extra = in_categories(("category", "health", "Health"), ("post_tag", "rain", "Rain"))
    text = site_export(
        item(
            10,
            "Walking <em>in</em> the rain &amp; sun",
            slug="walking",
            extra=extra,
            content="<p>First paragraph.</p>\n<p>Second one.</p>",
            creator="bo",
        )
    )
    output = run(write(tmp_path, "site.xml", text))
    article = ArticlePage.objects.get(slug="walking")
    assert article.live
    assert article.title == "Walking in the rain & sun"
    assert article.get_parent().specific.title == "Health"
    assert article.published_at == datetime(2024, 1, 5, 9, 0, tzinfo=UTC)
    assert article.first_published_at == datetime(2024, 1, 5, 9, 0, tzinfo=UTC)
    assert [a.title for a in article.ordered_authors()] == ["Bo Lee"]
    assert [t.name for t in article.tags.all()] == ["Rain"]
    page = client.get(article.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Walking in the rain &amp; sun" in html and "Second one." in html
    assert "posts" in output and "created" in output


def test_statuses_become_live_draft_scheduled_private_and_protected(tmp_path, home_page, client):
    future = (timezone.now() + timedelta(days=30)).astimezone(UTC)
    stamp = future.strftime("%Y-%m-%d %H:%M:%S")
    scheduled = item(12, "Coming soon", slug="soon", status="future").replace(
        "2024-01-05 09:00:00", stamp
    )
    protected = item(15, "Members", slug="members").replace(
        "<wp:post_password><![CDATA[]]>", "<wp:post_password><![CDATA[s3cret]]>"
    )
    text = site_export(
        item(11, "Half written", slug="", status="draft"),
        scheduled,
        item(13, "Pending", slug="pending", status="pending"),
        item(14, "Just us", slug="just-us", status="private"),
        protected,
        item(16, "Binned", slug="binned", status="trash"),
        item(17, "Auto", slug="auto", status="auto-draft"),
    )
    output = run(write(tmp_path, "site.xml", text))

    draft = ArticlePage.objects.get(title="Half written")
    assert (draft.live, draft.slug, draft.first_published_at) == (False, "half-written", None)
    assert not ArticlePage.objects.get(slug="pending").live
    soon = ArticlePage.objects.get(slug="soon")
    assert not soon.live
    assert soon.go_live_at == future.replace(microsecond=0)
    assert soon.get_latest_revision().approved_go_live_at == future.replace(microsecond=0)
    private = ArticlePage.objects.get(slug="just-us")
    assert private.live
    assert PageViewRestriction.objects.get(page=private).restriction_type == "login"
    assert client.get(private.url).status_code == 302
    members = ArticlePage.objects.get(slug="members")
    restriction = PageViewRestriction.objects.get(page=members)
    assert (restriction.restriction_type, restriction.password) == ("password", "s3cret")
    assert not ArticlePage.objects.filter(slug__in=["binned", "auto"]).exists()
    assert "posts: in the trash: 1" in output
    assert "posts: auto-drafts: 1" in output


def test_the_newest_sticky_post_is_featured_on_the_home_page(tmp_path, home_page):
    older = item(20, "Old news", slug="old").replace("<wp:is_sticky>0", "<wp:is_sticky>1")
    newer = (
        item(21, "Big news", slug="big")
        .replace("<wp:is_sticky>0", "<wp:is_sticky>1")
        .replace("2024-01-05 09:00:00", "2024-02-05 09:00:00")
    )
    run(write(tmp_path, "site.xml", site_export(older, newer, item(22, "Other", slug="other"))))
    home_page.refresh_from_db()
    assert home_page.featured_article.slug == "big"


def test_categories_become_sections_and_nested_ones_are_flattened_with_a_warning(
    tmp_path, home_page
):
    output = run(write(tmp_path, "site.xml", site_export()))
    sections = {page.slug: page.title for page in ArticleIndexPage.objects.child_of(home_page)}
    assert sections == {"health": "Health", "mind": "Mind"}
    assert "Masthead's sections do not nest" in output
    assert Tag.objects.filter(name="Rain").exists()


def test_categories_can_become_tags(tmp_path, home_page):
    extra = in_categories(("category", "health", "Health"))
    run(write(tmp_path, "site.xml", site_export(item(30, extra=extra))), categories="tags")
    article = ArticlePage.objects.get(slug="a-post")
    assert {t.name for t in article.tags.all()} == {"Health"}
    assert article.get_parent().slug == "blog"
    assert not ArticleIndexPage.objects.filter(slug="health").exists()


def test_every_post_can_go_to_one_section(tmp_path, home_page):
    extra = in_categories(("category", "health", "Health"))
    run(write(tmp_path, "site.xml", site_export(item(31, extra=extra))), section="archive")
    assert ArticlePage.objects.get(slug="a-post").get_parent().slug == "archive"


def test_a_post_whose_author_is_unknown_is_kept_under_a_placeholder(tmp_path, home_page):
    text = site_export(item(40, "Orphan", slug="orphan", creator="<b>nobody</b>"))
    output = run(write(tmp_path, "site.xml", text))
    article = ArticlePage.objects.get(slug="orphan")
    assert [a.title for a in article.ordered_authors()] == ["Unknown author"]
    assert "is none of the export's authors" in output


def test_a_wxr_1_0_export_names_its_authors_only_in_its_posts(tmp_path, home_page):
    text = export(item(41, "Old", slug="old", creator="carol"), version="1.0")
    run(write(tmp_path, "old.xml", text))
    assert [a.title for a in ArticlePage.objects.get(slug="old").ordered_authors()] == ["carol"]


def test_authors_can_get_accounts_that_must_reset_their_password(tmp_path, home_page):
    run(write(tmp_path, "site.xml", site_export()), create_users=True)
    ann = get_user_model().objects.get(username="ann")
    assert ann.email == "ann@example.org"
    assert not ann.has_usable_password()
    assert AuthorPage.objects.filter(title="Ann Smith").exists()


def test_importing_again_changes_nothing_and_updates_what_changed(tmp_path, home_page):
    path = write(tmp_path, "site.xml", site_export(item(50, "One", slug="one")))
    run(path)
    pages, imported = Page.objects.count(), ImportedObject.objects.count()
    again = run(path, report=str(tmp_path / "again.json"))
    assert (Page.objects.count(), ImportedObject.objects.count()) == (pages, imported)
    counts = json.loads((tmp_path / "again.json").read_text())["counts"]
    assert counts["posts"] == {"created": 0, "updated": 0, "unchanged": 1, "skipped": 0}
    assert counts["authors"]["created"] == 0 and counts["sections"]["created"] == 0
    assert "Imported" in again

    write(tmp_path, "site.xml", site_export(item(50, "One, revised", slug="one")))
    run(path)
    assert Page.objects.count() == pages
    assert ArticlePage.objects.get(slug="one").title == "One, revised"


def test_several_files_are_one_import(tmp_path, home_page):
    first = write(tmp_path, "part1.xml", site_export(item(60, "Part one", slug="p1")))
    second = write(tmp_path, "part2.xml", export(item(61, "Part two", slug="p2", creator="ann")))
    run(first, second)
    assert [a.title for a in ArticlePage.objects.get(slug="p2").ordered_authors()] == ["Ann Smith"]
    assert ArticlePage.objects.filter(slug__in=["p1", "p2"]).count() == 2


def test_a_dry_run_writes_nothing_and_says_what_it_would_do(tmp_path, home_page):
    before = Page.objects.count()
    output = run(write(tmp_path, "site.xml", site_export(item(70))), dry_run=True)
    assert Page.objects.count() == before
    assert not ImportedObject.objects.exists()
    assert "Would import (dry run: nothing was written)" in output


def test_a_failing_post_is_named_and_the_others_are_imported(tmp_path, home_page, monkeypatch):
    original = posts_module.Posts._write

    def breaking(self, post, page, *shown):
        if post.wp_id == 81:
            raise ValueError("the body would not save")
        return original(self, post, page, *shown)

    monkeypatch.setattr(posts_module.Posts, "_write", breaking)
    path = write(
        tmp_path, "site.xml", site_export(item(80, slug="good"), item(81, "Bad", slug="bad"))
    )
    with pytest.raises(CommandError, match="1 object"):
        run(path, report=str(tmp_path / "report.json"))
    assert ArticlePage.objects.filter(slug="good").exists()
    assert not ArticlePage.objects.filter(slug="bad").exists()
    failed = json.loads((tmp_path / "report.json").read_text())["failed"]
    assert [(f["wp_id"], f["title"]) for f in failed] == [(81, "Bad")]
    assert "the body would not save" in failed[0]["message"]


def test_atomic_makes_the_import_all_or_nothing(tmp_path, home_page, monkeypatch):
    def breaking(self, post, page, *shown):
        raise ValueError("broken")

    monkeypatch.setattr(posts_module.Posts, "_write", breaking)
    before = Page.objects.count()
    path = write(tmp_path, "site.xml", site_export(item(90)))
    with pytest.raises(CommandError, match=r"posts 90 .* failed: ValueError: broken") as refused:
        run(path, atomic=True)
    assert "Nothing was imported (--atomic)" in str(refused.value)
    assert Page.objects.count() == before
    assert not ImportedObject.objects.exists()


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        ("empty.xml", "", "empty"),
        ("cut.xml", site_export(item(1), item(2))[:-400], "ends too early"),
        (
            "bomb.xml",
            '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaa">]>\n<rss>&a;</rss>\n',
            "document type declaration",
        ),
        ("feed.xml", '<?xml version="1.0"?>\n<rss><channel></channel></rss>\n', "RSS feed"),
    ],
)
def test_a_bad_file_is_refused_with_nothing_written(tmp_path, home_page, name, text, says):
    good = write(tmp_path, "good.xml", site_export(item(100, slug="fine")))
    bad = write(tmp_path, name, text)
    before = Page.objects.count()
    with pytest.raises(CommandError) as refused:
        run(good, bad)
    assert str(bad) in str(refused.value) and says in str(refused.value)
    assert "Nothing was imported" in str(refused.value)
    assert Page.objects.count() == before


def test_a_missing_file_is_refused(tmp_path, home_page):
    with pytest.raises(CommandError, match="No such file"):
        run(tmp_path / "nowhere.xml")


def test_non_ascii_slugs_and_tags_survive(tmp_path, home_page):
    extra = in_categories(("post_tag", "%e6%97%a5%e6%9c%ac", "日本"))
    run(
        write(
            tmp_path,
            "site.xml",
            site_export(item(110, "Über uns", slug="%c3%bcber-uns", extra=extra)),
        )
    )
    article = ArticlePage.objects.get(slug="über-uns")
    assert [t.name for t in article.tags.all()] == ["日本"]


def test_an_item_twice_in_the_export_is_imported_once_with_a_warning(tmp_path, home_page):
    text = site_export(
        item(120, "First copy", slug="twice"), item(120, "Second copy", slug="twice")
    )
    output = run(write(tmp_path, "site.xml", text))
    (article,) = ArticlePage.objects.filter(slug__startswith="twice")
    assert article.title == "Second copy"
    assert "appears more than once in the export" in output


def test_a_post_without_a_title_gets_one_from_its_text(tmp_path, home_page):
    text = site_export(item(130, "", slug="", content="<p>Notes from the <b>field</b> today</p>"))
    output = run(write(tmp_path, "site.xml", text))
    article = ArticlePage.objects.get(slug="notes-from-the-field-today")
    assert article.title == "Notes from the field today"
    assert "has no title" in output


def test_a_status_wordpress_does_not_have_keeps_the_post_a_draft(tmp_path, home_page):
    output = run(write(tmp_path, "site.xml", site_export(item(140, slug="odd", status="archived"))))
    assert not ArticlePage.objects.get(slug="odd").live
    assert "has the status 'archived'" in output


def test_a_site_without_a_home_page_is_refused_before_anything_is_read(tmp_path, site):
    site.root_page = Page.objects.get(depth=1)
    site.save()
    with pytest.raises(CommandError, match="Cannot import: the default site has no Masthead"):
        run(write(tmp_path, "site.xml", site_export(item(150))))
    assert not ImportedObject.objects.exists()


def test_seo_plugin_titles_and_descriptions_are_kept_and_other_meta_counted(tmp_path, home_page):
    def meta(key, value):
        return (
            f"<wp:postmeta><wp:meta_key><![CDATA[{key}]]></wp:meta_key>"
            f"<wp:meta_value><![CDATA[{value}]]></wp:meta_value></wp:postmeta>"
        )

    extra = (
        meta("_yoast_wpseo_title", "Rain &amp; you")
        + meta("_yoast_wpseo_metadesc", "What the rain does to your mood.")
        + meta("_edit_lock", "1700000000:1")
        + meta("_jetpack_related_posts_cache", "a:0:{}")
    )
    templated = meta("_yoast_wpseo_title", "%%title%% %%sep%% %%sitename%%")
    path = write(
        tmp_path,
        "site.xml",
        site_export(item(130, slug="rain", extra=extra), item(131, slug="sun", extra=templated)),
    )
    output = run(path)
    rain = ArticlePage.objects.get(slug="rain")
    assert (rain.seo_title, rain.search_description) == (
        "Rain & you",
        "What the rain does to your mood.",
    )
    assert ArticlePage.objects.get(slug="sun").seo_title == ""  # a template, not a title
    assert "post meta _jetpack_related_posts_cache: 1" in output
    assert "_edit_lock" not in output
