"""Turn the research files of shared/domain into the project's criteria fixture.

The fixture is our own normalised JSON (sets -> groups, bands, criteria ->
indicators -> targets). Provenance (verified, confidence, note, source_url)
travels with every value. Run `python manage.py build_criteria_fixture` after
the research files change; `load_criteria` reads only the fixture.
"""

import copy
from decimal import Decimal

from . import rules

# Years each set is used for (issue #2): 342/2013 is stored as a full set.
SET_YEARS = {
    "NTM_2009_491": (2010, 2012),
    "NTM_2013_342": (2013, 2015),
    "NTM_2016_1980": (2016, 2020),
    "NTM_2021_318": (2021, 2025),
    "QD51-2025": (2026, 2030),
}
BANDS_19 = [("19", 19, 19), ("15-18", 15, 18), ("10-14", 10, 14), ("5-9", 5, 9), ("Dưới 5", 0, 4)]
BANDS_10 = [("10", 10, 10), ("7-9", 7, 9), ("4-6", 4, 6), ("Dưới 4", 0, 3)]
KIND_MAP = {
    "boolean": rules.BOOLEAN,
    "percentage": rules.PERCENTAGE,
    "ratio": rules.NUMBER,
    "money_per_capita": rules.MONEY,
}
BOOLEAN_TARGETS = {"Đạt": 1, "Có": 1, "Không": 0}
NATIONAL = "NATIONAL"
HOME_REGION = "BTB"  # the convention of criteria_sets.json: `target` is the BTB value


def _sources(value) -> str:
    if not value:
        return ""
    return "\n".join(value) if isinstance(value, list) else str(value)


def _target_value(kind: str, raw):
    if raw is None:
        return None
    if kind == rules.BOOLEAN:
        return BOOLEAN_TARGETS[raw]
    return str(Decimal(str(raw)))


def _targets(indicator: dict, kind: str) -> list[dict]:
    verified = bool(indicator.get("verified")) or bool(indicator.get("targets_by_region_verified"))
    found: list[dict] = []

    def add(target_class: str, from_year, raw, note: str = "", is_verified: bool = verified) -> None:
        value = _target_value(kind, raw)
        if value is not None:
            found.append(
                {"class": target_class, "from_year": from_year, "value": value, "verified": is_verified, "note": note}
            )

    by_year = indicator.get("targets_by_year_by_region") or {}
    for year, by_region in sorted(by_year.items()):
        for region, raw in sorted(by_region.items()):
            add(rules.ALL_CLASSES if region == NATIONAL else region, int(year), raw)
    by_region = indicator.get("targets_by_region") or {}
    for region, raw in sorted(by_region.items()):
        add(region, None, raw)
    if not found and indicator.get("target") is not None:
        # Yes/no targets hold for every region; a lone number is the BTB value.
        target_class = rules.ALL_CLASSES if kind == rules.BOOLEAN else HOME_REGION
        add(target_class, None, indicator["target"])
    national = indicator.get("national_target")
    if not any(t["class"] == rules.ALL_CLASSES for t in found) and isinstance(national, (int, float)):
        add(rules.ALL_CLASSES, None, national, "national target", False)
    return found


def _indicator(raw: dict, order: int) -> dict:
    kind = KIND_MAP[raw["kind"]]
    return {
        "code": raw["code"],
        "text": raw["name_vi"],
        "text_en": raw.get("name_en") or "",
        "kind": kind,
        "comparator": raw["comparator"],
        "unit": "" if kind == rules.BOOLEAN else (raw.get("unit") or ""),
        "verified": bool(raw.get("verified")),
        "confidence": raw.get("confidence") or "",
        "note": raw.get("note") or "",
        "source_url": _sources(raw.get("source_url")),
        "order": order,
        "targets": _targets(raw, kind),
    }


