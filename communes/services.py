"""Writes that touch assessments: keeping `meets` in step with values and targets."""

import io
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone

from criteria import rules
from criteria.selectors import TargetBook, criteria_set_for_year, indicators_of
from ntm.lib.history import bulk_delete_with_history, bulk_history_rows, current_history_user, history_copy

from .locking import commune_years_bump, commune_years_lock
from .models import Assessment, Commune, CommuneYear, GroupAssignment, groups_in_year, value_columns
from .summary import SetRules, score_refresh_one, scores_refresh


def target_class_of(commune: Commune, criteria_set, year: int) -> str:
    """The class `commune`'s targets are read from under `criteria_set` in `year`: its region, or for a set by
    commune group the group assigned to it for that year (group 2 when none is)."""
    region = commune.province.region
    group = None
    if criteria_set.target_basis == criteria_set.TargetBasis.COMMUNE_GROUP:
        group = groups_in_year([commune.pk], criteria_set=criteria_set, year=year).get(commune.pk)
    return criteria_set.target_class_for(region_code=region.code if region else None, commune_group=group)


def target_classes_of(rows, criteria_set) -> dict[tuple[int, int], str]:
    """(commune id, year) -> target class for the assessment rows given (their commune with its province and
    region loaded): one query per year for a set by commune group, none otherwise."""
    pairs = {(row.commune_id, row.year): row.commune for row in rows}
    groups: dict[int, dict[int, int]] = {}
    if criteria_set.target_basis == criteria_set.TargetBasis.COMMUNE_GROUP:
        for year in {year for _commune, year in pairs}:
            ids = [pk for pk, y in pairs if y == year]
            groups[year] = groups_in_year(ids, criteria_set=criteria_set, year=year)
    classes = {}
    for (commune_id, year), commune in pairs.items():
        region = commune.province.region
        classes[commune_id, year] = criteria_set.target_class_for(
            region_code=region.code if region else None, commune_group=groups.get(year, {}).get(commune_id)
        )
    return classes


def assessment_refresh_meets(
    assessment: Assessment, book: TargetBook | None = None, target_class: str | None = None
) -> Assessment:
    """Compute `meets` from the value and the target that applies to this commune and year (`target_class`:
    the commune's class that year when the caller knows it, see `target_classes_of`)."""
    indicator = assessment.indicator
    criteria_set = indicator.criterion.criteria_set
    book = book or TargetBook(criteria_set)
    commune = assessment.commune
    target = book.target(
        indicator.pk,
        target_class=target_class or target_class_of(commune, criteria_set, assessment.year),
        year=assessment.year,
        province_id=commune.province_id,
    )
    assessment.meets = rules.meets(indicator.kind, indicator.comparator, target, assessment.value)
    return assessment


def assessments_recompute(*, criteria_set, year: int | None = None, exclude=None) -> int:
    """Recompute `meets` for a set (e.g. after a target changed), except the rows matching `exclude` (an
    expression, e.g. the values of locked years). Returns rows updated, each with its history row."""
    book = TargetBook(criteria_set)
    rows = Assessment.objects.for_set(criteria_set).select_related(
        "indicator", "indicator__criterion__criteria_set", "commune__province__region"
    )
    if year is not None:
        rows = rows.for_year(year)
    if exclude is not None:
        rows = rows.exclude(exclude)
    rows = list(rows)
    classes = target_classes_of(rows, criteria_set)  # not a query per row for a set by commune group
    changed = []
    for row in rows:
        before = row.meets
        assessment_refresh_meets(row, book, classes[row.commune_id, row.year])
        if row.meets != before:
            changed.append(row)
    with transaction.atomic():
        Assessment.objects.bulk_update(changed, ["meets"], batch_size=1000)
        Assessment.history.bulk_history_create(
            changed, update=True, batch_size=1000, default_user=current_history_user()
        )
    return len(changed)


