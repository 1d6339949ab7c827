"""Settings for running HelpHub for the public. Everything secret or host-specific comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if len(SECRET_KEY) < 50 or "change-me" in SECRET_KEY or len(set(SECRET_KEY)) < 16:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY to a random value of at least 50 characters (not the example's "
                               "placeholder): python3 -c 'import secrets; print(secrets.token_urlsafe(64))'")
if not WAGTAIL_2FA_REQUIRED:  # noqa: F405
    raise ImproperlyConfigured("HELPHUB_EDITOR_2FA=false is for trying HelpHub on a laptop: in production every editor "
                               "signs in with a second factor.")

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Joining the browsers' HSTS preload list is the operator's choice for their domain (DJANGO_HSTS_PRELOAD=true);
    # without it, check --deploy's reminder about it is silenced so that any other warning stands out.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
