"""The user's notifications: the list, open one (marks it read), mark read."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import viewer_required

from .models import Notification
from .services import notifications_mark_read

PAGE_SIZE = 30


@viewer_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    rows = Notification.objects.for_user(request.user)
    if request.GET.get("unread"):
        rows = rows.unread()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/notification_list.html",
        {"page_obj": page, "unread_only": bool(request.GET.get("unread"))},
    )


@viewer_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of the user's own notifications read and go where it leads (another user's: 404)."""
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    notifications_mark_read(user=request.user, ids=[notification.pk])
    safe = url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()})
    return redirect(notification.url if notification.url and safe else "notifications:list")


@viewer_required
@require_POST
def notification_mark_read(request: HttpRequest) -> HttpResponse:
    """Mark the ticked notifications read, or all of them with `all`."""
    ids = None if request.POST.get("all") else [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    notifications_mark_read(user=request.user, ids=ids)
    return redirect("notifications:list")
