"""Workbooks of production and resources: each list's export (the rows the page's filters select, all pages)
and the summary workbook's sheets for production models, enterprises, OCOP, capital and trainings.

The lists come from the apps' own `*_listing(params)` functions and the summary sheets from their dashboard
selectors, so a workbook and its page cannot disagree.
"""

import datetime
from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from capital.filters import lines_listing
from capital.models import Category
from capital.selectors import capital_report
from ntm.lib.numbers import shown
from ocop.filters import products_listing
from ocop.models import Level as OcopLevel
from ocop.selectors import ocop_board, product_status
from production.filters import enterprises_listing, models_listing
from production.rules import SIZES
from production.selectors import enterprise_board, production_board
from provinces.selectors import default_province
from trainings.filters import trainings_listing
from trainings.selectors import trainings_board

from .writer import DATE, DECIMAL, INTEGER, SHARE, TEXT, Column, SheetSpec, workbook_bytes


def _size_label(size: str | None) -> str:
    labels = {"large": _("large"), "medium": _("medium"), "small": _("small")}
    return labels.get(size, "")


def _exported() -> list[tuple[str, object]]:
    province = default_province()
    return [(_("Province"), province.name if province else ""), (_("Exported on"), timezone.localtime())]


# Lists ----------------------------------------------------------------------------------------------------


def production_models_workbook(params) -> bytes:
    listing = models_listing(params)
    columns = [
        Column(_("Name"), 36),
        Column(_("Commune code"), 10, TEXT),
        Column(_("Commune"), 22),
        Column(_("District"), 20),
        Column(_("Owner kind"), 16),
        Column(_("Owner"), 22),
        Column(_("Sector"), 20),
        Column(_("Start year"), 10, TEXT),
        Column(_("Programme support"), 24),
        Column(_("Revenue (million VND)"), 14, DECIMAL),
        Column(_("Profit (million VND)"), 14, DECIMAL),
        Column(_("Jobs"), 10, INTEGER),
        Column(_("Households"), 10, INTEGER),
        Column(_("Size"), 12),
    ]

    def rows() -> Iterator[list[object]]:
        for model in listing["models"].iterator(chunk_size=2000):
            yield [
                model.name,
                model.commune.code,
                model.commune.name,
                model.commune.district.name if model.commune.district else "",
                model.get_owner_kind_display(),
                model.owner_name,
                model.get_sector_display(),
                str(model.start_year),
                (model.support_policy or _("yes")) if model.supported else "",
                model.revenue,
                model.profit,
                model.jobs,
                model.households,
                _size_label(model.size) if model.size else (_("not counted") if model.revenue is not None else ""),
            ]

    sheet = SheetSpec(
        title=_("Production models"),
        heading=_("Production models, figures of %(year)s") % {"year": listing["year"]},
        info=[*_exported(), (_("Year"), listing["year"])],
        columns=columns,
        rows=rows(),
        frozen_columns=1,
    )
    return workbook_bytes([sheet])


def enterprises_workbook(params) -> bytes:
    listing = enterprises_listing(params)
    columns = [
        Column(_("Name"), 36),
        Column(_("Kind"), 16),
        Column(_("Tax code"), 16, TEXT),
        Column(_("Registration number"), 18, TEXT),
        Column(_("Commune code"), 10, TEXT),
        Column(_("Commune"), 22),
        Column(_("District"), 20),
        Column(_("Sector"), 20),
        Column(_("Founded on"), 12, DATE),
        Column(_("Closed on"), 12, DATE),
        Column(_("Members"), 10, INTEGER),
        Column(_("Employees"), 10, INTEGER),
    ]

    def rows() -> Iterator[list[object]]:
        for e in listing["enterprises"].iterator(chunk_size=2000):
            yield [
                e.name,
                e.get_kind_display(),
                e.tax_code,
                e.registration_number,
                e.commune.code,
                e.commune.name,
                e.commune.district.name if e.commune.district else "",
                e.get_sector_display(),
                e.founded_on,
                e.closed_on,
                e.members,
                e.employees,
            ]

    sheet = SheetSpec(
        title=_("Enterprises"),
        heading=_("Enterprises, cooperatives and cooperative groups"),
        info=_exported(),
        columns=columns,
        rows=rows(),
        frozen_columns=1,
    )
    return workbook_bytes([sheet])


