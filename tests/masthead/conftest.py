"""The page cache's backends: this process's memory, and Redis as production shares it."""

from __future__ import annotations

import os
import uuid

import pytest
from django.core.cache import cache
from django.test import override_settings

# DB 15 is the tests' own; keys carry a prefix of their own, so nothing else there is touched.
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.exceptions.ConnectionError:
        return False


@pytest.fixture(params=["locmem", "redis"])
def page_cache_backend(request):
    """Run the test once with a local-memory cache and once with a shared Redis cache."""
    if request.param == "locmem":
        config = {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"page-cache-test-{uuid.uuid4().hex}",
        }
    else:
        if not _redis_reachable(TEST_REDIS_URL):
            pytest.skip(f"needs a Redis server at {TEST_REDIS_URL} (none answered)")
        config = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": TEST_REDIS_URL,
            "KEY_PREFIX": f"page-cache-test-{uuid.uuid4().hex}",
        }
    # override_settings rather than the settings fixture: it is undone before the
    # suite's own fixture empties the cache, which must never flush the shared DB 15.
    with override_settings(CACHES={"default": {**config, "TIMEOUT": 600}}):
        yield request.param
        if request.param == "redis":
            client = cache._cache.get_client(write=True)
            for key in client.scan_iter(f"{config['KEY_PREFIX']}:*"):
                client.delete(key)
