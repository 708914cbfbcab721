from django.core.management.base import BaseCommand, CommandError

from communes.summary import scores_rebuild
from ntm.lib.progress import ProgressBarMixin
from provinces.models import Province


class Command(ProgressBarMixin, BaseCommand):
    help = (
        "Recompute the score summary (criteria met per commune and year) from the stored values and today's rules. "
        "Locked years keep the result they were judged with. Safe to run at any time."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--province", help="GSO code of one province (default: every province)")
        parser.add_argument("--year", type=int, action="append", dest="years", help="one year (repeatable)")

    def handle(self, *args, province: str | None, years: list[int] | None, **options) -> None:
        target = None
        if province:
            target = Province.objects.current().filter(code=province).first()
            if target is None:
                raise CommandError(f"Province {province} is not loaded.")
        written = scores_rebuild(province=target, years=years, progress=self._progress)
        self._end_bar()
        self.stdout.write(f"Score summary rebuilt: {written} rows written.")
