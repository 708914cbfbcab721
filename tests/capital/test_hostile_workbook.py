"""The resources table import reads through the same bounded reader: a declared full sheet is refused at once."""

import io
import time

import openpyxl

from excel.capital import Scope, capital_plan, capital_template
from tests.cases.test_cases import _declare

YEAR = 2014


def test_a_resources_table_declaring_the_whole_sheet_is_refused_quickly(source_sets, district, office):
    workbook = openpyxl.load_workbook(
        io.BytesIO(capital_template(year=YEAR, scope=Scope(level="district", district=district)))
    )
    workbook.worksheets[0].cell(row=1_048_576, column=3, value=1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = _declare(buffer.getvalue(), "A1:XFD1048576")

    started = time.monotonic()
    plan = capital_plan(data=data, name="bieu.xlsx", year=YEAR, user=office)

    assert time.monotonic() - started < 1
    assert not plan.ok and plan.changes == []
    assert "1048576" in plan.errors[0].message
