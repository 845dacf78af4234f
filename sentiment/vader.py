"""The VADER sentiment analyzer and the sentiment badge, registered as a plugin.

Scoring. The text is split into sentences (paragraphs and headings end a
sentence too) and VADER scores each one: its "compound" runs from -1 to +1.
Sentence by sentence is closer to how VADER was built (short social-media texts)
and faster, as its cost grows faster than the text: 7 ms instead of 29 ms for
the 900-word reference article.

- A sentence is *opinionated* when ``|compound| >= 0.05`` (VADER's own cut-off);
  the others are neutral and do not vote.
- The article's **score** is the mean compound of its opinionated sentences
  (0 when there are none), so a long article is not pushed to ±1 by its length
  and plain factual sentences do not dilute the opinions it does express.
- Each side's **weight** is the sum of its sentences' ``|compound|``: a strong
  sentence counts more than a lukewarm one.

The label, in this order:

1. **Neutral** when fewer than a quarter of the sentences are opinionated
   (``OPINIONATED_SHARE``): a factual piece with a kind word or two is not
   "Positive".
2. **Neutral – good and bad** (``mixed``) when the article argues both ways,
   whichever way it leans: the smaller side carries at least a fifth of the
   opinionated weight in three or more sentences (``MIXED_SHARE``,
   ``MIXED_SENTENCES``), or at least a third of it however few its sentences
   (``MIXED_SHARE_FEW``, for short texts). One or two stray sentences in a long
   article, often ones VADER misreads ("hard to stay in a bad mood"), do not
   make it mixed.
3. **Positive** when the score is at least +0.05, **Negative** when at most -0.05
   (``LEANING``), and **Neutral** in between.

The badge only reads what publishing stored on the page (``sentiment/scoring.py``):
readers never wait for the analyzer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from typing import TYPE_CHECKING

from plugins import hookimpl
from plugins.types import Badge, BadgeTone, Sentiment, SentimentAnalyzer, SentimentLabel

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

NAME = "vader"

# A sentence whose compound is closer to 0 than this says nothing either way.
OPINION = 0.05
# Below this share of opinionated sentences, the article as a whole is neutral.
OPINIONATED_SHARE = 0.25
# The smaller side's share of the opinionated weight from which the article is mixed
# when that side has at least MIXED_SENTENCES sentences; with fewer, it takes
# MIXED_SHARE_FEW, so one stray (often misread) sentence doesn't make it mixed.
MIXED_SHARE = 0.20
MIXED_SENTENCES = 3
MIXED_SHARE_FEW = 1 / 3
# How far from 0 the score must be for the article to lean one way.
LEANING = 0.05

# A sentence ends at . ! ? or … (and any closing quote or bracket after it), or at
# a line break, which is where paragraphs and headings end.
_SENTENCE_END = re.compile(r"""(?<=[.!?…])\s+|(?<=[.!?…]["'”’)\]])\s+|\s*\n\s*""")

# Abbreviations that come before a name, so the capital after them starts no sentence.
_TITLE = re.compile(r"(?:^|\s)(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|Sr|Jr|Rev|Gen|Col|Capt|Lt)\.$")

LABELS = frozenset(label.value for label in SentimentLabel)
TONES = {
    SentimentLabel.POSITIVE: BadgeTone.POSITIVE,
    SentimentLabel.NEGATIVE: BadgeTone.NEGATIVE,
    SentimentLabel.NEUTRAL: BadgeTone.NEUTRAL,
    SentimentLabel.MIXED: BadgeTone.NEUTRAL,
}


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, in order, without empty ones."""
    sentences: list[str] = []
    for piece in _SENTENCE_END.split(text):
        piece = piece.strip()
        if not piece:
            continue
        if sentences and (piece[0].islower() or _TITLE.search(sentences[-1])):
            # "e.g. this" or "Mr. Smith": a full stop inside a sentence.
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return sentences


@dataclass(frozen=True)
class Tally:
    """What the sentences of one text add up to."""

    sentences: int
    positive: tuple[float, ...]  # compounds of +0.05 and above
    negative: tuple[float, ...]  # compounds of -0.05 and below

    @property
    def opinionated(self) -> int:
        """How many sentences say something either way."""
        return len(self.positive) + len(self.negative)

    @property
    def score(self) -> float:
        """Mean compound of the opinionated sentences; 0 when there are none."""
        if not self.opinionated:
            return 0.0
        return (sum(self.positive) + sum(self.negative)) / self.opinionated

    @property
    def minority_share(self) -> float:
        """The smaller side's share of the opinionated weight (0 to 0.5)."""
        weight_for = sum(self.positive)
        weight_against = -sum(self.negative)
        total = weight_for + weight_against
        return min(weight_for, weight_against) / total if total else 0.0

    @property
    def minority_sentences(self) -> int:
        """How many sentences the smaller side has."""
        return min(len(self.positive), len(self.negative))

    @property
    def is_mixed(self) -> bool:
        """Whether both sides weigh in enough for the article to be good and bad."""
        if self.minority_sentences >= MIXED_SENTENCES:
            return self.minority_share >= MIXED_SHARE
        return self.minority_share >= MIXED_SHARE_FEW

    def label(self) -> SentimentLabel:
        """The verdict, by the rules in the module docstring."""
        if not self.sentences or self.opinionated / self.sentences < OPINIONATED_SHARE:
            return SentimentLabel.NEUTRAL
        if self.is_mixed:
            return SentimentLabel.MIXED
        if self.score >= LEANING:
            return SentimentLabel.POSITIVE
        if self.score <= -LEANING:
            return SentimentLabel.NEGATIVE
        return SentimentLabel.NEUTRAL


@cache
def _vader() -> SentimentIntensityAnalyzer:
    """VADER, built on first use: reading its lexicon is work no import should do.
    (Two threads racing here may each build one; one is kept, which is harmless.)"""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def tally(text: str) -> Tally:
    """Score each sentence of ``text`` and sort the opinionated ones by side."""
    sentences = split_sentences(text)
    vader = _vader()
    positive: list[float] = []
    negative: list[float] = []
    for sentence in sentences:
        compound = vader.polarity_scores(sentence)["compound"]
        if compound >= OPINION:
            positive.append(compound)
        elif compound <= -OPINION:
            negative.append(compound)
    return Tally(len(sentences), tuple(positive), tuple(negative))


@cache
def vader_version() -> str:
    """The installed vaderSentiment's version, stored with every score."""
    return version("vaderSentiment")


def analyze(text: str) -> Sentiment:
    """VADER's verdict on ``text`` (see the module docstring for the rules)."""
    result = tally(text)
    return Sentiment(score=round(result.score, 4), label=result.label())


@hookimpl
def register_sentiment_analyzers() -> list[SentimentAnalyzer]:
    return [SentimentAnalyzer(name=NAME, version=vader_version(), analyze=analyze)]


@hookimpl
def badges_for_article(article) -> list[Badge]:
    if not getattr(article, "show_sentiment_badge", False):
        return []
    stored = article.sentiment_label_override or article.sentiment_label
    if stored not in LABELS:
        return []
    label = SentimentLabel(stored)
    if article.sentiment_label_override or not article.sentiment_analyzer:
        description = "Tone of this article, as its editors judge it"
    else:
        description = f"Tone of this article, scored by {article.sentiment_analyzer}"
    return [
        Badge(
            key="sentiment",
            label=label.text,
            description=description,
            tone=TONES[label],
            data={"label": label.value},
        )
    ]
