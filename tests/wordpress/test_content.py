"""A WordPress post's content as an article body: wordpress.content.convert and plain_text.

Block-editor posts block by block, classic posts with WordPress's automatic
paragraphs and shortcodes, and hostile HTML, which must never reach a page: the
markdown written is rendered here through the article body's own text block.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.blocks import ArticleBodyBlock
from wordpress.content import AttachedPictures, Body, ImageRef, convert, plain_text

SAMPLES = Path(__file__).parent / "content_samples"


def text(value: str) -> dict:
    return {"type": "text", "value": value}


def image(url: str, attachment_id: int | None = None, alt: str = "", caption: str = "") -> dict:
    return {
        "type": "image",
        "value": {
            "image": ImageRef(url, attachment_id, alt, caption),
            "alt_text": alt,
            "caption": caption,
            "credit": "",
        },
    }


def embed(url: str, caption: str = "") -> dict:
    return {"type": "embed", "value": {"embed": url, "caption": caption}}


def pull_quote(quote: str, attribution: str = "") -> dict:
    return {"type": "pull_quote", "value": {"quote": quote, "attribution": attribution}}


def rendered(markdown_text: str) -> str:
    """What a reader's browser gets for a text block: the article body's own renderer."""
    return str(ArticleBodyBlock().child_blocks["text"].render(markdown_text))


def rendered_body(body: Body) -> str:
    return "".join(rendered(block["value"]) for block in body.blocks if block["type"] == "text")


def wp(name: str, inner: str, attrs: str = "") -> str:
    """A block as the block editor saves it."""
    opening = f"<!-- wp:{name} {attrs} -->" if attrs else f"<!-- wp:{name} -->"
    return f"{opening}\n{inner}\n<!-- /wp:{name} -->\n\n"


# Block-editor posts ---------------------------------------------------------------


def test_a_paragraph_block_becomes_markdown_text():
    body = convert(wp("paragraph", "<p>Hello <strong>world</strong>, <em>again</em>.</p>"))

    assert body.blocks == [text("Hello **world**, *again*.")]
    assert body.warnings == []


def test_a_heading_block_keeps_its_level():
    body = convert(wp("heading", '<h3 class="wp-block-heading">Results</h3>', '{"level":3}'))

    assert body.blocks == [text("### Results")]


def test_a_first_level_heading_becomes_a_section_heading_under_the_title():
    body = convert(wp("heading", "<h1>Results</h1>", '{"level":1}'))

    assert body.blocks == [text("## Results")]


def test_a_list_block_with_nested_list_items_becomes_a_nested_markdown_list():
    inner = wp("list-item", "<li>Two a</li>")
    items = wp("list-item", "<li>One</li>") + wp(
        "list-item", f"<li>Two{wp('list', f'<ul>{inner}</ul>')}</li>"
    )
    body = convert(wp("list", f"<ul>{items}</ul>"))

    assert body.blocks == [text("* One\n* Two\n    * Two a")]
    assert "<li>Two<ul>\n<li>Two a</li>" in rendered(body.blocks[0]["value"])


def test_an_ordered_list_keeps_its_numbers():
    body = convert(wp("list", "<ol><li>First</li><li>Second</li></ol>", '{"ordered":true}'))

    assert body.blocks == [text("1. First\n2. Second")]


def test_consecutive_text_blocks_make_one_text_block():
    body = convert(wp("paragraph", "<p>One.</p>") + wp("paragraph", "<p>Two.</p>"))

    assert body.blocks == [text("One.\n\nTwo.")]


def test_an_image_block_becomes_an_image_with_its_caption_and_attachment():
    body = convert(
        wp(
            "image",
            '<figure class="wp-block-image size-large"><img src="https://old.example/cat.jpg"'
            ' alt="A cat" class="wp-image-12"/><figcaption class="wp-element-caption">'
            "The <em>cat</em>, asleep</figcaption></figure>",
            '{"id":12,"sizeSlug":"large"}',
        )
    )

    assert body.blocks == [image("https://old.example/cat.jpg", 12, "A cat", "The cat, asleep")]
    assert body.warnings == []


def test_an_image_block_takes_its_attachment_from_its_attributes_when_the_class_is_missing():
    body = convert(wp("image", '<figure><img src="/cat.jpg" alt=""/></figure>', '{"id":31}'))

    assert body.blocks == [image("/cat.jpg", 31)]


def test_a_resized_variant_keeps_the_address_as_written():
    body = convert(
        wp("image", '<figure><img src="/up/cat-300x200.jpg" class="wp-image-4"/></figure>')
    )

    assert body.blocks == [image("/up/cat-300x200.jpg", 4)]


def test_a_picture_linked_to_its_own_file_loses_the_link_quietly():
    body = convert(
        wp("image", '<figure><a href="/up/cat.jpg"><img src="/up/cat-300x200.jpg"/></a></figure>')
    )

    assert body.blocks == [image("/up/cat-300x200.jpg")]
    assert body.warnings == []


def test_a_picture_linked_elsewhere_reports_the_link_it_loses():
    body = convert(
        wp("image", '<figure><a href="https://shop.example/"><img src="/cat.jpg"/></a></figure>')
    )

    assert body.blocks == [image("/cat.jpg")]
    assert body.warnings == ["the link on a picture to https://shop.example/ is not kept"]


def test_a_gallery_block_becomes_its_images_then_its_caption():
    images = wp(
        "image", '<figure class="wp-block-image"><img src="/a.jpg" alt="A"/></figure>', '{"id":5}'
    ) + wp(
        "image",
        '<figure class="wp-block-image"><img src="/b.jpg" alt="B" class="wp-image-6"/>'
        "<figcaption>Bee</figcaption></figure>",
        '{"id":6}',
    )
    body = convert(
        wp(
            "gallery",
            f'<figure class="wp-block-gallery has-nested-images">{images}'
            '<figcaption class="blocks-gallery-caption">Our trip</figcaption></figure>',
        )
    )

    assert body.blocks == [
        image("/a.jpg", 5, "A"),
        image("/b.jpg", 6, "B", "Bee"),
        text("Our trip"),
    ]


def test_an_old_gallery_block_lists_its_pictures_in_its_own_html():
    body = convert(
        wp(
            "gallery",
            '<figure class="wp-block-gallery"><ul class="blocks-gallery-grid">'
            '<li class="blocks-gallery-item"><figure><img src="/a.jpg" data-id="7"/></figure></li>'
            '<li class="blocks-gallery-item"><figure><img src="/b.jpg"/>'
            '<figcaption class="blocks-gallery-item__caption">Bee</figcaption></figure></li>'
            "</ul></figure>",
            '{"ids":[7,8]}',
        )
    )

    assert body.blocks == [image("/a.jpg", 7), image("/b.jpg", 8, caption="Bee")]


def test_a_quote_block_becomes_a_pull_quote_with_its_citation():
    quote = wp("paragraph", "<p>To be, or not to be.</p>") + wp("paragraph", "<p>Well?</p>")
    body = convert(
        wp("quote", f'<blockquote class="wp-block-quote">{quote}<cite>Hamlet</cite></blockquote>')
    )

    assert body.blocks == [pull_quote("To be, or not to be.\n\nWell?", "Hamlet")]


def test_a_line_break_in_a_quote_is_a_new_line_of_the_pull_quote():
    body = convert(wp("quote", "<blockquote><p>Roses are red,<br>violets blue</p></blockquote>"))

    assert body.blocks == [pull_quote("Roses are red,\nviolets blue")]


def test_a_pullquote_block_becomes_a_pull_quote():
    body = convert(
        wp(
            "pullquote",
            '<figure class="wp-block-pullquote"><blockquote><p>We will not close the library.'
            "</p><cite>The mayor</cite></blockquote></figure>",
        )
    )

    assert body.blocks == [pull_quote("We will not close the library.", "The mayor")]


def test_a_quote_with_a_link_stays_a_quotation_in_the_text():
    body = convert(
        wp(
            "quote",
            '<blockquote class="wp-block-quote"><p>Read <a href="https://example.org/">this</a>'
            "</p><cite>Ann</cite></blockquote>",
        )
    )

    assert body.blocks == [text("> Read [this](https://example.org/)\n>\n> — Ann")]
    assert body.warnings == ["wp:quote kept as a quotation in the text: it holds <a>"]


def test_a_quote_too_long_for_a_pull_quote_stays_a_quotation_in_the_text():
    words = "word " * 130
    body = convert(wp("quote", f"<blockquote><p>{words}</p></blockquote>"))

    assert body.blocks == [text("> " + words.strip())]
    assert body.warnings == [
        "wp:quote kept as a quotation in the text: it is too long for a pull-quote"
    ]


def test_an_embed_block_becomes_an_embed_with_its_caption():
    body = convert(
        wp(
            "embed",
            '<figure class="wp-block-embed is-provider-vimeo"><div class="wp-block-embed__wrapper">'
            "\nhttps://vimeo.com/76979871\n</div><figcaption>The meeting</figcaption></figure>",
            '{"url":"https://vimeo.com/76979871","type":"video","providerNameSlug":"vimeo"}',
        )
    )

    assert body.blocks == [embed("https://vimeo.com/76979871", "The meeting")]


def test_an_older_core_embed_youtube_block_becomes_an_embed():
    body = convert(
        wp(
            "core-embed/youtube",
            '<figure class="wp-block-embed-youtube wp-block-embed">'
            '<div class="wp-block-embed__wrapper">'
            "\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n</div></figure>",
            '{"url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ","type":"video"}',
        )
    )

    assert body.blocks == [embed("https://www.youtube.com/watch?v=dQw4w9WgXcQ")]


def test_an_embed_block_without_attributes_embeds_the_address_it_shows():
    body = convert(
        wp(
            "core-embed/twitter",
            '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n'
            "https://twitter.com/jack/status/20\n</div></figure>",
        )
    )

    assert body.blocks == [embed("https://twitter.com/jack/status/20")]


def test_an_embed_block_with_a_script_address_is_text_and_reported():
    body = convert(
        wp("embed", "<figure>javascript:alert(1)</figure>", '{"url":"javascript:alert(1)"}')
    )

    assert body.blocks == [text("javascript:alert(1)")]
    assert body.warnings == ["wp:embed without an http(s) address kept as text"]


def test_a_video_block_becomes_an_embed_of_its_file():
    body = convert(
        wp(
            "video",
            '<figure class="wp-block-video"><video controls src="https://old.example/clip.mp4">'
            "</video><figcaption>The clip</figcaption></figure>",
            '{"id":9}',
        )
    )

    assert body.blocks == [embed("https://old.example/clip.mp4", "The clip")]


def test_a_code_block_becomes_fenced_code_with_its_text_as_it_was():
    body = convert(
        wp(
            "code",
            '<pre class="wp-block-code"><code>if (a[b[0]]&gt;1) { s = "]]&gt;"; }\n'
            "  return &lt;b&gt;;</code></pre>",
        )
    )

    assert body.blocks == [text('```\nif (a[b[0]]>1) { s = "]]>"; }\n  return <b>;\n```')]
    assert "&lt;b&gt;" in rendered(body.blocks[0]["value"])


def test_code_holding_backtick_fences_gets_a_longer_fence():
    body = convert(wp("code", "<pre><code>```\nnot the end\n```</code></pre>"))

    assert body.blocks == [text("````\n```\nnot the end\n```\n````")]


def test_a_code_language_class_names_the_fence():
    body = convert(wp("code", '<pre><code class="language-python">print(1)</code></pre>'))

    assert body.blocks == [text("```python\nprint(1)\n```")]


def test_a_preformatted_block_becomes_fenced_code():
    body = convert(wp("preformatted", '<pre class="wp-block-preformatted">a  b\nc</pre>'))

    assert body.blocks == [text("```\na  b\nc\n```")]


def test_a_verse_block_becomes_lines_of_text():
    body = convert(wp("verse", '<pre class="wp-block-verse">Roses are red\nViolets blue</pre>'))

    assert body.blocks == [text("Roses are red  \nViolets blue")]


def test_a_table_block_becomes_a_markdown_table():
    body = convert(
        wp(
            "table",
            '<figure class="wp-block-table"><table><thead><tr><th>Team</th><th>Points</th></tr>'
            "</thead><tbody><tr><td>Rovers</td><td>12</td></tr></tbody></table>"
            "<figcaption>After week 3</figcaption></figure>",
        )
    )

    assert body.blocks == [
        text("| Team | Points |\n| --- | --- |\n| Rovers | 12 |\n\nAfter week 3")
    ]


def test_a_separator_block_becomes_a_rule():
    body = convert(
        wp("paragraph", "<p>Before</p>")
        + wp("separator", '<hr class="wp-block-separator"/>')
        + wp("paragraph", "<p>After</p>")
    )

    assert body.blocks == [text("Before\n\n---\n\nAfter")]


def test_a_spacer_block_leaves_nothing_and_says_nothing():
    body = convert(wp("spacer", '<div style="height:50px" aria-hidden="true"></div>'))

    assert body == Body(blocks=[], warnings=[], has_more=False, pages=1)


def test_columns_keep_their_content_and_are_reported_once():
    column = wp(
        "column", '<div class="wp-block-column">' + wp("paragraph", "<p>Left</p>") + "</div>"
    )
    other = wp(
        "column", '<div class="wp-block-column">' + wp("paragraph", "<p>Right</p>") + "</div>"
    )
    body = convert(wp("columns", f'<div class="wp-block-columns">{column}{other}</div>'))

    assert body.blocks == [text("Left\n\nRight")]
    assert body.warnings == ["wp:columns has no Masthead equivalent: its content is kept"]


def test_blocks_nested_in_a_group_in_columns_convert_as_they_would_alone():
    quote = wp("quote", "<blockquote><p>Nested</p><cite>Someone</cite></blockquote>")
    picture = wp("image", '<figure><img src="/in.jpg" class="wp-image-3"/></figure>')
    group = wp("group", f'<div class="wp-block-group">{quote}{picture}</div>')
    column = wp("column", f'<div class="wp-block-column">{group}</div>')
    body = convert(wp("columns", f'<div class="wp-block-columns">{column}</div>'))

    assert body.blocks == [pull_quote("Nested", "Someone"), image("/in.jpg", 3)]
    assert body.warnings == [
        "wp:columns has no Masthead equivalent: its content is kept",
        "wp:group has no Masthead equivalent: its content is kept",
    ]


def test_a_cover_block_becomes_its_picture_then_its_text_and_is_reported():
    inner = wp("paragraph", '<p class="has-text-align-center">Summer</p>')
    body = convert(
        wp(
            "cover",
            '<div class="wp-block-cover"><span class="wp-block-cover__background"></span>'
            f'<div class="wp-block-cover__inner-container">{inner}</div></div>',
            '{"url":"https://old.example/beach.jpg","id":77,"alt":"A beach"}',
        )
    )

    assert body.blocks == [image("https://old.example/beach.jpg", 77, "A beach"), text("Summer")]
    assert body.warnings == ["wp:cover has no Masthead equivalent: its picture and text are kept"]


def test_buttons_become_links_in_the_text_and_are_reported():
    button = wp(
        "button",
        '<div class="wp-block-button">'
        '<a class="wp-block-button__link" href="/donate/">Donate</a></div>',
    )
    body = convert(wp("buttons", f'<div class="wp-block-buttons">{button}</div>'))

    assert body.blocks == [text("[Donate](/donate/)")]
    assert body.warnings == ["wp:buttons has no Masthead equivalent: its content is kept"]


def test_a_custom_html_block_becomes_text_without_its_script_and_is_reported():
    body = convert(wp("html", "<div><b>Sale</b> today<script>track()</script></div>"))

    assert body.blocks == [text("**Sale** today")]
    assert body.warnings == [
        "removed <script> element",
        "wp:html (custom HTML) converted to text: check how it reads",
    ]


def test_a_shortcode_block_with_an_unknown_shortcode_keeps_it_visible_and_reports_it():
    body = convert(wp("shortcode", '[contact-form-7 id="5" title="Contact"]'))

    assert body.blocks == [text('\\[contact-form-7 id="5" title="Contact"\\]')]
    assert body.warnings == ["unknown shortcode [contact-form-7] kept as text"]
    assert '[contact-form-7 id="5" title="Contact"]' in rendered(body.blocks[0]["value"])


def test_a_shortcode_block_with_a_gallery_becomes_images():
    body = convert(wp("shortcode", '[gallery ids="3,4"]'))

    assert body.blocks == [image("", 3), image("", 4)]


def test_a_plugin_block_with_content_keeps_it_and_is_named():
    body = convert(
        wp("jetpack/markdown", "<div><p>From <em>markdown</em></p></div>", '{"source":"x"}')
    )

    assert body.blocks == [text("From *markdown*")]
    assert body.warnings == ["wp:jetpack/markdown has no Masthead equivalent: its content is kept"]


def test_a_link_in_a_pull_quote_citation_is_reported_as_lost():
    body = convert(
        wp(
            "quote",
            '<blockquote><p>Q</p><cite><a href="https://ann.example/">Ann</a></cite></blockquote>',
        )
    )

    assert body.blocks == [pull_quote("Q", "Ann")]
    assert body.warnings == [
        "wp:quote: the link in its citation to https://ann.example/ is not kept"
    ]


def test_a_media_text_block_becomes_its_picture_then_its_text_and_is_reported():
    content = wp("paragraph", "<p>Beside</p>")
    body = convert(
        wp(
            "media-text",
            '<div class="wp-block-media-text"><figure class="wp-block-media-text__media">'
            '<img src="/m.jpg" alt="M" class="wp-image-9"/></figure>'
            f'<div class="wp-block-media-text__content">{content}</div></div>',
            '{"mediaId":9,"mediaType":"image"}',
        )
    )

    assert body.blocks == [image("/m.jpg", 9, "M"), text("Beside")]
    assert body.warnings == ["wp:media-text has no Masthead equivalent: its content is kept"]


def test_a_missing_block_keeps_its_original_content_and_names_the_original_block():
    body = convert(
        '<!-- wp:missing {"originalName":"acme/widget","originalContent":"<p>Widget</p>"} -->\n'
        "<p>Widget</p>\n<!-- /wp:missing -->"
    )

    assert body.blocks == [text("Widget")]
    assert body.warnings == [
        "wp:missing (acme/widget) has no Masthead equivalent: its content is kept"
    ]


def test_a_self_closing_dynamic_block_is_left_out_and_named():
    body = convert(wp("paragraph", "<p>Hi</p>") + '<!-- wp:latest-posts {"postsToShow":3} /-->')

    assert body.blocks == [text("Hi")]
    assert body.warnings == ["wp:latest-posts has no Masthead equivalent and no content: left out"]


def test_a_reusable_block_is_named_as_left_out():
    body = convert('<!-- wp:block {"ref":123} /-->')

    assert body.blocks == []
    assert body.warnings == [
        "wp:block (reusable block 123) is stored apart from the post: left out"
    ]


def test_html_between_blocks_is_converted_too():
    body = convert("<p>Classic bit</p>\n\n" + wp("paragraph", "<p>Block bit</p>"))

    assert body.blocks == [text("Classic bit\n\nBlock bit")]


def test_a_paragraph_of_nothing_but_an_embeddable_address_becomes_an_embed():
    body = convert(wp("paragraph", "<p>https://www.youtube.com/watch?v=dQw4w9WgXcQ</p>"))

    assert body.blocks == [embed("https://www.youtube.com/watch?v=dQw4w9WgXcQ")]


def test_a_more_block_sets_has_more_and_shows_nothing():
    body = convert(
        wp("paragraph", "<p>Teaser</p>")
        + wp("more", "<!--more-->")
        + wp("paragraph", "<p>Rest</p>")
    )

    assert body.blocks == [text("Teaser\n\nRest")]
    assert body.has_more is True


def test_nextpage_blocks_count_the_pages_and_join_them():
    body = convert(
        wp("paragraph", "<p>One</p>")
        + wp("nextpage", "<!--nextpage-->")
        + wp("paragraph", "<p>Two</p>")
        + wp("nextpage", "<!--nextpage-->")
        + wp("paragraph", "<p>Three</p>")
    )

    assert body.blocks == [text("One\n\nTwo\n\nThree")]
    assert body.pages == 3
    assert body.has_more is False


# Classic posts -----------------------------------------------------------------------


def test_classic_blank_lines_make_paragraphs_and_single_newlines_line_breaks():
    body = convert("First line\nsecond line.\n\nNext paragraph.")

    assert body.blocks == [text("First line  \nsecond line.\n\nNext paragraph.")]
    assert rendered(body.blocks[0]["value"]) == (
        "<p>First line<br>\nsecond line.</p>\n<p>Next paragraph.</p>"
    )


def test_classic_text_beside_block_elements_gets_paragraphs_and_the_elements_stay():
    body = convert("Intro\n<h2>Part one</h2>\nText\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\nEnd")

    assert body.blocks == [text("Intro\n\n## Part one\n\nText\n\n* a\n* b\n\nEnd")]


def test_classic_text_inside_a_div_gets_paragraphs_too():
    body = convert('<div class="entry">One\n\nTwo</div>')

    assert body.blocks == [text("One\n\nTwo")]


def test_classic_preformatted_text_keeps_its_newlines():
    body = convert("Code:\n<pre>line 1\n\nline 3</pre>")

    assert body.blocks == [text("Code:\n\n```\nline 1\n\nline 3\n```")]


def test_classic_content_with_paragraph_tags_is_left_as_it_is():
    body = convert("<p>One\nstill one</p>\n<p>Two</p>")

    assert body.blocks == [text("One  \nstill one\n\nTwo")]


def test_empty_classic_paragraphs_are_left_out():
    body = convert("<p>&nbsp;</p>\n<p>Text</p>\n<p><br></p>\n<p>More</p>")

    assert body.blocks == [text("Text\n\nMore")]


def test_a_classic_blockquote_stays_a_quotation_in_the_text():
    body = convert("<blockquote>Quoted\nstill quoted\n\nSecond paragraph</blockquote>")

    assert body.blocks == [text("> Quoted  \n> still quoted\n>\n> Second paragraph")]
    assert body.warnings == []


def test_a_linked_picture_with_words_leaves_the_words_linked():
    body = convert('<a href="/post/"><img src="/a.jpg"> Read the post</a>')

    assert body.blocks == [image("/a.jpg"), text("[Read the post](/post/)")]


def test_a_caption_shortcode_becomes_an_image_with_its_caption():
    body = convert(
        '[caption id="attachment_41" align="aligncenter" width="640"]<a href="/up/pier.jpg">'
        '<img class="size-large wp-image-41" src="/up/pier-640x427.jpg" alt="The pier" /></a>'
        " The pier, before the storm[/caption]"
    )

    assert body.blocks == [
        image("/up/pier-640x427.jpg", 41, "The pier", "The pier, before the storm")
    ]
    assert body.warnings == []


def test_an_old_caption_shortcode_takes_its_caption_from_the_attribute():
    body = convert('[caption id="attachment_9" caption="A &amp; B"]<img src="/x.jpg" />[/caption]')

    assert body.blocks == [image("/x.jpg", 9, caption="A & B")]


def test_a_gallery_shortcode_becomes_one_image_per_attachment():
    body = convert('Before\n\n[gallery columns="2" link="file" ids="52, 53"]\n\nAfter')

    assert body.blocks == [text("Before"), image("", 52), image("", 53), text("After")]


def test_a_gallery_shortcode_without_ids_shows_the_posts_attached_pictures():
    body = convert('[gallery columns="2" exclude="4, 9"]')

    assert body.blocks == [{"type": "attached_pictures", "value": AttachedPictures((4, 9))}]
    assert body.warnings == []


def test_a_gallery_shortcode_with_unusable_ids_stays_visible_and_is_reported():
    body = convert('[gallery ids="one,two"]')

    assert body.blocks == [text('\\[gallery ids="one,two"\\]')]
    assert body.warnings == ["[gallery] with no usable ids kept as text"]


def test_an_embed_shortcode_becomes_an_embed():
    body = convert('[embed width="500"]https://vimeo.com/76979871[/embed]')

    assert body.blocks == [embed("https://vimeo.com/76979871")]


def test_a_video_shortcode_becomes_an_embed_of_its_file():
    body = convert('[video width="640" mp4="https://old.example/clip.mp4"][/video]')

    assert body.blocks == [embed("https://old.example/clip.mp4")]


def test_an_audio_shortcode_becomes_an_embed_of_its_file():
    body = convert('[audio src="https://old.example/talk.mp3"]')

    assert body.blocks == [embed("https://old.example/talk.mp3")]


def test_an_audio_shortcode_without_an_address_stays_visible_and_is_reported():
    body = convert("[audio]")

    assert body.blocks == [text("\\[audio\\]")]
    assert body.warnings == ["[audio] without an http(s) address kept as text"]


def test_an_embeddable_address_alone_on_its_line_becomes_an_embed():
    body = convert("Watch this:\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\nGood, no?")

    assert body.blocks == [
        text("Watch this:"),
        embed("https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        text("Good, no?"),
    ]


def test_another_address_alone_on_its_line_becomes_a_link():
    body = convert("See\n\nhttps://example.org/report\n\nthere.")

    assert body.blocks == [
        text("See\n\n[https://example.org/report](https://example.org/report)\n\nthere.")
    ]


def test_an_address_inside_a_sentence_stays_text():
    body = convert("Go to https://www.youtube.com/watch?v=dQw4w9WgXcQ now.")

    assert body.blocks == [text("Go to https://www.youtube.com/watch?v=dQw4w9WgXcQ now.")]


def test_an_unknown_shortcode_stays_visible_and_is_reported():
    body = convert('Rate us: [ratings id="7"]')

    assert body.blocks == [text('Rate us: \\[ratings id="7"\\]')]
    assert body.warnings == ["unknown shortcode [ratings] kept as text"]
    assert rendered(body.blocks[0]["value"]) == '<p>Rate us: [ratings id="7"]</p>'


def test_known_shortcodes_inside_an_unknown_one_still_convert():
    body = convert('[tabs]\n\n[gallery ids="1"]\n\n[/tabs]')

    assert body.blocks == [text("\\[tabs\\]"), image("", 1), text("\\[/tabs\\]")]
    assert body.warnings == ["unknown shortcode [tabs] kept as text"]


def test_a_shortcode_written_with_double_brackets_shows_literally():
    body = convert("Type [[gallery]] to show a gallery.")

    assert body.blocks == [text("Type \\[gallery\\] to show a gallery.")]
    assert body.warnings == []


def test_a_bracketed_aside_is_not_reported_as_a_shortcode():
    body = convert("[Editor's note: updated.] See [this](page) too.")

    assert body.warnings == []


def test_shortcodes_inside_code_are_left_alone():
    body = convert('<pre>[gallery ids="1"]</pre>')

    assert body.blocks == [text('```\n[gallery ids="1"]\n```')]


def test_the_more_comment_sets_has_more_and_never_shows():
    body = convert("Teaser.\n<!--more-->\nThe rest.")

    assert body.blocks == [text("Teaser.\n\nThe rest.")]
    assert body.has_more is True
    assert "more" not in rendered_body(body)


def test_a_more_comment_with_its_own_link_text_sets_has_more():
    body = convert("Teaser.<!--more Keep reading-->The rest.")

    assert body.has_more is True
    assert "Keep reading" not in rendered_body(body)


def test_nextpage_comments_count_pages_and_the_pages_are_joined():
    body = convert("Page one.\n<!--nextpage-->\nPage two.\n<!--nextpage-->\nPage three.")

    assert body.blocks == [text("Page one.\n\nPage two.\n\nPage three.")]
    assert body.pages == 3
    assert "nextpage" not in rendered_body(body)


def test_an_inline_image_splits_its_paragraph():
    body = convert('<p>Before the <img src="/a.jpg" alt="A" class="wp-image-2"> after.</p>')

    assert body.blocks == [text("Before the"), image("/a.jpg", 2, "A"), text("after.")]


def test_an_image_in_a_list_item_splits_the_list():
    body = convert('<ol><li>One</li><li>Two <img src="/a.jpg"></li><li>Three</li></ol>')

    assert body.blocks == [text("1. One\n2. Two"), image("/a.jpg"), text("3. Three")]


def test_an_image_in_a_table_follows_the_table():
    body = convert('<table><tr><td>Photo</td><td><img src="/a.jpg"></td></tr></table>')

    assert body.blocks == [text("|  |  |\n| --- | --- |\n| Photo |  |"), image("/a.jpg")]
    assert body.warnings == ["a picture or embed inside a table was moved after the table"]


def test_a_framed_youtube_player_becomes_an_embed_of_its_video_and_is_reported():
    body = convert('<iframe width="560" src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>')

    assert body.blocks == [embed("https://www.youtube.com/watch?v=dQw4w9WgXcQ")]
    assert body.warnings == [
        "<iframe> of https://www.youtube.com/embed/dQw4w9WgXcQ turned into an embed of "
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    ]


def test_an_html5_video_becomes_an_embed_of_its_source():
    body = convert('<video controls><source src="https://old.example/a.webm"></video>')

    assert body.blocks == [embed("https://old.example/a.webm")]


# Text: characters, entities, escaping ---------------------------------------------------


def test_non_ascii_text_comes_through_unchanged():
    body = convert("Ça va — naïve café, 日本語, Ελληνικά, emoji 🎉.")

    assert body.blocks == [text("Ça va — naïve café, 日本語, Ελληνικά, emoji 🎉.")]
    assert (
        rendered(body.blocks[0]["value"])
        == "<p>Ça va — naïve café, 日本語, Ελληνικά, emoji 🎉.</p>"
    )


def test_html_entities_are_decoded_and_shown_as_the_characters_they_name():
    body = convert("&#8220;Fish &amp; chips&#8221; &hellip; 5 &lt; 6 &gt; 4, a&nbsp;b, &lt;b&gt;")

    assert body.blocks == [text("“Fish &amp; chips” … 5 &lt; 6 &gt; 4, a\xa0b, &lt;b&gt;")]
    assert rendered(body.blocks[0]["value"]) == (
        "<p>“Fish &amp; chips” … 5 &lt; 6 &gt; 4, a&nbsp;b, &lt;b&gt;</p>"
    )


@pytest.mark.parametrize(
    "plain",
    [
        "* not a list",
        "+ not a list",
        "- not a list",
        "1. not a list",
        "# not a heading",
        "#hashtag",
        "> not a quote",
        "---",
        "=====",
        ": not a definition",
        "_not emphasis_ and *not either*",
        "`not code`",
        "[not](a link) ![not](an image)",
        "{: .not-attributes}",
        "| not | a table |",
        "~~not struck~~ ~nor this~",
        "<:page:1> is not a wagtail-markdown link",
        "a \\ backslash and C# and F#",
    ],
)
def test_markdown_characters_in_text_show_as_themselves(plain):
    body = convert(f"<p>{plain.replace('&', '&amp;').replace('<', '&lt;')}</p>")
    html = rendered(body.blocks[0]["value"])

    assert plain_text(html) == plain


def test_cdata_sections_in_the_content_are_shown_as_their_text():
    body = convert("<p>Before <![CDATA[ a < b ]]> after</p>")

    assert body.blocks == [text("Before  a &lt; b  after")]


def test_code_holding_the_cdata_end_keeps_it():
    body = convert("<pre><code>x = data[i[0]]>0 ? ']]>' : '';</code></pre>")

    assert body.blocks == [text("```\nx = data[i[0]]>0 ? ']]>' : '';\n```")]


def test_inline_code_keeps_its_text_on_one_line():
    body = convert("<p>Run <code>ls *.txt\n# not a heading</code> now.</p>")

    assert body.blocks == [text("Run `ls *.txt # not a heading` now.")]


def test_code_in_a_list_item_is_a_code_span_a_line():
    body = convert("<ul><li><pre>&lt;b&gt;bold?\n  x = 1</pre></li><li>next</li></ul>")

    assert body.blocks == [text("* `<b>bold?`  \n    `x = 1`\n* next")]
    assert "<li><code>&lt;b&gt;bold?</code><br>\n<code>x = 1</code></li>" in rendered(
        body.blocks[0]["value"]
    )


def test_code_in_a_quotation_is_a_code_span_a_line():
    body = convert("<blockquote><pre>&lt;i&gt;\n\nend</pre></blockquote>")

    assert body.blocks == [text("> `<i>`  \n> `end`")]


def test_code_in_a_link_stays_inside_the_link():
    body = convert('<a href="/x/"><pre>a\n\nb</pre></a>')

    assert body.blocks == [text("[`a` `b`](/x/)")]


# Hostile HTML ------------------------------------------------------------------------

HOSTILE = """<p>Hello<script>alert(1)</script> <b onmouseover="alert(2)">there</b>
<a href="JaVaScRiPt:alert(3)">one</a> <a href="java\tscript:alert(4)">two</a>
<a href="&#106;avascript:alert(5)">three</a> <a href="data:text/html,x">four</a></p>
<style>body { display: none }</style>
<img src="x.jpg" onerror="alert(6)">
<img src="javascript:alert(7)">
<iframe src="javascript:alert(8)"></iframe>
<svg onload="alert(9)"><script>alert(10)</script></svg>
<object data="javascript:alert(11)"></object>
<form action="javascript:alert(12)"><input onfocus="alert(13)" autofocus></form>
<div style="background:url(javascript:alert(14))">styled</div>
<details open ontoggle="alert(15)">toggle</details>
<meta http-equiv="refresh" content="0;url=javascript:alert(16)">
"""


def test_hostile_html_is_removed_and_reported():
    body = convert(HOSTILE)

    assert body.blocks == [
        text("Hello **there**  \none two  \nthree four"),
        image("x.jpg"),
        text("styled\n\ntoggle"),
    ]
    assert body.warnings == [
        "removed <script> element",
        "removed onmouseover event handler attribute",
        "removed a javascript: link address (the link text is kept)",
        "removed a data: link address (the link text is kept)",
        "removed <style> element",
        "removed onerror event handler attribute",
        "removed <iframe> element",
        "removed <svg> element",
        "removed <object> element",
        "removed <form> element",
        "removed ontoggle event handler attribute",
        "removed <meta> element",
        "removed a picture with a javascript: address",
    ]


def test_hostile_html_never_reaches_the_page():
    html = rendered_body(convert(HOSTILE))

    assert "<script" not in html
    assert "onerror=" not in html
    assert "javascript:" not in html
    assert "<iframe" not in html
    assert "<style" not in html
    assert "alert" not in html


def test_hostile_markup_spelled_as_text_is_shown_as_text():
    body = convert(
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;</p>"
    )
    html = rendered(body.blocks[0]["value"])

    assert html == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;</p>"
    )


def test_an_embed_marker_spelled_in_the_post_with_a_script_address_is_removed():
    body = convert('<wp-embed data-url="javascript:alert(1)"></wp-embed>')

    assert body.blocks == []
    assert body.warnings == ["removed <wp-embed> element without an http(s) address"]


def test_html_nested_too_deep_is_unwrapped_to_its_text_and_reported():
    body = convert("<span>" * 500 + "deep" + "</span>" * 500 + " end")

    assert body.blocks == [text("deep end")]
    assert body.warnings == ["HTML nested over 40 elements deep: the deeper ones unwrapped"]


def test_a_picture_embedded_as_data_is_removed_and_reported():
    body = convert('<p><img src="data:image/png;base64,iVBORw0KGgo=" alt="dot"></p>')

    assert body.blocks == []
    assert body.warnings == ["removed a picture with a data: address"]


def test_a_caption_too_long_for_its_field_is_shortened_and_reported():
    caption = "long " * 70
    body = convert(f'[caption id="attachment_1"]<img src="/a.jpg"> {caption}[/caption]')

    value = body.blocks[0]["value"]
    assert len(value["caption"]) == 300
    assert value["caption"].endswith("…")
    assert value["image"].caption == caption.strip()
    assert body.warnings == [
        "caption longer than 300 characters shortened: long long long long long long long long …"
    ]


# Links ---------------------------------------------------------------------------------


def test_rewrite_url_replaces_the_links_it_answers_for():
    addresses = {"https://old.example/2019/04/last-season/": "/sport/last-season/"}
    body = convert(
        '<p><a href="https://old.example/2019/04/last-season/">Last season</a> and '
        '<a href="https://elsewhere.example/">elsewhere</a></p>',
        rewrite_url=addresses.get,
    )

    assert body.blocks == [
        text("[Last season](/sport/last-season/) and [elsewhere](https://elsewhere.example/)")
    ]


def test_rewrite_url_is_asked_about_every_link_as_written():
    asked = []
    convert(
        '<p><a href=" /a/ ">a</a></p>' + wp("paragraph", '<p><a href="/b/">b</a></p>'),
        rewrite_url=lambda url: asked.append(url),
    )

    assert asked == ["/a/", "/b/"]


def test_a_link_rewritten_to_a_wagtail_page_link_is_kept():
    body = convert('<p><a href="/?p=12">a post</a></p>', rewrite_url=lambda url: "page:34")

    assert body.blocks == [text("[a post](page:34)")]


def test_an_address_that_would_end_a_markdown_link_is_encoded():
    body = convert('<p><a href="https://example.org/a (b)/c" title="Say &quot;hi&quot;">x</a></p>')

    assert body.blocks == [text("[x](https://example.org/a%20%28b%29/c \"Say 'hi'\")")]
    assert 'href="https://example.org/a%20%28b%29/c"' in rendered(body.blocks[0]["value"])


def test_link_text_keeps_its_formatting():
    body = convert('<p><a href="/x/"><em>Read</em> more</a></p>')

    assert body.blocks == [text("[*Read* more](/x/)")]


# plain_text ---------------------------------------------------------------------------


def test_plain_text_decodes_entities_and_strips_tags():
    assert plain_text("Fish &amp; <em>chips</em>&#8217;s &lt;best&gt;") == "Fish & chips’s <best>"


def test_plain_text_collapses_whitespace_and_keeps_blocks_apart():
    assert plain_text("<p>One\n\n  two</p><p>three</p>four<br>five") == "One two three four five"


def test_plain_text_leaves_out_scripts_and_styles():
    assert plain_text("Title<script>alert(1)</script><style>p{}</style>") == "Title"


def test_plain_text_of_plain_text_is_the_same_text():
    assert plain_text("Q&A: 5 < 6") == "Q&A: 5 < 6"


# Whole posts ---------------------------------------------------------------------------


def test_empty_content_is_an_empty_body():
    assert convert("") == Body(blocks=[], warnings=[], has_more=False, pages=1)


def test_a_classic_post_converts_whole():
    body = convert(
        (SAMPLES / "classic_post.html").read_text(),
        rewrite_url={"https://old.example/2019/04/last-season/": "/sport/last-season/"}.get,
    )

    assert body.blocks == [
        text(
            "Welcome to the **new** season. No paragraph tags here,  \n"
            "just WordPress's own line breaks."
        ),
        image(
            "https://old.example/wp-content/uploads/2019/05/pier-640x427.jpg",
            41,
            "The pier at dawn",
            "The pier, before the storm",
        ),
        text("Read [last season's review](/sport/last-season/) first."),
        embed("https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        text("### Fixtures\n\n* Home &amp; away\n* Cup ties"),
        image("", 52),
        image("", 53),
        text('\\[ratings id="7"\\]\n\nPage two, where the season ends.'),
    ]
    assert body.warnings == ["unknown shortcode [ratings] kept as text"]
    assert (body.has_more, body.pages) == (True, 2)


def test_a_block_editor_post_converts_whole():
    body = convert((SAMPLES / "block_post.html").read_text())

    assert body.blocks == [
        text("The council met on *Tuesday*."),
        image(
            "https://old.example/wp-content/uploads/2024/02/hall-1024x683.jpg",
            88,
            "The town hall",
            "The town hall on Tuesday",
        ),
        pull_quote("We will not close the library.", "The mayor"),
        text("## For\n\nTwelve votes.\n\n## Against\n\nThree votes."),
        embed("https://vimeo.com/76979871", "The full meeting"),
    ]
    assert body.warnings == [
        "wp:columns has no Masthead equivalent: its content is kept",
        "wp:jetpack/related-posts has no Masthead equivalent and no content: left out",
    ]
    assert (body.has_more, body.pages) == (False, 1)


# Property: whatever the HTML, the markdown makes no markup of its text ------------------

# Text that means something to Python-Markdown or to a browser, as HTML text (escaped).
_PIECES = st.sampled_from(
    [
        "&lt;x-fuzz&gt;",
        "&lt;script&gt;x()&lt;/script&gt;",
        "&lt;img src=x onerror=x()&gt;",
        "&lt;!-- c --&gt;",
        "&lt;:page:1&gt;",
        "&amp;lt;x-fuzz&amp;gt;",
        "# h",
        "1. i",
        "- l",
        "* s",
        "&gt; q",
        "```",
        "~~~",
        "    four",
        "===",
        ": d",
        "[a](javascript:x())",
        "*e*",
        "_u_",
        "`c`",
        "|t|",
        "{: onclick=x}",
        "\\",
        "\n",
        "\n\n",
        " ",
        "word",
        # Markup a post may hold, for the sanitiser.
        "<script>x()</script>",
        "<img src=/a.jpg onerror=x()>",
        '<a href="javascript:x()">j</a>',
        "<iframe src=https://www.youtube.com/embed/x></iframe>",
        "<b onclick=x()>b</b>",
        "<style>*{}</style>",
        "[caption]<img src=/a.jpg> c[/caption]",
        '[gallery ids="1"]',
        "[unknown]",
        "<!--more-->",
        "https://www.youtube.com/watch?v=x",
    ]
)
_WRAPPERS = st.sampled_from(
    [
        "<p>{}</p>",
        "<ul><li>{}</li><li>{}</li></ul>",
        "<ol><li>{}</li></ol>",
        "<blockquote>{}</blockquote>",
        "<pre>{}</pre>",
        "<code>{}</code>",
        "<h2>{}</h2>",
        "<em>{}</em>",
        "<table><tr><td>{}</td></tr></table>",
        "<dl><dt>{}</dt><dd>{}</dd></dl>",
        '<a href="/x/">{}</a>',
        "<div>{}</div>",
        "{}<br>{}",
        "{}\n\n{}",
        "<figure>{}<figcaption>{}</figcaption></figure>",
    ]
)
_HTML = st.recursive(
    st.lists(_PIECES, min_size=1, max_size=4).map("".join),
    lambda inner: st.tuples(_WRAPPERS, st.lists(inner, min_size=2, max_size=2)).map(
        lambda pair: pair[0].format(*pair[1])
    ),
    max_leaves=8,
)
# What Python-Markdown writes for markdown syntax; anything else came from the text.
_MARKDOWN_TAGS = frozenset(
    {"p", "br", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre", "div", "span"}
    | {"ul", "ol", "li", "blockquote", "hr", "a", "table", "thead", "tbody", "tr", "th", "td"}
    | {"dl", "dt", "dd", "del"}
)


def example_each(htmls):
    """Hypothesis examples: each of ``htmls`` as classic content and as a block."""

    def decorate(test):
        for html in htmls:
            test = example(html, True)(example(html, False)(test))
        return test

    return decorate


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


# Code whose place decides whether Python-Markdown reads it as code.
_CODE_IN_PLACES = [
    "<ul><li><pre>&lt;x-fuzz&gt;</pre></li><li>b</li></ul>",
    "<blockquote><pre>&lt;x-fuzz&gt;\n\n&lt;x-fuzz&gt;</pre></blockquote>",
    "<table><tr><td><pre>&lt;x-fuzz&gt;\n\n&lt;x-fuzz&gt;</pre></td></tr></table>",
    "<dl><dt><pre>a\n\n&lt;x-fuzz&gt;</pre></dt><dd><pre>a\n\n&lt;x-fuzz&gt;</pre></dd></dl>",
    "<h2><pre>a\n\n&lt;x-fuzz&gt;</pre></h2>",
    "<p><code>a\n\n# &lt;x-fuzz&gt;</code></p>",
    "<a href='/x'><pre>a\n\n&lt;x-fuzz&gt;</pre></a>",
    "<ol><li><blockquote><pre>&lt;x-fuzz&gt;</pre></blockquote></li></ol>",
    "<em><pre>&lt;x-fuzz&gt;\n\n&lt;x-fuzz&gt;</pre></em>",
    "<code><pre>a\n\n&lt;x-fuzz&gt;</pre></code>",
    "<pre>```\n&lt;x-fuzz&gt;</pre>",
]


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(_HTML, st.booleans())
@example_each(_CODE_IN_PLACES)
def test_text_never_becomes_markup(html, classic):
    content = html if classic else wp("html", html)
    for block in convert(content).blocks:
        if block["type"] != "text":
            continue
        # Python-Markdown's own HTML, before wagtail-markdown's sanitiser has its say.
        parser = _Elements()
        parser.feed(markdown.markdown(block["value"], extensions=["extra", "codehilite"]))
        for tag, attrs in parser.found:
            assert tag in _MARKDOWN_TAGS, (block["value"], tag)
            assert not any(name.startswith("on") for name in attrs), (block["value"], attrs)
            assert "javascript" not in attrs.get("href", ""), (block["value"], attrs)


def test_an_audio_shortcode_may_name_its_file_without_an_attribute():
    body = convert("[audio https://blog.files.wordpress.com/2008/06/blues.mp3]")

    assert body.blocks == [embed("https://blog.files.wordpress.com/2008/06/blues.mp3")]


def test_a_picture_linked_to_its_attachment_page_loses_the_link_quietly():
    content = (
        '<a href="https://old.example.org/2010/09/10/trip/beach-2/">'
        '<img src="https://old.example.org/wp-content/uploads/2010/09/beach-300x200.jpg" alt="B">'
        '</a> <a href="https://old.example.org/shop/"><img src="/c.jpg" alt="C"></a>'
    )
    body = convert(content)

    assert [block["type"] for block in body.blocks] == ["image", "image"]
    assert body.warnings == ["the link on a picture to https://old.example.org/shop/ is not kept"]
