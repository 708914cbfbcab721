"""Long work in the background: the province workbooks are prepared by a job with a progress bar, delivered by a
real Celery worker through Redis; a failure says why; a job whose worker died can be started again, and nothing
half-written is ever offered."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from jobs.models import Job
from jobs.registry import register
from jobs.services import STALLED_AFTER, job_execute, job_is_stalled, job_retry, job_start
from tests.conftest import client_for

YEAR = 2014


@pytest.fixture
def province_data(small_set, commune, second_commune, other_commune, ind):
    """A province of three communes under the small criteria set."""
    return small_set


def _start(client, kind: str, year: int = YEAR):
    return client.post(reverse("jobs:create"), {"kind": kind, "year": str(year)})


def test_the_dashboard_button_starts_a_job_whose_page_offers_the_file(
    office, province_data, django_capture_on_commit_callbacks
):
    client = client_for(office)
    with django_capture_on_commit_callbacks(execute=True):  # the job runs once the request's transaction commits
        response = _start(client, "province_matrix")
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[job.pk])

    page = client.get(response.url).content.decode()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.percent == 100 and job.total == 3  # three communes written
    assert 'id="job-download"' in page and job.filename in page

    download = client.get(reverse("jobs:download", args=[job.pk]))
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert job.filename == f"ma-tran-tinh-ha-tinh-{YEAR}.xlsx"
    assert "_codes" in workbook.sheetnames


def test_another_user_cannot_see_or_download_someone_elses_job(office, district_officer, province_data):
    job = Job.objects.create(kind="province_matrix", params={"year": YEAR}, user=office, title="t")
    for name in ("jobs:detail", "jobs:status", "jobs:download"):
        assert client_for(district_officer).get(reverse(name, args=[job.pk])).status_code == 404


def test_a_failing_job_says_why_and_can_be_started_again(office, django_capture_on_commit_callbacks):
    def broken(params, progress):
        progress(1, 4)
        raise ValueError("Sổ liệu hỏng ở dòng 7")

    register("test_broken", broken, title=lambda params: "Hỏng", may_start=lambda user, params: True)
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(kind="test_broken", params={"year": YEAR}, user=office)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.error == "Sổ liệu hỏng ở dòng 7" and not job.file

    page = client_for(office).get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Sổ liệu hỏng ở dòng 7" in page and 'id="job-restart"' in page
    with django_capture_on_commit_callbacks(execute=True):
        job_retry(job)
    job.refresh_from_db()
    assert job.attempts == 2


def test_a_job_whose_worker_died_is_stalled_offers_nothing_and_runs_again_whole(office, province_data):
    job = Job.objects.create(kind="province_matrix", params={"year": YEAR}, user=office, title="t")
    # The worker took it, wrote some progress, then was killed: the row says running, with no file.
    long_ago = timezone.now() - STALLED_AFTER - datetime.timedelta(seconds=1)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, done=1, total=3, heartbeat_at=long_ago)
    job.refresh_from_db()

    assert job_is_stalled(job)
    assert client_for(office).get(reverse("jobs:download", args=[job.pk])).status_code == 404
    assert 'id="job-stalled"' in client_for(office).get(reverse("jobs:detail", args=[job.pk])).content.decode()

    job_retry(job)
    job_execute(job.pk)  # what the worker does with the message retry_job sends
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.file


def test_a_job_still_alive_is_not_started_twice(office, province_data):
    job = Job.objects.create(kind="province_matrix", params={"year": YEAR}, user=office, title="t")
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, heartbeat_at=timezone.now())
    job.refresh_from_db()
    with pytest.raises(ValueError):
        job_retry(job)


def test_an_unknown_kind_or_a_missing_year_starts_nothing(office):
    client = client_for(office)
    assert _start(client, "format_the_disk").status_code == 404
    assert client.post(reverse("jobs:create"), {"kind": "province_matrix"}).status_code == 404
    assert not Job.objects.exists()
