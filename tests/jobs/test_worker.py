"""A real Celery worker, through Redis, prepares a province workbook: what `make serve` runs beside gunicorn."""

import pytest
from celery.contrib.testing.worker import start_worker
from django.test import override_settings
from django.urls import reverse

from jobs.models import Job
from ntm.celery import app
from tests.conftest import client_for

pytestmark = pytest.mark.django_db(transaction=True)  # the worker reads the job from its own connection
YEAR = 2014


def test_a_worker_over_redis_runs_the_job_and_the_page_follows_it(office, small_set, commune, ind):
    app.conf.task_always_eager = False
    try:
        with override_settings(CELERY_TASK_ALWAYS_EAGER=False), start_worker(app, perform_ping_check=False):
            client = client_for(office)
            response = client.post(reverse("jobs:create"), {"kind": "province_summary", "year": str(YEAR)})
            job = Job.objects.get()
            status_url = reverse("jobs:status", args=[job.pk])
            for _attempt in range(300):  # the page's script asks once a second; here ten times
                status = client.get(status_url).json()
                if status["status"] in ("done", "failed"):
                    break
                __import__("time").sleep(0.1)
    finally:
        app.conf.task_always_eager = True

    assert response.status_code == 302
    assert status == {**status, "status": "done", "percent": 100, "error": ""}
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
