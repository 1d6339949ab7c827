"""Checks shared by the CMS forms and the content loader, so an editor and a content file meet the same rules."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from phonenumbers import shortnumberinfo


def phone_is_valid(number: str, region: str | None) -> bool:
    """True when `number` can be dialled: a full number valid for `region`, or a short code valid there.

    International services (no region) must write the number in international form, starting with "+".
    """
    try:
        parsed = phonenumbers.parse(number, region or None)
    except phonenumbers.NumberParseException:
        return False
    if phonenumbers.is_valid_number(parsed):
        return True
    return bool(region) and shortnumberinfo.is_valid_short_number_for_region(parsed, region)


def validate_phone(number: str, region: str | None) -> None:
    if number and not phone_is_valid(number, region):
        where = region or _("international (start with +)")
        raise ValidationError(_("%(number)s is not a valid phone number for %(where)s.") % {"number": number, "where": where})


def tel_uri(number: str, region: str | None) -> str:
    """The `tel:` address for tap-to-call: E.164 for full numbers, the digits for short codes."""
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
