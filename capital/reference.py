"""Reference data: the versioned lists of capital sources (`fixtures/capital_sources.json`).

`sources_load()` creates the lists (and their sources) that do not exist yet, by code, and leaves existing
ones as the office corrected them. The data migration calls it; so do tests.
"""

import json
from pathlib import Path

from django.apps import apps as global_apps

FIXTURE = Path(__file__).parent / "fixtures" / "capital_sources.json"


def sources_load(apps=global_apps) -> int:
    """Create the shipped lists of sources that are missing; returns how many lists were created."""
    source_set_model = apps.get_model("capital", "SourceSet")
    source_model = apps.get_model("capital", "CapitalSource")
    created = 0
    for entry in json.loads(FIXTURE.read_text(encoding="utf-8"))["sets"]:
        if source_set_model.objects.filter(code=entry["code"]).exists():
            continue
        fields = {k: entry[k] for k in ("title", "year_from", "year_to", "verified", "source", "note")}
        source_set = source_set_model.objects.create(code=entry["code"], **fields)
        by_code = {}
        for source in entry["sources"]:
            parent = by_code.get(source.get("parent"))
            by_code[source["code"]] = source_model.objects.create(
                source_set=source_set,
                parent=parent,
                **{k: source[k] for k in ("code", "name", "category", "in_kind", "order")},
            )
        created += 1
    return created
