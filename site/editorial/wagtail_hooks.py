from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .reports import MissingTranslationsReport, StaleChannelsReport


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/stale-channels/", StaleChannelsReport.as_view(), name="editorial_stale_channels"),
        path("reports/stale-channels/results/", StaleChannelsReport.as_view(results_only=True),
             name="editorial_stale_channels_results"),
        path("reports/missing-translations/", MissingTranslationsReport.as_view(), name="editorial_missing_translations"),
        path("reports/missing-translations/results/", MissingTranslationsReport.as_view(results_only=True),
             name="editorial_missing_translations_results"),
    ]


@hooks.register("register_reports_menu_item")
def register_stale_channels_menu_item():
    return MenuItem(_("Channels and apps to re-verify"), reverse("editorial_stale_channels"), icon_name="warning", order=700)


@hooks.register("register_reports_menu_item")
def register_missing_translations_menu_item():
    return MenuItem(_("Missing translations"), reverse("editorial_missing_translations"), icon_name="globe", order=701)


