"""Bench only: the site as production serves it, plus stock comment posting.

``gunicorn bench.stock_urls:application``, started from the repository root with
the production settings, serves every URL of the site and one more:
``/bench-stock/comments/post/``, django-contrib-comments' own post view as
django-comments-xtd uses it. Masthead's ``/comments/post/`` wraps that same
view in one transaction (and its checks lock the thread's first comment while
a reply is placed); the stock view runs without the transaction, so the lock
is a no-op there and xtd places a reply in two steps, as it ships. Everything
else is the product's own: settings, middleware, the checks on every comment.

Nothing is patched: this application's requests carry ``urlconf``, Django's
per-request choice of URLs, naming this module. ``bench/comments_concurrency.py``
posts the same bursts to both URLs and compares what was stored.
"""

from __future__ import annotations

import os

import django
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.production")
django.setup(set_prefix=False)

# The site's URLs import views and models: only once Django is set up.
from django.urls import path  # noqa: E402
from django_comments.views.comments import post_comment  # noqa: E402

from masthead import urls as site_urls  # noqa: E402

STOCK_POST_PATH = "/bench-stock/comments/post/"

urlpatterns = [
    path(STOCK_POST_PATH.lstrip("/"), post_comment, name="bench-stock-post-comment"),
    *site_urls.urlpatterns,
]
handler404 = site_urls.handler404
handler500 = site_urls.handler500


class StockRequest(WSGIRequest):
    """A request routed by this module's URLs instead of ``ROOT_URLCONF``."""

    urlconf = __name__


class StockHandler(WSGIHandler):
    request_class = StockRequest


application = StockHandler()
