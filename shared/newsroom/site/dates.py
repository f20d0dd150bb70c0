"""Dates as Vietnamese readers write them: day/month/year, in Asia/Ho_Chi_Minh time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
_WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")


def local_time(moment: datetime) -> datetime:
    """`moment` on the newsroom's clock."""
    return moment.astimezone(VIETNAM)


def vietnamese_date(moment: datetime) -> str:
    """`27/11/2026`."""
    return local_time(moment).strftime("%d/%m/%Y")


def vietnamese_datetime(moment: datetime) -> str:
    """`Thứ sáu, 27/11/2026, 18:35 (GMT+7)`."""
    local = local_time(moment)
    return f"{_WEEKDAYS[local.weekday()]}, {local.strftime('%d/%m/%Y, %H:%M')} (GMT+7)"


def iso_local(moment: datetime) -> str:
    """ISO 8601 with the +07:00 offset, for `datetime` attributes and structured data."""
    return local_time(moment).isoformat(timespec="seconds")
