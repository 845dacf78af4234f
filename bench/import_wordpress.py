"""Benchmark: ``manage.py import_wordpress`` on generated WordPress exports.

The script writes WordPress exports (WXR 1.2) of its own, imports each into a
throwaway site of its own and reports how long the import took and how much
memory it needed at its peak:

* **N posts** for each size of ``--posts`` (1,000 and 10,000 by default): posts of
  a few kilobytes, half written in the block editor (Gutenberg) and half in the
  classic editor, each with paragraphs, headings, a list, a picture and links,
  one or two categories and a few tags from small pools, one of six authors and
  ``--comments`` comments (5 by default), some of them replies and replies to
  replies;
* **one big file** of about ``--big-mb`` megabytes (200 by default; ``--skip-big``
  leaves it out): ``--big-posts`` posts (1,000 by default) of the same kind but
  long-form, in long paragraphs, each with a body long enough to reach the size.

The exports are written item by item to a file, never built whole in memory.
Each import runs in a fresh site: a directory of its own with an SQLite database
(``DATABASE_URL=sqlite:///<dir>/db.sqlite3``) and ``MEDIA_ROOT``, migrated
(``manage.py migrate``, whose ``home`` migration makes Masthead's home page) and
run with the production settings, ``DEBUG=false`` and no ``REDIS_URL``. The
import is then a subprocess of its own, ``manage.py import_wordpress EXPORT.xml
--report FILE``; its peak memory is that one process's maximum resident set size
(``os.wait4``), its time the wall-clock time from starting it to its exit.

An import that exits with an error, names a failure in its report or does not
create every post and comment of the export is an error of the benchmark
(status 2), never a figure. The peak memory of the largest ``--posts`` size is
compared with that of the smallest: the promise is at most ``--max-ratio``
(1.2×) between 1,000 and 10,000 posts; the script exits with status 1 when it is
broken, after recording the figures. Times are reported, never judged.

Run from the repository root::

    .venv/bin/python bench/import_wordpress.py --posts 50,200 --skip-big   # quick
    .venv/bin/python bench/import_wordpress.py --record                    # the full run
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO

from harness import REPO_DIR, load_average, positive, run_in_workdir, say
from recording import append_record, git

# harness has put the repository root on sys.path.
from tests.servers import SETTINGS_MODULE, SiteError, manage, production_environment, query, tail

OLD_SITE = "https://old.example.org"
FIRST_POST_ID = 1000
FIRST_COMMENT_ID = 1
# The site's home page, as the importer wants it: the default site's root is
# Masthead's HomePage (the ``home`` app's second migration makes it).
HOME_PAGE_QUERY = """
SELECT count(*) FROM wagtailcore_site AS site
JOIN wagtailcore_page AS page ON page.id = site.root_page_id
JOIN django_content_type AS type ON type.id = page.content_type_id
WHERE site.is_default_site AND type.app_label = 'home' AND type.model = 'homepage'
"""
# The lines import_wordpress's progress writes to a pipe: one per tenth of the items.
PROGRESS_LINE = re.compile(r"^(\d+)/(\d+) items \((\d+)%\)$")

# --- the export ------------------------------------------------------------------

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


# --- one import ------------------------------------------------------------------


@dataclass
class Result:
    """One import: what was in the file, what the report says was made, what it cost."""

    export: Export
    file_bytes: int
    posts_created: int
    comments_created: int
    warnings: int
    wall_seconds: float
    cpu_seconds: float
    peak_rss_kib: int
    # The checkout the site was migrated and the import run with (see checkout_state);
    # "before → after" when it changed meanwhile.
    checkout: str = ""
    # (seconds since the start, items done) at each tenth the import's progress reported.
    tenths: list[tuple[float, int]] = field(default_factory=list)

    @property
    def peak_mib(self) -> float:
        return self.peak_rss_kib / 1024


def checkout_state() -> str:
    """The commit and a digest of the uncommitted changes to the Python code outside bench/
    (migrations included): others may work in the checkout during a long run, and each
    import runs the code of its moment."""
    code = ["--", "*.py", ":(exclude)bench/*"]
    changes = git("diff", "HEAD", *code) + git("ls-files", "--others", "--exclude-standard", *code)
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    if not changes:
        return commit
    return f"{commit} + changes {hashlib.sha256(changes.encode()).hexdigest()[:8]}"


def fresh_site(site_dir: Path) -> dict[str, str]:
    """A migrated SQLite site in ``site_dir`` with Masthead's home page; its environment."""
    site_dir.mkdir(parents=True)
    (site_dir / "media").mkdir()
    database_url = f"sqlite:///{site_dir / 'db.sqlite3'}"
    env = production_environment(site_dir, database_url)
    # Migrated for each site, never copied: the schema is the checkout's of this moment.
    manage(env, "migrate", "--noinput", log=site_dir / "migrate.log")
    if query(database_url, HOME_PAGE_QUERY) != [(1,)]:
        raise SiteError(
            f"{site_dir}: after migrate, the default site's root is not Masthead's home page; "
            "import_wordpress refuses such a site (home/migrations/0002_create_homepage.py "
            "should make it)"
        )
    return env


