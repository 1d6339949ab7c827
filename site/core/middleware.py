"""Headers that keep a visitor's help-seeking private, a guarantee that visitors get no cookies, and the cache
headers that let a shared cache (nginx, a CDN) serve public pages. The Content-Security-Policy is django-csp's."""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
# The editors' admin gets its own policy (django-csp's strict one covers every other response): Wagtail's admin still
# needs inline scripts and styles and eval (its choosers), so what this policy adds is that the admin, too, loads and
# sends nothing to another host.
ADMIN_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
             "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self'; "
             "frame-src 'self'; worker-src 'self' blob:; frame-ancestors 'self'; form-action 'self'; "
             "base-uri 'self'; object-src 'none'")
# Never kept by a shared cache, besides the editors' admin: the chat (a conversation), search (what someone typed) and
# documents (Django checks each one's privacy). By URL name: the URLconf alone says where they are.
PRIVATE_URL_NAMES = frozenset({"chat:chat", "search", "wagtaildocs_serve", "wagtaildocs_authenticate_with_password"})


def is_admin(request) -> bool:
    """Anything under the editors' admin (its pages, its sign-in, its own "not found")."""
    return request.path.startswith(reverse("wagtailadmin_home"))


def is_private(request) -> bool:
    """The admin, and the views named in PRIVATE_URL_NAMES (an address no view answers is not private)."""
    match = request.resolver_match  # set once Django has found the view
    return is_admin(request) or (match is not None and match.view_name in PRIVATE_URL_NAMES)


class PrivacyHeadersMiddleware:
    """Adds the privacy headers, and drops any cookie a public page would set for an anonymous visitor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if is_admin(request):
            # Browsers send "Origin: null" on a form POST from a no-referrer page, which fails Django's CSRF origin
            # check, so editors could not sign in. The admin sends its own origin to itself and nothing elsewhere.
            response["Referrer-Policy"] = "same-origin"
            response.setdefault("Content-Security-Policy", ADMIN_CSP)
        else:
            user = getattr(request, "user", None)
            if not (user and user.is_authenticated):
                for name in list(response.cookies):
                    del response.cookies[name]
        return response


class PublicCacheMiddleware:
    """Lets a shared cache keep what every anonymous visitor sees alike; keeps everything else out of it.

    Public pages: `public, max-age=0, s-maxage=..., stale-while-revalidate=...` (the proxy keeps them until a publish
    purges them; browsers revalidate, so nothing lingers on a shared device). Signed-in editors, the admin, the chat,
    search, errors and anything that sets a cookie: `private, no-store`. Views that set their own Cache-Control
    (the API, robots.txt) keep it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = bool(user and user.is_authenticated)
        if signed_in or is_private(request) or response.cookies or request.method not in ("GET", "HEAD"):
            response["Cache-Control"] = "private, no-store"
            return response
        if response.has_header("Cache-Control") or getattr(response, "streaming", False):
            return response
        if response.status_code in (200, 301, 404):
            # Addresses with a query string cannot all be purged by name, so the cache keeps them briefly; so are
            # "not found" answers, which anyone can ask for at endless made-up addresses.
            brief = request.GET or response.status_code == 404
            seconds = settings.HELPHUB_QUERY_CACHE_SECONDS if brief else settings.HELPHUB_PAGE_CACHE_SECONDS
            patch_cache_control(response, public=True, max_age=0, s_maxage=seconds,
                                stale_while_revalidate=settings.HELPHUB_STALE_SECONDS)
        else:
            response["Cache-Control"] = "no-store"
        return response


class PublicGZipMiddleware(GZipMiddleware):
    """Compresses public pages, so that the shared cache keeps them compressed and serves them without work.

    nginx cannot keep what its own gzip produces: it would compress every cached page again on every request. Only
    responses PublicCacheMiddleware made public are compressed (they hold nothing secret or visitor-specific, so
    compression leaks nothing, and Django adds random bytes to each gzip header as well); the admin, the chat and
    anything private pass through as they are. Every public response says `Vary: Accept-Encoding`, compressed or not.
    Static files are compressed once, when they are collected (WhiteNoise; nginx's gzip_static).
    """

    def process_response(self, request, response):
        if getattr(response, "streaming", False) or "public" not in response.get("Cache-Control", ""):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        return super().process_response(request, response)
