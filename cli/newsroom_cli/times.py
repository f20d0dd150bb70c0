"""Times as the newsroom writes them: Asia/Ho_Chi_Minh, day/month/year hour:minute."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from newsroom_cli.errors import CommandError
from newsroom_cli.messages import say

NEWSROOM_TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def parse_time(text: str) -> datetime:
    """An ISO 8601 time; without a zone it is the newsroom's (Asia/Ho_Chi_Minh)."""
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(say("time.not_a_time", text=text)) from None
    return when if when.tzinfo else when.replace(tzinfo=NEWSROOM_TIME_ZONE)


def local_time(moment: str | datetime | None) -> str:
    """A time as the newsroom reads it: day/month/year hour:minute, in its zone."""
    if not moment:
        return "-"
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment.replace("Z", "+00:00"))
    return moment.astimezone(NEWSROOM_TIME_ZONE).strftime("%d/%m/%Y %H:%M")
