"""The work calendar: month view and agenda (FullCalendar reads events.json), entries, the user's .ics feed."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import policy
from accounts.decorators import viewer_required

from ..calendar import entry_district_ids, entry_person_ids, events_for
from ..forms import AgendaForm, CalendarEntryForm, CalendarFilterForm
from ..ics import ics_calendar
from ..models import CalendarEntry, CalendarFeed
from ..services import calendar_feed_for, calendar_feed_reset
from .common import paginate

MAX_SPAN = datetime.timedelta(days=400)
FEED_PAST, FEED_FUTURE = datetime.timedelta(days=90), datetime.timedelta(days=365)


@viewer_required
@require_GET
def calendar_page(request: HttpRequest) -> HttpResponse:
    form = CalendarFilterForm(request.GET or None)
    ctx = {
        "form": form,
        "events_url": reverse("operations:calendar_events"),
        "initial_date": request.GET.get("date", ""),
        "can_add": policy.can_add_calendar_entry(request.user),
        "kinds": CalendarEntry.Kind.choices,
    }
    return render(request, "operations/calendar.html", ctx)


def _day(raw: str | None) -> datetime.date | None:
    try:
        return parse_date((raw or "")[:10])
    except ValueError:
        return None


@viewer_required
@require_GET
def calendar_events(request: HttpRequest) -> JsonResponse:
    """FullCalendar's event feed: ?start=&end= (ISO, end exclusive) and the page's filters."""
    start, end = _day(request.GET.get("start")), _day(request.GET.get("end"))
    if start is None or end is None or end <= start or end - start > MAX_SPAN:
        return JsonResponse({"error": "start and end (ISO dates, at most 400 days apart) are required"}, status=400)
    filters = CalendarFilterForm(request.GET).values()
    events = events_for(start=start, end=end - datetime.timedelta(days=1), user=request.user, **filters)
    return JsonResponse([_fullcalendar(e) for e in events], safe=False, json_dumps_params={"ensure_ascii": False})


def _fullcalendar(event) -> dict:
    if event.all_day:
        start, end = event.start.isoformat(), (event.end + datetime.timedelta(days=1)).isoformat()
    else:
        start = datetime.datetime.combine(event.start, event.start_time).isoformat()
        end = datetime.datetime.combine(event.end, event.end_time).isoformat() if event.end_time else None
    return {
        "id": event.uid,
        "title": event.title,
        "start": start,
        "end": end,
        "allDay": event.all_day,
        "url": event.url,
        "classNames": [f"kind-{event.kind}"],
        "extendedProps": {"kind": event.kind, "place": event.place},
    }


@viewer_required
@require_GET
def agenda(request: HttpRequest) -> HttpResponse:
    """The agenda as a plain, printable list (also what keyboard and screen-reader users read)."""
    form = AgendaForm(request.GET or None)
    start, end, order = agenda_window(form)
    events = events_for(start=start, end=end, user=request.user, **form.values())
    if order == "-date":
        events.reverse()
    elif order == "title":
        events.sort(key=lambda e: e.title.lower())
    ctx = {"form": form, "start": start, "end": end, "page_obj": paginate(request, events, 50)}
    return render(request, "operations/agenda.html", ctx)


def agenda_window(form: AgendaForm) -> tuple[datetime.date, datetime.date, str]:
    """The agenda's dates: the form's, else this month and the next two."""
    data = form.cleaned_data if form.is_valid() else {}
    today = datetime.date.today()
    start = data.get("start") or today.replace(day=1)
    end = data.get("end") or (start + datetime.timedelta(days=92))
    if end < start or end - start > MAX_SPAN:
        end = start + datetime.timedelta(days=92)
    return start, end, data.get("order") or "date"


def _entry(request: HttpRequest, pk: int) -> CalendarEntry:
    entry = get_object_or_404(
        CalendarEntry.objects.select_related("lead", "created_by").prefetch_related(
            "districts", "communes", "participants"
        ),
        pk=pk,
    )
    if not policy.can_see_calendar_entry(
        request.user, district_ids=entry_district_ids(entry), person_ids=entry_person_ids(entry)
    ):
        raise PermissionDenied
    return entry


@viewer_required
@require_GET
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    can_edit = policy.can_edit_calendar_entry(request.user, district_ids=entry_district_ids(entry))
    return render(request, "operations/entry_detail.html", {"entry": entry, "can_edit": can_edit})


def _save_entry(request: HttpRequest, entry: CalendarEntry | None) -> HttpResponse:
    form = CalendarEntryForm(request.POST or None, instance=entry, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save(commit=False)
            if saved.pk is None:
                saved.created_by = request.user
            saved.save()
            form.save_m2m()
            if not policy.can_edit_calendar_entry(request.user, district_ids=entry_district_ids(saved)):
                raise PermissionDenied  # rolls back: a district officer's entry must concern their district only
        messages.success(request, _("The calendar entry was saved."))
        return redirect(saved)
    status = 400 if request.method == "POST" else 200
    return render(request, "operations/entry_form.html", {"form": form, "entry": entry}, status=status)


@viewer_required
@require_http_methods(["GET", "POST"])
def entry_create(request: HttpRequest) -> HttpResponse:
    if not policy.can_add_calendar_entry(request.user):
        raise PermissionDenied
    return _save_entry(request, None)


@viewer_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    if not policy.can_edit_calendar_entry(request.user, district_ids=entry_district_ids(entry)):
        raise PermissionDenied
    return _save_entry(request, entry)


@viewer_required
@require_POST
def entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    if not policy.can_edit_calendar_entry(request.user, district_ids=entry_district_ids(entry)):
        raise PermissionDenied
    entry.delete()
    messages.success(request, _("The calendar entry was removed."))
    return redirect("operations:calendar")


@viewer_required
@require_GET
def feed_page(request: HttpRequest) -> HttpResponse:
    feed = calendar_feed_for(user=request.user)
    url = request.build_absolute_uri(reverse("operations:ics", args=[feed.token]))
    return render(request, "operations/feed.html", {"feed": feed, "feed_url": url})


@viewer_required
@require_POST
def feed_reset(request: HttpRequest) -> HttpResponse:
    calendar_feed_reset(user=request.user)
    messages.success(request, _("Your calendar address was changed; the old one no longer works."))
    return redirect("operations:feed")


@require_GET
def ics_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A user's calendar for phones and desktop programs: no login, the secret token is the key (404 otherwise)."""
    feed = CalendarFeed.objects.select_related("user__profile").filter(token=token).first()
    if feed is None or not policy.can_view(feed.user):
        raise Http404
    today = datetime.date.today()
    events = events_for(start=today - FEED_PAST, end=today + FEED_FUTURE, user=feed.user)
    body = ics_calendar(
        events,
        name=_("NTM work calendar"),
        domain=request.get_host().split(":")[0],
        base_url=request.build_absolute_uri("/"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-cong-tac.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
