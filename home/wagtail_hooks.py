"""Admin wiring for the home app."""

from __future__ import annotations

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def markdown_editor_options() -> str:
    """Configure the markdown editor before any editor on the page starts."""
    return format_html('<script src="{}"></script>', static("home/js/admin-markdown.js"))
