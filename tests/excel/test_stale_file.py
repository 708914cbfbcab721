"""An old file never silently undoes newer work: values changed in the product after the template was exported are
shown as conflicts (file value, current value, who and when) and kept unless the user chooses to overwrite them."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from communes.services import assessments_save
from excel.importer import OVERWRITE_ALL, import_plan
from excel.layout import grid_for
from excel.template import template_workbook
from tests.conftest import client_for

from .conftest import YEAR, cell, load, save, stored


@pytest.fixture
def old_file(district, recorded):
    """The district's template as exported before the change below."""
    return load(template_workbook(grid_for(year=YEAR, district=district)))


@pytest.fixture
def changed_since(old_file, commune, ind, district_officer):
    """After the export, the district officer corrects 1.1 of the commune on the web form."""
    assessments_save(commune=commune, year=YEAR, values={ind["1.1"].pk: Decimal("88")}, user=district_officer)
    return district_officer


def _plan(workbook, user, district, overwrite=()):
    return import_plan(
        data=save(workbook), name="cu.xlsx", year=YEAR, user=user, district=district, overwrite=overwrite
    )


def test_a_cell_changed_since_the_export_is_a_conflict_and_is_kept(old_file, changed_since, office, district, commune):
    cell(old_file, commune.code, "1.1").value = 70  # the file's own edit of the same cell
    cell(old_file, "18259", "1.1").value = 71  # another commune, untouched since: a plain change

    plan = _plan(old_file, office, district)

    assert plan.ok
    [conflict] = plan.conflicts
    assert (conflict.change.commune_code, conflict.change.indicator_code) == (commune.code, "1.1")
    assert (conflict.change.new, conflict.change.old) == (Decimal("70"), Decimal("88.00"))
    assert conflict.changed_by == (changed_since.get_full_name() or changed_since.username)
    assert {(c.commune_code, c.indicator_code) for c in plan.changes} == {("18259", "1.1")}


def test_an_untouched_cell_of_an_old_file_does_not_revert_the_newer_value(
    old_file, changed_since, office, district, commune
):
    plan = _plan(old_file, office, district)  # the file still holds the value of before the correction

    assert [c.change.commune_code for c in plan.conflicts] == [commune.code]
    assert plan.changes == []


def test_the_user_may_overwrite_one_conflict_or_all(old_file, changed_since, office, district, commune):
    cell(old_file, commune.code, "1.1").value = 70
    one = _plan(old_file, office, district, overwrite=[_key(commune, "1.1")])
    every = _plan(old_file, office, district, overwrite=[OVERWRITE_ALL])

    for plan in (one, every):
        assert [(c.commune_code, c.new) for c in plan.changes] == [(commune.code, Decimal("70"))]
    assert one.digest() == _plan(old_file, office, district).digest()  # the confirmation matches the preview


def _key(commune, indicator_code):
    from criteria.models import Indicator

    return f"{commune.pk}:{Indicator.objects.get(code=indicator_code, criterion__criteria_set__code='TEST_2013').pk}"


def test_the_preview_lists_conflicts_and_the_confirmation_writes_only_those_ticked(
    old_file, changed_since, office, district, commune, second_commune
):
    cell(old_file, commune.code, "1.1").value = 70
    cell(old_file, second_commune.code, "1.2").value = "Không"
    before = stored()
    client = client_for(office)
    upload = SimpleUploadedFile("cu.xlsx", save(old_file))
    preview = client.post(reverse("excel:district_upload", args=[district.pk, YEAR]), {"file": upload}, follow=True)

    page = preview.content.decode()
    assert 'id="plan-conflicts"' in page and f'data-commune="{commune.code}"' in page
    assert "88" in page and "70" in page

    client.post(preview.redirect_chain[-1][0], {})  # confirm without ticking the conflict
    after = stored()
    assert after[(commune.code, "1.1")] == before[(commune.code, "1.1")] == Decimal("88.00")
    assert after[(second_commune.code, "1.2")] is False


def test_the_command_keeps_conflicts_unless_told(old_file, changed_since, district, commune, tmp_path, capsys):
    cell(old_file, commune.code, "1.1").value = 70
    path = tmp_path / "cu.xlsx"
    path.write_bytes(save(old_file))

    call_command("import_assessments", str(path), "--year", str(YEAR))
    assert stored()[(commune.code, "1.1")] == Decimal("88.00")
    assert commune.code in capsys.readouterr().out

    call_command("import_assessments", str(path), "--year", str(YEAR), "--overwrite-conflicts")
    assert stored()[(commune.code, "1.1")] == Decimal("70.00")
