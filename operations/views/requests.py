"""Requests (kiến nghị) of inspections: the list, one request with its answer, answer / close / reopen, the file."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import policy
from accounts.decorators import viewer_required

from .. import rules
from ..filters import RequestFilter
from ..forms import AnswerForm, CloseForm, ReopenForm
from ..models import InspectionRequest
from ..selectors import requests_visible
from ..services import request_answer, request_close, request_reopen
from .common import add_errors, office_only, paginate, stored_file_response


@viewer_required
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    today = datetime.date.today()
    data = request.GET.copy()
    if "district" not in data and policy.district_id_of(request.user):
        data["district"] = str(policy.district_id_of(request.user))  # a district officer starts on their own
    filters = RequestFilter(data, queryset=requests_visible(request.user), today=today)
    ctx = {"filter": filters, "page_obj": paginate(request, filters.qs), "today": today}
    return render(request, "operations/request_list.html", ctx)


def _get(pk: int) -> InspectionRequest:
    return get_object_or_404(
        InspectionRequest.objects.select_related("inspection", "commune", "district", "answered_by", "closed_by"), pk=pk
    )


def _render(request: HttpRequest, item: InspectionRequest, status: int = 200, **forms) -> HttpResponse:
    ctx = {
        "item": item,
        "today": datetime.date.today(),
        "shown_status": item.shown_status(datetime.date.today()),
        "can_answer": policy.can_answer_request(request.user, item.district_id)
        and item.status != rules.RequestStatus.DONE,
        "can_manage": policy.can_manage_operations(request.user),
        "answer_form": forms.get("answer_form") or AnswerForm(initial={"answer": item.answer}),
        "close_form": forms.get("close_form") or CloseForm(),
        "reopen_form": forms.get("reopen_form") or ReopenForm(),
    }
    return render(request, "operations/request_detail.html", ctx, status=status)


@viewer_required
@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, _get(pk))


@viewer_required
@require_POST
def request_answer_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get(pk)
    if not policy.can_answer_request(request.user, item.district_id):
        raise PermissionDenied
    form = AnswerForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            request_answer(
                request=item,
                answer=form.cleaned_data["answer"],
                upload=form.cleaned_data.get("upload"),
                user=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The answer was sent to the office."))
            return redirect(item)
    return _render(request, item, status=400, answer_form=form)


@viewer_required
@require_POST
@office_only
def request_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get(pk)
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _render(request, item, status=400, close_form=form)
    request_close(request=item, user=request.user, note=form.cleaned_data["note"])
    messages.success(request, _("The request is done."))
    return redirect(item)


@viewer_required
@require_POST
@office_only
def request_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get(pk)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        return _render(request, item, status=400, reopen_form=form)
    request_reopen(request=item, user=request.user, note=form.cleaned_data["note"])
    messages.success(request, _("The request is open again; the district is told."))
    return redirect(item)


@viewer_required
@require_GET
def request_file(request: HttpRequest, pk: int):
    item = _get(pk)
    return stored_file_response(item, "answer_file", f"tra-loi-kien-nghi-{item.pk}")
