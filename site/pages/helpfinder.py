"""What the help-finder pages show. The decision itself is `directory.routing.recommend_channels`.

The help finder page (`models.HelpFinderPage`) calls this module, which therefore imports nothing from `models`: it
names the guide model by its label, as page types name each other.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext as _

from directory.choices import HARM_FOR_SITUATION, Audience, SituationKey
from directory.countries import all_countries, country_name, is_country_code
from directory.lookups import apply_wording, default_locale, localized_countries, localized_situations
from directory.models import Platform
from directory.routing import RoutingError, recommend_channels

from .addresses import app_names

# The answers that say "report it on the app": they offer the apps (one tap) when the visitor has not named one.
REPORT_ON_THE_APP = frozenset({*HARM_FOR_SITUATION, SituationKey.BULLYING})


class NotFound(Exception):
    pass


@dataclass
class Choice:
    country: str = ""
    situation: str = ""
    audience: str = Audience.YOUNG_PERSON
    app: str = ""
    submitted: bool = False
    errors: dict = field(default_factory=dict)

    @property
    def complete(self):
        return bool(self.submitted and self.country and self.situation)

    def query_string(self):
        params = {"for": self.audience} if self.audience != Audience.YOUNG_PERSON else {}
        params |= {"app": self.app} if self.app else {}
        return "?" + urlencode(params) if params else ""


def known_app(value: str) -> str:
    """The app key if it is a published app, else "" (the question is optional: an unknown app is left out)."""
    value = (value or "").strip().lower()
    return value if value and value in dict(app_names()) else ""


def read_choice(request, locale) -> Choice:
    params = request.GET
    choice = Choice(
        country=params.get("country", "").strip().upper()
        or settings.HELPHUB_DEFAULT_COUNTRY.get(locale.language_code, ""),
        situation=params.get("situation", "").strip(),
        audience=params.get("for", Audience.YOUNG_PERSON),
        app=known_app(params.get("app", "")),
        # The form always sends a country; links may preselect choices ("?situation=...", "change") without sending.
        submitted="country" in params and "change" not in params,
    )
    if choice.submitted:
        if not is_country_code(choice.country):
            choice.errors["country"] = _("Choose your country.")
        if choice.situation not in SituationKey.values:
            choice.errors["situation"] = _("Choose what happened.")
            choice.situation = ""
    if choice.audience not in Audience.values:
        choice.audience = Audience.YOUNG_PERSON
    return choice


def choice_context(locale):
    covered = localized_countries(locale)
    covered_codes = {c.code for c in covered}
    return {
        "covered_countries": covered,
        "other_countries": [(code, name) for code, name in all_countries(locale.language_code) if code not in covered_codes],
        "situations": localized_situations(locale),
        "audiences": Audience.choices,
        "apps": app_names(),
    }


def results_context(request, page, country, situation):
    audience = request.GET.get("for", Audience.YOUNG_PERSON)
    if audience not in Audience.values:
        audience = Audience.YOUNG_PERSON
    app = known_app(request.GET.get("app", ""))
    try:
        routing = recommend_channels(country, situation, audience, language=page.locale.language_code,
                                     platform=app or None)
    except RoutingError as error:
        raise NotFound(error.message) from error

    guides = apps.get_model("pages", "GuidePage").for_situation(situation, audience, page.locale)
    return {
        "routing": routing,
        "guides": guides,
        "audiences": Audience.choices,
        "country_name": routing.country.name if routing.country else _country_name(routing.country_code, page),
        "choose_url": page.url + "?" + urlencode({"country": routing.country_code, "situation": situation, "for": audience,
                                                  "change": 1} | ({"app": app} if app else {})),
        "app": app,
        "apps": app_names() if situation in REPORT_ON_THE_APP else [],
        "apps_url": f"{page.url}apps/",
    }


def _country_name(code, page):
    return country_name(code, page.locale.language_code)


def apps_context(locale, key: str | None = None) -> dict:
    """The apps (or one app) with their words in `locale`; a text not translated stays in English, marked so."""
    default = default_locale()
    rows = Platform.objects.filter(locale=default, live=True).order_by("name")
    if key is not None:
        rows = rows.filter(key=key)
    apps = list(rows)
    if key is not None and not apps:
        raise NotFound(_("We have no page for this app."))
    translated = set()
    if locale.pk != default.pk:
        by_key = {a.translation_key: a for a in apps}
        for row in Platform.objects.filter(locale=locale, live=True, translation_key__in=by_key):
            apply_wording(by_key[row.translation_key], row)
            translated.add(row.translation_key)
    for app in apps:
        app.translated = locale.pk == default.pk or app.translation_key in translated
    return {"apps": apps, "app": apps[0] if key is not None else None}
