"""The bulk targets sheet: office staff download a set's indicators and group targets, fill them in, upload,
preview, confirm; the same rules as the assessment import, all or nothing, an old file never undoes newer work."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from criteria import rules
from criteria.models import CriteriaSet, Criterion, Indicator, Target
from excel.pending import SESSION_KEY
from excel.targets import _class_column
from tests.conftest import client_for
from tests.excel.conftest import load, save

pytestmark = pytest.mark.django_db


@pytest.fixture
def set_2026(db) -> CriteriaSet:
    """A 2026-2030 set by commune group: criterion 1 with a percentage (targets unverified), criterion 2 empty."""
    criteria_set = CriteriaSet.objects.create(
        code="TEST_2026",
        title="Bộ tiêu chí 2026-2030",
        decision_number="51/2025/QĐ-TTg",
        decision_date=datetime.date(2025, 12, 31),
        year_from=2026,
        year_to=2030,
        target_basis=CriteriaSet.TargetBasis.COMMUNE_GROUP,
    )
    roads = Criterion.objects.create(criteria_set=criteria_set, number=1, name="Giao thông")
    Criterion.objects.create(criteria_set=criteria_set, number=2, name="Thu nhập")
    paved = Indicator.objects.create(criterion=roads, code="1.1", text="Đường xã được cứng hóa", kind=rules.PERCENTAGE)
    paved.unit, paved.plausible_min, paved.plausible_max = "%", 0, 100
    paved.save()
    for group, value in (("nhom_1", 100), ("nhom_2", 90), ("nhom_3", 80)):
        Target.objects.create(indicator=paved, target_class=group, value=Decimal(value))
    return criteria_set


def _download(client, criteria_set):
    response = client.get(reverse("excel:targets_download", args=[criteria_set.pk]))
    assert response.status_code == 200
    return load(response.content)


def _codes(workbook) -> dict:
    return {row[0]: row[1] for row in workbook["_codes"].iter_rows(min_row=2, values_only=True) if row[0]}


def _row_of(workbook, code: str | None) -> int:
    """The row of an indicator code; None: the first empty row under the table."""
    keys = _codes(workbook)
    sheet = workbook[keys["sheet"]]
    number = keys["first_data_row"]
    while sheet.cell(number, 1).value not in (None, "") and sheet.cell(number, 1).value != code:
        number += 1
    return number


def _fill(workbook, code: str, values: dict[str, tuple], **indicator) -> int:
    """Fill an indicator's row: indicator columns by name, then per class (value, verified, source)."""
    keys = _codes(workbook)
    sheet, classes = workbook[keys["sheet"]], keys["classes"].split("|")
    number = _row_of(workbook, code)
    sheet.cell(number, 1).value = code
    for column, name in ((2, "criterion"), (3, "text"), (4, "unit"), (5, "kind"), (6, "comparator")):
        if name in indicator:
            sheet.cell(number, column).value = indicator[name]
    for target_class, cells in values.items():
        column = _class_column(classes.index(target_class))
        for offset, value in enumerate(cells):
            sheet.cell(number, column + offset).value = value
    return number


def _upload(client, criteria_set, data: bytes):
    url = reverse("excel:targets_upload", args=[criteria_set.pk])
    response = client.post(url, {"file": SimpleUploadedFile("chi-tieu.xlsx", data)})
    assert response.status_code == 302, response.content.decode()[:2000]
    preview = client.get(response["Location"])
    return response["Location"], preview


def _stored(criteria_set) -> dict:
    return {
        (t.indicator.code, t.target_class): (t.value, t.verified, t.source)
        for t in Target.objects.filter(indicator__criterion__criteria_set=criteria_set).select_related("indicator")
    }


def test_the_sheet_lists_every_indicator_with_a_target_verified_and_source_column_per_commune_group(office, set_2026):
    workbook = _download(client_for(office), set_2026)
    keys = _codes(workbook)
    assert keys["classes"] == "nhom_1|nhom_2|nhom_3"
    sheet = workbook[keys["sheet"]]
    header = [cell.value for cell in sheet[keys["first_data_row"] - 1]]
    assert header[:6] == ["Mã", "Tiêu chí", "Chỉ số", "Đơn vị", "Loại", "Phép so sánh"]
    assert header[6:9] == ["nhom_1: chỉ tiêu", "nhom_1: đã xác minh", "nhom_1: nguồn"]
    row = [cell.value for cell in sheet[keys["first_data_row"]]]
    assert row[:2] == ["1.1", 1] and row[6:9] == [100, "Không", None] and row[9] == 90