def follow_progress(stream: TextIO, log: TextIO, started: float, tenths: list) -> None:
    """Copy the import's standard error to ``log``; note and show each tenth it reports."""
    for line in stream:
        log.write(line)
        found = PROGRESS_LINE.match(line.strip())
        if found:
            elapsed = time.perf_counter() - started
            tenths.append((elapsed, int(found[1])))
            say(f"    {found[1]}/{found[2]} items ({found[3]}%) after {elapsed:.0f} s")


def run_import(env: dict[str, str], site_dir: Path, export: Export, path: Path) -> Result:
    """``manage.py import_wordpress PATH --report FILE`` as a child of its own: what its
    report says it made, its time and its peak memory."""
    report = site_dir / "report.json"
    command = [sys.executable, "manage.py", "import_wordpress", str(path), "--report", str(report)]
    tenths: list[tuple[float, int]] = []
    with (site_dir / "import.out").open("w") as out, (site_dir / "import.err").open("w") as err:
        started = time.perf_counter()
        child = subprocess.Popen(
            command, cwd=REPO_DIR, env=env, stdout=out, stderr=subprocess.PIPE, text=True
        )
        follower = threading.Thread(
            target=follow_progress, args=(child.stderr, err, started, tenths), daemon=True
        )
        follower.start()
        reaped = False
        try:
            # wait4 gives the resources of this one child, whatever else has run.
            _, status, usage = os.wait4(child.pid, 0)
            reaped = True
        finally:
            if not reaped:  # Ctrl-C or SIGTERM: the import must not outlive the bench
                child.kill()
                child.wait()
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        follower.join()
    if child.returncode != 0:
        output = (site_dir / "import.out").read_text() + (site_dir / "import.err").read_text()
        raise SiteError(
            f"import_wordpress {path.name} failed (exit {child.returncode}):\n{tail(output)}"
        )
    facts = json.loads(report.read_text())
    check_report(facts, export)
    return Result(
        export=export,
        file_bytes=path.stat().st_size,
        posts_created=facts["counts"]["posts"]["created"],
        comments_created=facts["counts"]["comments"]["created"],
        warnings=len(facts["warnings"]),
        wall_seconds=wall,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        # Linux reports ru_maxrss in KiB.
        peak_rss_kib=usage.ru_maxrss,
        tenths=tenths,
    )


def check_report(facts: dict, export: Export) -> None:
    """Every post and comment of the export created, and no failure: else no figure."""
    failed = facts["failed"]
    if failed:
        examples = "; ".join(f"{f['kind']} {f['wp_id']}: {f['message']}" for f in failed[:3])
        raise SiteError(
            f"{export.name}: the import reports {len(failed)} failures, e.g. {examples}"
        )
    counts = facts["counts"]
    made = (counts["posts"]["created"], counts["comments"]["created"])
    wanted = (export.posts, export.posts * export.comments)
    if made != wanted:
        raise SiteError(
            f"{export.name}: the export holds {wanted[0]:,} posts and {wanted[1]:,} comments, "
            f"the import created {made[0]:,} and {made[1]:,}; see the report ({counts})"
        )


def measure(export: Export, workdir: Path, seed: int, keep: bool) -> Result:
    """Generate ``export``, import it into a fresh site, check the report; the figures."""
    slug = re.sub(r"[^a-z0-9]+", "-", export.name.lower()).strip("-")
    site_dir = workdir / slug
    path = workdir / f"export-{slug}.xml"
    say(f"{export.name}: writing {path.name}")
    started = time.perf_counter()
    size = write_export(export, path, seed)
    say(f"{export.name}: {size / 1e6:,.1f} MB in {time.perf_counter() - started:.0f} s")
    checkout = checkout_state()
    env = fresh_site(site_dir)
    say(f"{export.name}: importing (manage.py import_wordpress {path.name})")
    result = run_import(env, site_dir, export, path)
    after = checkout_state()
    if after != checkout:
        say(f"warning: the checkout changed while {export.name} was migrated and imported")
        checkout = f"{checkout} → {after}"
    result.checkout = checkout
    say(
        f"{export.name}: {result.posts_created:,} posts and {result.comments_created:,} "
        f"comments in {result.wall_seconds:.1f} s, peak {result.peak_mib:,.0f} MiB"
    )
    if not keep:
        # The exports and databases of a full run take a gigabyte or more.
        path.unlink()
        for name in ("db.sqlite3", "db.sqlite3-wal", "db.sqlite3-shm"):
            (site_dir / name).unlink(missing_ok=True)
    return result


