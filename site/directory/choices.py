"""The fixed vocabularies of the directory: kinds of channel, audiences, situations, languages, days."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency number")
    POLICE = "police", _("Police")
    CSAM_HOTLINE = "csam_hotline", _("Hotline for child sexual abuse material")
    CHILD_HELPLINE = "child_helpline", _("Helpline for children and young people")
    PARENT_HELPLINE = "parent_helpline", _("Helpline for parents and carers")
    IMAGE_REMOVAL = "image_removal", _("Image removal")
    TRAFFICKING = "trafficking", _("Trafficking hotline")
    MISSING_CHILDREN = "missing_children", _("Missing children hotline")
    PLATFORM = "platform", _("Report on the platform")
    OTHER = "other", _("Other support")


class Audience(models.TextChoices):
    YOUNG_PERSON = "young_person", _("A young person")
    PARENT = "parent", _("A parent or carer")
    OTHER = "other", _("Someone else")


class SituationKey(models.TextChoices):
    IMMEDIATE_DANGER = "immediate_danger", _("Immediate danger")
    SELF_HARM = "self_harm", _("Self-harm")
    SEXTORTION = "sextortion", _("Sextortion")
    IMAGE_SHARED = "image_shared", _("Intimate image shared")
    CSAM_FOUND = "csam_found", _("Child sexual abuse material found")
    GROOMING = "grooming", _("Grooming")
    TRAFFICKING = "trafficking", _("Trafficking")
    BULLYING = "bullying", _("Bullying")
    TALK = "talk", _("Someone to talk to")


class Harm(models.TextChoices):
    """What an app's report path is for: each platform has its own way to report each of these."""

    NUDE_SHARED = "nude_shared", _("A nude or sexual image shared")
    THREAT = "threat", _("A threat or blackmail")
    ADULT_SEXUAL_CONTACT = "adult_sexual_contact", _("An adult asking for sexual things")
    CSAM = "csam", _("Child sexual abuse material")
    FAKE_JOB = "fake_job", _("A fake job or trip")


# The harm whose report path fits each situation (situations not listed here report with the app's general help).
HARM_FOR_SITUATION = {
    SituationKey.SEXTORTION: Harm.THREAT,
    SituationKey.IMAGE_SHARED: Harm.NUDE_SHARED,
    SituationKey.CSAM_FOUND: Harm.CSAM,
    SituationKey.GROOMING: Harm.ADULT_SEXUAL_CONTACT,
    SituationKey.TRAFFICKING: Harm.FAKE_JOB,
}

# Situations where the emergency number and a helpline always come first, whatever the editors' order says.
SAFETY_FIRST_SITUATIONS = frozenset({SituationKey.IMMEDIATE_DANGER, SituationKey.SELF_HARM})

# Languages a service may answer in (ISO 639-1). Names come from the CLDR in the admin's language.
SERVICE_LANGUAGES = [
    "ar", "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lb", "lt", "lv",
    "mt", "nb", "nl", "nn", "no", "pl", "pt", "ro", "ru", "sk", "sl", "sr", "sv", "tr", "uk", "cy", "gd", "ca",
    "eu", "gl", "rm", "fa", "zh", "hi", "pa", "ur", "so", "ti",
]  # fmt: skip

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DAY_CHOICES = [
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
    ("sun", _("Sunday")),
]