def test_round_trip_stores_the_values_with_their_verification_and_source(office, set_2026):
    client = client_for(office)
    workbook = _download(client, set_2026)
    _fill(workbook, "1.1", {"nhom_1": (95, "Có", "QĐ 51/2025/QĐ-TTg")})
    _fill(
        workbook,
        "2.1",
        {"nhom_1": ("25,5", "Có", "https://example.vn/qd51"), "nhom_2": (20, None, "ước tính của văn phòng")},
        criterion=2,
        text="Thu nhập bình quân đầu người",
        unit="triệu đồng/người/năm",
        kind="số tiền bình quân/người (triệu đồng)",
        comparator="≥",
    )
    url, preview = _upload(client, set_2026, save(workbook))
    page = preview.content.decode()
    assert preview.status_code == 200 and 'id="plan-errors"' not in page
    assert 'data-indicator="2.1" data-new="1"' in page
    assert 'data-indicator="1.1" data-class="nhom_1"' in page
    assert "Chỉ số mới: 1; chỉ số thay đổi: 0; chỉ tiêu thêm hoặc đổi: 3; chỉ tiêu không đổi: 2." in page

    confirmed = client.post(url)
    assert confirmed.status_code == 302
    stored = _stored(set_2026)
    assert stored[("1.1", "nhom_1")] == (Decimal("95"), True, "QĐ 51/2025/QĐ-TTg")
    assert stored[("1.1", "nhom_2")] == (Decimal("90"), False, "")
    assert stored[("2.1", "nhom_1")] == (Decimal("25.5"), True, "https://example.vn/qd51")
    assert stored[("2.1", "nhom_2")] == (Decimal("20"), False, "ước tính của văn phòng")
    income = Indicator.objects.get(code="2.1", criterion__criteria_set=set_2026)
    assert (income.criterion.number, income.kind, income.plausible_max) == (2, rules.MONEY, Decimal("500"))
    record = Target.history.filter(indicator_id=income.pk, target_class="nhom_1").latest("history_date")
    assert record.history_user == office and record.source == "https://example.vn/qd51"


def test_an_error_names_row_and_column_and_nothing_changes(office, set_2026):
    client = client_for(office)
    workbook = _download(client, set_2026)
    _fill(workbook, "1.1", {"nhom_1": (95, "Có", "QĐ 51")})
    number = _fill(workbook, "1.2", {"nhom_2": ("nhiều", None, None)}, criterion=1, text="Cầu", kind="tỷ lệ (%)")
    before = _stored(set_2026)
    url, preview = _upload(client, set_2026, save(workbook))
    page = preview.content.decode()
    assert f'<tr data-row="{number}" data-column="J">' in page
    assert "nhom_2: chỉ tiêu" in page and "&quot;nhiều&quot; không phải là số." in page
    assert 'id="confirm-form"' not in page

    assert client.post(url).status_code == 400
    assert _stored(set_2026) == before
    assert not Indicator.objects.filter(code="1.2").exists()


@pytest.mark.parametrize(
    "typed, message",
    [
        (150, "Chỉ tiêu tỷ lệ phải nằm trong khoảng từ 0 đến 100."),
        ("25.500", "không rõ nghĩa"),  # 25,5 or 25500? refused, as everywhere
    ],
)
def test_a_percentage_out_of_range_or_an_ambiguous_number_is_refused(office, set_2026, typed, message):
    client = client_for(office)
    workbook = _download(client, set_2026)
    number = _fill(workbook, "1.1", {"nhom_3": (typed, None, None)})
    _url, preview = _upload(client, set_2026, save(workbook))
    page = preview.content.decode()
    assert f'<tr data-row="{number}" data-column="M">' in page and message in page
    assert _stored(set_2026)[("1.1", "nhom_3")] == (Decimal("80"), False, "")


