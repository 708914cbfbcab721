"""Downloads of the production and resources lists, the resources table, and its upload -> preview -> confirm.

Lists and the resources table are read by every role, like their pages; the template and the import are for
users who may change the scope (office staff: any; a district officer: their district and its communes).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import policy
from accounts.decorators import viewer_required
from capital.selectors import capital_years
from communes.models import District
from communes.selectors import programme_communes
from provinces.selectors import default_province

from .capital import (
    CapitalPlan,
    Scope,
    capital_apply,
    capital_filename,
    capital_plan,
    capital_table,
    capital_template,
    scope_of,
)
from .forms import CapitalScopeForm, CapitalUploadForm
from .pending import Pending, pending_delete, pending_get, pending_remember_digest, pending_save
from .resources import (
    capital_lines_workbook,
    enterprises_workbook,
    ocop_workbook,
    production_models_workbook,
    trainings_workbook,
)
from .views import _xlsx, _year

CAPITAL = "capital"


def _list_download(builder, filename: str):
    @viewer_required
    @require_GET
    def view(request: HttpRequest) -> HttpResponse:
        return _xlsx(builder(request.GET), filename)

    view.__name__ = builder.__name__.replace("_workbook", "")
    return view


production_models = _list_download(production_models_workbook, "mo-hinh-san-xuat.xlsx")
enterprises = _list_download(enterprises_workbook, "doanh-nghiep-htx.xlsx")
ocop_products = _list_download(ocop_workbook, "san-pham-ocop.xlsx")
capital_lines = _list_download(capital_lines_workbook, "dong-von.xlsx")
trainings = _list_download(trainings_workbook, "tap-huan-xuc-tien.xlsx")


def _scope_form(request: HttpRequest, data=None, *, editable: bool) -> CapitalScopeForm:
    districts, communes = District.objects.current(), programme_communes(default_province())
    if editable:
        districts = policy.editable_districts(request.user, districts)
        communes = policy.editable_communes(request.user, communes)
    initial = {"year": capital_years()[0], "level": "district" if policy.district_id_of(request.user) else "province"}
    return CapitalScopeForm(data, districts=districts, communes=communes, initial=initial)


def _scope(form: CapitalScopeForm) -> Scope:
    data = form.cleaned_data
    return scope_of(data["level"], data.get("district"), data.get("commune"))


@viewer_required
@require_GET
def capital_table_download(request: HttpRequest, year: int) -> HttpResponse:
    scope = None
    if request.GET.get("level"):
        form = _scope_form(request, {**request.GET.dict(), "year": year}, editable=False)
        if not form.is_valid():
            raise Http404
        scope = _scope(form)
    data = capital_table(year=_year(year), scope=scope)
    if data is None:
        raise Http404(_("No list of capital sources covers %(year)s.") % {"year": year})
    return _xlsx(data, capital_filename(year=year, scope=scope, template=False))


@viewer_required
@require_GET
def capital_template_download(request: HttpRequest) -> HttpResponse:
    if not policy.can_enter_places(request.user):
        raise PermissionDenied
    form = _scope_form(request, request.GET, editable=True)
    if not form.is_valid():
        return _upload_page(request, scope_form=form, status=400)
    scope, year = _scope(form), form.cleaned_data["year"]
    if not scope.may_edit(request.user):
        raise PermissionDenied
    data = capital_template(year=year, scope=scope)
    if data is None:
        form.add_error("year", _("No list of capital sources covers %(year)s.") % {"year": year})
        return _upload_page(request, scope_form=form, status=400)
    return _xlsx(data, capital_filename(year=year, scope=scope, template=True))


def _upload_page(request: HttpRequest, *, scope_form=None, upload_form=None, status: int = 200) -> HttpResponse:
    year = request.GET.get("year")
    initial = {"year": year} if year and year.isdigit() else {"year": capital_years()[0]}
    ctx = {
        "scope_form": scope_form or _scope_form(request, editable=True),
        "upload_form": upload_form or CapitalUploadForm(initial=initial),
    }
    return render(request, "excel/capital_upload.html", ctx, status=status)


@viewer_required
@require_http_methods(["GET", "POST"])
def capital_upload(request: HttpRequest) -> HttpResponse:
    if not policy.can_enter_places(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = CapitalUploadForm(request.POST, request.FILES)
        if form.is_valid():
            pending = pending_save(
                request,
                form.cleaned_data["file"],
                name=form.file_name,
                year=form.cleaned_data["year"],
                district_id=None,
                purpose=CAPITAL,
            )
            return redirect("excel:capital_preview", token=pending.token)
        return _upload_page(request, upload_form=form, status=400)
    return _upload_page(request)


def _get_pending(request: HttpRequest, token: str) -> Pending:
    if not policy.can_enter_places(request.user):
        raise PermissionDenied
    pending = pending_get(request, token, purpose=CAPITAL)
    if pending is None:
        raise Http404
    return pending


def _report_url(year: int) -> str:
    return f"{reverse('capital:report')}?year={year}"


@viewer_required
@require_http_methods(["GET", "POST"])
def capital_preview(request: HttpRequest, token: str) -> HttpResponse:
    pending = _get_pending(request, token)
    data = pending.read()
    status = 200
    if request.method == "POST":
        plan, counts = capital_apply(
            data=data, name=pending.name, year=pending.year, user=request.user, digest=pending.digest
        )
        if counts is not None:
            pending_delete(request, pending)
            messages.success(request, _("Imported: %(count)s capital lines changed.") % {"count": counts.total})
            return redirect(_report_url(pending.year))
        status = 400 if not plan.ok else 409
        if plan.ok:
            messages.warning(
                request, _("The figures changed since this preview was shown; check it and confirm again.")
            )
    else:
        plan = capital_plan(data=data, name=pending.name, year=pending.year, user=request.user)
    pending_remember_digest(request, pending, plan.digest())
    return render(request, "excel/capital_preview.html", _preview_ctx(pending, plan), status=status)


def _preview_ctx(pending: Pending, plan: CapitalPlan) -> dict:
    return {"pending": pending, "plan": plan, "counts": plan.counts}


@viewer_required
@require_POST
def capital_cancel(request: HttpRequest, token: str) -> HttpResponse:
    pending = _get_pending(request, token)
    pending_delete(request, pending)
    messages.info(request, _("The import was cancelled; nothing was changed."))
    return redirect(_report_url(pending.year))
