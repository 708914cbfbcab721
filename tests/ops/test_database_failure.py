"""The database dies in the middle of saving a commune's values: the user gets the 500 page, and the
commune-year keeps all of its old values or gets all of the new ones, never a mix."""

from decimal import Decimal

import psycopg2
import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from communes.models import Assessment
from communes.services import assessments_save
from criteria.models import Indicator

WRITES = ("INSERT", "UPDATE", "DELETE")


def _terminate(pid: int) -> None:
    """Kill one PostgreSQL backend from a second connection, as a crash or an administrator would."""
    db = connection.settings_dict
    killer = psycopg2.connect(
        dbname=db["NAME"],
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
    )
    killer.autocommit = True
    try:
        with killer.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])
    finally:
        killer.close()


class KillAfterFirstWrite:
    """A database execute wrapper: once the first write to the assessments has run, the connection dies."""

    def __init__(self):
        self.killed = False

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not self.killed and sql.lstrip().upper().startswith(WRITES) and '"communes_assessment"' in sql:
            self.killed = True
            _terminate(context["connection"].connection.info.backend_pid)
        return result


def _values(commune, year):
    return {
        a.indicator.code: (a.yes_no, a.percent, a.amount)
        for a in Assessment.objects.filter(commune=commune, year=year).select_related("indicator")
    }


@pytest.mark.django_db(transaction=True)
def test_database_killed_mid_save_gives_the_500_page_and_no_half_written_commune_year(
    office, commune, small_set, caplog
):
    ind = {i.code: i for i in Indicator.objects.filter(criterion__criteria_set=small_set)}
    assessments_save(commune=commune, year=2014, values={ind["1.1"].pk: Decimal("60"), ind["1.2"].pk: True}, user=None)
    before = _values(commune, 2014)
    client = Client(raise_request_exception=False)
    client.force_login(office)
    new_values = {f"ind_{ind['1.1'].pk}": "75", f"ind_{ind['1.2'].pk}": "0", f"ind_{ind['2.1'].pk}": "20"}
    new_values[f"ind_{ind['3.1'].pk}"] = "5"

    killer = KillAfterFirstWrite()
    try:
        with connection.execute_wrapper(killer):
            response = client.post(reverse("communes:entry", args=[commune.pk, 2014]), new_values)
    finally:
        connection.close()  # the killed connection; the next query opens a new one

    assert killer.killed
    assert response.status_code == 500
    assert "500.html" in [t.name for t in response.templates]
    page = response.content.decode()
    with translation.override("vi"):
        assert translation.gettext("Server error") in page
    assert 'lang="vi"' in page and "Traceback" not in page and "psycopg2" not in page
    assert _values(commune, 2014) == before  # all of the old values, none of the new
    assert any(r.name == "django.request" and r.levelname == "ERROR" for r in caplog.records)
