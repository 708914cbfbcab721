import getpass
import sys

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Role
from accounts.services import user_create
from communes.models import District


class Command(BaseCommand):
    help = "Create (or update) a user with a role: office, district (with --district CODE) or leadership."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument(
            "--district",
            help="GSO code of the district (district officers before 1/7/2025; after it, communes are assigned in "
            "the admin)",
        )
        parser.add_argument("--password", help="Asked for interactively when omitted")
        parser.add_argument("--name", default="", help="Full name")

    def handle(self, *args, username: str, role: str, district: str | None, password: str | None, name: str, **opts):
        if role != Role.DISTRICT and district:
            raise CommandError("--district is only for district officers.")
        district_obj = None
        if district:
            district_obj = District.objects.current().filter(code=district).first()
            if district_obj is None:
                raise CommandError(f"No current district has code {district}.")
        if password is None:
            if not sys.stdin.isatty():
                raise CommandError("No terminal to ask for the password: pass --password, or run this in a terminal.")
            password = getpass.getpass("Password: ")
        user_model = get_user_model()
        first, _, last = name.rpartition(" ")
        candidate = user_model.objects.filter(username=username).first() or user_model(username=username)
        candidate.first_name, candidate.last_name = first, last
        try:
            password_validation.validate_password(password, user=candidate)  # not like the user name or name
            user_create(username=username, password=password, role=role, district=district_obj, full_name=name)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(f"User {username} ({role}) is ready.")
