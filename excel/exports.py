"""The workbooks people download: the indicator matrix and the provincial summary.

Each function gathers its figures with the same selectors as the pages (so a workbook and its page
cannot disagree), turns them into `SheetSpec` row generators and hands them to `writer.workbook_bytes`.
The summary also carries the production, enterprise, OCOP, capital and training sheets (`resources.py`).
"""

from collections.abc import Callable, Iterable, Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from communes.models import Commune, District
from communes.selectors import assessment_years
from dashboard.selectors import Dashboard, Figures, dashboard_build
from ntm.lib.filenames import words
from provinces.selectors import default_province

from .layout import Grid, codes_sheet, grid_columns, grid_for, grid_header_rows, grid_info, grid_rows
from .operations import summary_plan_sheet
from .resources import resources_summary_sheets
from .writer import DATE, INTEGER, TEXT, Column, SheetSpec, workbook_bytes

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 200  # communes between two progress reports


def _counted(rows: Iterable, total: int, progress: Progress | None) -> Iterator:
    """`rows` as they are, calling `progress(done, total)` every PROGRESS_EVERY rows and at the end."""
    done = 0
    for row in rows:
        yield row
        done += 1
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, total)
    if progress is not None:
        progress(total, total)


def matrix_workbook(grid: Grid, progress: Progress | None = None) -> bytes:
    """The commune x indicator matrix of a district or of the province: values coloured met / not met.

    `progress(done, total)` is told the communes written (a background job's progress bar).
    """
    place = grid.district.name if grid.district else (grid.province.name if grid.province else "")
    extra_rows, merges = grid_header_rows(grid, results=True)
    data = SheetSpec(
        title=_("Matrix"),
        heading=_("Communes and indicators, %(place)s, %(year)s") % {"place": place, "year": grid.year},
        info=grid_info(grid),
        extra_header_rows=extra_rows,
        merges=merges,
        columns=grid_columns(grid, results=True),
        rows=_counted(grid_rows(grid, results=True), len(grid.communes), progress),
        frozen_columns=2,
        row_count=len(grid.communes),
    )
    return workbook_bytes([data, codes_sheet(grid, data)])


def matrix_filename(grid: Grid) -> str:
    """'ma-tran-huyen-duc-tho-2014.xlsx': what the file holds, in words (`ntm.lib.filenames.words`)."""
    place = grid.district.name if grid.district else (grid.province.name if grid.province else "")
    return f"{words('ma tran', place, grid.year)}.xlsx"


def summary_workbook(*, year: int, progress: Progress | None = None) -> bytes | None:
    """The provincial summary: one sheet per report table; None when no criteria set applies to the year.

    `progress(done, total)` counts the steps: the figures, then the sheets.
    """
    if progress is not None:
        progress(0, 3)
    board = dashboard_build(year=year, years=assessment_years())
    if board.scores.criteria_set is None:
        return None
    province = board.province
    info = [
        (_("Province"), province.name if province else ""),
        (_("Year"), year),
        (_("Criteria set"), f"{board.scores.criteria_set} · {board.scores.criteria_set.code}"),
        (_("Exported on"), timezone.localtime()),
    ]
    sheets = [_bands_sheet(board, info), _criteria_sheet(board, info), _recognition_sheet(board, info)]
    plan = summary_plan_sheet(year=year, board=board)  # the year's plan against actual (operations)
    resources = resources_summary_sheets(year=year, info=info, province=province)  # production and resources
    if progress is not None:
        progress(1, 3)
    data = workbook_bytes([*sheets, *([plan] if plan else []), *resources])
    if progress is not None:
        progress(3, 3)
    return data


def summary_filename(*, year: int) -> str:
    province = default_province()
    return f"{words('bao cao', province.name if province else 'tinh', year)}.xlsx"


def _members(board: Dashboard) -> dict[District, list[Commune]]:
    members: dict[District, list[Commune]] = {}
    for commune in board.communes:
        if commune.district is not None:
            members.setdefault(commune.district, []).append(commune)
    return members


