"""The stored verdict: what the analyzer found when a page was published, and the editor's say.

A page type takes a sentiment badge by inheriting ``ScoredPage`` (before
``Page``) and saying what a reader reads in ``sentiment_text()``. The verdict's
fields live on the page's own table; publishing fills them in
(``signal_handlers``), so readers and the badge never run an analyzer.
"""

from __future__ import annotations

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from plugins.types import SentimentLabel

STORED_SENTIMENT_FIELDS = (
    "sentiment_score",
    "sentiment_label",
    "sentiment_analyzer",
    "sentiment_scored_at",
)


class ScoredPage(models.Model):
    """A page whose sentiment is scored once, on publish, and shown as a badge (a mixin)."""

    sentiment_label_override = models.CharField(
        "sentiment badge says",
        max_length=12,
        blank=True,
        choices=SentimentLabel.choices(),
        help_text="Empty: what the analyzer found when the article was published.",
    )
    show_sentiment_badge = models.BooleanField("show the sentiment badge", default=True)

    # Scored once when the page is published (sentiment/scoring.py), never per request.
    sentiment_score = models.FloatField(null=True, blank=True, editable=False)
    sentiment_label = models.CharField(
        max_length=12, blank=True, default="", editable=False, choices=SentimentLabel.choices()
    )
    sentiment_analyzer = models.CharField(max_length=80, blank=True, default="", editable=False)
    sentiment_scored_at = models.DateTimeField(null=True, blank=True, editable=False)

    sentiment_panels = [
        MultiFieldPanel(
            [
                # What the analyzer found when the article was last published: shown,
                # never edited (the override below is the editor's say).
                FieldPanel("sentiment_label", heading="Analyzer's verdict", read_only=True),
                FieldPanel("sentiment_score", heading="Score (-1 to +1)", read_only=True),
                FieldPanel("sentiment_analyzer", heading="Scored by", read_only=True),
                FieldPanel("sentiment_scored_at", heading="Scored at", read_only=True),
                FieldPanel("sentiment_label_override"),
                FieldPanel("show_sentiment_badge"),
            ],
            "Sentiment badge",
        ),
    ]

    class Meta:
        abstract = True

    def sentiment_text(self) -> str:
        """What a reader reads, as plain text, one paragraph a line (the page type says)."""
        raise NotImplementedError(f"{type(self).__name__} must say what its readers read")

    def with_content_json(self, content):
        """A revision's version of this page, keeping the sentiment stored on the row.

        The sentiment is worked out when a page is published and written to the
        page row only; revisions never hold it. Wagtail rebuilds the page from a
        revision for the editor's form and when publishing, so without this the edit
        view would show no score and a publish whose scoring failed would erase it.
        """
        page = super().with_content_json(content)
        for name in STORED_SENTIMENT_FIELDS:
            setattr(page, name, getattr(self, name))
        return page


def scored_page_types() -> list[type[models.Model]]:
    """Every installed page type that carries a sentiment verdict."""
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, ScoredPage)]