def _criterion(raw: dict) -> dict:
    return {
        "number": raw["number"],
        "name": raw["name_vi"],
        "name_en": raw.get("name_en") or "",
        "group": raw.get("group") or "",
        "name_verified": bool(raw.get("name_verified")),
        "note": raw.get("note") or "",
        "indicators": [_indicator(item, order) for order, item in enumerate(raw.get("indicators", []))],
    }


def _set_header(raw: dict, code: str) -> dict:
    year_from, year_to = SET_YEARS[code]
    return {
        "code": code,
        "title": raw["title_vi"],
        "title_en": raw.get("title_en") or "",
        "decision_number": raw["decision_number"],
        "decision_date": raw.get("decision_date"),
        "year_from": year_from,
        "year_to": year_to,
        "target_basis": "region",
        "verified": bool(raw.get("verified")),
        "note": raw.get("note") or raw.get("verified_scope") or "",
        "source_url": _sources(raw.get("source_url")),
        "base_set": raw.get("base_set") or "",
        "groups": [
            {"code": g["code"], "name": g["name_vi"], "name_en": g.get("name_en") or "", "order": order}
            for order, g in enumerate(raw.get("groups") or [])
        ],
        "bands": [{"label": label, "min_met": low, "max_met": high} for label, low, high in BANDS_19],
    }


def _amended(base: dict, raw: dict) -> dict:
    """342/2013 as a full set: 491's criteria with the replaced ones swapped in.

    Where 342's own target was not found, 491's target is carried over, unverified.
    """
    built = _set_header(raw, raw["code"])
    built["groups"] = copy.deepcopy(base["groups"])
    base_criteria = {c["number"]: c for c in base["criteria"]}
    replaced = {c["number"]: _criterion(c) for c in raw["criteria"]}
    for number, criterion in replaced.items():
        old = {i["code"]: i for i in base_criteria[number]["indicators"]}
        criterion["group"] = criterion["group"] or base_criteria[number]["group"]
        for indicator in criterion["indicators"]:
            if indicator["targets"] or indicator["code"] not in old:
                continue
            for target in copy.deepcopy(old[indicator["code"]]["targets"]):
                target["verified"] = False
                target["note"] = "carried over from 491/2009: 342/2013's own value was not found"
                indicator["targets"].append(target)
    built["criteria"] = [replaced.get(n, copy.deepcopy(c)) for n, c in sorted(base_criteria.items())]
    return built


def _set_2026(raw: dict) -> dict:
    built = _set_header(raw, raw["code"])
    built.update(
        target_basis="commune_group",
        verified=False,
        note=(raw.get("indicators_status") or "")
        + " Bands are provisional (no source lists them for the 10-criteria set).",
        groups=[],
        bands=[{"label": label, "min_met": low, "max_met": high} for label, low, high in BANDS_10],
        criteria=[
            {
                "number": c["number"],
                "name": c["name_vi"],
                "name_en": c.get("name_en") or "",
                "group": "",
                "name_verified": bool(c.get("name_verified")),
                "note": c.get("note") or "",
                "indicators": [],
            }
            for c in raw["criteria"]
        ],
    )
    built["target_classes"] = [
        {"code": t["code"], "name": t["name_vi"], "verified": bool(t.get("verified"))} for t in raw["target_classes"]
    ]
    return built


def build_fixture(criteria_sets: dict, set_2026: dict, verification: list[dict] | None = None) -> dict:
    """The fixture as a dict, ready to be written as JSON; `verification`: readings applied by
    `apply_verification`."""
    built: dict[str, dict] = {}
    for raw in criteria_sets["criteria_sets"]:
        code = raw["code"]
        if raw.get("base_set"):
            built[code] = _amended(built[raw["base_set"]], raw)
        else:
            built[code] = _set_header(raw, code) | {"criteria": [_criterion(c) for c in raw["criteria"]]}
    built[set_2026["code"]] = _set_2026(set_2026)
    fixture = {
        "source": "shared/domain/criteria_sets.json + criteria_set_2026.json"
        + (" + verification_2026_11_30.json" if verification else ""),
        "generated_from": criteria_sets.get("generated"),
        "regions": [
            {"code": r["code"], "name": r["name_vi"], "name_en": r.get("name_en") or ""}
            for r in criteria_sets["regions"]
        ],
        "sets": list(built.values()),
    }
    return apply_verification(fixture, verification) if verification else fixture


