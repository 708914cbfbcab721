"""Trainings and events: entry by role, the calendar's events, and the dashboard section's counts."""

import datetime
import random

import pytest
from django.urls import reverse

from communes.models import Commune
from tests.conftest import client_for
from trainings.models import Training
from trainings.selectors import trainings_between, trainings_board


def _training(
    title="Lớp",
    kind="course",
    level="province",
    start=datetime.date(2014, 5, 10),
    days=1,
    participants=50,
    districts=(),
    communes=(),
    officials=None,
    residents=None,
):
    training = Training.objects.create(
        title=title,
        kind=kind,
        level=level,
        organiser="VPĐP",
        starts_on=start,
        ends_on=start + datetime.timedelta(days=days - 1),
        participants=participants,
        officials=officials,
        residents=residents,
    )
    training.districts.set(districts)
    training.communes.set(communes)
    return training


def _data(**overrides) -> dict:
    data = {
        "title": "Tập huấn kỹ thuật chăn nuôi",
        "kind": "course",
        "level": "district",
        "organiser": "UBND huyện",
        "starts_on": "10/05/2014",
        "ends_on": "11/05/2014",
        "place": "",
        "topics": "",
        "participants": "80",
        "officials": "20",
        "residents": "60",
        "cost": "12,5",
        "cost_source": "local_budget",
        "note": "",
    }
    data.update(overrides)
    return data


def test_a_district_officer_records_a_training_of_the_district(district_officer, district):
    response = client_for(district_officer).post(reverse("trainings:create"), _data(districts=[district.pk]))
    assert response.status_code == 302
    training = Training.objects.get()
    assert list(training.districts.all()) == [district] and training.cost == 12.5


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"level": "province"}, "Chỉ Văn phòng điều phối"),
        ({"ends_on": "09/05/2014"}, "Ngày kết thúc trước ngày bắt đầu"),
        ({"officials": "50", "residents": "50"}, "nhiều hơn số người tham gia"),
        ({"districts": []}, "ít nhất một huyện"),
    ],
)
def test_bad_trainings_are_refused_with_a_message(district_officer, district, overrides, message):
    data = _data(districts=[district.pk])
    data.update(overrides)
    response = client_for(district_officer).post(reverse("trainings:create"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Training.objects.exists()


def test_a_province_training_is_the_offices(district_officer, office):
    training = _training()
    assert client_for(district_officer).get(reverse("trainings:edit", args=[training.pk])).status_code == 403
    assert client_for(office).get(reverse("trainings:edit", args=[training.pk])).status_code == 200


def test_trainings_between_gives_plain_events_overlapping_the_range(leadership, district):
    inside = _training("Trong", start=datetime.date(2014, 5, 10), days=2)
    _training("Trước", start=datetime.date(2014, 4, 1))
    across = _training("Vắt qua", start=datetime.date(2014, 4, 29), days=3)
    events = trainings_between(start=datetime.date(2014, 5, 1), end=datetime.date(2014, 5, 31), user=leadership)
    assert [e["title"] for e in events] == ["Vắt qua", "Trong"]
    assert events[1] == {
        "title": "Trong",
        "start": datetime.date(2014, 5, 10),
        "end": datetime.date(2014, 5, 11),
        "url": inside.get_absolute_url(),
        "kind": "course",
        "kind_label": "lớp tập huấn",
    }
    assert across.pk
    assert trainings_between(start=datetime.date(2014, 5, 1), end=datetime.date(2014, 5, 31), user=None) == []


def test_the_board_counts_courses_and_participants_by_level_and_district(province, district, other_district):
    rng = random.Random(9)
    communes = [
        Commune.objects.create(code=f"5{i:04d}", name=f"Xã {i}", province=province, district=district) for i in range(3)
    ]
    expected = {
        "year": {"courses": 0, "participants": 0},
        "cumulated": {"courses": 0, "participants": 0},
        "district_year": 0,
        "other_cumulated": 0,
        "province_wide": 0,
    }
    for i in range(40):
        year = rng.choice([2012, 2013, 2014, 2015])
        kind = rng.choice(["course", "course", "study_tour", "fair"])
        level = rng.choice(["province", "district", "commune"])
        participants = rng.randint(10, 100)
        ds = [rng.choice([district, other_district])] if level == "district" else []
        cs = [rng.choice(communes)] if level == "commune" else []
        _training(
            f"T{i}",
            kind=kind,
            level=level,
            start=datetime.date(year, 3, 1),
            participants=participants,
            districts=ds,
            communes=cs,
        )
        if year > 2014:
            continue
        for key, counted in [("cumulated", True), ("year", year == 2014)]:
            if counted:
                expected[key]["courses"] += kind == "course"
                expected[key]["participants"] += participants
        covers = {d.pk for d in ds} | {c.district_id for c in cs}
        if year == 2014 and district.pk in covers and kind == "course":
            expected["district_year"] += 1
        if other_district.pk in covers:
            expected["other_cumulated"] += participants
        if level == "province":
            expected["province_wide"] += 1
    board = trainings_board(year=2014, first_year=2012)
    assert board.total.year.courses == expected["year"]["courses"]
    assert board.total.year.participants == expected["year"]["participants"]
    assert board.total.cumulated.courses == expected["cumulated"]["courses"]
    assert board.total.cumulated.participants == expected["cumulated"]["participants"]
    rows = {row.district.pk if row.district else None: row for row in board.districts}
    assert rows[district.pk].year.courses == expected["district_year"]
    assert rows[other_district.pk].cumulated.participants == expected["other_cumulated"]
    assert rows[None].cumulated.events == expected["province_wide"]
    assert sum(row.cumulated.events for row in board.levels) == board.total.cumulated.events
