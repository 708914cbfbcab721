from django.db import migrations


def load(apps, schema_editor):
    from production.reference import thresholds_load

    thresholds_load(apps)


class Migration(migrations.Migration):
    dependencies = [("production", "0001_models_enterprises_thresholds")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
