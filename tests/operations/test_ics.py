"""The .ics writer: RFC 5545 escaping, folding at 75 octets, all-day and timed events."""

import datetime

from operations.calendar import CalendarEvent
from operations.ics import escape, fold, ics_calendar


def test_text_is_escaped():
    assert escape("Họp; BCĐ, tỉnh\nphòng 2") == "Họp\\; BCĐ\\, tỉnh\\nphòng 2"


def test_long_lines_fold_at_75_octets_without_cutting_a_letter():
    line = "SUMMARY:" + "Kiểm tra xã Tùng Ảnh " * 8
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_all_day_and_timed_events():
    events = [
        CalendarEvent(
            uid="entry-1",
            title="Kiểm tra",
            kind="inspection",
            start=datetime.date(2014, 9, 8),
            end=datetime.date(2014, 9, 10),
            place="Xã Tùng Ảnh",
        ),
        CalendarEvent(
            uid="entry-2",
            title="Họp BCĐ",
            kind="meeting",
            start=datetime.date(2014, 9, 15),
            end=datetime.date(2014, 9, 15),
            start_time=datetime.time(8),
            end_time=datetime.time(11, 30),
        ),
    ]
    text = ics_calendar(events, name="Lịch", domain="ntm.example")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20140908\r\nDTEND;VALUE=DATE:20140911" in text  # the day after the last day
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20140915T080000\r\nDTEND;TZID=Asia/Ho_Chi_Minh:20140915T113000" in text
    assert "UID:entry-1@ntm.example" in text and "LOCATION:Xã Tùng Ảnh" in text
