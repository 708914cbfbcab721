from django.core.management import call_command
from django.core.management.base import BaseCommand

from communes.demo import DEMO_PASSWORD, DEMO_USERS
from communes.models import Assessment, Commune


class Command(BaseCommand):
    help = "`make run`: load criteria (always, idempotent); divisions and demo data on the first run only."

    def handle(self, *args, **options) -> None:
        call_command("load_criteria", stdout=self.stdout)
        if not Commune.objects.exists():
            call_command("import_divisions", stdout=self.stdout)
        if not Assessment.objects.exists():
            call_command("seed_demo", stdout=self.stdout)
        self.stdout.write("\nNTM Tracker: http://127.0.0.1:8000/  (admin: /admin/)")
        self.stdout.write(f"Demo logins, password {DEMO_PASSWORD}:")
        for username, role, district, _name in DEMO_USERS:
            self.stdout.write(f"  {username:14} {role:11} {district or ''}")
