"""Nonces for the Wagtail admin's own inline scripts, and for nothing else.

Wagtail 8 still writes a few small inline scripts into admin pages: chooser
widgets (``new PageChooser("id", {...});``, written by Python, not a template),
date and time pickers (``initDateTimeChooser("id", {...});``) and inline panels
(``new InlinePanel(JSON.parse("..."))``). Under a policy without
``'unsafe-inline'`` the browser runs them only with the response's nonce, and
Wagtail has no seam to add one. So admin HTML is scanned, and a bare
``<script>`` is given the nonce only when its code is one of those calls with
pure JSON data as arguments: such a script can do nothing but start a Wagtail
widget. Any other inline script, injected or not, stays without a nonce and
the browser refuses it.
"""

from __future__ import annotations

import json
import logging
import re

from django.http import HttpRequest, HttpResponseBase
from django.urls import NoReverseMatch, reverse

logger = logging.getLogger(__name__)

BARE_SCRIPT = re.compile(r"<script>(?P<code>[^<]*)</script>")
# Wagtail's widget initialisers, each called with data only (checked as JSON).
WIDGET_CALL = re.compile(
    r"\s*(?:new\s+[A-Z][A-Za-z]*Chooser|init(?:Date|Time|DateTime)Chooser|createTaskChooser)"
    r"\((?P<arguments>.*)\);\s*",
    re.DOTALL,
)
PANEL_INIT = re.compile(
    r"\s*\(function\(\)\s*\{\s*var\s+panel\s*=\s*new\s+(?:InlinePanel|MultipleChooserPanel)"
    r"\(JSON\.parse\((?P<arguments>.*)\)\);\s*\}\)\(\);\s*",
    re.DOTALL,
)


def is_wagtail_initialiser(code: str) -> bool:
    """Whether the script only calls a known Wagtail widget initialiser with JSON data."""
    for pattern in (WIDGET_CALL, PANEL_INIT):
        match = pattern.fullmatch(code)
        if match is None:
            continue
        try:
            json.loads(f"[{match['arguments']}]")
        except ValueError:
            return False
        return True
    return False


def _admin_prefix() -> str | None:
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:
        return None


def _is_admin_html(request: HttpRequest, response: HttpResponseBase) -> bool:
    prefix = _admin_prefix()
    return (
        prefix is not None
        and request.path_info.startswith(prefix)
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and b"<script>" in response.content
    )


def stamp_admin_scripts(request: HttpRequest, response: HttpResponseBase) -> None:
    """Give the Wagtail admin's own inline scripts in ``response`` the request's CSP nonce."""
    if not _is_admin_html(request, response):
        return
    nonce = str(request.csp_nonce)

    def stamp(match: re.Match[str]) -> str:
        code = match["code"]
        if is_wagtail_initialiser(code):
            return f'<script nonce="{nonce}">{code}</script>'
        logger.warning(
            "An inline script on %s is not a known Wagtail initialiser and gets no nonce; "
            "browsers will refuse it: %.80s",
            request.path_info,
            code.strip(),
        )
        return match[0]

    charset = response.charset or "utf-8"
    html = BARE_SCRIPT.sub(stamp, response.content.decode(charset))
    response.content = html.encode(charset)
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