def assessments_save(
    *, commune: Commune, year: int, values: dict[int, object], user, expected_version: int | None = None
) -> int:
    """Record a commune's values for a year (indicator id -> value, None clears it). Returns rows changed.

    Every indicator must belong to the set in force that year (ValueError otherwise); all rows
    are written in one transaction, with `meets` computed against the set's rules (cached by their version,
    `SetRules.of`), and a history row each (who, when, the value). The year's CommuneYear row is locked first:
    a locked year raises `YearLocked`, a form read at another `expected_version` raises `StaleVersion`
    (None: not checked); nothing is written then. A save that changes something bumps the version and
    rewrites the year's summary row. A fixed number of queries, whatever the number of values: the set, the
    lock, the stored values, one upsert and its history rows, the version with its history, the summary row
    and the scores version (and a deletion when values are cleared; the group for a set by commune group).
    """
    criteria_set = criteria_set_for_year(year, commune.province)
    if criteria_set is None:
        raise ValueError(f"no criteria set applies to {year}")
    set_rules = SetRules.of(criteria_set)  # cached by the set's rules version: no query when warm
    indicators = set_rules.by_id
    foreign = sorted(set(values) - set(indicators))
    if foreign:
        raise ValueError(f"indicators {foreign} are not in the set in force in {year} ({criteria_set.code})")
    target_class = target_class_of(commune, criteria_set, year)
    with transaction.atomic():
        expected = {commune.pk: expected_version} if expected_version is not None else None
        commune_year = commune_years_lock(commune_ids=[commune.pk], year=year, expected_versions=expected)[commune.pk]
        now = timezone.now()
        # Every value of the year (not only those written): the summary row is computed from them, unread again.
        stored = {
            row.indicator_id: row for row in Assessment.objects.select_for_update().filter(commune=commune, year=year)
        }
        cleared, written, created = [], [], set()
        for indicator_id, value in values.items():
            row = stored.get(indicator_id)
            if value is None:
                if row is not None:
                    cleared.append(stored.pop(indicator_id))
                continue
            indicator = indicators[indicator_id]
            row = row or Assessment(year=year)
            row.commune, row.indicator = commune, indicator  # shared instances: no query per row
            before = (row.yes_no, row.percent, row.amount, row.meets)
            row.set_value(value)
            row.meets = rules.meets(
                indicator.kind,
                indicator.comparator,
                set_rules.target(indicator, target_class=target_class, year=year, province_id=commune.province_id),
                row.value,
            )
            if row.pk is not None and before == (row.yes_no, row.percent, row.amount, row.meets):
                continue
            row.entered_by, row.entered_at = user, now
            if row.pk is None:
                created.add(indicator_id)
            written.append(row)
            stored[indicator_id] = row
        if cleared:
            bulk_delete_with_history(Assessment.objects.filter(pk__in=[row.pk for row in cleared]), user=user, when=now)
        if written:
            _upsert_with_history(written, created, user=user, when=now)
        changed = len(cleared) + len(written)
        if changed:
            commune_years_bump([commune_year], user=user, when=now)
            score_refresh_one(
                commune=commune,
                year=year,
                set_rules=set_rules,
                target_class=target_class,
                meets={indicator_id: row.meets for indicator_id, row in stored.items()},
            )
    return changed


def _upsert_with_history(rows: list[Assessment], created: set[int], *, user, when) -> None:
    """Insert new and update changed rows in one INSERT ... ON CONFLICT statement, then their history rows ('+'
    for `created` indicator ids, '~' for the others) in one more."""
    for row in rows:
        row.pk = None  # all as inserts: the unique (commune, indicator, year) turns the stored ones into updates
    Assessment.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["commune", "indicator", "year"], update_fields=ENTRY_FIELDS
    )
    created_pks = {row.pk for row in rows if row.indicator_id in created}
    bulk_history_rows(Assessment, rows, created=created_pks, user=user, when=when)


ENTRY_FIELDS = ["yes_no", "percent", "amount", "meets", "entered_by", "entered_at"]


IMPORT_BATCH = 2000
COPY_VENDORS = {"postgresql"}  # databases written with COPY and one INSERT ... ON CONFLICT; others: bulk_create
VALUE_FIELDS = ("yes_no", "percent", "amount", "meets")


class ImportCounts(NamedTuple):
    created: int = 0
    updated: int = 0
    cleared: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.cleared


