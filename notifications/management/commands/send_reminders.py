import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notifications.reminders import reminders_send


class Command(BaseCommand):
    help = "Send the reminders that are due (deadlines passed, certificates expiring); safe to run often."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--today", help="the day to check for, dd/mm/yyyy or yyyy-mm-dd (default: today)")

    def handle(self, *args, today: str | None, **options) -> None:
        day = timezone.localdate()
        if today:
            for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
                try:
                    day = datetime.datetime.strptime(today, pattern).date()
                    break
                except ValueError:
                    continue
            else:
                raise CommandError(f"--today {today!r} is not a date (dd/mm/yyyy).")
        for name, count in reminders_send(today=day).items():
            self.stdout.write(f"{name}: {count}")
