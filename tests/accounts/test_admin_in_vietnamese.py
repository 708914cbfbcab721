"""The admin speaks Vietnamese throughout: greeting by given name, Có/Không values, the login-throttling screens,
criterion choosers that name their set."""

from decimal import Decimal

from axes.models import AccessAttempt
from django.urls import reverse

from accounts.models import Role
from accounts.services import user_create
from communes.services import assessments_save
from tests.conftest import PASSWORD, client_for


def test_the_greeting_uses_the_given_name_the_last_word_of_the_full_name(db):
    user = user_create(username="nva", password=PASSWORD, role=Role.OFFICE, full_name="Nguyễn Văn An")
    client = client_for(user)

    admin_page = client.get(reverse("admin:index")).content.decode()
    site_page = client.get(reverse("dashboard:home")).content.decode()

    assert '<strong id="greeting-name">An</strong>' in admin_page
    assert "Xin chào," in admin_page
    assert "Chào An" in site_page
    assert "Nguyễn Văn</strong>" not in admin_page


def test_yes_no_values_show_as_co_khong_in_a_labelled_column(office, commune, ind):
    values = {ind["1.2"].pk: True, ind["2.1"].pk: Decimal("17.5")}
    assessments_save(commune=commune, year=2014, values=values, user=None)
    page = client_for(office).get(reverse("admin:communes_assessment_changelist")).content.decode()

    assert "column-value_shown" in page and "Giá trị" in page
    assert ">Có<" in page
    assert ">17,500<" in page
    assert ">True<" not in page


def test_the_login_throttling_screens_are_in_vietnamese(office):
    AccessAttempt.objects.create(
        username="vanphong", ip_address="203.0.113.9", user_agent="x", http_accept="*/*", path_info="/login/",
        get_data="", post_data="", failures_since_start=3,
    )  # fmt: skip
    client = client_for(office)
    index = client.get(reverse("admin:index")).content.decode()
    attempts = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()

    assert "Chống dò mật khẩu" in index
    assert "Axes" not in index
    assert "Địa chỉ IP" in attempts and "Tên đăng nhập" in attempts


def test_the_criterion_chooser_names_the_criteria_set(office, small_set, ind):
    page = client_for(office).get(reverse("admin:criteria_indicator_change", args=[ind["1.1"].pk])).content.decode()
    assert f"{small_set.code} · 1. Giao thông" in page
