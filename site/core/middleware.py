"""Headers that keep a visitor's help-seeking private, and a guarantee that visitors get no cookies."""

PUBLIC_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class PrivacyHeadersMiddleware:
    """Adds the privacy headers, and drops any cookie a public page would set for an anonymous visitor."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefixes = ("/admin/", "/django-admin/")

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        in_admin = request.path.startswith(self.admin_prefixes)
        if in_admin:
            # Browsers send "Origin: null" on a form POST from a no-referrer page, which fails Django's CSRF origin
            # check, so editors could not sign in. The admin sends its own origin to itself and nothing elsewhere.
            response["Referrer-Policy"] = "same-origin"
        else:
            response.setdefault("Content-Security-Policy", PUBLIC_CSP)
            user = getattr(request, "user", None)
            if not (user and user.is_authenticated):
                for name in list(response.cookies):
                    del response.cookies[name]
        return response
