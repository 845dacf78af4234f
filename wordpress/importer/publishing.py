"""What posts and pages share on their way in: statuses, dates, view restrictions, title, body.

A published item goes live with its WordPress date; a draft or pending one stays
a draft; a future one is scheduled with Wagtail's go-live date (published, with
a warning, when that time has passed); a private one is for signed-in readers
only and a password-protected one keeps its password. Trashed items, auto-drafts
and revisions are skipped. Pictures in a body are named in its text until media
are imported.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from .. import wxr
from ..content import convert, plain_text
from .core import fingerprint
from .report import Report
from .tree import publish, save_draft

SKIPPED_STATUSES = {"trash": "in the trash", "auto-draft": "auto-drafts", "inherit": "revisions"}
DRAFT_STATUSES = {"draft", "pending"}
PUBLISHED_STATUSES = {"publish", "future", "private"}


def is_draft(item: wxr.Item) -> bool:
    """Drafts and pending items, and any status WordPress plugins invent: never published
    by surprise."""
    return item.status in DRAFT_STATUSES or item.status not in PUBLISHED_STATUSES


def left_out(item: wxr.Item, report: Report, kind: str) -> bool:
    """Whether ``item`` is not imported: trashed, an auto-draft or a revision (skipped and
    counted), or without a usable WordPress ID (a failure, named in the report)."""
    if item.status in SKIPPED_STATUSES:
        report.count(kind, "skipped", SKIPPED_STATUSES[item.status])
        return True
    if item.wp_id is None:
        reason = "; ".join(item.problems) or "no post_id"
        report.fail(kind, None, plain_text(item.title), reason, item.source)
        return True
    return False


def digest_of(item: wxr.Item, *options: object) -> str:
    """What the export says about ``item`` (wherever in the file it stands) and the
    options that shape it: the same next time means nothing to update."""
    return fingerprint(
        *(getattr(item, f.name) for f in fields(item) if f.name != "source"), *options
    )


def old_path(link: str) -> str:
    """The path (and query) of an item's address on the WordPress site."""
    parts = urlsplit(link or "")
    return parts.path + (f"?{parts.query}" if parts.query else "")


def moment(item: wxr.Item) -> datetime:
    """When the item was published: WordPress's GMT date, else its local one, else now."""
    if item.date_gmt is not None:
        return item.date_gmt
    if item.date is not None:
        return timezone.make_aware(item.date) if timezone.is_naive(item.date) else item.date
    return timezone.now().astimezone(UTC)


def schedule(item: wxr.Item, page: Page, report: Report, kind: str) -> datetime:
    """Set ``page``'s first-published and go-live dates from the item's status; its moment."""
    when = moment(item)
    scheduled = item.status == "future" and when > timezone.now()
    draft = is_draft(item)
    if draft and item.status not in DRAFT_STATUSES:
        message = (
            f"has the status {item.status[:40]!r}, which WordPress itself has not; kept a draft"
        )
        report.warn(kind, item.wp_id, page.title, message)
    if item.status == "future" and not scheduled:
        report.warn(kind, item.wp_id, page.title, "was scheduled for a time now past; published")
    page.first_published_at = None if draft or scheduled else when
    page.go_live_at = when if scheduled else None
    return when


def release(item: wxr.Item, page: Page) -> None:
    """Publish ``page`` (scheduled when its go-live date is to come) or keep it a draft,
    then give it the item's view restriction."""
    if is_draft(item):
        save_draft(page)
    else:
        publish(page)  # a go-live date in the future makes it scheduled
    restrict(item, page)


def restrict(item: wxr.Item, page: Page) -> None:
    """Private → signed-in readers only; a password → the same password."""
    restrictions = PageViewRestriction.objects.filter(page=page)
    if item.status == "private":
        restrictions.exclude(restriction_type=PageViewRestriction.LOGIN).delete()
        restrictions.get_or_create(page=page, restriction_type=PageViewRestriction.LOGIN)
    elif item.password:
        restrictions.exclude(restriction_type=PageViewRestriction.PASSWORD).delete()
        restrictions.update_or_create(
            page=page,
            restriction_type=PageViewRestriction.PASSWORD,
            defaults={"password": item.password[:255]},
        )
    else:
        restrictions.delete()


def title_for(item: wxr.Item, report: Report, kind: str, untitled: str) -> str:
    """The item's title as plain text; without one, the start of its text (with a warning),
    else ``untitled``."""
    title = plain_text(item.title)[:255]
    if title:
        return title
    text = plain_text(item.content)
    derived = (text if len(text) <= 60 else text[:60].rsplit(" ", 1)[0]) or untitled
    report.warn(kind, item.wp_id, "", f"has no title; called “{derived}”", item.source)
    return derived


def body_for(item: wxr.Item, report: Report, kind: str) -> list[dict]:
    """The item's content as article body blocks; every conversion warning reported."""
    body = convert(item.content)
    title = plain_text(item.title)
    for warning in body.warnings:
        report.warn(kind, item.wp_id, title, warning, item.source)
    blocks = []
    for block in body.blocks:
        if block["type"] == "image":
            # Media are imported in a later version; the picture is named, not lost.
            ref = block["value"]["image"]
            words = block["value"].get("caption") or ref.alt or ref.url
            report.warn(kind, item.wp_id, title, f"image {ref.url} not imported yet")
            blocks.append({"type": "text", "value": f"*[{words}]*"})
        else:
            blocks.append(block)
    return blocks