def assessments_import(
    *,
    year: int,
    criteria_set,
    values: dict[int, dict[int, object]],
    user,
    expected_versions: dict[int, int] | None = None,
) -> ImportCounts:
    """Record many communes' values for one year (commune id -> indicator id -> value; None clears it).

    The bulk twin of `assessments_save`, for workbook imports: every indicator must belong to
    `criteria_set`, the set in force in `year`, and every commune must exist (ValueError otherwise).
    `meets` is computed against one shared TargetBook. Everything is written in one transaction and
    only rows whose value or result changes are touched (entered by `user`, now); a failure leaves
    nothing written. This is the only place an import writes.

    The communes' years are locked first (`commune_years_lock`): a submitted, verified, appraised or
    recognised year raises `YearLocked`, and a year changed since the preview was read
    (`expected_versions`: commune id -> version) raises `StaleVersion`; either way nothing is written.
    Every row written or cleared gets its history row (who, when), and each changed year's version
    goes up by one.
    """
    if not values:
        return ImportCounts()
    indicators = {indicator.pk: indicator for indicator in indicators_of(criteria_set)}
    foreign = sorted({pk for row in values.values() for pk in row} - set(indicators))
    if foreign:
        raise ValueError(f"indicators {foreign} are not in {criteria_set.code}")
    groups = {}
    if criteria_set.target_basis == criteria_set.TargetBasis.COMMUNE_GROUP:
        groups = groups_in_year(list(values), criteria_set=criteria_set, year=year)
    communes = {  # commune id -> (province id, target class); no model instances for 10,000 communes
        pk: (province_id, criteria_set.target_class_for(region_code=region_code, commune_group=groups.get(pk)))
        for pk, province_id, region_code in Commune.objects.filter(pk__in=list(values)).values_list(
            "pk", "province_id", "province__region__code"
        )
    }
    unknown = sorted(set(values) - set(communes))
    if unknown:
        raise ValueError(f"communes {unknown} do not exist")
    book, targets = TargetBook(criteria_set), {}
    rows: list[tuple] = []  # (commune id, indicator id, yes_no, percent, amount, meets)
    clears: list[tuple[int, int]] = []
    for commune_id, row in values.items():
        province_id, target_class = communes[commune_id]
        for indicator_id, value in row.items():
            if value is None:
                clears.append((commune_id, indicator_id))
                continue
            indicator = indicators[indicator_id]
            key = (indicator_id, target_class, province_id)
            if key not in targets:
                targets[key] = book.target(indicator_id, target_class=target_class, year=year, province_id=province_id)
            meets = rules.meets(indicator.kind, indicator.comparator, targets[key], value)
            rows.append((commune_id, indicator_id, *value_columns(indicator.kind, value), meets))
    entered_by = user if user is not None and user.is_authenticated else None
    with transaction.atomic():
        years = commune_years_lock(commune_ids=list(values), year=year, expected_versions=expected_versions)
        now = timezone.now()
        last_pk = Assessment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        cleared_communes = _clear_with_history(clears, year=year, user=entered_by, when=now)
        write = _write_with_copy if transaction.get_connection().vendor in COPY_VENDORS else _write_with_orm
        counts, written = write(rows, year=year, entered_by=entered_by.pk if entered_by else None, when=now)
        if written:
            rows_written = Assessment.objects.filter(year=year, commune_id__in=sorted(written), entered_at=now)
            history_copy(rows_written, user=entered_by, when=now, created_above_pk=last_pk)  # '+': a new pk
        changed = written | set(cleared_communes)
        commune_years_bump([years[pk] for pk in sorted(changed)], user=entered_by, when=now)
        scores_refresh(commune_ids=changed, year=year)
        return counts._replace(cleared=sum(cleared_communes.values()))


def _clear_with_history(clears, *, year: int, user, when) -> dict[int, int]:
    """Delete the stored values the file clears, each with its history row. Returns commune id -> rows deleted."""
    by_commune: dict[int, list[int]] = {}
    for commune_id, indicator_id in clears:
        by_commune.setdefault(commune_id, []).append(indicator_id)
    deleted = {}
    for commune_id, indicator_ids in by_commune.items():
        rows = Assessment.objects.filter(year=year, commune_id=commune_id, indicator_id__in=indicator_ids)
        if count := bulk_delete_with_history(rows, user=user, when=when):
            deleted[commune_id] = count
    return deleted


