"""After a save the page says what is next: what is missing, and the submit step."""

from django.urls import reverse

from tests.conftest import client_for


def _post(client, commune, ind, **values):
    url = reverse("communes:entry", args=[commune.pk, 2014])
    data = {f"ind_{ind[code].pk}": value for code, value in values.items()}
    return client.post(url, data, follow=True)


def test_after_a_partial_save_the_scorecard_lists_what_is_missing(district_officer, commune, ind):
    response = _post(client_for(district_officer), commune, ind, **{"1.1": "80", "1.2": "1"})
    steps = response.context["next_steps"]
    assert steps.not_assessed == 2
    assert [c.number for c in steps.criteria_not_met] == [2, 3]
    assert not steps.ready_to_submit
    html = response.content.decode()
    assert 'id="next-steps"' in html and "Còn 2 chỉ tiêu chưa có số liệu" in html
    assert reverse("workflow:commune_year", args=[commune.pk, 2014]) in html


def test_when_everything_is_met_the_next_step_is_to_submit(district_officer, commune, ind):
    values = {"1.1": "75", "1.2": "1", "2.1": "20", "3.1": "5"}
    response = _post(client_for(district_officer), commune, ind, **values)
    assert response.context["next_steps"].ready_to_submit
    assert 'data-step="ready"' in response.content.decode()


def test_readers_see_no_next_steps(leadership, commune, ind):
    page = client_for(leadership).get(reverse("communes:scorecard", args=[commune.pk]), {"year": 2014})
    assert page.context["next_steps"] is None and 'id="next-steps"' not in page.content.decode()
