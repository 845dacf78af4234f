"""Reading WordPress exports: every WXR version, and every bad file refused with a clear error."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from wordpress import wxr
from wordpress.wxr import reader

from .exports import author, category, cdata, comment, export, item, tag, write


def read(path):
    return list(wxr.records(path))


def items(path):
    return [record for record in read(path) if isinstance(record, wxr.Item)]


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
@pytest.mark.parametrize("scheme", ["http", "https"])
def test_every_version_and_namespace_spelling_is_read(tmp_path, version, scheme):
    path = write(tmp_path, "site.xml", export(item(7, "Hello"), version=version, scheme=scheme))
    records = read(path)
    channel = records[0]
    assert isinstance(channel, wxr.Channel)
    assert (channel.title, channel.link, channel.wxr_version) == (
        "Old Blog",
        "https://old.example.org",
        version,
    )
    (post,) = [record for record in records if isinstance(record, wxr.Item)]
    assert (post.wp_id, post.title, post.post_type, post.status) == (7, "Hello", "post", "publish")
    assert post.creator == "ann"


def test_an_item_carries_everything_an_importer_needs(tmp_path):
    extra = (
        '<category domain="category" nicename="caf%c3%a9"><![CDATA[Café]]></category>'
        '<category domain="post_tag" nicename="%e6%97%a5%e6%9c%ac"><![CDATA[日本]]></category>'
        "<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key>"
        "<wp:meta_value><![CDATA[11]]></wp:meta_value></wp:postmeta>"
        "<wp:postmeta><wp:meta_key><![CDATA[_wp_old_slug]]></wp:meta_key>"
        "<wp:meta_value><![CDATA[first]]></wp:meta_value></wp:postmeta>"
        "<wp:postmeta><wp:meta_key><![CDATA[_wp_old_slug]]></wp:meta_key>"
        "<wp:meta_value><![CDATA[second]]></wp:meta_value></wp:postmeta>"
        + comment(3, "First!")
        + comment(4, "A reply", parent=3)
    )
    path = write(tmp_path, "site.xml", export(item(10, "Über uns", slug="%c3%bcber", extra=extra)))
    (post,) = items(path)
    assert post.slug == "über"
    assert post.date == datetime(2024, 1, 5, 10, 0)
    assert post.date_gmt == datetime(2024, 1, 5, 9, 0, tzinfo=UTC)
    assert post.terms == (
        wxr.ItemTerm("category", "café", "Café"),
        wxr.ItemTerm("post_tag", "日本", "日本"),
    )
    assert post.meta_value("_thumbnail_id") == "11"
    assert post.meta_values("_wp_old_slug") == ["first", "second"]
    first, reply = post.comments
    assert (first.wp_id, first.parent_id, first.content, first.approved) == (3, None, "First!", "1")
    assert (reply.wp_id, reply.parent_id) == (4, 3)
    assert (first.author, first.email, first.url) == (
        "Bo",
        "bo@example.org",
        "https://bo.example.org/",
    )
    assert post.source.line > 1 and post.source.path == str(path)


def test_site_wide_authors_categories_and_tags(tmp_path):
    text = export(
        author(2, "ann", "Ann Smith", "ann@example.org"),
        category(5, "health", "Health"),
        category(6, "mind", "Mind", parent="health"),
        tag(8, "caf%c3%a9", "Café"),
        "<wp:term><wp:term_id>9</wp:term_id><wp:term_taxonomy>nav_menu</wp:term_taxonomy>"
        "<wp:term_slug>main</wp:term_slug><wp:term_name><![CDATA[Main]]></wp:term_name>"
        "</wp:term>",
    )
    records = read(write(tmp_path, "site.xml", text))
    (ann,) = [record for record in records if isinstance(record, wxr.Author)]
    assert (ann.wp_id, ann.login, ann.display_name, ann.email) == (
        2,
        "ann",
        "Ann Smith",
        "ann@example.org",
    )
    terms = [(t.kind, t.slug, t.name, t.parent_slug) for t in records if isinstance(t, wxr.Term)]
    assert terms == [
        ("category", "health", "Health", ""),
        ("category", "mind", "Mind", "health"),
        ("post_tag", "café", "Café", ""),
        ("nav_menu", "main", "Main", ""),
    ]


def test_wxr_1_0_categories_without_a_domain_and_tags_named_tag(tmp_path):
    extra = "<category><![CDATA[News]]></category>" + (
        '<category domain="tag"><![CDATA[Rain]]></category>'
    )
    (post,) = items(write(tmp_path, "old.xml", export(item(1, extra=extra), version="1.0")))
    assert [(term.kind, term.name) for term in post.terms] == [
        ("category", "News"),
        ("post_tag", "Rain"),
    ]


def test_cdata_split_around_the_end_marker_is_joined(tmp_path):
    content = "<pre>if (a[b[0]]>1) {}</pre> and ]]> again"
    assert cdata(content).count("<![CDATA[") == 3
    (post,) = items(write(tmp_path, "site.xml", export(item(1, content=content))))
    assert post.content == content


def test_a_title_keeps_its_markup_for_the_importer_to_clean(tmp_path):
    (post,) = items(write(tmp_path, "site.xml", export(item(1, "Hello <em>world</em> &amp; co"))))
    assert post.title == "Hello <em>world</em> &amp; co"


def test_a_malformed_id_is_a_problem_of_the_item_not_of_the_file(tmp_path):
    path = write(tmp_path, "site.xml", export(item("twelve"), item(13)))
    first, second = items(path)
    assert first.wp_id is None
    assert first.problems == ("post_id 'twelve' is not a number",)
    assert (second.wp_id, second.problems) == (13, ())


def test_drafts_have_no_gmt_date(tmp_path):
    text = export(item(1, status="draft")).replace(
        "<![CDATA[2024-01-05 09:00:00]]>", "<![CDATA[0000-00-00 00:00:00]]>"
    )
    (draft,) = items(write(tmp_path, "site.xml", text))
    assert (draft.status, draft.date_gmt) == ("draft", None)


def test_check_counts_what_a_file_holds(tmp_path):
    text = export(
        author(2, "ann"),
        item(1),
        item(2, post_type="page"),
        item(3, post_type="attachment"),
        item(4),
    )
    summary = wxr.check(write(tmp_path, "site.xml", text))
    assert summary.wxr_version == "1.2"
    assert summary.counts == {"post": 2, "page": 1, "attachment": 1, "author": 1}


def test_finished_items_are_let_go_so_memory_stays_flat(tmp_path, monkeypatch):
    """Each item's elements are freed once it is read: the parsed tree holds only the
    parser's read-ahead, never more as the file goes on (the benchmark measures the
    memory itself)."""
    seen = []
    original = reader.free

    def watching(element):
        original(element)
        parent = element.getparent()
        seen.append(len(parent) if parent is not None else 0)

    monkeypatch.setattr(reader, "free", watching)
    path = write(tmp_path, "site.xml", export(*(item(n, content="x" * 500) for n in range(3000))))
    assert len(items(path)) == 3000
    assert max(seen) == max(seen[:200]) < 200


# --- files that are not whole WordPress exports ---------------------------------------


def refused(path) -> wxr.WXRError:
    with pytest.raises(wxr.WXRError) as caught:
        wxr.check(path)
    assert str(caught.value).startswith(str(path))
    return caught.value


def test_an_empty_file_is_refused(tmp_path):
    error = refused(write(tmp_path, "empty.xml", ""))
    assert "empty" in error.message


def test_a_truncated_file_is_refused_naming_the_line(tmp_path):
    whole = export(item(1), item(2, content="x" * 2000), item(3))
    cut = whole[: len(whole) // 2]
    error = refused(write(tmp_path, "cut.xml", cut))
    assert "ends too early" in error.message
    assert error.line == cut.count("\n") + 1


def test_an_xml_bomb_is_refused_before_parsing(tmp_path):
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        + "".join(
            f' <!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">\n'
            for n in range(1, 10)
        )
        + "]>\n<rss><channel><title>&lol9;</title></channel></rss>\n"
    )
    error = refused(write(tmp_path, "bomb.xml", bomb))
    assert "document type declaration" in error.message
    assert error.line == 2


def test_an_external_entity_is_refused(tmp_path):
    secret = write(tmp_path, "secret.txt", "top secret")
    text = export(item(1, "&xxe;")).replace(
        "<rss", f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>\n<rss', 1
    )
    error = refused(write(tmp_path, "xxe.xml", text.replace(cdata("&xxe;"), "&xxe;")))
    assert "document type declaration" in error.message
    assert "top secret" not in str(error)


def test_a_doctype_after_a_long_comment_is_still_refused(tmp_path):
    text = (
        '<?xml version="1.0"?>\n<!-- ' + "padding " * 20000 + "-->\n"
        '<!DOCTYPE rss [<!ENTITY a "b">]>\n<rss><channel></channel></rss>\n'
    )
    assert "document type declaration" in refused(write(tmp_path, "late.xml", text)).message


def test_an_rss_feed_is_not_an_export(tmp_path):
    feed = (
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Blog</title>'
        "<item><title>Post</title></item></channel></rss>\n"
    )
    error = refused(write(tmp_path, "feed.xml", feed))
    assert "RSS feed, not a WordPress export" in error.message


def test_another_tools_xml_is_not_an_export(tmp_path):
    atom = (
        '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>'
    )
    error = refused(write(tmp_path, "atom.xml", atom))
    assert "<feed>" in error.message


def test_bytes_not_in_the_declared_encoding_are_refused(tmp_path):
    text = export(item(1, "Café")).encode("utf-8").replace("Café".encode(), "Café".encode("cp1252"))
    error = refused(write(tmp_path, "latin.xml", text))
    assert "encoding" in error.message
    assert error.line is not None


def test_a_file_that_is_not_xml_at_all(tmp_path):
    error = refused(write(tmp_path, "notes.xml", "These are my notes, not an export.\n"))
    assert "no XML" in error.message or "not well-formed" in error.message


def test_a_missing_file_is_refused(tmp_path):
    error = refused(tmp_path / "nowhere.xml")
    assert "cannot be read" in error.message
