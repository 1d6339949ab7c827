"""The channel editor's preview (ReportingChannel's snippet preview): the help finder's answers a channel appears in,
as an editor has edited it, before it is published."""

from django import template
from django.conf import settings

from directory.choices import Audience
from directory.lookups import default_locale
from directory.models import Situation
from directory.routing import RoutingError, recommend_channels

register = template.Library()


@register.simple_tag
def preview_answers(channel) -> dict:
    """`country` (the channel's, or the default language's default) and `answers`: each routing that lists the
    channel, with its position, in the situations' order."""
    country = channel.country_code or settings.HELPHUB_DEFAULT_COUNTRY.get(settings.LANGUAGE_CODE, "GB")
    answers = []
    for situation in Situation.objects.filter(locale=default_locale(), live=True):
        for audience in (a for a in Audience.values if a in (channel.audiences or [])):
            try:
                routing = recommend_channels(country, situation.key, audience, preview=channel)
            except RoutingError:
                continue
            keys = [r.channel.key for r in routing.recommendations]
            if channel.key in keys:
                answers.append({"routing": routing, "position": keys.index(channel.key) + 1})
    return {"country": country, "answers": answers}
