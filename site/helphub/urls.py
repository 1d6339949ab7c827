from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.decorators.cache import cache_control
from django_ratelimit.decorators import ratelimit
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.account import LoginView
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from chat.keys import network_key
from core import views as core_views
from core.signin import EditorCodeView
from pages import views as page_views

# Editors' sign-in, limited per network (hashed): guessing passwords takes too long to be worth it.
rate_limited_login = ratelimit(key=network_key, rate=settings.HELPHUB_LOGIN_RATE, method="POST", block=True)(
    LoginView.as_view()
)
# The second factor's code form, limited the same way (django-otp also slows down wrong codes per device).
rate_limited_code = ratelimit(key=network_key, rate=settings.HELPHUB_LOGIN_RATE, method="POST", block=True)(
    EditorCodeView.as_view()
)

urlpatterns = [
    path("admin/login/", rate_limited_login, name="wagtailadmin_login"),
    path("admin/2fa/auth", rate_limited_code, name="wagtail_2fa_auth"),
    path("admin/", include(wagtailadmin_urls)),
    path(".well-known/security.txt", cache_control(public=True, max_age=86400)(core_views.security_txt)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", include("api.urls")),
    path("robots.txt", core_views.robots_txt),
    path("sitemap.xml", sitemap),
]

urlpatterns += i18n_patterns(
    path("search/", page_views.search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