# --- reporting -------------------------------------------------------------------


def per_second(count: int, seconds: float) -> str:
    return f"{count / seconds:,.1f}" if seconds > 0 else "n/a"


def steadiness(result: Result) -> str:
    """Items per second in the second tenth of the items and in the last: whether the
    import slows down as the site fills (the first tenth also holds start-up and the
    file's check pass, so it is left out)."""
    if len(result.tenths) < 3:
        return "n/a"
    (t1, n1), (t2, n2) = result.tenths[0], result.tenths[1]
    (t9, n9), (t10, n10) = result.tenths[-2], result.tenths[-1]
    return f"{per_second(n2 - n1, t2 - t1)} → {per_second(n10 - n9, t10 - t9)}"


def memory_ratio(results: Sequence[Result]) -> tuple[Result, Result] | None:
    """The smallest and the largest of the ``--posts`` imports (not the big file)."""
    sized = sorted((r for r in results if not r.export.size_mb), key=lambda r: r.export.posts)
    if len(sized) < 2 or sized[0].export.posts == sized[-1].export.posts:
        return None
    return sized[0], sized[-1]


def ratio_line(pair: tuple[Result, Result], limit: float) -> tuple[str, bool]:
    small, large = pair
    ratio = large.peak_rss_kib / small.peak_rss_kib
    within = ratio <= limit
    verdict = f"within {limit:g}×" if within else f"**over {limit:g}×**"
    return (
        f"Peak memory, {large.export.name} / {small.export.name}: "
        f"{large.peak_mib:,.0f} / {small.peak_mib:,.0f} MiB = **{ratio:.3f}×** ({verdict})"
    ), within


