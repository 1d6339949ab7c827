from django.conf import settings


def helphub(request):
    return {"QUICK_EXIT_URL": settings.HELPHUB_QUICK_EXIT_URL}
