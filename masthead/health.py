"""``/healthz``: whether the database and the cache answer, as JSON for monitors."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .cache import DEGRADED, OK, UNAVAILABLE, cache_status


def database_status() -> str:
    """``"ok"`` when the default database answers a query (it writes nothing)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return UNAVAILABLE
    return OK


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 while the database answers (the cache may be degraded: the site still
    serves), 503 when it does not. Names no host, address or version."""
    database = database_status()
    cache = cache_status()
    if database != OK:
        overall = UNAVAILABLE
    elif cache != OK:
        overall = DEGRADED
    else:
        overall = OK
    return JsonResponse(
        {"status": overall, "database": database, "cache": cache},
        status=200 if database == OK else 503,
    )
