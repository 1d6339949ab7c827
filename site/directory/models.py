"""The directory: countries, situations and the reporting channels that fit them.

Every record is a translatable Wagtail snippet with drafts, revisions, locking and moderation. Phone numbers, links,
hours and codes are the same in every language: the routing function reads them from the record in the default
language, and takes only the wording (names, descriptions) from the visitor's language.
"""

import re
from datetime import date

from babel import Locale
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from . import hours
from .blocks import OpeningTimesBlock, RouteStepBlock
from .choices import HARM_FOR_SITUATION, SERVICE_LANGUAGES, Audience, Harm, Kind, SituationKey
from .fields import ChoiceListField
from .validators import (
    tel_uri,
    validate_age,
    validate_country_code,
    validate_https,
    validate_key,
    validate_phone,
    validate_time_zone,
)


def language_options():
    return [(code, Locale.parse(code).get_display_name("en") or code) for code in SERVICE_LANGUAGES]


class DirectoryRecord(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, models.Model):
    """What every directory snippet shares: translation, drafts, revisions, locking and moderation."""

    _revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(class)s",
        for_concrete_model=False,
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(class)s",
        for_concrete_model=False,
    )

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @property
    def revisions(self):
        return self._revisions

    def clean_fields(self, exclude=None):
        """The fields' own checks, and the blocks of each StreamField (opening times, a situation's route).

        Wagtail checks a StreamField's blocks only in the editor's form; checking them here too holds a record built
        any other way (the content loader) to the same rules."""
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if isinstance(field, StreamField) and field.name not in (exclude or ()) and field.name not in errors:
                try:
                    field.stream_block.clean(getattr(self, field.attname))
                except ValidationError as error:
                    errors[field.name] = _block_errors(error)
        if errors:
            raise ValidationError(errors)


def _block_errors(error: ValidationError, where: tuple = ()) -> list[ValidationError]:
    """A StreamField's nested block errors as plain messages, each saying which item (and part) it is about; the
    item's position (from 0) is in `params["item"]`, for the content loader to point at its line."""
    nested = getattr(error, "block_errors", None)
    if not nested:
        if not where:
            return [ValidationError(message, code=error.code) for message in error.messages]
        label = ", ".join([_("item %(number)s") % {"number": where[0] + 1}, *map(str, where[1:])])
        # The message is formatted with `params` when shown: a % in it must stay a %.
        return [
            ValidationError(f"{label}: {message}".replace("%", "%%"), code=error.code, params={"item": where[0]})
            for message in error.messages
        ]
    found = []
    for key, child in nested.items() if isinstance(nested, dict) else enumerate(nested):
        if child is not None:
            found += _block_errors(child, (*where, key))
    for message in getattr(error, "non_block_errors", None) or []:
        found += _block_errors(ValidationError(message), where)
    return found


def _field_errors(**checks) -> dict[str, list[ValidationError]]:
    """Run each field's check, `name=(validator, value, *more arguments)`; the errors of those that refuse, by field."""
    errors = {}
    for name, (validator, *arguments) in checks.items():
        try:
            validator(*arguments)
        except ValidationError as error:
            errors[name] = error.error_list
    return errors


def validate_not_future(value: date) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(_("The verified date cannot be in the future."))


class Country(index.Indexed, DirectoryRecord):
    code = models.CharField(_("ISO 3166 code"), max_length=2, help_text=_("Two capital letters, for example ES."))
    name = models.CharField(_("name"), max_length=100)
    default_language = models.CharField(_("default language"), max_length=8)
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC", help_text=_("For example Europe/Madrid."))
    emergency_number = models.CharField(_("emergency number"), max_length=32)
    emergency_source = models.TextField(_("source of the emergency number"))
    emergency_verified = models.DateField(_("emergency number last verified"), validators=[validate_not_future])

    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("code"),
        SynchronizedField("default_language"),
        SynchronizedField("time_zone"),
        SynchronizedField("emergency_number"),
        SynchronizedField("emergency_source"),
        SynchronizedField("emergency_verified"),
    ]
    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("default_language"), FieldPanel("time_zone")]),
        MultiFieldPanel(
            [FieldPanel("emergency_number"), FieldPanel("emergency_source"), FieldPanel("emergency_verified")],
            heading=_("Emergency number"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("code")]

    class Meta(DirectoryRecord.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["code", "locale"], name="unique_country_code_per_locale")]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def clean(self):
        super().clean()
        self.code = (self.code or "").upper()
        errors = _field_errors(
            code=(validate_country_code, self.code),
            time_zone=(validate_time_zone, self.time_zone),
        )
        if self.code and "code" not in errors:  # a number is valid for a country: without one it cannot be checked
            errors |= _field_errors(emergency_number=(validate_phone, self.emergency_number, self.code))
        if errors:
            raise ValidationError(errors)

    @property
    def emergency_tel(self):
        return tel_uri(self.emergency_number, self.code)


