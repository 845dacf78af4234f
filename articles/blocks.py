"""The blocks an article body is written in."""

from __future__ import annotations

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtailmarkdown.blocks import MarkdownBlock


class PullQuoteBlock(blocks.StructBlock):
    """A quotation set apart from the text, with who said it."""

    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "articles/blocks/pull_quote.html"


class CaptionedImageBlock(blocks.StructBlock):
    """An image in the text, with alt text and an optional caption and credit."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=255,
        help_text="Describe the image for readers who cannot see it. "
        "Leave empty to use the image's own description.",
    )
    caption = blocks.CharBlock(required=False, max_length=300)
    credit = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "image"
        template = "articles/blocks/image.html"


class ArticleEmbedBlock(blocks.StructBlock):
    """A video or post from another site; a plain link when it cannot be embedded."""

    embed = EmbedBlock(help_text="The address of a video or post, e.g. a YouTube link.")
    caption = blocks.CharBlock(required=False, max_length=300)

    class Meta:
        icon = "media"
        template = "articles/blocks/embed.html"


class ArticleBodyBlock(blocks.StreamBlock):
    """The article body: markdown text with pull-quotes, images and embeds between."""

    text = MarkdownBlock(icon="doc-full", help_text="Markdown: ## for a section heading.")
    pull_quote = PullQuoteBlock()
    image = CaptionedImageBlock()
    embed = ArticleEmbedBlock()
