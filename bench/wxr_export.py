"""The exports ``import_wordpress.py`` imports: WordPress eXtended RSS 1.2, generated.

Posts of a given shape (see ``Shape``), half written in the block editor and half
in the classic one, with authors, categories, tags and comments from small
pools; written item by item to a file (``write_export``), never built whole in
memory. The same seed writes the same file.
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

OLD_SITE = "https://old.example.org"
FIRST_POST_ID = 1000
FIRST_COMMENT_ID = 1

AUTHORS = [
    (2, "ann", "Ann Archer", "Ann", "Archer"),
    (3, "bo", "Bo Brennan", "Bo", "Brennan"),
    (4, "cleo", "Cleo Castillo", "Cleo", "Castillo"),
    (5, "dev", "Dev Dhillon", "Dev", "Dhillon"),
    (6, "eli", "Eli Ekwueme", "Eli", "Ekwueme"),
    (7, "fran", "Fran Fitzgerald", "Fran", "Fitzgerald"),
]
# (term id, slug, name, parent slug): one child category, as real sites have.
CATEGORIES = [
    (10, "news", "News", ""),
    (11, "politics", "Politics", ""),
    (12, "local-elections", "Local elections", "politics"),
    (13, "sport", "Sport", ""),
    (14, "culture", "Culture", ""),
    (15, "business", "Business", ""),
    (16, "science", "Science", ""),
    (17, "opinion", "Opinion", ""),
]
TAG_WORDS = (
    "council budget housing transport schools health climate river library festival "
    "theatre football cricket cycling market jobs startups energy water parks "
    "planning elections mayor courts police weather history music food tourism"
)
TAGS = [(100 + n, word, word.title()) for n, word in enumerate(TAG_WORDS.split())]
# The vocabulary of every generated sentence: plain words, as a news site's.
TEXT = (
    "the council said on tuesday that a new plan for the river would cost more than "
    "expected residents asked why the library was closed early while others wanted "
    "answers about housing and transport across the city centre schools report that "
    "pupils walked further this year because buses were cut and parents were worried "
    "about safety near the market where traders have seen fewer visitors since spring "
    "the mayor promised a review of every decision before the summer festival begins "
    "and local clubs hope the parks will reopen in time for the cup final weekend"
)
WORDS = TEXT.split()
COMMENTERS = [
    ("Gwen", "gwen@example.net", "https://gwen.example.net/"),
    ("Hari", "hari@example.com", ""),
    ("Ines", "ines@example.org", "https://ines.example.org/blog/"),
    ("Jon", "jon@example.net", ""),
    ("Kemi", "kemi@example.com", ""),
    ("Lars", "lars@example.org", "https://lars.example.org/"),
]
# Which earlier comment of the post each of its comments answers (0: none): two
# threads, one of them three levels deep, the deepest Masthead keeps.
REPLIES_TO = [0, 1, 0, 3, 4]


def cdata(text: str) -> str:
    """``text`` as WordPress writes it: in CDATA, a ``]]>`` inside split across two."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def sentence(rng: random.Random, words: int = 0) -> str:
    chosen = rng.choices(WORDS, k=words or rng.randint(8, 20))
    return " ".join(chosen).capitalize() + "."


def paragraph(rng: random.Random, sentences: tuple[int, int]) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(*sentences)))


def title_of(rng: random.Random) -> str:
    return sentence(rng, rng.randint(4, 8)).rstrip(".")


def slug_of(title: str, wp_id: int) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] + f"-{wp_id}"


@dataclass(frozen=True)
class Shape:
    """How long a generated post's content is: about ``body_bytes`` of HTML, in
    paragraphs of ``sentences`` (fewest, most) sentences."""

    body_bytes: int
    sentences: tuple[int, int]


# A news post: about 2.5 kB of HTML in short paragraphs.
NEWS = Shape(2500, (2, 5))
# Long-form writing, for the big file: long paragraphs, as in an essay or a transcript.
LONG_SENTENCES = (16, 32)


@dataclass(frozen=True)
class Post:
    """What one generated post's content needs to know about it."""

    wp_id: int
    title: str
    slug: str
    date: datetime
    gutenberg: bool
    last_id: int  # the export's last post


def post_link(post: Post) -> str:
    """The post's address on the old site, WordPress's /year/month/slug/ permalinks."""
    return f"{OLD_SITE}/{post.date:%Y/%m}/{post.slug}/"


