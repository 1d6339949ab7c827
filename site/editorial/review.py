"""Translations awaiting a native reviewer: the report that lists them (Reports > Translations to review, per
language), and marking one as checked by a native speaker, one at a time, recorded in the object's history.

Visitors always see the translated text; the review state only tells editors what a native speaker must still check
(editorial.models.TranslationReview).
"""

from collections import defaultdict
from types import SimpleNamespace

from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models.signals import post_delete
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page

from directory.models import Platform, ReportingChannel, Situation
from pages.models import GuideIndexPage, GuidePage, HelpFinderPage, HomePage, StandardPage

from . import dashboard
from .models import TranslationReview
from .reports import LinkColumn

ACTION = "helphub.native_review"
DIRECTORY_MODELS = (Situation, ReportingChannel, Platform)
PAGE_MODELS = (HomePage, GuideIndexPage, GuidePage, HelpFinderPage, StandardPage)


def awaiting(language: str | None = None) -> list[SimpleNamespace]:
    """The translations still marked `machine`, with their names and edit links: one query for the states and one
    per kind of object."""
    reviews = TranslationReview.objects.filter(state=TranslationReview.MACHINE).order_by("language", "content_type_id", "object_id")
    if language:
        reviews = reviews.filter(language=language)
    by_type = defaultdict(list)
    for review in reviews:
        by_type[review.content_type_id].append(review)
    rows = []
    for type_id, group in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        is_page = issubclass(model, Page)
        objects = (Page.objects if is_page else model.objects).in_bulk([review.object_id for review in group])
        for review in group:
            obj = objects.get(review.object_id)
            if obj is None:
                continue
            if is_page:
                url = reverse("wagtailadmin_pages:edit", args=[obj.pk])
            else:
                url = reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:edit", args=[obj.pk])
            rows.append(SimpleNamespace(pk=review.pk, language=review.language, type=model._meta.verbose_name.capitalize(),
                                        name=obj.title if is_page else str(obj), url=url))  # fmt: skip
    return sorted(rows, key=lambda row: (row.language, str(row.type), row.name))


class MarkColumn(Column):
    """A button that records the native review of the row's translation (a POST with the CSRF token)."""

    cell_template_name = "editorial/native_review_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        back = reverse("editorial_translations_to_review")  # the report, also when its results came on their own
        if request and request.GET.get("language"):
            back += f"?language={request.GET['language']}"
        context.update(csrf_value=get_token(request) if request else "", next=back)
        return context


class TranslationsToReviewReport(ReportView):
    page_title = _("Translations to review")
    header_icon = "globe"
    index_url_name = "editorial_translations_to_review"
    index_results_url_name = "editorial_translations_to_review_results"
    results_template_name = "editorial/report_results.html"
    list_export = ["language", "type", "name"]
    columns = [
        Column("language", label=_("Language")),
        Column("type", label=_("Type")),
        LinkColumn("name", label=_("Made without a native reviewer")),
        MarkColumn("pk", label=_("Native review")),
    ]

    def get_queryset(self):
        language = self.request.GET.get("language", "")
        return awaiting(language if language in dict(settings.LANGUAGES) else None)


def can_edit(user, obj) -> bool:
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_edit()
    return user.has_perm(f"{obj._meta.app_label}.change_{obj._meta.model_name}")


@require_POST
def mark_checked(request, pk):
    """Record that a native speaker has checked this translation (the person signed in, now)."""
    review = get_object_or_404(TranslationReview, pk=pk)
    model = review.content_type.model_class()
    obj = get_object_or_404(model, pk=review.object_id)
    if not can_edit(request.user, obj):
        raise PermissionDenied
    if review.state != TranslationReview.NATIVE:
        review.state, review.reviewed_by, review.reviewed_at = TranslationReview.NATIVE, request.user, timezone.now()
        review.save()
        dashboard.forget()
        log(instance=obj, action=ACTION, user=request.user, data={"language": review.language})
        name = obj.title if isinstance(obj, Page) else str(obj)
        messages.success(request, _("%(name)s (%(language)s) is marked as checked by a native speaker.")
                         % {"name": name, "language": review.language})  # fmt: skip
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = reverse("editorial_translations_to_review")
    return redirect(target)


class CheckedByNativeSpeaker(LogFormatter):
    label = _("Checked by a native speaker")

    def format_message(self, log_entry):
        return _("Translation (%(language)s) checked by a native speaker.") % {
            "language": (log_entry.data or {}).get("language", "")}  # fmt: skip


def forget(sender, instance, **kwargs) -> None:
    TranslationReview.objects.filter(content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk).delete()


def connect() -> None:
    for model in (*DIRECTORY_MODELS, *PAGE_MODELS):
        post_delete.connect(forget, sender=model, dispatch_uid=f"editorial-review-deleted-{model.__name__}")
