"""Load the criteria fixture into the database: idempotent, by natural keys.

Running it twice changes nothing; a changed fixture updates rows in place and
never duplicates them. Rows missing from the fixture are left alone (they may
carry assessments) and reported.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from provinces.models import Region

from .models import Band, CriteriaSet, Criterion, CriterionGroup, Indicator, Target
from .plausible import shipped_range
from .signals import rules_changes_batched


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    sets: list[str] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return self.created + self.updated


def _upsert(report: LoadReport, model, lookup: dict, values: dict):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        report.created += 1
        return obj
    dirty = [name for name, value in values.items() if _differs(getattr(obj, name), value)]
    if dirty:
        for name in dirty:
            setattr(obj, name, values[name])
        obj.save(update_fields=dirty)
        report.updated += 1
    else:
        report.unchanged += 1
    return obj


def _differs(current, new) -> bool:
    if isinstance(current, Decimal) and new is not None:
        return current != Decimal(str(new))
    if hasattr(current, "isoformat") and isinstance(new, str):
        return current.isoformat() != new
    if hasattr(current, "pk") and hasattr(new, "pk"):
        return current.pk != new.pk
    return current != new


def _load_set(report: LoadReport, data: dict, by_code: dict[str, CriteriaSet]) -> None:
    criteria_set = _upsert(
        report,
        CriteriaSet,
        {"code": data["code"]},
        {
            "title": data["title"],
            "title_en": data["title_en"],
            "decision_number": data["decision_number"],
            "decision_date": data["decision_date"],
            "year_from": data["year_from"],
            "year_to": data["year_to"],
            "target_basis": data["target_basis"],
            "verified": data["verified"],
            "note": data["note"],
            "source_url": data["source_url"],
            "base_set": by_code.get(data["base_set"]),
        },
    )
    by_code[data["code"]] = criteria_set
    groups = {
        g["code"]: _upsert(
            report,
            CriterionGroup,
            {"criteria_set": criteria_set, "code": g["code"]},
            {"name": g["name"], "name_en": g["name_en"], "order": g["order"]},
        )
        for g in data["groups"]
    }
    for band in data["bands"]:
        _upsert(
            report,
            Band,
            {"criteria_set": criteria_set, "label": band["label"]},
            {"min_met": band["min_met"], "max_met": band["max_met"]},
        )
    for c in data["criteria"]:
        criterion = _upsert(
            report,
            Criterion,
            {"criteria_set": criteria_set, "number": c["number"]},
            {
                "name": c["name"],
                "name_en": c["name_en"],
                "group": groups.get(c["group"]),
                "name_verified": c["name_verified"],
                "note": c["note"],
            },
        )
        for i in c["indicators"]:
            indicator = _upsert(
                report,
                Indicator,
                {"criterion": criterion, "code": i["code"]},
                {
                    key: i[key]
                    for key in (
                        "text",
                        "text_en",
                        "kind",
                        "comparator",
                        "unit",
                        "verified",
                        "confidence",
                        "note",
                        "source_url",
                        "order",
                    )
                },
            )
            if indicator.plausible_min is None and indicator.plausible_max is None:
                low, high = shipped_range(indicator.kind, indicator.unit)
                if low is not None or high is not None:  # shipped once; the office's own range is never overwritten
                    Indicator.objects.filter(pk=indicator.pk).update(plausible_min=low, plausible_max=high)
            for t in i["targets"]:
                _upsert(
                    report,
                    Target,
                    {"indicator": indicator, "target_class": t["class"], "from_year": t["from_year"], "province": None},
                    {
                        "value": Decimal(str(t["value"])),
                        "verified": t["verified"],
                        "disputed": t.get("disputed", False),
                        "note": t["note"],
                    },
                )


@transaction.atomic
def criteria_load(fixture: dict) -> LoadReport:
    """Create or update every set of the fixture; the results the changes affect are recomputed once, at the end,
    in the same transaction (`rules_changes_batched`)."""
    report = LoadReport()
    with rules_changes_batched():
        for region in fixture["regions"]:
            _upsert(report, Region, {"code": region["code"]}, {"name": region["name"], "name_en": region["name_en"]})
        by_code: dict[str, CriteriaSet] = {}
        for data in fixture["sets"]:
            _load_set(report, data, by_code)
            report.sets.append(data["code"])
    return report
