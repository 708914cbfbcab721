from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from communes.backtest import forecast_backtest
from provinces.models import Province


class Command(BaseCommand):
    help = "Forecast a past year from the years before it and report how often the forecast was right."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--as-of", type=int, default=2013, help="last year of values used (default 2013)")
        parser.add_argument("--target", type=int, default=2015, help="year forecast and checked (default 2015)")
        parser.add_argument("--province", default=settings.NTM_DEFAULT_PROVINCE, help="province code")

    def handle(self, *args, as_of: int, target: int, province: str, **options) -> None:
        found = Province.objects.filter(code=province).first()
        if found is None:
            raise CommandError(f"Unknown province code {province!r}.")
        if target <= as_of:
            raise CommandError("--target must come after --as-of.")
        report = forecast_backtest(province=found, as_of=as_of, target_year=target)
        self.stdout.write(f"Forecast of {target} from the values up to {as_of}, {found.name}:")
        self.stdout.write(
            f"  communes: {report.communes}; right {report.right} ({report.share_right} %) "
            "(on track = met every criterion)"
        )
        for (outlook, met), count in sorted(report.outcomes.items()):
            self.stdout.write(f"    {outlook:10} {'met all' if met else 'short':8} {count}")
        self.stdout.write(
            f"  criteria: {report.criteria} commune-criterion pairs; right {report.criteria_right} "
            f"({report.criteria_share_right} %); latest value only: {report.criteria_right_today} "
            f"({report.criteria_share_right_today} %)"
        )
