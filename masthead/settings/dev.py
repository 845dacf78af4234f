"""Development: the embedded defaults (SQLite, local-memory cache, console email)."""

from .base import *
from .env import env_bool, env_str
from .secret import checkout_secret_key

DEBUG = env_bool("DEBUG", True)
# Random for each checkout, kept in .secret-key (mode 0600, ignored by git); production
# settings refuse to start without SECRET_KEY from the environment.
SECRET_KEY = env_str("SECRET_KEY") or checkout_secret_key(BASE_DIR / ".secret-key")

# A broken plugin raises here, where its author can see it; production logs and skips it.
MASTHEAD = {**MASTHEAD, "PLUGINS_RAISE_ERRORS": env_bool("PLUGINS_RAISE_ERRORS", True)}

# Staff need no second factor on a laptop unless asked (REQUIRE_ADMIN_MFA=true);
# production requires one. Passkeys work on http://localhost:8000 (not on 127.0.0.1,
# which a browser does not accept as a passkey's site).
MASTHEAD = {**MASTHEAD, "REQUIRE_ADMIN_MFA": env_bool("REQUIRE_ADMIN_MFA", False)}
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