class Situation(index.Indexed, DirectoryRecord):
    key = models.CharField(_("key"), max_length=32, choices=SituationKey.choices)
    title = models.CharField(_("title"), max_length=120, help_text=_("In the visitor's own words."))
    description = models.CharField(_("short description"), max_length=255, blank=True)
    young_person_route = StreamField(
        [("kind", RouteStepBlock())],
        verbose_name=_("channels for a young person, in order"),
        blank=True,
    )
    adult_route = StreamField(
        [("kind", RouteStepBlock())],
        verbose_name=_("channels for a parent, carer or other adult, in order"),
        blank=True,
    )
    sort_order = models.PositiveSmallIntegerField(_("position in lists"), default=0)

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("description"),
        SynchronizedField("key"),
        SynchronizedField("young_person_route"),
        SynchronizedField("adult_route"),
        SynchronizedField("sort_order"),
    ]
    panels = [
        FieldRowPanel([FieldPanel("key"), FieldPanel("sort_order")]),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("young_person_route"),
        FieldPanel("adult_route"),
    ]
    search_fields = [index.SearchField("title"), index.FilterField("key")]

    class Meta(DirectoryRecord.Meta):
        verbose_name = _("situation")
        verbose_name_plural = _("situations")
        ordering = ["sort_order", "key"]
        constraints = [models.UniqueConstraint(fields=["key", "locale"], name="unique_situation_key_per_locale")]

    def __str__(self):
        return self.title

    def route_for(self, audience: str) -> list[str]:
        route = self.young_person_route if audience == Audience.YOUNG_PERSON else self.adult_route
        return [step.value for step in route]


# Lines a visitor calls, texts or chats with, and so needs the hours of (hotlines that take reports are left out).
HOURS_NEEDED_KINDS = (Kind.CHILD_HELPLINE, Kind.PARENT_HELPLINE, Kind.OTHER)


def without_hours() -> models.Q:
    """Helplines that can be called, texted or chatted, with neither 24/7 nor opening times: the dashboard's count,
    the digest's list and the channel list's filter."""
    reachable = ~models.Q(phone="") | ~models.Q(sms="") | ~models.Q(chat_url="")
    return models.Q(kind__in=HOURS_NEEDED_KINDS, open_24_7=False, opening_times=[]) & reachable


