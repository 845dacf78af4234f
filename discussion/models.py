"""The discussion's models: the site's Settings → Discussion, the pages readers may
comment on (``DiscussedPage``, a mixin a page type inherits) and the edit record.

Any page type that inherits ``DiscussedPage`` takes comments: the views, the
moderation queue and the mails ask ``is_discussed`` rather than naming a page
type, so this app knows no other app's models.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page


class CommentPolicy(models.TextChoices):
    SITE_DEFAULT = "default", "As the site's discussion settings say"
    OPEN = "open", "Open"
    AUTO_CLOSE = "auto", "Open, closing automatically some days after publication"
    CLOSED = "closed", "Closed"


class SitePolicy(models.TextChoices):
    OPEN = "open", "Open until an editor closes them"
    AUTO_CLOSE = "auto", "Close automatically some days after publication"


class ModerationPolicy(models.TextChoices):
    PUBLISH = "publish", "Publish comments at once"
    HOLD_FIRST = "first", "Hold a commenter's first comment for approval"
    HOLD_ALL = "all", "Hold every comment for approval"


class CommentOrder(models.TextChoices):
    OLDEST = "oldest", "Oldest first"
    NEWEST = "newest", "Newest first"


@register_setting(icon="comment")
class DiscussionSettings(BaseSiteSetting):
    """How comments work across the site: Settings → Discussion."""

    default_policy = models.CharField(
        "comments on new articles",
        max_length=8,
        choices=SitePolicy.choices,
        default=SitePolicy.OPEN,
    )
    close_after_days = models.PositiveSmallIntegerField(
        "close after (days)",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text="Used when comments close automatically, unless an article says otherwise.",
    )

    moderation = models.CharField(
        "before comments appear",
        max_length=8,
        choices=ModerationPolicy.choices,
        default=ModerationPolicy.PUBLISH,
        help_text="Held comments wait in Comments → Moderation until an editor approves them.",
    )
    anonymous_comments = models.BooleanField(
        "visitors may comment without an account",
        default=False,
        help_text="Their comment appears only after they follow the link mailed to them.",
    )
    edit_window_minutes = models.PositiveSmallIntegerField(
        "readers may edit their comment for (minutes)",
        default=15,
        validators=[MaxValueValidator(1440)],
        help_text="0: comments cannot be edited once posted.",
    )
    comments_per_page = models.PositiveSmallIntegerField(
        "conversations per page",
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
        help_text="A comment and its replies count as one conversation.",
    )
    default_order = models.CharField(
        "show conversations",
        max_length=8,
        choices=CommentOrder.choices,
        default=CommentOrder.OLDEST,
        help_text="Readers can switch the order under the comments' heading.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("default_policy"), FieldPanel("close_after_days")], "Comments"),
        MultiFieldPanel(
            [
                FieldPanel("moderation"),
                FieldPanel("anonymous_comments"),
                FieldPanel("edit_window_minutes"),
            ],
            "Who may comment, and how",
        ),
        MultiFieldPanel([FieldPanel("comments_per_page"), FieldPanel("default_order")], "Display"),
    ]

    class Meta:
        verbose_name = "discussion"


class DiscussedPage(models.Model):
    """A page readers may comment on, with the editor's say over when (a mixin).

    The page type inherits it before ``Page``; its fields live on the page's own
    table. ``discussion_panels`` goes in its ``content_panels``, and its
    ``get_context`` adds ``discussion.display.discussion_context(page, request)``.
    """

    comment_policy = models.CharField(
        "comments",
        max_length=8,
        choices=CommentPolicy.choices,
        default=CommentPolicy.SITE_DEFAULT,
    )
    comments_close_after_days = models.PositiveSmallIntegerField(
        "close comments after (days)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text="When comments close automatically. Empty: the site's setting.",
    )

    discussion_panels = [
        MultiFieldPanel(
            [FieldPanel("comment_policy"), FieldPanel("comments_close_after_days")],
            "Discussion",
        ),
    ]

    class Meta:
        abstract = True

    def accepts_comments(self, request=None) -> bool:
        """Whether readers may comment here now (the site's settings and this page's)."""
        site_settings = (
            DiscussionSettings.for_request(request)
            if request is not None
            else DiscussionSettings.for_site(self.get_site())
        )
        return comments_open(self, site_settings)


def is_discussed(page) -> bool:
    """Whether ``page`` (a specific page) is of a type that takes comments."""
    return isinstance(page, DiscussedPage) and isinstance(page, Page)


def discussed_page_types() -> list[type[Page]]:
    """Every installed page type that takes comments."""
    from django.apps import apps

    return [
        model
        for model in apps.get_models()
        if issubclass(model, DiscussedPage) and issubclass(model, Page)
    ]


def discussed_type_named(label: str) -> type[Page] | None:
    """The page type a comment form names (``"articles.articlepage"``), when it takes comments."""
    from django.apps import apps

    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    return model if model in discussed_page_types() else None


def discussed_type_for_content_type(content_type_id: int) -> type[Page] | None:
    """The page type a content type id stands for, when it takes comments."""
    from django.contrib.contenttypes.models import ContentType

    for model in discussed_page_types():
        if ContentType.objects.get_for_model(model).pk == content_type_id:  # cached by Django
            return model
    return None


def is_readable(page: Page) -> bool:
    """Whether any reader may see ``page`` now: live, and outside private sections."""
    return type(page).objects.filter(pk=page.pk).live().public().exists()


def comments_open(article, settings: DiscussionSettings, now=None) -> bool:
    """Whether readers may post on ``article`` now, by its policy and the site's."""
    policy = article.comment_policy
    if policy == CommentPolicy.SITE_DEFAULT:
        policy = settings.default_policy
    if policy == CommentPolicy.CLOSED:
        return False
    if policy != CommentPolicy.AUTO_CLOSE:
        return True
    published = article.published_at or article.first_published_at
    if published is None:
        return True
    days = article.comments_close_after_days or settings.close_after_days
    return (now or timezone.now()) < published + timedelta(days=days)


def edit_window(settings: DiscussionSettings) -> timedelta | None:
    """How long after posting readers may edit a comment; None when nobody may."""
    minutes = settings.edit_window_minutes
    return timedelta(minutes=minutes) if minutes else None


def edit_window_start(settings: DiscussionSettings, now=None):
    """Comments written after this moment may still be edited by their authors; None
    when the site lets nobody edit."""
    window = edit_window(settings)
    return None if window is None else (now or timezone.now()) - window


class CommentEdit(models.Model):
    """When a reader last edited their comment, so the page can say "edited".

    django-comments-xtd's comment has no such field; a table of our own keeps
    its models untouched and is read in the same query as the comments.
    """

    comment = models.OneToOneField(
        "django_comments_xtd.XtdComment",
        on_delete=models.CASCADE,
        related_name="masthead_edit",
    )
    edited_at = models.DateTimeField()

    class Meta:
        verbose_name = "comment edit"

    def __str__(self) -> str:
        return f"comment {self.comment_id} edited at {self.edited_at:%Y-%m-%d %H:%M}"
