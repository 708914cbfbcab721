"""The assessment grid: one row per commune, one column per indicator of the year's criteria set.

The indicator matrix (an export) and the entry template share this layout, so the importer reads
both. The data sheet has a header block, then three header rows: the criterion of each indicator,
the indicator code (the row the importer reads) and the column titles (indicator text, unit and
target). The hidden sheet "_codes" tells the importer where things are:

    A:B  key / value: format, year, criteria_set, district, province, sheet, code_row, first_data_row
    D:E  commune_code / commune_id, one line per commune written
    G:I  indicator_code / indicator_id / column, one line per indicator column
"""

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import zip_longest

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from accounts import policy
from communes.models import Assessment, Commune, District, groups_in_year, value_of
from communes.scorecard import target_text, unit_of
from communes.selectors import programme_communes
from criteria import rules
from criteria.models import Band, CriteriaSet, Criterion, Indicator
from criteria.selectors import TargetBook, criteria_set_for_year, indicators_of
from provinces.models import Province
from provinces.selectors import default_province

from .writer import DECIMAL, MET, NOT_MET, PERCENT, TEXT, UNKNOWN, Column, SheetSpec, StatusRow, sheet_title

FORMAT = "ntm-assessments/1"
CODES_SHEET = "_codes"
COMMUNE_COLUMN = 1  # column A holds the commune code
FIRST_INDICATOR_COLUMN = 4  # A code, B name, C district, then the indicators
KEY_ROWS = 9  # key / value lines at the top of "_codes"
CODES_HEADER = ["key", "value", "", "commune_code", "commune_id", "", "indicator_code", "indicator_id", "column"]
BATCH = 5000  # communes whose values are read per query (a province of 10,000: two queries; bench/bench_excel.py)

NUMBER_FORMATS = {rules.BOOLEAN: TEXT, rules.PERCENTAGE: PERCENT, rules.NUMBER: DECIMAL, rules.MONEY: DECIMAL}


def yes_text() -> str:
    return _("Yes")


def no_text() -> str:
    return _("No")


@dataclass
class Grid:
    """Everything a grid sheet shows, read in a fixed number of queries (plus one per BATCH communes)."""

    year: int
    criteria_set: CriteriaSet
    province: Province | None
    district: District | None
    communes: list[Commune]
    indicators: list[Indicator]
    criteria: list[Criterion]
    bands: list[rules.BandEdge]
    book: TargetBook
    exported_at: datetime.datetime = field(default_factory=timezone.localtime)
    officer: str = ""  # the district officer whose own communes the grid holds (no district, not the province)

    @property
    def place(self) -> str:
        """What the grid covers, for headings and file names: the district, an officer's communes, the province."""
        if self.district is not None:
            return self.district.name
        if self.officer:
            return own_place(self.officer)
        return self.province.name if self.province else ""

    def column_of(self, position: int) -> str:
        """Spreadsheet column letter of the indicator at `position` (0-based)."""
        return get_column_letter(FIRST_INDICATOR_COLUMN + position)

    @cached_property
    def target_classes(self) -> list[str]:
        """The target classes of the grid's communes (one for region-based sets)."""
        criteria_set = self.criteria_set
        groups = {}
        if criteria_set.target_basis == criteria_set.TargetBasis.COMMUNE_GROUP:
            groups = groups_in_year([c.pk for c in self.communes], criteria_set=criteria_set, year=self.year)
        classes = {
            criteria_set.target_class_for(
                region_code=commune.province.region.code if commune.province.region else None,
                commune_group=groups.get(commune.pk),
            )
            for commune in self.communes
        }
        return sorted(classes) or [self.criteria_set.target_class_for(region_code=None, commune_group=None)]

    def target_texts(self, indicator: Indicator) -> str:
        """The indicator's target for the communes of the grid: one text, or several joined by " / "."""
        province_id = self.province.pk if self.province else None
        texts = []
        for target_class in self.target_classes:
            target = self.book.target(indicator.pk, target_class=target_class, year=self.year, province_id=province_id)
            text = target_text(indicator, target)
            if text not in texts:
                texts.append(text)
        return " / ".join(texts)


