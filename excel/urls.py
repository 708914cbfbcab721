from django.urls import path

from . import views

app_name = "excel"

urlpatterns = [
    path("province/<int:year>/matrix.xlsx", views.province_matrix, name="province_matrix"),
    path("province/<int:year>/summary.xlsx", views.province_summary, name="province_summary"),
    path("districts/<int:pk>/<int:year>/matrix.xlsx", views.district_matrix, name="district_matrix"),
    path("districts/<int:pk>/<int:year>/template.xlsx", views.district_template, name="district_template"),
    path("districts/<int:pk>/<int:year>/upload/", views.district_upload, name="district_upload"),
    path("imports/<str:token>/", views.import_preview, name="import_preview"),
    path("imports/<str:token>/cancel/", views.import_cancel, name="import_cancel"),
]
