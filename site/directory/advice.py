"""What every answer says besides the channels: the field's advice for the situation (the routing reference's "What to
say, in every situation"; NCMEC, IWF/Childline, Thorn). One list, shown by the help finder under "Remember", given by
the API with every answer and sent by the assistant, so the three cannot say different things."""

from django.utils.translation import gettext_lazy as _

IN_DANGER = _("If anyone is in danger now, call the emergency number.")
NOT_YOUR_FAULT = _("It is not your fault. You are not in trouble for asking for help.")
NEVER_COPY = _(
    "Never save, screenshot, forward or upload a sexual image of a child, even to report it: report the link."
)
SEXTORTION = _(
    "Do not pay and do not send more. Stop replying, but do not delete the chat yet: keep usernames, links, messages "
    "and payment requests as evidence."
)

BY_SITUATION = {"sextortion": [SEXTORTION]}


def advice_for(situation: str) -> list:
    """The advice for a situation's answer: what always holds, then what this situation needs."""
    return [IN_DANGER, NOT_YOUR_FAULT, NEVER_COPY, *BY_SITUATION.get(situation, [])]
