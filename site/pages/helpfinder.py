"""What the help-finder pages show. The decision itself is `directory.routing.recommend_channels`."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.utils.translation import gettext as _

from directory.choices import Audience, SituationKey
from directory.countries import all_countries, is_country_code
from directory.lookups import localized_countries, localized_situations
from directory.routing import RoutingError, recommend_channels


class NotFound(Exception):
    pass


@dataclass
class Choice:
    country: str = ""
    situation: str = ""
    audience: str = Audience.YOUNG_PERSON
    submitted: bool = False
    errors: dict = field(default_factory=dict)

    @property
    def complete(self):
        return bool(self.submitted and self.country and self.situation)

    def query_string(self):
        return "?" + urlencode({"for": self.audience}) if self.audience != Audience.YOUNG_PERSON else ""


def read_choice(request, locale) -> Choice:
    params = request.GET
    choice = Choice(
        country=params.get("country", "").strip().upper()
        or settings.HELPHUB_DEFAULT_COUNTRY.get(locale.language_code, ""),
        situation=params.get("situation", "").strip(),
        audience=params.get("for", Audience.YOUNG_PERSON),
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
    }


def results_context(request, page, country, situation):
    audience = request.GET.get("for", Audience.YOUNG_PERSON)
    if audience not in Audience.values:
        audience = Audience.YOUNG_PERSON
    try:
        routing = recommend_channels(country, situation, audience, language=page.locale.language_code)
    except RoutingError as error:
        raise NotFound(error.message) from error

    from .models import GuidePage

    guides = GuidePage.for_situation(situation, audience, page.locale)
    return {
        "routing": routing,
        "guides": guides,
        "audiences": Audience.choices,
        "country_name": routing.country.name if routing.country else _country_name(routing.country_code, page),
        "choose_url": page.url + "?" + urlencode({"country": routing.country_code, "situation": situation, "for": audience, "change": 1}),
    }


def _country_name(code, page):
    from directory.countries import country_name

    return country_name(code, page.locale.language_code)
