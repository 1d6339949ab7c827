"""Settings for trying HelpHub on one machine: `make run`. Debug stays off unless DJANGO_DEBUG says otherwise."""

import os

from .base import *  # noqa: F403

# A fixed key is fine for a local trial; production refuses to start without its own.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "helphub-local-trial-key-not-for-production"

# Serve static files straight from the source folders, so a trial run needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# A trial run never sends mail, whatever EMAIL_URL says: the digest and notifications are printed on the console.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
