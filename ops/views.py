"""Operations endpoints: `/healthz` for the load balancer, and the page shown to a locked-out login."""

import logging

from axes.helpers import get_cool_off, get_failure_limit
from django.db import Error as DatabaseError
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 {"status": "ok"} when the database answers `SELECT 1`, 503 otherwise. No login, no session."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("healthz: the database does not answer: %s", str(error).strip())
        return JsonResponse({"status": "unavailable", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def lockout_response(request: HttpRequest, original_response=None, credentials: dict | None = None) -> HttpResponse:
    """django-axes calls this (AXES_LOCKOUT_CALLABLE) when a username + address pair is locked out."""
    cool_off = get_cool_off(request)
    ctx = {
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return render(request, "ops/lockout.html", ctx, status=429)
