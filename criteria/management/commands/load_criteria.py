import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from criteria.loader import criteria_load


class Command(BaseCommand):
    help = "Load every criteria set from the project's fixture (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--fixture", default=str(settings.NTM_CRITERIA_FIXTURE))

    def handle(self, *args, fixture: str, **options) -> None:
        data = json.loads(Path(fixture).read_text(encoding="utf-8"))
        report = criteria_load(data)
        self.stdout.write(
            f"Criteria sets: {', '.join(report.sets)}. "
            f"Created {report.created}, updated {report.updated}, unchanged {report.unchanged}."
        )
