"""Development: the embedded defaults (SQLite, local-memory cache, console email)."""

from .base import *
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
# A fixed key is fine for a development database on a laptop; production
# settings refuse to start without SECRET_KEY from the environment.
SECRET_KEY = env_str("SECRET_KEY") or "django-insecure-masthead-development-only"

# Signs the links in comment confirmation mails.
COMMENTS_XTD_SALT = SECRET_KEY.encode()

# A broken plugin raises here, where its author can see it; production logs and skips it.
MASTHEAD = {**MASTHEAD, "PLUGINS_RAISE_ERRORS": env_bool("PLUGINS_RAISE_ERRORS", True)}
