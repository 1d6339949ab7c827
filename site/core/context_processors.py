from django.conf import settings
from django.utils.translation import get_language


def helphub(request):
    return {
        "QUICK_EXIT_URL": settings.HELPHUB_QUICK_EXIT_URL,
        # The country the chat assistant assumes until a page says otherwise (a help-finder result page does).
        "DEFAULT_COUNTRY": settings.HELPHUB_DEFAULT_COUNTRY.get(get_language() or settings.LANGUAGE_CODE, ""),
    }
