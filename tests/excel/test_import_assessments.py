"""`manage.py import_assessments FILE --year YYYY [--dry-run] [--user USERNAME]`: the importer from a shell."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from excel.layout import grid_for
from excel.template import template_workbook

from .conftest import YEAR, cell, load, save, stored


@pytest.fixture
def filled(tmp_path, district, recorded):
    workbook = load(template_workbook(grid_for(year=YEAR, district=district)))
    cell(workbook, "18256", "1.1").value = 80
    cell(workbook, "18259", "1.2").value = "Không"
    path = tmp_path / "duc-tho-2014.xlsx"
    path.write_bytes(save(workbook))
    return path


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_assessments", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_dry_run_reports_and_writes_nothing(filled, recorded):
    out, _err = run(filled, "--year", YEAR, "--dry-run")

    assert "2" in out
    assert stored() == recorded


def test_a_real_run_writes_every_change(filled, recorded):
    run(filled, "--year", YEAR)

    assert stored() == {**recorded, ("18256", "1.1"): Decimal("80"), ("18259", "1.2"): False}


def test_a_run_as_a_district_officer_records_them(filled, district_officer, recorded, commune, ind):
    run(filled, "--year", YEAR, "--user", district_officer.username)

    assert commune.assessments.get(indicator=ind["1.1"], year=YEAR).entered_by == district_officer


def test_errors_are_listed_with_their_place_and_nothing_is_written(tmp_path, district, recorded):
    workbook = load(template_workbook(grid_for(year=YEAR, district=district)))
    cell(workbook, "18256", "1.1").value = 80
    cell(workbook, "18259", "1.1").value = "=1/0"
    cell(workbook, "18259", "2.1").value = "nhiều"
    path = tmp_path / "errors.xlsx"
    path.write_bytes(save(workbook))
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_assessments", str(path), "--year", str(YEAR), stderr=err)

    lines = err.getvalue().splitlines()
    assert len(lines) == 2 and all("D" in line or "F" in line for line in lines)
    assert stored() == recorded


def test_another_districts_officer_may_not_import_it(filled, other_district_officer, recorded):
    with pytest.raises(CommandError):
        run(filled, "--year", YEAR, "--user", other_district_officer.username)

    assert stored() == recorded


def test_a_missing_file_a_csv_an_unknown_user_or_another_year_stop_with_a_message(tmp_path, filled, recorded):
    csv = tmp_path / "values.csv"
    csv.write_text("18256,80\n")
    for args in (
        [tmp_path / "missing.xlsx", "--year", YEAR],
        [csv, "--year", YEAR],
        [filled, "--year", YEAR, "--user", "nobody"],
        [filled, "--year", 2013],
    ):
        with pytest.raises(CommandError):
            run(*args)

    assert stored() == recorded


def test_long_files_show_a_progress_bar(filled, recorded, monkeypatch):
    from ntm.lib import progress

    monkeypatch.setattr(progress, "BAR_FROM_ROWS", 0)
    monkeypatch.setattr("excel.importer.PROGRESS_EVERY", 1)

    _out, err = run(filled, "--year", YEAR, "--dry-run")

    assert "[" in err and "100%" in err
