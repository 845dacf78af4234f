"""demo/content/: the editable files the demo is read from, and what a broken one says."""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import ArticlePage
from demo import specs
from demo.markup import BodyError, parse_body
from demo.specs import CONTENT_DIR, ContentError, read_content

LEAD = "7-ways-social-media-can-benefit-mental-health"


@pytest.fixture
def content(tmp_path) -> Path:
    """A copy of the demo's content directory, for a test to break."""
    return Path(shutil.copytree(CONTENT_DIR, tmp_path / "content"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_body_markup_reads_back_into_blocks():
    body = """
Opening paragraph,
wrapped.

> A quote wrapped
> over two lines.
>
> — Someone, somewhere

## A heading

Text under it.

<!-- block -->

## Another heading

::: figure
image = "dots-meadow"
caption = "A caption"
:::
"""

    assert parse_body(body) == (
        {"type": "text", "value": "Opening paragraph,\nwrapped."},
        {
            "type": "pull_quote",
            "value": {
                "quote": "A quote wrapped over two lines.",
                "attribution": "Someone, somewhere",
            },
        },
        {"type": "text", "value": "## A heading\n\nText under it."},
        {"type": "text", "value": "## Another heading"},
        {
            "type": "image",
            "value": {"image": "dots-meadow", "alt_text": "", "caption": "A caption", "credit": ""},
        },
    )


def test_a_quote_without_attribution_has_an_empty_one():
    [block] = parse_body("> Just words.")

    assert block["value"] == {"quote": "Just words.", "attribution": ""}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('Text\n\n::: figure\nimage = "x"\n', "line 3: “::: figure” has no closing"),
        ("::: gallery\n:::", "line 1: “::: gallery” is not a block"),
        ('::: figure\ncaption = "no image"\n:::', "line 1: a figure needs “image”"),
        ('::: figure\nimage = "x"\nsize = "big"\n:::', "no key “size”"),
        ("::: figure\nimage = x\n:::", "line 1: the figure's keys are not valid TOML"),
        ("> One.\n>\n> Two.", "line 1: a pull quote is one paragraph"),
    ],
)
def test_malformed_bodies_say_where(body, message):
    with pytest.raises(BodyError, match=message):
        parse_body(body)


def test_the_shipped_files_read_from_anywhere(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # nothing is read relative to the working directory

    content = read_content()

    assert content.site_name == specs.SITE_NAME == "Masthead Review"
    assert content.lead_article == LEAD
    assert [section.slug for section in content.sections] == ["health", "technology", "culture"]
    assert len(content.articles) == 34
    assert content.articles[0].slug == LEAD
    assert {block["type"] for article in content.articles for block in article.body} == {
        "text",
        "pull_quote",
        "image",
    }


def test_bad_front_matter_names_the_file_and_line(content):
    article = content / "articles" / f"{LEAD}.md"
    edit(article, 'section = "health"', "section = health")

    with pytest.raises(ContentError) as error:
        read_content(content)

    assert str(article) in str(error.value)
    assert "at line 3" in str(error.value)  # the file's own line number


def test_a_misspelt_key_is_refused_not_ignored(content):
    author = content / "authors" / "kevin-naruse.md"
    edit(author, "website_name =", "websit_name =")

    with pytest.raises(ContentError, match="unknown key “websit_name”") as error:
        read_content(content)

    assert error.value.path == author


def test_an_unclosed_figure_names_the_file_and_line(content):
    article = content / "articles" / "letters-not-likes-the-return-of-the-pen-pal.md"
    edit(article, 'credit = "Illustration generated for the Masthead Review demo"\n:::', "")

    with pytest.raises(ContentError, match=r"line 12: “::: figure” has no closing") as error:
        read_content(content)

    assert error.value.path == article


def test_references_to_missing_things_are_refused(content):
    article = content / "articles" / "museums-after-dark.md"
    edit(article, 'section = "culture"', 'section = "sport"')

    with pytest.raises(ContentError, match=re.escape("section “sport” is not in sections.toml")):
        read_content(content)


def test_an_image_needs_a_known_motif(content):
    edit(content / "images.toml", 'motif = "waves"', 'motif = "zigzags"')

    with pytest.raises(ContentError, match=re.escape("waves-dusk.hero: “motif” should be one of")):
        read_content(content)


def test_two_articles_may_not_share_a_weight(content):
    edit(content / "articles" / "museums-after-dark.md", "weight = 310", "weight = 10")

    with pytest.raises(ContentError, match=r"same weight \(10\)"):
        read_content(content)


def test_a_missing_file_is_named(content):
    (content / "sections.toml").unlink()

    with pytest.raises(ContentError, match=re.escape("sections.toml: the file is missing")):
        read_content(content)


@pytest.mark.django_db
def test_load_demo_reports_a_broken_file_and_creates_nothing(content, monkeypatch):
    article = content / "articles" / "museums-after-dark.md"
    edit(article, "+++\n", "")
    monkeypatch.setattr(specs, "content", lambda: read_content(content))

    with pytest.raises(CommandError, match=re.escape(f"{article}: should open with a “+++” line")):
        call_command("load_demo", stdout=StringIO())

    assert not ArticlePage.objects.exists()
