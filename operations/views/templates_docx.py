"""Word templates: which template each kind of document uses, upload a replacement, download, back to the default."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import viewer_required
from workflow import filetypes

from ..forms import WordTemplateForm
from ..models import WordTemplate
from ..services import stored_file_attach
from ..word import PLACEHOLDERS, default_template
from .common import docx_response, office_only


@viewer_required
@require_http_methods(["GET", "POST"])
@office_only
def template_list(request: HttpRequest) -> HttpResponse:
    form = WordTemplateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        template = WordTemplate.objects.filter(kind=form.cleaned_data["kind"]).first() or WordTemplate(
            kind=form.cleaned_data["kind"]
        )
        old = template.file.name if template.pk else None
        stored_file_attach(template, "file", form.cleaned_data["upload"], (filetypes.DOCX,))
        template.uploaded_by = request.user
        template.save()
        if old:
            template.file.storage.delete(old)
        messages.success(request, _("The template was replaced."))
        return redirect("operations:templates")
    stored = {t.kind: t for t in WordTemplate.objects.select_related("uploaded_by")}
    rows = [(value, label, stored.get(value)) for value, label in WordTemplate.Kind.choices]
    ctx = {"form": form, "rows": rows, "placeholders": PLACEHOLDERS.items()}
    return render(request, "operations/templates.html", ctx, status=400 if request.method == "POST" else 200)


@viewer_required
@require_GET
@office_only
def template_download(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in WordTemplate.Kind.values:
        from django.http import Http404

        raise Http404
    stored = WordTemplate.objects.filter(kind=kind).first()
    data = stored.file.open("rb").read() if stored else default_template()
    return docx_response(data, f"mau-{kind}.docx")


@viewer_required
@require_POST
@office_only
def template_reset(request: HttpRequest, kind: str) -> HttpResponse:
    template = get_object_or_404(WordTemplate, kind=kind)
    template.file.delete(save=False)
    template.delete()
    messages.success(request, _("The shipped default template is used again."))
    return redirect("operations:templates")