class ReportingChannel(PreviewableMixin, index.Indexed, DirectoryRecord):
    key = models.SlugField(_("key"), max_length=80, help_text=_("Stable identifier; never reuse one."))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    country_code = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("ISO code of the country served; empty for international.")
    )
    audiences = ChoiceListField(_("audiences"), options=Audience.choices, blank=False)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    ages_in_image = models.BooleanField(
        _("the ages are the age in the image"),
        default=False,
        help_text=_(
            "For image removal services: the minimum and maximum age are the age of the person when the photo or video "
            "was taken, whatever their age now (Take It Down: under 18 in the image; StopNCII: 18 or over)."
        ),
    )
    situations = ChoiceListField(
        _("only for these situations"),
        options=SituationKey.choices,
        help_text=_("Leave empty when the channel fits every situation whose route lists its kind."),
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    sms = models.CharField(_("SMS"), max_length=32, blank=True)
    chat_url = models.URLField(_("chat address"), blank=True, validators=[validate_https])
    web_url = models.URLField(_("web address"), blank=True, validators=[validate_https])
    open_24_7 = models.BooleanField(_("open 24 hours, every day"), default=False)
    opening_times = StreamField(
        [("times", OpeningTimesBlock())], verbose_name=_("opening times"), blank=True,
        help_text=_("Leave empty when the hours are not known."),
    )
    hours_note = models.CharField(_("note on hours"), max_length=255, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, help_text=_("Leave empty to use the country's time zone.")
    )
    free = models.BooleanField(_("free to contact"), null=True, blank=True)
    anonymous = models.BooleanField(_("anonymous"), null=True, blank=True)
    languages = ChoiceListField(_("languages"), options=language_options())
    description = models.TextField(_("what they do"), blank=True)
    what_happens_next = models.TextField(_("what happens after you contact them"), blank=True)
    priority = models.SmallIntegerField(
        _("priority"), default=0, help_text=_("Higher comes first among channels of the same kind.")
    )
    source = models.TextField(_("source"), help_text=_("Where the number and links were checked."))
    last_verified = models.DateField(_("last verified"), validators=[validate_not_future])
    operator_confirmed = models.BooleanField(
        _("confirmed on the operator's own site"), default=False
    )
    editor_notes = models.TextField(_("notes for editors"), blank=True)

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        TranslatableField("what_happens_next"),
        TranslatableField("hours_note"),
        *[
            SynchronizedField(name)
            for name in (
                "key", "organisation", "kind", "country_code", "audiences", "min_age", "max_age", "ages_in_image", "situations",
                "phone", "sms", "chat_url", "web_url", "open_24_7", "opening_times", "time_zone", "free",
                "anonymous", "languages", "priority", "source", "last_verified", "operator_confirmed",
                "editor_notes",
            )
        ],
    ]  # fmt: skip

    panels = [
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("country_code"), FieldPanel("key")]),
        MultiFieldPanel(
            [
                FieldPanel("audiences"),
                FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
                FieldPanel("ages_in_image"),
                FieldPanel("situations"),
            ],
            heading=_("Who and what it is for"),
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("sms"), FieldPanel("chat_url"), FieldPanel("web_url")],
            heading=_("How to reach it"),
        ),
        MultiFieldPanel(
            [FieldPanel("open_24_7"), FieldPanel("opening_times"), FieldPanel("hours_note"), FieldPanel("time_zone")],
            heading=_("Opening hours"),
        ),
        FieldRowPanel([FieldPanel("free"), FieldPanel("anonymous"), FieldPanel("priority")]),
        FieldPanel("languages"),
        FieldPanel("description"),
        FieldPanel("what_happens_next"),
        MultiFieldPanel(
            [FieldPanel("source"), FieldPanel("last_verified"), FieldPanel("operator_confirmed"), FieldPanel("editor_notes")],
            heading=_("Source and verification"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("organisation"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("country_code"),
    ]

    class Meta(DirectoryRecord.Meta):
        verbose_name = _("reporting channel")
        verbose_name_plural = _("reporting channels")
        ordering = ["country_code", "kind", "-priority", "name"]
        constraints = [models.UniqueConstraint(fields=["key", "locale"], name="unique_channel_key_per_locale")]

    def __str__(self):
        where = self.country_code or _("international")
        return f"{self.name} ({where})"

    def clean(self):
        super().clean()
        self.country_code = (self.country_code or "").upper()
        region = self.country_code or None
        errors = _field_errors(
            key=(validate_key, self.key),
            country_code=(validate_country_code, self.country_code),
            min_age=(validate_age, self.min_age),
            max_age=(validate_age, self.max_age),
            time_zone=(validate_time_zone, self.time_zone),
            phone=(validate_phone, self.phone, region),
            sms=(validate_phone, self.sms, region),
        )
        if not (self.phone or self.sms or self.chat_url or self.web_url):
            errors["phone"] = [_("Give at least one way to reach the channel: phone, SMS, chat or web address.")]
        if "max_age" not in errors and self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            errors["max_age"] = [_("The maximum age is below the minimum age.")]
        if self.kind == Kind.OTHER and not self.situations:
            errors["situations"] = [
                _("A channel of kind 'other' must list the situations it serves: 'other' is too broad to match by kind.")
            ]
        if errors:
            raise ValidationError(errors)

    # What visitors see -------------------------------------------------------------------------------------------

    @property
    def is_international(self) -> bool:
        return not self.country_code

    @property
    def phone_tel(self) -> str:
        return tel_uri(self.phone, self.country_code or None) if self.phone else ""

    @property
    def sms_uri(self) -> str:
        return "sms:" + tel_uri(self.sms, self.country_code or None)[4:] if self.sms else ""

    @property
    def source_url(self) -> str:
        """The first link in the source (the operator's own page when the channel is confirmed with the operator),
        when it is an https link; visitors are never sent to a plain http page."""
        found = re.search(r"https?://[^\s;,)]+", self.source or "")
        return found.group(0) if found and found.group(0).startswith("https://") else ""

    def zone_name(self, country_zone: str = "UTC") -> str:
        return self.time_zone or country_zone

    def open_now(self, country_zone: str = "UTC", at=None) -> bool | None:
        times = [dict(block.value) for block in self.opening_times] if self.opening_times else []
        return hours.is_open(self.open_24_7, times, self.zone_name(country_zone), at or timezone.now())

    def fits_age(self, age: int | None) -> bool:
        """Whether the channel can serve someone of `age` now. Where the limits are the age in the image, an image
        may have been taken at any age up to now: only the minimum can rule someone out."""
        if age is None:
            return True
        if self.ages_in_image:
            return self.min_age is None or age >= self.min_age
        return (self.min_age is None or age >= self.min_age) and (self.max_age is None or age <= self.max_age)

    def is_stale(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (today - self.last_verified).days > settings.HELPHUB_VERIFY_MAX_AGE_DAYS

    # The CMS's preview: the help finder's answers this channel, as edited, would appear in -----------------------

    def get_preview_template(self, request, mode_name):
        return "directory/preview_channel.html"

    def get_preview_context(self, request, mode_name):
        # The answers it appears in are worked out by the template (directory_preview's preview_answers): the routing
        # reads these models, so the models do not import it.
        return {**super().get_preview_context(request, mode_name), "channel": self}

class Platform(index.Indexed, DirectoryRecord):
    """An app or game young people use, with its own way to report each harm: international (help centres are
    global), verified like a channel. The help finder and the assistant add its report link when the visitor names it."""

    key = models.SlugField(_("key"), max_length=80, help_text=_("Stable identifier; never reuse one."))
    name = models.CharField(_("name"), max_length=100)
    owner = models.CharField(_("company"), max_length=100, blank=True)
    aliases = models.CharField(
        _("names visitors use"), max_length=500, blank=True,
        help_text=_("Comma-separated, lower case: how people write the app's name in a message (insta, ig, snap)."),
    )
    help_url = models.URLField(_("help centre"), max_length=500, blank=True, validators=[validate_https])

    nude_shared_url = models.URLField(_("report link"), max_length=500, blank=True, validators=[validate_https])
    nude_shared_steps = models.TextField(_("how to report"), blank=True)
    nude_shared_source = models.URLField(_("source"), max_length=500, blank=True, validators=[validate_https])
    threat_url = models.URLField(_("report link"), max_length=500, blank=True, validators=[validate_https])
    threat_steps = models.TextField(_("how to report"), blank=True)
    threat_source = models.URLField(_("source"), max_length=500, blank=True, validators=[validate_https])
    adult_sexual_contact_url = models.URLField(_("report link"), max_length=500, blank=True, validators=[validate_https])
    adult_sexual_contact_steps = models.TextField(_("how to report"), blank=True)
    adult_sexual_contact_source = models.URLField(_("source"), max_length=500, blank=True, validators=[validate_https])
    csam_url = models.URLField(_("report link"), max_length=500, blank=True, validators=[validate_https])
    csam_steps = models.TextField(_("how to report"), blank=True)
    csam_source = models.URLField(_("source"), max_length=500, blank=True, validators=[validate_https])
    fake_job_url = models.URLField(_("report link"), max_length=500, blank=True, validators=[validate_https])
    fake_job_steps = models.TextField(_("how to report"), blank=True)
    fake_job_source = models.URLField(_("source"), max_length=500, blank=True, validators=[validate_https])

    take_it_down = models.BooleanField(_("takes part in Take It Down"), null=True, blank=True)
    stopncii = models.BooleanField(_("takes part in StopNCII"), null=True, blank=True)
    removal_source = models.TextField(_("source of the removal services"), blank=True)
    own_tool_url = models.URLField(_("its own removal tool"), max_length=500, blank=True, validators=[validate_https])
    own_tool_text = models.TextField(_("what its own tool does"), blank=True)
    report_without_account = models.BooleanField(_("anyone can report without an account"), null=True, blank=True)
    report_without_account_source = models.URLField(
        _("source"), max_length=500, blank=True, validators=[validate_https]
    )
    under_18 = models.TextField(_("what it says to under-18s"), blank=True)
    under_18_source = models.URLField(_("source"), max_length=500, blank=True, validators=[validate_https])

    last_verified = models.DateField(_("last verified"), validators=[validate_not_future])
    operator_confirmed = models.BooleanField(_("seen on the platform's own pages"), default=False)
    editor_notes = models.TextField(_("notes for editors"), blank=True)

    HARM_FIELDS = {harm: (f"{harm}_url", f"{harm}_steps", f"{harm}_source") for harm in Harm.values}
    WORDS = ("own_tool_text", "under_18", *(f"{harm}_steps" for harm in Harm.values))

    translatable_fields = [
        *[TranslatableField(name) for name in WORDS],
        *[
            SynchronizedField(name)
            for name in ("key", "name", "owner", "aliases", "help_url", "take_it_down", "stopncii", "removal_source",
                         "own_tool_url", "report_without_account", "report_without_account_source", "under_18_source",
                         "last_verified", "operator_confirmed", "editor_notes")
        ],
        *[SynchronizedField(n) for harm in Harm.values for n in (f"{harm}_url", f"{harm}_source")],
    ]  # fmt: skip
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("owner"), FieldPanel("key")]),
        FieldPanel("aliases"),
        FieldPanel("help_url"),
        *[
            MultiFieldPanel(
                [FieldPanel(f"{harm.value}_url"), FieldPanel(f"{harm.value}_steps"), FieldPanel(f"{harm.value}_source")],
                heading=harm.label,
            )
            for harm in Harm
        ],
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("take_it_down"), FieldPanel("stopncii")]), FieldPanel("removal_source"),
             FieldPanel("own_tool_url"), FieldPanel("own_tool_text")],
            heading=_("Removing images"),
        ),
        MultiFieldPanel(
            [FieldPanel("report_without_account"), FieldPanel("report_without_account_source"),
             FieldPanel("under_18"), FieldPanel("under_18_source")],
            heading=_("Young people and reporting"),
        ),
        MultiFieldPanel(
            [FieldPanel("last_verified"), FieldPanel("operator_confirmed"), FieldPanel("editor_notes")],
            heading=_("Verification"),
        ),
    ]  # fmt: skip
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("aliases")]

    class Meta(DirectoryRecord.Meta):
        verbose_name = _("app or platform")
        verbose_name_plural = _("apps and platforms")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["key", "locale"], name="unique_platform_key_per_locale")]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.aliases = ", ".join(self.alias_list)
        errors = _field_errors(key=(validate_key, self.key))
        for url, steps, source in self.HARM_FIELDS.values():
            if (getattr(self, url) or getattr(self, steps)) and not getattr(self, source):
                errors[source] = [_("Say where the link or the steps were seen: the platform's own help page.")]
        if self.own_tool_url and not self.own_tool_text:
            errors["own_tool_text"] = [_("Say what the tool does.")]
        if (self.take_it_down or self.stopncii) and not self.removal_source:
            errors["removal_source"] = [_("Say where the platform's part in the removal service was seen.")]
        if self.report_without_account is not None and not self.report_without_account_source:
            errors["report_without_account_source"] = [_("Say where this was seen.")]
        if self.under_18 and not self.under_18_source:
            errors["under_18_source"] = [_("Say where this was seen.")]
        if errors:
            raise ValidationError(errors)

    @property
    def alias_list(self) -> list[str]:
        return [a.strip().lower() for a in (self.aliases or "").split(",") if a.strip()]

    def report_for(self, situation: str) -> tuple[str, str, str]:
        """The (link, steps, source) to report what happened in `situation`: the harm's own path where the platform
        has one, else the first path it has (its general report button), else its help centre."""
        harm = HARM_FOR_SITUATION.get(situation)
        paths = ([self.HARM_FIELDS[harm]] if harm else []) + list(self.HARM_FIELDS.values())
        for url, steps, source in paths:
            if getattr(self, url) or getattr(self, steps):
                return getattr(self, url), getattr(self, steps), getattr(self, source)
        return self.help_url, "", self.help_url

    @property
    def reports(self) -> list[tuple[str, str, str, str]]:
        """(harm label, link, steps, source) for each harm the platform has a report path for."""
        found = []
        for harm in Harm:
            url, steps, source = (getattr(self, name) for name in self.HARM_FIELDS[harm.value])
            if url or steps:
                found.append((harm.label, url, steps, source))
        return found

    def is_stale(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (today - self.last_verified).days > settings.HELPHUB_VERIFY_MAX_AGE_DAYS
