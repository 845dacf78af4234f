"""A share plugin whose hook itself takes 30 s to say which providers it offers."""

from __future__ import annotations

from plugins import hookimpl
from plugins.types import ShareProvider

from .sleep import nap
from .sleeping_share import ICON


@hookimpl
def register_share_providers():
    nap()
    return [
        ShareProvider(
            key="late",
            label="Share on Late",
            icon=ICON,
            build_url=lambda target: target.url,
            shown_by_default=True,
        )
    ]
