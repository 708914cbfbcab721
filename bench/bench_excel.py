"""Time the indicator-matrix export and the template import on 10,000 communes (PostgreSQL).

Each time is printed next to what openpyxl alone needs for the same workbook: writing the same cells
(the same values, and again with the same styles) in write-only mode, and reading every row of the
file in read-only mode. Times are the best of --repeat runs; peak memory is measured in a separate,
untimed run with tracemalloc (Python allocations, openpyxl's included).

DATABASE_URL=postgres://localhost/ntm_bench_excel .venv/bin/python bench/bench_excel.py [--communes 10000] [--repeat 3]

The database named in DATABASE_URL (default ntm_bench_excel) is created when missing and its tables
are emptied: give it a database of its own.
"""

import argparse
import datetime
import io
import os
import platform
import random
import resource
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ntm.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://localhost/ntm_bench_excel")

import django  # noqa: E402
from benchdb import ensure_database  # noqa: E402
from django.conf import settings  # noqa: E402

YEAR = 2014
CRITERIA = 19
KINDS = ("boolean", "percentage", "money_per_capita", "number")


def empty_tables() -> None:
    from django.db import connection

    from communes.models import Commune, District
    from criteria.models import CriteriaSet
    from provinces.models import Province, Region

    tables = [model._meta.db_table for model in (Commune, District, Province, Region, CriteriaSet)]
    history = [name for name in connection.introspection.table_names() if name.startswith("communes_historical")]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables + history)} CASCADE")


