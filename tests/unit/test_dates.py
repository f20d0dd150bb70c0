"""Dates as Vietnamese readers write them: day/month/year, on the clock of Asia/Ho_Chi_Minh."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from newsroom.site.dates import iso_local, vietnamese_date, vietnamese_datetime


def test_dates_are_day_month_year_with_leading_zeros() -> None:
    assert vietnamese_date(datetime(2026, 3, 5, 4, 0, tzinfo=UTC)) == "05/03/2026"


def test_a_utc_time_just_before_midnight_is_already_the_next_day_in_vietnam() -> None:
    moment = datetime(2026, 12, 31, 23, 50, tzinfo=UTC)
    assert vietnamese_date(moment) == "01/01/2027"
    assert vietnamese_datetime(moment) == "Thứ sáu, 01/01/2027, 06:50 (GMT+7)"


def test_the_day_changes_at_five_in_the_afternoon_utc() -> None:
    assert vietnamese_date(datetime(2026, 11, 27, 16, 59, tzinfo=UTC)) == "27/11/2026"
    assert vietnamese_date(datetime(2026, 11, 27, 17, 0, tzinfo=UTC)) == "28/11/2026"


def test_times_from_other_zones_are_shown_on_the_newsroom_clock() -> None:
    paris = timezone(timedelta(hours=1))
    moment = datetime(2026, 11, 27, 20, 15, tzinfo=paris)
    assert vietnamese_datetime(moment) == "Thứ bảy, 28/11/2026, 02:15 (GMT+7)"


def test_weekdays_are_named_in_vietnamese() -> None:
    monday = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
    names = [vietnamese_datetime(monday + timedelta(days=d)).split(",")[0] for d in range(7)]
    assert names == ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]


def test_machine_readable_times_carry_the_plus_seven_offset() -> None:
    assert iso_local(datetime(2026, 11, 27, 17, 30, tzinfo=UTC)) == "2026-11-28T00:30:00+07:00"
