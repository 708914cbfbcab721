from django.urls import path

import criteria.converters  # noqa: F401  registers the "year" path converter

from . import operations, resources_views, targets_views, views

app_name = "excel"

urlpatterns = [
    path("province/<year:year>/matrix.xlsx", views.province_matrix, name="province_matrix"),
    path("province/<year:year>/summary.xlsx", views.province_summary, name="province_summary"),
    path("districts/<int:pk>/<year:year>/matrix.xlsx", views.district_matrix, name="district_matrix"),
    path("districts/<int:pk>/<year:year>/template.xlsx", views.district_template, name="district_template"),
    path("districts/<int:pk>/<year:year>/upload/", views.district_upload, name="district_upload"),
    path("mine/<year:year>/template.xlsx", views.own_template, name="own_template"),
    path("mine/<year:year>/upload/", views.own_upload, name="own_upload"),
    path("imports/<str:token>/", views.import_preview, name="import_preview"),
    path("imports/<str:token>/cancel/", views.import_cancel, name="import_cancel"),
    # the office's work (operations app)
    path("operations/documents.xlsx", operations.documents_xlsx, name="documents"),
    path("operations/inspections.xlsx", operations.inspections_xlsx, name="inspections"),
    path(
        "operations/inspections/<int:pk>/findings.xlsx", operations.inspection_findings_xlsx, name="inspection_findings"
    ),
    path("operations/requests.xlsx", operations.requests_xlsx, name="requests"),
    path("operations/findings.xlsx", operations.findings_xlsx, name="findings"),
    path("operations/plans.xlsx", operations.plans_xlsx, name="plans"),
    path("operations/agenda.xlsx", operations.agenda_xlsx, name="agenda"),
    path("operations/reviews/<int:pk>.xlsx", operations.review_xlsx, name="review"),
]

# Production and resources (excel/resources_views.py)
urlpatterns += [
    path("production/models.xlsx", resources_views.production_models, name="production_models"),
    path("production/enterprises.xlsx", resources_views.enterprises, name="enterprises"),
    path("ocop/products.xlsx", resources_views.ocop_products, name="ocop_products"),
    path("trainings.xlsx", resources_views.trainings, name="trainings"),
    path("capital/lines.xlsx", resources_views.capital_lines, name="capital_lines"),
    path("capital/<int:year>/table.xlsx", resources_views.capital_table_download, name="capital_table"),
    path("capital/template.xlsx", resources_views.capital_template_download, name="capital_template"),
    path("capital/import/", resources_views.capital_upload, name="capital_upload"),
    path("capital/import/<str:token>/", resources_views.capital_preview, name="capital_preview"),
    path("capital/import/<str:token>/cancel/", resources_views.capital_cancel, name="capital_cancel"),
]

# The bulk targets sheet of a criteria set (excel/targets_views.py)
urlpatterns += [
    path("criteria/<int:pk>/targets.xlsx", targets_views.targets_download, name="targets_download"),
    path("criteria/<int:pk>/targets/", targets_views.targets_upload, name="targets_upload"),
    path("criteria/targets/<str:token>/", targets_views.targets_preview, name="targets_preview"),
    path("criteria/targets/<str:token>/cancel/", targets_views.targets_cancel, name="targets_cancel"),
]