def build_province(communes: int):
    """One province of `communes` communes in districts of 100, one set of 39 indicators over 19 criteria."""
    from communes.models import Commune, District
    from criteria.models import Band, CriteriaSet, Criterion, Indicator, Target
    from provinces.models import Province, Region

    region = Region.objects.create(code="BTB", name="Bắc Trung Bộ")
    province = Province.objects.create(code=settings.NTM_DEFAULT_PROVINCE, name="Tỉnh Thử", region=region)
    criteria_set = CriteriaSet.objects.create(
        code="BENCH", title="Bộ tiêu chí thử", decision_number="342/QĐ-TTg", year_from=2013, year_to=2015
    )
    indicators = []
    for number in range(1, CRITERIA + 1):
        criterion = Criterion.objects.create(criteria_set=criteria_set, number=number, name=f"Tiêu chí {number}")
        for order in range(1, 4 if number == CRITERIA else 3):
            kind = KINDS[len(indicators) % len(KINDS)]
            indicator = Indicator.objects.create(
                criterion=criterion, code=f"{number}.{order}", text=f"Chỉ tiêu {number}.{order}", kind=kind, order=order
            )
            value = {"boolean": 1, "percentage": 70, "money_per_capita": 17, "number": 10}[kind]
            Target.objects.create(indicator=indicator, target_class="BTB", value=Decimal(value))
            indicators.append(indicator)
    for label, low, high in [("19", 19, 19), ("15-18", 15, 18), ("10-14", 10, 14), ("5-9", 5, 9), ("0-4", 0, 4)]:
        Band.objects.create(criteria_set=criteria_set, label=label, min_met=low, max_met=high)
    districts = [
        District(code=f"{d:03d}", name=f"Huyện Thử {d}", province=province) for d in range((communes + 99) // 100)
    ]
    for district in districts:
        district.refresh_name_columns()
    District.objects.bulk_create(districts)
    places = []
    for n in range(communes):
        place = Commune(code=f"{n:05d}", name=f"Xã Thử {n}", province=province, district=districts[n // 100])
        place.refresh_name_columns()
        places.append(place)
    Commune.objects.bulk_create(places, batch_size=2000)
    return criteria_set, indicators


def seed_values(indicators, seed: int = 2014) -> None:
    """A value for 97 % of the cells, written with COPY (this is set-up, not measured)."""
    from django.db import connection

    from communes.models import Assessment, Commune
    from criteria import rules

    rng = random.Random(seed)
    targets = {"boolean": 1, "percentage": 70, "money_per_capita": 17, "number": 10}
    lines = []
    now = datetime.datetime.now(datetime.UTC).isoformat()
    for commune_id in Commune.objects.order_by("pk").values_list("pk", flat=True):
        for indicator in indicators:
            if rng.random() < 0.03:
                continue
            kind = indicator.kind
            if kind == "boolean":
                value, columns = rng.random() < 0.7, None
                columns = ("t" if value else "f", r"\N", r"\N")
            elif kind == "percentage":
                value = Decimal(rng.randint(0, 10000)) / 100
                columns = (r"\N", str(value), r"\N")
            else:
                value = Decimal(rng.randint(0, 30000)) / 1000
                columns = (r"\N", r"\N", str(value))
            meets = rules.meets(kind, indicator.comparator, targets[kind], value)
            flag = "t" if meets else "f"
            lines.append(f"{commune_id}\t{indicator.pk}\t{YEAR}\t" + "\t".join(columns) + f"\t{flag}\t\t{now}")
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {Assessment._meta.db_table}")
        cursor.copy_expert(
            f"COPY {Assessment._meta.db_table} (commune_id, indicator_id, year, yes_no, percent, amount, meets, note, "
            "entered_at) FROM STDIN",
            io.StringIO("\n".join(lines) + "\n"),
        )


def change_tenth(indicators) -> None:
    """Change one stored value in ten, so that importing the file puts them back."""
    from django.db import connection

    from communes.models import Assessment

    table = Assessment._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET yes_no = NOT yes_no, percent = 100 - percent, amount = amount + 1 WHERE id % 10 = 0"
        )


def empty_values() -> None:
    from django.db import connection

    from communes.models import Assessment

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {Assessment._meta.db_table}")


# openpyxl alone ---------------------------------------------------------------------------------------------


def openpyxl_write(rows, styled: bool) -> bytes:
    """The same cells written by openpyxl alone (write-only); with `styled`, the same fills and formats too."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import PatternFill

    from excel.writer import FILLS, StatusRow

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Matrix")
    if not styled:
        for row in rows:
            sheet.append(row.values if type(row) is StatusRow else row)
    else:
        arrays = {}
        for status, colour in FILLS.items():
            cell = WriteOnlyCell(sheet)
            cell.fill = PatternFill("solid", fgColor=colour)
            cell.number_format = "0.00"
            arrays[status] = cell._style
        for row in rows:
            cells = []
            for value, status in zip(row.values, row.statuses, strict=False):
                cell = WriteOnlyCell(sheet, value)
                if status is not None:
                    cell._style = arrays[status]
                cells.append(cell)
            sheet.append(cells + row.values[len(row.statuses) :])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def openpyxl_read(data: bytes) -> int:
    """Every row of every sheet read by openpyxl alone (read-only, saved values)."""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    count = sum(1 for sheet in workbook.worksheets for _row in sheet.iter_rows(values_only=True))
    workbook.close()
    return count


# Measuring --------------------------------------------------------------------------------------------------


def best_of_turns(repeat: int, actions: dict[str, tuple]) -> dict[str, tuple[float, object]]:
    """The best time of each action (name -> (action, set-up or None)) over `repeat` rounds.

    The actions run in turns, round after round, so that a machine that gets busier or quieter
    during the run slows ours and openpyxl alone alike.
    """
    best: dict[str, tuple[float, object]] = {}
    for _ in range(repeat):
        for name, (action, before) in actions.items():
            if before is not None:
                before()
            start = time.perf_counter()
            result = action()
            seconds = time.perf_counter() - start
            if name not in best or seconds < best[name][0]:
                best[name] = (seconds, result)
    return best


def peak_mb(action, before=None) -> float:
    if before is not None:
        before()
    tracemalloc.start()
    action()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-memory", action="store_true", help="skip the (slow) tracemalloc runs")
    options = parser.parse_args()
    if "bench" not in settings.DATABASES["default"]["NAME"]:
        sys.exit(f"{settings.DATABASES['default']['NAME']}: refusing to empty a database whose name lacks 'bench'")
    ensure_database()
    django.setup()
    import openpyxl
    from django.core.management import call_command

    from communes.models import Assessment
    from excel.exports import matrix_workbook
    from excel.importer import import_apply, import_plan
    from excel.layout import grid_for, grid_rows
    from excel.template import template_workbook

    call_command("migrate", verbosity=0)
    empty_tables()
    _criteria_set, indicators = build_province(options.communes)
    seed_values(indicators)
    cells = Assessment.objects.filter(year=YEAR).count()

    # Export: the province matrix, against openpyxl alone writing the same cells.
    def export():
        return matrix_workbook(grid_for(year=YEAR))

    rows = list(grid_rows(grid_for(year=YEAR), results=True))
    times = best_of_turns(
        options.repeat,
        {
            "export": (export, None),
            "styled": (lambda: openpyxl_write(rows, styled=True), None),
            "plain": (lambda: openpyxl_write(rows, styled=False), None),
        },
    )

    # Import: the filled template of the province, against openpyxl alone reading it.
    template = template_workbook(grid_for(year=YEAR))

    def run_import(apply: bool):
        plan = import_plan(data=template, name="province.xlsx", year=YEAR)
        assert plan.ok, plan.error_lines()[:5]
        return import_apply(plan, user=None) if apply else plan

    times |= best_of_turns(
        options.repeat,
        {
            "read": (lambda: openpyxl_read(template), None),
            "check": (lambda: run_import(False), None),
            "tenth": (lambda: run_import(True), lambda: change_tenth(indicators)),
            "first": (lambda: run_import(True), empty_values),
        },
    )
    (export_s, matrix), (styled_s, _), (plain_s, _) = times["export"], times["styled"], times["plain"]
    (read_s, _), (check_s, plan) = times["read"], times["check"]
    (tenth_s, tenth), (first_s, first) = times["tenth"], times["first"]
    assert plan.changes == [] and plan.rows == options.communes
    stored_rows = Assessment.objects.filter(year=YEAR).count()
    assert first.created == cells and stored_rows == cells, (first, cells, stored_rows)

    memory = {}
    if not options.no_memory:
        memory["export"] = peak_mb(export)
        memory["write"] = peak_mb(lambda: openpyxl_write(rows, styled=True))
        memory["read"] = peak_mb(lambda: openpyxl_read(template))
        memory["check"] = peak_mb(lambda: run_import(False))
        memory["tenth"] = peak_mb(lambda: run_import(True), before=lambda: change_tenth(indicators))
        memory["first"] = peak_mb(lambda: run_import(True), before=empty_values)

    def mb(key: str) -> str:
        return f"{memory[key]:6.0f} MB" if key in memory else "     —"

    def line(label, seconds, base, base_label, target, key, base_key):
        ratio = seconds / base
        mark = "" if target is None else ("  ok" if ratio <= target else "  MISSED")
        target_text = f"{target:.1f}x" if target else "    "
        print(
            f"{label:34} {seconds:6.2f} s  {base_label:17} {base:6.2f} s  {ratio:5.2f}x  {target_text}{mark:8}"
            f"  {mb(key)}  {mb(base_key) if base_key else ''}"
        )

    width = 118
    print("=" * width)
    print(
        f"NTM Tracker Excel benchmark: {options.communes:,} communes x {len(indicators)} indicators "
        f"({cells:,} stored values), best of {options.repeat}"
    )
    print(
        f"PostgreSQL, Python {platform.python_version()}, openpyxl {openpyxl.__version__} "
        f"({'lxml' if openpyxl.LXML else 'no lxml'}), {os.cpu_count()} CPUs; "
        f"matrix {len(matrix) / 1024 / 1024:.1f} MB, template {len(template) / 1024 / 1024:.1f} MB"
    )
    print("-" * width)
    header = f"{'':34} {'ours':>8}  {'openpyxl alone':17} {'':>8}  {'ratio':>6} {'target':8}"
    print(f"{header}  {'peak (ours, openpyxl)':>22}")
    line("export: province matrix", export_s, styled_s, "write, styled", 1.5, "export", "write")
    line("", export_s, plain_s, "write, values", None, "export", None)
    line("import: check, nothing to change", check_s, read_s, "read", 2.0, "check", "read")
    line(f"import: {tenth.total:,} values changed", tenth_s, read_s, "read", 2.0, "tenth", "read")
    line(f"import: first, {first.created:,} created", first_s, read_s, "read", 2.0, "first", "read")
    print("-" * width)
    print(f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print("=" * width)


if __name__ == "__main__":
    main()
