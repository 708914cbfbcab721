from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.services import user_create
from communes.demo import DEMO_PASSWORD, DEMO_USERS, YEARS, demo_seed
from communes.models import District
from provinces.models import Province


class Command(BaseCommand):
    help = "Deterministic demo progress for Hà Tĩnh 2011-2015 and one demo user per role."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--province", default=settings.NTM_DEFAULT_PROVINCE)

    def handle(self, *args, province: str, **options) -> None:
        target = Province.objects.in_year(YEARS[-1]).filter(code=province).first()
        if target is None:
            raise CommandError(f"Province {province} is not loaded: run `python manage.py import_divisions` first.")
        created_logins = []
        users = {}
        user_model = get_user_model()
        for username, role, district_code, full_name in DEMO_USERS:
            district = District.objects.in_year(YEARS[-1]).get(code=district_code) if district_code else None
            existed = user_model.objects.filter(username=username).exists()
            users[role] = user_create(
                username=username, password=DEMO_PASSWORD, role=role, district=district, full_name=full_name
            )
            if not existed:
                created_logins.append((username, role, district))
        averages = demo_seed(province=target, entered_by=users["office"])
        for year, average in averages.items():
            self.stdout.write(f"{year}: {average:.1f} criteria per commune on average")
        # Apps above communes add their own demo data: an AppConfig with `seed_demo(province, users, stdout)`.
        for app_config in apps.get_app_configs():
            seeder = getattr(app_config, "seed_demo", None)
            if seeder is not None:
                seeder(province=target, users=users, stdout=self.stdout)
        if created_logins:
            self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
            for username, role, district in created_logins:
                self.stdout.write(f"  {username:14} {role:11} {district or ''}")
