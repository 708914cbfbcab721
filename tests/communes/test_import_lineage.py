import csv
import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

from communes.divisions import divisions_import
from communes.lineage import lineage_import
from communes.models import Commune, District, Lineage

FIXTURES = Path(settings.BASE_DIR) / "communes" / "fixtures"
LEGACY = FIXTURES / "ha_tinh_divisions_legacy.csv"
LIST_2025 = FIXTURES / "ha_tinh_divisions_2025.csv"
MERGE = FIXTURES / "ha_tinh_merge_2025.csv"
REFORM = datetime.date(2025, 7, 1)
LAST_OLD_DAY = datetime.date(2025, 6, 30)
HEADER = ["new_code", "new_name", "old_code", "old_name", "old_district_code", "old_district_name"]


@pytest.fixture
def both_periods(db):
    divisions_import(path_or_file=LEGACY)
    divisions_import(path_or_file=LIST_2025, valid_from=REFORM)


def write_csv(path: Path, rows: list[list[str]], header=HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


def test_the_reform_list_closes_the_old_units_on_30_june_and_opens_69_new_ones(both_periods):
    assert Commune.objects.valid_on(LAST_OLD_DAY).count() == 209
    assert District.objects.valid_on(LAST_OLD_DAY).count() == 12
    assert Commune.objects.valid_on(REFORM).count() == 69
    assert District.objects.valid_on(REFORM).count() == 0
    assert Commune.objects.in_year(2014).count() == 209 and Commune.objects.in_year(2026).count() == 69


def test_a_reused_code_is_two_communes_one_on_each_side_of_the_reform(both_periods):
    old = Commune.objects.by_code_on("18073", LAST_OLD_DAY)
    new = Commune.objects.by_code_on("18073", REFORM)

    assert (old.name, old.district.code) == ("Phường Nam Hà", "436")
    assert (new.name, new.district) == ("Phường Thành Sen", None)
    assert old.pk != new.pk


def test_importing_the_reform_list_again_changes_nothing(both_periods):
    before = list(Commune.objects.order_by("pk").values_list("pk", "code", "name", "valid_from", "valid_until"))

    report = divisions_import(path_or_file=LIST_2025, valid_from=REFORM)

    assert report.changed == 0
    assert list(Commune.objects.order_by("pk").values_list("pk", "code", "name", "valid_from", "valid_until")) == before


def test_the_old_list_imported_again_after_the_reform_is_refused_and_rewrites_nothing(both_periods):
    with pytest.raises(Exception) as excinfo:
        divisions_import(path_or_file=LEGACY)

    first = excinfo.value.errors[0]
    assert (first.row, first.column) == (2, "Mã PX") and "2025-07-01" in str(first)
    assert Commune.objects.by_code_on("18073", REFORM).name == "Phường Thành Sen"


def test_the_merge_file_links_every_old_commune_to_what_it_became(both_periods):
    report = lineage_import(path_or_file=MERGE)

    assert (report.rows, report.created) == (212, 212)
    thanh_sen = Commune.objects.by_code_on("18073", REFORM)
    assert thanh_sen.formed_from.count() == 9
    assert set(thanh_sen.formed_from.values_list("valid_until", flat=True)) == {REFORM}
    nam_ha = Commune.objects.by_code_on("18073", LAST_OLD_DAY)
    assert list(nam_ha.succeeded_by.all()) == [thanh_sen]
    assert Lineage.objects.filter(share__isnull=False).count() == 0  # the file gives no share: "part of"


def test_a_split_commune_has_each_of_its_successors(both_periods):
    lineage_import(path_or_file=MERGE)

    ky_loi = Commune.objects.by_code_on("18796", LAST_OLD_DAY)
    dai_nai = Commune.objects.by_code_on("18082", LAST_OLD_DAY)

    assert sorted(ky_loi.succeeded_by.values_list("name", flat=True)) == [
        "Phường Hoành Sơn",
        "Phường Sông Trí",
        "Phường Vũng Áng",
    ]
    assert sorted(dai_nai.succeeded_by.values_list("code", flat=True)) == ["18073", "18652"]


def test_importing_the_lineage_again_changes_nothing(both_periods):
    lineage_import(path_or_file=MERGE)
    before = list(Lineage.objects.order_by("pk").values_list("pk", "successor", "predecessor", "share"))

    report = lineage_import(path_or_file=MERGE)

    assert (report.created, report.updated, report.removed, report.unchanged) == (0, 0, 0, 212)
    assert list(Lineage.objects.order_by("pk").values_list("pk", "successor", "predecessor", "share")) == before


def test_a_share_is_recorded_where_the_file_gives_one(both_periods, tmp_path):
    rows = [
        ["18823", "Phường Vũng Áng", "18796", "Xã Kỳ Lợi", "449", "Thị xã Kỳ Anh", "60"],
        ["18754", "Phường Sông Trí", "18796", "Xã Kỳ Lợi", "449", "Thị xã Kỳ Anh", "25,5"],
        ["18832", "Phường Hoành Sơn", "18796", "Xã Kỳ Lợi", "449", "Thị xã Kỳ Anh", ""],
    ]
    lineage_import(path_or_file=write_csv(tmp_path / "shares.csv", rows, [*HEADER, "share"]))

    shares = dict(Lineage.objects.values_list("successor__code", "share"))
    assert shares["18823"] == 60 and str(shares["18754"]) == "25.50" and shares["18832"] is None


def test_a_bad_line_names_its_row_and_column_and_nothing_is_written(both_periods, tmp_path):
    rows = [
        ["18073", "Phường Thành Sen", "18073", "Phường Nam Hà", "436", "Thành phố Hà Tĩnh"],
        ["18073", "Phường Thành Sen", "18077", "Phường Bắc Hà Sai", "436", "Thành phố Hà Tĩnh"],
        ["99999", "Xã Không Có", "18079", "Phường Tân Giang", "436", "Thành phố Hà Tĩnh"],
    ]
    err = io.StringIO()

    with pytest.raises(CommandError), translation.override("en"):  # the messages in English, whatever the default
        call_command("import_lineage", str(write_csv(tmp_path / "bad.csv", rows)), stderr=err)

    text = err.getvalue()
    assert 'Row 3, column "old_name"' in text and "Phường Bắc Hà" in text
    assert 'Row 4, column "new_code"' in text and "99999" in text and "2025-07-01" in text
    assert Lineage.objects.count() == 0


def test_a_former_code_is_read_before_the_reform_and_a_new_code_after(both_periods, tmp_path):
    # 18073 is Nam Hà until 30/6/2025 and Thành Sen from 1/7: as a former commune it is Nam Hà, never Thành Sen.
    rows = [["18100", "Phường Trần Phú", "18073", "Phường Thành Sen", "", ""]]

    with pytest.raises(Exception) as excinfo:
        lineage_import(path_or_file=write_csv(tmp_path / "mixed.csv", rows))

    [error] = excinfo.value.errors
    assert (error.row, error.column) == (2, "old_name") and "Phường Nam Hà" in str(error)


def test_the_command_without_a_file_imports_the_ha_tinh_lineage(both_periods):
    out = io.StringIO()

    call_command("import_lineage", stdout=out)

    assert Lineage.objects.count() == 212 and "212" in out.getvalue()
