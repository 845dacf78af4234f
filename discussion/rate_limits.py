"""Rate limits on commenting and on the mails it sends, shared by every server process.

Per account and per address (``COMMENT_RATE_LIMIT_PER_USER``,
``COMMENT_RATE_LIMIT_PER_ADDRESS``), and for visitors' confirmation mails per
recipient and per address; counted in the default cache, so with Redis they hold
across processes and servers. A reader over a limit gets the 429 page
(``views``).
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import secrets
import time
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.filebased import FileBasedCache

from masthead.conf import masthead_setting

logger = logging.getLogger(__name__)

# --- Rate limits ------------------------------------------------------------------
#
# Each source (an account, an address, a mail recipient) has a log of its latest
# attempts in the default cache: an attempt is allowed when, for every rate, fewer
# than ``amount`` earlier attempts fall in the ``seconds`` before it. The window
# slides with the clock, so no stretch of ``seconds`` ever admits more than
# ``amount``, whatever calendar minute it straddles. Refused attempts are logged
# too: a source that keeps trying faster than its rate stays refused.
#
# Django's cache has no compare-and-set, so reading and rewriting a log happens
# under a short per-source lock taken with ``cache.add`` (atomic on Redis, local
# memory and the database cache). The file cache's ``add`` is a check then a
# write, not atomic: there one ``flock``-ed file beside the entries serialises the
# read and the rewrite across processes instead.


@dataclass(frozen=True)
class Rate:
    amount: int
    seconds: int


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# A lock left by a process that died mid-update blocks its source for this long.
_LOCK_SECONDS = 5
# How long an attempt waits for its source's lock before it is refused.
_LOCK_WAIT_SECONDS = 2.0


def parse_rates(text: str) -> list[Rate]:
    """``"5/m,40/h"`` → two rates; an empty string means no limit."""
    rates = []
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        amount, _, unit = part.partition("/")
        count = "".join(ch for ch in unit if ch.isdigit()) or "1"
        letter = unit[len(count) :] if unit[:1].isdigit() else unit
        if not amount.isdigit() or letter not in _UNITS:
            raise ValueError(f"{part!r} is not a rate like '5/m', '40/h' or '3/10m'")
        rates.append(Rate(int(amount), int(count) * _UNITS[letter]))
    return rates


def client_address(request) -> str:
    """The commenter's address as allauth sees it (it honours trusted proxy settings)."""
    from allauth.account.adapter import get_adapter

    return get_adapter(request).get_client_ip(request)


def clock() -> float:
    """The clock the rate limits count by, in seconds (tests move it)."""
    return time.time()


@contextmanager
def _file_lock() -> Iterator[bool]:
    folder = Path(settings.CACHES[DEFAULT_CACHE_ALIAS]["LOCATION"])
    folder.mkdir(parents=True, exist_ok=True)
    # Not a *.djcache file, so the cache's clear() and culling leave it alone.
    with open(folder / "masthead-rate-limits.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def _cache_lock(key: str) -> Iterator[bool]:
    token = secrets.token_hex(8)
    deadline = time.monotonic() + _LOCK_WAIT_SECONDS
    while not cache.add(key, token, timeout=_LOCK_SECONDS):
        if time.monotonic() > deadline:
            yield False
            return
        time.sleep(0.005)
    try:
        yield True
    finally:
        if cache.get(key) == token:  # not a lock that expired and was taken since
            cache.delete(key)


def _locked(key: str):
    """Hold ``key``'s lock across processes; yields False if it could not be had in time."""
    if isinstance(caches[DEFAULT_CACHE_ALIAS], FileBasedCache):
        return _file_lock()
    return _cache_lock(f"{key}:lock")


def _consume(source: str, rates: Iterable[Rate]) -> bool:
    """Log one attempt by ``source``; False if any rate's window already holds its amount."""
    rates = list(rates)
    if not rates:
        return True
    key = f"masthead:rate:{source}"
    longest = max(rate.seconds for rate in rates)
    with _locked(key) as locked:
        if not locked:
            logger.warning("Rate limit lock for %s stayed taken; attempt refused", source)
            return False
        moment = clock()
        log = sorted(t for t in cache.get(key, ()) if t > moment - longest)
        allowed = all(
            sum(1 for t in log if t > moment - rate.seconds) < rate.amount for rate in rates
        )
        log.append(moment)
        # The latest ``amount`` attempts decide whether a window is full, so a source
        # that keeps hammering costs no more room than one at its limit.
        keep = max(rate.amount for rate in rates) or 1
        cache.set(key, log[-keep:], timeout=longest + 1)
    return allowed


def within_rate_limits(request) -> bool:
    """Whether this request may post one more comment (counts it if so or not)."""
    allowed = True
    if request.user.is_authenticated:
        rates = parse_rates(masthead_setting("COMMENT_RATE_LIMIT_PER_USER"))
        allowed = _consume(f"comment:user:{request.user.pk}", rates)
    rates = parse_rates(masthead_setting("COMMENT_RATE_LIMIT_PER_ADDRESS"))
    return _consume(f"comment:ip:{client_address(request)}", rates) and allowed


def normalise_recipient(email: str) -> str:
    """One mailbox, however its address is written: case, spaces, ``+tags`` and Gmail's dots.

    Only for counting: a limit per mailbox must not be dodged by writing
    ``Victim+1@Example.org``, ``v.ictim@gmail.com`` and so on.
    """
    local, _, domain = unicodedata.normalize("NFKC", email).strip().lower().rpartition("@")
    local = local.split("+", 1)[0]
    if domain in {"gmail.com", "googlemail.com"}:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def within_confirmation_mail_limits(request, email: str) -> bool:
    """Whether the site may mail one more "confirm your comment" link to ``email`` for
    this request (counts it if so or not): limited per recipient and per sender address."""
    # Hashed: the cache holds no readers' addresses, and any address makes a valid key.
    recipient = hashlib.sha256(normalise_recipient(email).encode()).hexdigest()
    rates = parse_rates(masthead_setting("CONFIRMATION_MAIL_RATE_LIMIT_PER_RECIPIENT"))
    allowed = _consume(f"confirm-mail:to:{recipient}", rates)
    rates = parse_rates(masthead_setting("CONFIRMATION_MAIL_RATE_LIMIT_PER_ADDRESS"))
    return _consume(f"confirm-mail:ip:{client_address(request)}", rates) and allowed
