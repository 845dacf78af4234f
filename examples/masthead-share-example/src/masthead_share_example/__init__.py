"""A Masthead plugin adding a "Share on diaspora*" button to the share row.

diaspora* is decentralised: the diaspora* foundation's sharing service asks the
reader for their pod once, then sends them to its publisher with the title and
address filled in (https://share.diasporafoundation.org/about.html).
"""

from __future__ import annotations

from urllib.parse import urlencode

from plugins import hookimpl
from plugins.types import ShareProvider, ShareTarget

__version__ = "0.1.0"

SHARE_ENDPOINT = "https://share.diasporafoundation.org/"

# diaspora*'s asterisk, drawn in the text colour like the built-in icons.
ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24" '
    'aria-hidden="true" focusable="false"><path fill="currentColor" d="M11 2h2v7.3l6.9-2.3.6 '
    "1.9-6.9 2.3 4.3 5.9-1.6 1.2L12 12.4l-4.3 5.9-1.6-1.2 4.3-5.9L3.5 8.9l.6-1.9L11 9.3z"
    '"/></svg>'
)


def build_url(target: ShareTarget) -> str:
    """The sharing service's address for ``target``: its documented ``title`` and ``url``."""
    return f"{SHARE_ENDPOINT}?{urlencode({'title': target.title, 'url': target.url})}"


DIASPORA = ShareProvider(key="diaspora", label="Share on diaspora*", icon=ICON, build_url=build_url)


@hookimpl
def register_share_providers() -> list[ShareProvider]:
    """One button; editors add it to the row in Settings → Sharing."""
    return [DIASPORA]
