from django.urls import path

import criteria.converters  # noqa: F401  registers the "year" path converter

from .views import commune_year, district, evidence, registrations

app_name = "workflow"

urlpatterns = [
    path("communes/<int:pk>/<year:year>/", commune_year.commune_year_detail, name="commune_year"),
    path("communes/<int:pk>/<year:year>/history/", commune_year.commune_year_history, name="history"),
    path(
        "communes/<int:pk>/<year:year>/actions/<slug:action>/",
        commune_year.commune_year_step,
        name="transition",
    ),
    path("communes/<int:pk>/<year:year>/evidence/", evidence.evidence_upload, name="evidence_upload"),
    path("evidence/<int:pk>/", evidence.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/delete/", evidence.evidence_remove, name="evidence_delete"),
    path("districts/<int:pk>/<year:year>/", district.district_year, name="district_year"),
    path("registrations/", registrations.registration_list, name="registrations"),
    path("registrations/<int:pk>/delete/", registrations.registration_remove, name="registration_delete"),
]
