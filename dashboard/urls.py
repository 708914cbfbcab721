from django.urls import path

from . import resources, views

app_name = "dashboard"

urlpatterns = [
    path("", views.dashboard, name="home"),
    path("districts/<int:pk>/", views.district_detail, name="district"),
    path("api/dashboard/", views.dashboard_api, name="api"),
    path("resources/", resources.resources, name="resources"),
]