def markdown_table(results: Sequence[Result]) -> str:
    rows = [
        "| export | file MB | posts | comments | warnings | wall s | CPU s | posts/s | "
        "comments/s | items/s, 2nd → last tenth | peak RSS MiB |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        body = f"{r.export.shape.body_bytes / 1000:,.0f} kB bodies" if r.export.size_mb else ""
        name = f"{r.export.name} ({r.export.posts:,} posts, {body})" if body else r.export.name
        rows.append(
            f"| {name} | {r.file_bytes / 1e6:,.1f} | {r.posts_created:,} | "
            f"{r.comments_created:,} | {r.warnings:,} | {r.wall_seconds:,.1f} | "
            f"{r.cpu_seconds:,.1f} | {per_second(r.posts_created, r.wall_seconds)} | "
            f"{per_second(r.comments_created, r.wall_seconds)} | {steadiness(r)} | "
            f"{r.peak_mib:,.1f} |"
        )
    return "\n".join(rows)


def checkout_text(results: Sequence[Result]) -> str:
    states = {r.checkout for r in results}
    if len(states) == 1:
        return f"- Code imported with: {states.pop()} (the same for every import)"
    each = "; ".join(f"{r.export.name}: {r.checkout}" for r in results)
    return f"- Code imported with (the checkout changed during the run): {each}"


def record(
    path: Path, text: str, options: argparse.Namespace, results: Sequence[Result], started, load
) -> None:
    """Append this run to the results file."""
    append_record(
        path,
        text,
        kind="WordPress import",
        started=started,
        load_before=load,
        packages=["Django", "Wagtail", "lxml", "beautifulsoup4", "Markdown", "vaderSentiment"],
        details=[
            f"- Exports: generated WXR 1.2 (seed {options.seed}), written item by item: posts "
            "half block-editor, half classic, each with paragraphs, headings, a list, a "
            "picture (no --media-dir: named in the report) and two links (one to another post "
            f"of the site, one in ten to a later one), 1-2 of {len(CATEGORIES)} categories, "
            f"1-4 of {len(TAGS)} tags, one of {len(AUTHORS)} authors, {options.comments} "
            "comments each (two threads, replies two levels deep, one in twenty pending); "
            f"posts of about {NEWS.body_bytes / 1000:.1f} kB of HTML in paragraphs of "
            f"{NEWS.sentences[0]}-{NEWS.sentences[1]} sentences; the big file's posts "
            f"long-form, paragraphs of {LONG_SENTENCES[0]}-{LONG_SENTENCES[1]} sentences",
            f"- Import: `manage.py import_wordpress EXPORT.xml --report FILE`, one process per "
            f"export, each into a fresh site (`manage.py migrate`): {SETTINGS_MODULE}, DEBUG "
            "off, SQLite (WAL), no REDIS_URL (production's fallback cache: files in a folder "
            "beside the database); every post and comment created, no failure",
            "- Wall s: from starting the process to its exit (start-up, the check pass over "
            "the whole file, the import, the last look at forward links); posts/s and "
            "comments/s over that time; CPU s: user + system; items/s: the import's own "
            "progress, its second tenth against its last; peak RSS: that process's "
            "ru_maxrss (os.wait4)",
            checkout_text(results),
            # A long run: other work may have started on the machine meanwhile.
            f"- 1-minute load average {load_average()} when the run ended",
        ],
    )


# --- command line ------------------------------------------------------------------


def post_counts(text: str) -> list[int]:
    try:
        counts = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list like 1000,10000") from None
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give one or more positive numbers")
    return counts


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/import_wordpress.py",
        description=(
            "Generate WordPress exports (WXR 1.2), import each with `manage.py "
            "import_wordpress` into a fresh throwaway site (SQLite, production settings) "
            "and report wall time, CPU time, posts/s, comments/s and the import process's "
            "peak memory as a Markdown table, with the peak-memory ratio between the "
            "largest and the smallest --posts size. Run it with the project's virtualenv: "
            ".venv/bin/python bench/import_wordpress.py."
        ),
        epilog=(
            "Exit status: 0 when every import succeeded and the memory ratio is within "
            "--max-ratio, 1 when the ratio is over it (still recorded with --record), 2 when "
            "an import or a setup step failed (the message says which), 130 when "
            "interrupted. `make bench-import` runs it with --record; a full run takes about "
            "75 minutes on 2 cores. See bench/README.md."
        ),
    )
    exports = parser.add_argument_group("exports")
    exports.add_argument(
        "--posts",
        type=post_counts,
        default=[1000, 10000],
        metavar="N[,N…]",
        help="one export of N posts of a few kB for each N (default: 1000,10000)",
    )
    exports.add_argument(
        "--comments",
        type=int,
        default=5,
        metavar="N",
        help="comments per post, in threads of five: a comment, a reply; a comment, a reply, "
        "a reply to that (default: %(default)s)",
    )
    exports.add_argument(
        "--big-mb",
        type=positive,
        default=200,
        metavar="MB",
        help="the size of the big export, in MB (default: %(default)s)",
    )
    exports.add_argument(
        "--big-posts",
        type=positive,
        default=1000,
        metavar="N",
        help="posts in the big export; their bodies grow to fill --big-mb "
        "(default: %(default)s, so about 200 kB each)",
    )
    exports.add_argument("--skip-big", action="store_true", help="leave out the big export")
    exports.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="N",
        help="the random generator's seed: the same seed writes the same files "
        "(default: %(default)s)",
    )
    parser.add_argument(
        "--max-ratio",
        type=float,
        default=1.2,
        metavar="X",
        help="the promise: peak memory of the largest --posts import at most this many "
        "times that of the smallest (default: %(default)s)",
    )
    output = parser.add_argument_group("output")
    output.add_argument(
        "--record",
        action="store_true",
        help="append the table and the run's details to the results file",
    )
    output.add_argument(
        "--results",
        type=Path,
        metavar="FILE",
        default=REPO_DIR / "bench" / "results.md",
        help="the file --record appends to (default: bench/results.md)",
    )
    output.add_argument(
        "--workdir",
        type=Path,
        metavar="DIR",
        help="a new or empty directory for the exports, the sites and their logs "
        "(default: a new temporary directory)",
    )
    output.add_argument(
        "--keep",
        action="store_true",
        help="keep the working directory afterwards, with every export, database, report "
        "and the import's output",
    )
    options = parser.parse_args(argv)
    if options.comments < 0:
        parser.error("--comments must be 0 or more")
    return options


def exports_of(options: argparse.Namespace) -> Iterator[Export]:
    for posts in sorted(set(options.posts)):
        yield Export(f"{posts:,} posts", posts, options.comments, NEWS)
    if not options.skip_big:
        yield big_export(options)


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_args(argv)
    started = datetime.now(UTC)
    load_before = load_average()

    def run(workdir: Path) -> list[Result]:
        return [measure(e, workdir, options.seed, options.keep) for e in exports_of(options)]

    results = run_in_workdir(options, "masthead-import-bench-", run)
    lines = [markdown_table(results)]
    within = True
    pair = memory_ratio(results)
    if pair is not None:
        line, within = ratio_line(pair, options.max_ratio)
        lines += ["", line]
    text = "\n".join(lines)
    print(text)
    if options.record:
        record(options.results, text, options, results, started, load_before)
    if not within:
        say(f"the peak memory grew more than {options.max_ratio:g}× (see above)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