def _write_with_orm(rows: list[tuple], *, year, entered_by, when) -> tuple[ImportCounts, set[int]]:
    """Compare with the stored rows in Python, then bulk_create(update_conflicts). Returns the communes written."""
    existing = {
        (commune_id, indicator_id): (pk, stored)
        for pk, commune_id, indicator_id, *stored in Assessment.objects.filter(
            year=year, commune_id__in={row[0] for row in rows}
        )
        .order_by()
        .values_list("pk", "commune_id", "indicator_id", *VALUE_FIELDS)
    }
    changed, created = [], 0
    for commune_id, indicator_id, *columns in rows:
        pk, stored = existing.get((commune_id, indicator_id), (None, None))
        if stored == columns:
            continue
        if pk is None:
            created += 1
        fields = dict(zip(VALUE_FIELDS, columns, strict=True))
        changed.append(
            Assessment(
                commune_id=commune_id,
                indicator_id=indicator_id,
                year=year,
                entered_by_id=entered_by,
                entered_at=when,
                **fields,
            )
        )
    Assessment.objects.bulk_create(
        changed,
        batch_size=IMPORT_BATCH,
        update_conflicts=True,
        unique_fields=["commune", "indicator", "year"],
        update_fields=[*VALUE_FIELDS, "entered_by", "entered_at"],
    )
    # auto_now gave each batch its own time: the import's one time marks what it wrote (its history is found by it).
    pks = [row.pk for row in changed]
    if None in pks:
        raise RuntimeError("this database does not return the rows bulk_create wrote (SQLite 3.35 or newer does)")
    for start in range(0, len(pks), IMPORT_BATCH):
        Assessment.objects.filter(pk__in=pks[start : start + IMPORT_BATCH]).update(entered_at=when)
    counts = ImportCounts(created=created, updated=len(changed) - created)
    return counts, {row.commune_id for row in changed}


def _write_with_copy(rows: list[tuple], *, year, entered_by, when) -> tuple[ImportCounts, set[int]]:
    """COPY every row into a temporary table; the database counts and upserts from there.

    For a province-wide file (400,000 values) this spends a fraction of the Python time of
    bulk_create and never reads the stored rows back: unchanged rows are skipped by the upsert's
    WHERE clause (IS DISTINCT FROM), so they keep who entered them and when. Returns the counts
    and the communes written.
    """
    connection = transaction.get_connection()
    meta, table = Assessment._meta, Assessment._meta.db_table
    column = {name: meta.get_field(name).column for name in ("commune", "indicator", "year", *VALUE_FIELDS)}
    commune, indicator, year_column = column["commune"], column["indicator"], column["year"]
    values = [column[name] for name in VALUE_FIELDS]
    # Every other column gets its default (a cast keeps NULL typed); (year, entered_by, entered_at) come first.
    constants = [meta.get_field(name) for name in ("year", "entered_by", "entered_at")]
    constants += [
        f for f in meta.concrete_fields if not f.primary_key and f not in constants and f.column not in column.values()
    ]
    params = [year, entered_by, when, *(f.get_db_prep_save(f.get_default(), connection) for f in constants[3:])]
    insert_columns = ", ".join([commune, indicator, *values, *(f.column for f in constants)])
    select_columns = ", ".join([commune, indicator, *values, *(f"%s::{f.db_type(connection)}" for f in constants)])
    updates = ", ".join(f"{name} = EXCLUDED.{name}" for name in [*values, constants[1].column, constants[2].column])
    stored, incoming = (", ".join(f"{alias}.{v}" for v in values) for alias in ("a", "EXCLUDED"))
    upsert = (
        f"WITH written AS (INSERT INTO {table} AS a ({insert_columns}) SELECT {select_columns} FROM ntm_import_rows "
        f"ON CONFLICT ({commune}, {indicator}, {year_column}) DO UPDATE SET {updates} "
        f"WHERE ({stored}) IS DISTINCT FROM ({incoming}) RETURNING a.{commune}) "
        f"SELECT {commune}, count(*) FROM written GROUP BY {commune}"
    )
    text = io.StringIO("".join("\t".join(map(_copy_text, row)) + "\n" for row in rows))
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS ntm_import_rows")
        cursor.execute(
            f"CREATE TEMPORARY TABLE ntm_import_rows ON COMMIT DROP AS SELECT {commune}, {indicator}, "
            f"{', '.join(values)} FROM {table} WITH NO DATA"
        )
        cursor.copy_expert("COPY ntm_import_rows FROM STDIN", text)
        cursor.execute("ANALYZE ntm_import_rows")  # row counts for the planner: a temporary table has none
        cursor.execute(
            f"SELECT count(*) FROM ntm_import_rows t WHERE NOT EXISTS "
            f"(SELECT 1 FROM {table} a WHERE a.{commune} = t.{commune} AND a.{indicator} = t.{indicator} "
            f"AND a.{year_column} = %s)",
            [year],
        )
        created = cursor.fetchone()[0]
        cursor.execute(upsert, params)
        written = dict(cursor.fetchall())
    return ImportCounts(created=created, updated=sum(written.values()) - created), set(written)


