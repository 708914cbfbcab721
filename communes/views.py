from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts import policy
from provinces.models import Province

from .models import Commune, District


@login_required
def home(request: HttpRequest) -> HttpResponse:
    ctx = {
        "provinces": Province.objects.current().count(),
        "districts": District.objects.current().count(),
        "communes": Commune.objects.current().count(),
        "can_use_admin": policy.can_use_admin(request.user),
    }
    return render(request, "communes/home.html", ctx)
