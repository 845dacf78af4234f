"""Test settings: development defaults, a fast password hasher, email kept in memory."""

from .dev import *

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests render templates without running collectstatic first.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Serve CSS from the source folders, never from a collected STATIC_ROOT that may
# be stale (collectstatic in a benchmark or by hand); one test collects on its own.
STATIC_ROOT = BASE_DIR / ".test-static-unused"
WHITENOISE_USE_FINDERS = True
COMMENTS_XTD_THREADED_EMAILS = False  # mails sent before the view returns, into locmem