def picture(post: Post) -> tuple[str, str]:
    """A picture's address (a resized variant, as WordPress writes it) and its alt text."""
    return (
        f"{OLD_SITE}/wp-content/uploads/{post.date:%Y/%m}/photo-{post.wp_id}-1024x683.jpg",
        f"A photograph for post {post.wp_id}",
    )


def link_sentence(rng: random.Random, post: Post) -> str:
    """A sentence with a link to another post of the site (by its short link) and one
    elsewhere. Most posts link back to an earlier one; one in ten links forward, to a
    later post (an update), which the importer can only point at once that is in."""
    if post.wp_id % 10 == 5 and post.wp_id < post.last_id:
        other = min(post.last_id, post.wp_id + rng.randint(1, 50))
    else:
        other = max(FIRST_POST_ID, post.wp_id - rng.randint(1, 50))
    return (
        f'{sentence(rng)} Read <a href="{OLD_SITE}/?p={other}">our other report</a> '
        f'and <a href="https://www.example.com/reports/{post.wp_id}">the full report</a>.'
    )


def gutenberg_body(rng: random.Random, post: Post, shape: Shape) -> str:
    """Block-editor content: paragraphs, headings, a list, a picture, links."""
    url, alt = picture(post)
    image_id = post.wp_id + 500_000

    def block(name: str, html: str, attributes: str = "") -> str:
        return f"<!-- wp:{name}{attributes} -->\n{html}\n<!-- /wp:{name} -->"

    parts = [
        block("paragraph", f"<p>{paragraph(rng, shape.sentences)}</p>"),
        block(
            "image",
            f'<figure class="wp-block-image size-large"><img src="{url}" alt="{alt}" '
            f'class="wp-image-{image_id}"/><figcaption class="wp-element-caption">'
            f"{sentence(rng, 6)}</figcaption></figure>",
            f' {{"id":{image_id},"sizeSlug":"large","linkDestination":"none"}}',
        ),
        block("paragraph", f"<p>{link_sentence(rng, post)}</p>"),
    ]
    size = sum(map(len, parts))
    while size < shape.body_bytes:
        items = "\n".join(
            block("list-item", f"<li>{sentence(rng, 6)}</li>") for _ in range(rng.randint(3, 5))
        )
        lead, more = paragraph(rng, shape.sentences), paragraph(rng, shape.sentences)
        section = [
            block("heading", f'<h2 class="wp-block-heading">{title_of(rng)}</h2>'),
            block("paragraph", f"<p><strong>{sentence(rng, 5)}</strong> {lead}</p>"),
            block("list", f'<ul class="wp-block-list">{items}</ul>'),
            block("paragraph", f"<p>{more} <em>{sentence(rng, 4)}</em></p>"),
        ]
        parts += section
        size += sum(map(len, section))
    return "\n\n".join(parts)


def classic_body(rng: random.Random, post: Post, shape: Shape) -> str:
    """Classic-editor content: WordPress's line breaks for paragraphs, a [caption]ed
    picture, headings, a list, links."""
    url, alt = picture(post)
    image_id = post.wp_id + 500_000
    parts = [
        paragraph(rng, shape.sentences),
        f'[caption id="attachment_{image_id}" align="aligncenter" width="1024"]'
        f'<img class="size-large wp-image-{image_id}" src="{url}" alt="{alt}" '
        f'width="1024" height="683" /> {sentence(rng, 6)}[/caption]',
        link_sentence(rng, post),
    ]
    size = sum(map(len, parts))
    while size < shape.body_bytes:
        items = "\n".join(f"\t<li>{sentence(rng, 6)}</li>" for _ in range(rng.randint(3, 5)))
        lead, more = paragraph(rng, shape.sentences), paragraph(rng, shape.sentences)
        section = [
            f"<h3>{title_of(rng)}</h3>",
            # A line break inside a paragraph, which WordPress turns into <br />.
            f"<strong>{sentence(rng, 5)}</strong> {lead}\n{sentence(rng)}",
            f"<ul>\n{items}\n</ul>",
            f"{more} <em>{sentence(rng, 4)}</em>",
        ]
        parts += section
        size += sum(map(len, section))
    return "\n\n".join(parts)


def wp_date(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M:%S}"


