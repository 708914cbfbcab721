"""The OCOP register: ratings under the rule of their date, re-ratings, expiry reminders and the work queue."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse

from notifications.models import Notification
from ocop.models import OcopProduct, OcopRating
from ocop.selectors import ocop_board, ocop_expiring
from ocop.services import ocop_expiry_reminders_send
from production.models import Enterprise
from tests.conftest import client_for

TODAY = datetime.date(2025, 6, 1)


def _product(commune, name="Cam chanh", group="food") -> OcopProduct:
    return OcopProduct.objects.create(name=name, commune=commune, group=group)


def _rate(product, rules_by_code, *, total=75, recognised_on=datetime.date(2023, 6, 1), code="148/2023"):
    rule = rules_by_code[code]
    a = Decimal(min(total, rule.max_a))
    b = Decimal(min(total - a, rule.max_b))
    rating = OcopRating(
        product=product,
        rule=rule,
        score_a=a,
        score_b=b,
        score_c=Decimal(total) - a - b,
        level="province",
        decision_number="1/QĐ-UBND",
        decision_date=recognised_on,
        recognised_on=recognised_on,
    )
    rating.save()
    return rating


def _rating_data(**overrides) -> dict:
    data = {
        "score_a": "38,5",
        "score_b": "20",
        "score_c": "30",
        "level": "province",
        "decision_number": "2394/QĐ-UBND",
        "decision_date": "15/10/2024",
        "recognised_on": "15/10/2024",
        "note": "",
    }
    data.update(overrides)
    return data


def test_a_rating_takes_the_rule_of_its_decision_date_and_computes_stars_and_expiry(
    district_officer, commune, ocop_rules
):
    product = _product(commune)
    response = client_for(district_officer).post(reverse("ocop:rating_create", args=[product.pk]), _rating_data())
    assert response.status_code == 302
    rating = OcopRating.objects.get()
    assert rating.rule.code == "148/2023"
    assert (rating.total, rating.stars) == (Decimal("88.5"), 4)
    assert rating.expires_on == datetime.date(2027, 10, 15)


def test_part_a_over_35_points_is_refused_under_the_2019_rule(district_officer, commune, ocop_rules):
    product = _product(commune)
    data = _rating_data(decision_date="10/05/2021", recognised_on="10/05/2021")
    response = client_for(district_officer).post(reverse("ocop:rating_create", args=[product.pk]), data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Điểm phần A: Tối đa 35 điểm theo 1048/QĐ-TTg; đã nhập 38.5" in text or "Tối đa 35 điểm" in text
    assert not OcopRating.objects.exists()


def test_a_date_before_any_rule_is_refused_on_its_field(district_officer, commune, ocop_rules):
    product = _product(commune)
    data = _rating_data(decision_date="01/01/2018")
    response = client_for(district_officer).post(reverse("ocop:rating_create", args=[product.pk]), data)
    assert response.status_code == 400
    assert "Không có bộ tiêu chí OCOP nào có hiệu lực vào ngày 01/01/2018" in response.content.decode()


def test_a_total_under_50_is_not_recognised_and_never_expires(commune, ocop_rules):
    rating = _rate(_product(commune), ocop_rules, total=45)
    assert (rating.stars, rating.expires_on, rating.recognised) == (2, None, False)


def test_the_latest_rating_is_the_current_one_and_the_earlier_ones_are_its_history(leadership, commune, ocop_rules):
    product = _product(commune)
    _rate(product, ocop_rules, total=60, recognised_on=datetime.date(2021, 5, 10), code="1048/2019")
    _rate(product, ocop_rules, total=80, recognised_on=datetime.date(2024, 4, 1))
    current = OcopProduct.objects.with_current().get(pk=product.pk)
    assert (current.current_stars, current.current_expires_on) == (4, datetime.date(2027, 4, 1))
    page = client_for(leadership).get(product.get_absolute_url()).content.decode()
    assert page.count("data-rating=") == 2 and 'id="add-rating"' not in page


def test_an_owner_from_another_commune_is_refused(office, commune, second_commune):
    owner = Enterprise.objects.create(
        name="HTX Đức Lạng",
        kind="cooperative",
        commune=second_commune,
        founded_on=datetime.date(2012, 1, 1),
        sector="crops",
    )
    data = {"name": "Gạo", "commune": commune.pk, "group": "food", "owner": owner.pk, "owner_name": "", "note": ""}
    response = client_for(office).post(reverse("ocop:create"), data)
    assert response.status_code == 400
    assert not OcopProduct.objects.exists()


@pytest.fixture
def expiring(commune, other_commune, ocop_rules):
    """Certificates of the commune (Đức Thọ) and of the other commune (Kỳ Anh) at several distances from TODAY."""
    made = {}
    for name, place, recognised in [
        ("soon", commune, datetime.date(2022, 6, 20)),  # expires 20/6/2025: in 19 days
        ("edge", commune, datetime.date(2022, 8, 30)),  # expires 30/8/2025: in 90 days
        ("later", commune, datetime.date(2022, 9, 1)),  # expires 1/9/2025: in 92 days
        ("past", commune, datetime.date(2022, 5, 1)),  # expired 1/5/2025
        ("other", other_commune, datetime.date(2022, 7, 1)),  # expires 1/7/2025, in the other district
    ]:
        product = _product(place, name=name)
        _rate(product, ocop_rules, recognised_on=recognised, code="1048/2019")
        made[name] = product
    renewed = _product(commune, name="renewed")  # expired, but re-rated since: its current certificate is valid
    _rate(renewed, ocop_rules, recognised_on=datetime.date(2022, 6, 10), code="1048/2019")
    _rate(renewed, ocop_rules, recognised_on=datetime.date(2025, 5, 1))
    return made


def test_reminders_go_to_the_office_and_the_communes_district_once(
    expiring, office, district_officer, other_district_officer, leadership
):
    sent = ocop_expiry_reminders_send(today=TODAY)
    # soon and edge (Đức Thọ): office + district officer; other (Kỳ Anh): office + the other officer
    assert sent == 6
    mine = Notification.objects.filter(recipient=district_officer)
    assert sorted(n.params["product"] for n in mine) == ["edge", "soon"]
    assert sorted(n.params["product"] for n in Notification.objects.filter(recipient=office)) == [
        "edge",
        "other",
        "soon",
    ]
    assert [n.params["product"] for n in Notification.objects.filter(recipient=other_district_officer)] == ["other"]
    assert not Notification.objects.filter(recipient=leadership).exists()
    soon = mine.get(params__product="soon")
    assert soon.params["expires"] == "20/06/2025" and soon.url == expiring["soon"].get_absolute_url()
    assert ocop_expiry_reminders_send(today=TODAY + datetime.timedelta(days=1)) == 0  # once per person and expiry
    assert ocop_expiry_reminders_send(today=TODAY + datetime.timedelta(days=3)) == 2  # "later" is now within 90 days


def test_a_re_rating_with_a_new_expiry_is_reminded_again_when_that_nears(
    expiring, office, district_officer, ocop_rules
):
    ocop_expiry_reminders_send(today=TODAY)
    _rate(expiring["soon"], ocop_rules, recognised_on=datetime.date(2025, 6, 10))  # expires 10/6/2028
    assert ocop_expiry_reminders_send(today=datetime.date(2028, 5, 2)) == 2
    assert Notification.objects.filter(recipient=district_officer, params__expires="10/06/2028").count() == 1


def test_the_bell_shows_the_reminder(expiring, district_officer):
    ocop_expiry_reminders_send(today=TODAY)
    page = client_for(district_officer).get(reverse("ocop:list")).content.decode()
    assert 'data-unread="2"' in page


def test_the_work_queue_lists_each_role_its_own(expiring, office, district_officer, other_district_officer, leadership):
    def names(user):
        return [row.product.name for row in ocop_expiring(user, today=TODAY)]

    assert names(office) == ["soon", "other", "edge"]
    assert names(leadership) == ["soon", "other", "edge"]
    assert names(district_officer) == ["soon", "edge"]
    assert names(other_district_officer) == ["other"]
    assert ocop_expiring(office, today=TODAY)[0].days_left == 19


def test_the_dashboard_section_counts_stars_expiring_and_expired(expiring, district, other_district):
    board = ocop_board(today=TODAY)
    rows = {row.district.pk: row for row in board.districts}
    mine = rows[district.pk]
    assert mine.stars == {5: 0, 4: 4, 3: 0}  # soon, edge, later, renewed (75 points: 4 stars)
    assert (mine.expiring, mine.expired) == (2, 1)
    assert rows[other_district.pk].expiring == 1
    assert [p.name for p in board.expiring] == ["soon", "other", "edge"]
    assert [p.name for p in board.expired] == ["past"]
    assert board.province.valid == 5


def test_the_list_filters_by_certificate_status(office, commune, ocop_rules):
    from ocop.rules import add_months

    today = datetime.date.today()
    for name, months_ago in [("old", 40), ("near", 35), ("fresh", 10)]:
        _rate(_product(commune, name=name), ocop_rules, recognised_on=add_months(today, -months_ago))
    _product(commune, name="unrated")
    client = client_for(office)
    for status, names in [("expired", ["old"]), ("expiring", ["near"]), ("valid", ["fresh"]), ("unrated", ["unrated"])]:
        response = client.get(reverse("ocop:list"), {"status": status})
        assert [p.name for p, _status in response.context["rows"]] == names


def test_expiring_certificates_are_on_the_work_queue_by_role(
    expiring, office, district_officer, other_district_officer
):
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        for user, names in (
            (office, {"soon", "edge", "other"}),
            (district_officer, {"soon", "edge"}),
            (other_district_officer, {"other"}),
        ):
            response = client_for(user).get(reverse("dashboard:work_queue"))
            assert {row.product.name for row in response.context["ocop_rows"]} == names
            assert 'id="work-queue-ocop"' in response.content.decode()
