"""Views every site needs: robots.txt and the error pages."""

from datetime import timedelta

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def too_many_requests(request, exception=None):
    """What django-ratelimit answers when a limit is reached (editors' sign-in): 429, with a plain explanation."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "300"
    return response


def security_txt(request):
    """RFC 9116: where to report a security problem. HELPHUB_SECURITY_CONTACT is a mailto: or https: address."""
    expires = (timezone.now() + timedelta(days=180)).replace(microsecond=0).isoformat()
    lines = [f"Contact: {settings.HELPHUB_SECURITY_CONTACT}", f"Expires: {expires}", f"Preferred-Languages: {', '.join(code for code, _name in settings.LANGUAGES)}",
             f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