def comment_xml(rng: random.Random, post: Post, number: int, first_id: int) -> str:
    """The post's ``number``-th comment (0-based); ids run on from ``first_id``."""
    wp_id = first_id + number
    parent = REPLIES_TO[number % len(REPLIES_TO)]
    # A reply answers a comment of the same group of five, which comes before it.
    parent_id = first_id + (number - number % len(REPLIES_TO)) + parent - 1 if parent else 0
    name, email, url = COMMENTERS[(post.wp_id + number) % len(COMMENTERS)]
    written = post.date + timedelta(hours=2 + 3 * number)
    text = f"{sentence(rng)}\n\n{sentence(rng)}"
    if number % 3 == 2:
        text += f' See <a href="https://www.example.com/{post.wp_id}">this</a>.'
    # One comment in twenty waits for moderation, as on a real site.
    approved = "0" if (post.wp_id + number) % 20 == 0 else "1"
    return (
        f"<wp:comment><wp:comment_id>{wp_id}</wp:comment_id>"
        f"<wp:comment_author>{cdata(name)}</wp:comment_author>"
        f"<wp:comment_author_email>{cdata(email)}</wp:comment_author_email>"
        f"<wp:comment_author_url>{url}</wp:comment_author_url>"
        f"<wp:comment_author_IP>{cdata(f'203.0.113.{(wp_id % 250) + 1}')}"
        "</wp:comment_author_IP>"
        f"<wp:comment_date>{cdata(wp_date(written + timedelta(hours=1)))}</wp:comment_date>"
        f"<wp:comment_date_gmt>{cdata(wp_date(written))}</wp:comment_date_gmt>"
        f"<wp:comment_content>{cdata(text)}</wp:comment_content>"
        f"<wp:comment_approved>{cdata(approved)}</wp:comment_approved>"
        "<wp:comment_type><![CDATA[comment]]></wp:comment_type>"
        f"<wp:comment_parent>{parent_id}</wp:comment_parent>"
        "<wp:comment_user_id>0</wp:comment_user_id></wp:comment>"
    )


def item_xml(rng: random.Random, number: int, export: Export) -> str:
    """The ``number``-th post (0-based) of ``export`` with its comments, as one ``<item>``."""
    wp_id = FIRST_POST_ID + number
    title = title_of(rng)
    date = datetime(2015, 1, 1, 8, tzinfo=UTC) + timedelta(hours=7 * number)
    last_id = FIRST_POST_ID + export.posts - 1
    post = Post(wp_id, title, slug_of(title, wp_id), date, number % 2 == 0, last_id)
    body = (gutenberg_body if post.gutenberg else classic_body)(rng, post, export.shape)
    comments = export.comments
    author = AUTHORS[number % len(AUTHORS)]
    categories = rng.sample(CATEGORIES, rng.choice((1, 1, 2)))
    tags = rng.sample(TAGS, rng.randint(1, 4))
    terms = "".join(
        f'<category domain="category" nicename="{slug}">{cdata(name)}</category>'
        for _, slug, name, _ in categories
    ) + "".join(
        f'<category domain="post_tag" nicename="{slug}">{cdata(name)}</category>'
        for _, slug, name in tags
    )
    excerpt = sentence(rng) if number % 3 == 0 else ""
    # The post's comments are numbered on from the comments of every post before it.
    first_comment = FIRST_COMMENT_ID + number * comments
    link = post_link(post)
    return (
        f"\t<item>\n\t\t<title>{cdata(title)}</title>\n\t\t<link>{link}</link>\n"
        f"\t\t<pubDate>{date:%a, %d %b %Y %H:%M:%S} +0000</pubDate>\n"
        f"\t\t<dc:creator>{cdata(author[1])}</dc:creator>\n"
        f'\t\t<guid isPermaLink="false">{OLD_SITE}/?p={wp_id}</guid>\n'
        "\t\t<description></description>\n"
        f"\t\t<content:encoded>{cdata(body)}</content:encoded>\n"
        f"\t\t<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>\n"
        f"\t\t<wp:post_id>{wp_id}</wp:post_id>\n"
        f"\t\t<wp:post_date>{cdata(wp_date(date + timedelta(hours=1)))}</wp:post_date>\n"
        f"\t\t<wp:post_date_gmt>{cdata(wp_date(date))}</wp:post_date_gmt>\n"
        f"\t\t<wp:post_modified>{cdata(wp_date(date + timedelta(days=1)))}"
        "</wp:post_modified>\n"
        "\t\t<wp:comment_status><![CDATA[open]]></wp:comment_status>\n"
        "\t\t<wp:ping_status><![CDATA[open]]></wp:ping_status>\n"
        f"\t\t<wp:post_name>{cdata(post.slug)}</wp:post_name>\n"
        "\t\t<wp:status><![CDATA[publish]]></wp:status>\n"
        "\t\t<wp:post_parent>0</wp:post_parent>\n\t\t<wp:menu_order>0</wp:menu_order>\n"
        "\t\t<wp:post_type><![CDATA[post]]></wp:post_type>\n"
        "\t\t<wp:post_password><![CDATA[]]></wp:post_password>\n"
        f"\t\t<wp:is_sticky>{1 if number == 7 else 0}</wp:is_sticky>\n"
        f"\t\t{terms}\n"
        "\t\t<wp:postmeta><wp:meta_key><![CDATA[_edit_last]]></wp:meta_key>"
        f"<wp:meta_value>{cdata(str(author[0]))}</wp:meta_value></wp:postmeta>\n"
        f"\t\t{''.join(comment_xml(rng, post, n, first_comment) for n in range(comments))}\n"
        "\t</item>\n"
    )


