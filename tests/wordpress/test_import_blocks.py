"""``manage.py import_wordpress`` as a reader sees the result: realistic posts imported, then
their article pages opened.

A block-editor post as WordPress 6.x saves it, with a block of every kind; a classic
post with no paragraph tags and WordPress's shortcodes; hostile HTML; a title written in
HTML. Pictures are named in the text until media are imported: only that their words
are kept is checked here. Embeds are fetched by the project's own finder from an
oEmbed endpoint on 127.0.0.1 that answers as YouTube does: nothing reaches the network.
"""

from __future__ import annotations

import io
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.embeds.finders import get_finders

from articles.models import ArticlePage

from .exports import author, export, item, write

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "block_samples"
YOUTUBE_WATCH = re.compile(r"^https://www\.youtube\.com/watch\?v=([\w-]+)$")


class YouTubeOEmbed(BaseHTTPRequestHandler):
    """YouTube's oEmbed endpoint, as it answers: a frame from www.youtube.com."""

    def do_GET(self):
        url = parse_qs(urlsplit(self.path).query)["url"][0]
        video = YOUTUBE_WATCH.match(url).group(1)
        body = json.dumps(
            {
                "type": "video",
                "title": f"Video {video}",
                "provider_name": "YouTube",
                "width": 560,
                "height": 315,
                "html": f'<iframe width="560" height="315" src="https://www.youtube.com/embed/'
                f'{video}?feature=oembed" allowfullscreen></iframe>',
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(autouse=True)
def youtube(settings):
    """YouTube's addresses answered on 127.0.0.1; its frames allowed, as an operator would."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), YouTubeOEmbed)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    provider = {
        "endpoint": f"http://127.0.0.1:{server.server_port}/oembed",
        "urls": [YOUTUBE_WATCH.pattern],
    }
    settings.WAGTAILEMBEDS_FINDERS = [{"class": "masthead.embeds", "providers": [provider]}]
    settings.CSP_EMBED_ORIGINS = ["https://www.youtube.com"]
    get_finders.cache_clear()
    yield
    get_finders.cache_clear()
    server.shutdown()
    server.server_close()


def imported(tmp_path, content: str, *, title: str = "A post", slug: str = "a-post"):
    """Import one published post with ``content``; its article and the --report JSON."""
    text = export(author(2, "ann", "Ann Smith"), item(10, title, slug=slug, content=content))
    report = tmp_path / "report.json"
    call_command(
        "import_wordpress",
        str(write(tmp_path, "site.xml", text)),
        report=str(report),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    return ArticlePage.objects.get(slug=slug), json.loads(report.read_text())


def opened(client, article: ArticlePage) -> BeautifulSoup:
    """The article page as a reader's browser gets it."""
    response = client.get(article.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def body_of(page: BeautifulSoup):
    return page.find("div", class_="article__body")


def messages(report: dict) -> list[str]:
    return [warning["message"] for warning in report["failed"] + report["warnings"]]


def words(element) -> str:
    return " ".join(element.get_text(" ").split())


# A block-editor post ---------------------------------------------------------------------


@pytest.fixture
def flood_post(tmp_path, home_page):
    content = (SAMPLES / "gutenberg_post.html").read_text()
    return imported(tmp_path, content, title="The flood", slug="the-flood")


def test_a_block_post_shows_its_text_headings_and_bulleted_list(client, flood_post):
    article, report = flood_post
    body = body_of(opened(client, article))
    assert report["failed"] == []
    first = body.find("p")
    assert first.find("strong").get_text() == "higher than anyone remembered"
    assert first.find("em").get_text() == "ferry"
    link = first.find("a")
    assert (link["href"], link.get_text()) == (
        "https://www.metoffice.gov.uk/weather/warnings",
        "Met Office warnings",
    )
    assert [h.get_text() for h in body.find_all("h2")] == ["What the town saw"]
    assert [h.get_text() for h in body.find_all("h3")] == ["On the quay"]
    bullets = body.find("ul")
    assert words(bullets.find("li")) == "Sandbags along the quay"
    assert bullets.find("ul").find("li").get_text() == "The lifeboat stayed afloat"


def test_a_numbered_list_after_a_bulleted_one_stays_numbered(client, flood_post):
    article, _ = flood_post
    body = body_of(opened(client, article))
    bullets = body.find("ul")
    assert [words(li) for li in bullets.find_all("li", recursive=False)] == [
        "Sandbags along the quay",
        "Boats pulled up the slipway The lifeboat stayed afloat",
    ]
    numbered = body.find("ol")
    assert [words(li) for li in numbered.find_all("li", recursive=False)] == [
        "Close the flood gates",
        "Open the school hall Blankets from the church",
    ]
    assert numbered.find("ol").find("li").get_text() == "Blankets from the church"


def test_a_block_posts_quotes_are_pull_quotes_with_their_attribution(client, flood_post):
    article, _ = flood_post
    quotes = body_of(opened(client, article)).find_all("figure", class_="pull-quote")
    assert [(words(q.blockquote), words(q.figcaption)) for q in quotes] == [
        ("We have never had to close the bridge before.", "— Mary Jones, harbour master"),
        ("The water came up through the floor.", "— A shopkeeper on Bridge Street"),
    ]


def test_a_block_posts_embeds_old_and_new_are_embedded_videos(client, flood_post):
    article, _ = flood_post
    embeds = body_of(opened(client, article)).find_all("figure", class_="article-embed")
    frames = [embed.find("iframe")["src"] for embed in embeds]
    assert frames == [
        "https://www.youtube.com/embed/aqz-KE-bpKQ?feature=oembed",
        "https://www.youtube.com/embed/YE7VzlLtp-4?feature=oembed",
    ]
    assert words(embeds[0].figcaption) == "The flood from the air"


def test_a_block_posts_code_table_and_layout_text_are_kept(client, flood_post):
    article, _ = flood_post
    body = body_of(opened(client, article))
    code = [pre.get_text() for pre in body.find_all("pre")]
    assert code == [
        'if level > 4.5:\n    close_gates("quay")\n',
        "High tide   06:12\nLow tide    12:40\n",
    ]
    table = body.find("table")
    assert [th.get_text() for th in table.find_all("th")] == ["Gauge", "Level"]
    assert [td.get_text() for td in table.find_all("td")] == [
        *("Town bridge", "4.8 m", "Mill weir", "3.1 m")
    ]
    assert body.find("hr") is not None
    text = words(body)
    for kept in (
        "Readings at noon",
        "North bank: twelve homes evacuated.",
        "South bank: the mill flooded.",
        "Volunteers met at the church every morning.",
        "A week under water",
        "By Friday the water had gone down.",
        "The clean-up took a month.",
    ):
        assert kept in text
    button = body.find("a", string="Give to the flood fund")
    assert button["href"] == "https://old.example.org/donate/"


def test_a_block_posts_html_block_keeps_its_bold_and_loses_its_script(client, flood_post):
    article, report = flood_post
    page = opened(client, article)
    body = body_of(page)
    assert "Helpline open all night" in [b.get_text() for b in body.find_all(["strong", "b"])]
    assert body.find("script") is None
    assert "document.write" not in str(page) and "tracking pixel" not in str(page)
    assert "removed <script> element" in messages(report)


def test_nothing_of_the_block_markup_shows(client, flood_post):
    article, _ = flood_post
    page = opened(client, article)
    html = str(page)
    assert "<!-- wp:" not in html and "wp:paragraph" not in html
    assert "<!--more-->" not in html and "<!--nextpage-->" not in html
    assert "wp:" not in words(body_of(page))


def test_a_block_posts_pictures_keep_their_captions_and_alt_text(client, flood_post):
    article, _ = flood_post
    text = words(body_of(opened(client, article)))
    for kept in (
        "The quay at six in the morning",
        "The closed bridge",
        "Camp beds in the school hall",
        "The bridge and the hall",
        "The swollen river",
    ):
        assert kept in text


def test_blocks_without_a_masthead_equivalent_are_named_in_the_report(client, flood_post):
    article, report = flood_post
    warned = [w for w in report["warnings"] if w["wp_id"] == 10]
    assert {w["title"] for w in warned} == {"The flood"}
    named = " ".join(w["message"] for w in warned)
    for block in ("wp:columns", "wp:group", "wp:cover", "wp:buttons", "wp:jetpack/contact-form"):
        assert f"{block} has no Masthead equivalent" in named
    assert "unknown shortcode [flood-map] kept as text" in named
    for masthead_has_it in ("wp:paragraph", "wp:heading", "wp:list", "wp:quote", "wp:table"):
        assert masthead_has_it not in named
    assert words(body_of(opened(client, article))).count('[flood-map zoom="12"]') == 1


# A classic post ------------------------------------------------------------------------


@pytest.fixture
def pier_post(tmp_path, home_page):
    content = (SAMPLES / "classic_post.html").read_text()
    return imported(tmp_path, content, title="The pier reopens", slug="pier")


def test_a_classic_post_without_paragraph_tags_gets_its_paragraphs(client, pier_post):
    article, report = pier_post
    body = body_of(opened(client, article))
    assert report["failed"] == []
    paragraphs = [words(p) for p in body.find_all("p", recursive=False)]
    assert paragraphs[0].startswith("The pier reopened on Saturday")
    second = body.find("strong", string="the best morning").parent
    assert second.find("br") is not None
    assert words(second).endswith("she could remember. She gave the first hundred cones away.")
    for kept in ("The pier is open from nine until dusk.", "Next week: the lido."):
        assert kept in paragraphs


def test_a_classic_posts_embeds_and_address_lines_are_embedded(client, pier_post):
    article, _ = pier_post
    body = body_of(opened(client, article))
    embeds = body.find_all("figure", class_="article-embed")
    assert [embed.find("iframe")["src"] for embed in embeds if embed.find("iframe")] == [
        "https://www.youtube.com/embed/aqz-KE-bpKQ?feature=oembed",
        "https://www.youtube.com/embed/YE7VzlLtp-4?feature=oembed",
    ]
    # Files on the old site are no oEmbed provider's: each is a link to what it plays.
    links = [embed.find("a")["href"] for embed in embeds if not embed.find("iframe")]
    assert links == [
        "https://old.example.org/wp-content/uploads/2015/03/band.mp3",
        "https://old.example.org/wp-content/uploads/2015/03/fireworks.mp4",
    ]
    assert "youtube.com/watch" not in words(body)


def test_a_classic_posts_shortcodes_and_breaks_do_not_show(client, pier_post):
    article, report = pier_post
    page = opened(client, article)
    text = words(body_of(page))
    assert "The pier at low tide" in text
    for gone in ("[caption", "[/caption]", "[gallery", "[embed", "[audio", "[video", "<!--"):
        assert gone not in text
    assert "<!--more-->" not in str(page) and "<!--nextpage-->" not in str(page)
    assert text.count('[contact-form-7 id="1" title="Contact form 1"]') == 1
    assert "unknown shortcode [contact-form-7] kept as text" in messages(report)
    assert not [m for m in messages(report) if "caption" in m or "gallery" in m]


# Hostile HTML ----------------------------------------------------------------------------

HOSTILE_CLASSIC = """<style>.entry-content { display: none }</style>
Before the storm.

<img src="https://old.example.org/wp-content/uploads/2019/05/clouds.jpg" alt="Storm clouds" \
onerror="alert(document.cookie)" />

<a href="javascript:alert(document.cookie)">Claim your prize</a>

<iframe src="https://tracker.example/frame.html" width="1" height="1"></iframe>

After the storm."""

HOSTILE_BLOCKS = """<!-- wp:html -->
<style>.entry-content { display: none }</style>
<!-- /wp:html -->

<!-- wp:paragraph -->
<p>Before the storm.</p>
<!-- /wp:paragraph -->

<!-- wp:image {"id":60,"sizeSlug":"large","linkDestination":"none"} -->
<figure class="wp-block-image size-large"><img src="https://old.example.org/wp-content/\
uploads/2019/05/clouds.jpg" alt="Storm clouds" class="wp-image-60" \
onerror="alert(document.cookie)"/></figure>
<!-- /wp:image -->

<!-- wp:paragraph -->
<p><a href="javascript:alert(document.cookie)">Claim your prize</a></p>
<!-- /wp:paragraph -->

<!-- wp:html -->
<iframe src="https://tracker.example/frame.html" width="1" height="1"></iframe>
<!-- /wp:html -->

<!-- wp:paragraph -->
<p>After the storm.</p>
<!-- /wp:paragraph -->"""


@pytest.mark.parametrize("content", [HOSTILE_CLASSIC, HOSTILE_BLOCKS], ids=["classic", "blocks"])
def test_hostile_html_never_reaches_the_page_and_each_kind_is_reported(
    tmp_path, home_page, client, content
):
    article, report = imported(tmp_path, content, title="Storm", slug="storm")
    page = opened(client, article)
    body = body_of(page)
    html = str(page)
    for gone in ("onerror", "alert(", "document.cookie", "javascript:", "display: none"):
        assert gone not in html
    assert body.find(["iframe", "style", "script"]) is None
    text = words(body)
    assert "Before the storm." in text and "After the storm." in text
    assert "Storm clouds" in text
    prize = body.find(string="Claim your prize")
    assert prize is not None and prize.find_parent("a", href=True) is None
    # The frame's address is an embed no provider knows: at most a link to it.
    (frame,) = body.find_all("figure", class_="article-embed")
    assert [a["href"] for a in frame.find_all("a")] == ["https://tracker.example/frame.html"]
    reported = messages(report)
    assert "removed <style> element" in reported
    assert "removed onerror event handler attribute" in reported
    assert "removed a javascript: link address (the link text is kept)" in reported
    assert (
        "<iframe> of https://tracker.example/frame.html turned into an embed of "
        "https://tracker.example/frame.html" in reported
    )


# The title -------------------------------------------------------------------------------


def test_html_and_entities_in_a_title_give_a_clean_title(tmp_path, home_page, client):
    article, _ = imported(
        tmp_path, "<p>Open till late.</p>", title="<em>Caf&eacute;</em> &amp; bar", slug="cafe"
    )
    page = opened(client, article)
    assert article.title == "Café & bar"
    assert page.find("h1").get_text() == "Café & bar"
    assert page.title.get_text().startswith("Café & bar | ")
    assert "<em>" not in str(page.find("h1")) and "&amp;eacute;" not in str(page)
