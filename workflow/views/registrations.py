"""Registrations: which communes register to reach the standard in which year (office: any; district: own)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import policy
from accounts.decorators import viewer_required
from communes.models import Registration
from communes.selectors import assessment_years, programme_communes, selected_year
from provinces.selectors import default_province

from ..forms import RegistrationForm
from ..services import RegistrationExists, RegistrationLocked, registration_create, registration_delete

PAGE_SIZE = 50


def _list_url(year: int) -> str:
    return f"{reverse('workflow:registrations')}?year={year}"


@viewer_required
@require_http_methods(["GET", "POST"])
def registration_list(request: HttpRequest) -> HttpResponse:
    year = selected_year(request.GET.get("year"), assessment_years())
    editable = policy.editable_communes(request.user, programme_communes(default_province(), year))
    if request.method == "POST" and not editable.exists():  # leadership registers nothing
        raise PermissionDenied
    form = RegistrationForm(request.POST or None, communes=editable, initial={"year": year})
    if form.is_valid():
        commune, year = form.cleaned_data["commune"], form.cleaned_data["year"]
        try:
            registration_create(commune=commune, year=year, user=request.user)
        except RegistrationExists:
            form.add_error("commune", _("This commune is already registered for that year."))
        else:
            messages.success(request, _("%(commune)s is registered for %(year)s.") % {"commune": commune, "year": year})
            return redirect(_list_url(year))
    registrations = Registration.objects.filter(year=year).select_related("commune__district", "registered_by")
    ordered = registrations.order_by("commune__district__sort_name", "commune__sort_name", "pk")
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    on_page = editable.filter(pk__in=[registration.commune_id for registration in page.object_list])
    ctx = {
        "year": year,
        "registrations": page.object_list,
        "page_obj": page,
        "form": form if editable.exists() else None,
        "editable_ids": set(on_page.values_list("pk", flat=True)),  # this page's only: a country holds 10,000
    }
    return render(request, "workflow/registration_list.html", ctx, status=400 if form.errors else 200)


@viewer_required
@require_POST
def registration_remove(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("commune"), pk=pk)
    if not policy.can_register(request.user, registration.commune):
        raise PermissionDenied
    if not request.POST.get("confirm"):  # first ask: withdrawing a registration takes the commune off the year's list
        return render(request, "workflow/registration_confirm_delete.html", {"registration": registration})
    try:
        registration_delete(registration=registration, user=request.user)
    except RegistrationLocked:
        messages.error(
            request,
            _("%(commune)s's year %(year)s is locked: its registration cannot be withdrawn.")
            % {"commune": registration.commune, "year": registration.year},
        )
        return redirect(_list_url(registration.year))
    messages.success(request, _("The registration was withdrawn."))
    return redirect(_list_url(registration.year))
