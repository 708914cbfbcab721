"""The summary's production and resources sheets hold the dashboard sections' figures; each list's workbook holds
the rows its page's filters select (all pages); no cell is a formula."""

import datetime
import io

import openpyxl
from django.urls import reverse

from capital.models import CapitalLine, CapitalSource
from excel.exports import summary_workbook
from production.models import Enterprise
from tests.conftest import client_for
from tests.excel.test_exports import table
from tests.resources_fixtures import make_model

YEAR = 2014


def load(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def test_the_summary_sheets_carry_the_dashboards_figures(
    district, other_district, commune, second_commune, small_set, thresholds, source_sets
):
    for revenue in (150, 600, 1500):
        make_model(commune, revenue=revenue)
    make_model(second_commune, revenue=50)
    Enterprise.objects.create(
        name="HTX", kind="cooperative", commune=commune, founded_on=datetime.date(2013, 2, 1), sector="crops"
    )
    source = CapitalSource.objects.get(source_set=source_sets["NTM_2011_2015"], code="IV")
    CapitalLine.objects.create(
        year=YEAR, period="year", kind="mobilised", level="district", district=district, source=source, amount=80
    )
    workbook = load(summary_workbook(year=YEAR))
    production = {row[0]: row[1:] for row in table(workbook["Mô hình sản xuất"])[1:]}
    assert production["Huyện Đức Thọ"] == (2, 1, 50.0, 1)  # communes, with all sizes, share, without a model
    sectors = {row[0]: row[1:] for row in table(workbook["Mô hình theo lĩnh vực"])[1:]}
    assert sectors["chăn nuôi"] == (1, 1, 1, 3)
    enterprises = table(workbook["Doanh nghiệp"])
    assert enterprises[0][2:6] == ("2011", "2012", "2013", "2014")
    assert {row[0]: row[2:6] for row in enterprises[1:]}["Huyện Đức Thọ"] == (2, 2, 1, 1)
    capital = {row[0]: row for row in table(workbook["Nguồn vốn"])[1:]}
    assert capital["2014"][4] == 80  # policy credit
    assert capital["2014"][9] == 100.0  # credit share
    every_cell = (c for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row)
    assert not [c.coordinate for c in every_cell if c.data_type == "f"]


def test_the_models_workbook_follows_the_lists_filters(office, commune, thresholds):
    make_model(commune, revenue=1500, name='=HYPERLINK("x")')
    make_model(commune, revenue=200, name="Nhỏ")
    client = client_for(office)
    response = client.get(reverse("excel:production_models"), {"year": YEAR, "size": "large"})
    assert response["Content-Disposition"].startswith("attachment")
    sheet = load(response.content).worksheets[0]
    rows = table(sheet)[1:]
    assert [row[0] for row in rows] == ['=HYPERLINK("x")']  # a name, never a formula
    assert rows[0][9] == 1500 and rows[0][13] == "lớn"
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
