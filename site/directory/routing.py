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

from .advice import advice_for
from .choices import SAFETY_FIRST_SITUATIONS, Audience, Kind, SituationKey
from .countries import is_country_code
from .lookups import apply_wording, locale_for, words_of
from .models import Country, Platform, ReportingChannel, Situation

# The helpline kinds in the order they suit each audience (what "a helpline" means after the emergency number).
HELPLINE_KINDS = {
    Audience.YOUNG_PERSON: [Kind.CHILD_HELPLINE, Kind.OTHER, Kind.PARENT_HELPLINE],
    Audience.PARENT: [Kind.PARENT_HELPLINE, Kind.CHILD_HELPLINE, Kind.OTHER],
    Audience.OTHER: [Kind.PARENT_HELPLINE, Kind.CHILD_HELPLINE, Kind.OTHER],
}


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
        "Can help get the image taken down. Report it on the platform where it was posted first."
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
    Kind.PARENT_HELPLINE: gettext_lazy("Advice on what to do next, from people who know these situations."),
    Kind.IMAGE_REMOVAL: gettext_lazy("Helps remove intimate images from the internet."),
    Kind.TRAFFICKING: gettext_lazy("Specialists who know the signs of trafficking and the support available."),
    Kind.MISSING_CHILDREN: gettext_lazy("The number to call when a child is missing or being exploited."),
    Kind.PLATFORM: gettext_lazy("Report the account on the app or game where it happened."),
    Kind.OTHER: gettext_lazy("Someone to talk to now."),
}
# Reasons that replace the kind's when routing had to step outside the route to leave no one without help.
POLICE_BY_EMERGENCY_NUMBER = gettext_lazy(
    "To report a crime to the police: we know of no online form or other police number here, so call the emergency "
    "number, or go to a police station."
)
YOUNG_PERSONS_LINE_FOR_ADULTS = gettext_lazy(
    "A helpline for young people: the young person you are worried about can contact them directly."
)
OPEN_INSTEAD = gettext_lazy("Open now. The helpline below it is closed at the moment.")
# The app the visitor named: its own report path, at the route's platform step (or after the rest).
PLATFORM_REASON = gettext_lazy(
    "Report the account or the post on %(app)s itself: it can remove it and close the account. Keep the evidence "
    "first. If you are under 18, or the report is about someone under 18, say so in the report."
)
PLATFORM_REMOVAL = {
    (True, True): gettext_lazy("%(app)s takes part in Take It Down and StopNCII."),
    (True, False): gettext_lazy("%(app)s takes part in Take It Down."),
    (False, True): gettext_lazy("%(app)s takes part in StopNCII."),
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

    @property
    def advice(self) -> list:
        """What the answer says besides the channels (lazy translations: rendered in the active language)."""
        return advice_for(self.situation.key)


def recommend_channels(
    country: str,
    situation: str,
    audience: str = Audience.YOUNG_PERSON,
    age: int | None = None,
    language: str | None = None,
    at: datetime | None = None,
    platform: str | None = None,
    preview: ReportingChannel | None = None,
) -> Routing:
    """Return the channels that fit, in the order a visitor should try them, each with the reason it fits.

    - `country`: ISO 3166 alpha-2 code. A country the directory does not cover still gets the international
      channels, and a notice saying it is not covered.
    - `situation`: a situation key; `audience`: young_person, parent or other; `age`: the age of the person the help
      is for, when known; `language`: the language for names and reasons (defaults to the site default).
    - `platform`: the key of the app where it happens, when the visitor said: its own report path is added at the
      route's platform step, or after the rest when the route has none.
    - `preview`: a channel as an editor is editing it (not saved): it takes the place of the published channel with
      its key, or joins the candidates when new, so the preview shows where it would come (the CMS's preview).
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
    if platform is not None and not isinstance(platform, str):
        raise RoutingError("platform", _("Unknown app: %(key)s.") % {"key": platform})

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
        app, app_translated = None, True
        if platform:
            app = Platform.objects.filter(key=platform, locale=default_locale, live=True).first()
            if app is None:
                raise RoutingError("platform", _("Unknown app: %(key)s.") % {"key": platform})
            app_translated = _localized_platform(app, target_locale)
        route = source_situation.route_for(audience)
        safety_first = situation in SAFETY_FIRST_SITUATIONS
        wanted = set(route) | set(HELPLINE_KINDS[audience]) | {Kind.CHILD_HELPLINE}
        channels = list(
            ReportingChannel.objects.filter(locale=default_locale, live=True, kind__in=wanted).filter(
                Q(country_code=code) | Q(country_code="")
            )
        )
        if preview is not None:
            channels = [c for c in channels if c.key != preview.key]
            if preview.kind in wanted and preview.country_code in (code, ""):
                channels.append(preview)
        zone = source_country.time_zone if source_country else "UTC"
        fitting = [c for c in channels if _fits(c, situation, audience, age)]
        open_now = {c.key: c.open_now(zone, at) for c in fitting}
        kinds = _order_kinds(route, situation, audience, {c.kind for c in fitting})
        translated = _translations(channels, target_locale, default_locale)

        def recommend(channel, reason, is_open):
            is_translated = apply_wording(channel, translated.get(channel.translation_key))
            is_translated = is_translated or target_locale.pk == default_locale.pk
            reason = " ".join(filter(None, [str(reason), _image_age_note(channel)]))
            routing.recommendations.append(Recommendation(channel, reason, is_open, is_translated))

        def recommend_app():
            if app is None or any(r.channel.kind == Kind.PLATFORM and r.channel.key == f"platform-{app.key}"
                                  for r in routing.recommendations):
                return
            channel = _platform_channel(app, situation)
            if channel is not None:
                routing.recommendations.append(Recommendation(channel, _platform_reason(app), None, app_translated))

        for kind in kinds:
            if kind == Kind.PLATFORM:
                recommend_app()
            if kind == Kind.EMERGENCY and source_country:
                recommend(_emergency_channel(source_country), _reason(situation, kind), True)
            of_kind = [c for c in fitting if c.kind == kind]
            if safety_first and kind in HELPLINE_KINDS[audience]:
                of_kind.sort(key=lambda c: (OPEN_FIRST[open_now[c.key]], *_preference(c, language)))
            else:
                of_kind.sort(key=lambda c: _preference(c, language))
            if kind == Kind.POLICE and not of_kind and source_country:
                recommend(_emergency_channel(source_country, Kind.POLICE), POLICE_BY_EMERGENCY_NUMBER, True)
            for channel in of_kind:
                recommend(channel, _reason(situation, kind), open_now[channel.key])

        if audience != Audience.YOUNG_PERSON:
            _adults_get_a_helpline(
                routing,
                channels,
                situation,
                language,
                lambda c: recommend(c, YOUNG_PERSONS_LINE_FOR_ADULTS, c.open_now(zone, at)),
                zone,
                at,
            )
        if safety_first and routing.covered:
            # Open lines here, whatever situations they name: someone to talk to now. Lines that serve this visitor
            # first; for an adult, then the young people's lines, for the young person to contact.
            open_lines = [c for c in channels if c.kind in HELPLINE_KINDS[audience] and c.fits_age(age)
                          and c.country_code and c.open_now(zone, at)]  # fmt: skip
            open_lines.sort(key=lambda c: (audience not in c.audiences, HELPLINE_KINDS[audience].index(c.kind),
                                           *_preference(c, language)))  # fmt: skip
            open_lines = [c for c in open_lines if audience in c.audiences or c.kind == Kind.CHILD_HELPLINE]

            def recommend_open(channel):
                for_them = audience in channel.audiences
                recommend(channel, f"{OPEN_INSTEAD} {'' if for_them else YOUNG_PERSONS_LINE_FOR_ADULTS}".strip(), True)

            _open_helpline_first(routing, audience, open_lines, recommend_open)

        recommend_app()  # after the rest, where the route has no platform step
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


# In danger and self-harm, a line that is open now comes before one whose hours are not known, and that before one
# that is closed now.
OPEN_FIRST = {True: 0, None: 1, False: 2}


def _preference(channel: ReportingChannel, language: str) -> tuple:
    """Within a kind: national before international, then the editors' order (the national, general line first;
    language and access lines after), then lines answering in the visitor's language."""
    return (channel.is_international, -channel.priority, language not in channel.languages, channel.name)


