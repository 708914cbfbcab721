"""The bell, the list, opening a notification and marking them read."""

from django.urls import reverse

from notifications.models import Notification
from notifications.services import notify
from tests.conftest import client_for


def _unread_badge(response) -> str | None:
    import re

    match = re.search(r'data-unread="(\d+)"', response.content.decode())
    return match.group(1) if match else None


def test_the_bell_counts_unread_notifications_on_every_page(district_officer, commune):
    client = client_for(district_officer)
    assert _unread_badge(client.get(reverse("communes:list"))) is None
    notify(
        recipients=[district_officer], kind="commune_year.verified", params={"commune": "Xã Tùng Ảnh", "year": "2014"}
    )
    notify(
        recipients=[district_officer], kind="commune_year.verified", params={"commune": "Xã Đức Lạng", "year": "2014"}
    )
    assert _unread_badge(client.get(reverse("communes:list"))) == "2"


def test_opening_marks_read_and_goes_where_it_leads(district_officer, commune):
    notify(
        recipients=[district_officer],
        kind="commune_year.verified",
        params={"commune": "Xã Tùng Ảnh", "year": "2014"},
        url=reverse("workflow:commune_year", args=[commune.pk, 2014]),
    )
    client = client_for(district_officer)
    page = client.get(reverse("notifications:list"))
    assert "Xã Tùng Ảnh" in page.content.decode()
    notification = Notification.objects.get()
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == reverse("workflow:commune_year", args=[commune.pk, 2014])
    notification.refresh_from_db()
    assert notification.is_read


def test_a_link_to_another_site_is_not_followed(district_officer):
    notify(recipients=[district_officer], kind="commune_year.verified", params={}, url="https://evil.example/")
    response = client_for(district_officer).post(reverse("notifications:open", args=[Notification.objects.get().pk]))
    assert response["Location"] == reverse("notifications:list")


def test_mark_all_read_and_unread_filter(district_officer):
    for name in ("Xã A", "Xã B"):
        notify(recipients=[district_officer], kind="commune_year.verified", params={"commune": name, "year": "2014"})
    client = client_for(district_officer)
    assert client.get(reverse("notifications:list") + "?unread=1").content.decode().count('data-read="0"') == 2
    client.post(reverse("notifications:mark_read"), {"all": "1"})
    assert Notification.objects.unread().count() == 0
    assert 'data-read="0"' not in client.get(reverse("notifications:list") + "?unread=1").content.decode()