def _copy_text(value) -> str:
    """A value in COPY's text format."""
    if value is None:
        return r"\N"
    if value is True or value is False:
        return "t" if value else "f"
    return str(value)


__all__ = [
    "ImportCounts",
    "assessments_import",
    "assessment_refresh_meets",
    "target_classes_of",
    "assessments_recompute",
    "assessments_save",
    "criteria_set_for_year",
    "target_class_of",
    "commune_group_assign",
    "commune_group_changed",
]


def commune_group_assign(
    *, commune: Commune, criteria_set, group: int, valid_from, user=None, decision: str = "", note: str = ""
) -> GroupAssignment:
    """Place `commune` in `group` of `criteria_set` from `valid_from` (a new dated assignment; the earlier ones
    stay as history, one on the same day is replaced). The commune's targets change from that year: `meets` and
    the score summary of its unlocked years from then to the end of the set are recomputed in the same
    transaction (locked years keep their judged result). Raises ValueError for a set not by commune group or a
    date outside the set's years."""
    if criteria_set.target_basis != criteria_set.TargetBasis.COMMUNE_GROUP:
        raise ValueError(f"{criteria_set.code} does not set targets by commune group")
    if valid_from.year > criteria_set.year_to:
        raise ValueError(f"{valid_from} is after the last year of {criteria_set.code}")
    with transaction.atomic():
        assignment, _created = GroupAssignment.objects.update_or_create(
            commune=commune,
            criteria_set=criteria_set,
            valid_from=valid_from,
            defaults={"group": group, "assigned_by": user, "decision": decision, "note": note},
        )
        commune_group_changed(commune=commune, criteria_set=criteria_set, since_year=valid_from.year)
    return assignment


def commune_group_changed(*, commune: Commune, criteria_set, since_year: int) -> None:
    """After an assignment was written or removed: the commune's current group, and its results from
    `since_year` (unlocked years only) under the group of each year."""
    latest = groups_in_year([commune.pk], criteria_set=criteria_set, year=criteria_set.year_to).get(commune.pk)
    if commune.commune_group != latest:
        commune.commune_group = latest
        commune.save(update_fields=["commune_group"])
    locked = CommuneYear.objects.filter(commune=commune, state__in=CommuneYear.LOCKED_STATES).values("year")
    rows = (
        Assessment.objects.for_set(criteria_set)
        .filter(commune=commune, year__gte=max(since_year, criteria_set.year_from))
        .exclude(year__in=locked)
        .select_related("indicator", "indicator__criterion__criteria_set", "commune__province__region")
    )
    book, changed, years = TargetBook(criteria_set), [], set()
    rows = list(rows)
    classes = target_classes_of(rows, criteria_set)
    for row in rows:
        before = row.meets
        assessment_refresh_meets(row, book, classes[row.commune_id, row.year])
        years.add(row.year)
        if row.meets != before:
            changed.append(row)
    Assessment.objects.bulk_update(changed, ["meets"], batch_size=1000)
    Assessment.history.bulk_history_create(changed, update=True, batch_size=1000, default_user=current_history_user())
    for year in sorted(years):
        scores_refresh(commune_ids=[commune.pk], year=year)