def ocop_workbook(params) -> bytes:
    listing = products_listing(params)
    today = listing["today"]
    statuses = {
        "valid": _("valid"),
        "expiring": _("expiring soon"),
        "expired": _("expired"),
        "not_recognised": _("not recognised"),
        None: _("not rated yet"),
    }
    levels = dict(OcopLevel.choices)
    columns = [
        Column(_("Product"), 36),
        Column(_("Owner"), 26),
        Column(_("Commune code"), 10, TEXT),
        Column(_("Commune"), 22),
        Column(_("District"), 20),
        Column(_("Product group"), 24),
        Column(_("Points"), 10, DECIMAL),
        Column(_("Stars"), 8, INTEGER),
        Column(_("Recognised by"), 14),
        Column(_("Recognition date"), 12, DATE),
        Column(_("Expires on"), 12, DATE),
        Column(_("Certificate"), 16),
    ]

    def rows() -> Iterator[list[object]]:
        for p in listing["products"].iterator(chunk_size=2000):
            yield [
                p.name,
                p.owner_display,
                p.commune.code,
                p.commune.name,
                p.commune.district.name if p.commune.district else "",
                p.get_group_display(),
                p.current_total,
                p.current_stars,
                str(levels.get(p.current_level, "")),
                p.current_recognised_on,
                p.current_expires_on,
                statuses[product_status(p, today)],
            ]

    sheet = SheetSpec(
        title=_("OCOP products"),
        heading=_("OCOP products on %(date)s") % {"date": today.strftime("%d/%m/%Y")},
        info=_exported(),
        columns=columns,
        rows=rows(),
        frozen_columns=1,
    )
    return workbook_bytes([sheet])


def capital_lines_workbook(params) -> bytes:
    listing = lines_listing(params)
    columns = [
        Column(_("Year"), 8, TEXT),
        Column(_("Period"), 14),
        Column(_("Kind"), 18),
        Column(_("Level"), 10),
        Column(_("District"), 20),
        Column(_("Commune"), 20),
        Column(_("Implementing unit"), 22),
        Column(_("Source code"), 8, TEXT),
        Column(_("Source"), 34),
        Column(_("Amount (million VND)"), 16, DECIMAL),
        Column(_("In kind"), 8),
    ]

    def rows() -> Iterator[list[object]]:
        for line in listing["lines"].iterator(chunk_size=2000):
            yield [
                str(line.year),
                line.get_period_display(),
                line.get_kind_display(),
                line.get_level_display(),
                line.district.name if line.district else "",
                line.commune.name if line.commune else "",
                line.unit,
                line.source.code,
                line.source.name,
                line.amount,
                _("yes") if line.in_kind else "",
            ]

    sheet = SheetSpec(
        title=_("Capital lines"),
        heading=_("Capital lines"),
        info=_exported(),
        columns=columns,
        rows=rows(),
        frozen_columns=1,
    )
    return workbook_bytes([sheet])


def trainings_workbook(params) -> bytes:
    listing = trainings_listing(params)
    columns = [
        Column(_("From"), 12, DATE),
        Column(_("To"), 12, DATE),
        Column(_("Title"), 40),
        Column(_("Kind"), 18),
        Column(_("Level"), 10),
        Column(_("Organiser"), 24),
        Column(_("Place"), 20),
        Column(_("Topics"), 30),
        Column(_("Districts covered"), 30),
        Column(_("Communes covered"), 30),
        Column(_("Participants"), 12, INTEGER),
        Column(_("Officials"), 10, INTEGER),
        Column(_("Residents"), 10, INTEGER),
        Column(_("Cost (million VND)"), 14, DECIMAL),
        Column(_("Cost paid from"), 18),
    ]

    def rows() -> Iterator[list[object]]:
        for t in listing["trainings"]:
            yield [
                t.starts_on,
                t.ends_on,
                t.title,
                t.get_kind_display(),
                t.get_level_display(),
                t.organiser,
                t.place,
                t.topics,
                ", ".join(d.name for d in t.districts.all()),
                ", ".join(c.name for c in t.communes.all()),
                t.participants,
                t.officials,
                t.residents,
                t.cost,
                t.get_cost_source_display() if t.cost_source else "",
            ]

    sheet = SheetSpec(
        title=_("Trainings and events"),
        heading=_("Trainings, study tours and promotion events"),
        info=_exported(),
        columns=columns,
        rows=rows(),
        frozen_columns=3,
    )
    return workbook_bytes([sheet])


