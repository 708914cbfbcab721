"""Document types (with their number formats, unverified) and inspection subjects: operations/reference.py."""

from django.db import migrations


def load(apps, schema_editor):
    from operations.reference import DOCUMENT_TYPES, SOURCE_DOCUMENTS, SUBJECTS

    DocumentType = apps.get_model("operations", "DocumentType")
    InspectionSubject = apps.get_model("operations", "InspectionSubject")
    for order, (code, name, abbreviation, number_format) in enumerate(DOCUMENT_TYPES):
        DocumentType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "abbreviation": abbreviation,
                "number_format": number_format,
                "order": order,
                "verified": False,
                "note": f"Default format, to be checked by the office. Source: {SOURCE_DOCUMENTS}",
            },
        )
    for order, (code, name) in enumerate(SUBJECTS):
        InspectionSubject.objects.get_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("operations", "0001_office_work")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
