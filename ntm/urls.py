from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

admin.site.site_header = "NTM Tracker"
admin.site.site_title = "NTM Tracker"

urlpatterns = [
    path("", include("dashboard.urls")),
    path("communes/", include("communes.urls")),
    path("excel/", include("excel.urls")),
    path("workflow/", include("workflow.urls")),
    path("notifications/", include("notifications.urls")),
    path("operations/", include("operations.urls")),
    path("production/", include("production.urls")),
    path("ocop/", include("ocop.urls")),
    path("capital/", include("capital.urls")),
    path("trainings/", include("trainings.urls")),
    path("jobs/", include("jobs.urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("ops.urls")),  # /healthz
]
