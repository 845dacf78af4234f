"""Settings shared by every environment. Values that vary come from the environment."""

from __future__ import annotations

from pathlib import Path

from csp import constants as csp
from wagtailmarkdown import constants as markdown_defaults

from .env import (
    cache_from_env,
    database_from_env,
    email_from_env,
    env_bool,
    env_int,
    env_list,
    env_rates,
    env_str,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
# Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-* headers are believed;
# none by default. masthead.proxies puts the client's address in REMOTE_ADDR, where
# allauth's rate limits read it, so allauth itself trusts no forwarding header.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")
ALLAUTH_TRUSTED_PROXY_COUNT = 0
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = None

INSTALLED_APPS = [
    "home",
    "articles",
    "discussion",
    "sharing",
    "sentiment",
    "readers",
    "demo",
    "wordpress",
    "plugins",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtailmarkdown",
    "modelcluster",
    "taggit",
    "django_filters",
    # No django.contrib.admin: Masthead's admin is Wagtail's, and a second sign-in
    # page would be a second door (readers.views sends the admin's to allauth).
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # django-comments-xtd must come before django_comments.
    "django_comments_xtd",
    "django_comments",
]

MIDDLEWARE = [
    # First: proxy headers from anyone but TRUSTED_PROXIES are gone before anything reads them.
    "masthead.proxies.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache and X-Frame-Options: a cached page gets a fresh header
    # consistent with its (nonce-free) HTML; masthead.headers says why.
    "masthead.headers.ContentSecurityPolicyMiddleware",
    "masthead.headers.PermissionsPolicyMiddleware",
    # TRACE/TRACK/CONNECT (405) and NUL characters in the address (400) go no further.
    "masthead.middleware.RefuseMalformedRequestsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "readers.middleware.AdminSecondFactorMiddleware",
    "readers.after_response.AfterResponseMiddleware",
    # A write SQLite could not lock in time: a 503 page that keeps the posted text.
    "masthead.middleware.DatabaseBusyMiddleware",
    # /?p=12 and its kin, from an imported WordPress site: before the page cache
    # answers them with the home page.
    "wordpress.middleware.OldQueryAddressMiddleware",
    "masthead.page_cache.AnonymousPageCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "masthead.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_chrome",
            ],
        },
    },
]

WSGI_APPLICATION = "masthead.wsgi.application"

