"""Settings shared by every environment. Values that differ between machines come from the environment."""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

SITE_DIR = Path(__file__).resolve().parent.parent.parent  # site/
REPO_DIR = SITE_DIR.parent
CONTENT_DIR = Path(os.environ.get("HELPHUB_CONTENT_DIR", REPO_DIR / "content"))
VAR_DIR = Path(os.environ.get("HELPHUB_VAR_DIR", REPO_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # HelpHub: the directory is the ground; pages, the API and editorial tools stand on it.
    "directory",
    "pages",
    "api",
    "chat",
    "editorial",
    "core",
    # Editors sign in with a second factor (django-otp, through wagtail-2fa); pages carry a strict CSP (django-csp)
    "wagtail_2fa",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    # Wagtail and wagtail-localize
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the session, CSRF and messages middleware, so that no cookie they set reaches an anonymous visitor.
    "core.middleware.PrivacyHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.PublicGZipMiddleware",
    "core.middleware.PublicCacheMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.signin.EditorVerifyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "helphub.urls"
WSGI_APPLICATION = "helphub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.helphub",
            ],
        },
    },
]

# Database and cache: a URL from the environment, or the embedded default (SQLite, in-process cache).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'helphub.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A slow or stuck database answers with an error page in seconds instead of holding a worker: connecting gives up
    # after DATABASE_CONNECT_TIMEOUT seconds, and any one statement after DATABASE_STATEMENT_TIMEOUT_MS.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        connect_timeout=int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")),
        options=f"-c statement_timeout={int(os.environ.get('DATABASE_STATEMENT_TIMEOUT_MS', '5000'))}",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "helphub",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
    # Redis down: pages are still served (a cache miss instead of an error) and the failure is logged.
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
elif CACHE_URL in ("", "locmem://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "helphub"}}
else:
    raise ImproperlyConfigured(f"CACHE_URL must be redis://, rediss:// or locmem://, not {CACHE_URL!r}")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. The site's languages and Wagtail's content languages are the same list: English (the default) first,
# then each named in itself, Latin script in alphabetical order, then Greek, Cyrillic and Arabic.
LANGUAGE_CODE = "en"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("en", "English"),
    ("cs", "Čeština"),
    ("da", "Dansk"),
    ("de", "Deutsch"),
    ("et", "Eesti"),
    ("es", "Español"),
    ("fr", "Français"),
    ("hr", "Hrvatski"),
    ("it", "Italiano"),
    ("lv", "Latviešu"),
    ("lt", "Lietuvių"),
    ("hu", "Magyar"),
    ("nl", "Nederlands"),
    ("nb", "Norsk bokmål"),
    ("pl", "Polski"),
    ("pt", "Português"),
    ("ro", "Română"),
    ("sk", "Slovenčina"),
    ("sl", "Slovenščina"),
    ("fi", "Suomi"),
    ("sv", "Svenska"),
    ("el", "Ελληνικά"),
    ("bg", "Български"),
    ("uk", "Українська"),
    ("ar", "العربية"),
]
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [SITE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# The country the help finder proposes first for each language (a visitor can always pick another).
# Arabic has none: no covered country speaks it, so an Arabic-speaking visitor picks where they are.
HELPHUB_DEFAULT_COUNTRY = {"en": "GB", "es": "ES", "fr": "FR", "de": "DE", "it": "IT", "pl": "PL", "pt": "PT", "nl": "NL",
                           "cs": "CZ", "da": "DK", "et": "EE", "lv": "LV", "lt": "LT", "hu": "HU", "nb": "NO", "ro": "RO",
                           "sk": "SK", "sl": "SI", "fi": "FI", "sv": "SE", "el": "GR", "hr": "HR", "bg": "BG", "uk": "UA"}
# The languages the chat assistant speaks: all 25 (a test keeps this equal to the `language` slot's values in
# bot/domain/dialogue.yml). In a site language the assistant did not speak, the chat link would lead to the help
# finder, which speaks every language.
HELPHUB_CHAT_LANGUAGES = ["en", "es", "fr", "de", "it", "pl", "pt", "nl", "sv", "da", "nb", "fi", "et", "lv", "lt",
                          "cs", "sk", "sl", "hr", "hu", "ro", "bg", "el", "uk", "ar"]
# Where the quick exit goes: a neutral site that does not suggest what the visitor was reading.
HELPHUB_QUICK_EXIT_URL = os.environ.get("HELPHUB_QUICK_EXIT_URL", "https://www.wikipedia.org/")
# The chat assistant (Rasa's REST channel), how long to wait for it, and how fast one network or one chat may write.
HELPHUB_RASA_URL = os.environ.get("HELPHUB_RASA_URL", "http://127.0.0.1:5005")
# A frightened visitor should not wait: the fallback (help finder, emergency number) comes within 2 s. Connecting takes
# well under a millisecond on the same host or network; Rasa's answer, actions included, took p99 370 ms at 8
# simultaneous visitors (docs/assistant.md). The read timeout is the longest wait between bytes of the answer.
HELPHUB_RASA_CONNECT_TIMEOUT = float(os.environ.get("HELPHUB_RASA_CONNECT_TIMEOUT", "0.5"))
HELPHUB_RASA_TIMEOUT = float(os.environ.get("HELPHUB_RASA_TIMEOUT", "1.5"))
HELPHUB_CHAT_RATE_NETWORK = os.environ.get("HELPHUB_CHAT_RATE_NETWORK", "60/m")
# Behind a reverse proxy, the META key holding the visitor's address for rate limits (e.g. HTTP_X_REAL_IP); only
# set it when the proxy overwrites that header, or visitors could choose their own key.
HELPHUB_CLIENT_IP_HEADER = os.environ.get("HELPHUB_CLIENT_IP_HEADER", "")
HELPHUB_CHAT_RATE_SESSION = os.environ.get("HELPHUB_CHAT_RATE_SESSION", "20/m")
# Channels whose last check is older than this many days are listed for editors to re-verify.
HELPHUB_VERIFY_MAX_AGE_DAYS = 180

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", SITE_DIR / "static_collected"))
STATICFILES_DIRS = [SITE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))

