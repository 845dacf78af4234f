"""The elements that stand for body blocks between parsing and making the blocks.

Shortcodes, frames and addresses alone on their line become these, so that the
HTML pass lifts them out of their paragraphs like pictures. A post may spell them
itself; they are checked like everything else it holds.
"""

from __future__ import annotations

EMBED_MARKER = "wp-embed"
GALLERY_MARKER = "wp-gallery"
MARKERS = (EMBED_MARKER, GALLERY_MARKER)
# Attributes of the <figure> that a [caption] becomes.
CAPTION_MARKER = "data-wp-caption"
ATTACHMENT_MARKER = "data-wp-attachment"
