"""StreamField blocks of the directory: opening times and the ordered kinds of channel in a situation's route."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .choices import DAY_CHOICES, Kind


class OpeningTimesBlock(blocks.StructBlock):
    days = blocks.MultipleChoiceBlock(choices=DAY_CHOICES, label=_("Days"))
    opens = blocks.TimeBlock(label=_("Opens"))
    closes = blocks.TimeBlock(label=_("Closes"), help_text=_("A closing time before the opening time means the next day."))

    class Meta:
        icon = "time"
        label = _("Opening times")


class RouteStepBlock(blocks.ChoiceBlock):
    def __init__(self, **kwargs):
        super().__init__(choices=Kind.choices, **kwargs)

    class Meta:
        icon = "arrow-right"
        label = _("Kind of channel")
