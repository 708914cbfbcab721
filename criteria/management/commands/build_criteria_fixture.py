import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from criteria.fixture_builder import build_fixture


class Command(BaseCommand):
    help = "Rebuild criteria/fixtures/criteria_sets.json from the research files in shared/domain."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--source", default=str(settings.BASE_DIR.parent / "shared" / "domain"))
        parser.add_argument("--output", default=str(settings.NTM_CRITERIA_FIXTURE))

    def handle(self, *args, source: str, output: str, **options) -> None:
        folder = Path(source)
        sets = json.loads((folder / "criteria_sets.json").read_text(encoding="utf-8"))
        set_2026 = json.loads((folder / "criteria_set_2026.json").read_text(encoding="utf-8"))
        readings = folder / "verification_2026_11_30.json"
        verification = json.loads(readings.read_text(encoding="utf-8")) if readings.exists() else None
        fixture = build_fixture(sets, set_2026, verification)
        Path(output).write_text(json.dumps(fixture, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        self.stdout.write(f"{len(fixture['sets'])} sets written to {output}")
