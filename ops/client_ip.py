"""The client's address, as login throttling (django-axes) sees it.

Behind the documented nginx (same host, `proxy_set_header X-Real-IP $remote_addr`), every request comes
from 127.0.0.1: throttling by that address would let anyone lock the office out. The `X-Real-IP` header
is believed when the request comes from a trusted proxy (TRUSTED_PROXIES, default 127.0.0.1 and ::1) or
when TRUST_X_REAL_IP is on; a client talking to gunicorn directly cannot choose its address with it.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """X-Real-IP from a trusted proxy (when it is an IP address), else the peer's address (REMOTE_ADDR)."""
    peer = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
    if forwarded and (settings.TRUST_X_REAL_IP or _trusted(peer)):
        try:
            return str(ipaddress.ip_address(forwarded))
        except ValueError:
            pass
    return peer


def _trusted(peer: str) -> bool:
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(proxy, strict=False) for proxy in settings.TRUSTED_PROXIES)
