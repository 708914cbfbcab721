"""Reference data: the OCOP rating rules (`fixtures/ocop_rules.json`), created when missing (by code).

Existing rules are left as the office corrected them. The data migration calls `rules_load`; so do tests.
"""

import datetime
import json
from pathlib import Path

from django.apps import apps as global_apps

FIXTURE = Path(__file__).parent / "fixtures" / "ocop_rules.json"
FIELDS = (
    "title",
    "decision",
    "max_a",
    "max_b",
    "max_c",
    "star2_from",
    "star3_from",
    "star4_from",
    "star5_from",
    "validity_months",
    "verified",
    "source",
    "note",
)


def rules_load(apps=global_apps) -> int:
    """Create the shipped rules that are missing; returns how many were created."""
    model = apps.get_model("ocop", "OcopRule")
    created = 0
    for entry in json.loads(FIXTURE.read_text(encoding="utf-8"))["rules"]:
        until = entry.get("valid_until")
        _rule, was_created = model.objects.get_or_create(
            code=entry["code"],
            defaults={
                **{k: entry[k] for k in FIELDS},
                "valid_from": datetime.date.fromisoformat(entry["valid_from"]),
                "valid_until": datetime.date.fromisoformat(until) if until else None,
            },
        )
        created += was_created
    return created
