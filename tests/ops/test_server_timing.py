"""Signed-in pages say how long the server spent on them (Server-Timing, shown by browsers' developer tools);
anonymous responses say nothing about the server."""

import re

from django.urls import reverse

from tests.conftest import client_for


def test_a_signed_in_page_carries_the_servers_time(office):
    response = client_for(office).get(reverse("communes:list"))
    match = re.fullmatch(r"app;dur=(\d+\.\d\d)", response["Server-Timing"])
    assert match and float(match.group(1)) > 0


def test_the_login_page_does_not(anonymous):
    assert "Server-Timing" not in anonymous.get(reverse("login"))
