"""Starting, running and retrying background jobs (Celery with Redis as broker; `make run` runs them in-process).

The worker writes progress into the Job row (at most twice a second) and the result file under MEDIA_ROOT/jobs/;
the row points at the file only once it is whole, so a worker killed mid-job leaves no half-written result: the
job shows as stalled and can be started again.
"""

import datetime
import logging
import time

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Job
from .registry import kind_of

logger = logging.getLogger(__name__)

# A running job whose worker has given no sign of life for this long is stalled (the worker died); a job no worker
# has taken for QUEUED_STALLED_AFTER is stalled too (no worker running, or its message lost).
STALLED_AFTER = datetime.timedelta(minutes=2)
QUEUED_STALLED_AFTER = datetime.timedelta(minutes=10)
PROGRESS_EVERY_SECONDS = 0.5


class JobRefused(Exception):
    """The user may not start that job (the message says why)."""


def job_start(*, kind: str, params: dict, user) -> Job:
    """Create the job and hand it to a worker once the transaction commits.

    JobRefused when the kind's rule refuses the user; KeyError for an unknown kind.
    """
    job_kind = kind_of(kind)
    if not job_kind.may_start(user, params):
        raise JobRefused(_("You may not start this job."))
    job = Job.objects.create(kind=kind, params=params, user=user, title=job_kind.title(params))
    _enqueue(job)
    return job


def _enqueue(job: Job) -> None:
    from .tasks import job_run

    transaction.on_commit(lambda: job_run.delay(job.pk))


def job_is_stalled(job: Job, *, now: datetime.datetime | None = None) -> bool:
    """A running job with no sign of life for STALLED_AFTER (its worker was killed), or a job no worker took for
    QUEUED_STALLED_AFTER."""
    now = now or timezone.now()
    if job.status == Job.Status.RUNNING:
        return now - (job.heartbeat_at or job.created_at) > STALLED_AFTER
    if job.status == Job.Status.QUEUED:
        return now - (job.heartbeat_at or job.created_at) > QUEUED_STALLED_AFTER
    return False


def job_retry(job: Job) -> Job:
    """Start a failed or stalled job again from the beginning. ValueError for a job still alive or done."""
    if not (job.status == Job.Status.FAILED or job_is_stalled(job)):
        raise ValueError("only a failed or stalled job is started again")
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.QUEUED, done=0, total=0, error="", heartbeat_at=timezone.now(), finished_at=None
    )
    job.refresh_from_db()
    _enqueue(job)
    return job


def job_execute(job_id: int) -> None:
    """Run the job (called by the Celery task): progress as it goes, then the file, or the reason it failed."""
    job = Job.objects.get(pk=job_id)
    if job.status == Job.Status.DONE:
        return  # delivered twice (acks_late): nothing to do
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, attempts=job.attempts + 1, heartbeat_at=now, done=0, total=0
    )
    last = [0.0]

    def progress(done: int, total: int) -> None:
        moment = time.monotonic()
        if moment - last[0] >= PROGRESS_EVERY_SECONDS or done >= total:
            last[0] = moment
            Job.objects.filter(pk=job.pk).update(done=done, total=total, heartbeat_at=timezone.now())

    try:
        data, filename = kind_of(job.kind).build(job.params, progress)
    except Exception as error:  # the page says why; the log has the trace
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED, error=_describe(error), finished_at=timezone.now()
        )
        return
    job.refresh_from_db()
    job.file.save(filename, ContentFile(data), save=False)  # written whole before the row points at it
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.DONE, file=job.file.name, filename=filename, finished_at=timezone.now()
    )


def _describe(error: Exception) -> str:
    message = getattr(error, "message", None) or str(error)
    return message or error.__class__.__name__
