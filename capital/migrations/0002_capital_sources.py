from django.db import migrations


def load(apps, schema_editor):
    from capital.reference import sources_load

    sources_load(apps)


class Migration(migrations.Migration):
    dependencies = [("capital", "0001_sources_and_lines")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
