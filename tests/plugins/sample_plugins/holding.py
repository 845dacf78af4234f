"""A moderation plugin that holds every comment for an editor."""

from __future__ import annotations

from plugins import hookimpl
from plugins.types import Verdict


@hookimpl
def moderate_comment(comment, request):
    return Verdict.HOLD
