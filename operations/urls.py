from django.urls import path

from .views import calendar, documents, inspections, plans, requests, reviews, templates_docx

app_name = "operations"

urlpatterns = [
    # work calendar
    path("calendar/", calendar.calendar_page, name="calendar"),
    path("calendar/events.json", calendar.calendar_events, name="calendar_events"),
    path("calendar/agenda/", calendar.agenda, name="agenda"),
    path("calendar/entries/new/", calendar.entry_create, name="entry_create"),
    path("calendar/entries/<int:pk>/", calendar.entry_detail, name="entry_detail"),
    path("calendar/entries/<int:pk>/edit/", calendar.entry_edit, name="entry_edit"),
    path("calendar/entries/<int:pk>/delete/", calendar.entry_delete, name="entry_delete"),
    path("calendar/feed/", calendar.feed_page, name="feed"),
    path("calendar/feed/reset/", calendar.feed_reset, name="feed_reset"),
    path("calendar/ics/<str:token>.ics", calendar.ics_feed, name="ics"),
    # inspections, findings, requests
    path("inspections/", inspections.inspection_list, name="inspection_list"),
    path("inspections/new/", inspections.inspection_create, name="inspection_create"),
    path("inspections/<int:pk>/", inspections.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/edit/", inspections.inspection_edit, name="inspection_edit"),
    path("inspections/<int:pk>/status/", inspections.inspection_step, name="inspection_step"),
    path("inspections/<int:pk>/notice.docx", inspections.inspection_notice, name="inspection_notice"),
    path("inspections/<int:pk>/visits/new/", inspections.visit_edit, name="visit_create"),
    path("inspections/<int:pk>/visits/<int:visit_pk>/edit/", inspections.visit_edit, name="visit_edit"),
    path("inspections/<int:pk>/requests/new/", inspections.request_create_view, name="request_create"),
    path("visits/<int:pk>/", inspections.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/record.docx", inspections.visit_record, name="visit_record"),
    path("visits/<int:pk>/findings/new/", inspections.finding_edit, name="finding_create"),
    path("visits/<int:pk>/findings/<int:finding_pk>/edit/", inspections.finding_edit, name="finding_edit"),
    path("visits/<int:pk>/findings/<int:finding_pk>/delete/", inspections.finding_delete, name="finding_delete"),
    path("findings/", inspections.finding_list, name="finding_list"),
    path("requests/", requests.request_list, name="request_list"),
    path("requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/answer/", requests.request_answer_view, name="request_answer"),
    path("requests/<int:pk>/close/", requests.request_close_view, name="request_close"),
    path("requests/<int:pk>/reopen/", requests.request_reopen_view, name="request_reopen"),
    path("requests/<int:pk>/file/", requests.request_file, name="request_file"),
    # document register
    path("documents/", documents.document_list, name="document_list"),
    path("documents/new/", documents.document_create, name="document_create"),
    path("documents/next-number/", documents.document_next_number, name="document_next_number"),
    path("documents/<int:pk>/", documents.document_detail, name="document_detail"),
    path("documents/<int:pk>/edit/", documents.document_edit, name="document_edit"),
    path("documents/<int:pk>/file/", documents.document_file, name="document_file"),
    # the year's plan
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/new/", plans.plan_create_view, name="plan_create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/revise/", plans.plan_revise_view, name="plan_revise"),
    path("plans/<int:pk>/communes/", plans.plan_communes, name="plan_communes"),
    # classification reviews
    path("reviews/", reviews.review_list, name="review_list"),
    path("reviews/groups/new/", reviews.group_create, name="group_create"),
    path("reviews/new/", reviews.review_create_view, name="review_create"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review_detail"),
    path("reviews/<int:pk>/review.docx", reviews.review_word, name="review_word"),
    # Word templates
    path("word-templates/", templates_docx.template_list, name="templates"),
    path("word-templates/<slug:kind>.docx", templates_docx.template_download, name="template_download"),
    path("word-templates/<slug:kind>/reset/", templates_docx.template_reset, name="template_reset"),
]
