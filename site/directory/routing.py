"""The one place that decides which channels fit a country, a situation and an audience.

The help-finder pages, the JSON API and (through the API) the chat assistant all call `recommend_channels`.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .advice import advice_for
from .choices import SAFETY_FIRST_SITUATIONS, Audience, Kind, SituationKey
from .countries import is_country_code
from .lookups import apply_wording, default_locale, locale_for, words_of
from .models import Country, Platform, ReportingChannel, Situation
from .validators import AGES

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
    code = _check_request(country, situation, audience, age, platform)
    language = language or settings.LANGUAGE_CODE
    with translation.override(locale_for(language).language_code):
        answer = _Answer(code, situation, audience, age, language, at or timezone.now(), platform, preview)
        answer.list_the_route()
        if audience != Audience.YOUNG_PERSON:
            answer.give_adults_a_helpline()
        if answer.safety_first and answer.routing.covered:
            answer.put_an_open_helpline_first()
        answer.add_the_app()  # after the rest, where the route has no platform step
        answer.add_notices()
    return answer.routing


def _check_request(country: str, situation: str, audience: str, age: int | None, platform: str | None) -> str:
    """The country code in the directory's form; a RoutingError names the first parameter that cannot be answered."""
    code = (country or "").strip().upper()
    if not is_country_code(code):
        raise RoutingError("country", _("Unknown country code: %(code)s.") % {"code": country})
    if situation not in SituationKey.values:
        raise RoutingError("situation", _("Unknown situation: %(key)s.") % {"key": situation})
    if audience not in Audience.values:
        raise RoutingError("audience", _("Unknown audience: %(audience)s.") % {"audience": audience})
    if age is not None and age not in AGES:
        raise RoutingError("age", _("Age must be between 0 and 120."))
    if platform is not None and not isinstance(platform, str):
        raise RoutingError("platform", _("Unknown app: %(key)s.") % {"key": platform})
    return code


