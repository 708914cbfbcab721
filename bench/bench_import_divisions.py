"""Time the GSO divisions import on a 10,000-row country list (PostgreSQL).

DJANGO_SETTINGS_MODULE=ntm.settings.test DATABASE_URL=postgres://localhost/ntm_bench \
    .venv/bin/python bench/bench_import_divisions.py
"""

import csv
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ntm.settings.test")

import django  # noqa: E402
from benchdb import ensure_database  # noqa: E402

HEADER = ["Tỉnh / Thành Phố", "Mã TP", "Quận Huyện", "Mã QH", "Phường Xã", "Mã PX", "Cấp"]
SYLLABLES = "An Bình Cẩm Đức Giang Hà Hòa Hưng Kỳ Lâm Long Minh Nam Phú Quang Sơn Tân Thạch Trung Xuân".split()
ROWS = 10_000


def name(number: int) -> str:
    return f"{SYLLABLES[number % len(SYLLABLES)]} {SYLLABLES[number // len(SYLLABLES) % len(SYLLABLES)]}"


def write_country(path: Path) -> None:
    """63 provinces x 11 districts, 14 or 15 communes each: ROWS rows."""
    districts = [(province, district) for province in range(1, 64) for district in range(11)]
    number = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for index, (province, district) in enumerate(districts):
            kind = "Thành phố " if district == 0 else "Huyện "
            for place in range(14 + (index < ROWS - 14 * len(districts))):
                level = "Phường" if district == 0 else "Thị trấn" if place == 0 else "Xã"
                number += 1
                writer.writerow(
                    [f"Tỉnh {name(province)}", f"{province:02d}", kind + name(index), f"{province * 11 + district:03d}"]
                    + [f"{level} {name(number)}", f"{number:05d}", level]
                )


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    ensure_database()
    django.setup()
    from django.core.management import call_command

    from communes.divisions import divisions_import
    from communes.models import Commune, District
    from provinces.models import Province

    call_command("migrate", verbosity=0)
    for model in (Commune, District, Province):  # a fresh start; the bench database holds nothing else
        model.objects.all().delete()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "country.csv"
        write_country(path)
        parse = timed(lambda: list(csv.reader(path.read_text(encoding="utf-8").splitlines())))
        first = timed(lambda: divisions_import(path_or_file=path))
        again = timed(lambda: divisions_import(path_or_file=path))
    assert Commune.objects.count() == ROWS
    print(f"csv.reader baseline: {parse * 1000:7.1f} ms")
    for label, seconds in (("first import", first), ("re-import", again)):
        rate = ROWS / seconds
        print(f"{label + ':':20} {seconds * 1000:7.1f} ms  {rate:9,.0f} rows/s  {seconds / parse:5.0f}x the parse")


if __name__ == "__main__":
    main()
