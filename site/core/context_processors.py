from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import get_language

from .addresses import help_finder_url


def helphub(request):
    language = get_language() or settings.LANGUAGE_CODE
    return {
        # The chat opens only in the languages the assistant speaks; elsewhere its link leads to the help finder.
        "CHAT_AVAILABLE": language in settings.HELPHUB_CHAT_LANGUAGES,
        "QUICK_EXIT_URL": settings.HELPHUB_QUICK_EXIT_URL,
        # The country the chat assistant assumes until a page says otherwise (a help-finder result page does).
        "DEFAULT_COUNTRY": settings.HELPHUB_DEFAULT_COUNTRY.get(language, ""),
        # Worked out only where a template shows it (every public page; the admin never does).
        "HELP_FINDER_URL": lazy(help_finder_url, str)(language),
    }
