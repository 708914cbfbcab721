"""Document types (with their number formats, unverified) and inspection subjects: operations/reference.py."""

from django.db import migrations


def load(apps, schema_editor):
    from operations.reference import reference_load

    reference_load(apps)


class Migration(migrations.Migration):
    dependencies = [("operations", "0001_office_work")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
