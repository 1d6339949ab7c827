"""Plain-dict views of directory records for the JSON API. Field names are the API's contract (see openapi.py)."""

from django.conf import settings

from directory.routing import Recommendation, Routing


def channel_data(recommendation: Recommendation, zone: str) -> dict:
    channel = recommendation.channel
    return {
        "key": channel.key,
        "kind": channel.kind,
        "kind_label": str(channel.get_kind_display()),
        "organisation": channel.organisation,
        "name": channel.name,
        "reason": recommendation.reason,
        "international": channel.is_international,
        "country": channel.country_code or None,
        "audiences": list(channel.audiences),
        "min_age": channel.min_age,
        "max_age": channel.max_age,
        "ages_in_image": channel.ages_in_image,
        "phone": channel.phone or None,
        "phone_uri": channel.phone_tel or None,
        "sms": channel.sms or None,
        "sms_uri": channel.sms_uri or None,
        "chat_url": channel.chat_url or None,
        "web_url": channel.web_url or None,
        "hours": {
            "open_24_7": channel.open_24_7,
            "times": [
                {"days": list(block.value["days"]), "opens": block.value["opens"].strftime("%H:%M"),
                 "closes": block.value["closes"].strftime("%H:%M")}
                for block in channel.opening_times
            ] if channel.opening_times else [],
            "time_zone": channel.zone_name(zone),
            "note": channel.hours_note or None,
            "open_now": recommendation.open_now,
        },
        "free": channel.free,
        "anonymous": channel.anonymous,
        "languages": list(channel.languages),
        "description": channel.description or None,
        "what_happens_next": channel.what_happens_next or None,
        "translated": recommendation.translated,
        "source": channel.source,
        "last_verified": channel.last_verified.isoformat(),
        "operator_confirmed": channel.operator_confirmed,
    }


def routing_data(routing: Routing, guides: list[dict]) -> dict:
    country = routing.country
    zone = country.time_zone if country else "UTC"
    return {
        "country": {
            "code": routing.country_code,
            "name": country.name if country else None,
            "covered": routing.covered,
            "emergency_number": country.emergency_number if country else None,
            "emergency_uri": country.emergency_tel if country else None,
        },
        "situation": {"key": routing.situation.key, "title": routing.situation.title},
        "audience": routing.audience,
        "age": routing.age,
        "language": routing.language,
        "notices": routing.notices,
        "channels": [channel_data(r, zone) for r in routing.recommendations],
        "advice": [str(line) for line in routing.advice],
        "guides": guides,
        "default_language": settings.LANGUAGE_CODE,
    }
