from django.urls import path

from . import views

app_name = "ocop"

urlpatterns = [
    path("", views.product_list, name="list"),
    path("new/", views.product_create, name="create"),
    path("<int:pk>/", views.product_detail, name="detail"),
    path("<int:pk>/edit/", views.product_edit, name="edit"),
    path("<int:pk>/delete/", views.product_delete, name="delete"),
    path("<int:pk>/ratings/new/", views.rating_create, name="rating_create"),
    path("ratings/<int:pk>/edit/", views.rating_edit, name="rating_edit"),
    path("ratings/<int:pk>/delete/", views.rating_delete, name="rating_delete"),
]
