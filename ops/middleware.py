"""Responses to signed-in users are never stored by a browser or a proxy, and say how long the server took.

Shared office computers keep a browser cache: without this, after logging out the next person could
open a commune's scorecard or a downloaded export from the history. Every response to an authenticated
request carries `Cache-Control: private, no-store` (replacing whatever a view set); anonymous pages
(login, health check, static files) keep their own caching.
"""

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

PRIVATE = "private, no-store"


class PrivateCacheMiddleware:
    """Placed after AuthenticationMiddleware (it reads request.user)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = PRIVATE
            if "Expires" in response:
                del response["Expires"]
        return response


class ServerTimingMiddleware:
    """`Server-Timing: app;dur=<ms>` on responses to signed-in users: the time Django spent on the request from this
    middleware on (session, authentication, the view, rendering), which browsers' developer tools show beside the
    network time and `bench/run.py` reads under gunicorn. Placed right after SecurityMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        start = time.perf_counter()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Server-Timing"] = f"app;dur={(time.perf_counter() - start) * 1000:.2f}"
        return response
