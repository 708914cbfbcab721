from django.db import migrations


def load(apps, schema_editor):
    from ocop.reference import rules_load

    rules_load(apps)


class Migration(migrations.Migration):
    dependencies = [("ocop", "0001_products_ratings_rules")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
