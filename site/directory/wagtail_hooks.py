"""The directory in the Wagtail admin: snippets grouped under one menu, filters editors need."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .choices import Kind
from .models import Country, ReportingChannel, Situation


class ChannelFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=Kind.choices)
    country_code = django_filters.CharFilter(label=_("Country code"), lookup_expr="iexact")

    class Meta:
        model = ReportingChannel
        fields = ["kind", "country_code", "live", "operator_confirmed"]


class ReportingChannelViewSet(SnippetViewSet):
    model = ReportingChannel
    icon = "link"
    menu_label = _("Channels")
    list_display = ["name", "organisation", "kind", "country_code", "last_verified"]
    list_export = ["key", "name", "organisation", "kind", "country_code", "phone", "web_url", "source", "last_verified"]
    filterset_class = ChannelFilterSet
    search_fields = ["name", "organisation"]


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "site"
    menu_label = _("Countries")
    list_display = ["name", "code", "emergency_number", "emergency_verified"]


class SituationViewSet(SnippetViewSet):
    model = Situation
    icon = "help"
    menu_label = _("Situations")
    list_display = ["title", "key"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (ReportingChannelViewSet, CountryViewSet, SituationViewSet)
    menu_icon = "list-ul"
    menu_label = _("Directory")
    menu_name = "directory"


register_snippet(DirectoryViewSetGroup)
