"""The admin's home page as the editors' to-do list: what is wrong or due in the directory, each line a link to the
list where it is fixed. Counts only, from a few queries (editorial.due and one query per other line), kept in the
cache until a directory record or a page is published or unpublished (and at most an hour: dates move on)."""

from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.db.models.signals import post_delete
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, published, unpublished

from directory.choices import Kind
from directory.lookups import default_locale
from directory.models import Country, Platform, ReportingChannel, Situation

from .due import channel_list_url, what_is_due
from .models import TranslationReview

KEY = "helphub:editorial:desk"
TIMEOUT = 60 * 60
# What every covered country needs (the routing's safety rules and most routes lean on them).
EXPECTED_KINDS = (Kind.CHILD_HELPLINE, Kind.CSAM_HOTLINE)


def desk() -> dict:
    """The to-do counts (cached): see DeskPanel."""
    found = cache.get(KEY)
    if found is None:
        found = _compute()
        cache.set(KEY, found, TIMEOUT)
    return found


def forget(**kwargs) -> None:
    cache.delete(KEY)


def _compute() -> dict:
    due = what_is_due(limit=0)
    default = default_locale()
    channels = ReportingChannel.objects.filter(locale=default, live=True)
    has = set(channels.filter(kind__in=EXPECTED_KINDS).exclude(country_code="").values_list("country_code", "kind"))
    codes = list(Country.objects.filter(locale=default, live=True).order_by("code").values_list("code", flat=True))
    missing = {kind: [code for code in codes if (code, kind) not in has] for kind in EXPECTED_KINDS}
    # Translations: pages that are only an alias of the English page, situations and countries without a row, per
    # language (the Missing translations report lists them).
    aliases = Counter(dict(Page.objects.filter(alias_of__isnull=False).exclude(locale=default)
                           .values_list("locale__language_code").annotate(n=Count("pk"))))  # fmt: skip
    missing_rows = Counter()
    for model in (Situation, Country):
        total = model.objects.filter(locale=default).count()
        per_locale = dict(model.objects.exclude(locale=default).values_list("locale__language_code")
                          .annotate(n=Count("pk")))  # fmt: skip
        for code, _name in settings.LANGUAGES:
            if code != default.language_code:
                missing_rows[code] += max(total - per_locale.get(code, 0), 0)
    translations = [(code, aliases.get(code, 0) + missing_rows.get(code, 0))
                    for code, _name in settings.LANGUAGES if code != default.language_code]  # fmt: skip
    return {
        # Translations made without a native reviewer, per language (Reports > Translations to review).
        "awaiting_review": TranslationReview.awaiting_per_language(),
        "unconfirmed": due["unconfirmed"]["count"],
        "stale": due["stale_channels"]["count"] + due["stale_apps"]["count"],
        "no_hours": due["no_hours"]["count"],
        "missing_kinds": [(str(Kind(kind).label), found) for kind, found in missing.items()],
        "translations": translations,
        "max_age_days": due["max_age_days"],
    }


class DeskPanel(Component):
    """What needs doing, first on the admin's home page."""

    name = "helphub_desk"
    template_name = "editorial/desk_panel.html"
    order = 10

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        counts = desk()
        lines = [
            (counts["unconfirmed"], _("channels never confirmed with their operator"),
             channel_list_url(operator_confirmed="false", live="true")),
            (counts["stale"], _("channels and apps last verified more than %(days)s days ago")
             % {"days": counts["max_age_days"]}, reverse("editorial_stale_channels")),
            (counts["no_hours"], _("helplines without opening hours"), channel_list_url(hours="unknown", live="true")),
        ]  # fmt: skip
        missing_kinds = [(kind, [(code, channel_list_url(country_code=code)) for code in codes])
                         for kind, codes in counts["missing_kinds"]]  # fmt: skip
        context.update(lines=lines, missing_kinds=missing_kinds,
                       translations=[(code, n) for code, n in counts["translations"] if n],
                       translations_url=reverse("editorial_missing_translations"),
                       awaiting_review=counts["awaiting_review"],
                       review_url=reverse("editorial_translations_to_review"),
                       apps=reverse("wagtailsnippets_directory_platform:list"))  # fmt: skip
        return context


def connect() -> None:
    for signal in (published, unpublished, page_published, page_unpublished):
        signal.connect(forget, dispatch_uid=f"editorial-desk-{id(signal)}")
    for model in (ReportingChannel, Platform, Country, Situation, Page):
        post_delete.connect(forget, sender=model, dispatch_uid=f"editorial-desk-deleted-{model.__name__}")
