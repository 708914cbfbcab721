from django.core.management.base import BaseCommand, CommandError

from communes.benchdata import LAST_YEAR, bench_seed
from ntm.lib.progress import ProgressBarMixin


class Command(ProgressBarMixin, BaseCommand):
    help = (
        "Build the national benchmark data set on an empty PostgreSQL database: communes in districts and provinces "
        f"(or the first N of a GSO list), values for the last YEARS years up to {LAST_YEAR}, the summary."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--communes", type=int, default=10_000)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--divisions", help="a national GSO list (.csv or .xlsx) to take the communes from")
        parser.add_argument("--seed", type=int, default=2014)

    def handle(self, *args, communes: int, years: int, divisions: str | None, seed: int, **options) -> None:
        if communes < 1 or not 1 <= years <= 20:
            raise CommandError("--communes must be at least 1 and --years between 1 and 20.")

        def progress(stage: str, done: int, total: int) -> None:
            self._progress(done, total)
            if done >= total:
                self._end_bar()

        try:
            report = bench_seed(communes=communes, years=years, divisions=divisions, seed=seed, progress=progress)
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{report.provinces} provinces, {report.districts} districts, {report.communes} communes; "
            f"{report.assessments} values; {report.summary_rows} summary rows."
        )
