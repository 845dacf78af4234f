"""The links mailed to commenters: publish a visitor's comment, stop follow-up mails.

Both are signed with Django's own signing: JSON (never a pickle, so a forged or
leaked-key link can at worst name data, not run code), a salt per purpose (a
mute link can't be replayed as a confirmation), and an expiry. django-comments-xtd's
own links are pickles signed with ``SECRET_KEY``; Masthead neither makes nor
reads them, and a link in that format is refused like any broken link.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.utils.dateparse import parse_datetime
from django_comments_xtd.models import TmpXtdComment

CONFIRM_SALT = "masthead.discussion.confirm-comment"
MUTE_SALT = "masthead.discussion.stop-followup-mails"
# A visitor has a week to publish what they wrote; a stop link works for a year.
CONFIRM_MAX_AGE = timedelta(days=7)
MUTE_MAX_AGE = timedelta(days=365)
# Clocks of several servers may differ a little; a link from further ahead was not ours.
CLOCK_SKEW_SECONDS = 60

# The fields of a pending comment that its link carries (all plain JSON values).
PENDING_FIELDS = (
    "object_pk",
    "user_name",
    "user_email",
    "user_url",
    "comment",
    "site_id",
    "is_public",
    "parent_id",
    "followup",
    "ip_address",
)


def _load(key: str, salt: str, max_age: timedelta):
    """The signed value, or None when the link is broken, expired or from the future."""
    try:
        value = signing.loads(key, salt=salt, max_age=max_age)
        issued = signing.b62_decode(key.rsplit(signing.Signer().sep, 2)[-2])
    except (signing.BadSignature, ValueError, IndexError):
        return None
    if issued > time.time() + CLOCK_SKEW_SECONDS:
        return None
    return value


# --- Publishing a visitor's comment -------------------------------------------------


def confirmation_key(comment: TmpXtdComment) -> str:
    """The signed key of a visitor's comment, for the link that publishes it."""
    payload = {name: comment.get(name) for name in PENDING_FIELDS}
    payload["content_type"] = comment.content_type.pk
    payload["submit_date"] = comment.submit_date.isoformat()
    return signing.dumps(payload, salt=CONFIRM_SALT, compress=True)


def pending_comment(key: str) -> TmpXtdComment | None:
    """The comment a confirmation link carries, or None for a broken or expired link."""
    payload = _load(key, CONFIRM_SALT, CONFIRM_MAX_AGE)
    if not isinstance(payload, dict) or set(payload) != {
        *PENDING_FIELDS,
        "content_type",
        "submit_date",
    }:
        return None
    content_type = ContentType.objects.filter(pk=payload["content_type"]).first()
    submit_date = parse_datetime(str(payload["submit_date"]))
    if content_type is None or submit_date is None:
        return None
    target = content_type.model_class()._default_manager.filter(pk=payload["object_pk"]).first()
    if target is None:
        return None
    comment = TmpXtdComment({name: payload[name] for name in PENDING_FIELDS})
    comment.update(
        content_type=content_type,
        content_object=target,
        submit_date=submit_date,
        is_removed=False,
        thread_id=0,
        level=0,
        order=1,
    )
    return comment


# --- Stopping follow-up mails ----------------------------------------------------------


@dataclass(frozen=True)
class MuteTarget:
    """Whose follow-up mails about which page a stop link stops."""

    content_type_id: int
    object_pk: str
    email: str


def mute_key(content_type_id: int, object_pk: str, email: str) -> str:
    return signing.dumps(
        {"content_type": content_type_id, "object_pk": str(object_pk), "email": email},
        salt=MUTE_SALT,
    )


def mute_target(key: str) -> MuteTarget | None:
    """What a stop link stops, or None for a broken or expired link."""
    payload = _load(key, MUTE_SALT, MUTE_MAX_AGE)
    if not isinstance(payload, dict) or set(payload) != {"content_type", "object_pk", "email"}:
        return None
    if not isinstance(payload["content_type"], int):
        return None
    return MuteTarget(payload["content_type"], str(payload["object_pk"]), str(payload["email"]))
