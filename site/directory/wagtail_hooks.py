"""The directory in the Wagtail admin: snippets grouped under one menu, filters editors need."""

from urllib.parse import urlencode

import django_filters
from django.conf import settings
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .choices import Kind
from .models import HOURS_NEEDED_KINDS, Country, Platform, ReportingChannel, Situation, without_hours


class ChannelFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=Kind.choices)
    country_code = django_filters.CharFilter(label=_("Country code"), lookup_expr="iexact")
    hours = django_filters.ChoiceFilter(
        label=_("Hours"), method="filter_hours",
        choices=[("unknown", _("Helplines without hours")), ("known", _("Hours known or 24/7"))],
    )  # fmt: skip

    def filter_hours(self, queryset, name, value):
        missing = without_hours()
        if value == "unknown":
            return queryset.filter(missing)
        return queryset.filter(kind__in=HOURS_NEEDED_KINDS).exclude(missing)

    class Meta:
        model = ReportingChannel
        fields = ["kind", "country_code", "live", "operator_confirmed"]


class DefaultLanguageFirst:
    """The menu opens the list on the default language's records, where numbers, links, hours and dates are edited
    (every translation shares them), not on every language's copy of each; the list's locale filter shows the others."""

    @cached_property
    def menu_url(self):
        return f"{reverse(self.get_url_name('list'))}?{urlencode({'locale': settings.LANGUAGE_CODE})}"


class ReportingChannelViewSet(DefaultLanguageFirst, SnippetViewSet):
    model = ReportingChannel
    icon = "link"
    menu_label = _("Channels")
    list_display = ["name", "organisation", "kind", "country_code", "last_verified"]
    list_export = ["key", "name", "organisation", "kind", "country_code", "phone", "web_url", "source", "last_verified"]
    filterset_class = ChannelFilterSet
    # A plain database filter (contains, any case): Wagtail's search backend with named fields failed on SQLite
    # ("no such column: name", a 500 for any search in the list), and a directory of a few hundred lines needs no index.
    search_fields = ["name", "organisation", "key"]
    search_backend_name = None


class CountryViewSet(DefaultLanguageFirst, SnippetViewSet):
    model = Country
    icon = "site"
    menu_label = _("Countries")
    list_display = ["name", "code", "emergency_number", "emergency_verified"]


class SituationViewSet(DefaultLanguageFirst, SnippetViewSet):
    model = Situation
    icon = "help"
    menu_label = _("Situations")
    list_display = ["title", "key"]


class PlatformViewSet(DefaultLanguageFirst, SnippetViewSet):
    model = Platform
    icon = "mobile-alt"
    menu_label = _("Apps")
    list_display = ["name", "owner", "last_verified", "operator_confirmed"]
    list_filter = ["operator_confirmed", "live"]
    list_export = ["key", "name", "owner", "aliases", "help_url", "last_verified", "operator_confirmed"]
    search_fields = ["name", "aliases", "key"]
    search_backend_name = None  # as the channels': a plain database filter


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (ReportingChannelViewSet, CountryViewSet, SituationViewSet, PlatformViewSet)
    menu_icon = "list-ul"
    menu_label = _("Directory")
    menu_name = "directory"


register_snippet(DirectoryViewSetGroup)
