"""The OCOP register: products, their ratings and re-ratings (office: any; district officers: their communes)."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import policy
from accounts.decorators import viewer_required
from communes.selectors import programme_communes
from ntm.lib.numbers import shown
from provinces.selectors import default_province

from . import rules
from .filters import products_listing
from .forms import OcopProductForm, OcopRatingForm
from .models import Level, OcopProduct, OcopRating
from .selectors import product_status, products_with_current
from .services import ocop_rating_save

PAGE_SIZE = 50


@viewer_required
@require_GET
def product_list(request: HttpRequest) -> HttpResponse:
    ctx = products_listing(request.GET)
    page = Paginator(ctx["products"], PAGE_SIZE).get_page(request.GET.get("page"))
    ctx["page_obj"] = page
    ctx["rows"] = [(product, product_status(product, ctx["today"])) for product in page]
    ctx["can_add"] = policy.can_enter_places(request.user)
    ctx["levels"] = Level.choices
    return render(request, "ocop/ocopproduct_list.html", ctx)


def _editable_communes(user):
    return policy.editable_communes(user, programme_communes(default_province()))


def _product_form(request: HttpRequest, product: OcopProduct | None) -> HttpResponse:
    form = OcopProductForm(
        request.POST if request.method == "POST" else None, instance=product, communes=_editable_communes(request.user)
    )
    if form.is_valid():
        saved = form.save(commit=False)
        saved.created_by = saved.created_by or request.user
        saved.save()
        messages.success(request, _("%(name)s was saved.") % {"name": saved.name})
        return redirect(saved)
    ctx = {"form": form, "product": product}
    return render(request, "ocop/ocopproduct_form.html", ctx, status=400 if form.errors else 200)


@viewer_required
@require_http_methods(["GET", "POST"])
def product_create(request: HttpRequest) -> HttpResponse:
    if not policy.can_enter_places(request.user):
        raise PermissionDenied
    return _product_form(request, None)


def _get_product_for_editor(request: HttpRequest, pk: int) -> OcopProduct:
    product = get_object_or_404(OcopProduct.objects.select_related("commune"), pk=pk)
    if not policy.can_edit_commune(request.user, product.commune):
        raise PermissionDenied
    return product


@viewer_required
@require_http_methods(["GET", "POST"])
def product_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _product_form(request, _get_product_for_editor(request, pk))


@viewer_required
@require_POST
def product_delete(request: HttpRequest, pk: int) -> HttpResponse:
    product = _get_product_for_editor(request, pk)
    product.delete()
    messages.success(request, _("%(name)s was deleted.") % {"name": product.name})
    return redirect("ocop:list")


@viewer_required
@require_GET
def product_detail(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(products_with_current(), pk=pk)
    today = datetime.date.today()
    ratings = product.ratings.select_related("rule", "created_by").order_by("-recognised_on", "-pk")
    ctx = {
        "product": product,
        "ratings": ratings,
        "status": product_status(product, today),
        "today": today,
        "warn_days": rules.WARN_DAYS,
        "can_edit": policy.can_edit_commune(request.user, product.commune),
    }
    return render(request, "ocop/ocopproduct_detail.html", ctx)


@viewer_required
@require_http_methods(["GET", "POST"])
def rating_create(request: HttpRequest, pk: int) -> HttpResponse:
    product = _get_product_for_editor(request, pk)
    return _rating(request, product, OcopRating(product=product))


@viewer_required
@require_http_methods(["GET", "POST"])
def rating_edit(request: HttpRequest, pk: int) -> HttpResponse:
    rating = get_object_or_404(OcopRating.objects.select_related("product__commune"), pk=pk)
    if not policy.can_edit_commune(request.user, rating.product.commune):
        raise PermissionDenied
    return _rating(request, rating.product, rating)


def _rating(request: HttpRequest, product: OcopProduct, rating: OcopRating) -> HttpResponse:
    form = OcopRatingForm(request.POST if request.method == "POST" else None, instance=rating)
    if form.is_valid():
        saved = ocop_rating_save(rating=form.save(commit=False), user=request.user)
        messages.success(
            request,
            _("%(product)s: %(stars)s stars, %(total)s points.")
            % {"product": product.name, "stars": saved.stars, "total": shown(saved.total)},
        )
        return redirect(product)
    ctx = {"form": form, "product": product, "rating": rating if rating.pk else None}
    return render(request, "ocop/ocoprating_form.html", ctx, status=400 if form.errors else 200)


@viewer_required
@require_POST
def rating_delete(request: HttpRequest, pk: int) -> HttpResponse:
    rating = get_object_or_404(OcopRating.objects.select_related("product__commune"), pk=pk)
    if not policy.can_edit_commune(request.user, rating.product.commune):
        raise PermissionDenied
    rating.delete()
    messages.success(request, _("The rating was deleted."))
    return redirect(rating.product)
