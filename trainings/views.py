"""Trainings, study tours and promotion events: the list, one event, and entering them.

Office staff record any; a district officer those of their own district (district- or commune-level, covering
only their district); leadership reads.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import policy
from accounts.decorators import viewer_required
from communes.models import District
from communes.selectors import programme_communes
from provinces.selectors import default_province

from .filters import trainings_listing
from .forms import TrainingForm
from .models import Training
from .selectors import covered_district_ids

PAGE_SIZE = 50


@viewer_required
@require_GET
def training_list(request: HttpRequest) -> HttpResponse:
    ctx = trainings_listing(request.GET)
    ctx["page_obj"] = Paginator(ctx["trainings"], PAGE_SIZE).get_page(request.GET.get("page"))
    ctx["can_add"] = policy.can_enter_places(request.user)
    return render(request, "trainings/training_list.html", ctx)


@viewer_required
@require_GET
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_object_or_404(Training.objects.prefetch_related("districts", "communes__district"), pk=pk)
    ctx = {"training": training, "can_edit": policy.can_edit_places(request.user, covered_district_ids(training))}
    return render(request, "trainings/training_detail.html", ctx)


def _form(request: HttpRequest, training: Training | None) -> HttpResponse:
    form = TrainingForm(
        request.POST if request.method == "POST" else None,
        instance=training,
        user=request.user,
        districts=policy.editable_districts(request.user, District.objects.current()),
        communes=policy.editable_communes(request.user, programme_communes(default_province())),
    )
    if form.is_valid():
        with transaction.atomic():
            saved = form.save(commit=False)
            saved.created_by = saved.created_by or request.user
            saved.save()
            form.save_m2m()
        messages.success(request, _("%(title)s was saved.") % {"title": saved.title})
        return redirect(saved)
    ctx = {"form": form, "training": training}
    return render(request, "trainings/training_form.html", ctx, status=400 if form.errors else 200)


@viewer_required
@require_http_methods(["GET", "POST"])
def training_create(request: HttpRequest) -> HttpResponse:
    if not policy.can_enter_places(request.user):
        raise PermissionDenied
    return _form(request, None)


def _get_for_editor(request: HttpRequest, pk: int) -> Training:
    training = get_object_or_404(Training.objects.prefetch_related("districts", "communes"), pk=pk)
    if not policy.can_edit_places(request.user, covered_district_ids(training)):
        raise PermissionDenied
    return training


@viewer_required
@require_http_methods(["GET", "POST"])
def training_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _form(request, _get_for_editor(request, pk))


@viewer_required
@require_POST
def training_delete(request: HttpRequest, pk: int) -> HttpResponse:
    training = _get_for_editor(request, pk)
    training.delete()
    messages.success(request, _("%(title)s was deleted.") % {"title": training.title})
    return redirect("trainings:list")
