"""E-mail the editors and moderators what needs them: what became due this week, the totals, and where each is fixed.

Meant to run once a week from cron or a compose one-off (docs/editors.md, "The weekly digest"); it never runs on a
visitor's request, and `make run` does not call it. Each editor gets the digest in the language of their admin profile.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from directory.choices import Kind
from directory.models import Platform
from editorial.due import channel_list_url, nothing_due, what_is_due
from editorial.models import TranslationReview

# Wagtail's default group names (editorial/migrations/0002_groups_and_workflow.py gives them their permissions).
GROUPS = ("Editors", "Moderators")
# How many rows of each list the e-mail names; the admin pages it links to have them all.
ITEMS = 20


class Command(BaseCommand):
    help = (
        "E-mail the active members of the Editors and Moderators groups who have an e-mail address a plain-text digest "
        "of what needs an editor: channels and apps that became due for re-verification this week, the totals, and the "
        "admin pages where each list is fixed. Sends nothing when nothing is due. Run it once a week."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print the e-mails instead of sending them.")

    def handle(self, *args, dry_run: bool, **options):
        due = what_is_due(limit=ITEMS)
        if nothing_due(due):
            self.stdout.write("Nothing is due: no digest sent.")
            return
        recipients = recipients_of_the_digest()
        if not recipients:
            self.stdout.write(
                f"No active member of the {' or '.join(GROUPS)} group has an e-mail address: no digest sent."
            )
            return
        by_language = {}
        messages = []
        for user in recipients:
            language = digest_language(user)
            if language not in by_language:
                with translation.override(language):
                    by_language[language] = compose(due)
            subject, body = by_language[language]
            messages.append(EmailMessage(subject, body, to=[user.email], headers={"Auto-Submitted": "auto-generated"}))
        if dry_run:
            for message in messages:
                self.stdout.write(f"To: {message.to[0]}\nSubject: {message.subject}\n\n{message.body}\n{'-' * 72}")
            self.stdout.write(f"Dry run: {len(messages)} digest(s) printed, none sent.")
            return
        sent = get_connection().send_messages(messages)
        self.stdout.write(f"Sent the digest to {sent} of {len(messages)} editor(s).")


def recipients_of_the_digest():
    """Active members of the Editors and Moderators groups with an e-mail address, each once, with their profile."""
    return list(
        get_user_model().objects.filter(is_active=True, groups__name__in=GROUPS)
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .distinct()
        .order_by("pk")
    )  # fmt: skip


def digest_language(user) -> str:
    """The editor's language for the admin (Account > Locale), when the site speaks it; else the site's default."""
    profile = getattr(user, "wagtail_userprofile", None)
    if profile and profile.preferred_language:
        try:
            return translation.get_supported_language_variant(profile.preferred_language)
        except LookupError:
            pass
    return settings.LANGUAGE_CODE


def admin_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def describe(row: dict) -> str:
    """One line of a list: the name, where and what it is, when it was last verified, and its edit page."""
    if row["model"] == "platform":
        where = str(Platform._meta.verbose_name)
    else:
        where = ", ".join([row["country_code"] or _("international"), str(Kind(row["kind"]).label)])
    verified = _("last verified %(date)s") % {"date": row["last_verified"].isoformat()}
    return f"- {row['name']} ({where}), {verified}\n  {admin_url(row['edit_url'])}"


def listing(section: dict) -> list[str]:
    lines = [describe(row) for row in section["items"]]
    if section["count"] > len(section["items"]):
        lines.append("- " + _("and %(count)s more") % {"count": section["count"] - len(section["items"])})
    return lines


def compose(due: dict) -> tuple[str, str]:
    """The digest's subject and plain-text body, in the active language."""
    today = due["today"].isoformat()
    stale_report = admin_url(reverse("editorial_stale_channels"))
    unconfirmed_list = admin_url(channel_list_url(operator_confirmed="false", live="true"))
    no_hours_list = admin_url(channel_list_url(hours="unknown", live="true"))
    subject = _("HelpHub: what needs an editor, %(date)s") % {"date": today}
    awaiting = TranslationReview.awaiting_per_language()
    lines = [
        _("HelpHub's weekly digest of %(date)s: what needs an editor. Each channel and app is checked against its "
          "source again every %(days)s days.") % {"date": today, "days": due["max_age_days"]},
        "",
        _("Became due for re-verification this week: %(count)s") % {"count": due["newly_due"]["count"]},
        *(listing(due["newly_due"]) or [_("Nothing became due this week.")]),
        "",
        _("Everything that is due now:"),
        "- " + _("Channels to re-verify: %(count)s") % {"count": due["stale_channels"]["count"]},
        "- " + _("Apps to re-verify: %(count)s") % {"count": due["stale_apps"]["count"]},
        "- " + _("Channels never confirmed with their operator: %(count)s") % {"count": due["unconfirmed"]["count"]},
        "- " + _("Helplines without opening hours: %(count)s") % {"count": due["no_hours"]["count"]},
        "- " + _("Translations awaiting a native reviewer: %(count)s") % {"count": sum(n for _code, n in awaiting)}
        + (f" ({', '.join(f'{code} {n}' for code, n in awaiting)})" if awaiting else ""),
        "",
        _("Where to fix them (sign in first):"),
        _("Channels and apps to re-verify:"),
        f"  {stale_report}",
        _("Channels never confirmed with their operator:"),
        f"  {unconfirmed_list}",
    ]  # fmt: skip
    if awaiting:
        lines += [_("Translations a native speaker should check:"),
                  f"  {admin_url(reverse('editorial_translations_to_review'))}"]
    if due["no_hours"]["count"]:
        lines += [
            _('Helplines without opening hours (open each one and add its hours, or tick "open 24 hours, every day"):'),
            f"  {no_hours_list}",
            *listing(due["no_hours"]),
        ]
    lines += [
        "",
        _("This e-mail goes to the members of the Editors and Moderators groups in HelpHub's admin."),
    ]
    return subject, "\n".join(lines) + "\n"