# Summary sheets ---------------------------------------------------------------------------------------------


def resources_summary_sheets(*, year: int, info, province=None) -> list[SheetSpec]:
    """The summary workbook's sheets for production models, enterprises, OCOP, capital and trainings."""
    return [
        *_production_sheets(year, info, province),
        _enterprises_sheet(year, info, province),
        _ocop_sheet(info, province),
        _capital_sheet(year, info),
        _trainings_sheet(year, info),
    ]


def _production_sheets(year: int, info, province) -> list[SheetSpec]:
    board = production_board(year=year, province=province)
    labels = [_size_label(size) for size in SIZES]
    columns = [
        Column(_("District"), 26),
        Column(_("Communes"), 10, INTEGER),
        Column(_("With large, medium and small models"), 16, INTEGER),
        Column(_("Share (%)"), 10, SHARE),
        Column(_("Without a counted model"), 14, INTEGER),
    ]

    def rows() -> Iterator[list[object]]:
        for row in [*board.districts, board.province]:
            name = row.district.name if row.district else _("Whole province")
            yield [name, row.communes, row.with_all_sizes, row.share, row.with_none]

    thresholds = board.thresholds
    extra = []
    if thresholds is not None:
        extra = [
            (_("Target (%)"), thresholds.target_share),
            (
                _("Thresholds (million VND a year)"),
                _("counted from %(floor)s; medium from %(medium)s; large from %(large)s%(flag)s")
                % {
                    "floor": shown(thresholds.counting_floor),
                    "medium": shown(thresholds.medium_from),
                    "large": shown(thresholds.large_from),
                    "flag": "" if thresholds.sizes_verified else _(" (default, not verified)"),
                },
            ),
        ]

    def sector_rows() -> Iterator[list[object]]:
        for row in board.sectors:
            yield [row.label, *[row.sizes[size] for size in SIZES], row.total]
        yield [_("Total"), *[board.totals[size] for size in SIZES], board.counted]
        yield [_("Under the counting floor"), None, None, None, board.under_floor]

    sector_columns = [Column(_("Sector"), 26), *[Column(label, 10, INTEGER) for label in labels]]
    sector_columns.append(Column(_("Total"), 10, INTEGER))
    return [
        SheetSpec(
            title=_("Production models"),
            heading=_("Communes with production models of all three sizes, %(year)s") % {"year": year},
            info=[*info, *extra],
            columns=columns,
            rows=rows(),
            frozen_columns=1,
        ),
        SheetSpec(
            title=_("Models by sector"),
            heading=_("Production models by sector and size, %(year)s") % {"year": year},
            info=[*info, *extra],
            columns=sector_columns,
            rows=sector_rows(),
            frozen_columns=1,
        ),
    ]


def _enterprises_sheet(year: int, info, province) -> SheetSpec:
    board = enterprise_board(year=year, province=province)
    columns = [Column(_("District"), 26), Column(_("Communes"), 10, INTEGER)]
    columns += [Column(str(each), 8, INTEGER) for each in board.years]

    def rows() -> Iterator[list[object]]:
        for row in [*board.districts, board.province]:
            name = row.district.name if row.district else _("Whole province")
            yield [name, row.communes, *[row.without[each] for each in board.years]]

    return SheetSpec(
        title=_("Enterprises"),
        heading=_("Communes without an operating enterprise or cooperative at the end of each year"),
        info=info,
        columns=columns,
        rows=rows(),
        frozen_columns=1,
    )


