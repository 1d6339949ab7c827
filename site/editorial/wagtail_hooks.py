from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus import MenuItem as ListingMenuItem
from wagtail.snippets.action_menu import ActionMenuItem

from directory.lookups import default_locale
from directory.models import ReportingChannel

from . import confirm, dashboard, review
from .reports import MissingTranslationsReport, StaleChannelsReport

PUBLISH_CHANNELS = "directory.publish_reportingchannel"


def can_confirm(user, instance) -> bool:
    return (isinstance(instance, ReportingChannel) and instance.pk and instance.locale_id == default_locale().pk
            and user.has_perm(PUBLISH_CHANNELS))  # fmt: skip


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/stale-channels/", StaleChannelsReport.as_view(), name="editorial_stale_channels"),
        path("reports/stale-channels/results/", StaleChannelsReport.as_view(results_only=True),
             name="editorial_stale_channels_results"),
        path("reports/missing-translations/", MissingTranslationsReport.as_view(), name="editorial_missing_translations"),
        path("reports/missing-translations/results/", MissingTranslationsReport.as_view(results_only=True),
             name="editorial_missing_translations_results"),
        path("directory/channels/<int:pk>/confirm/", confirm.confirm_channel, name="editorial_confirm_channel"),
        path("reports/translations-to-review/", review.TranslationsToReviewReport.as_view(),
             name="editorial_translations_to_review"),
        path("reports/translations-to-review/results/", review.TranslationsToReviewReport.as_view(results_only=True),
             name="editorial_translations_to_review_results"),
        path("reports/translations-to-review/<int:pk>/checked/", review.mark_checked, name="editorial_native_review"),
    ]


@hooks.register("register_log_actions")
def register_confirm_log_action(actions):
    actions.register_action(confirm.ACTION)(confirm.ConfirmedWithOperator)
    actions.register_action(review.ACTION)(review.CheckedByNativeSpeaker)


@hooks.register("register_snippet_listing_buttons")
def confirm_button_in_the_channel_list(snippet, user, next_url=None):
    if can_confirm(user, snippet):
        yield ListingMenuItem(_("Confirm with operator"), reverse("editorial_confirm_channel", args=[snippet.pk]),
                              icon_name="tick", priority=20)


class ConfirmMenuItem(ActionMenuItem):
    """ "Confirm with operator" under the channel's Save/Publish button."""

    name = "action-confirm-with-operator"
    label = _("Confirm with operator")
    icon_name = "tick"

    def is_shown(self, context):
        return context.get("view") == "edit" and can_confirm(context["request"].user, context.get("instance"))

    def get_url(self, parent_context):
        return reverse("editorial_confirm_channel", args=[parent_context["instance"].pk])


@hooks.register("register_snippet_action_menu_item")
def register_confirm_menu_item(model):
    return ConfirmMenuItem(order=90) if model is ReportingChannel else None


@hooks.register("register_reports_menu_item")
def register_stale_channels_menu_item():
    return MenuItem(_("Channels and apps to re-verify"), reverse("editorial_stale_channels"), icon_name="warning", order=700)


@hooks.register("register_reports_menu_item")
def register_missing_translations_menu_item():
    return MenuItem(_("Missing translations"), reverse("editorial_missing_translations"), icon_name="globe", order=701)


@hooks.register("register_reports_menu_item")
def register_translations_to_review_menu_item():
    return MenuItem(_("Translations to review"), reverse("editorial_translations_to_review"), icon_name="globe", order=702)


@hooks.register("register_admin_urls")
def register_link_check_url():
    from .views import LinkCheckView

    return [path("reports/link-check/", LinkCheckView.as_view(), name="editorial_link_check")]


class LinkCheckMenuItem(MenuItem):
    def is_shown(self, request):
        from .views import CHANGE_CHANNELS

        return request.user.has_perm(CHANGE_CHANNELS)


@hooks.register("register_reports_menu_item")
def register_link_check_menu_item():
    return LinkCheckMenuItem(_("Check links"), reverse("editorial_link_check"), icon_name="link", order=702)


@hooks.register("construct_homepage_panels")
def put_the_desk_first(request, panels):
    panels.insert(0, dashboard.DeskPanel())


@hooks.register("get_avatar_url")
def everyone_gets_the_default_avatar(user, size):
    """Wagtail's own default picture for every account: an uploaded one would be served from /media/avatar_images/,
    which nginx does not serve (only image renditions, stripped of their metadata, are public) and which would keep
    the photo's EXIF data; Gravatar is a third-party request. No broken image, no request elsewhere."""
    from wagtail.admin.staticfiles import versioned_static

    return versioned_static("wagtailadmin/images/default-user-avatar.png")
