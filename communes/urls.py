from django.urls import path

import criteria.converters  # noqa: F401  registers the "year" path converter

from .views import directory, scorecard, suggest

app_name = "communes"

urlpatterns = [
    path("", directory.commune_list, name="list"),
    path("suggest/", suggest.commune_suggest, name="suggest"),
    path("<int:pk>/", scorecard.commune_scorecard, name="scorecard"),
    path("<int:pk>/<year:year>/edit/", scorecard.commune_entry, name="entry"),
]
