"""The one place that decides which channels fit a country, a situation and an audience.

The help-finder pages, the JSON API and (through the API) the chat assistant all call `recommend_channels`.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import SAFETY_FIRST_SITUATIONS, Audience, Kind, SituationKey
from .countries import is_country_code
from .lookups import locale_for
from .models import Country, ReportingChannel, Situation

HELPLINE_KINDS = {
    Audience.YOUNG_PERSON: [Kind.CHILD_HELPLINE, Kind.OTHER, Kind.PARENT_HELPLINE],
    Audience.PARENT: [Kind.PARENT_HELPLINE, Kind.CHILD_HELPLINE, Kind.OTHER],
    Audience.OTHER: [Kind.PARENT_HELPLINE, Kind.CHILD_HELPLINE, Kind.OTHER],
}
TRANSLATED_CHANNEL_FIELDS = ("name", "description", "what_happens_next", "hours_note")


# Why a channel fits: by situation and kind where it says more, else by kind. Lazy, so each is translated
# into the language active when it is shown.
SPECIFIC_REASONS = {
    (SituationKey.SEXTORTION, Kind.POLICE): gettext_lazy(
        "Sextortion is a crime. The police can act even if you already paid or sent something."
    ),
    (SituationKey.SEXTORTION, Kind.IMAGE_REMOVAL): gettext_lazy(
        "Can stop the photos or videos from being shared on the platforms that take part."
    ),
    (SituationKey.IMAGE_SHARED, Kind.IMAGE_REMOVAL): gettext_lazy(
        "Can get the image taken down from the platforms that take part, without you sending it to anyone."
    ),
    (SituationKey.IMAGE_SHARED, Kind.CSAM_HOTLINE): gettext_lazy(
        "A sexual image of someone under 18 is child sexual abuse material: this hotline can have it removed."
    ),
    (SituationKey.CSAM_FOUND, Kind.CSAM_HOTLINE): gettext_lazy(
        "Report the link here. The hotline checks it and has it removed, also in other countries. "
        "Never download, screenshot or forward it."
    ),
    (SituationKey.GROOMING, Kind.POLICE): gettext_lazy(
        "An adult seeking sexual contact with a child is committing a crime. The police can act."
    ),
    (SituationKey.TRAFFICKING, Kind.EMERGENCY): gettext_lazy("If someone is in danger now, call the emergency number."),
    (SituationKey.TRAFFICKING, Kind.MISSING_CHILDREN): gettext_lazy("If a child is missing, call this number."),
}
GENERIC_REASONS = {
    Kind.EMERGENCY: gettext_lazy("Someone is in danger now: call the emergency number first."),
    Kind.POLICE: gettext_lazy("The police can investigate and stop the person doing this."),
    Kind.CSAM_HOTLINE: gettext_lazy("Reports links to sexual images of children so they can be taken down."),
    Kind.CHILD_HELPLINE: gettext_lazy("Support from people trained to help young people."),
    Kind.PARENT_HELPLINE: gettext_lazy("Advice for parents and carers on what to do next."),
    Kind.IMAGE_REMOVAL: gettext_lazy("Helps remove intimate images from the internet."),
    Kind.TRAFFICKING: gettext_lazy("Specialists who know the signs of trafficking and the support available."),
    Kind.MISSING_CHILDREN: gettext_lazy("The number to call when a child is missing or being exploited."),
    Kind.PLATFORM: gettext_lazy("Report the account on the app or game where it happened."),
    Kind.OTHER: gettext_lazy("Someone to talk to now."),
}


class RoutingError(ValueError):
    """A request the routing function cannot answer; `parameter` names the culprit."""

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


@dataclass
class Recommendation:
    channel: ReportingChannel
    reason: str
    open_now: bool | None
    translated: bool = True


@dataclass
class Routing:
    country_code: str
    country: Country | None
    situation: Situation
    audience: str
    language: str
    age: int | None
    recommendations: list[Recommendation] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return self.country is not None


def recommend_channels(
    country: str,
    situation: str,
    audience: str = Audience.YOUNG_PERSON,
    age: int | None = None,
    language: str | None = None,
    at: datetime | None = None,
) -> Routing:
    """Return the channels that fit, in the order a visitor should try them, each with the reason it fits.

    - `country`: ISO 3166 alpha-2 code. A country the directory does not cover still gets the international
      channels, and a notice saying it is not covered.
    - `situation`: a situation key; `audience`: young_person, parent or other; `age`: the age of the person the help
      is for, when known; `language`: the language for names and reasons (defaults to the site default).
    - Immediate danger and self-harm always start with the emergency number and then a helpline.
    """
    code = (country or "").strip().upper()
    if not is_country_code(code):
        raise RoutingError("country", _("Unknown country code: %(code)s.") % {"code": country})
    if situation not in SituationKey.values:
        raise RoutingError("situation", _("Unknown situation: %(key)s.") % {"key": situation})
    if audience not in Audience.values:
        raise RoutingError("audience", _("Unknown audience: %(audience)s.") % {"audience": audience})
    if age is not None and not 0 <= age <= 120:
        raise RoutingError("age", _("Age must be between 0 and 120."))

    default_locale = locale_for(settings.LANGUAGE_CODE)
    language = language or settings.LANGUAGE_CODE
    target_locale = locale_for(language)

    with translation.override(target_locale.language_code):
        source_situation = Situation.objects.filter(key=situation, locale=default_locale, live=True).first()
        if source_situation is None:
            raise RoutingError("situation", _("This situation is not published: %(key)s.") % {"key": situation})
        source_country = Country.objects.filter(code=code, locale=default_locale, live=True).first()
        routing = Routing(
            country_code=code,
            country=_localized(source_country, target_locale, ("name",)) if source_country else None,
            situation=_localized(source_situation, target_locale, ("title", "description")),
            audience=audience,
            language=target_locale.language_code,
            age=age,
        )
        route = source_situation.route_for(audience)
        wanted = set(route) | set(HELPLINE_KINDS[audience]) if situation in SAFETY_FIRST_SITUATIONS else set(route)
        channels = list(
            ReportingChannel.objects.filter(locale=default_locale, live=True, kind__in=wanted).filter(
                Q(country_code=code) | Q(country_code="")
            )
        )
        fitting_kinds = {c.kind for c in channels if _fits(c, situation, audience, age)}
        kinds = _order_kinds(route, situation, audience, fitting_kinds)
        translated = _translations(channels, target_locale, default_locale)
        zone = source_country.time_zone if source_country else "UTC"

        for kind in kinds:
            if kind == Kind.EMERGENCY and source_country:
                routing.recommendations.append(
                    Recommendation(_emergency_channel(source_country), _reason(situation, kind), True)
                )
            fitting = [c for c in channels if c.kind == kind and _fits(c, situation, audience, age)]
            fitting.sort(key=lambda c: (c.is_international, language not in c.languages, -c.priority, c.name))
            for channel in fitting:
                is_translated = _apply_translation(channel, translated.get(channel.translation_key))
                is_translated = is_translated or target_locale.pk == default_locale.pk
                routing.recommendations.append(
                    Recommendation(channel, _reason(situation, kind), channel.open_now(zone, at), is_translated)
                )

        if not routing.covered:
            routing.notices.append(
                _(
                    "We do not list the services in this country yet. If anyone is in danger now, call your "
                    "local emergency number. The services below work across borders."
                )
            )
        elif not routing.recommendations:
            routing.notices.append(_("We have no channel for this situation in this country yet."))
    return routing


def _order_kinds(route: list[str], situation: str, audience: str, available: set[str]) -> list[str]:
    """The kinds to list, in order. In danger and self-harm: the emergency number, then the first helpline kind
    that has a channel here (the route's own helpline first), then the rest of the route."""
    kinds = list(dict.fromkeys(route))
    if situation in SAFETY_FIRST_SITUATIONS:
        helplines = HELPLINE_KINDS[audience]
        candidates = [k for k in kinds if k in helplines] + [k for k in helplines if k not in kinds]
        helpline = next((k for k in candidates if k in available), None)
        rest = [k for k in kinds if k not in (Kind.EMERGENCY, helpline)]
        kinds = [Kind.EMERGENCY, *([helpline] if helpline else []), *rest]
    return kinds


def _fits(channel: ReportingChannel, situation: str, audience: str, age: int | None) -> bool:
    if audience not in channel.audiences or not channel.fits_age(age):
        return False
    if channel.kind == Kind.OTHER:
        # "Other" is too broad to match by kind alone: such a channel names the situations it serves.
        return situation in channel.situations
    return not channel.situations or situation in channel.situations


def _emergency_channel(country: Country) -> ReportingChannel:
    """The country's emergency number, shown as a channel (it lives on the Country record)."""
    return ReportingChannel(
        key=f"{country.code.lower()}-emergency-number",
        organisation=_("Emergency services"),
        name=_("Emergency number"),
        kind=Kind.EMERGENCY,
        country_code=country.code,
        audiences=list(Audience.values),
        phone=country.emergency_number,
        open_24_7=True,
        description=_("Police, ambulance and fire, when someone is in danger now."),
        source=country.emergency_source,
        last_verified=country.emergency_verified,
        translation_key=country.translation_key,
        locale=country.locale,
    )


def _localized(record, target_locale, fields):
    if record.locale_id == target_locale.pk:
        return record
    translation_row = (
        type(record).objects.filter(translation_key=record.translation_key, locale=target_locale, live=True).first()
    )
    _apply_translation(record, translation_row, fields)
    return record


def _translations(channels, target_locale, default_locale) -> dict:
    if target_locale.pk == default_locale.pk or not channels:
        return {}
    rows = ReportingChannel.objects.filter(
        locale=target_locale, live=True, translation_key__in=[c.translation_key for c in channels]
    ).only("translation_key", *TRANSLATED_CHANNEL_FIELDS)
    return {row.translation_key: row for row in rows}


def _apply_translation(record, translation_row, fields=TRANSLATED_CHANNEL_FIELDS) -> bool:
    if translation_row is None:
        return False
    for name in fields:
        value = getattr(translation_row, name)
        if value:
            setattr(record, name, value)
    return True


def _reason(situation: str, kind: str) -> str:
    return str(SPECIFIC_REASONS.get((situation, kind)) or GENERIC_REASONS[kind])
