from django.urls import path

from . import views

app_name = "capital"

urlpatterns = [
    path("", views.report, name="report"),
    path("lines/", views.line_list, name="list"),
    path("lines/new/", views.line_create, name="create"),
    path("lines/<int:pk>/edit/", views.line_edit, name="edit"),
    path("lines/<int:pk>/delete/", views.line_delete, name="delete"),
]
