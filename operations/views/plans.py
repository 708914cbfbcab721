"""The year's plan: the list, a plan with its targets and named communes against what happened, its revisions."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import policy
from accounts.decorators import viewer_required
from provinces.selectors import default_province

from ..filters import PlanFilter
from ..forms import PlanCommuneForm, PlanForm, PlanReviseForm, PlanTargetFormSet
from ..models import PlanCommune, YearPlan
from ..selectors import plan_progress
from ..services import plan_communes_from_registrations, plan_create, plan_revise
from .common import office_only, paginate


@viewer_required
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    filters = PlanFilter(request.GET, queryset=YearPlan.objects.select_related("document"))
    ctx = {
        "filter": filters,
        "page_obj": paginate(request, filters.qs),
        "can_edit": policy.can_manage_operations(request.user),
    }
    return render(request, "operations/plan_list.html", ctx)


@viewer_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(YearPlan.objects.select_related("province", "document"), pk=pk)
    ctx = {
        "plan": plan,
        "progress": plan_progress(plan=plan),
        "can_edit": policy.can_manage_operations(request.user),
        "commune_form": PlanCommuneForm(),
        "revise_form": PlanReviseForm(),
    }
    return render(request, "operations/plan_detail.html", ctx)


@viewer_required
@require_http_methods(["GET", "POST"])
@office_only
def plan_create_view(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = plan_create(
                province=default_province(),
                year=data["year"],
                adopted_on=data["adopted_on"],
                document=data["document"],
                note=data["note"],
                user=request.user,
            )
        except IntegrityError:
            form.add_error("year", _("Year: this year has a plan already; revise it instead."))
        else:
            messages.success(request, _("The plan was created; enter its targets."))
            return redirect("operations:plan_edit", pk=plan.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "operations/plan_form.html", {"form": form}, status=status)


@viewer_required
@require_http_methods(["GET", "POST"])
@office_only
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(YearPlan, pk=pk)
    targets = plan.targets.select_related("district").order_by("district__sort_name")
    formset = PlanTargetFormSet(request.POST or None, queryset=targets)
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            formset.save()
        messages.success(request, _("The targets were saved."))
        return redirect(plan)
    status = 400 if request.method == "POST" else 200
    return render(request, "operations/plan_edit.html", {"plan": plan, "formset": formset}, status=status)


@viewer_required
@require_POST
@office_only
def plan_revise_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(YearPlan, pk=pk)
    form = PlanReviseForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(plan)
    revised = plan_revise(plan=plan, user=request.user, **form.cleaned_data)
    messages.success(request, _("Revision %(revision)s created; change its targets.") % {"revision": revised.revision})
    return redirect("operations:plan_edit", pk=revised.pk)


@viewer_required
@require_POST
@office_only
def plan_communes(request: HttpRequest, pk: int) -> HttpResponse:
    """Name a commune in the plan, remove one (`remove`), or name every registered commune (`registered`)."""
    plan = get_object_or_404(YearPlan, pk=pk)
    if request.POST.get("registered"):
        added = plan_communes_from_registrations(plan=plan)
        messages.success(request, _("%(count)s registered communes added.") % {"count": added})
    elif request.POST.get("remove"):
        PlanCommune.objects.filter(plan=plan, commune_id=request.POST["remove"]).delete()
    else:
        form = PlanCommuneForm(request.POST)
        if form.is_valid():
            PlanCommune.objects.get_or_create(plan=plan, commune=form.cleaned_data["commune"])
        else:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
    return redirect(plan)