def grid_for(
    *, year: int, district: District | None = None, province: Province | None = None, officer=None
) -> Grid | None:
    """The grid of a district (or of the province) for a year; None when no criteria set applies.

    With `officer` (a district officer), the communes in their scope instead: after 1/7/2025, when districts no
    longer exist, the communes office staff assigned to them (`accounts.policy.scope_filter`).
    """
    province = district.province if district else province or default_province()
    criteria_set = criteria_set_for_year(year, province)
    if criteria_set is None:
        return None
    communes = programme_communes(province, year).prefetch_related("province__region")  # one Province, not 10,000
    if district is not None:
        communes = communes.filter(district=district)
    if officer is not None:
        communes = policy.editable_communes(officer, communes)
    return Grid(
        year=year,
        criteria_set=criteria_set,
        province=province,
        district=district,
        communes=list(communes),
        indicators=list(indicators_of(criteria_set)),
        criteria=list(Criterion.objects.filter(criteria_set=criteria_set).order_by("number")),
        bands=[band.as_edge() for band in Band.objects.filter(criteria_set=criteria_set).order_by("-max_met")],
        book=TargetBook(criteria_set),
        officer=officer_name(officer) if officer is not None else "",
    )


def officer_name(user) -> str:
    return user.get_full_name() or user.get_username()


def own_place(officer: str) -> str:
    """The place of an officer's own communes' workbook, in its heading and on its pages."""
    return _("communes assigned to %(officer)s") % {"officer": officer}


def grid_info(grid: Grid) -> list[tuple[str, object]]:
    """The header block: province, district, year, criteria set, date of export."""
    info: list[tuple[str, object]] = [(_("Province"), grid.province.name if grid.province else "")]
    if grid.district is not None:
        info.append((_("District"), grid.district.name))
    elif grid.officer:
        info.append((_("Communes assigned to"), grid.officer))
    info += [
        (_("Year"), grid.year),
        (_("Criteria set"), f"{grid.criteria_set} · {grid.criteria_set.code}"),
        (_("Exported on"), grid.exported_at),
    ]
    return info


def grid_columns(grid: Grid, *, results: bool) -> list[Column]:
    columns = [Column(_("Commune code"), 10, TEXT), Column(_("Commune"), 24), Column(_("District"), 18)]
    for indicator in grid.indicators:
        unit = unit_of(indicator)
        title = f"{indicator.text}" + (f" ({unit})" if unit else "")
        title += "\n" + _("Target: %(target)s") % {"target": grid.target_texts(indicator)}
        columns.append(Column(title, 16, NUMBER_FORMATS[indicator.kind]))
    if results:
        columns += [Column(_("Criteria met"), 10, "0"), Column(_("Band"), 12)]
    return columns


def grid_header_rows(grid: Grid, *, results: bool) -> tuple[list[list[object]], list[tuple[int, int, int]]]:
    """The criterion row (merged over each criterion's indicators) and the indicator code row."""
    lead = ["", "", ""]
    criteria_row, codes_row, merges = list(lead), list(lead), []
    first_column, previous = FIRST_INDICATOR_COLUMN, None
    for position, indicator in enumerate(grid.indicators):
        column = FIRST_INDICATOR_COLUMN + position
        if indicator.criterion_id != previous:
            if previous is not None:
                merges.append((0, first_column, column - 1))
            first_column, previous = column, indicator.criterion_id
            criteria_row.append(f"{indicator.criterion.number}. {indicator.criterion.name}")
        else:
            criteria_row.append("")
        codes_row.append(indicator.code)
    if previous is not None:
        merges.append((0, first_column, FIRST_INDICATOR_COLUMN + len(grid.indicators) - 1))
    criteria_row[0], codes_row[0] = _("Criterion"), _("Indicator code")
    if results:
        criteria_row += ["", ""]
        codes_row += ["", ""]
    return [criteria_row, codes_row], merges


