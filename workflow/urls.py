from django.urls import path

from .views import commune_year, district, evidence, registrations

app_name = "workflow"

urlpatterns = [
    path("communes/<int:pk>/<int:year>/", commune_year.commune_year_detail, name="commune_year"),
    path("communes/<int:pk>/<int:year>/history/", commune_year.commune_year_history, name="history"),
    path(
        "communes/<int:pk>/<int:year>/actions/<slug:action>/",
        commune_year.commune_year_step,
        name="transition",
    ),
    path("communes/<int:pk>/<int:year>/evidence/", evidence.evidence_upload, name="evidence_upload"),
    path("evidence/<int:pk>/", evidence.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/delete/", evidence.evidence_remove, name="evidence_delete"),
    path("districts/<int:pk>/<int:year>/", district.district_year, name="district_year"),
    path("registrations/", registrations.registration_list, name="registrations"),
    path("registrations/<int:pk>/delete/", registrations.registration_remove, name="registration_delete"),
]
