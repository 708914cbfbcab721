"""A background job's page: its progress bar (updated by static/js/ntm.js, or by reloading without JavaScript),
the download once ready, why it failed, and a retry for a failed or stalled job. Only the job's owner sees it."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import viewer_required

from .models import Job
from .services import JobRefused, job_is_stalled, job_retry, job_start


def _own_job(request: HttpRequest, pk: int) -> Job:
    return get_object_or_404(Job, pk=pk, user=request.user)


@viewer_required
@require_POST
def job_create(request: HttpRequest) -> HttpResponse:
    """POST kind=<registered kind> and its parameters (year): start the job and show its page."""
    kind = request.POST.get("kind", "")
    year = request.POST.get("year", "")
    if not year.isdigit():
        raise Http404
    try:
        job = job_start(kind=kind, params={"year": int(year)}, user=request.user)
    except KeyError:
        raise Http404 from None
    except JobRefused as refused:
        messages.error(request, str(refused))
        return redirect("dashboard:landing")
    return redirect("jobs:detail", pk=job.pk)


@viewer_required
@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _own_job(request, pk)
    return render(request, "jobs/job_detail.html", {"job": job, "stalled": job_is_stalled(job)})


@viewer_required
@require_GET
def job_status(request: HttpRequest, pk: int) -> JsonResponse:
    """{"status", "percent", "done", "total", "error", "stalled"} for the page's progress bar."""
    job = _own_job(request, pk)
    return JsonResponse(
        {
            "status": job.status,
            "percent": job.percent,
            "done": job.done,
            "total": job.total,
            "error": job.error,
            "stalled": job_is_stalled(job),
        }
    )


@viewer_required
@require_GET
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = _own_job(request, pk)
    if job.status != Job.Status.DONE or not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("The file of this job is no longer there; start it again.")) from None
    return FileResponse(handle, as_attachment=True, filename=job.filename)


@viewer_required
@require_POST
def job_restart(request: HttpRequest, pk: int) -> HttpResponse:
    job = _own_job(request, pk)
    try:
        job_retry(job)
    except ValueError:
        messages.info(request, _("This job is still running."))
    return redirect("jobs:detail", pk=job.pk)
