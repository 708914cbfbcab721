"""Production models, their size thresholds and the enterprises and cooperatives of each commune.

Everyone with a role reads every list; office staff change everything, a district officer the records of their
own district's communes, leadership nothing (`accounts.policy`). The thresholds are the office's setting.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import policy
from accounts.decorators import viewer_required
from communes.selectors import programme_communes
from provinces.selectors import default_province

from . import rules
from .filters import enterprises_listing, models_listing
from .forms import EnterpriseForm, ModelYearFormSet, ProductionModelForm, SizeThresholdsForm
from .models import Enterprise, ProductionModel, SizeThresholds
from .selectors import thresholds_for_year, thresholds_versions

PAGE_SIZE = 50


def _editable_communes(user):
    return policy.editable_communes(user, programme_communes(default_province()))


def _require_entry(request: HttpRequest) -> None:
    if not policy.can_enter_places(request.user):
        raise PermissionDenied


@viewer_required
@require_GET
def model_list(request: HttpRequest) -> HttpResponse:
    ctx = models_listing(request.GET)
    ctx["page_obj"] = Paginator(ctx["models"], PAGE_SIZE).get_page(request.GET.get("page"))
    ctx["can_add"] = policy.can_enter_places(request.user)
    return render(request, "production/productionmodel_list.html", ctx)


def _model_form(request: HttpRequest, model: ProductionModel | None) -> HttpResponse:
    form = ProductionModelForm(
        request.POST if request.method == "POST" else None, instance=model, communes=_editable_communes(request.user)
    )
    formset = ModelYearFormSet(
        request.POST if request.method == "POST" else None, instance=model or ProductionModel(), prefix="years"
    )
    if request.method == "POST" and form.is_valid():
        formset.instance = form.instance
        if formset.is_valid():
            with transaction.atomic():
                saved = form.save(commit=False)
                saved.created_by = saved.created_by or request.user
                saved.save()
                formset.instance = saved
                formset.save()
            messages.success(request, _("The production model %(name)s was saved.") % {"name": saved.name})
            return redirect(saved)
    status = 400 if request.method == "POST" else 200
    ctx = {"form": form, "formset": formset, "model": model}
    return render(request, "production/productionmodel_form.html", ctx, status=status)


@viewer_required
@require_http_methods(["GET", "POST"])
def model_create(request: HttpRequest) -> HttpResponse:
    _require_entry(request)
    return _model_form(request, None)


def _get_model_for_editor(request: HttpRequest, pk: int) -> ProductionModel:
    model = get_object_or_404(ProductionModel.objects.select_related("commune"), pk=pk)
    if not policy.can_edit_commune(request.user, model.commune):
        raise PermissionDenied
    return model


@viewer_required
@require_http_methods(["GET", "POST"])
def model_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _model_form(request, _get_model_for_editor(request, pk))


@viewer_required
@require_GET
def model_detail(request: HttpRequest, pk: int) -> HttpResponse:
    model = get_object_or_404(ProductionModel.objects.select_related("commune__district", "created_by"), pk=pk)
    versions = thresholds_versions()
    figures = [
        (row, rules.model_size(row.revenue, thresholds_for_year(row.year, versions)))
        for row in model.years.order_by("-year")
    ]
    ctx = {"model": model, "figures": figures, "can_edit": policy.can_edit_commune(request.user, model.commune)}
    return render(request, "production/productionmodel_detail.html", ctx)


@viewer_required
@require_POST
def model_delete(request: HttpRequest, pk: int) -> HttpResponse:
    model = _get_model_for_editor(request, pk)
    model.delete()
    messages.success(request, _("The production model %(name)s was deleted.") % {"name": model.name})
    return redirect("production:model_list")


# Size thresholds ----------------------------------------------------------------------------------------


@viewer_required
@require_http_methods(["GET", "POST"])
def thresholds_list(request: HttpRequest) -> HttpResponse:
    can_edit = policy.can_edit_reference(request.user)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    form = SizeThresholdsForm(request.POST if request.method == "POST" else None) if can_edit else None
    if form is not None and form.is_valid():
        version = form.save(commit=False)
        version.updated_by = request.user
        version.save()
        messages.success(
            request, _("The new thresholds apply from %(date)s.") % {"date": version.valid_from.strftime("%d/%m/%Y")}
        )
        return redirect("production:thresholds")
    ctx = {"versions": SizeThresholds.objects.select_related("updated_by"), "form": form, "can_edit": can_edit}
    return render(request, "production/sizethresholds_list.html", ctx, status=400 if form and form.errors else 200)


@viewer_required
@require_http_methods(["GET", "POST"])
def thresholds_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not policy.can_edit_reference(request.user):
        raise PermissionDenied
    version = get_object_or_404(SizeThresholds, pk=pk)
    form = SizeThresholdsForm(request.POST if request.method == "POST" else None, instance=version)
    if form.is_valid():
        version = form.save(commit=False)
        version.updated_by = request.user
        version.save()
        messages.success(request, _("The thresholds were saved."))
        return redirect("production:thresholds")
    ctx = {"form": form, "version": version}
    return render(request, "production/sizethresholds_form.html", ctx, status=400 if form.errors else 200)


# Enterprises and cooperatives ---------------------------------------------------------------------------


@viewer_required
@require_GET
def enterprise_list(request: HttpRequest) -> HttpResponse:
    ctx = enterprises_listing(request.GET)
    ctx["page_obj"] = Paginator(ctx["enterprises"], PAGE_SIZE).get_page(request.GET.get("page"))
    ctx["can_add"] = policy.can_enter_places(request.user)
    ctx["editable_ids"] = set(_editable_communes(request.user).values_list("pk", flat=True))
    return render(request, "production/enterprise_list.html", ctx)


def _enterprise_form(request: HttpRequest, enterprise: Enterprise | None) -> HttpResponse:
    form = EnterpriseForm(
        request.POST if request.method == "POST" else None,
        instance=enterprise,
        communes=_editable_communes(request.user),
    )
    if form.is_valid():
        saved = form.save(commit=False)
        saved.created_by = saved.created_by or request.user
        saved.save()
        messages.success(request, _("%(name)s was saved.") % {"name": saved.name})
        return redirect(f"{reverse('production:enterprise_list')}?commune={saved.commune_id}")
    ctx = {"form": form, "enterprise": enterprise}
    return render(request, "production/enterprise_form.html", ctx, status=400 if form.errors else 200)


@viewer_required
@require_http_methods(["GET", "POST"])
def enterprise_create(request: HttpRequest) -> HttpResponse:
    _require_entry(request)
    return _enterprise_form(request, None)


def _get_enterprise_for_editor(request: HttpRequest, pk: int) -> Enterprise:
    enterprise = get_object_or_404(Enterprise.objects.select_related("commune"), pk=pk)
    if not policy.can_edit_commune(request.user, enterprise.commune):
        raise PermissionDenied
    return enterprise


@viewer_required
@require_http_methods(["GET", "POST"])
def enterprise_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _enterprise_form(request, _get_enterprise_for_editor(request, pk))


@viewer_required
@require_POST
def enterprise_delete(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = _get_enterprise_for_editor(request, pk)
    enterprise.delete()
    messages.success(request, _("%(name)s was deleted.") % {"name": enterprise.name})
    return redirect("production:enterprise_list")
