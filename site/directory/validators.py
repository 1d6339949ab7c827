"""The rules every directory record meets, wherever it is written.

The models call these from their fields and `clean()`, so the CMS's forms refuse a bad value; the content loader
(`editorial.loader.directory`) builds each record of the files as an unsaved model and runs the model's own
`full_clean()`, so a content file meets the same rules and only the file and line are the loader's.
"""

import re
from functools import cache
from zoneinfo import available_timezones

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from phonenumbers import shortnumberinfo

from .countries import is_country_code

# Stable identifiers of channels and apps: also their names in the content files and in the seed records.
KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# National short codes that the phonenumbers library's data does not list, each accepted after a review of the
# source named beside it (the channel's own record cites its source too). Any other number the library cannot
# validate is refused, by the loader with its file and line and by the CMS form: a real line is never left out in
# silence. To add one: the country, the digits, and where the number was seen, in a reviewed commit.
REVIEWED_SHORT_CODES: dict[str, dict[str, str]] = {
    "BG": {"124123": "channels.yaml reference list (Bulgaria, 124 123)"},
    "CY": {
        "1466": "Hope For Children 24/7 child line: cbn.com.cy (2024), in-cyprus.philenews.com (2023)",
        "1480": "CyberSafety helpline and hotline: cyprus-mail.com (2018), cybersafety.cy",
    },
    "DE": {"116016": "Hilfetelefon Gewalt gegen Frauen, 116 016 since June 2023 (channels_notes.md, 4)"},
    "EE": {"116123": "Emotional support line 116 123: channels.yaml reference list"},
    "GR": {
        "1056": "The Smile of the Child SOS line: flash.gr (2025)",
        "1109": "Human Trafficking Resource Line 1109: channels.yaml reference list",
    },
    "MT": {"179": "Supportline 179: livenewsmalta.com (2024)"},
    "PT": {"1411": "Suicide and self-harm prevention line 1411, free and 24/7: dn.pt (2025-09-10), saudeonline.pt"},
    "RO": {"119": "National child abuse line 119: radioiasi.ro (AGERPRES, Aug 2025), servuscluj.ro (2025)"},
}


def reviewed_short_code(number: str, region: str | None) -> bool:
    digits = "".join(ch for ch in number if ch.isdigit())
    return bool(region) and digits in REVIEWED_SHORT_CODES.get(region, {}) and not number.strip().startswith("+")


def phone_is_valid(number: str, region: str | None) -> bool:
    """True when `number` can be dialled: a full number valid for `region`, or a short code valid there.

    International services (no region) must write the number in international form, starting with "+".
    """
    if reviewed_short_code(number, region):
        return True
    try:
        parsed = phonenumbers.parse(number, region or None)
    except phonenumbers.NumberParseException:
        return False
    if phonenumbers.is_valid_number(parsed):
        return True
    return bool(region) and shortnumberinfo.is_valid_short_number_for_region(parsed, region)


def validate_phone(number: str, region: str | None) -> None:
    if number and not phone_is_valid(number, region):
        where = region or _("international use (write it with + and the country code)")
        raise ValidationError(
            _("'%(number)s' is not a valid phone number for %(where)s.") % {"number": number, "where": where}
        )


def tel_uri(number: str, region: str | None) -> str:
    """The `tel:` address for tap-to-call: E.164 for full numbers, the digits for short codes."""
    if reviewed_short_code(number, region):
        return "tel:" + "".join(ch for ch in number if ch.isdigit())
    try:
        parsed = phonenumbers.parse(number, region or None)
    except phonenumbers.NumberParseException:
        return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")
    if phonenumbers.is_valid_number(parsed):
        return "tel:" + phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return "tel:" + phonenumbers.national_significant_number(parsed)


def validate_https(url: str) -> None:
    if url and not url.lower().startswith("https://"):
        raise ValidationError(_("Links must start with https:// (got %(url)s).") % {"url": url})


def validate_key(key: str) -> None:
    if key and not KEY_PATTERN.match(key):
        raise ValidationError(
            _("Use lower case letters, digits and single dashes, for example gb-childline (not %(key)s).") % {"key": key},
            code="key",
        )


def validate_country_code(code: str) -> None:
    if code and not is_country_code(code):
        raise ValidationError(_("Unknown country code: %(code)s.") % {"code": code}, code="country_code")


@cache
def known_time_zones() -> frozenset[str]:
    # available_timezones() reads the time zone database from disk on every call.
    return frozenset(available_timezones())


def validate_time_zone(zone: str) -> None:
    if zone and zone not in known_time_zones():
        raise ValidationError(_("Unknown time zone."), code="time_zone")


# The ages, in years, of the person help is for: channels' age limits, the routing's `age` and the API's (one range).
AGES = range(0, 121)


def validate_age(age: int | None) -> None:
    # The same bounds and words as the help finder's check of a visitor's age, already translated.
    if age is not None and age not in AGES:
        raise ValidationError(_("Age must be between 0 and 120."), code="age")
