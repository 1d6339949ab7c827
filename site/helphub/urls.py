from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from django.views.generic import RedirectView
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views import account
from wagtail.admin.views.account import LoginView
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views
from core.signin import EditorCodeView, limited_sign_in
from pages import views as page_views

# Editors' sign-in steps, limited per network (hashed): guessing passwords or codes takes too long to be worth it.
rate_limited_login = limited_sign_in(LoginView.as_view())
rate_limited_code = limited_sign_in(EditorCodeView.as_view())
rate_limited_reset = limited_sign_in(account.PasswordResetView.as_view())

urlpatterns = [
    path("admin/login/", rate_limited_login, name="wagtailadmin_login"),
    path("admin/2fa/auth", rate_limited_code, name="wagtail_2fa_auth"),
    path("admin/password_reset/", rate_limited_reset, name="wagtailadmin_password_reset"),
    path("admin/", include(wagtailadmin_urls)),
    path(".well-known/security.txt", cache_control(public=True, max_age=86400)(core_views.security_txt)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/chat/", include("chat.urls")),  # the chat proxy, at the address the widget and nginx use
    path("api/", include("api.urls")),
    path("robots.txt", core_views.robots_txt),
    path("sitemap.xml", sitemap),
]

urlpatterns += i18n_patterns(
    path("search/", page_views.search, name="search"),
    # Wagtail's own front-end routes (wagtail.urls), less its second, unlimited sign-in form: that address only sends
    # to the admin's sign-in (see WAGTAIL_FRONTEND_LOGIN_URL).
    path("_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
         wagtail_views.authenticate_with_password, name="wagtailcore_authenticate_with_password"),
    path("_util/login/", RedirectView.as_view(url=settings.WAGTAIL_FRONTEND_LOGIN_URL, query_string=True),
         name="wagtailcore_login"),
    re_path(r"^((?:[\w\-]+/)*)$", wagtail_views.serve, name="wagtail_serve"),
    prefix_default_language=True,
)

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