def _open_helpline_first(routing: Routing, audience: str, open_lines: list, recommend) -> None:
    """When the first helpline after the emergency number is closed now, an open one moves up before it: from the
    answer, or else another line here that is open now (a 24/7 crisis line); when none is open, the visitor is told."""
    items = routing.recommendations
    helplines = [i for i, r in enumerate(items) if r.channel.kind in HELPLINE_KINDS[audience]]
    if not helplines or items[helplines[0]].open_now is not False:
        return
    first = items[helplines[0]]
    open_one = next((i for i in helplines if items[i].open_now is True), None)
    if open_one is not None:
        moved = items.pop(open_one)
        moved.reason = f"{OPEN_INSTEAD} {moved.reason}"
    else:
        shown = {r.channel.key for r in items}
        other = next((c for c in open_lines if c.key not in shown), None)
        if other is None:
            routing.notices.append(
                _(
                    "%(name)s is closed at the moment, and so is every other helpline listed here. If anyone is in "
                    "danger, call the emergency number now. You can also leave a message or try again when they open."
                )
                % {"name": first.channel.name}
            )
            return
        recommend(other)
        moved = items.pop()
    items.insert(helplines[0], moved)
    routing.notices.append(
        _("%(closed)s is closed at the moment. %(open)s is open now.")
        % {"closed": first.channel.name, "open": moved.channel.name}
    )


