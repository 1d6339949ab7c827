"""Checks shared by the CMS forms and the content loader, so an editor and a content file meet the same rules."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from phonenumbers import shortnumberinfo

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
