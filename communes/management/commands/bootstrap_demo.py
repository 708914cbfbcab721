from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from communes.demo import DEMO_PASSWORD, DEMO_USERS
from communes.lineage import reform_date
from communes.models import Assessment, Commune, Lineage


class Command(BaseCommand):
    help = (
        "`make run`: load criteria (always, idempotent); divisions and demo data on the first run only; "
        "then Hà Tĩnh after the reform of 1/7/2025 (the new list and which old communes formed each new one)."
    )

    def handle(self, *args, **options) -> None:
        call_command("load_criteria", stdout=self.stdout)
        if not Commune.objects.exists():
            call_command("import_divisions", stdout=self.stdout)
        if not Assessment.objects.exists():
            call_command("seed_demo", stdout=self.stdout)  # 2011-2015: seeded on the units of that time
        if not Commune.objects.filter(valid_from=reform_date()).exists():
            call_command(
                "import_divisions",
                str(settings.NTM_DIVISIONS_REFORM_FILE),
                valid_from=reform_date(),
                stdout=self.stdout,
            )
        if not Lineage.objects.exists():
            call_command("import_lineage", stdout=self.stdout)
        self.stdout.write("\nNTM Tracker: http://127.0.0.1:8000/  (admin: /admin/)")
        self.stdout.write(f"Demo logins, password {DEMO_PASSWORD}:")
        for username, role, district in ((u, r, d) for u, r, d, _name in DEMO_USERS):
            self.stdout.write(f"  {username:14} {role:11} {district or ''}")
