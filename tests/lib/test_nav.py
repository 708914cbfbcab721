"""The menu is rendered once per language and kind of user, and each user still gets their own: their district's
link, the admin for staff, the language they chose."""

from django.urls import reverse

from tests.conftest import client_for


def _nav(client) -> str:
    page = client.get(reverse("communes:list")).content.decode()
    return page.split('<div class="navbar-nav me-auto">')[1].split("</div>")[0]


def test_each_officer_gets_their_own_districts_link(district_officer, other_district_officer, district, other_district):
    own = _nav(client_for(district_officer))
    other = _nav(client_for(other_district_officer))
    assert reverse("dashboard:district", args=[district.pk]) in own
    assert reverse("dashboard:district", args=[other_district.pk]) in other
    assert reverse("dashboard:district", args=[district.pk]) not in other


def test_the_admin_link_is_for_staff_and_the_labels_follow_the_language(office, leadership, district_officer):
    staff = client_for(office)
    assert office.is_staff and not district_officer.is_staff
    assert reverse("admin:index") in _nav(staff)
    assert reverse("admin:index") not in _nav(client_for(district_officer))

    assert "Công tác văn phòng" in _nav(staff)
    staff.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Office work" in _nav(staff) and "Công tác văn phòng" not in _nav(staff)
    assert "Công tác văn phòng" in _nav(client_for(leadership))
