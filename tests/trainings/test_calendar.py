"""Trainings show on the office's work calendar and in its .ics feed, for every role."""

import datetime

from operations.calendar import events_for
from trainings.models import Training


def _training(district, **extra):
    training = Training.objects.create(
        title="Tập huấn cán bộ xã về bộ tiêu chí",
        kind="course",
        level="district",
        organiser="Văn phòng điều phối",
        starts_on=datetime.date(2014, 4, 8),
        ends_on=datetime.date(2014, 4, 9),
        place="Hội trường huyện",
        participants=80,
        **extra,
    )
    training.districts.add(district)
    return training


def test_a_training_is_an_event_of_the_calendar(office, district_officer, leadership, district, other_district):
    training = _training(district)
    for user in (office, district_officer, leadership):
        events = events_for(start=datetime.date(2014, 4, 1), end=datetime.date(2014, 4, 30), user=user)
        mine = [e for e in events if e.uid == f"training-{training.pk}"]
        assert len(mine) == 1
        assert (mine[0].kind, mine[0].start, mine[0].end) == ("training", training.starts_on, training.ends_on)
    by_district = events_for(
        start=datetime.date(2014, 4, 1), end=datetime.date(2014, 4, 30), user=office, district_id=other_district.pk
    )
    assert not [e for e in by_district if e.source == "trainings"]
    outside = events_for(start=datetime.date(2014, 5, 1), end=datetime.date(2014, 5, 31), user=office)
    assert not [e for e in outside if e.source == "trainings"]
