"""A comment moderator that takes 30 s to answer, as a spam service that hangs would."""

from __future__ import annotations

from plugins import hookimpl
from plugins.types import Verdict

from .sleep import nap


@hookimpl
def moderate_comment(comment):
    nap()
    return Verdict.APPROVE
