"""What posts and pages share on their way in: statuses, dates, view restrictions, title, body.

A published item goes live with its WordPress date; a draft or pending one stays
a draft; a future one is scheduled with Wagtail's go-live date (published, with
a warning, when that time has passed); a private one is for signed-in readers
only and a password-protected one keeps its password. Trashed items, auto-drafts
and revisions are skipped. Pictures in a body show the imported images; one
that was not imported is named in the text, linked when it was on the web.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import UTC, datetime

from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from .. import wxr
from ..content import convert, plain_text
from ..content.to_markdown import escape
from ..content.urls import is_web_address, link_destination, split
from .core import fingerprint
from .report import Report
from .tree import publish, save_draft
from .uploads import upload_key

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
    parts = split(link or "")
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


def body_for(item: wxr.Item, importer, kind: str, report: Report | None = None) -> list[dict]:
    """The item's content as body blocks: pictures shown from the imported images, links
    to the old site pointing at what their targets became; every warning reported (to
    ``report`` when given, else the import's)."""
    report = report if report is not None else importer.report
    importer.links.start()
    body = convert(item.content, rewrite_url=importer.links.rewrite)
    title = plain_text(item.title)
    for warning in body.warnings:
        report.warn(kind, item.wp_id, title, warning, item.source)
    blocks = []
    for block in body.blocks:
        if block["type"] == "image":
            blocks.append(_picture(block["value"], item, importer, report, kind))
        elif block["type"] == "embed" and upload_key(block["value"]["embed"]):
            blocks.append(_uploaded_media(block, importer))
        elif block["type"] == "attached_pictures":
            found = importer.media.attached_to(item.wp_id, block["value"].exclude)
            if not found:
                message = "[gallery] of the post's attached pictures: none were imported"
                report.warn(kind, item.wp_id, title, message, item.source)
            blocks += found
        else:
            blocks.append(block)
    if importer.links.unresolved and item.wp_id is not None:
        importer.links.revisit.add(item.wp_id)
    return blocks


def _uploaded_media(block: dict, importer) -> dict:
    """An embed of a file from the site's uploads (``[audio]``, ``[video]``, ``wp:file``):
    a link to the imported document, or the imported picture; else the embed as it was."""
    url, caption = block["value"]["embed"], block["value"].get("caption", "")
    stored = importer.media.by_address(url)
    if stored is None:
        return block
    if hasattr(stored, "get_rendition"):
        value = {"image": stored.pk, "alt_text": "", "caption": caption, "credit": ""}
        return {"type": "image", "value": value}
    return {"type": "text", "value": f"[{escape(caption or stored.title)}](doc:{stored.pk})"}


def _picture(value: dict, item: wxr.Item, importer, report: Report, kind: str) -> dict:
    """An image block showing the imported image; the picture named in the text (and
    reported) when there is none."""
    ref = value["image"]
    image = importer.media.image(ref.attachment_id, ref.url)
    if image is not None:
        return {"type": "image", "value": {**value, "image": image.pk}}
    named = ref.url or f"attachment {ref.attachment_id}"
    why = "" if importer.media.folder else " (no --media-dir given)"
    report.warn(kind, item.wp_id, plain_text(item.title), f"picture {named} not found{why}")
    words = escape(value.get("caption") or ref.alt or "") or "Picture"
    if is_web_address(ref.url):
        return {"type": "text", "value": f"*[{words}]({link_destination(ref.url)})*"}
    return {"type": "text", "value": f"*[{words}]*"}


def relink(item: wxr.Item, importer, kind: str, model: type[Page], digest_for) -> None:
    """Once every item is in: point the ``kind`` item's links at those that came after it.
    ``digest_for(item, body, page)`` is the item's fingerprint with that body."""
    known = importer.find(kind, item.wp_id)
    page = model.objects.filter(pk=known.object_id).first() if known else None
    if page is None:
        return
    body = body_for(item, importer, f"{kind}s", report=Report())
    digest = digest_for(item, body, page)
    if digest != known.fingerprint:
        page.body = body
        page.save()
        release(item, page)
        importer.remember(kind, item, page, digest, old_path(item.link))
    report_unresolved(item, importer, f"{kind}s")


def report_unresolved(item: wxr.Item, importer, kind: str) -> None:
    """The links to the old site that the last look still could not place (kept as written)."""
    for url in dict.fromkeys(importer.links.unresolved):
        message = f"links to {url} on the old site, which nothing imported answers; kept as it was"
        importer.report.warn(kind, item.wp_id, plain_text(item.title), message, item.source)


# Search-engine titles and descriptions from the SEO plug-ins most sites run (Yoast, Rank
# Math, All in One SEO, The SEO Framework): they become the page's own.
SEO_TITLE_KEYS = ("_yoast_wpseo_title", "rank_math_title", "_aioseo_title", "_genesis_title")
SEO_DESCRIPTION_KEYS = (
    "_yoast_wpseo_metadesc",
    "rank_math_description",
    "_aioseo_description",
    "_genesis_description",
)
# What Masthead reads from post meta, and WordPress's own bookkeeping (edit locks, trash
# times, image sizes): neither is counted as left out.
USED_META = frozenset(
    {"_thumbnail_id", "_wp_old_slug", "_wp_attached_file", "_wp_attachment_image_alt"}
    | set(SEO_TITLE_KEYS)
    | set(SEO_DESCRIPTION_KEYS)
)
# WordPress's cache of the embeds a post shows (``_oembed_<hash>``, ``_oembed_time_<hash>``).
BOOKKEEPING_PREFIXES = ("_oembed_",)
BOOKKEEPING_META = frozenset(
    {"_edit_lock", "_edit_last", "_pingme", "_encloseme", "_wp_desired_post_slug"}
    | {"_wp_trash_meta_status", "_wp_trash_meta_time", "_wp_old_date", "_wp_page_template"}
    | {"_wp_attachment_metadata", "_wp_attachment_backup_sizes", "_wp_attachment_context"}
)


def seo_fields(item: wxr.Item) -> tuple[str, str]:
    """The item's search-engine title and description from an SEO plug-in, if it had them
    (a template such as Yoast's ``%%title%% %%sep%%`` is not a title, and is left out)."""
    title = next((plain_text(item.meta_value(k)) for k in SEO_TITLE_KEYS if item.meta_value(k)), "")
    description = next(
        (plain_text(item.meta_value(k)) for k in SEO_DESCRIPTION_KEYS if item.meta_value(k)), ""
    )
    if "%%" in title or "{{" in title:
        title = ""
    if "%%" in description or "{{" in description:
        description = ""
    return title[:255], description


def count_unused_meta(item: wxr.Item, report: Report) -> None:
    """Plug-ins' post meta Masthead has no place for, counted by key in "Not imported"."""
    for key in dict.fromkeys(name for name, _ in item.meta):
        if key in USED_META or key in BOOKKEEPING_META or key.startswith(BOOKKEEPING_PREFIXES):
            continue
        report.not_imported[f"post meta {key[:60]}"] += 1


def hero_for(item: wxr.Item, importer, report: Report, kind: str) -> tuple[object, str]:
    """The featured image (``_thumbnail_id``) and its attachment's caption; (None, "") when
    there is none (reported when it is not found)."""
    thumbnail = item.meta_value("_thumbnail_id").strip()
    if not thumbnail.isdigit():
        return None, ""
    image = importer.media.image(int(thumbnail), "")
    if image is None:
        why = "" if importer.media.folder else " (no --media-dir given)"
        message = f"featured image (attachment {thumbnail}) not found{why}"
        report.warn(kind, item.wp_id, plain_text(item.title), message, item.source)
        return None, ""
    known = importer.find("attachment", int(thumbnail))
    return image, known.caption if known is not None else ""


def body_digest(blocks: list[dict]) -> str:
    """What a body came out as, so an import notices when only its pictures or links
    changed (a file added to the media folder, a linked post imported)."""
    return fingerprint(json.dumps(blocks, sort_keys=True, default=str))
