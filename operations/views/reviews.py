"""Classification reviews: commune groups (saved directory filters), reviews and their classification table."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts import policy
from accounts.decorators import viewer_required
from communes.forms import CommuneFilterForm
from communes.selectors import assessment_years, selected_year
from ntm.lib.filenames import words

from ..filters import ReviewFilter
from ..forms import CommuneGroupForm, ReviewEntryFormSet, ReviewForm
from ..models import Review
from ..outputs import review_docx
from ..selectors import group_communes, groups_with_latest
from .common import docx_response, office_only, paginate

FILTER_FIELDS = ("q", "district", "band", "registered_year", "recognised", "in_programme")


@viewer_required
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    filters = ReviewFilter(request.GET, queryset=Review.objects.select_related("group"))
    ctx = {
        "filter": filters,
        "page_obj": paginate(request, filters.qs),
        "groups": groups_with_latest(),
        "can_edit": policy.can_manage_operations(request.user),
    }
    return render(request, "operations/review_list.html", ctx)


@viewer_required
@require_http_methods(["GET", "POST"])
@office_only
def group_create(request: HttpRequest) -> HttpResponse:
    """Save a filter of the commune directory as a group; the page shows which communes it finds now."""
    years = assessment_years()
    year = selected_year(request.GET.get("year"), years)
    source = request.POST if request.method == "POST" else request.GET
    params = {name: source.get(name) for name in FILTER_FIELDS if source.get(name)}
    communes, scores = group_communes(params, year=year)
    directory = CommuneFilterForm(source, years=years, year=year, bands=[b.label for b in scores.bands])
    form = CommuneGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = form.save(commit=False)
        group.params, group.created_by = params, request.user
        group.save()
        messages.success(request, _("The group was saved."))
        return redirect("operations:review_list")
    rows = [(c, scores.count(c.pk)) for c in communes]
    ctx = {"form": form, "directory": directory, "communes": communes, "rows": rows, "year": year}
    return render(request, "operations/group_form.html", ctx, status=400 if request.method == "POST" else 200)


@viewer_required
@require_http_methods(["GET", "POST"])
@office_only
def review_create_view(request: HttpRequest) -> HttpResponse:
    from ..services import review_create

    form = ReviewForm(request.POST or None, initial={"group": request.GET.get("group")})
    if request.method == "POST" and form.is_valid():
        review = review_create(
            user=request.user, **{k: form.cleaned_data[k] for k in ("group", "year", "held_on", "title")}
        )
        review.note = form.cleaned_data["note"]
        review.save(update_fields=["note"])
        messages.success(
            request, _("The review was created with %(count)s communes.") % {"count": review.entries.count()}
        )
        return redirect(review)
    return render(
        request, "operations/review_form.html", {"form": form}, status=400 if request.method == "POST" else 200
    )


@viewer_required
@require_http_methods(["GET", "POST"])
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(Review.objects.select_related("group"), pk=pk)
    can_edit = policy.can_manage_operations(request.user)
    if request.method == "POST" and not can_edit:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    entries = review.entries.select_related("commune__district").order_by(
        "commune__district__sort_name", "commune__sort_name"
    )
    formset = ReviewEntryFormSet(request.POST or None, queryset=entries) if can_edit else None
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            formset.save()
        messages.success(request, _("The classification was saved."))
        return redirect(review)
    ctx = {"review": review, "entries": entries, "formset": formset, "can_edit": can_edit}
    return render(request, "operations/review_detail.html", ctx, status=400 if request.method == "POST" else 200)


@viewer_required
@require_GET
def review_word(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(Review.objects.select_related("group"), pk=pk)
    return docx_response(review_docx(review), f"{words('ra soat', review.group.name, review.year)}.docx")
