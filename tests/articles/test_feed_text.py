"""Feeds carry any text an editor typed: control characters never break them, and plain
text is never read as HTML by a feed reader. (Both found by tests/fuzz.)"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from taggit.models import Tag

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_control_characters_in_titles_ledes_and_tags_do_not_break_a_feed(
    client, article_factory, kind
):
    article_factory("Bell\x07 and escape\x1b", lede="Back\x08space", tags=["unit\x1fseparator"])
    tag = Tag.objects.get()
    for address in (f"/feed/{kind}/", f"/health/feed/{kind}/", f"/tags/{tag.slug}/feed/{kind}/"):
        response = client.get(address)
        assert response.status_code == 200, address
        text = ET.tostring(ET.fromstring(response.content), encoding="unicode")
        assert "Bell and escape" in text and "Backspace" in text, address


def test_a_lede_is_text_in_a_feed_reader_not_html(client, article_factory):
    article_factory("Markup", lede='Use <script>alert(1)</script> & <b>bold</b> "quotes"')
    rss = ET.fromstring(client.get("/feed/rss/").content)
    (description,) = [item.findtext("description") for item in rss.iter("item")]
    # The element's text is HTML (what feed readers render): the lede's markup is escaped.
    assert description == (
        "Use &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; &quot;quotes&quot;"
    )
    atom = ET.fromstring(client.get("/feed/atom/").content)
    (summary,) = atom.iter(f"{ATOM}summary")
    assert summary.get("type") == "html" and summary.text == description