# Readings of shared/domain/verification_2026_11_30.json loaded into the fixture (issue #14): the values they add
# (318/2022 income thresholds of 2022, 1980/2016 poverty ceilings, 342/2013 income thresholds by region and year)
# and the values they contradict (491/2009 indicators 2.2 and 11.1, 342's national 2020 income between two sources).
VERIFICATION_READINGS = {
    ("NTM_2021_318", "10.1"),
    ("NTM_2016_1980", "11.1"),
    ("NTM_2013_342", "10.1"),
    ("NTM_2013_342", "10.1 (national, 2nd source)"),
    ("NTM_2009_491", "2.2"),
    ("NTM_2009_491", "11.1"),
}


def _reading_values(targets: dict) -> list[tuple[str, int | None, object]]:
    """(class, from_year, value) of a reading's `targets`: flat by region, by region for one "year", or by region
    then year; "national" is every class."""
    year = targets.get("year")
    found = []
    for region, raw in targets.items():
        if region == "year":
            continue
        target_class = rules.ALL_CLASSES if region.lower() == "national" else region
        if isinstance(raw, dict):
            found.extend((target_class, int(y), v) for y, v in raw.items())
        else:
            found.append((target_class, int(year) if year else None, raw))
    return found


def _provenance(reading: dict) -> str:
    source = reading["source"]
    return f"{source['title']} <{source['url_or_repo_path']}>: “{source['quote_vi']}”"


def apply_verification(fixture: dict, readings: list[dict]) -> dict:
    """The fixture with the selected readings of a verification file applied, in place.

    A value the fixture lacks is added, unverified (the readings are secondary sources), its note giving the
    source and quote. A value that contradicts the fixture's keeps the fixture's value and is flagged `disputed`,
    its note giving both readings (`"disputed": true`; the key is left out when false). Agreeing values are left
    as they are.
    """
    sets = {s["code"]: s for s in fixture["sets"]}
    # A set built on another (342/2013 on 491/2009) carries the criteria it did not replace: a reading of the base
    # set holds for those too.
    carried: dict[tuple[str, int], list[str]] = {}
    for derived in fixture["sets"]:
        base = sets.get(derived.get("base_set") or "")
        if base is None:
            continue
        original = {c["number"]: c for c in base["criteria"]}
        for criterion in derived["criteria"]:
            if criterion == original.get(criterion["number"]):
                carried.setdefault((base["code"], criterion["number"]), []).append(derived["code"])
    for reading in readings:
        code = reading["indicator_code"]
        if (reading["set"], code) not in VERIFICATION_READINGS:
            continue
        for set_code in [reading["set"], *carried.get((reading["set"], reading["criterion"]), [])]:
            criterion = next(c for c in sets[set_code]["criteria"] if c["number"] == reading["criterion"])
            indicator = next(i for i in criterion["indicators"] if i["code"] == code.split(" ")[0])
            _apply_reading(indicator, reading)
    return fixture


def _apply_reading(indicator: dict, reading: dict) -> None:
    for target_class, from_year, raw in _reading_values(reading["targets"]):
        value = _target_value(indicator["kind"], raw)
        current = next(
            (t for t in indicator["targets"] if t["class"] == target_class and t["from_year"] == from_year), None
        )
        if current is None:
            indicator["targets"].append(
                {
                    "class": target_class,
                    "from_year": from_year,
                    "value": value,
                    "verified": False,
                    "note": f"Added from a secondary source: {_provenance(reading)}",
                }
            )
        elif Decimal(current["value"]) != Decimal(value):
            reading_note = f"Disputed: {current['value']} is kept; {_provenance(reading)} reads {value}."
            current["disputed"] = True
            current["note"] = f"{current['note']}\n{reading_note}".strip()