DATABASES = {"default": database_from_env(BASE_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = cache_from_env()

AUTHENTICATION_BACKENDS = [
    # The only one: everyone, staff included, signs in through allauth's door (rate
    # limits, verified email, second factor). It subclasses ModelBackend, so group and
    # user permissions work as before; Django's own ModelBackend is left out so that
    # nothing can check a password beside the door.
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS: list = []
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed (gzip and brotli when available) files with content hashes in
    # their names, so whitenoise can serve them with far-future cache headers.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email: EMAIL_URL, console by default.
locals().update(email_from_env())
# A placeholder on the site's own host until the operator sets a real sender.
_MAIL_HOST = next(
    (host.lstrip(".") for host in ALLOWED_HOSTS if host not in {"*", "127.0.0.1", "::1"}),
    "localhost",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"Masthead <noreply@{_MAIL_HOST}>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "Masthead")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents: office files, PDFs, archives, and the audio and video files a WordPress site
# keeps in its uploads (podcasts, clips). Wagtail serves every kind but PDF and plain
# text as a download, never shown inline, so no uploaded file runs in the site's pages.
WAGTAILDOCS_EXTENSIONS = [
    *("csv", "doc", "docx", "epub", "key", "odp", "ods", "odt", "pdf", "ppt", "pptx", "rtf"),
    *("txt", "xls", "xlsx", "zip"),
    *("mp3", "m4a", "ogg", "oga", "wav", "flac", "mp4", "m4v", "mov", "webm", "ogv"),
]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_I18N_ENABLED = False
# The admin makes no requests to other sites: no release check, no gravatar.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The admin signs in, signs out and resets passwords through allauth (readers.views);
# addresses and passwords are changed on the account pages, where allauth verifies them.
WAGTAILADMIN_LOGIN_URL = "account_login"
# Pages private to signed-in readers send visitors to the same door.
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
TAGGIT_CASE_INSENSITIVE = True

# wagtail-markdown: the editor's toolbar must not fetch FontAwesome from a CDN, and
# markdown may not load images from other hosts (pictures go in Image blocks, served
# from this site) nor set ids (which could hijack the page's own anchors).
WAGTAILMARKDOWN = {
    "autodownload_fontawesome": False,
    "allowed_settings_mode": "override",
    "allowed_tags": [
        *(tag for tag in markdown_defaults.DEFAULT_ALLOWED_TAGS if tag != "img"),
        "figure",
        "figcaption",
        "cite",
        "abbr",
        "s",
    ],
    "allowed_attributes": {
        "*": ["class"],
        "a": ["href", "title"],
        "abbr": ["title"],
        "th": ["rowspan", "colspan", "scope", "align", "style"],
        "td": ["rowspan", "colspan", "align", "style"],
    },
    "allowed_styles": ["text-align"],
}

# Content-Security-Policy (django-csp; masthead.headers adds the per-response parts):
# nothing from another site, no eval, and inline scripts only with the request's nonce.
# Other sites whose frames embeds may show (e.g. https://www.youtube.com); none by
# default, so an embedded video is shown as a link to it (docs/operators.md,
# "Security: headers").
CSP_EMBED_ORIGINS = env_list("CSP_EMBED_ORIGINS", "")
# Wagtail's oEmbed finder, except that an embed the policy would refuse (a frame from
# another origin, a script, a picture from elsewhere) is kept as a link to it.
WAGTAILEMBEDS_FINDERS = [{"class": "masthead.embeds"}]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF, csp.NONCE],
        "style-src": [csp.SELF],
        # Style *attributes* only, never <style> elements: markdown tables align their
        # cells with style="text-align", comment avatars carry their colour, and the
        # admin's widgets (Wagtail, EasyMDE's preview) write style attributes.
        "style-src-attr": [csp.UNSAFE_INLINE],
        # data: for the admin's inline SVG icons and pictures in CSS; blob: for the
        # previews of images chosen for upload, before they are sent.
        "img-src": [csp.SELF, "data:", "blob:"],
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        # 'self' for Wagtail's preview, which frames the page being edited.
        "frame-src": [csp.SELF, *CSP_EMBED_ORIGINS],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
        # 'self' only for responses that ask for it (Wagtail's preview), per response.
        "frame-ancestors": [csp.NONE],
    },
}
# Permissions-Policy (masthead.headers): powerful features off, except what the site
# uses itself: passkeys (WebAuthn), the share row's copy link, and full screen (for
# allowed embeds too). The share row's share sheet (web-share) keeps its default,
# this site only: Chromium without a share sheet (Linux) rejects the name with an error.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "clipboard-write": ["self"],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": ["self", *CSP_EMBED_ORIGINS],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "local-fonts": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "otp-credentials": [],
    "payment": [],
    "picture-in-picture": [],
    "publickey-credentials-create": ["self"],
    "publickey-credentials-get": ["self"],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "window-management": [],
    "xr-spatial-tracking": [],
}