def _bands_sheet(board: Dashboard, info) -> SheetSpec:
    """Communes by band per district, the average criteria met, each beside the previous year."""
    year, previous = board.year, board.year - 1
    labels = list(board.current.bands)
    columns = [
        Column(_("District"), 26),
        Column(_("Communes"), 10, INTEGER),
        Column(_("No data yet %(year)s") % {"year": year}, 10, INTEGER),
        Column(_("No data yet %(year)s") % {"year": previous}, 10, INTEGER),
        Column(_("Average criteria %(year)s") % {"year": year}, 12, "0.00"),
        Column(_("Average criteria %(year)s") % {"year": previous}, 12, "0.00"),
    ]
    for label in labels:
        columns += [Column(f"{label} ({year})", 10, INTEGER), Column(f"{label} ({previous})", 10, INTEGER)]

    def line(name: str, current: Figures, before: Figures) -> list[object]:
        cells: list[object] = [
            name,
            current.communes,
            current.no_data,
            before.no_data,
            current.average_criteria_met,
            before.average_criteria_met,
        ]
        for label in labels:
            cells += [current.bands.get(label, 0), before.bands.get(label, 0)]
        return cells

    def rows() -> Iterator[list[object]]:
        for row in board.districts:
            yield line(row.district.name, row.current, row.previous)
        yield line(_("Whole province"), board.current, board.previous)

    return SheetSpec(
        title=_("Bands"),
        heading=_("Communes by number of criteria met, %(year)s and %(previous)s")
        % {"year": year, "previous": previous},
        info=info,
        columns=columns,
        rows=rows(),
        frozen_columns=1,
    )


def _criteria_sheet(board: Dashboard, info) -> SheetSpec:
    """Communes meeting each criterion, per district."""
    scores = board.scores
    columns = [Column(_("District"), 26), Column(_("Communes"), 10, INTEGER)]
    columns += [Column(f"{c.number}. {c.name}", 14, INTEGER) for c in scores.criteria]

    def line(name: str, communes: list[Commune]) -> list[object]:
        met = [
            sum(1 for c in communes if criterion.number in scores.met_numbers(c.pk)) for criterion in scores.criteria
        ]
        return [name, len(communes), *met]

    def rows() -> Iterator[list[object]]:
        members = _members(board)
        for row in board.districts:
            yield line(row.district.name, members.get(row.district, []))
        yield line(_("Whole province"), board.communes)

    return SheetSpec(
        title=_("Criteria"),
        heading=_("Communes meeting each criterion, %(year)s") % {"year": board.year},
        info=info,
        columns=columns,
        rows=rows(),
        frozen_columns=1,
    )


def _recognition_sheet(board: Dashboard, info) -> SheetSpec:
    """Communes registered for the year (with what they still miss) and communes recognised by its end."""
    year, scores = board.year, board.scores
    registered = {row.commune.pk for row in board.registered}
    columns = [
        Column(_("Commune code"), 10, TEXT),
        Column(_("Commune"), 24),
        Column(_("District"), 20),
        Column(_("Registered for %(year)s") % {"year": year}, 12),
        Column(_("Criteria met"), 10, INTEGER),
        Column(_("Still missing"), 18),
        Column(_("Recognition decision"), 20),
        Column(_("Recognition date"), 12, DATE),
        Column(_("Recognition level"), 16),
    ]

    def rows() -> Iterator[list[object]]:
        communes = sorted(board.communes, key=lambda c: (c.district.sort_name if c.district else "", c.sort_name))
        for commune in communes:
            recognised = commune.recognised_by(year)
            if commune.pk not in registered and not recognised:
                continue
            yield [
                commune.code,
                commune.name,
                commune.district.name if commune.district else "",
                _("Yes") if commune.pk in registered else "",
                scores.count(commune.pk),
                ", ".join(str(number) for number in scores.missing(commune.pk)),
                commune.recognition_decision if recognised else "",
                commune.recognition_date if recognised else None,
                commune.get_recognition_level_display() if recognised else "",
            ]

    return SheetSpec(
        title=_("Registered and recognised"),
        heading=_("Communes registered for %(year)s and communes recognised") % {"year": year},
        info=info,
        columns=columns,
        rows=rows(),
        frozen_columns=2,
    )


__all__ = ["grid_for", "matrix_filename", "matrix_workbook", "summary_filename", "summary_workbook"]
