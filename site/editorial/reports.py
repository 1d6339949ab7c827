"""Admin reports for editors: channels due for re-verification, and what is missing in each language."""

from datetime import timedelta
from types import SimpleNamespace

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page

from directory.choices import Kind
from directory.lookups import default_locale
from directory.models import Country, Platform, ReportingChannel, Situation


class LinkColumn(Column):
    cell_template_name = "editorial/link_cell.html"


class StaleChannelsReport(ReportView):
    page_title = _("Channels and apps to re-verify")
    header_icon = "warning"
    index_url_name = "editorial_stale_channels"
    index_results_url_name = "editorial_stale_channels_results"
    results_template_name = "editorial/report_results.html"
    list_export = ["key", "name", "country_code", "kind", "phone", "web_url", "last_verified", "operator_confirmed", "source"]
    columns = [
        LinkColumn("name", label=_("Channel")),
        Column("country_code", label=_("Country")),
        Column("kind", label=_("Kind")),
        DateColumn("last_verified", label=_("Last verified")),
        Column("operator_confirmed", label=_("Confirmed on operator's site")),
    ]

    def get_queryset(self):
        cutoff = timezone.localdate() - timedelta(days=settings.HELPHUB_VERIFY_MAX_AGE_DAYS)
        channels = ReportingChannel.objects.filter(locale=default_locale(), last_verified__lt=cutoff)
        rows = [_with_link(c, "reportingchannel") for c in channels.order_by("last_verified", "country_code")]
        # The apps' help pages change often: each app's report paths are re-checked on the same schedule.
        for app in Platform.objects.filter(locale=default_locale(), last_verified__lt=cutoff):
            app.country_code, app.kind, app.phone, app.web_url = "", Kind.PLATFORM, "", app.help_url
            app.source = " ".join(filter(None, (getattr(app, f"{h}_source") for h in Platform.HARM_FIELDS)))
            rows.append(_with_link(app, "platform"))
        return sorted(rows, key=lambda row: (row.last_verified, row.country_code))


class MissingTranslationsReport(ReportView):
    page_title = _("Missing translations")
    header_icon = "globe"
    index_url_name = "editorial_missing_translations"
    index_results_url_name = "editorial_missing_translations_results"
    results_template_name = "editorial/report_results.html"
    list_export = ["language", "type", "name"]
    columns = [
        Column("language", label=_("Language")),
        Column("type", label=_("Type")),
        LinkColumn("name", label=_("Missing or untranslated")),
    ]

    def get_queryset(self):
        return missing_translations()


def missing_translations() -> list[SimpleNamespace]:
    """Every page that is only an alias of the default-language page, and every situation or country without a
    translation, per language. Channels fall back to the default language by design and are not listed."""
    default = default_locale()
    rows = []
    for locale in Locale.objects.exclude(pk=default.pk).order_by("language_code"):
        for page in Page.objects.filter(locale=locale, alias_of__isnull=False).order_by("path"):
            rows.append(SimpleNamespace(language=locale.language_code, type=_("Page"), name=page.title,
                                        url=reverse("wagtailadmin_pages:edit", args=[page.pk])))
        for model, kind in ((Situation, "situation"), (Country, "country")):
            translated = set(model.objects.filter(locale=locale).values_list("translation_key", flat=True))
            for record in model.objects.filter(locale=default).exclude(translation_key__in=translated):
                item = _with_link(record, kind)
                rows.append(SimpleNamespace(language=locale.language_code, type=model._meta.verbose_name.capitalize(),
                                            name=str(record), url=item.url))
    return rows


def _with_link(record, model_name):
    record.url = reverse(f"wagtailsnippets_directory_{model_name}:edit", args=[record.pk])
    return record
