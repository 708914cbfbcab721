"""The document register (sổ văn bản): list with search and filters, record, edit, file download, next number."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts import policy
from accounts.decorators import viewer_required

from ..filters import DocumentFilter
from ..forms import DocumentForm, DocumentTypeChoiceForm
from ..models import Document, DocumentType
from ..services import document_number_proposal, document_save
from .common import add_errors, office_only, paginate, stored_file_response


def document_queryset():
    return Document.objects.select_related("doc_type")


@viewer_required
@require_GET
def document_list(request: HttpRequest) -> HttpResponse:
    filters = DocumentFilter(request.GET, queryset=document_queryset())
    ctx = {
        "filter": filters,
        "page_obj": paginate(request, filters.qs),
        "can_edit": policy.can_manage_operations(request.user),
    }
    return render(request, "operations/document_list.html", ctx)


@viewer_required
@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(document_queryset().prefetch_related("communes", "districts", "criteria"), pk=pk)
    ctx = {
        "document": document,
        "inspections": document.inspections.all(),
        "can_edit": policy.can_manage_operations(request.user),
    }
    return render(request, "operations/document_detail.html", ctx)


def _edit(request: HttpRequest, document: Document | None) -> HttpResponse:
    initial = {}
    if document is None and request.method == "GET":
        doc_type = (
            DocumentType.objects.filter(pk=request.GET.get("doc_type") or 0).first() or DocumentType.objects.first()
        )
        today = datetime.date.today()
        if doc_type is not None:
            sequence, number = document_number_proposal(doc_type=doc_type, year=today.year)
            initial = {"doc_type": doc_type, "sequence": sequence, "number": number, "date": today}
    form = DocumentForm(request.POST or None, request.FILES or None, instance=document, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = document_save(
                document=form.save(commit=False),
                upload=form.cleaned_data.get("upload"),
                user=request.user,
                save_m2m=form.save_m2m,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The document was saved."))
            return redirect(saved)
    status = 400 if request.method == "POST" else 200
    return render(request, "operations/document_form.html", {"form": form, "document": document}, status=status)


@viewer_required
@require_http_methods(["GET", "POST"])
@office_only
def document_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


@viewer_required
@require_http_methods(["GET", "POST"])
@office_only
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, get_object_or_404(Document, pk=pk))


@viewer_required
@require_GET
def document_file(request: HttpRequest, pk: int):
    document = get_object_or_404(Document, pk=pk)
    return stored_file_response(document, "file", f"van-ban-{document.pk}")


@viewer_required
@require_GET
@office_only
def document_next_number(request: HttpRequest) -> JsonResponse:
    """The number a new issued document of a type would get in a year: {"sequence": 12, "number": "12/KH-VPĐP"}."""
    form = DocumentTypeChoiceForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"errors": {k: [str(m) for m in v] for k, v in form.errors.items()}}, status=400)
    sequence, number = document_number_proposal(doc_type=form.cleaned_data["doc_type"], year=form.cleaned_data["year"])
    return JsonResponse({"sequence": sequence, "number": number}, json_dumps_params={"ensure_ascii": False})
