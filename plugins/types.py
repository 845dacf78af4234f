"""What plugins return: small frozen dataclasses (and one enum), checked by the host."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, field

KEY = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


def _check_key(kind: str, key: str) -> None:
    if not KEY.match(key):
        raise ValueError(
            f"{kind} key {key!r} must be 1-40 lowercase letters, digits, '-' or '_', "
            "starting with a letter"
        )


@dataclass(frozen=True)
class ShareTarget:
    """What a share link is built from: the article as the networks should see it.

    ``url`` is the article's canonical address, with the site's UTM parameters
    already added; ``image_url`` is absolute or empty. ``fediverse_server`` is
    the Mastodon-compatible server the site shares to (Settings → Sharing), for
    networks that have no central share address.
    """

    url: str
    title: str
    lede: str = ""
    image_url: str = ""
    tags: tuple[str, ...] = ()
    fediverse_server: str = "mastodon.social"


class ShareKind(enum.StrEnum):
    """How a share button works on the page."""

    LINK = "link"  # an ordinary link to the network's share endpoint
    COPY = "copy"  # copies the address; without JavaScript, a plain link to it
    NATIVE = "native"  # the device's share sheet (Web Share API), shown only where supported


@dataclass(frozen=True)
class ShareProvider:
    """One button of the share row.

    ``build_url`` turns a :class:`ShareTarget` into the network's share address,
    every value URL-encoded. ``icon`` is inline SVG markup (no external file):
    it is trusted, as plugin code is. ``label`` is what a screen reader says
    ("Share on Mastodon").
    """

    key: str
    label: str
    icon: str
    build_url: Callable[[ShareTarget], str]
    kind: ShareKind = ShareKind.LINK
    shown_by_default: bool = False  # in the row while the site's editors have chosen none

    def __post_init__(self) -> None:
        _check_key("Share provider", self.key)
        if not self.icon.lstrip().startswith("<svg"):
            raise ValueError(f"Share provider {self.key!r}: icon must be inline <svg> markup")


class SentimentLabel(enum.StrEnum):
    """The labels a sentiment badge can show."""

    POSITIVE = "positive"
    NEGATIVE = "negative"
    NEUTRAL = "neutral"
    MIXED = "mixed"

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(label.value, label.text) for label in cls]

    @property
    def text(self) -> str:
        return {
            "positive": "Positive",
            "negative": "Negative",
            "neutral": "Neutral",
            "mixed": "Neutral – good and bad",
        }[self.value]


@dataclass(frozen=True)
class Sentiment:
    """An analyzer's verdict on a text: ``score`` from -1 (negative) to 1 (positive)."""

    score: float
    label: SentimentLabel

    def __post_init__(self) -> None:
        if not -1.0 <= self.score <= 1.0:
            raise ValueError(f"sentiment score {self.score} is outside -1..1")
        object.__setattr__(self, "label", SentimentLabel(self.label))


@dataclass(frozen=True)
class SentimentAnalyzer:
    """Something that scores text. ``name`` and ``version`` are stored with each score,
    so an article scored by an older analyzer can be found and scored again."""

    name: str
    version: str
    analyze: Callable[[str], Sentiment]

    def __post_init__(self) -> None:
        _check_key("Sentiment analyzer", self.name)


class BadgeTone(enum.StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    NEUTRAL = "neutral"
    INFO = "info"


@dataclass(frozen=True)
class Badge:
    """A small label shown with an article ("Neutral – good and bad", "Long read")."""

    key: str
    label: str
    description: str = ""
    tone: BadgeTone = BadgeTone.INFO
    data: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        _check_key("Badge", self.key)
        object.__setattr__(self, "tone", BadgeTone(self.tone))


class Verdict(enum.IntEnum):
    """A comment moderator's answer; a larger value is stricter, and the strictest wins."""

    APPROVE = 0
    HOLD = 1
    REJECT = 2
