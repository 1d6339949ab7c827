"""What needs an editor: the to-do counts behind the weekly digest (and the admin dashboard).

Only the published records in the default language are counted: numbers, links, hours and dates live there and every
translation shares them. The work is a fixed handful of queries whatever the size of the directory: one aggregate per
model for the counts, then one query per short list (none when `limit` is 0).
"""

from datetime import date, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from directory.choices import Kind
from directory.lookups import default_locale
from directory.models import Platform, ReportingChannel, without_hours


def channel_list_url(**filters: str) -> str:
    """The admin's channel list filtered to what a count here counted: the default language's records only (the
    list shows every language's copy unless told, so 30 unconfirmed channels would list as 750 rows), as the
    Directory menu opens it (directory/wagtail_hooks.py)."""
    query = urlencode({**filters, "locale": settings.LANGUAGE_CODE})
    return f"{reverse('wagtailsnippets_directory_reportingchannel:list')}?{query}"


# "Became due" looks back this many days: the digest goes out once a week.
WEEK_DAYS = 7
LIST_FIELDS = ("pk", "name", "country_code", "kind", "last_verified")


def what_is_due(today: date | None = None, limit: int = 10) -> dict:
    """Counts, and up to `limit` rows of each list, of what needs an editor on `today` (default: today).

    Returns a dict with `today`, `max_age_days`, `cutoff` (a record last verified before this date is due) and, for
    each of `unconfirmed` (channels never confirmed with their operator), `stale_channels` and `stale_apps` (last
    verified more than HELPHUB_VERIFY_MAX_AGE_DAYS ago), `no_hours` (helplines with a phone, SMS or chat but neither
    24/7 nor opening times) and `newly_due` (channels and apps that crossed the limit within the last 7 days), a dict
    `{"count": int, "items": [row, ...]}`. Each row is a dict: `model` ("reportingchannel" or "platform"), `pk`,
    `name`, `country_code`, `kind`, `last_verified` and `edit_url` (the admin path where it is fixed).
    """
    today = today or timezone.localdate()
    max_age = settings.HELPHUB_VERIFY_MAX_AGE_DAYS
    # Due once more than max_age days have passed (ReportingChannel.is_stale): last verified before the cutoff.
    cutoff = today - timedelta(days=max_age)
    stale = Q(last_verified__lt=cutoff)
    newly_due = stale & Q(last_verified__gte=cutoff - timedelta(days=WEEK_DAYS))
    unconfirmed = Q(operator_confirmed=False)
    no_hours = without_hours()  # the coverage report also lists hotlines' hours (editorial/coverage.py)

    published = {"locale": default_locale(), "live": True}
    channels = ReportingChannel.objects.filter(**published)
    apps = Platform.objects.filter(**published)
    channel_counts = channels.aggregate(
        unconfirmed=Count("pk", filter=unconfirmed),
        stale=Count("pk", filter=stale),
        no_hours=Count("pk", filter=no_hours),
        newly_due=Count("pk", filter=newly_due),
    )
    app_counts = apps.aggregate(stale=Count("pk", filter=stale), newly_due=Count("pk", filter=newly_due))

    def rows(queryset, condition, count, order):
        if not count or limit <= 0:
            return []
        found = queryset.filter(condition).order_by(*order)
        if queryset.model is Platform:
            return [
                _row("platform", {**row, "country_code": "", "kind": Kind.PLATFORM})
                for row in found.values("pk", "name", "last_verified")[:limit]
            ]
        return [_row("reportingchannel", row) for row in found.values(*LIST_FIELDS)[:limit]]

    by_age = ("last_verified", "country_code", "name")
    by_place = ("country_code", "kind", "name")
    newly_due_items = sorted(
        rows(channels, newly_due, channel_counts["newly_due"], by_age)
        + rows(apps, newly_due, app_counts["newly_due"], ("last_verified", "name")),
        key=lambda row: (row["last_verified"], row["country_code"], row["name"]),
    )[: max(limit, 0)]
    return {
        "today": today,
        "max_age_days": max_age,
        "cutoff": cutoff,
        "unconfirmed": {
            "count": channel_counts["unconfirmed"],
            "items": rows(channels, unconfirmed, channel_counts["unconfirmed"], by_place),
        },
        "stale_channels": {
            "count": channel_counts["stale"],
            "items": rows(channels, stale, channel_counts["stale"], by_age),
        },
        "stale_apps": {
            "count": app_counts["stale"],
            "items": rows(apps, stale, app_counts["stale"], ("last_verified", "name")),
        },
        "no_hours": {
            "count": channel_counts["no_hours"],
            "items": rows(channels, no_hours, channel_counts["no_hours"], by_place),
        },
        "newly_due": {"count": channel_counts["newly_due"] + app_counts["newly_due"], "items": newly_due_items},
    }


def nothing_due(due: dict) -> bool:
    """Whether every list of `what_is_due` is empty."""
    return not any(due[name]["count"] for name in ("unconfirmed", "stale_channels", "stale_apps", "no_hours"))


def _row(model: str, values: dict) -> dict:
    edit_url = reverse(f"wagtailsnippets_directory_{model}:edit", args=[values["pk"]])
    return {"model": model, **values, "edit_url": edit_url}