STATUS = {True: MET, False: NOT_MET, None: UNKNOWN}
LEAD_COLUMNS = FIRST_INDICATOR_COLUMN - 1


def grid_rows(grid: Grid, *, results: bool) -> Iterator[list[object] | StatusRow]:
    """One row per commune: code, name, district, a value per indicator, and with `results` the criteria met
    and the band, each value coloured by its result (a StatusRow).

    The values are read BATCH communes at a time, so a province of 10,000 communes never sits in memory.
    """
    position_of = {indicator.pk: position for position, indicator in enumerate(grid.indicators)}
    kinds = [indicator.kind for indicator in grid.indicators]
    yes, no = yes_text(), no_text()
    no_data = _("no data yet")
    by_criterion: dict[int, list[int]] = {}
    for position, indicator in enumerate(grid.indicators):
        by_criterion.setdefault(indicator.criterion_id, []).append(LEAD_COLUMNS + position)
    criteria_columns = [by_criterion.get(criterion.pk, []) for criterion in grid.criteria]
    for start in range(0, len(grid.communes), BATCH):
        batch = grid.communes[start : start + BATCH]
        values = {c.pk: [c.code, c.name, c.district.name if c.district else "", *[None] * len(kinds)] for c in batch}
        statuses = {c.pk: [None] * LEAD_COLUMNS + [UNKNOWN] * len(kinds) for c in batch}
        rows = (
            Assessment.objects.filter(year=grid.year, commune_id__in=list(values), indicator_id__in=list(position_of))
            .order_by()
            .values_list("commune_id", "indicator_id", "yes_no", "percent", "amount", "meets")
        )
        for commune_id, indicator_id, yes_no, percent, amount, meets in rows:  # 400,000 rows for a province
            position = position_of[indicator_id]
            kind = kinds[position]
            if kind == rules.BOOLEAN:
                value = None if yes_no is None else yes if yes_no else no
            else:
                value = value_of(kind, yes_no, percent, amount)
            values[commune_id][LEAD_COLUMNS + position] = value
            statuses[commune_id][LEAD_COLUMNS + position] = STATUS[meets]
        for commune in batch:
            row = values[commune.pk]
            if not results:
                yield row
                continue
            status = statuses[commune.pk]
            if all(value is None for value in row[LEAD_COLUMNS:]):  # nothing recorded: no data yet, not 0 met
                yield StatusRow([*row, no_data, no_data], status)
                continue
            met = sum(1 for columns in criteria_columns if rules.criterion_met([status[c] == MET for c in columns]))
            yield StatusRow([*row, met, rules.band_for(met, grid.bands) or ""], status)


def codes_sheet(grid: Grid, spec: SheetSpec) -> SheetSpec:
    """The hidden sheet the importer reads: where the data sheet's parts are and which codes it holds."""
    keys = [  # KEY_ROWS of them
        ("format", FORMAT),
        ("year", grid.year),
        ("criteria_set", grid.criteria_set.code),
        ("district", grid.district.code if grid.district else ""),
        ("province", grid.province.code if grid.province else ""),
        ("sheet", sheet_title(spec.title)),
        ("code_row", spec.header_row - 1),
        ("first_data_row", spec.first_data_row),
        ("exported_at", timezone.now().isoformat()),  # an import later shows what changed since as conflicts
    ]
    assert len(keys) == KEY_ROWS
    communes = [(commune.code, commune.pk) for commune in grid.communes]
    indicators = [
        (indicator.code, indicator.pk, grid.column_of(position)) for position, indicator in enumerate(grid.indicators)
    ]

    def rows() -> Iterator[Sequence[object]]:
        yield CODES_HEADER
        for key, commune, indicator in zip_longest(keys, communes, indicators, fillvalue=("", "", "")):
            yield [*key[:2], "", *commune[:2], "", *indicator[:3]]

    columns = [Column(title) for title in CODES_HEADER]
    count = 1 + max(len(keys), len(communes), len(indicators))
    return SheetSpec(title=CODES_SHEET, columns=columns, rows=rows(), hidden=True, plain=True, row_count=count)