def _adults_get_a_helpline(routing: Routing, channels, situation: str, language: str, recommend, zone, at) -> None:
    """An adult is never left with nothing, nor without someone to talk to in a crisis: where no line in the answer
    serves adults, the country's young people's helpline is added for the young person to contact."""
    items = routing.recommendations
    safety_first = situation in SAFETY_FIRST_SITUATIONS
    if any(r.channel.kind in HELPLINE_KINDS[routing.audience] for r in items):
        return
    if not safety_first and any(r.channel.kind != Kind.EMERGENCY for r in items):
        return
    lines = [c for c in channels if c.kind == Kind.CHILD_HELPLINE and _fits_situation(c, situation)]
    if not lines:
        return
    line = min(lines, key=lambda c: (OPEN_FIRST[c.open_now(zone, at)], *_preference(c, language)))
    position = len(items)
    if safety_first:  # right after the emergency numbers
        position = next((i for i, r in enumerate(items) if r.channel.kind != Kind.EMERGENCY), position)
    recommend(line)
    items.insert(position, items.pop())


def _fits_situation(channel: ReportingChannel, situation: str) -> bool:
    if channel.kind == Kind.OTHER:
        # "Other" is too broad to match by kind alone: such a channel names the situations it serves.
        return situation in channel.situations
    return not channel.situations or situation in channel.situations


def _fits(channel: ReportingChannel, situation: str, audience: str, age: int | None) -> bool:
    return audience in channel.audiences and channel.fits_age(age) and _fits_situation(channel, situation)


def _image_age_note(channel: ReportingChannel) -> str:
    """For services whose age limits are the age in the image: which images they take."""
    if not channel.ages_in_image:
        return ""
    if channel.max_age is not None:
        return _(
            "For photos or videos taken when the person in them was under %(age)s, also if they are an adult now."
        ) % {"age": channel.max_age + 1}
    if channel.min_age is not None:
        return _("For photos or videos taken when the person in them was %(age)s or over.") % {"age": channel.min_age}
    return ""


def _emergency_channel(country: Country, kind: str = Kind.EMERGENCY) -> ReportingChannel:
    """The country's emergency number, shown as a channel (it lives on the Country record)."""
    return ReportingChannel(
        key=f"{country.code.lower()}-emergency-number" + ("" if kind == Kind.EMERGENCY else f"-{kind}"),
        organisation=_("Emergency services"),
        name=_("Emergency number"),
        kind=kind,
        country_code=country.code,
        audiences=list(Audience.values),
        phone=country.emergency_number,
        open_24_7=True,
        description=_("The number to call when someone is in danger now."),
        source=country.emergency_source,
        last_verified=country.emergency_verified,
        translation_key=country.translation_key,
        locale=country.locale,
    )


def _platform_channel(app: Platform, situation: str) -> ReportingChannel | None:
    """The app's report path for this situation, shown as a channel (the platform directory lives apart)."""
    url, steps, source = app.report_for(situation)
    if not (url or steps):
        return None
    return ReportingChannel(
        key=f"platform-{app.key}",
        organisation=app.owner,
        name=_("Report it on %(app)s") % {"app": app.name},
        kind=Kind.PLATFORM,
        country_code="",
        audiences=list(Audience.values),
        web_url=url,
        description=steps,
        source=source,
        last_verified=app.last_verified,
        operator_confirmed=app.operator_confirmed,
        translation_key=app.translation_key,
        locale=app.locale,
    )


def _platform_reason(app: Platform) -> str:
    removal = PLATFORM_REMOVAL.get((bool(app.take_it_down), bool(app.stopncii)))
    parts = [PLATFORM_REASON % {"app": app.name}, removal % {"app": app.name} if removal else ""]
    return " ".join(filter(None, parts))


def _localized_platform(app: Platform, target_locale) -> bool:
    """Put the app's words in the visitor's language on `app`; whether there was a translation."""
    if app.locale_id == target_locale.pk:
        return True
    row = Platform.objects.filter(translation_key=app.translation_key, locale=target_locale, live=True).first()
    return apply_wording(app, row)


def _localized(record, target_locale, fields):
    if record.locale_id == target_locale.pk:
        return record
    translation_row = (
        type(record).objects.filter(translation_key=record.translation_key, locale=target_locale, live=True).first()
    )
    apply_wording(record, translation_row, fields)
    return record


def _translations(channels, target_locale, default_locale) -> dict:
    if target_locale.pk == default_locale.pk or not channels:
        return {}
    rows = ReportingChannel.objects.filter(
        locale=target_locale, live=True, translation_key__in=[c.translation_key for c in channels]
    ).only("translation_key", *words_of(ReportingChannel))
    return {row.translation_key: row for row in rows}


def _reason(situation: str, kind: str) -> str:
    return str(SPECIFIC_REASONS.get((situation, kind)) or GENERIC_REASONS[kind])