def _ocop_sheet(info, province) -> SheetSpec:
    today = datetime.date.today()
    board = ocop_board(today=today, province=province)
    columns = [
        Column(_("District"), 26),
        Column("5 ★", 8, INTEGER),
        Column("4 ★", 8, INTEGER),
        Column("3 ★", 8, INTEGER),
        Column(_("Valid"), 8, INTEGER),
        Column(_("Expiring within 90 days"), 12, INTEGER),
        Column(_("Expired"), 10, INTEGER),
        Column(_("Not recognised"), 12, INTEGER),
    ]

    def rows() -> Iterator[list[object]]:
        for row in [*board.districts, board.province]:
            if row is board.province:
                name = _("Whole province")
            else:
                name = row.district.name if row.district else _("No district")
            stars = [row.stars[5], row.stars[4], row.stars[3]]
            yield [name, *stars, row.valid, row.expiring, row.expired, row.not_recognised]

    return SheetSpec(
        title=_("OCOP"),
        heading=_("OCOP products by stars and district on %(date)s") % {"date": today.strftime("%d/%m/%Y")},
        info=info,
        columns=columns,
        rows=rows(),
        frozen_columns=1,
    )


def _capital_sheet(year: int, info) -> SheetSpec:
    report = capital_report(year=year)
    categories = list(Category.choices)
    columns = [Column(_("Year"), 12, TEXT)]
    columns += [Column(str(label), 14, DECIMAL) for _value, label in categories]
    columns += [
        Column(_("Total"), 14, DECIMAL),
        Column(_("Credit share (%)"), 10, SHARE),
        Column(_("Total without credit"), 14, DECIMAL),
        Column(_("Budget share (%)"), 10, SHARE),
        Column(_("Budget share without credit (%)"), 12, SHARE),
        Column(_("Disbursement rate (%)"), 12, SHARE),
    ]

    def line(label: str, totals) -> list[object]:
        return [
            label,
            *[totals.by_category[value] for value, _label in categories],
            totals.total,
            totals.credit_share,
            totals.without_credit,
            totals.budget_share,
            totals.budget_share_without_credit,
            totals.disbursement_rate,
        ]

    def rows() -> Iterator[list[object]]:
        for each, totals in report.years:
            yield line(str(each), totals)
        yield line(f"{report.first_year}-{report.year}", report.cumulated)

    return SheetSpec(
        title=_("Capital"),
        heading=_("Capital mobilised by source (million VND), per year and cumulated to %(year)s") % {"year": year},
        info=info,
        columns=columns,
        rows=rows(),
        frozen_columns=1,
    )


def _trainings_sheet(year: int, info) -> SheetSpec:
    board = trainings_board(year=year)
    columns = [
        Column(_("Level or district"), 26),
        Column(_("Courses %(year)s") % {"year": year}, 10, INTEGER),
        Column(_("Events %(year)s") % {"year": year}, 10, INTEGER),
        Column(_("Participants %(year)s") % {"year": year}, 12, INTEGER),
        Column(_("Courses, cumulated"), 10, INTEGER),
        Column(_("Events, cumulated"), 10, INTEGER),
        Column(_("Participants, cumulated"), 12, INTEGER),
    ]

    def line(label: str, row) -> list[object]:
        return [
            label,
            row.year.courses,
            row.year.events,
            row.year.participants,
            row.cumulated.courses,
            row.cumulated.events,
            row.cumulated.participants,
        ]

    def rows() -> Iterator[list[object]]:
        for row in board.levels:
            yield line(row.label, row)
        yield line(_("Whole province"), board.total)
        yield []
        for row in board.districts:
            yield line(row.district.name if row.district else _("Province-wide"), row)

    return SheetSpec(
        title=_("Trainings"),
        heading=_("Trainings and events, %(year)s and cumulated since %(first)s")
        % {"year": year, "first": board.first_year},
        info=info,
        columns=columns,
        rows=rows(),
        frozen_columns=1,
    )
