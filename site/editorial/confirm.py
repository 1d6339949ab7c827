"""Confirming a channel with its operator: one careful step per channel, recorded in its history.

The editor gives the operator's own page they checked (https) and ticks what they checked on it. HelpHub then
publishes a new revision of the channel with `operator_confirmed` set, `last_verified` today and the operator's page
as the first link of its `source` (the public "Source" link), and logs who confirmed what, where and when (Wagtail's
history of the channel). There is no bulk confirmation: each line is checked on its own.
"""

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

from directory.choices import Audience
from directory.lookups import default_locale
from directory.models import ReportingChannel
from directory.validators import validate_https

from .due import channel_list_url

ACTION = "helphub.confirm_with_operator"
CHECKS = [
    ("number", _("Phone and text numbers")),
    ("hours", _("Opening hours")),
    ("ages", _("Who it is for and the ages")),
    ("link", _("Web and chat links")),
]


class ConfirmForm(forms.Form):
    operator_page = forms.URLField(
        label=_("The operator's own page you checked"),
        help_text=_("A page on the service's own website (https), where the details are written."),
        validators=[validate_https],
        max_length=500,
        assume_scheme="https",
    )
    checked = forms.MultipleChoiceField(
        label=_("What you checked on that page"),
        choices=CHECKS,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick only what the page shows and matches."),
    )
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_operator_page(self):
        url = self.cleaned_data["operator_page"]
        if not url.startswith("https://"):
            raise forms.ValidationError(_("Links must start with https://"))
        return url


def confirm_channel(request, pk):
    """GET: the channel and the form; POST: record the confirmation and publish it."""
    channel = get_object_or_404(ReportingChannel, pk=pk, locale=default_locale())
    if not request.user.has_perm("directory.publish_reportingchannel"):
        raise PermissionDenied
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        record(channel, request.user, form.cleaned_data)
        messages.success(request, _("%(name)s is confirmed with its operator.") % {"name": channel.name})
        return redirect(reverse("wagtailsnippets_directory_reportingchannel:history", args=[channel.pk]))
    edit_url = reverse("wagtailsnippets_directory_reportingchannel:edit", args=[channel.pk])
    title = _("Confirm %(name)s with its operator") % {"name": channel.name}
    return TemplateResponse(request, "editorial/confirm_channel.html", {
        "channel": channel, "form": form, "checks": CHECKS, "edit_url": edit_url,
        "audiences": [label for value, label in Audience.choices if value in (channel.audiences or [])],
        # Wagtail's header: the breadcrumbs to the channel, and the title as the page's one h1.
        "header_title": title,
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": channel_list_url(), "label": capfirst(ReportingChannel._meta.verbose_name_plural)},
            {"url": edit_url, "label": channel.name},
            {"url": "", "label": _("Confirm with operator")},
        ],
    })  # fmt: skip


@transaction.atomic
def record(channel: ReportingChannel, user, data: dict) -> None:
    """Publish the channel as confirmed today, with the operator's page first in its source, and log it."""
    channel = channel.get_latest_revision_as_object() if channel.latest_revision else channel
    page = data["operator_page"]
    rest = re.sub(rf"^\s*{re.escape(page)}\s*[;,]?\s*", "", channel.source or "")
    channel.source = f"{page} ; {rest}".strip(" ;") if rest else page
    channel.operator_confirmed = True
    channel.last_verified = timezone.localdate()
    revision = channel.save_revision(user=user, log_action=False)
    revision.publish(user=user)
    log(instance=channel, action=ACTION, user=user,
        data={"operator_page": page, "checked": list(data["checked"]), "note": data.get("note") or ""})  # fmt: skip


class ConfirmedWithOperator(LogFormatter):
    label = _("Confirm with operator")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        labels = dict(CHECKS)
        checked = ", ".join(str(labels.get(item, item)) for item in data.get("checked", []))
        return _("Confirmed with the operator on %(page)s: %(checked)s.") % {
            "page": data.get("operator_page", ""), "checked": checked}  # fmt: skip

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("note", "")
