"""Whether a channel is open at a given moment, in the channel's own time zone."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from .choices import DAYS


def is_open(open_24_7: bool, opening_times, zone_name: str, at: datetime) -> bool | None:
    """True or False when the hours are known; None when the source gives no hours.

    `opening_times` is a list of dicts with `days` (["mon", ...]), `opens` and `closes` (datetime.time).
    A closing time at or before the opening time runs past midnight into the next day.
    """
    if open_24_7:
        return True
    if not opening_times:
        return None
    local = at.astimezone(ZoneInfo(zone_name or "UTC"))
    today = DAYS[local.weekday()]
    yesterday = DAYS[(local.weekday() - 1) % 7]
    now = local.time().replace(tzinfo=None)
    for slot in opening_times:
        opens, closes, days = _as_time(slot["opens"]), _as_time(slot["closes"]), slot["days"]
        if opens < closes:
            if today in days and opens <= now < closes:
                return True
        else:  # overnight
            if today in days and now >= opens:
                return True
            if yesterday in days and now < closes:
                return True
    return False


def _as_time(value) -> time:
    if isinstance(value, time):
        return value
    return time.fromisoformat(str(value))