class _Answer:
    """One answer as it is built: the published records the request names, the candidate channels (each checked
    once: whether it fits, whether it is open at `at`), and the `routing` given back, filled in by the steps below."""

    def __init__(self, code, situation, audience, age, language, at, platform, preview):
        self.situation, self.audience, self.age, self.language, self.at = situation, audience, age, language, at
        self.safety_first = situation in SAFETY_FIRST_SITUATIONS
        self.helpline_kinds = HELPLINE_KINDS[audience]
        self.default_locale = default_locale()
        self.target_locale = locale_for(language)
        source_situation = self._published(Situation, key=situation)
        if source_situation is None:
            raise RoutingError("situation", _("This situation is not published: %(key)s.") % {"key": situation})
        self.country = self._published(Country, code=code)
        self.routing = Routing(
            country_code=code,
            country=_localized(self.country, self.target_locale, ("name",)) if self.country else None,
            situation=_localized(source_situation, self.target_locale, ("title", "description")),
            audience=audience,
            language=self.target_locale.language_code,
            age=age,
        )
        self.app, self.app_translated = self._app(platform)
        self.route = source_situation.route_for(audience)
        self.zone = self.country.time_zone if self.country else "UTC"
        self.channels = self._candidates(code, preview)
        self.fitting = [c for c in self.channels if _fits(c, situation, audience, age)]
        self.translated = _translations(self.channels, self.target_locale, self.default_locale)
        self._open_now = {}

    # What the answer starts from ---------------------------------------------------------------------------------

    def _published(self, model, **lookup):
        return model.objects.filter(locale=self.default_locale, live=True, **lookup).first()

    def _app(self, platform: str | None) -> tuple[Platform | None, bool]:
        """The app the visitor named, worded in their language, and whether it has a translation."""
        if not platform:
            return None, True
        app = self._published(Platform, key=platform)
        if app is None:
            raise RoutingError("platform", _("Unknown app: %(key)s.") % {"key": platform})
        return app, _localized_platform(app, self.target_locale)

    def _candidates(self, code: str, preview: ReportingChannel | None) -> list[ReportingChannel]:
        """The published channels here and international ones of every kind the answer may list, with the editor's
        previewed channel in place of its published version."""
        wanted = set(self.route) | set(self.helpline_kinds) | {Kind.CHILD_HELPLINE}
        channels = list(
            ReportingChannel.objects.filter(locale=self.default_locale, live=True, kind__in=wanted).filter(
                Q(country_code=code) | Q(country_code="")
            )
        )
        if preview is not None:
            channels = [c for c in channels if c.key != preview.key]
            if preview.kind in wanted and preview.country_code in (code, ""):
                channels.append(preview)
        return channels

    def is_open(self, channel: ReportingChannel) -> bool | None:
        if channel.key not in self._open_now:
            self._open_now[channel.key] = channel.open_now(self.zone, self.at)
        return self._open_now[channel.key]

    def _open_first(self, channel: ReportingChannel) -> tuple:
        return (OPEN_FIRST[self.is_open(channel)], *_preference(channel, self.language))

    # Adding to the answer ----------------------------------------------------------------------------------------

    def add(self, channel: ReportingChannel, reason, open_now: bool | None) -> None:
        """List `channel` with its reason, in the visitor's language where it has a translation."""
        translated = apply_wording(channel, self.translated.get(channel.translation_key))
        translated = translated or self.target_locale.pk == self.default_locale.pk
        reason = " ".join(filter(None, [str(reason), _image_age_note(channel)]))
        self.routing.recommendations.append(Recommendation(channel, reason, open_now, translated))

    def add_the_app(self) -> None:
        """The report path of the app the visitor named, unless it is listed already or has none for this."""
        if self.app is None:
            return
        key = f"platform-{self.app.key}"
        if any(r.channel.kind == Kind.PLATFORM and r.channel.key == key for r in self.routing.recommendations):
            return
        channel = _platform_channel(self.app, self.situation)
        if channel is not None:
            reason = _platform_reason(self.app)
            self.routing.recommendations.append(Recommendation(channel, reason, None, self.app_translated))

    # The steps ---------------------------------------------------------------------------------------------------

    def list_the_route(self) -> None:
        """The fitting channels, kind by kind in the route's order; the emergency number where the route has it (or
        in its place where a route's police step has no channel here), the app at the route's platform step."""
        for kind in _order_kinds(self.route, self.situation, self.audience, {c.kind for c in self.fitting}):
            if kind == Kind.PLATFORM:
                self.add_the_app()
            if kind == Kind.EMERGENCY and self.country:
                self.add(_emergency_channel(self.country), _reason(self.situation, kind), True)
            of_kind = self._fitting_of_kind(kind)
            if kind == Kind.POLICE and not of_kind and self.country:
                self.add(_emergency_channel(self.country, Kind.POLICE), POLICE_BY_EMERGENCY_NUMBER, True)
            for channel in of_kind:
                self.add(channel, _reason(self.situation, kind), self.is_open(channel))

    def _fitting_of_kind(self, kind: str) -> list[ReportingChannel]:
        """In the order of `_preference`; in danger and self-harm, helplines open now first."""
        of_kind = [c for c in self.fitting if c.kind == kind]
        if self.safety_first and kind in self.helpline_kinds:
            return sorted(of_kind, key=self._open_first)
        return sorted(of_kind, key=lambda c: _preference(c, self.language))

    def give_adults_a_helpline(self) -> None:
        """An adult is never left with nothing, nor without someone to talk to in a crisis: where no line in the answer
        serves adults, the country's young people's helpline is added for the young person to contact."""
        items = self.routing.recommendations
        if any(r.channel.kind in self.helpline_kinds for r in items):
            return
        if not self.safety_first and any(r.channel.kind != Kind.EMERGENCY for r in items):
            return
        lines = [c for c in self.channels if c.kind == Kind.CHILD_HELPLINE and _fits_situation(c, self.situation)]
        if not lines:
            return
        line = min(lines, key=self._open_first)
        position = len(items)
        if self.safety_first:  # right after the emergency numbers
            position = next((i for i, r in enumerate(items) if r.channel.kind != Kind.EMERGENCY), position)
        self.add(line, YOUNG_PERSONS_LINE_FOR_ADULTS, self.is_open(line))
        items.insert(position, items.pop())

    def put_an_open_helpline_first(self) -> None:
        """When the first helpline after the emergency number is closed now, an open one moves up before it: from the
        answer, or else another line here that is open now (a 24/7 crisis line); when none is open, the visitor is
        told."""
        items = self.routing.recommendations
        helplines = [i for i, r in enumerate(items) if r.channel.kind in self.helpline_kinds]
        if not helplines or items[helplines[0]].open_now is not False:
            return
        first = items[helplines[0]]
        open_one = next((i for i in helplines if items[i].open_now is True), None)
        if open_one is not None:
            moved = items.pop(open_one)
            moved.reason = f"{OPEN_INSTEAD} {moved.reason}"
        else:
            shown = {r.channel.key for r in items}
            other = next((c for c in self._open_lines_here() if c.key not in shown), None)
            if other is None:
                self.routing.notices.append(
                    _(
                        "%(name)s is closed at the moment, and so is every other helpline listed here. If anyone is "
                        "in danger, call the emergency number now. You can also leave a message or try again when "
                        "they open."
                    )
                    % {"name": first.channel.name}
                )
                return
            for_them = self.audience in other.audiences
            self.add(other, f"{OPEN_INSTEAD} {'' if for_them else YOUNG_PERSONS_LINE_FOR_ADULTS}".strip(), True)
            moved = items.pop()
        items.insert(helplines[0], moved)
        self.routing.notices.append(
            _("%(closed)s is closed at the moment. %(open)s is open now.")
            % {"closed": first.channel.name, "open": moved.channel.name}
        )

    def _open_lines_here(self) -> list[ReportingChannel]:
        """Open lines here, whatever situations they name: someone to talk to now. Lines that serve this visitor
        first; for an adult, then the young people's lines, for the young person to contact."""
        lines = [c for c in self.channels if c.kind in self.helpline_kinds and c.fits_age(self.age)
                 and c.country_code and self.is_open(c)]  # fmt: skip
        lines.sort(key=lambda c: (self.audience not in c.audiences, self.helpline_kinds.index(c.kind),
                                  *_preference(c, self.language)))  # fmt: skip
        return [c for c in lines if self.audience in c.audiences or c.kind == Kind.CHILD_HELPLINE]

    def add_notices(self) -> None:
        if not self.routing.covered:
            self.routing.notices.append(
                _(
                    "We do not list the services in this country yet. If anyone is in danger now, call your "
                    "local emergency number. The services below work across borders."
                )
            )
        elif not self.routing.recommendations:
            self.routing.notices.append(_("We have no channel for this situation in this country yet."))


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