# Masthead
# Readers' accounts (django-allauth). Readers and editors are the same user model;
# the Wagtail admin stays for staff.
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_ADAPTER = "readers.adapter.ReaderAccountAdapter"
# Sign-up also asks for the name shown with comments (never the username).
ACCOUNT_SIGNUP_FORM_CLASS = "readers.profile.SignupDisplayNameForm"
ACCOUNT_FORMS = {
    "login": "readers.forms.UsernameOrEmailLoginForm",
    "reset_password": "readers.forms.ResetPasswordByUsernameOrEmailForm",
}
# Counted in the default cache, which production shares between workers (Redis,
# or the database table), so N workers do not allow N times the limit.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "20/m/ip,5/h/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    # Guesses at the password of a password-protected page (readers.views.page_password).
    "page_password": "10/m/ip,50/h/ip,200/h/key",
}
LOGIN_URL = "account_login"
# A second factor (allauth.mfa): an authenticator app with recovery codes, or a
# security key or passkey; staff must have one when REQUIRE_ADMIN_MFA is on.
MFA_ADAPTER = "readers.adapter.ReaderMFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
# A passkey with user verification is two factors at once: it may sign in alone.
MFA_PASSKEY_LOGIN_ENABLED = True
# Accept the code of the previous and the next 30 s as well: phones' clocks drift.
MFA_TOTP_TOLERANCE = 1
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

# Comments (django-comments-xtd over django-contrib-comments). Without SITE_ID
# and COMMENTS_APP xtd silently falls back to plain django_comments.
SITE_ID = 1
COMMENTS_APP = "django_comments_xtd"
# django-contrib-comments keeps its default (3000): a different value would need a
# migration inside that package.
COMMENT_MAX_LENGTH = 3000
COMMENTS_XTD_MAX_THREAD_LEVEL = 2  # a comment, a reply, a reply to the reply
COMMENTS_XTD_LIST_ORDER = ("thread_id", "order")
COMMENTS_XTD_CONFIRM_EMAIL = True  # anonymous comments wait for their confirmation link
COMMENTS_XTD_SEND_HTML_EMAIL = False
# Strips invisible and bidirectional control characters from comments and names.
COMMENTS_XTD_FORM_CLASS = "discussion.forms.CommentForm"
COMMENTS_XTD_FROM_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_CONTACT_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_APP_MODEL_OPTIONS = {
    "default": {
        "who_can_post": "all",  # Settings → Discussion decides, per site
        "allow_flagging": True,
        "allow_feedback": False,
        "show_feedback": False,
    }
}

# Masthead's own settings; masthead/conf.py holds every key's default and meaning.
MASTHEAD = {
    "PAGE_CACHE_SECONDS": env_int("PAGE_CACHE_SECONDS", 600),
    "COMMENT_RATE_LIMIT_PER_USER": env_rates("COMMENT_RATE_LIMIT_PER_USER", "5/m,40/h"),
    "COMMENT_RATE_LIMIT_PER_ADDRESS": env_rates("COMMENT_RATE_LIMIT_PER_ADDRESS", "10/m,100/h"),
    "CONFIRMATION_MAIL_RATE_LIMIT_PER_RECIPIENT": env_rates(
        "CONFIRMATION_MAIL_RATE_LIMIT_PER_RECIPIENT", "3/h,6/d"
    ),
    "CONFIRMATION_MAIL_RATE_LIMIT_PER_ADDRESS": env_rates(
        "CONFIRMATION_MAIL_RATE_LIMIT_PER_ADDRESS", "10/h,30/d"
    ),
    "DISABLED_PLUGINS": tuple(env_list("DISABLED_PLUGINS", "")),
    "PLUGINS_RAISE_ERRORS": env_bool("PLUGINS_RAISE_ERRORS", False),
    "PLUGIN_TIME_BUDGET_MS": env_int("PLUGIN_TIME_BUDGET_MS", 200),
    "PLUGIN_MAX_OVERRUNS": env_int("PLUGIN_MAX_OVERRUNS", 3),
    # On unless turned off; development turns it off (settings/dev.py).
    "REQUIRE_ADMIN_MFA": env_bool("REQUIRE_ADMIN_MFA", True),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "masthead": {"level": "INFO"},
        "home": {"level": "INFO"},
        "articles": {"level": "INFO"},
        "discussion": {"level": "INFO"},
        "demo": {"level": "INFO"},
    },
}
