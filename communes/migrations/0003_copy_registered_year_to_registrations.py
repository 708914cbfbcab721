"""Commune.registered_year becomes Registration rows (a commune may register for several years)."""

from django.db import migrations


def copy_forward(apps, schema_editor):
    Commune = apps.get_model("communes", "Commune")
    Registration = apps.get_model("communes", "Registration")
    Registration.objects.bulk_create(
        [
            Registration(commune_id=pk, year=year)
            for pk, year in Commune.objects.exclude(registered_year=None).values_list("pk", "registered_year")
        ],
        ignore_conflicts=True,
    )


def copy_backward(apps, schema_editor):
    """Back to one year per commune: the latest registration."""
    Commune = apps.get_model("communes", "Commune")
    Registration = apps.get_model("communes", "Registration")
    for registration in Registration.objects.order_by("commune_id", "year"):
        Commune.objects.filter(pk=registration.commune_id).update(registered_year=registration.year)


class Migration(migrations.Migration):
    dependencies = [
        ("communes", "0002_commune_years_registrations_history"),
    ]

    operations = [migrations.RunPython(copy_forward, copy_backward)]
