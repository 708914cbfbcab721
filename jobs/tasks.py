"""Celery tasks of the jobs app."""

from celery import shared_task

from .services import job_execute


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def job_run(job_id: int) -> None:
    """Run one background job; delivered again if its worker dies before it finishes (acks_late)."""
    job_execute(job_id)
