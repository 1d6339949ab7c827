"""Admin views for editors."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from directory.lookups import default_locale
from directory.models import Platform, ReportingChannel

from .linkcheck import Outcome, check_urls, links_of

CHANGE_CHANNELS = "directory.change_reportingchannel"
# Seconds per answer: a page of the admin should not wait long for a slow site (the command waits longer).
ADMIN_TIMEOUT = 6.0
RECORD_TYPES = {"channel": ReportingChannel, "platform": Platform}


class LinkCheckForm(forms.Form):
    record = forms.ChoiceField(label=_("Channel or app"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default = default_locale()
        groups: dict[str, list] = {}
        for channel in ReportingChannel.objects.filter(locale=default).order_by("country_code", "name"):
            where = channel.country_code or _("international")
            groups.setdefault(format_lazy("{} ({})", _("Reporting channels"), where), []).append(
                (f"channel-{channel.pk}", channel.name)
            )
        apps = [(f"platform-{app.pk}", app.name) for app in Platform.objects.filter(locale=default).order_by("name")]
        self.fields["record"].choices = [("", "---------"), (_("Apps and platforms"), apps), *groups.items()]

    def clean_record(self):
        kind, _sep, pk = self.cleaned_data["record"].partition("-")
        return RECORD_TYPES[kind].objects.get(pk=int(pk), locale=default_locale())


class LinkCheckView(WagtailAdminTemplateMixin, View):
    """Check the links of one channel or app, on an editor's request (the whole directory: `manage.py check_links`)."""

    page_title = _("Check links")
    header_icon = "link"
    template_name = "editorial/link_check.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(CHANGE_CHANNELS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        initial = {}
        for kind in RECORD_TYPES:
            if request.GET.get(kind, "").isdigit():
                initial["record"] = f"{kind}-{request.GET[kind]}"
        return self.render_to_response(self.get_context_data(form=LinkCheckForm(initial=initial)))

    def post(self, request):
        form = LinkCheckForm(request.POST)
        context = {"form": form}
        if form.is_valid():
            record = form.cleaned_data["record"]
            links = links_of(record)
            results = check_urls([url for _label, url in links], ADMIN_TIMEOUT)
            rows = [{"label": label, "url": url, "result": results[url], "outcome": results[url].outcome,
                     "outcome_label": Outcome(results[url].outcome).label, "problem": results[url].describe()}
                    for label, url in links]  # fmt: skip
            model_name = type(record)._meta.model_name
            context.update(
                record=record,
                rows=rows,
                edit_url=reverse(f"wagtailsnippets_directory_{model_name}:edit", args=[record.pk]),
                counts={outcome: sum(row["outcome"] == outcome for row in rows) for outcome in Outcome.values},
                # Every link failing to connect is the server, not the links: it may have no route to the internet.
                unreachable=bool(rows) and all(row["result"].error == "connection" for row in rows),
            )
        return self.render_to_response(self.get_context_data(**context))

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]