WAGTAIL_SITE_NAME = "HelpHub"
# Uploaded images are stored without their EXIF (GPS, device, owner): core/images.py.
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.images.MetadataFreeImageForm"
# No third-party requests, the admin's included: no Gravatar pictures, no call to Wagtail's release feed.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The site's public address (https://helphub.example.org): links in editors' notification emails, and the CMS's site
# record, which load_content gives it while the record still has Wagtail's first address (full links in the sitemap
# and purge requests, whose Host is the proxy's cache key, use the record).
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
# E-mail (the editors' weekly digest, Wagtail's moderation notices) goes through the SMTP server in EMAIL_URL:
# smtp+tls://user:password@host:587 (STARTTLS), smtps://user:password@host:465 (TLS from the start), smtp://host:25
# (a relay without TLS); the user and password percent-encoded. Without it, mail is written to the console, never sent.
email_url = urlsplit(os.environ.get("EMAIL_URL", "").strip())
if not email_url.geturl() or email_url.scheme == "console":
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
elif email_url.scheme in ("smtp", "smtp+tls", "smtps"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = email_url.hostname
    EMAIL_PORT = email_url.port or {"smtp": 25, "smtp+tls": 587, "smtps": 465}[email_url.scheme]
    EMAIL_HOST_USER = unquote(email_url.username or "")
    EMAIL_HOST_PASSWORD = unquote(email_url.password or "")
    EMAIL_USE_TLS = email_url.scheme == "smtp+tls"
    EMAIL_USE_SSL = email_url.scheme == "smtps"
    EMAIL_TIMEOUT = 10
else:
    raise ImproperlyConfigured("EMAIL_URL must start with smtp+tls://, smtps://, smtp:// or console://, "
                               f"not {email_url.scheme}://")
DEFAULT_FROM_EMAIL = SERVER_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "HelpHub <helphub@localhost>")
# Wagtail's database search, each language stemmed where the database can (pages/search_backend.py, docs/search.md).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "pages.search_backend"}}
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt"]
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Visitors get no cookies. Only the admin uses a session, and then a short one: an hour without activity signs an
# editor out (every request renews it), and closing the browser does too.
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_SECONDS", str(60 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy for every public page: our own scripts and styles only, nothing inline, nothing from other
# hosts, no framing. The admin (Wagtail's own inline scripts) is excluded and keeps X-Frame-Options: DENY.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
    },
}

# Editors: a second factor (an authenticator app) is required to use the admin; sign-in attempts are limited per
# network (hashed, never the address). HELPHUB_EDITOR_2FA=false turns the second factor off, e.g. on a laptop demo.
WAGTAIL_2FA_REQUIRED = env_bool("HELPHUB_EDITOR_2FA", True)
# Pages are public or drafts: visitors never sign in or type a password. A page an editor makes private is for signed-in
# editors only, who sign in at the admin's sign-in (limited tries, second factor); Wagtail's own front-end sign-in
# (/<lang>/_util/login/) only sends there, and the shared-password option is not offered.
WAGTAIL_FRONTEND_LOGIN_URL = "/admin/login/"
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "password_required.html"  # noqa: S105 - a template name
WAGTAIL_2FA_OTP_TOTP_NAME = "HelpHub"
HELPHUB_SECURITY_CONTACT = os.environ.get("HELPHUB_SECURITY_CONTACT", "mailto:security@helphub.invalid")
HELPHUB_LOGIN_RATE = os.environ.get("HELPHUB_LOGIN_RATE", "10/5m")
# Rate limits count in the cache. If it is down, the chat's requests are let through (a visitor in crisis must still
# reach the chat's fallback); editors' sign-in is refused instead (core.signin.limited_sign_in). See docs/deployment.md.
RATELIMIT_FAIL_OPEN = True
RATELIMIT_VIEW = "core.views.too_many_requests"

# Page caching: anonymous visitors get public pages a shared cache (the nginx proxy, or a CDN) may keep for
# HELPHUB_PAGE_CACHE_SECONDS; publishing a page or a directory change purges it (WAGTAILFRONTENDCACHE below), so
# an editor's fix shows at once. Browsers revalidate every time (max-age=0): nothing lingers on a shared device.
HELPHUB_PAGE_CACHE_SECONDS = int(os.environ.get("HELPHUB_PAGE_CACHE_SECONDS", str(60 * 60 * 24)))
HELPHUB_QUERY_CACHE_SECONDS = int(os.environ.get("HELPHUB_QUERY_CACHE_SECONDS", "60"))
HELPHUB_STALE_SECONDS = int(os.environ.get("HELPHUB_STALE_SECONDS", "300"))
if os.environ.get("HELPHUB_PURGE_URL"):
    # Where PURGE requests go: the nginx proxy of docker-compose.yml (deploy/nginx.conf), or a CDN's backend.
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "pages.purge.ProxyPurgeBackend",
            "LOCATION": os.environ["HELPHUB_PURGE_URL"],
        }
    }

# No IP addresses or request lines in our logs: only warnings and errors, without client details.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.server": {"handlers": [], "level": "ERROR", "propagate": False},
        # gunicorn: errors only; its access log is off (deploy/gunicorn.conf.py), so no address is ever written.
        "gunicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