def channel_head() -> str:
    wp = "http://wordpress.org/export/1.2/"
    authors = "".join(
        f"\t<wp:author><wp:author_id>{wp_id}</wp:author_id>"
        f"<wp:author_login>{cdata(login)}</wp:author_login>"
        f"<wp:author_email>{cdata(f'{login}@old.example.org')}</wp:author_email>"
        f"<wp:author_display_name>{cdata(name)}</wp:author_display_name>"
        f"<wp:author_first_name>{cdata(first)}</wp:author_first_name>"
        f"<wp:author_last_name>{cdata(last)}</wp:author_last_name></wp:author>\n"
        for wp_id, login, name, first, last in AUTHORS
    )
    categories = "".join(
        f"\t<wp:category><wp:term_id>{wp_id}</wp:term_id>"
        f"<wp:category_nicename>{cdata(slug)}</wp:category_nicename>"
        f"<wp:category_parent>{cdata(parent)}</wp:category_parent>"
        f"<wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>\n"
        for wp_id, slug, name, parent in CATEGORIES
    )
    tags = "".join(
        f"\t<wp:tag><wp:term_id>{wp_id}</wp:term_id><wp:tag_slug>{cdata(slug)}</wp:tag_slug>"
        f"<wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>\n"
        for wp_id, slug, name in TAGS
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n'
        "<!-- This is a WordPress eXtended RSS file generated by WordPress as an export "
        "of your site. -->\n"
        '<rss version="2.0"\n'
        f'\txmlns:excerpt="{wp}excerpt/"\n'
        '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
        '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
        '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        f'\txmlns:wp="{wp}"\n>\n\n<channel>\n'
        "\t<title>The Old Example Gazette</title>\n"
        f"\t<link>{OLD_SITE}</link>\n"
        "\t<description>News from the old site</description>\n"
        "\t<pubDate>Mon, 01 Jan 2024 00:00:00 +0000</pubDate>\n"
        "\t<language>en-GB</language>\n\t<wp:wxr_version>1.2</wp:wxr_version>\n"
        f"\t<wp:base_site_url>{OLD_SITE}</wp:base_site_url>\n"
        f"\t<wp:base_blog_url>{OLD_SITE}</wp:base_blog_url>\n\n"
        f"{authors}{categories}{tags}\n"
        "\t<generator>https://wordpress.org/?v=6.5</generator>\n\n"
    )


CHANNEL_FOOT = "</channel>\n</rss>\n"


@dataclass(frozen=True)
class Export:
    """What to generate: ``posts`` posts of the same shape, with ``comments`` each."""

    name: str
    posts: int
    comments: int
    shape: Shape
    size_mb: int = 0  # the size aimed at, for the big file


def write_export(export: Export, path: Path, seed: int) -> int:
    """Write ``export`` to ``path``, item by item; its size in bytes."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write(channel_head())
        for number in range(export.posts):
            out.write(item_xml(rng, number, export))
        out.write(CHANNEL_FOOT)
    return path.stat().st_size


def big_export(options: argparse.Namespace) -> Export:
    """The big file: ``--big-posts`` posts whose bodies fill about ``--big-mb``."""
    budget = (options.big_mb * 1_000_000 - len(channel_head())) // options.big_posts
    # A post with the shortest body (its first paragraph, picture and links): what each
    # post takes besides the sections that make its body grow. Bodies stop up to one
    # section past their target, so the two differences about cancel out.
    shortest = Export("shortest", 1, options.comments, Shape(1, LONG_SENTENCES))
    overhead = len(item_xml(random.Random(0), 0, shortest).encode())
    shape = Shape(max(1000, budget - overhead), LONG_SENTENCES)
    name = f"{options.big_mb} MB"
    return Export(name, options.big_posts, options.comments, shape, size_mb=options.big_mb)
