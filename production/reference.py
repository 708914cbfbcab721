"""Reference data shipped with the app: the default size thresholds (`fixtures/size_thresholds.json`).

`thresholds_load()` creates the versions that are missing (by date) and never changes one that exists, so
the office's corrections survive. The data migration calls it; so do tests that need the default.
"""

import json
from decimal import Decimal
from pathlib import Path

from django.apps import apps as global_apps

FIXTURE = Path(__file__).parent / "fixtures" / "size_thresholds.json"


def thresholds_load(apps=global_apps) -> int:
    """Create the shipped versions that do not exist yet; returns how many were created."""
    model = apps.get_model("production", "SizeThresholds")
    created = 0
    for version in json.loads(FIXTURE.read_text(encoding="utf-8"))["versions"]:
        values = {
            **version,
            **{k: Decimal(version[k]) for k in ("counting_floor", "medium_from", "large_from", "target_share")},
        }
        _obj, was_created = model.objects.get_or_create(valid_from=values.pop("valid_from"), defaults=values)
        created += was_created
    return created
