from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_create, name="create"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/status/", views.job_status, name="status"),
    path("<int:pk>/download/", views.job_download, name="download"),
    path("<int:pk>/restart/", views.job_restart, name="restart"),
]
