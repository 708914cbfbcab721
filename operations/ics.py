"""An iCalendar (RFC 5545) file of calendar events, for phones and desktop calendars.

Written here rather than with a library: a read-only feed needs VEVENTs with text escaping, line folding at 75
octets and CRLF line ends, nothing more. All-day events carry DATE values (DTEND the day after the last day, as
RFC 5545 says); timed ones local times with TZID=Asia/Ho_Chi_Minh (Vietnam has kept UTC+7 without summer time
since 1975, so the VTIMEZONE is one STANDARD block).
"""

import datetime
from collections.abc import Iterable

from .calendar import CalendarEvent

TZID = "Asia/Ho_Chi_Minh"
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:STANDARD",
    "DTSTART:19750613T000000",
    "TZOFFSETFROM:+0700",
    "TZOFFSETTO:+0700",
    "TZNAME:ICT",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def escape(text: str) -> str:
    """TEXT value escaping: backslash, semicolon, comma and newlines."""
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after CRLF and a space (never inside a character)."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _when(name: str, day: datetime.date, time: datetime.time | None) -> str:
    if time is None:
        return f"{name};VALUE=DATE:{day:%Y%m%d}"
    return f"{name};TZID={TZID}:{day:%Y%m%d}T{time:%H%M%S}"


def ics_calendar(events: Iterable[CalendarEvent], *, name: str, domain: str, base_url: str = "") -> str:
    """The feed as text (CRLF line ends). `domain` makes UIDs unique ("entry-12@ntm.hatinh.gov.vn")."""
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//NTM Tracker//Lich cong tac//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:{event.uid}@{domain}", f"DTSTAMP:{stamp}"]
        lines.append(_when("DTSTART", event.start, event.start_time))
        if event.all_day:
            lines.append(_when("DTEND", event.end + datetime.timedelta(days=1), None))
        elif event.end_time is not None:
            lines.append(_when("DTEND", event.end, event.end_time))
        lines.append(f"SUMMARY:{escape(event.title)}")
        if event.place:
            lines.append(f"LOCATION:{escape(event.place)}")
        if event.description:
            lines.append(f"DESCRIPTION:{escape(event.description)}")
        if event.url and base_url:
            lines.append(f"URL:{base_url.rstrip('/')}{event.url}")
        lines.append(f"CATEGORIES:{escape(event.kind)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
