"""Addresses the whole site gives out, whichever app answers them.

The help finder's address is on every page (the header, the danger banner, the chat launcher), in the chat's answer
when the assistant is down, and in the API's answers, from which the assistant takes it. All of them ask here.
"""

from django.urls import reverse
from django.utils import translation

# The help finder is the home page's child with this slug, in every language: the content format's
# content/pages/<lang>/help.md, which the content loader makes the help finder page.
HELP_FINDER_SLUG = "help"


def help_finder_url(language: str) -> str:
    """The help finder's address in `language` ("/es/help/"), a path on this site. It asks no database, so the chat
    gives it even when the database is what is failing."""
    with translation.override(language):
        return reverse("wagtail_serve", args=[f"{HELP_FINDER_SLUG}/"])
