"""Settings for the test suite. DATABASE_URL and CACHE_URL still apply, so CI can run it on PostgreSQL and Redis."""

from .base import *  # noqa: F403

SECRET_KEY = "helphub-tests"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
WAGTAIL_2FA_REQUIRED = False  # tests of the second factor turn it on (tests/core/test_sign_in_and_cookies.py, tests/browser/test_editors_desk.py)
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # mail.outbox (pytest-django sets it too)
