from django.urls import path

from . import resources, views

app_name = "dashboard"

urlpatterns = [
    path("", views.landing, name="landing"),  # by role: a district officer's district, the province for others
    path("province/", views.dashboard, name="home"),
    path("national/", views.national, name="national"),  # every province on the server (office, leadership)
    path("districts/<int:pk>/", views.district_detail, name="district"),
    path("api/dashboard/", views.dashboard_api, name="api"),
    path("api/national/", views.national_api, name="national_api"),
    path("work/", views.work_queue, name="work_queue"),
    path("resources/", resources.resources, name="resources"),
]