def test_a_formula_without_a_saved_value_is_refused_on_its_cell(office, set_2026):
    client = client_for(office)
    workbook = _download(client, set_2026)
    number = _fill(workbook, "1.1", {"nhom_1": ("=90+5", None, None)})
    _url, preview = _upload(client, set_2026, save(workbook))
    assert f'<tr data-row="{number}" data-column="G">' in preview.content.decode()


def test_a_target_changed_in_the_product_since_the_export_is_refused(office, set_2026):
    client = client_for(office)
    workbook = _download(client, set_2026)
    target = Target.objects.get(indicator__code="1.1", target_class="nhom_2")
    target.value, target.source = Decimal("85"), "Công văn 12/SNN"
    target.save()  # by someone else, after the export: the file still says 90
    _fill(workbook, "1.1", {"nhom_1": (95, "Có", "QĐ 51")})
    url, preview = _upload(client, set_2026, save(workbook))
    page = preview.content.decode()
    assert 'data-column="J"' in page and "sau khi tệp được xuất" in page
    assert client.post(url).status_code == 400
    assert _stored(set_2026)[("1.1", "nhom_2")] == (Decimal("85"), False, "Công văn 12/SNN")


def test_a_confirmation_that_does_not_match_the_preview_is_refused(office, set_2026):
    client = client_for(office)
    workbook = _download(client, set_2026)
    _fill(workbook, "1.1", {"nhom_1": (95, "Có", "QĐ 51")})
    url, preview = _upload(client, set_2026, save(workbook))
    assert preview.status_code == 200
    session = client.session
    entries = session[SESSION_KEY]
    for entry in entries.values():
        entry["digest"] = "0" * 64  # another plan was previewed
    session[SESSION_KEY] = entries
    session.save()

    assert client.post(url).status_code == 409
    assert _stored(set_2026)[("1.1", "nhom_1")] == (Decimal("100"), False, "")


def test_removing_a_target_is_not_done_by_the_sheet(office, set_2026):
    client = client_for(office)
    workbook = _download(client, set_2026)
    _fill(workbook, "1.1", {"nhom_1": (None, None, None)})
    _url, preview = _upload(client, set_2026, save(workbook))
    assert "không xóa được" in preview.content.decode()


def test_the_preview_says_what_the_change_does_to_the_stored_results(office, commune, small_set):
    from tests.workflow.conftest import record

    record(commune, {"1.1": Decimal("60"), "1.2": True}, year=2014)  # 60 % < 70: criterion 1 not met
    client = client_for(office)
    workbook = _download(client, small_set)
    _fill(workbook, "1.1", {"BTB": (50, "Có", "QĐ 342")})
    url, preview = _upload(client, small_set, save(workbook))
    page = preview.content.decode()
    assert 'id="rules-impact" data-changed="1" data-locked="0"' in page
    assert client.post(url).status_code == 302
    assert _stored(small_set)[("1.1", "BTB")] == (Decimal("50"), True, "QĐ 342")


@pytest.mark.parametrize("who", ["district_officer", "leadership"])
def test_district_officers_and_leadership_get_403_on_every_url(request, who, office, set_2026):
    client = client_for(office)
    workbook = _download(client, set_2026)
    url, _preview = _upload(client, set_2026, save(workbook))
    token = url.rstrip("/").rsplit("/", 1)[-1]
    other = client_for(request.getfixturevalue(who))
    pages = [
        ("get", reverse("excel:targets_download", args=[set_2026.pk])),
        ("get", reverse("excel:targets_upload", args=[set_2026.pk])),
        ("post", reverse("excel:targets_upload", args=[set_2026.pk])),
        ("get", reverse("excel:targets_preview", args=[token])),
        ("post", reverse("excel:targets_preview", args=[token])),
        ("post", reverse("excel:targets_cancel", args=[token])),
    ]
    for method, page in pages:
        assert getattr(other, method)(page).status_code == 403, page


def test_the_dashboard_and_the_admin_link_to_the_sheet(office, small_set):
    client = client_for(office)
    sheet = reverse("excel:targets_upload", args=[small_set.pk])
    assert sheet in client.get(reverse("dashboard:home"), {"year": 2014}).content.decode()
    assert sheet in client.get(reverse("admin:criteria_criteriaset_change", args=[small_set.pk])).content.decode()
