"""Responses to signed-in users are never stored by a browser or a proxy.

Shared office computers keep a browser cache: without this, after logging out the next person could
open a commune's scorecard or a downloaded export from the history. Every response to an authenticated
request carries `Cache-Control: private, no-store` (replacing whatever a view set); anonymous pages
(login, health check, static files) keep their own caching.
"""

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
