"""Pages and exports seen by a signed-in user are never kept in a shared office computer's browser cache."""

import pytest
from django.urls import reverse

from tests.conftest import client_for


@pytest.mark.parametrize(
    "url",
    [
        lambda district: reverse("dashboard:home"),
        lambda district: reverse("excel:district_matrix", args=[district.pk, 2014]),
        lambda district: reverse("excel:district_template", args=[district.pk, 2014]),
        lambda district: reverse("admin:index"),
        lambda district: "/no-such-page/",
    ],
    ids=["dashboard", "matrix export", "template", "admin", "404"],
)
def test_every_response_to_a_signed_in_user_is_private_and_not_stored(office, district, small_set, url):
    response = client_for(office).get(url(district))
    assert response["Cache-Control"] == "private, no-store"
    assert "Expires" not in response
